"""Embed, cite and take the data of one chart; and the embedded view itself (``?chart=NAME&embed=true``).

- ``data_zip_button(ds, item)``: "Data + metadata (ZIP)": the CSV as shown, a metadata JSON
  and a README (``exports.chartdata.chart_data_zip``).
- ``embed_and_cite(row, ds, item)``: a popover with the iframe snippet of the chart and its
  citation in text and BibTeX, with the references behind it (drawn when it is opened).
- ``embed_request()`` / ``render_embed(ds, name)``: when the link has ``embed=true`` and ``chart=NAME``,
  app.py draws only that chart (title, chart, sources, a link to the full view) and stops.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from dashboard.analysis.trust import reference_caption
from dashboard.app.downloads import download
from dashboard.exports import chartdata, images
from dashboard.pack.dataset import Dataset
from dashboard.pack.textsafe import md_escape
from dashboard.views import catalogue
from dashboard.views.links import STREAMLIT_KEYS, view_url

CHART_KEY = "chart"
EMBED_KEY = "embed"
EMBED_HEIGHT = 620


def _base_url() -> str | None:
    from dashboard.app.screen import base_url as base

    return base()


def embed_url(item: images.ExportView, base_url: str | None) -> str:
    params: dict[str, Any] = {CHART_KEY: item.name, **item.params, EMBED_KEY: "true"}
    return view_url(base_url, catalogue.page_path(item.chart.page), params)


def embed_snippet(item: images.ExportView, base_url: str | None) -> str:
    src = embed_url(item, base_url).replace("&", "&amp;").replace('"', "&quot;")
    title = item.chart.takeaway.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    return (
        f'<iframe src="{src}" title="{title}" width="100%" height="{EMBED_HEIGHT}" '
        'style="border:0" loading="lazy"></iframe>'
    )


def data_zip_button(ds: Dataset, item: images.ExportView, *, key: str, csv: bytes) -> None:
    base = _base_url()  # now, while the page runs: the ZIP is made when the button is pressed
    download(
        "Data + metadata (ZIP)",
        lambda: chartdata.chart_data_zip(ds, item, csv=csv, base_url=base),
        file_name=f"{key}-data.zip",
        mime="application/zip",
        key=f"{key}-data-zip",
        icon=":material/folder_zip:",
        help="The CSV as shown, what each column holds, the sources, licence, version and citation.",
    )


def embed_and_cite(row: Any, ds: Dataset, item: images.ExportView, *, key: str) -> None:
    box = row.popover("Embed and cite", icon=":material/format_quote:", key=f"{key}-share", on_change="rerun")
    if not box.open:  # drawn when opened
        return
    base = _base_url()
    with box:
        st.markdown("**Embed**")
        st.caption("Paste this into a web page: it shows this chart with its sources and a link back.")
        st.code(embed_snippet(item, base), language="html", wrap_lines=True)
        st.markdown("**Cite**")
        today = dt.date.today()
        st.code(chartdata.view_citation(ds, item, base_url=base, accessed=today), language=None, wrap_lines=True)
        bib = chartdata.view_bibtex(ds, item, base_url=base, accessed=today)
        refs = chartdata.chart_references_bibtex(ds, item.chart.references)
        st.code(bib + ("\n" + refs if refs else ""), language="bibtex", wrap_lines=True)


# --------------------------------------------------------------------------
# The embedded view
# --------------------------------------------------------------------------


def embed_request() -> str | None:
    """The chart name when the link asks for an embedded chart (``embed=true&chart=NAME``), else None."""
    # Streamlit keeps ``embed`` out of st.query_params; st.context.is_embedded reads it.
    try:
        embedded = bool(st.context.is_embedded)
    except Exception:
        embedded = False
    if not embedded:
        return None
    name = st.query_params.get(CHART_KEY, "")
    return name or None


def render_embed(ds: Dataset, name: str) -> None:
    """Only the chart ``name``: takeaway, chart, sources and pack, and a link to the full view."""
    params = {k: st.query_params.get_all(k) for k in st.query_params if k not in STREAMLIT_KEYS and k != CHART_KEY}
    found = images.export_views(ds, params, names=[name])
    if not found:
        st.info(md_escape(f"This dashboard has no chart named “{name}” (any more)."))
        return
    item = found[0]
    chart = item.chart
    from dashboard.app.screen import for_screen
    from dashboard.exports.citation import licence_name

    meta = ds.meta
    full = view_url(_base_url(), catalogue.page_path(chart.page), item.params)
    note = images.filter_note(ds, item.params) if catalogue.TECH_KEY in item.spec.keys else ""
    with st.container(key="embedded-chart"):
        # What a reader of the host page needs before the chart, inside the iframe's first 620 px: the
        # takeaway, the sources, the pack's version and licence, and the way back to the full view.
        st.markdown(f"**{md_escape(chart.takeaway)}**")
        st.caption(
            md_escape(
                f"{images.subtitle(item.spec, chart)}. {reference_caption(ds, chart.references)} "
                f"{meta.title}, version {meta.version}, last reviewed {images.last_reviewed(ds).isoformat()}. "
                f"Licence: {licence_name(meta.licence)}. " + (note + " " if note else "")
            )
            + f" [Open the full view]({full})"
        )
        st.plotly_chart(for_screen(chart.fig), key=f"embed-{item.name}", alt=chart.alt, width="stretch")

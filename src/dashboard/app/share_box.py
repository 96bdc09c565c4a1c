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
from html import escape
from typing import Any

import streamlit as st

from dashboard.app.downloads import download
from dashboard.app.screen import base_url, draw_figure
from dashboard.exports import chartdata
from dashboard.pack.dataset import Dataset
from dashboard.pack.textsafe import md_escape
from dashboard.views import catalogue
from dashboard.views.entry import Entry, find
from dashboard.views.links import STREAMLIT_KEYS, view_url

CHART_KEY = "chart"
EMBED_KEY = "embed"
EMBED_HEIGHT = 620


def embed_url(item: Entry, base: str | None) -> str:
    params: dict[str, Any] = {CHART_KEY: item.name, **item.params, EMBED_KEY: "true"}
    return view_url(base, catalogue.page_path(item.page), params)


def embed_snippet(item: Entry, base: str | None) -> str:
    return (
        f'<iframe src="{escape(embed_url(item, base))}" title="{escape(item.takeaway)}" width="100%" '
        f'height="{EMBED_HEIGHT}" style="border:0" loading="lazy"></iframe>'
    )


def data_zip_button(ds: Dataset, item: Entry, *, key: str) -> None:
    base = base_url()  # now, while the page runs: the ZIP is made when the button is pressed
    download(
        "Data + metadata (ZIP)",
        lambda: chartdata.chart_data_zip(ds, item, base_url=base),
        file_name=f"{key}-data.zip",
        mime="application/zip",
        key=f"{key}-data-zip",
        icon=":material/folder_zip:",
        help="The CSV as shown, what each column holds, the sources, licence, version and citation.",
    )


def embed_and_cite(row: Any, ds: Dataset, item: Entry, *, key: str) -> None:
    box = row.popover("Embed and cite", icon=":material/format_quote:", key=f"{key}-share", on_change="rerun")
    if not box.open:  # drawn when opened
        return
    base = base_url()
    with box:
        st.markdown("**Embed**")
        st.caption("Paste this into a web page: it shows this chart with its sources and a link back.")
        st.code(embed_snippet(item, base), language="html", wrap_lines=True)
        st.markdown("**Cite**")
        today = dt.date.today()
        st.code(chartdata.view_citation(ds, item, base_url=base, accessed=today), language=None, wrap_lines=True)
        bib = chartdata.view_bibtex(ds, item, base_url=base, accessed=today)
        refs = chartdata.chart_references_bibtex(ds, item.references)
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
    """Only the chart ``name``, as the page draws it for a column (theme colour, the compact layout that a
    phone gets): takeaway, what it measures, chart, sources and pack, and a link to the full view."""
    params = {k: st.query_params.get_all(k) for k in st.query_params if k not in STREAMLIT_KEYS and k != CHART_KEY}
    item = find(ds, name, params)
    if item is None:
        st.info(md_escape(f"This dashboard has no chart named “{name}” (any more)."))
        return
    from dashboard.analysis.references import licence_name

    with st.container(key="embedded-chart"):
        # What a reader of the host page needs before the chart, inside the iframe's first 620 px: the
        # takeaway, the sources, the pack's version and licence, and the way back to the full view.
        st.markdown(f"**{md_escape(item.takeaway)}**")
        st.caption(
            md_escape(
                f"{item.subtitle}. {item.sources} {item.pack_line} Licence: {licence_name(ds.meta.licence)}."
                + (" " + item.filter_note if item.filter_note else "")
            )
            + f" [Open the full view]({item.url(base_url())})"
        )
        draw_figure(item, f"embed-{item.name}", column=True)  # a blog's column: the compact layout

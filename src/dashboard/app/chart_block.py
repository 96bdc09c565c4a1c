"""A catalogue chart on a page: takeaway, Chart / Table / Sources, caption, text alternative, downloads.

Every chart a page shows is a captioned entry of the catalogue (``views.entry.entry``); a page reads
its widgets into the entry's parameters and calls ``chart_block(ds, page, view, params)``.

- ``chart_block(ds, page, view, params) -> Entry | None``: draws the chart as a reader meets it
  and returns it; None (nothing drawn) when the parameters leave nothing to show.
- ``chart_downloads(ds, item, key=...)``: under a chart, "Download" (CSVs, data ZIP, PNG, SVG) and
  "Embed and cite", each drawn when opened, and "Add to talk" (``app.talk_panel``).
"""

from __future__ import annotations

import streamlit as st

from dashboard.app.deferred import pending
from dashboard.app.downloads import download
from dashboard.app.screen import draw_figure
from dashboard.app.tables import column_config, data_table, show_sources
from dashboard.app.talk_panel import talk_changed
from dashboard.exports import images
from dashboard.exports.bundle import table_csv
from dashboard.pack.dataset import Dataset
from dashboard.pack.textsafe import md_escape
from dashboard.views import catalogue
from dashboard.views.entry import Entry, entry
from dashboard.views.variants import EXPORT_HEIGHT, EXPORT_WIDTH


def chart_block(
    ds: Dataset, page: str, view: str, params: catalogue.Params | None = None, *, defer: bool = False
) -> Entry | None:
    """One catalogue chart as a reader meets it: takeaway, Chart / Table / Sources, caption, alt text, CSV.

    The widget keys are the view's name on its page (``effectiveness-chart``, ``effectiveness-csv``);
    the entry's notes follow as captions. Returns the chart drawn, or None when there is nothing to show.

    The block is a fragment: choosing its Table or Sources tab, or opening its Download or Embed panel,
    reruns this block only, not the page around it. Adding it to the talk reruns the page (the sidebar
    lists the talk's slides).

    ``defer``: a chart below the page's first screen; under its heading it is drawn when the reader comes
    near it (``app.deferred``).
    """
    return _block(ds, page, view, params, defer)


@st.fragment
def _block(ds: Dataset, page: str, view: str, params: catalogue.Params | None, defer: bool) -> Entry | None:
    item = entry(ds, page, view, params)
    if item is None:
        return None
    key = view
    st.header(md_escape(item.takeaway), anchor=key)  # h2 under the page's h1: headings never skip a level
    if defer and pending(key, "the chart"):
        return item
    # The tabs follow the URL. The chart is always drawn; the table and the sources are drawn when
    # their tab is chosen, so a page of several charts opens sooner.
    chart_tab, table_tab, sources_tab = st.tabs(["Chart", "Table", "Sources"], key=f"{key}-view", bind="query-params")
    with chart_tab:
        draw_figure(item, f"{key}-chart")
    if table_tab.open:
        with table_tab:
            data_table(item.table, column_config=column_config(item.columns), key=f"{key}-table")
    refs = tuple(item.references)
    if sources_tab.open:
        with sources_tab:
            show_sources(ds, refs, key=key)
    st.caption(md_escape(item.sources))
    st.caption(md_escape(f"Text alternative: {item.alt}"))
    chart_downloads(ds, item, key=key)
    if item.callout is not None:
        kind, text = item.callout
        box = st.warning if kind == "warning" else st.success
        box(md_escape(text), icon=":material/compare_arrows:")
    for note in item.notes:
        st.caption(md_escape(note))
    if talk_changed():
        st.rerun(scope="app")
    return item


def chart_downloads(ds: Dataset, item: Entry, *, key: str) -> None:
    """Under a chart, two buttons: "Download" (the table as shown and the full table as CSV, the data
    with its metadata as a ZIP, PNG and SVG at 1600x900) and "Embed and cite".

    Each opens a panel that is drawn when it is opened, so a page of several charts does not draw
    six buttons and three code blocks under each before a reader sees it.

    The CSVs are ``bundle.table_csv`` of the entry's tables (cells that a spreadsheet would run as a
    formula are prefixed with '). Images are made on demand by the server when the button is clicked;
    they stand alone: title, what is measured, sources, pack version, licence and the view's link.
    """
    from dashboard.app import share_box
    from dashboard.app.screen import base_url

    base = base_url()  # now, while the page runs: the files are made when a button is pressed
    row = st.container(horizontal=True, gap="small", key=f"{key}-actions")
    panel = row.popover(
        "Download",
        icon=":material/download:",
        key=f"{key}-downloads",
        on_change="rerun",
        help="The data as CSV, or as a ZIP with its metadata; the chart as PNG or SVG.",
    )
    share_box.embed_and_cite(row, ds, item, key=key)
    from dashboard.app.talk_panel import add_button

    add_button(row, ds, item, key=key)
    if not panel.open:
        return
    with panel:
        download(
            "Download CSV",
            table_csv(item.table),
            file_name=f"{key}.csv",
            mime="text/csv",
            key=f"{key}-csv",
            icon=":material/download:",
            help="The table as shown, narrowed by the filters and choices on this page and in the sidebar.",
        )
        if item.full_table is not None:
            download(
                "CSV, all rows",
                table_csv(item.full_table),
                file_name=f"{key}-all.csv",
                mime="text/csv",
                key=f"{key}-csv-all",
                icon=":material/download:",
                help="The whole table, without the filters and choices that narrow the one shown.",
            )
        share_box.data_zip_button(ds, item, key=key)
        ok, reason = images.renderer_status()
        if not ok:
            st.caption(md_escape(reason))
            return
        download(
            f"PNG {EXPORT_WIDTH}×{EXPORT_HEIGHT}",
            lambda: images.render_view(ds, item, "png", base_url=base),
            file_name=f"{key}.png",
            mime="image/png",
            key=f"{key}-png",
            icon=":material/image:",
            help="A slide-size image made on the server.",
        )
        download(
            "SVG",
            lambda: images.render_view(ds, item, "svg", base_url=base),
            file_name=f"{key}.svg",
            mime="image/svg+xml",
            key=f"{key}-svg",
            icon=":material/image:",
            help="A vector image for print and slides.",
        )

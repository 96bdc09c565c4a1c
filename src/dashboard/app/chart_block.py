"""A catalogue chart on a page: takeaway, Chart / Table / Sources, caption, text alternative, downloads.

Every chart a page shows is an entry of the catalogue (``views.catalogue.VIEWS``); a page reads its
widgets into the entry's parameters and calls ``chart_block(ds, page, view, params)``.

- ``chart_view(ds, page, view, params) -> ChartView | None``: the entry built once per (pack, page,
  view, normalised parameters), with its CSVs, shared by every session (never mutate it).
- ``chart_block(ds, page, view, params) -> ChartView | None``: draws the chart as a reader meets it
  and returns it; None (nothing drawn) when the parameters leave nothing to show.
- ``chart_downloads(ds, item, csv, key=..., full_csv=...)``: under a chart, "Download" (CSVs, data ZIP,
  PNG, SVG) and "Embed and cite", each drawn when opened.
- ``plotly_config(key)``: the chart toolbar, with PNG export sized for a 16:9 slide.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.app import css
from dashboard.app.downloads import download
from dashboard.app.memo import pack_token, reference_caption
from dashboard.app.screen import for_screen, screen_kind
from dashboard.app.tables import column_config, data_table, show_sources
from dashboard.exports import images
from dashboard.exports.bundle import safe_csv
from dashboard.pack.dataset import Dataset
from dashboard.pack.derived import PerObject
from dashboard.pack.textsafe import md_escape
from dashboard.views import catalogue

# PNG export sized for a 16:9 slide.
EXPORT_WIDTH = 1600
EXPORT_HEIGHT = 900


@dataclass(frozen=True)
class _Rendered:
    view: catalogue.ChartView
    csv: bytes  # formula-safe CSV of the table shown
    full_csv: bytes | None  # and of the whole table, when the entry has one
    screens: dict[tuple[str, bool], go.Figure] = field(default_factory=dict)  # the figure per screen_kind()

    def figure_for_screen(self) -> go.Figure:
        """The figure as this reader's screen draws it, made once per kind of screen (light or dark, phone or not)."""
        kind = screen_kind()
        shown = self.screens.get(kind)
        if shown is None:
            shown = self.screens.setdefault(kind, for_screen(self.view.fig))
        return shown


_whole_csvs: PerObject[bytes] = PerObject()


def _whole_csv(table: pd.DataFrame) -> bytes:
    """The CSV of an entry's whole table, made once per table object: the entries of one view for
    different filters share one whole table (seconds to write at 100x for the risk coverage)."""
    return _whole_csvs.get(table, lambda: safe_csv(table))


@st.cache_resource(max_entries=512, show_spinner=False)
def _render(token: str, page: str, view: str, params: tuple, _ds: Dataset) -> _Rendered | None:
    built = catalogue.build_view(_ds, page, view, {k: list(v) for k, v in params})
    if built is None:
        return None
    full = _whole_csv(built.full_table) if built.full_table is not None else None
    return _Rendered(built, safe_csv(built.table), full)


def _rendered(ds: Dataset, page: str, view: str, params: catalogue.Params | None) -> _Rendered | None:
    return _render(pack_token(ds), page, view, catalogue.normal_params(ds, page, view, params), ds)


def chart_view(ds: Dataset, page: str, view: str, params: catalogue.Params | None = None) -> catalogue.ChartView | None:
    """The catalogue entry (page, view) for ``params``, built once per pack and normalised parameters."""
    rendered = _rendered(ds, page, view, params)
    return rendered.view if rendered is not None else None


def plotly_config(key: str) -> dict:
    """No plotly mode bar: its ten buttons were invisible tab stops on every chart. The PNG, SVG and
    CSV downloads are under the chart (``chart_downloads``)."""
    return {
        "displaylogo": False,
        "displayModeBar": False,
        "responsive": True,
        "toImageButtonOptions": {
            "format": "png",
            "scale": 2,
            "filename": key,
            "width": EXPORT_WIDTH,
            "height": EXPORT_HEIGHT,
        },
    }


def chart_block(
    ds: Dataset, page: str, view: str, params: catalogue.Params | None = None
) -> catalogue.ChartView | None:
    """One catalogue chart as a reader meets it: takeaway, Chart / Table / Sources, caption, alt text, CSV.

    The widget keys are the view's name on its page (``effectiveness-chart``, ``effectiveness-csv``);
    the entry's notes follow as captions. Returns the chart drawn, or None when there is nothing to show.
    """
    rendered = _rendered(ds, page, view, params)
    if rendered is None:
        return None
    chart = rendered.view
    key = view
    st.header(md_escape(chart.takeaway), anchor=key)  # h2 under the page's h1: headings never skip a level
    # The tabs follow the URL. The chart is always drawn; the table and the sources are drawn when
    # their tab is chosen, so a page of several charts opens sooner.
    chart_tab, table_tab, sources_tab = st.tabs(["Chart", "Table", "Sources"], key=f"{key}-view", bind="query-params")
    with chart_tab:
        shown = rendered.figure_for_screen()
        meta = shown.layout.meta
        min_width = meta.get("min_width") if isinstance(meta, dict) else None
        if min_width:  # a matrix on a phone: its own width, scrolled sideways in its tab (focusable), never the page
            st.html(css.scroll_box(f"{key}-chart", min_width))
        st.plotly_chart(shown, key=f"{key}-chart", config=plotly_config(key), alt=chart.alt, width="stretch")
    if table_tab.open:
        with table_tab:
            data_table(chart.table, column_config=column_config(chart.columns), key=f"{key}-table")
    refs = tuple(chart.references)
    if sources_tab.open:
        with sources_tab:
            show_sources(ds, refs, key=key)
    st.caption(md_escape(reference_caption(ds, refs)))
    st.caption(md_escape(f"Text alternative: {chart.alt}"))
    normal = catalogue.normal_params(ds, page, view, params)
    item = images.ExportView(catalogue.VIEWS[(page, view)], {k: list(v) for k, v in normal}, chart)
    chart_downloads(ds, item, rendered.csv, key=key, full_csv=rendered.full_csv)
    for note in chart.notes:
        st.caption(md_escape(note))
    return chart


def chart_downloads(
    ds: Dataset,
    item: images.ExportView,
    csv: bytes,
    *,
    key: str,
    full_csv: bytes | None = None,
) -> None:
    """Under a chart, two buttons: "Download" (the table as shown and the full table as CSV, the data
    with its metadata as a ZIP, PNG and SVG at 1600x900) and "Embed and cite".

    Each opens a panel that is drawn when it is opened, so a page of several charts does not draw
    six buttons and three code blocks under each before a reader sees it.

    ``csv`` and ``full_csv`` are made by ``bundle.safe_csv`` (cells that a spreadsheet would run as a
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
    if not panel.open:
        return
    with panel:
        download(
            "Download CSV",
            csv,
            file_name=f"{key}.csv",
            mime="text/csv",
            key=f"{key}-csv",
            icon=":material/download:",
            help="The table as shown, narrowed by the filters and choices on this page and in the sidebar.",
        )
        if full_csv is not None:
            download(
                "CSV, all rows",
                full_csv,
                file_name=f"{key}-all.csv",
                mime="text/csv",
                key=f"{key}-csv-all",
                icon=":material/download:",
                help="The whole table, without the filters and choices that narrow the one shown.",
            )
        share_box.data_zip_button(ds, item, key=key, csv=csv)
        ok, reason = images.renderer_status()
        if not ok:
            st.caption(md_escape(reason))
            return
        download(
            "PNG 1600×900",
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

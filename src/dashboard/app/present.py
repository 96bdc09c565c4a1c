"""The Streamlit side of presenting and sharing.

- ``begin(ds)`` / ``end(ds, nav, state)``: called by app.py around ``nav.run()``.
  ``begin`` shows the talk full screen when the link has ``?present=1`` (and stops
  the run); otherwise it notes the link's parameters. ``end`` drops parameters the
  view does not have (with a short notice), and draws the sidebar's "Link to this
  view" and "Present and download" controls.
- ``chart_downloads(fig, csv, key=..., full_csv=...)``: the CSVs and PNG/SVG at slide size under
  a chart (called by ``ui.chart_block``, which makes the CSVs).
- ``presentation(ds)``: the talk, one chart per screen, with Previous/Next buttons
  (arrow keys and PageUp/PageDown too), "3 / 10" and the speaker note.

No pack text ever reaches ``unsafe_allow_html``: the only raw HTML here is a fixed
style sheet.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import plotly.graph_objects as go
import streamlit as st

from dashboard.analysis.references import reference_caption
from dashboard.exports import bundle, images
from dashboard.pack.dataset import Dataset
from dashboard.pack.textsafe import md_escape
from dashboard.views import catalogue as present
from dashboard.views import links as share

PRESENT_KEY = share.PRESENT_KEY
SLIDE_KEY = share.SLIDE_KEY
RESERVED_KEYS = frozenset({PRESENT_KEY, SLIDE_KEY})
IMAGES_STATE = "_chart_images_zip"
NOTICE_STATE = "_url_notice_for"

# Fixed, data-free CSS for presentation mode: no sidebar, header, toolbar or footer; large type.
PRESENT_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stSidebarNav"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"], [data-testid="stMainMenu"], footer { display: none !important; }
[data-testid="stMainBlockContainer"], .block-container { padding: 1.2rem 2.5rem 1rem !important; max-width: 100% !important; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li { font-size: 1.35rem; line-height: 1.45; }
[data-testid="stCaptionContainer"] p { font-size: 1.05rem; }
h1 { font-size: 2.6rem !important; line-height: 1.15 !important; padding: 0.2rem 0 0.4rem !important; }
.st-key-slide-next-page, .st-key-slide-previous-page { display: none !important; }
</style>
"""


# --------------------------------------------------------------------------
# Query parameters
# --------------------------------------------------------------------------


def _params_now() -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in st.query_params}


def presenting() -> bool:
    return st.query_params.get(PRESENT_KEY, "") not in ("", "0", "false", "no")


def begin(ds: Dataset) -> dict[str, list[str]]:
    """Before the page runs: the talk for ``?present=1`` (stops the run), else the link's parameters."""
    if presenting():
        presentation(ds)
        st.stop()
    return _params_now()


def end(ds: Dataset, nav: Any, before: Mapping[str, list[str]], *, where: Any = None) -> None:
    """After the page ran: notice for ignored parameters, the view's link, presenting and downloads.

    ``where``: the container to draw the link and downloads in (app.py passes one near the top of the
    sidebar); default the end of the sidebar."""
    tidy_url(before, page=getattr(nav, "url_path", ""))
    with where if where is not None else st.sidebar:
        if where is None:
            st.divider()
        link_to_view(getattr(nav, "url_path", ""))
        downloads(ds)


def tidy_url(before: Mapping[str, list[str]], *, page: str = "") -> list[share.Dropped]:
    """Drop parameters no widget of this view reads; tell the reader once what was ignored.

    Values a widget refused (a technique id the pack no longer has) were already removed
    by Streamlit while the page ran; they are reported here too.
    """
    after = _params_now()
    allowed: dict[str, None] = {k: None for k in st.session_state.keys() if isinstance(k, str)}
    allowed.update({k: None for k in RESERVED_KEYS})
    _, unknown = share.clean_params(after, allowed)
    for d in unknown:
        try:
            del st.query_params[d.key]
        except Exception:
            pass
    dropped = share.changed_params(before, after) + unknown
    signature = f"{page}?{share.query_string(before)}"
    if dropped and st.session_state.get(NOTICE_STATE) != signature:
        st.session_state[NOTICE_STATE] = signature
        st.toast(md_escape(share.describe_dropped(dropped)), icon=":material/link_off:")
    return dropped


def current_url(page_path: str) -> str:
    """The full link of the view on screen (relative when the server's address is unknown)."""
    try:
        base = st.context.url
    except Exception:
        base = None
    base = share.app_base(base, [present.page_path(p) for p in present.PAGES])
    params = {k: v for k, v in _params_now().items() if k not in share.STREAMLIT_KEYS}
    return share.view_url(base, page_path, params)


def link_to_view(page_path: str) -> None:
    with st.expander("Link to this view", icon=":material/link:"):
        st.caption("Every filter and choice on this page is in the link. Copy it with the button at its right.")
        st.code(current_url(page_path), language=None, wrap_lines=True)


# --------------------------------------------------------------------------
# Downloads
# --------------------------------------------------------------------------


def _pack_files() -> tuple[Callable[[], dict[str, bytes] | None], bool]:
    """(a reader of the pack's own files for the bundle, whether the bundle has them).

    The files are read when the bundle is made, not on every run. An uploaded pack's files are in
    the session (absent when they were not kept); the default pack's are read from its directory.
    """
    from dashboard.app import state as ui
    from dashboard.pack.load import default_data_dir

    if st.session_state.get(ui.UPLOADED_PACK_KEY) is not None:
        files = st.session_state.get("uploaded_pack_files")
        kept = dict(files) if isinstance(files, Mapping) else None
        return (lambda: kept), kept is not None
    directory = default_data_dir()
    return (lambda: bundle.pack_files_from_dir(directory)), True


def _report_bytes(ds: Dataset) -> bytes:
    from dashboard.exports.report import report_html

    return report_html(ds).encode("utf-8")


def downloads(ds: Dataset) -> None:
    """Presentation mode, the offline report, the data bundle and all chart images."""
    with st.expander("Present and download", icon=":material/slideshow:"):
        st.button(
            "Start presentation",
            key="start-presentation",
            icon=":material/slideshow:",
            on_click=_start_presentation,
            help="Full screen, one chart per slide; arrow keys step through the talk.",
            width="stretch",
        )
        slug = images.file_stem(ds.meta.title)
        st.download_button(
            "Download offline report",
            data=lambda: _report_bytes(ds),
            file_name=f"{slug}-report.html",
            mime="text/html",
            key="download-report",
            on_click="ignore",
            icon=":material/description:",
            help="One HTML file with every chart, its table and sources; works without a network.",
            width="stretch",
        )
        files, has_files = _pack_files()
        st.download_button(
            "Download data bundle",
            data=lambda: bundle.bundle_zip(ds, files()),
            file_name=bundle.bundle_name(ds),
            mime="application/zip",
            key="download-bundle",
            on_click="ignore",
            icon=":material/folder_zip:",
            help="The pack's files, JSON, a README defining every field, citation and BibTeX.",
            width="stretch",
        )
        if not has_files:
            st.caption("The bundle of an uploaded pack holds its JSON, field guide and citations.")
        all_chart_images(ds)


def _start_presentation() -> None:
    st.query_params[PRESENT_KEY] = "1"
    st.query_params[SLIDE_KEY] = "1"


def all_chart_images(ds: Dataset) -> None:
    """Make every chart as PNG and SVG at 1600x900 on the server, with progress, then offer the ZIP."""
    ok, reason = images.renderer_status()
    if not ok:
        st.caption(md_escape(reason))
        return
    if st.button(
        "Make all chart images",
        key="make-chart-images",
        icon=":material/image:",
        width="stretch",
        help="PNG and SVG of every chart at 1600x900, for slides.",
    ):
        views = present.all_views(ds)
        bar = st.progress(0.0, text="Preparing chart images…")

        def tick(done: int, total: int, name: str) -> None:
            bar.progress(done / total, text=f"Rendering {done} of {total}: {name}")

        items = [
            images.ChartImage(v.name, v.fig, title=v.takeaway, alt=v.alt, sources=reference_caption(ds, v.references))
            for v in views
        ]
        try:
            st.session_state[IMAGES_STATE] = images.charts_zip(items, progress=tick)
        except images.ImagesUnavailable as err:
            bar.empty()
            st.caption(md_escape(str(err)))
            return
        bar.empty()
    data = st.session_state.get(IMAGES_STATE)
    if data:
        st.download_button(
            "Download chart images (ZIP)",
            data=data,
            file_name=f"{images.file_stem(ds.meta.title)}-charts.zip",
            mime="application/zip",
            key="download-chart-images",
            on_click="ignore",
            icon=":material/download:",
            width="stretch",
        )


def chart_downloads(
    fig: go.Figure,
    csv: bytes,
    *,
    key: str,
    full_csv: bytes | None = None,
) -> None:
    """Under a chart, in one row: the table as shown (CSV), the full table (CSV), PNG and SVG at 1600x900.

    ``csv`` and ``full_csv`` are made by ``bundle.safe_csv`` (cells that a spreadsheet would run as a
    formula are prefixed with '). Images are made on demand by the server when the button is clicked.
    """
    ok, reason = images.renderer_status()
    # One row of buttons as wide as their labels, wrapping in a narrow column (fixed columns cut the labels).
    row = st.container(horizontal=True, gap="small", key=f"{key}-downloads")
    row.download_button(
        "Download CSV",
        csv,
        file_name=f"{key}.csv",
        mime="text/csv",
        key=f"{key}-csv",
        on_click="ignore",
        icon=":material/download:",
        help="The table as shown, narrowed by the filters and choices on this page and in the sidebar.",
    )
    if full_csv is not None:
        row.download_button(
            "CSV, all rows",
            full_csv,
            file_name=f"{key}-all.csv",
            mime="text/csv",
            key=f"{key}-csv-all",
            on_click="ignore",
            icon=":material/download:",
            help="The whole table, without the filters and choices that narrow the one shown.",
        )
    if not ok:
        row.caption(md_escape(reason))
        return
    row.download_button(
        "PNG 1600×900",
        data=lambda: images.render(fig, "png"),
        file_name=f"{key}.png",
        mime="image/png",
        key=f"{key}-png",
        on_click="ignore",
        icon=":material/image:",
        help="A slide-size image made on the server.",
    )
    row.download_button(
        "SVG",
        data=lambda: images.render(fig, "svg"),
        file_name=f"{key}.svg",
        mime="image/svg+xml",
        key=f"{key}-svg",
        on_click="ignore",
        icon=":material/image:",
        help="A vector image for print and slides.",
    )


# --------------------------------------------------------------------------
# Presentation mode
# --------------------------------------------------------------------------


def _go_to(index: int) -> None:
    st.query_params[SLIDE_KEY] = str(index + 1)


def _exit_presentation() -> None:
    for k in (PRESENT_KEY, SLIDE_KEY):
        if k in st.query_params:
            del st.query_params[k]


def presentation(ds: Dataset) -> None:
    """The talk full screen: one slide, its chart at 16:9, Previous/Next, '3 / 10', the speaker note."""
    st.html(PRESENT_CSS)
    talk = present.talk_of(ds)
    n = len(talk.slides)
    index = present.slide_index(st.query_params.get(SLIDE_KEY), n)
    slide = talk.slides[index]

    top = st.columns([6, 1], vertical_alignment="center")
    top[0].caption(md_escape(talk.title))
    top[1].markdown(f"**{present.slide_label(index, n)}**")
    st.title(md_escape(slide.title), anchor=False)

    view = present.build_view(ds, slide.page, slide.view, present.slide_params(slide))
    if view is None:
        st.markdown(md_escape(slide.note))
        if slide.view is not None:
            st.caption("This slide's chart has nothing to show with this pack.")
    else:
        fig = go.Figure(view.fig)
        fig.update_layout(height=present.SLIDE_HEIGHT, title=None)
        st.plotly_chart(
            fig,
            key=f"slide-chart-{index}",
            config={"displaylogo": False, "displayModeBar": False, "responsive": True},
            width="stretch",
            alt=view.alt,
        )
        st.caption(md_escape(reference_caption(ds, view.references)))

    nav = st.columns([1, 1, 3, 1], vertical_alignment="center")
    nav[0].button(
        "Previous",
        key="slide-previous",
        icon=":material/arrow_back:",
        on_click=_go_to,
        args=(present.previous_index(index),),
        disabled=index == 0,
        shortcut="Left",
        width="stretch",
    )
    nav[1].button(
        "Next",
        key="slide-next",
        icon=":material/arrow_forward:",
        on_click=_go_to,
        args=(present.next_index(index, n),),
        disabled=index == n - 1,
        shortcut="Right",
        type="primary",
        width="stretch",
    )
    nav[3].button(
        "Exit", key="slide-exit", icon=":material/close:", on_click=_exit_presentation, shortcut="Esc", width="stretch"
    )
    # Presenter remotes send PageUp/PageDown: hidden twins of the two buttons.
    st.button(
        "Next slide",
        key="slide-next-page",
        on_click=_go_to,
        args=(present.next_index(index, n),),
        shortcut="PageDown",
        disabled=index == n - 1,
    )
    st.button(
        "Previous slide",
        key="slide-previous-page",
        on_click=_go_to,
        args=(present.previous_index(index),),
        shortcut="PageUp",
        disabled=index == 0,
    )
    with nav[2]:
        try:
            st.page_link(
                f"pages/{slide.page}.py",
                label="Open this view in the dashboard",
                icon=":material/open_in_new:",
                query_params=present.link_params(ds, present.slide_params(slide)),
            )
        except Exception:
            pass

    with st.expander("Speaker note", icon=":material/record_voice_over:"):
        st.markdown(md_escape(slide.note))
        if view is not None:
            st.caption(md_escape(f"Chart: {view.takeaway}."))
            st.caption(md_escape(f"Text alternative: {view.alt}"))
        problems = present.talk_problems(ds, talk)
        if problems:
            st.caption(md_escape("This talk does not fit this pack in places: " + "; ".join(problems) + "."))

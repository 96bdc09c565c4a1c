"""The Streamlit side of presenting and sharing.

- ``begin(ds)`` / ``end(ds, nav, state)``: called by app.py around ``nav.run()``.
  ``begin`` shows the talk full screen when the link has ``?present=1`` (and stops
  the run); otherwise it notes the link's parameters. ``end`` drops parameters the
  view does not have (with a short notice), and draws the sidebar's "Link to this
  view" and "Present and download" controls.
- Presentation mode itself (the slides, the presenter view) is in ``app.slides``.

No pack text ever reaches ``unsafe_allow_html``: the only raw HTML here is a fixed
style sheet.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st

from dashboard.app.downloads import download, pdf_download
from dashboard.app.pack import UPLOADED_PACK_KEY
from dashboard.app.screen import base_url
from dashboard.exports import bundle, images
from dashboard.pack.dataset import Dataset
from dashboard.pack.textsafe import md_escape, slug
from dashboard.views import links
from dashboard.views.entry import entries

PRESENT_KEY = links.PRESENT_KEY
SLIDE_KEY = links.SLIDE_KEY
RESERVED_KEYS = frozenset({PRESENT_KEY, SLIDE_KEY, "presenter", "talk", "key"})
IMAGES_STATE = "_chart_images_zip"
NOTICE_STATE = "_url_notice_for"


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
        from dashboard.app.slides import presentation

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


def tidy_url(before: Mapping[str, list[str]], *, page: str = "") -> list[links.Dropped]:
    """Drop parameters no widget of this view reads; tell the reader once what was ignored.

    Values a widget refused (a technique id the pack no longer has) were already removed
    by Streamlit while the page ran; they are reported here too.
    """
    after = _params_now()
    allowed: dict[str, None] = {k: None for k in st.session_state if isinstance(k, str)}
    allowed.update({k: None for k in RESERVED_KEYS})
    _, unknown = links.clean_params(after, allowed)
    for d in unknown:
        try:
            del st.query_params[d.key]
        except Exception:
            pass
    dropped = links.changed_params(before, after) + unknown
    signature = f"{page}?{links.query_string(before)}"
    if dropped and st.session_state.get(NOTICE_STATE) != signature:
        st.session_state[NOTICE_STATE] = signature
        st.toast(md_escape(links.describe_dropped(dropped)), icon=":material/link_off:")
    return dropped


def current_url(page_path: str) -> str:
    """The full link of the view on screen (relative when the server's address is unknown)."""
    base = base_url()
    params = {k: v for k, v in _params_now().items() if k not in links.STREAMLIT_KEYS}
    return links.view_url(base, page_path, params)


def link_to_view(page_path: str) -> None:
    box = st.expander("Link to this view", icon=":material/link:", key="link-to-view", on_change="rerun")
    if not box.open:  # drawn when opened, as is "Present and download": the first view comes sooner
        return
    with box:
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
    from dashboard.pack.load import default_data_dir

    if st.session_state.get(UPLOADED_PACK_KEY) is not None:
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
    box = st.expander(
        "Present and download", icon=":material/slideshow:", key="present-and-download", on_change="rerun"
    )
    if not box.open:
        return
    with box:
        st.button(
            "Start presentation",
            key="start-presentation",
            icon=":material/slideshow:",
            on_click=_start_presentation,
            help="Full screen, one chart per slide; arrow keys step through the talk.",
            width="stretch",
        )
        stem = slug(ds.meta.title, default="chart")
        download(
            "Download offline report",
            lambda: _report_bytes(ds),
            file_name=f"{stem}-report.html",
            mime="text/html",
            key="download-report",
            icon=":material/description:",
            help="One HTML file with every chart, its table and sources; works without a network.",
        )
        brief_pdf_button(ds, stem)
        from dashboard.app.slides import handout_button

        handout_button(ds)
        files, has_files = _pack_files()
        download(
            "Download data bundle",
            lambda: bundle.bundle_zip(ds, files()),
            file_name=bundle.bundle_name(ds),
            mime="application/zip",
            key="download-bundle",
            icon=":material/folder_zip:",
            help="The pack's files, JSON, a README defining every field, citation and BibTeX.",
        )
        if not has_files:
            st.caption("The bundle of an uploaded pack holds its JSON, field guide and citations.")
        all_chart_images(ds)


def brief_pdf_button(ds: Dataset, stem: str) -> None:
    """The PDF brief (headline figures, key charts, grades, cruxes, references), printed on the server."""
    from dashboard.exports import pdf

    pdf_download(
        "Download PDF brief",
        lambda: pdf.brief_pdf(ds),
        file_name=f"{stem}-brief.pdf",
        key="download-brief-pdf",
        help="A few printed pages: headline figures with sources, key charts, grades, cruxes, references.",
    )


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
        views = entries(ds, _params_now())  # the charts as the sidebar's filter narrows them
        bar = st.progress(0.0, text="Preparing chart images…")

        def tick(done: int, total: int, name: str) -> None:
            bar.progress(done / total, text=f"Rendering {done} of {total}: {name}")

        try:
            st.session_state[IMAGES_STATE] = images.charts_zip(ds, views, base_url=base_url(), progress=tick)
        except images.ImagesUnavailable as err:
            bar.empty()
            st.caption(md_escape(str(err)))
            return
        bar.empty()
    data = st.session_state.get(IMAGES_STATE)
    if data:
        download(
            "Download chart images (ZIP)",
            data,
            file_name=f"{slug(ds.meta.title, default='chart')}-charts.zip",
            mime="application/zip",
            key="download-chart-images",
            icon=":material/download:",
        )

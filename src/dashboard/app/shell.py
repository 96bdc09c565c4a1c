"""The dashboard's shell, run for every visit by app.py: page configuration, navigation and the shared
sidebar, then the page itself.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard.app import deferred, focus, share_box, talk_panel, theme_watch
from dashboard.app import present as present_ui
from dashboard.app import upload as uploader
from dashboard.app.css import PAGE_CSS
from dashboard.app.filters import technique_filter
from dashboard.app.pack import UPLOADED_PACK_KEY, dataset
from dashboard.pack.textsafe import md_escape
from dashboard.views.pages import DEFAULT_PAGE, PAGE_LIST


def build_navigation(pages_dir: Path) -> dict[str, list]:
    """Only pages whose file exists are listed, so the app runs while pages are being written."""
    sections: dict[str, list] = {}
    for p in PAGE_LIST:
        path = pages_dir / f"{p.name}.py"
        if not path.exists():
            continue
        page = st.Page(path, title=p.title, icon=p.icon, url_path=p.name, default=(p.name == DEFAULT_PAGE))
        sections.setdefault(p.section, []).append(page)
    return sections


def main(pages_dir: Path) -> None:
    """One run of the app: ``pages_dir`` holds one file per page (pages/ beside app.py)."""
    st.set_page_config(
        page_title="AI-assisted alignment dashboard",
        page_icon=":material/balance:",
        layout="wide",
        initial_sidebar_state="auto",  # collapsed on a narrow screen, where it covered the page,
        menu_items={"About": "AI-assisted alignment: what the evidence says, with every figure traced to its source."},
    )

    embedded = share_box.embed_request()  # ?chart=NAME&embed=true: only that chart, no sidebar
    nav = st.navigation(build_navigation(pages_dir), position="hidden" if embedded else "sidebar")
    st.html(PAGE_CSS)
    focus.install()  # a panel under a chart takes the keyboard's focus when opened and gives it back
    deferred.install()  # the parts of a page below its first screen are drawn when the reader comes near
    if embedded:
        theme_watch.install()  # the chart is drawn again when the reader's theme changes
        share_box.render_embed(dataset(), embedded)
        st.stop()

    # The sidebar in the order a reader needs it, all of it above the fold of a 1280x720 screen: the filter,
    # then the view's link and "Present and download", then the uploader and the notes on the data.
    with st.sidebar:
        filter_slot = st.container()
        actions_slot = st.container()
        talk_slot = st.container()
        upload_slot = st.container()
        about_slot = st.container()

    with upload_slot:
        # "Use your own data pack": stores a validated Dataset in st.session_state["uploaded_pack"]; dataset() uses it.
        uploader.render()
    uploader.main_notice()  # in the main area, above every page: your pack, a refused upload, or a lost one

    ds = dataset()  # an invalid pack shows its problems here and stops the run
    url_state = present_ui.begin(ds)  # ?present=1 shows the talk full screen and stops here
    # The charts are drawn again when the reader's theme changes. Not on slides: they are black on white
    # whatever the theme, and a dark window watching them asked for a run it did not need on every load.
    theme_watch.install()

    with filter_slot:
        technique_filter(ds)
    with about_slot, st.expander("About this data", expanded=False, icon=":material/info:"):
        meta = ds.meta
        reviewed = [r.last_reviewed for r in meta.files.values()]
        st.caption(md_escape(f"{meta.title}, version {meta.version}."))
        if reviewed:
            latest, oldest = max(reviewed), min(reviewed)
            when = latest.isoformat() if latest == oldest else f"{oldest.isoformat()} to {latest.isoformat()}"
            st.caption(md_escape(f"Last reviewed: {when}."))
        st.caption(md_escape(f"Licence: {meta.licence}"))
        if st.session_state.get(UPLOADED_PACK_KEY) is not None:
            st.caption("Showing an uploaded pack, not the shipped one.")

    nav.run()
    # Notice for ignored link settings; link to this view; present and download (near the top of the sidebar).
    present_ui.end(ds, nav, url_state, where=actions_slot)
    with talk_slot:
        talk_panel.panel(ds)  # the presenter's own talk: after the page, so a chart just added is listed

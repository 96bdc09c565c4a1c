"""A download as the dashboard offers every one: pressing the button saves the file without
rerunning the page (``data`` may be a function, called only then, for files made on demand)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import streamlit as st

from dashboard.pack.textsafe import md_escape


def download(
    label: str,
    data: bytes | str | Callable[[], bytes | str],
    *,
    file_name: str,
    mime: str,
    key: str,
    icon: str,
    help: str | None = None,
    width: Literal["stretch", "content"] = "stretch",
) -> None:
    """A download button in the current container, as wide as ``width``."""
    st.download_button(
        label,
        data,
        file_name=file_name,
        mime=mime,
        key=key,
        on_click="ignore",
        icon=icon,
        help=help,
        width=width,
    )


def pdf_download(label: str, make: Callable[[], bytes], *, file_name: str, key: str, help: str) -> None:
    """A PDF printed on the server when the button is pressed; where no Chromium can print it, a caption
    saying so instead of the button."""
    from dashboard.exports import browser

    ok, reason = browser.pdf_status()
    if not ok:
        st.caption(md_escape(reason))
        return
    download(
        label, make, file_name=file_name, mime="application/pdf", key=key, icon=":material/picture_as_pdf:", help=help
    )

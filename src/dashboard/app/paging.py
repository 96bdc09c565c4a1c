"""Paging long lists of cards (big packs), bound to the URL, so that a page draws a bounded number of elements.

``page_slice(total, key, size)`` returns the ``slice`` of items to draw. When ``total`` fits in one page
it draws nothing and returns every item, so a pack with short lists looks exactly as it would without paging.
"""

from __future__ import annotations

import streamlit as st

PAGE_SIZE = 20


def page_slice(total: int, key: str, noun: str, size: int = PAGE_SIZE) -> slice:
    """The items of the page the reader chose (a page number in the URL under ``key``), with a pager above them."""
    if total <= size:
        return slice(0, total)
    pages = -(-total // size)
    page = st.pagination(pages, key=key, bind="query-params")
    page = min(max(int(page), 1), pages)
    start = (page - 1) * size
    stop = min(start + size, total)
    st.caption(f"Showing {noun} {start + 1} to {stop} of {total:,} (page {page} of {pages}).")
    return slice(start, stop)

"""One line under a page's title: does the sidebar's technique filter apply here, and what did it narrow?

``filter_notice(ds, applies=True, what="the charts and tables")`` on a page the filter narrows;
``applies=False`` where it cannot (a lab's grades do not depend on techniques). One call per page.
"""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from dashboard.app.filters import selected_techniques
from dashboard.pack.dataset import Dataset
from dashboard.pack.textsafe import md_escape

__all__ = ["filter_notice", "filter_text"]


def filter_text(ds: Dataset, *, applies: bool, what: str, drawn: Iterable[str] | None = None, of: str = "") -> str:
    """The notice's words (plain text, not yet escaped).

    ``drawn``: the techniques the page's data has anything for (``of`` says what: "estimates"); the
    count then says how many are shown, not how many the filter lets through."""
    total = len(ds.techniques)
    if not applies:
        return f"Sidebar technique filter: does not apply to {what}."
    shown = selected_techniques(ds)
    with_data = None if drawn is None else set(drawn)
    if len(shown) >= total:
        if with_data is not None and len(with_data & set(shown)) < total:
            n = len(with_data & set(shown))
            return (
                f"Sidebar technique filter: applies to {what}; none chosen, so every technique with {of or 'data'} "
                f"is shown: {n} of {total}."
            )
        return f"Sidebar technique filter: applies to {what}; none chosen, so all {total} techniques are shown."
    names = [ds.technique_by_id[t].name for t in shown]
    listed = ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")
    text = f"Sidebar technique filter: applies to {what}; narrowed to {len(shown)} of {total} techniques ({listed})"
    if with_data is not None:
        n = len(with_data & set(shown))
        text += f"; {n} of them {'has' if n == 1 else 'have'} {of or 'data'} and {'is' if n == 1 else 'are'} shown"
    return text + "."


def filter_notice(ds: Dataset, applies: bool, what: str, drawn: Iterable[str] | None = None, of: str = "") -> None:
    """Draw the notice in the main area (a caption with a filter icon)."""
    icon = ":material/filter_alt:" if applies else ":material/filter_alt_off:"
    st.caption(f"{icon} {md_escape(filter_text(ds, applies=applies, what=what, drawn=drawn, of=of))}")

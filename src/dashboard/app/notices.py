"""One line under a page's title: does the sidebar's technique filter apply here, and what did it narrow?

``filter_notice(ds, applies=True, what="the charts and tables")`` on a page the filter narrows;
``applies=False`` where it cannot (a lab's grades do not depend on techniques). One call per page.
"""

from __future__ import annotations

import streamlit as st

from dashboard.app.filters import selected_techniques
from dashboard.pack.dataset import Dataset
from dashboard.pack.textsafe import md_escape

__all__ = ["filter_notice", "filter_text"]


def filter_text(ds: Dataset, *, applies: bool, what: str) -> str:
    """The notice's words (plain text, not yet escaped)."""
    total = len(ds.techniques)
    if not applies:
        return f"Sidebar technique filter: does not apply to {what}."
    shown = selected_techniques(ds)
    if len(shown) >= total:
        return f"Sidebar technique filter: applies to {what}; none chosen, so all {total} techniques are shown."
    names = [ds.technique_by_id[t].name for t in shown]
    listed = ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")
    return f"Sidebar technique filter: applies to {what}; narrowed to {len(shown)} of {total} techniques ({listed})."


def filter_notice(ds: Dataset, applies: bool, what: str) -> None:
    """Draw the notice in the main area (a caption with a filter icon)."""
    icon = ":material/filter_alt:" if applies else ":material/filter_alt_off:"
    st.caption(f"{icon} {md_escape(filter_text(ds, applies=applies, what=what))}")

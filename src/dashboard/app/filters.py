"""The sidebar's technique filter and the choices pages keep in the URL.

- ``technique_filter(ds)``: draws the sidebar technique multiselect (key ``tech``, in the URL).
- ``selected_techniques(ds) -> list[str]``: the chosen technique ids in pack order; none chosen means all.
- ``filter_is_active(ds)``: whether the filter narrows the techniques.
- ``keep_choice(key, options)``: a stale stored choice becomes the first option.
- ``offered(options, key, label)``: the first ``MAX_SELECT_OPTIONS`` options of a long select, and the one chosen.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import streamlit as st

from dashboard.app.memo import memo
from dashboard.pack.dataset import Dataset
from dashboard.views.catalogue import TECH_KEY, narrows

__all__ = [
    "MAX_SELECT_OPTIONS",
    "TECH_KEY",
    "filter_is_active",
    "keep_choice",
    "offered",
    "selected_techniques",
    "technique_filter",
]

# A select offers at most this many options (a big pack's 14,600 figures are sent to the browser, and
# labelled, on every run, and no one scrolls through them); the one chosen is always among them.
MAX_SELECT_OPTIONS = 200


def technique_filter(ds: Dataset) -> list[str]:
    """The sidebar multiselect of techniques (key ``tech``, bound to the URL). Call once per run."""

    def _options() -> tuple[dict[str, str], list[str]]:
        names = {t.id: t.name for t in ds.techniques}
        return names, sorted(names, key=lambda i: (not ds.technique_by_id[i].ai_assisted, names[i].lower()))

    names, options = memo(ds, "sidebar-technique-options", _options)
    # A pack change (e.g. an upload) can leave ids in the state that no longer exist.
    current = st.session_state.get(TECH_KEY)
    if isinstance(current, list) and any(c not in names for c in current):
        st.session_state[TECH_KEY] = [c for c in current if c in names]
    return st.multiselect(
        "Techniques",
        options,
        format_func=lambda i: names.get(i, i),
        key=TECH_KEY,
        bind="query-params",
        placeholder="All techniques",
        help="Narrow every chart and table to these techniques. Empty shows all.",
    )


def keep_choice(key: str, options: Sequence) -> None:
    """Call before drawing the select bound to ``key``: a stored choice it no longer offers (an old
    link, a narrower filter or search, or None left while it offered nothing) becomes its first
    option, so the select never returns a stale value or None. A first run's URL value is untouched."""
    if key in st.session_state and st.session_state[key] not in options:
        st.session_state[key] = options[0] if len(options) else None


def offered(options: Sequence[str], key: str, label: Callable[[str], str], limit: int | None = None) -> list[str]:
    """What a select bound to ``key`` offers: every option up to ``limit``, else the first ``limit`` and the
    one chosen when it is further down (in the session, or on a first run in the URL, which holds its
    ``label``), so a link to any option still opens on it. Call before ``keep_choice``."""
    limit = MAX_SELECT_OPTIONS if limit is None else limit
    if len(options) <= limit:
        return list(options)
    shown = list(options[:limit])
    chosen = st.session_state.get(key)
    if chosen is None and key in st.query_params:
        wanted = st.query_params[key]
        chosen = next((o for o in options if label(o) == wanted or o == wanted), None)
    if chosen is not None and chosen not in shown and chosen in options:
        shown.append(chosen)
    return shown


def selected_techniques(ds: Dataset) -> list[str]:
    """Technique ids chosen in the sidebar filter, in pack order; none chosen means all of them."""
    chosen = st.session_state.get(TECH_KEY) or []
    if isinstance(chosen, str):
        chosen = [chosen]
    chosen_set = set(chosen)
    picked = [t.id for t in ds.techniques if t.id in chosen_set]
    return picked or [t.id for t in ds.techniques]


def filter_is_active(ds: Dataset) -> bool:
    """True when the sidebar filter narrows the techniques (for a "filtered" note on a page)."""
    return narrows(ds, selected_techniques(ds))


def labelled(labels: Mapping[str, str]) -> Callable[[str], str]:
    """A select's ``format_func`` showing each option's label (an option without one shows as it is)."""
    return lambda value: labels.get(value, value)

"""A presenter's own talk, kept in the talk store (the words and order: ``views.own_talk``; the panel:
``app.talk_panel``).

The talk is a talk of the store (``Store.start_talk``) with slides of its own (``Store.set_deck``:
its talk.yaml text), so its presenter link (``?present=1&presenter=1&talk=ID&key=SECRET``), projector
windows and audience page show it on every replica. The browser that made it keeps (id, secret) in
the session and in a cookie of this site (``dashboard_talk``, for as long as the store keeps the talk),
so the talk is still the presenter's after a reload or in a new tab. The secret is in no page link.

- ``mine()``: (id, secret) of this browser's talk, when the store still has it.
- ``current(ds)``: the talk, or None.
- ``save(ds, talk)``: store the talk's slides (starting the talk on its first slide).
- ``forget()``: this browser lets the talk go (it stays in the store until it idles out).
- ``dataset_for(ds, talk_id)``: the pack showing the talk's own slides when it has some (else ``ds``).
"""

from __future__ import annotations

import streamlit as st

from dashboard.app import room
from dashboard.pack import models as m
from dashboard.pack.dataset import Dataset
from dashboard.store import SECRET, TALK_ID, StoreError
from dashboard.views import own_talk as ot

STATE = "_own_talk"  # (talk id, secret)
COOKIE = "dashboard_talk"
FORGOTTEN_STATE = "_own_talk_forgotten"

# Fixed script but for an id and a secret that match [A-Za-z0-9_-] (checked before they are written).
COOKIE_JS = "<script>document.cookie = '{name}={value}; path=/; max-age={age}; samesite=strict';</script>"


def dataset_for(ds: Dataset, talk_id: str | None) -> Dataset:
    """``ds`` showing the talk's own slides, when ``talk_id`` names a talk that has some."""
    if not talk_id or not TALK_ID.match(talk_id):
        return ds
    try:
        content = room.talk_store().deck_content(talk_id)
    except StoreError:
        return ds
    talk = ot.stored_talk(content) if content else None
    return ot.with_talk(ds, talk) if talk is not None else ds


def _from_cookie() -> tuple[str, str] | None:
    try:
        raw = st.context.cookies.get(COOKIE, "")
    except Exception:
        return None
    if not isinstance(raw, str):  # no browser behind the session (a headless test)
        return None
    tid, _, secret = raw.partition(".")
    return (tid, secret) if TALK_ID.match(tid) and SECRET.match(secret) else None


def mine() -> tuple[str, str] | None:
    """(id, secret) of this browser's own talk, while the store keeps it."""
    held = st.session_state.get(STATE)
    if held is None and not st.session_state.get(FORGOTTEN_STATE):
        held = _from_cookie()
    if held is None:
        return None
    try:
        if not room.talk_store().is_presenter(*held):
            st.session_state.pop(STATE, None)
            return None
    except StoreError:
        return None
    st.session_state[STATE] = held
    return held


def current(ds: Dataset) -> m.Talk | None:
    held = mine()
    if held is None:
        return None
    try:
        content = room.talk_store().deck_content(held[0])
    except StoreError:
        return None
    return ot.stored_talk(content) if content else None


def save(ds: Dataset, talk: m.Talk) -> tuple[str, str]:
    """Keep ``talk`` as this browser's talk in the store; (id, secret). Raises StoreError."""
    store = room.talk_store()
    held = mine()
    if held is None:
        started, secret = store.start_talk(ot.digest(talk), len(talk.slides))
        held = (started.id, secret)
        st.session_state[STATE] = held
        st.session_state.pop(FORGOTTEN_STATE, None)
    store.set_deck(held[0], held[1], ot.to_yaml(talk), ot.digest(talk), len(talk.slides))
    if room._hub is not None:  # audience pages on this replica redraw now
        room._hub.poke_from_thread()
    return held


def remember_in_browser() -> None:
    """Write this browser's talk into its cookie (drawn by the panel on each run that holds a talk)."""
    held = st.session_state.get(STATE)
    if held is None:
        return
    tid, secret = held
    if TALK_ID.match(tid) and SECRET.match(secret):
        age = int(room.talk_store().ttl)
        st.html(COOKIE_JS.format(name=COOKIE, value=f"{tid}.{secret}", age=age), unsafe_allow_javascript=True)


def forget() -> None:
    st.session_state.pop(STATE, None)
    st.session_state[FORGOTTEN_STATE] = True


def forget_in_browser() -> None:
    st.html(COOKIE_JS.format(name=COOKIE, value="", age=0), unsafe_allow_javascript=True)

"""Readers' pooled credences on the Cruxes page (Streamlit side; the values are kept in the talk store).

A reader may share their crux credences anonymously ("Share my credences anonymously"): each one they
have set is kept in the talk store under the pack (``pool_id``) and a random id of their browser
session (kept as a digest), and withdrawn when they stop sharing. Once a reader shares and has set
their own credence on a crux, the page shows under its slider the median and N of the readers who
shared, from ``analysis.polls.MIN_POOLED`` readers on, with a plain note on who they are.

Off when the deployment says so (``DASHBOARD_READER_CREDENCES=off``), for an uploaded pack (its
readers are one person) and when the store cannot be reached (the page says so and carries on).
"""

from __future__ import annotations

import hashlib
import os
import secrets

import streamlit as st

from dashboard.analysis import beliefs as b
from dashboard.analysis import polls
from dashboard.app import room
from dashboard.app.pack import UPLOADED_PACK_KEY
from dashboard.pack import models as m
from dashboard.pack.dataset import Dataset
from dashboard.pack.textsafe import md_escape
from dashboard.store import StoreError

ENV = "DASHBOARD_READER_CREDENCES"
_OFF = {"0", "off", "false", "no"}
SHARE_KEY = "share-credences"
READER_STATE = "_reader_id"
SHARED_STATE = "_shared_credences"
WHO_NOTE = (
    "Who these readers are: people who opened this page and chose to share their credences. They are "
    "self-selected, not a survey: they stand for nobody but themselves."
)


def enabled() -> bool:
    """Shown at all: the deployment allows it and the pack is the server's own."""
    if os.environ.get(ENV, "on").strip().lower() in _OFF:
        return False
    return st.session_state.get(UPLOADED_PACK_KEY) is None


def pool_id(ds: Dataset) -> str:
    """The pool of one pack edition: readers of another pack or version pool apart."""
    digest = hashlib.sha256(f"{ds.meta.title}\0{ds.meta.version}".encode()).hexdigest()[:16]
    return f"pack-{digest}"


def _reader() -> str:
    rid = st.session_state.get(READER_STATE)
    if not isinstance(rid, str):
        rid = st.session_state[READER_STATE] = secrets.token_urlsafe(18)
    return rid


def is_set(crux: m.Crux) -> bool:
    """Whether the reader has set their own credence on ``crux`` (moved its slider or came with it in the link)."""
    key = b.slider_key(crux.id)
    value = st.session_state.get(key)
    return key in st.query_params or (value is not None and b.clamp_credence(value) != b.DEFAULT_CREDENCE)


def share_toggle() -> bool:
    """The reader's choice; True when sharing."""
    return st.toggle(
        "Share my credences anonymously",
        key=SHARE_KEY,
        help="Your credences join those of other readers who share, with no name, account or address: "
        "a random id of this browser session, kept as a digest, lets you change or withdraw them.",
    )


def withdraw_all(ds: Dataset) -> None:
    """The reader stopped sharing: every credence they shared leaves the pool."""
    shared: dict[str, int] = st.session_state.get(SHARED_STATE) or {}
    if not shared:
        return
    try:
        store = room.talk_store()
        for cid in list(shared):
            store.share_credence(pool_id(ds), cid, _reader(), None)
            shared.pop(cid)
    except StoreError as err:
        st.caption(md_escape(f"Your shared credences could not be withdrawn now: {err}"))


def crux_line(ds: Dataset, crux: m.Crux, value: int) -> str | None:
    """Share the reader's credence on ``crux`` (once they have set it) and say what the pool holds.

    None until the reader has set their own: the pool stays hidden until then."""
    if not is_set(crux):
        return None
    shared: dict[str, int] = st.session_state.setdefault(SHARED_STATE, {})
    try:
        store = room.talk_store()
        if shared.get(crux.id) != value:
            store.share_credence(pool_id(ds), crux.id, _reader(), value)
            shared[crux.id] = value
        values = store.pooled(pool_id(ds)).get(crux.id, [])
    except StoreError as err:
        return f"Readers' credences cannot be pooled now: {err}"
    return pooled_caption(crux, values)


def pooled_caption(crux: m.Crux, values: list[int]) -> str:
    """The line under a crux's slider: the pooled readers' median and N (or why not yet)."""
    p = polls.pooled(values)
    if p.median is None:
        return f"Readers who shared: {p.n} so far; their median shows from {polls.MIN_POOLED} readers on."
    return f"Readers who shared (N = {p.n}): median {polls.format_credence(p.median).replace(' %', '')} of 100."

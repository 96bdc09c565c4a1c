"""Where live talks are kept, shared by every replica of the dashboard (no Streamlit, no pack).

- ``open_store()``: the store named by $DASHBOARD_STORE: ``redis://HOST:PORT/DB`` for Redis (replicas
  on several hosts), else SQLite in $DASHBOARD_STATE_DIR (default ``~/.local/state/ai-alignment-dashboard``),
  which every replica on one host shares.
- ``Store``: talks (start, read, move with the presenter's secret), positions of many talks in one
  read, idle talks forgotten, live credence polls (``Poll``, ``Answer``), readers' pooled credences. ``Talk`` is a talk's state; errors are ``StoreError``s
  carrying the HTTP status that says what went wrong.
"""

from __future__ import annotations

import os
from pathlib import Path

from dashboard.store.base import (
    DEFAULT_TTL_S,
    SECRET,
    TALK_ID,
    Malformed,
    PollClosed,
    Store,
    StoreError,
    StoreUnavailable,
    Talk,
    UnknownPoll,
    UnknownTalk,
    WrongSecret,
)
from dashboard.store.polls import Answer, Poll

__all__ = [
    "SECRET",
    "TALK_ID",
    "Answer",
    "Malformed",
    "Poll",
    "PollClosed",
    "Store",
    "StoreError",
    "StoreUnavailable",
    "Talk",
    "UnknownPoll",
    "UnknownTalk",
    "WrongSecret",
    "describe",
    "open_store",
    "state_dir",
]

STORE_ENV = "DASHBOARD_STORE"
STATE_DIR_ENV = "DASHBOARD_STATE_DIR"
TTL_ENV = "DASHBOARD_TALK_IDLE_HOURS"


def state_dir() -> Path:
    """$DASHBOARD_STATE_DIR, else $XDG_STATE_HOME/ai-alignment-dashboard, else ~/.local/state/..."""
    explicit = os.environ.get(STATE_DIR_ENV)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "ai-alignment-dashboard"


def _ttl() -> float:
    raw = os.environ.get(TTL_ENV, "")
    try:
        hours = float(raw)
    except ValueError:
        return DEFAULT_TTL_S
    return hours * 3600 if 0 < hours <= 24 * 30 else DEFAULT_TTL_S


def open_store(url: str | None = None) -> Store:
    """The store $DASHBOARD_STORE names (``url`` overrides it). Raises StoreUnavailable."""
    url = url if url is not None else os.environ.get(STORE_ENV, "")
    if url.startswith(("redis://", "rediss://", "unix://")):
        from dashboard.store.redis_store import RedisStore

        return RedisStore(url, ttl=_ttl())
    if url:
        raise StoreUnavailable(f"{STORE_ENV} must be a redis:// address or unset (SQLite), not {url[:40]!r}")
    from dashboard.store.sqlite_store import SqliteStore

    return SqliteStore(state_dir(), ttl=_ttl())


def describe(store: Store) -> str:
    """Where the store is, for the log and the README: a file or a Redis address (no password)."""
    path = getattr(store, "path", None)
    if path is not None:
        return f"SQLite {path}"
    url = str(getattr(store, "url", ""))
    if "@" in url:
        url = url.split("://", 1)[0] + "://…@" + url.rsplit("@", 1)[1]
    return f"Redis {url}"

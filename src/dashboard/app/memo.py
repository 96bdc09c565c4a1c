"""Results that only depend on the pack and a few arguments, made once and shared by every session.

- ``pack_token(ds)``: a short string standing for one loaded pack object (a cheap cache key).
- ``memo(ds, key, build)``: ``build()`` computed once per pack and key (never mutate the result).
- ``reference_caption(ds, ref_ids)``: the "Sources: ..." caption, made once per pack and list of references.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

from dashboard.analysis import trust
from dashboard.pack.dataset import Dataset
from dashboard.pack.derived import PerObject

T = TypeVar("T")

_pack_tokens: PerObject[str] = PerObject()


def pack_token(ds: Dataset) -> str:
    """A token that stands for one loaded pack object while it is alive (cheap to hash)."""
    return _pack_tokens.get(ds, lambda: uuid.uuid4().hex)


MAX_ENTRIES = 512


class _Kept:
    """The most recently used ``MAX_ENTRIES`` results, each built once: a second session asking for
    a key being built waits for it. A plain dictionary lookup per call: Streamlit's resource cache
    inspected the function's signature and hashed every argument on every call, a few dozen times a
    run."""

    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries
        self.lock = threading.Lock()
        self.items: OrderedDict[tuple[str, str], object] = OrderedDict()
        self.building: dict[tuple[str, str], threading.Lock] = {}

    def get(self, key: tuple[str, str], build: Callable[[], object]) -> object:
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
            one_build = self.building.setdefault(key, threading.Lock())
        with one_build:  # other keys are built meanwhile
            with self.lock:
                if key in self.items:  # built by another session while this one waited
                    self.items.move_to_end(key)
                    return self.items[key]
            try:
                value = build()
                with self.lock:
                    self.items[key] = value
                    while len(self.items) > self.max_entries:
                        self.items.popitem(last=False)
            finally:
                with self.lock:
                    self.building.pop(key, None)
            return value


_kept = _Kept(MAX_ENTRIES)


def _digest(key: Hashable) -> str:
    """One short string for a key of strings, numbers, dates and tuples of them: Streamlit hashes a
    cache argument element by element, which took a third of a rerun for a key of 600 reference ids."""
    return hashlib.blake2b(repr(key).encode(), digest_size=16).hexdigest()


def memo(ds: Dataset, key: Hashable, build: Callable[[], T]) -> T:
    """``build()`` once per (pack, key), shared by every session of the server.

    For tables that are not charts (charts are cached by ``chart_block``). ``key`` must name
    everything the result depends on besides the pack: ``memo(ds, ("current-uses", tuple(chosen)),
    lambda: frames.current_uses_frame(ds, chosen))``. The loaded pack is cached on its files' size
    and modification time, so a changed file is a new pack and a new key. The result is shared:
    never mutate it (st.dataframe does not).
    """
    return _kept.get((pack_token(ds), _digest(key)), build)  # type: ignore[return-value]


def reference_caption(ds: Dataset, ref_ids: Iterable[str]) -> str:
    """``analysis.references.reference_caption``, made once per pack and list of references."""
    refs = tuple(ref_ids)
    today = dt.date.today()  # part of the key: an overdue count does not go stale on a long-running server
    return memo(ds, ("reference-caption", refs, today), lambda: trust.reference_caption(ds, refs, today))

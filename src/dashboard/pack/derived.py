"""Values derived from a live object (a loaded pack, a shared table), made once and kept while it lives.

``PerObject().get(owner, build)`` returns ``build()`` made the first time for ``owner`` and the same
value after, from any thread, until ``owner`` is garbage-collected (then the value goes too). Used
for what is slow to derive and shared by every session: a pack's token, a pack's whole coverage
table, the CSV of a table. The value is shared: never mutate it.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class PerObject(Generic[T]):
    def __init__(self) -> None:
        self._values: dict[int, T] = {}
        self._lock = threading.Lock()

    def get(self, owner: object, build: Callable[[], T]) -> T:
        key = id(owner)
        with self._lock:
            if key in self._values:
                return self._values[key]
        value = build()  # outside the lock: a slow build does not hold up other owners
        with self._lock:
            if key not in self._values:  # two threads built it at once: the first one kept wins
                self._values[key] = value
                weakref.finalize(owner, self._values.pop, key, None)
            return self._values[key]

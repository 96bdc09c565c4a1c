"""Run a call in a thread of its own: for tests that start an event loop or Playwright's sync API.

A test process that has already started Playwright's sync API (the browser tests' session browser, in
the same pytest worker) has an event loop running on its main thread, where ``asyncio.run`` and a second
``sync_playwright()`` refuse to start. A thread of its own has no loop.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")


def in_own_thread(call: Callable[..., T], *args, **kwargs) -> T:
    """``call(*args, **kwargs)`` in a new thread; its result, or its exception raised here."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="own-thread") as pool:
        return pool.submit(call, *args, **kwargs).result()

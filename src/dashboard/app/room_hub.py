"""Per server process: where each followed talk is, and who may ask how often (no Streamlit).

- ``Hub``: the talks that somebody connected to this process follows. One task reads all their
  positions from the shared store in one round trip every ``interval`` seconds (whatever the number
  of phones) and wakes the streams of a talk that moved. A phone waiting for the next slide costs
  nothing but its open connection. For the talks a projected poll follows, the same task reads the
  answers' marks too, and wakes only those streams when answers come in. ``end_streams`` ends every
  stream when the server is stopping.
- ``Limiter``: token buckets per client key, so that one client flooding an endpoint gets HTTP 429
  while the rest of the room goes on.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from dashboard.store import Store, StoreError

log = logging.getLogger(__name__)


@dataclass
class Watch:
    """One followed talk in this process."""

    talk_id: str
    seq: int
    slide: int
    listeners: int = 0
    gone: bool = False
    changed: asyncio.Event = field(default_factory=asyncio.Event)
    payload: tuple[int, int, bytes] | None = None  # (seq, slide, the Server-Sent Event announcing it)
    # The streams that follow the talk's answers (a projected poll) and the store's mark of them.
    answer_listeners: int = 0
    answers: str | None = None
    answered: asyncio.Event = field(default_factory=asyncio.Event)

    def fire(self) -> None:
        """Wake everyone waiting on this talk (each waits on the event it saw)."""
        self.changed.set()
        self.changed = asyncio.Event()
        self.fire_answers()

    def fire_answers(self) -> None:
        """Wake the streams that follow the talk's answers only."""
        self.answered.set()
        self.answered = asyncio.Event()


class Hub:
    def __init__(self, store: Callable[[], Store], *, interval: float = 0.1) -> None:
        self._store = store
        self.interval = interval
        self._watches: dict[str, Watch] = {}
        self._task: asyncio.Task | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._lock = asyncio.Lock()
        self._poke = asyncio.Event()
        self.polls = 0  # store reads so far
        self.ending = False  # the server is stopping: streams end, new ones are refused

    @property
    def streams(self) -> int:
        return sum(w.listeners for w in self._watches.values())

    async def subscribe(self, talk_id: str, seq: int, slide: int, *, answers: bool = False) -> Watch:
        """Follow a talk's moves, and with ``answers`` its answers too (``unsubscribe`` the same way)."""
        async with self._lock:
            watch = self._watches.get(talk_id)
            if watch is None:
                watch = self._watches[talk_id] = Watch(talk_id, seq, slide)
            watch.listeners += 1
            watch.answer_listeners += answers
            if self._task is None or self._task.done():
                self._loop = asyncio.get_running_loop()
                self._task = self._loop.create_task(self._run(), name="talk-positions")
            return watch

    def unsubscribe(self, watch: Watch, *, answers: bool = False) -> None:
        watch.listeners -= 1
        watch.answer_listeners -= answers
        if watch.listeners <= 0 and self._watches.get(watch.talk_id) is watch:
            del self._watches[watch.talk_id]

    async def _run(self) -> None:
        while self._watches:
            ids = list(self._watches)
            followed = [tid for tid, w in self._watches.items() if w.answer_listeners > 0]
            try:
                found, marks = await asyncio.to_thread(self._read, ids, followed)
                self.polls += 1
            except StoreError as err:  # the store is away for a moment: keep the last positions, say so once
                log.warning("talk positions not read: %s", err)
                await asyncio.sleep(1.0)
                continue
            for tid in ids:
                watch = self._watches.get(tid)
                if watch is None:
                    continue
                now = found.get(tid)
                if now is None:
                    watch.gone = True
                    watch.fire()
                    self._watches.pop(tid, None)
                elif now != (watch.seq, watch.slide):
                    watch.seq, watch.slide = now
                    watch.fire()
                mark = marks.get(tid)
                if mark is not None and mark != watch.answers:
                    watch.answers = mark
                    watch.fire_answers()
            self._poke.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._poke.wait(), self.interval)
        self._task = None

    def _read(self, ids: list[str], followed: list[str]) -> tuple[dict[str, tuple[int, int]], dict[str, str]]:
        """The talks' positions, and the answers' marks of those a projected poll follows (in one thread hop)."""
        store = self._store()
        return store.positions(ids), (store.answer_marks(followed) if followed else {})

    def poke(self) -> None:
        """Read the store now (a move was just made through this process), not at the next tick."""
        self._poke.set()

    def poke_from_thread(self) -> None:
        """``poke`` from another thread (a presenter's page run)."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._poke.set)

    def end_streams(self) -> None:
        """End every stream (in the loop). The server waits for open responses before it stops, and a stream
        never ends by itself; its browser reconnects, to another replica or to this one once restarted."""
        self.ending = True
        for watch in list(self._watches.values()):
            watch.fire()

    def end_streams_from_thread(self) -> None:
        """``end_streams`` from a signal handler or another thread."""
        self.ending = True
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self.end_streams)

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task


class Limiter:
    """Token buckets: each key may make ``burst`` requests at once and ``rate`` a second after that."""

    def __init__(self, rate: float, burst: float, *, max_keys: int = 100_000) -> None:
        self.rate, self.burst, self.max_keys = rate, burst, max_keys
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, when)

    def retry_after(self, key: str) -> float:
        """0 when the request may go ahead (and counts it), else the seconds until it may."""
        now = time.monotonic()
        tokens, when = self._buckets.get(key, (self.burst, now))
        tokens = min(self.burst, tokens + (now - when) * self.rate)
        if tokens < 1:
            self._buckets[key] = (tokens, now)
            return (1 - tokens) / self.rate
        if len(self._buckets) >= self.max_keys and key not in self._buckets:
            self._prune(now)
        self._buckets[key] = (tokens - 1, now)
        return 0.0

    def _prune(self, now: float) -> None:
        full = [k for k, (t, w) in self._buckets.items() if t + (now - w) * self.rate >= self.burst]
        for k in full:
            del self._buckets[k]
        if len(self._buckets) >= self.max_keys:  # still full: forget the oldest half
            for k in sorted(self._buckets, key=lambda k: self._buckets[k][1])[: self.max_keys // 2]:
                del self._buckets[k]

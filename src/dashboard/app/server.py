"""The server around the app (``app = st.App(...)`` in app.py): the audience routes and the warm-up.

``lifespan`` runs before the server answers anything, its health check included: it loads and
validates the pack (into the same cache the pages read), imports the pages' modules, builds the
talk's phone slides and opens the talk store, so that the first visitor and the first phone wait no
longer than later ones. A pack that does not validate is not fatal here: the pages show its problems.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import threading
import time
from collections.abc import AsyncIterator
from typing import Any

from dashboard.app import room, room_polls

log = logging.getLogger("dashboard.server")

routes = room.ROUTES + room_polls.ROUTES


def warm() -> None:
    t0 = time.perf_counter()
    from dashboard.app.pack import load_default

    # The pack's cache is Streamlit's; filled outside a page run, Streamlit warns once per call that
    # there is no page run. That is the point here: quiet it for the warm-up.
    quiet = logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        result = load_default()
    finally:
        quiet.setLevel(level)
    # The modules a first page run imports (views, figures, tables); importing them now takes that
    # time out of the first visit.
    import dashboard.app.chart_block
    import dashboard.app.present
    import dashboard.app.slides  # noqa: F401

    where = "not opened"
    try:
        where = room.warm()
    except Exception as err:  # a store that cannot be opened now: pages work, talks say why
        log.warning("talk store not opened: %s", err)
    log.info(
        "warm in %.2f s: pack %s, talk store %s",
        time.perf_counter() - t0,
        "valid" if result.ok else f"with {len(result.problems)} problems",
        where,
    )


def _ending(previous: Any) -> Any:
    def handler(signum: int, frame: Any) -> None:
        if room._hub is not None:
            room._hub.end_streams_from_thread()
        previous(signum, frame)

    handler.ends_streams = True  # type: ignore[attr-defined]
    return handler


def end_streams_on_exit(loop: asyncio.AbstractEventLoop, checks: int = 40) -> None:
    """Make the stop signals end the phones' and projectors' streams first, then stop the server as before.

    The server waits for every open response before it stops, and a talk's stream never ends by itself: a
    replica with a phone connected did not stop on SIGTERM until it was killed. Streamlit installs its
    signal handlers once the server has started (after this lifespan), so each handler found in the first
    10 s is wrapped, whenever it was installed.
    """
    for number in (signal.SIGTERM, signal.SIGINT):
        previous = signal.getsignal(number)
        if callable(previous) and not getattr(previous, "ends_streams", False):
            signal.signal(number, _ending(previous))
    if checks:
        loop.call_later(0.25, end_streams_on_exit, loop, checks - 1)


@contextlib.asynccontextmanager
async def lifespan(app: Any) -> AsyncIterator[dict[str, Any]]:
    await asyncio.to_thread(warm)
    if threading.current_thread() is threading.main_thread():  # only the main thread may set signal handlers
        end_streams_on_exit(asyncio.get_running_loop())
    try:
        yield {}
    finally:
        if room._hub is not None:
            await room._hub.close()

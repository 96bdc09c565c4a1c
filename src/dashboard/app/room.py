"""The audience's side of a talk: plain HTTP routes served beside the Streamlit app (``st.App``).

A phone in the audience opens ``/talk/ID`` and gets one small HTML page: the slide the presenter
shows (the same catalogue entry as the projected slide, its chart drawn by plotly.js), then it
listens to ``/talk/ID/events`` (Server-Sent Events) and swaps in each new slide. No Streamlit
session, no script run per phone: a waiting phone costs the server its open connection only.

Routes
- ``GET /talk/{id}``: the audience page. Query parameters are ignored: ``presenter=1`` on it is
  the same page, with a note that it follows and cannot drive.
- ``GET /talk/{id}/events``: Server-Sent Events; a ``slide`` event (JSON: seq, slide, slides, html)
  on connecting and after every move; ``gone`` when the talk ends; a comment every 20 s.
- ``GET /talk/{id}/position``: ``{"talk", "slide", "slides", "seq", "label"}`` (1-based slide).
- ``POST /talk/{id}/move``: ``{"slide": N}`` (1-based) with ``Authorization: Bearer SECRET``; only
  the presenter's secret moves the talk.
- ``GET /talk-static/plotly-VERSION.min.js``: plotly.js, gzipped, cached for a year.

Errors are a status and a sentence (JSON for the API, a short page for the page), never a
traceback: 400 malformed id or body, 403 wrong secret, 404 unknown or expired talk, 429 too many
requests from one client (with Retry-After), 503 store or pack unavailable.
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import hashlib
import json
import logging
import re
import threading
from collections.abc import AsyncIterator
from functools import lru_cache
from pathlib import Path

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from dashboard.app.room_hub import Hub, Limiter, Watch
from dashboard.exports import audience
from dashboard.pack.dataset import Dataset
from dashboard.store import TALK_ID, Store, StoreError, open_store

log = logging.getLogger(__name__)

KEEPALIVE_S = 20.0
RETRY_MS = 1000
CLIENT_ID = re.compile(r"^[A-Za-z0-9_-]{1,40}$")  # the page's random id of one phone
MAX_STREAMS = 5000  # per process: beyond it a phone is told to come back (503) rather than slowing all

_store: Store | None = None
_store_lock = threading.Lock()
_hub: Hub | None = None
# One client (address + the page's random client id) may open or poll 20 times at once, then once
# every 2 s; one address (a venue's whole network may share it) 3000 at once, then 300 a second.
per_client = Limiter(rate=0.5, burst=20)
per_address = Limiter(rate=300, burst=3000)
per_mover = Limiter(rate=10, burst=30)


def talk_store() -> Store:
    """This process's connection to the shared talk store (opened on first use; raises StoreError)."""
    global _store
    with _store_lock:
        if _store is None:
            _store = open_store()
        return _store


def hub() -> Hub:
    global _hub
    if _hub is None:
        _hub = Hub(talk_store)
    return _hub


def current_pack() -> Dataset | None:
    from dashboard.app.pack import load_default

    result = load_default()
    return result.dataset if result.ok else None


# --------------------------------------------------------------------------
# The deck: slides rendered once per (pack, talk) and kept
# --------------------------------------------------------------------------


class Deck:
    def __init__(self, ds: Dataset) -> None:
        self.ds = ds
        self.talk, self.digest = audience.deck_of(ds)
        self.n = len(self.talk.slides)
        self._fragments: dict[int, str] = {}
        self._lock = threading.Lock()

    def fragment(self, index: int) -> str:
        with self._lock:
            html = self._fragments.get(index)
        if html is None:
            html = audience.slide_html(self.ds, self.talk, index)
            with self._lock:
                self._fragments[index] = html
        return html

    def event(self, seq: int, slide: int) -> bytes:
        index = min(max(slide, 0), self.n - 1)
        data = audience.event_data(seq, index, self.n, self.fragment(index))
        return f"id: {seq}\nevent: slide\ndata: {data}\n\n".encode()

    def warm(self) -> None:
        for i in range(self.n):
            self.fragment(i)


_decks: dict[int, Deck] = {}
_decks_lock = threading.Lock()


def deck() -> Deck | None:
    """The deck of the server's pack (None when it does not validate); rebuilt when the pack changes."""
    ds = current_pack()
    if ds is None:
        return None
    with _decks_lock:
        found = _decks.get(id(ds))
        if found is None or found.ds is not ds:
            _decks.clear()
            found = _decks[id(ds)] = Deck(ds)
        return found


_own_decks: dict[str, Deck] = {}


def deck_for(talk_id: str) -> Deck | None:
    """The deck a talk shows: its own slides when the presenter made them in the dashboard (kept in the
    store as talk.yaml text, made into slides once per text and pack), else the pack's."""
    base = deck()
    if base is None:
        return None
    content = talk_store().deck_content(talk_id)
    if not content:
        return base
    from dashboard.views.own_talk import stored_talk, with_talk

    talk = stored_talk(content)
    if talk is None:
        return base
    shown = with_talk(base.ds, talk)
    with _decks_lock:
        found = _own_decks.get(talk_id)
        if found is None or found.ds is not shown:
            if len(_own_decks) > 64:
                _own_decks.clear()
            found = _own_decks[talk_id] = Deck(shown)
        return found


# --------------------------------------------------------------------------
# Requests
# --------------------------------------------------------------------------


def client_address(request: Request) -> str:
    """The client's address; behind a proxy on this host (nginx), the last address it added."""
    peer = request.client.host if request.client else ""
    forwarded = request.headers.get("x-forwarded-for", "")
    if forwarded and peer in ("127.0.0.1", "::1"):
        return forwarded.rsplit(",", 1)[-1].strip()[:64]
    return peer


def _client_id(request: Request) -> str:
    raw = request.query_params.get("c", "")
    return raw if CLIENT_ID.match(raw) else "-"


def limited(request: Request, limiter: Limiter | None = per_client) -> Response | None:
    """A 429 when this client (``limiter``, keyed on its address and the page's client id ``c``) or its
    address asks too often, else None. A page load carries no client id: only its address counts."""
    address = client_address(request)
    wait = per_address.retry_after(address)
    if not wait and limiter is not None:
        wait = limiter.retry_after(f"{address} {_client_id(request)}")
    if not wait:
        return None
    seconds = max(1, int(wait + 0.999))
    return JSONResponse(
        {"error": f"Too many requests from this device: try again in {seconds} s."},
        status_code=429,
        headers={"Retry-After": str(seconds)},
    )


def error(status: int, message: str, *, page: bool = False) -> Response:
    if page:
        title = {400: "Not a talk link", 404: "No such talk", 503: "The talk cannot be shown now"}.get(status, "Error")
        return HTMLResponse(audience.message_html(title, message, status), status_code=status)
    return JSONResponse({"error": message}, status_code=status)


def _talk_id(request: Request) -> str | None:
    tid = request.path_params.get("tid", "")
    return tid if TALK_ID.match(tid) else None


MALFORMED_ID = "A talk id is 8 to 32 letters, digits, '-' or '_': check the link."


async def _talk_or_error(request: Request, *, page: bool = False):
    """(talk, deck) or an error Response."""
    tid = _talk_id(request)
    if tid is None:
        return error(400, MALFORMED_ID, page=page)
    try:
        talk = await asyncio.to_thread(talk_store().talk, tid)
    except StoreError as err:
        log.warning("talk store: %s", err)
        return error(err.status, str(err), page=page)
    if talk is None:
        return error(404, "No such talk: it never existed or it ended after a long pause. Ask the presenter for the link again.", page=page)  # fmt: skip
    try:
        d = await asyncio.to_thread(deck_for, tid)
    except StoreError as err:
        return error(err.status, str(err), page=page)
    if d is None:
        return error(503, "The dashboard's data pack does not validate at the moment.", page=page)
    return talk, d


def position_json(talk_id: str, seq: int, slide: int, n: int) -> dict:
    index = min(max(slide, 0), n - 1)
    return {"talk": talk_id, "slide": index + 1, "slides": n, "seq": seq, "label": f"{index + 1} / {n}"}


async def audience_page(request: Request) -> Response:
    if (refused := limited(request, None)) is not None:
        return refused
    found = await _talk_or_error(request, page=True)
    if isinstance(found, Response):
        return found
    talk, d = found
    index = min(talk.slide, d.n - 1)
    note = None
    if "presenter" in request.query_params or "key" in request.query_params:
        note = "This is the audience page: it follows the presenter and cannot move the talk."
    html = audience.page_html(
        d.ds, d.talk, index, fragment=d.fragment(index), seq=talk.seq, note=note,
        events_url=f"/talk/{talk.id}/events", plotly_url=plotly_path(),
    )  # fmt: skip
    return HTMLResponse(html, headers={"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"})


async def position(request: Request) -> Response:
    if (refused := limited(request)) is not None:
        return refused
    found = await _talk_or_error(request)
    if isinstance(found, Response):
        return found
    talk, d = found
    return JSONResponse(position_json(talk.id, talk.seq, talk.slide, d.n), headers={"Cache-Control": "no-store"})


def stream_refused() -> Response | None:
    """A 503 for a new stream while the server is stopping or follows all it can, else None."""
    if hub().ending:
        return JSONResponse({"error": "This server is stopping: your phone reconnects by itself."},
                            status_code=503, headers={"Retry-After": "1"})  # fmt: skip
    if hub().streams >= MAX_STREAMS:
        return JSONResponse({"error": "This server follows as many phones as it can: try again shortly."},
                            status_code=503, headers={"Retry-After": "5"})  # fmt: skip
    return None


def event_stream(body: AsyncIterator[bytes]) -> StreamingResponse:
    """Server-Sent Events, each passed on as it comes (no proxy buffering, no caching)."""
    return StreamingResponse(
        body, media_type="text/event-stream", headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"}
    )


async def events(request: Request) -> Response:
    if (refused := limited(request) or stream_refused()) is not None:
        return refused
    found = await _talk_or_error(request)
    if isinstance(found, Response):
        return found
    talk, d = found
    watch = await hub().subscribe(talk.id, talk.seq, talk.slide)
    return event_stream(_stream(watch, d))


async def _stream(watch: Watch, d: Deck) -> AsyncIterator[bytes]:
    try:
        yield f"retry: {RETRY_MS}\n\n".encode()
        sent: tuple[int, int] | None = None
        while True:
            if hub().ending:
                return  # the server is stopping: the browser reconnects by itself
            if watch.gone:
                message = json.dumps({"message": "The talk has ended."})
                yield f"event: gone\ndata: {message}\n\n".encode()
                return
            now = (watch.seq, watch.slide)
            if now != sent:
                if watch.payload is None or watch.payload[:2] != now:  # made once per move, sent to every phone
                    with contextlib.suppress(StoreError):  # the presenter may have changed the talk's slides
                        changed: Deck | None = await asyncio.to_thread(deck_for, watch.talk_id)
                        d = changed or d
                    watch.payload = (*now, d.event(*now))
                yield watch.payload[2]
                sent = now
            waiting = watch.changed
            try:
                await asyncio.wait_for(waiting.wait(), KEEPALIVE_S)
            except TimeoutError:
                yield b": keepalive\n\n"
    finally:
        hub().unsubscribe(watch)


async def move(request: Request) -> Response:
    if (refused := limited(request, per_mover)) is not None:
        return refused
    tid = _talk_id(request)
    if tid is None:
        return error(400, MALFORMED_ID)
    auth = request.headers.get("authorization", "")
    secret = auth[7:].strip() if auth[:7].lower() == "bearer " else None
    try:
        body = await request.json()
        slide = body["slide"]
        if isinstance(slide, bool) or not isinstance(slide, int):
            raise TypeError
    except Exception:
        return error(400, 'The body is JSON with the 1-based slide to show: {"slide": 3}.')
    try:
        talk = await asyncio.to_thread(talk_store().move, tid, secret, slide - 1)
    except StoreError as err:
        return error(err.status, str(err))
    hub().poke()
    return JSONResponse(position_json(talk.id, talk.seq, talk.slide, talk.slides))


# --------------------------------------------------------------------------
# plotly.js for the phones: one file, gzipped once, cached by the browser for a year
# --------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _plotly_js() -> tuple[str, bytes, bytes]:
    import plotly

    raw = (Path(plotly.__file__).parent / "package_data" / "plotly.min.js").read_bytes()
    tag = hashlib.sha256(raw).hexdigest()[:12]
    return tag, raw, gzip.compress(raw, 6)


def plotly_path() -> str:
    return f"/talk-static/plotly-{_plotly_js()[0]}.min.js"


async def plotly_js(request: Request) -> Response:
    tag, raw, packed = _plotly_js()
    if request.path_params.get("tag") != tag:
        return error(404, "No such file.")
    headers = {"Cache-Control": "public, max-age=31536000, immutable", "Vary": "Accept-Encoding"}
    if "gzip" in request.headers.get("accept-encoding", ""):
        return Response(packed, media_type="text/javascript", headers={**headers, "Content-Encoding": "gzip"})
    return Response(raw, media_type="text/javascript", headers=headers)


ROUTES = [
    Route("/talk/{tid}", audience_page, methods=["GET"]),
    Route("/talk/{tid}/events", events, methods=["GET"]),
    Route("/talk/{tid}/position", position, methods=["GET"]),
    Route("/talk/{tid}/move", move, methods=["POST"]),
    Route("/talk-static/plotly-{tag}.min.js", plotly_js, methods=["GET"]),
]


def warm() -> str:
    """Everything a first phone needs, made before the server answers: the store, the deck's slides,
    plotly.js gzipped. Returns where the store is (for the log)."""
    from dashboard.store import describe

    store = talk_store()
    store.forget_idle()
    d = deck()
    if d is not None:
        d.warm()
    _plotly_js()
    return describe(store)

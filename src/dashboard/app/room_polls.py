"""The room's answers: the plain HTTP routes of a talk's live credence polls (beside ``app.room``).

Routes
- ``GET /talk/{id}/poll/{poll}?c=VOTER``: ``{"poll", "state", "answered", "distribution"}``; state is
  ``waiting`` (not opened yet), ``open`` or ``closed``. The room's answers (``distribution``: n,
  median, counts per ten points, this phone's own answer) are given only to a phone that has answered.
- ``POST /talk/{id}/answer``: ``{"poll": ID, "credence": 0-100, "voter": VOTER}``; a phone's later
  answer replaces its earlier one until the poll closes. The reply carries the distribution.
- ``POST /talk/{id}/poll/{poll}``: ``{"open": true|false}`` with ``Authorization: Bearer SECRET``: the
  presenter opens or closes the poll of a crux slide of the talk.
- ``GET /talk/{id}/answers``: Server-Sent Events for the projected poll: ``answers`` when answers came in
  or changed (at most one a second), so the projector redraws only then.

Refused, with a sentence and never stored: a body that is not JSON or is over ``MAX_BODY`` bytes (413),
a credence that is not a number or not in 0-100 (400), an unknown poll (404), a closed poll (409), a
talk that has ended (404), more than a few answers a second from one phone (429).
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from dashboard.analysis import polls as pooled
from dashboard.app import room
from dashboard.app.room_hub import Limiter, Watch
from dashboard.store import StoreError, UnknownTalk
from dashboard.store.polls import VOTER_ID, as_credence
from dashboard.views import talk as talks

log = logging.getLogger(__name__)

MAX_BODY = 1024
DECK_RECHECK_S = 1.0
ANSWERS_EVERY_S = 1.0  # a projected poll redraws at most this often while answers come in
# One phone (address + its voter id) may send 6 answers at once, then one every 2 s.
per_answer = Limiter(rate=0.5, burst=6)
NO_STORE = {"Cache-Control": "no-store"}


class BodyError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


async def json_body(request: Request) -> dict:
    """The request's JSON object, read up to MAX_BODY bytes (raises BodyError)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY:
        raise BodyError(413, f"The request is too large: at most {MAX_BODY} bytes.")
    raw = b""
    async for chunk in request.stream():
        raw += chunk
        if len(raw) > MAX_BODY:
            raise BodyError(413, f"The request is too large: at most {MAX_BODY} bytes.")
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        body = None
    if not isinstance(body, dict):
        raise BodyError(400, 'The body is JSON: {"poll": "slide-id", "credence": 70, "voter": "..."}.')
    return body


def _voter(request: Request) -> str | None:
    raw = request.query_params.get("c", "")
    return raw if VOTER_ID.match(raw) else None


def _state(poll) -> str:
    return "waiting" if poll is None else poll.state


async def poll_state(request: Request) -> Response:
    if (refused := room.limited(request)) is not None:
        return refused
    found = await room._talk_or_error(request)
    if isinstance(found, Response):
        return found
    talk, d = found
    pid = request.path_params.get("poll", "")
    if talks.poll_slide(d.ds, d.talk, pid) is None:
        return room.error(404, "This talk has no such poll.")
    voter = _voter(request)
    store = room.talk_store()

    def read() -> tuple:
        poll = store.poll(talk.id, pid)
        own = store.voter_answer(talk.id, pid, voter) if voter and poll is not None else None
        values = [a.value for a in store.answers(talk.id, pid)] if own is not None else []
        return poll, own, values

    try:
        poll, own, values = await asyncio.to_thread(read)
    except StoreError as err:
        return room.error(err.status, str(err))
    body = {"poll": pid, "state": _state(poll), "answered": own is not None, "distribution": None}
    if own is not None:
        body["distribution"] = pooled.distribution(values, own).as_json()
    return JSONResponse(body, headers=NO_STORE)


async def answer(request: Request) -> Response:
    try:
        body = await json_body(request)
    except BodyError as err:
        return room.error(err.status, str(err))
    voter = body.get("voter")
    key = f"{room.client_address(request)} {voter if isinstance(voter, str) else '-'}"[:120]
    wait = room.per_address.retry_after(room.client_address(request)) or per_answer.retry_after(key)
    if wait:
        seconds = max(1, int(wait + 0.999))
        return JSONResponse({"error": f"Too many answers from this phone: try again in {seconds} s."},
                            status_code=429, headers={"Retry-After": str(seconds)})  # fmt: skip
    tid = room._talk_id(request)
    if tid is None:
        return room.error(400, room.MALFORMED_ID)
    try:
        d = await asyncio.to_thread(_deck, tid)
    except StoreError as err:
        return room.error(err.status, str(err))
    if d is None:
        return room.error(503, "The dashboard's data pack does not validate at the moment.")
    pid = body.get("poll")
    if not isinstance(pid, str) or talks.poll_slide(d.ds, d.talk, pid) is None:
        return room.error(404, "This talk has no such poll.")
    store = room.talk_store()

    def store_it() -> list[int]:  # the store checks that the talk lives and the poll is open, in one statement
        store.answer(tid, pid, voter, body.get("credence"))  # type: ignore[arg-type]
        return [a.value for a in store.answers(tid, pid)]

    try:
        values = await asyncio.to_thread(store_it)
    except UnknownTalk:
        return room.error(404, "This talk has ended: answers are no longer taken.")
    except StoreError as err:
        return room.error(err.status, str(err))
    room.hub().poke()  # a projected poll on this replica hears of it now, not at the next read
    own = as_credence(body["credence"]) if "credence" in body else None
    return JSONResponse(
        {"poll": pid, "state": "open", "answered": True, "stored": own,
         "distribution": pooled.distribution(values, own).as_json()},
        headers=NO_STORE,
    )  # fmt: skip


_decks_seen: dict[str, tuple[float, room.Deck | None]] = {}


def _deck(tid: str) -> room.Deck | None:
    """The talk's deck (its own slides or the pack's), looked up at most once a second per talk: an
    answer is the room's most frequent request."""
    now = time.monotonic()
    when, found = _decks_seen.get(tid, (0.0, None))
    if now - when > DECK_RECHECK_S or found is None:
        if len(_decks_seen) > 256:
            _decks_seen.clear()
        found = room.deck_for(tid)
        _decks_seen[tid] = (now, found)
    return found


def set_poll(ds, talk_model, talk_id: str, secret: str | None, pid: str, opened: bool):
    """Open or close a poll of the deck (the presenter view and the HTTP route share it). Raises StoreError."""
    from dashboard.store import UnknownPoll

    found = talks.poll_slide(ds, talk_model, pid)
    if found is None:
        raise UnknownPoll()
    index, _, crux = found
    store = room.talk_store()
    if opened:
        poll = store.open_poll(talk_id, secret, pid, talks.poll_about(ds, talk_model, index, crux))
    else:
        poll = store.close_poll(talk_id, secret, pid)
    return poll


async def presenter_poll(request: Request) -> Response:
    if (refused := room.limited(request, room.per_mover)) is not None:
        return refused
    tid = room._talk_id(request)
    if tid is None:
        return room.error(400, room.MALFORMED_ID)
    auth = request.headers.get("authorization", "")
    secret = auth[7:].strip() if auth[:7].lower() == "bearer " else None
    try:
        body = await json_body(request)
        opened = body.get("open")
        if not isinstance(opened, bool):
            raise BodyError(400, 'The body is JSON: {"open": true} opens the poll, {"open": false} closes it.')
    except BodyError as err:
        return room.error(err.status, str(err))
    try:
        d = await asyncio.to_thread(room.deck_for, tid)
    except StoreError as err:
        return room.error(err.status, str(err))
    if d is None:
        return room.error(503, "The dashboard's data pack does not validate at the moment.")
    pid = request.path_params.get("poll", "")
    try:
        poll = await asyncio.to_thread(set_poll, d.ds, d.talk, tid, secret, pid, opened)
    except StoreError as err:
        return room.error(err.status, str(err))
    room.hub().poke()
    return JSONResponse({"poll": poll.id, "state": poll.state, "opened": poll.opened, "closed": poll.closed})


async def answer_events(request: Request) -> Response:
    """The talk's answers as they come in, for a projected poll: an ``answers`` event (its data the store's
    mark) when answers came in or changed, at most one every ``ANSWERS_EVERY_S``; nothing while none do."""
    if (refused := room.limited(request) or room.stream_refused()) is not None:
        return refused
    found = await room._talk_or_error(request)
    if isinstance(found, Response):
        return found
    talk, _ = found
    watch = await room.hub().subscribe(talk.id, talk.seq, talk.slide, answers=True)
    return room.event_stream(_answers(watch))


async def _answers(watch: Watch) -> AsyncIterator[bytes]:
    hub = room.hub()
    try:
        yield f"retry: {room.RETRY_MS}\n\n".encode()
        sent: str | None = None  # the first mark read is sent: the projector's answers were drawn before it
        last = 0.0
        while not hub.ending:
            if watch.gone:
                yield b"event: gone\ndata: {}\n\n"
                return
            if watch.answers != sent:
                wait = ANSWERS_EVERY_S - (time.monotonic() - last)
                if wait > 0:  # a room answering at once: one redraw a second, with the latest answers
                    await asyncio.sleep(wait)
                    continue
                sent, last = watch.answers, time.monotonic()
                yield f"event: answers\ndata: {json.dumps(sent)}\n\n".encode()
                continue
            waiting = watch.answered
            try:
                await asyncio.wait_for(waiting.wait(), room.KEEPALIVE_S)
            except TimeoutError:
                yield b": keepalive\n\n"
    finally:
        hub.unsubscribe(watch, answers=True)


ROUTES = [
    Route("/talk/{tid}/poll/{poll}", poll_state, methods=["GET"]),
    Route("/talk/{tid}/poll/{poll}", presenter_poll, methods=["POST"]),
    Route("/talk/{tid}/answer", answer, methods=["POST"]),
    Route("/talk/{tid}/answers", answer_events, methods=["GET"]),
]

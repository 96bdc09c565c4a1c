"""The audience's routes of a talk on a real `streamlit run app.py` (st.App routes beside the app),
spoken to as phones do, over plain HTTP and Server-Sent Events: the page shows the presenter's slide,
phones follow moves, and every bad request gets a status and a sentence, never a traceback."""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import sqlite3
import sys
import time
from pathlib import Path

import pytest

from dashboard import store as talk_store
from dashboard.pack.load import load_pack

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from roomclient import Phone, fetch, move, server_events

from own_thread import in_own_thread

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def talk_slides() -> list:
    from dashboard.views import talk as talks

    return talks.talk_of(load_pack(ROOT / "data").dataset).slides


def _start(slide: int = 0, n: int = 10):
    return talk_store.open_store().start_talk("test-deck", n, slide=slide)


def _no_traceback(body: bytes) -> None:
    text = body.decode(errors="replace")
    assert "Traceback" not in text and 'File "' not in text, text[:500]


def test_the_page_shows_the_presenters_slide_with_its_sources_and_no_secret(server, talk_slides):
    talk, secret = _start(slide=2)
    reply = in_own_thread(asyncio.run, fetch(f"{server.url}/talk/{talk.id}"))
    assert reply.status == 200 and reply.header("content-type").startswith("text/html")
    page = reply.body.decode()
    slide = talk_slides[2]
    assert f"3 / {len(talk_slides)}" in page
    assert re.search(r"<h1 id=\"slide-title\">([^<]*)</h1>", page).group(1).replace("&#x27;", "'") == slide.title
    assert 'aria-label="Slide 3 of' in page and 'aria-live="polite"' in page
    assert "Sources:" in page and "version" in page
    assert 'class="chart" role="img" aria-label="' in page  # the chart, described in words
    assert secret not in page and "key=" not in page
    in_own_thread(asyncio.run, _check_plotly(server.url, page))


async def _check_plotly(base: str, page: str) -> None:
    src = re.search(r'<script src="(/talk-static/plotly-[0-9a-f]+\.min\.js)"', page).group(1)
    js = await fetch(base + src, headers={"Accept-Encoding": "gzip"})
    assert js.status == 200 and js.header("content-encoding") == "gzip"
    assert "immutable" in js.header("cache-control")


def test_phones_follow_the_presenters_moves(server, talk_slides):
    talk, secret = _start()

    async def run() -> list[Phone]:
        phones = [Phone(i, server.url, talk.id) for i in range(3)]
        for p in phones:
            assert (await p.open_page()).status == 200
            p.start()
        for p in phones:
            assert await p.wait_for(1, 30) is not None
        for target in (2, 5, 4):
            reply = await move(server.url, talk.id, secret, target)
            assert reply.status == 200, reply.body
            for p in phones:
                assert await p.wait_for(target, 10) is not None, (p.n, p.seen, p.errors)
        position = await fetch(f"{server.url}/talk/{talk.id}/position")
        for p in phones:
            await p.stop()
        label = f'"label":"4 / {len(talk_slides)}"'.encode()
        assert position.status == 200 and b'"slide":4' in position.body and label in position.body
        return phones

    phones = in_own_thread(asyncio.run, run())
    assert all(p.errors == [] for p in phones), [p.errors for p in phones]


@pytest.mark.parametrize(
    ("path", "status", "words"),
    [
        ("/talk/bad%20id", 400, "talk id is 8 to 32"),
        ("/talk/x", 400, "talk id is 8 to 32"),
        ("/talk/NoSuchTalk12", 404, "No such talk"),
        ("/talk/NoSuchTalk12/position", 404, "No such talk"),
        ("/talk/NoSuchTalk12/events", 404, "No such talk"),
        ("/talk/NoSuchTalk12/answers", 404, "No such talk"),
        ("/talk/bad%20id/answers", 400, "talk id is 8 to 32"),
        ("/talk/..%2F..%2Fetc/position", 400, "Bad Request"),  # refused before the app, as a plain 400
    ],
)
def test_unknown_and_malformed_talks_get_a_status_and_a_sentence(server, path, status, words):
    reply = in_own_thread(asyncio.run, fetch(server.url + path))
    assert reply.status == status, reply.body[:300]
    assert words in reply.body.decode()
    _no_traceback(reply.body)


def test_only_the_presenters_secret_moves_the_talk(server):
    talk, secret = _start()
    base = server.url

    async def run() -> None:
        for auth, body, status, words in [
            (None, b'{"slide": 2}', 403, "not move it"),
            ("Bearer " + "x" * 32, b'{"slide": 2}', 403, "not move it"),
            ("Bearer short", b'{"slide": 2}', 403, "not move it"),
            ("Bearer " + secret, b"not json", 400, '{\\"slide\\": 3}'),
            ("Bearer " + secret, b'{"slide": "2"}', 400, "1-based slide"),
            ("Bearer " + secret, b'{"slide": 99}', 400, "slide number of this talk is 1 to 10"),
        ]:
            headers = {"Authorization": auth} if auth else {}
            reply = await fetch(f"{base}/talk/{talk.id}/move", method="POST", headers=headers, body=body)
            assert reply.status == status, (auth, body, reply.body)
            assert words in reply.body.decode(), reply.body
            _no_traceback(reply.body)
        unknown = await move(base, "NoSuchTalk12", secret, 2)
        assert unknown.status == 404

    in_own_thread(asyncio.run, run())
    assert talk_store.open_store().talk(talk.id).slide == 0  # nothing moved


def test_presenter_flag_on_the_audience_link_is_the_same_page_with_a_note(server):
    talk, secret = _start()
    reply = in_own_thread(asyncio.run, fetch(f"{server.url}/talk/{talk.id}?presenter=1"))
    assert reply.status == 200
    assert "cannot move the talk" in reply.body.decode() and secret not in reply.body.decode()


def test_an_expired_talk_ends_the_phones_streams_and_then_is_unknown(server):
    talk, _ = _start()
    path = talk_store.state_dir() / "talks.sqlite3"

    async def run() -> Phone:
        phone = Phone(0, server.url, talk.id)
        phone.start()
        assert await phone.wait_for(1, 30) is not None
        with sqlite3.connect(path) as db:  # as if nobody had touched it for a year
            db.execute("UPDATE talks SET touched = ? WHERE id = ?", (time.time() - 365 * 86400, talk.id))
        deadline = time.monotonic() + 10
        while not phone.gone and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        await phone.stop()
        return phone

    phone = in_own_thread(asyncio.run, run())
    assert phone.gone, phone.errors
    reply = in_own_thread(asyncio.run, fetch(f"{server.url}/talk/{talk.id}"))
    assert reply.status == 404 and "No such talk" in reply.body.decode()


def test_a_projected_poll_hears_of_answers_at_most_once_a_second_and_of_nothing_else(server):
    """The projector's answers stream (``/talk/ID/answers``): the mark it starts from, then one event a
    second at most while answers come in (stored from here, as through another replica), none for a move."""
    talk, secret = _start()
    store = talk_store.open_store()
    store.open_poll(talk.id, secret, "p", {"question": "How safe is it?"})

    async def run() -> tuple[list, list, list]:
        events: list[tuple[float, str, str]] = []
        listening = asyncio.create_task(server_events(f"{server.url}/talk/{talk.id}/answers", events))
        await asyncio.sleep(2)
        first = list(events)
        for i in range(6):
            await asyncio.to_thread(store.answer, talk.id, "p", f"phone-{i:08d}", 10 * i)
            await asyncio.sleep(0.1)
        await asyncio.sleep(2.5)
        answered = list(events)
        assert (await move(server.url, talk.id, secret, 3)).status == 200
        await asyncio.sleep(1.5)
        listening.cancel()
        with contextlib.suppress(asyncio.CancelledError, ConnectionError):
            await listening
        return first, answered, events

    before = store.answer_marks([talk.id])[talk.id]
    first, answered, after_move = in_own_thread(asyncio.run, run())
    assert [(e, json.loads(d)) for _, e, d in first] == [("answers", before)]
    later = [t for t, e, _ in answered[len(first) :] if e == "answers"]
    assert 1 <= len(later) <= 4, answered  # six answers in 0.6 s: one event, then one a second at most
    assert all(b - a >= 0.9 for a, b in zip(later, later[1:], strict=False)), later
    assert json.loads(answered[-1][2]) == store.answer_marks([talk.id])[talk.id] != before  # where it ended
    assert after_move == answered  # a move is the slide stream's business


def test_a_flood_from_one_client_gets_429_and_the_room_goes_on(server):
    talk, secret = _start()

    async def run() -> tuple[list[int], list[int], Phone, str | None]:
        phone = Phone(1, server.url, talk.id)
        phone.start()
        assert await phone.wait_for(1, 30) is not None
        flood = await asyncio.gather(*(fetch(f"{server.url}/talk/{talk.id}/position?c=flooder") for _ in range(80)))
        retry = next((r.header("retry-after") for r in flood if r.status == 429), None)
        others = await asyncio.gather(*(fetch(f"{server.url}/talk/{talk.id}/position?c=other{i}") for i in range(5)))
        assert (await move(server.url, talk.id, secret, 3)).status == 200
        assert await phone.wait_for(3, 10) is not None
        await phone.stop()
        for r in flood:
            _no_traceback(r.body)
        return [r.status for r in flood], [r.status for r in others], phone, retry

    flood, others, phone, retry = in_own_thread(asyncio.run, run())
    assert set(flood) == {200, 429} and flood.count(429) >= 50, flood
    assert retry is not None and int(retry) >= 1
    assert others == [200] * 5
    assert phone.errors == []
    assert "Traceback" not in server.output()

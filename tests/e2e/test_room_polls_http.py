"""A talk's live credence poll over plain HTTP on a real `streamlit run app.py`, spoken to as phones and
the presenter do: one answer per phone (a later one replaces it), the room's answers hidden from a phone
until it has answered, and every bad answer refused with a sentence and never stored."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

import pytest

from dashboard import store as talk_store
from dashboard.pack.load import load_pack
from dashboard.views import talk as talks

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from roomclient import fetch

from own_thread import in_own_thread

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def poll_slide():
    ds = load_pack(ROOT / "data").dataset
    talk = talks.talk_of(ds)
    index, slide = next((i, s) for i, s in enumerate(talk.slides) if s.poll is not None)
    crux = talks.poll_crux(ds, slide)
    return index, slide, crux, len(talk.slides)


def _answer(base: str, tid: str, body: dict | bytes):
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    return fetch(f"{base}/talk/{tid}/answer", method="POST", body=raw, headers={"Content-Type": "application/json"})


def _presenter(base: str, tid: str, secret: str, poll: str, opened: bool):
    return fetch(f"{base}/talk/{tid}/poll/{poll}", method="POST", body=json.dumps({"open": opened}).encode(),
                 headers={"Authorization": f"Bearer {secret}", "Content-Type": "application/json"})  # fmt: skip


def _json(reply) -> dict:
    return json.loads(reply.body)


def test_phones_answer_once_each_see_the_room_only_after_answering_and_a_closed_poll_is_frozen(server, poll_slide):
    index, slide, crux, n = poll_slide
    talk, secret = talk_store.open_store().start_talk("test-deck", n, slide=index)
    base, pid = server.url, slide.id
    phones = ["phone-aaaaaaaa", "phone-bbbbbbbb", "phone-cccccccc"]

    async def run() -> None:
        page = (await fetch(f"{base}/talk/{talk.id}")).body.decode()
        assert crux.credence_question.replace("'", "&#x27;") in page and 'data-poll="' + pid + '"' in page
        assert "Your credence" in page and ">Send</button>" in page
        early = await _answer(base, talk.id, {"poll": pid, "credence": 50, "voter": phones[0]})
        assert early.status == 404 and "not open" in _json(early)["error"]
        assert (await _presenter(base, talk.id, "x" * 32, pid, True)).status == 403
        opened = await _presenter(base, talk.id, secret, pid, True)
        assert opened.status == 200 and _json(opened)["state"] == "open"
        hidden = _json(await fetch(f"{base}/talk/{talk.id}/poll/{pid}?c={phones[0]}"))
        assert hidden == {"poll": pid, "state": "open", "answered": False, "distribution": None}
        for phone, value in zip(phones, (20, 60, 90), strict=True):
            reply = await _answer(base, talk.id, {"poll": pid, "credence": value, "voter": phone})
            assert reply.status == 200, reply.body
            assert _json(reply)["distribution"]["yours"] == value
        changed = _json(await _answer(base, talk.id, {"poll": pid, "credence": 30, "voter": phones[0]}))
        assert changed["distribution"]["n"] == 3 and changed["distribution"]["median"] == 60
        seen = _json(await fetch(f"{base}/talk/{talk.id}/poll/{pid}?c={phones[1]}"))["distribution"]
        assert (seen["n"], seen["yours"], seen["label"], sum(seen["counts"])) == (3, 60, "3 answers", 3)
        assert _json(await fetch(f"{base}/talk/{talk.id}/poll/{pid}?c=phone-dddddddd"))["distribution"] is None
        assert (await _presenter(base, talk.id, secret, pid, False)).status == 200
        late = await _answer(base, talk.id, {"poll": pid, "credence": 10, "voter": "phone-dddddddd"})
        assert late.status == 409 and "closed" in _json(late)["error"]
        again = await _answer(base, talk.id, {"poll": pid, "credence": 10, "voter": phones[2]})
        assert again.status == 409

    in_own_thread(asyncio.run, run())
    assert sorted(a.value for a in talk_store.open_store().answers(talk.id, slide.id)) == [30, 60, 90]


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ({"credence": 150}, 400, "out of range"),
        ({"credence": -5}, 400, "out of range"),
        ({"credence": "seventy"}, 400, "number from 0 to 100"),
        ({"credence": None}, 400, "number from 0 to 100"),
        ({"credence": 50, "voter": "x"}, 400, "voter id"),
        ({"credence": 50, "poll": "no-such-poll"}, 404, "no such poll"),
        (b"not json", 400, "The body is JSON"),
        (b'{"credence": 50, "pad": "' + b"x" * 5000 + b'"}', 413, "too large"),
    ],
)
def test_bad_answers_get_a_sentence_and_are_never_stored(server, poll_slide, body, status, words):
    index, slide, _, n = poll_slide
    talk, secret = talk_store.open_store().start_talk("test-deck", n, slide=index)
    talk_store.open_store().open_poll(talk.id, secret, slide.id, {"slide": index + 1})
    if isinstance(body, dict):
        body = {"poll": slide.id, "voter": "phone-eeeeeeee", **body}
    reply = in_own_thread(asyncio.run, _answer(server.url, talk.id, body))
    assert reply.status == status, reply.body
    assert words in _json(reply)["error"]
    assert talk_store.open_store().answers(talk.id, slide.id) == []


def test_an_answer_to_a_talk_that_has_ended_is_refused(server, poll_slide):
    reply = in_own_thread(asyncio.run, _answer(server.url, "NoSuchTalk12", {"poll": poll_slide[1].id, "credence": 5,
                                                                           "voter": "phone-ffffffff"}))  # fmt: skip
    assert reply.status == 404 and "talk has ended" in _json(reply)["error"]


def test_one_phone_sending_many_answers_is_slowed_down(server, poll_slide):
    index, slide, _, n = poll_slide
    talk, secret = talk_store.open_store().start_talk("test-deck", n, slide=index)
    talk_store.open_store().open_poll(talk.id, secret, slide.id, {"slide": index + 1})

    async def run() -> list:
        return [await _answer(server.url, talk.id, {"poll": slide.id, "credence": i, "voter": "phone-gggggggg"})
                for i in range(12)]  # fmt: skip

    replies = in_own_thread(asyncio.run, run())
    codes = [r.status for r in replies]
    assert codes[0] == 200 and 429 in codes, codes
    refused = next(r for r in replies if r.status == 429)
    assert "Too many answers" in _json(refused)["error"] and int(refused.header("retry-after")) >= 1
    assert len(talk_store.open_store().answers(talk.id, slide.id)) == 1

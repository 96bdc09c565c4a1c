"""A live poll across two replicas behind nginx (deploy/serve.sh), the talk store shared through SQLite:
phones spread over both replicas answer; one replica is killed mid-poll; the phones carry on through the
survivor and no answer is lost, each phone counted once with its last answer; a projector's answers stream
hears of the answers sent to either replica. (A replica killed under a talk shared through Redis:
tests/deploy/test_room_replicas.py.)"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import sys
import time
from pathlib import Path

import pytest
from serving import Deployment

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

from roomclient import Phone, fetch, phones_on_every_replica, server_events  # noqa: E402

from own_thread import in_own_thread  # noqa: E402

pytestmark = pytest.mark.timeout(480)
PHONES = 16


@pytest.fixture
def deployment(sqlite_deployment: Deployment) -> Deployment:
    """The SQLite deployment, every replica serving."""
    return sqlite_deployment.healed()


def _poll_slide() -> tuple[int, str, int]:
    from dashboard.pack.load import load_pack
    from dashboard.views import talk as talks

    ds = load_pack(ROOT / "data").dataset
    talk = talks.talk_of(ds)
    index, slide = next((i, s) for i, s in enumerate(talk.slides) if talks.poll_crux(ds, s) is not None)
    return index, slide.id, len(talk.slides)


async def _answer(dep: Deployment, phone: Phone, pid: str, value: int):
    headers = {"Content-Type": "application/json", "Cookie": phone.cookie} if phone.cookie else {}
    body = json.dumps({"poll": pid, "credence": value, "voter": f"replica-phone-{phone.n:03d}"}).encode()
    for _ in range(20):  # through nginx: a request in flight on the killed replica fails once, as a phone's would
        try:
            reply = await fetch(f"{dep.url}/talk/{phone.talk}/answer", method="POST", headers=headers, body=body)
        except (TimeoutError, ConnectionError, OSError):
            await asyncio.sleep(0.5)
            continue
        phone._keep_cookie(reply.headers)
        if reply.status < 500:
            return reply
        await asyncio.sleep(0.5)
    raise AssertionError(f"phone {phone.n} could not answer")


def test_a_replica_dies_mid_poll_and_no_answer_is_lost(deployment: Deployment):
    index, pid, n = _poll_slide()
    store = deployment.store()
    talk, secret = store.start_talk("poll-replicas", n, slide=index)

    async def run() -> tuple[str, dict]:
        opened = await fetch(f"{deployment.url}/talk/{talk.id}/poll/{pid}", method="POST", body=b'{"open": true}',
                             headers={"Authorization": f"Bearer {secret}", "Content-Type": "application/json"})  # fmt: skip
        assert opened.status == 200, opened.body
        phones = await phones_on_every_replica(deployment.url, talk.id, deployment.replicas, PHONES)
        # A projector's answers stream, on whichever replica nginx gives it, hears of answers sent to both.
        heard: list[tuple[float, str, str]] = []
        projector = asyncio.create_task(server_events(f"{deployment.url}/talk/{talk.id}/answers", heard))
        for p in phones[: PHONES // 2]:
            reply = await _answer(deployment, p, pid, 10 + p.n)
            assert reply.status == 200, reply.body
        mark = store.answer_marks([talk.id])[talk.id]
        deadline = time.monotonic() + 10
        while not heard or json.loads(heard[-1][2]) != mark:
            assert time.monotonic() < deadline, (heard, mark)
            await asyncio.sleep(0.1)
        projector.cancel()
        with contextlib.suppress(asyncio.CancelledError, ConnectionError):
            await projector
        served = {p.upstreams[-1] for p in phones[: PHONES // 2]}
        assert served == set(deployment.replicas), [p.tried for p in phones]  # the answers went to both replicas
        victim = phones[0].upstreams[-1]
        os.kill(deployment.replicas[victim], signal.SIGKILL)
        time.sleep(1)
        last = {}
        for p in phones:  # the first half change their answers, the rest answer for the first time
            last[p.n] = 90 - p.n
            reply = await _answer(deployment, p, pid, last[p.n])
            assert reply.status == 200, reply.body
            assert json.loads(reply.body)["distribution"]["yours"] == last[p.n]
        state = await fetch(f"{deployment.url}/talk/{talk.id}/poll/{pid}?c=replica-phone-{phones[0].n:03d}",
                            headers={"Cookie": phones[0].cookie})  # fmt: skip
        return victim, {"last": last, "state": json.loads(state.body), "phones": phones}

    victim, got = in_own_thread(asyncio.run, run())
    survivor = next(a for a in deployment.replicas if a != victim)
    assert all(p.upstreams[-1] == survivor for p in got["phones"])
    assert got["state"]["distribution"]["n"] == PHONES
    values = sorted(a.value for a in store.answers(talk.id, pid))
    assert values == sorted(got["last"].values())  # every phone counted once, with its last answer

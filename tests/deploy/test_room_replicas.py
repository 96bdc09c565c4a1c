"""A talk across two replicas behind nginx (deploy/serve.sh), with the talk store shared through
SQLite (one host) and through a real redis-server: phones spread over both replicas follow a presenter
on either; kill the presenter's replica (over Redis) and the presenter's browser window reconnects
through nginx to the survivor, still the presenter of the same talk, and no phone loses its place.

Phones are plain asyncio SSE clients (tests/bench/roomclient.py), each with its own affinity cookie;
the presenter is real Chromium.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "bench"))
sys.path.insert(0, str(ROOT / "tests" / "e2e"))
sys.path.insert(0, str(ROOT / "tests"))

from e2e_harness import CHROMIUM, CHROMIUM_ARGS, FINISHED, wait_until  # noqa: E402
from roomclient import Phone, fetch, move, phones_on_every_replica  # noqa: E402
from serving import Deployment, answers  # noqa: E402

from own_thread import in_own_thread  # noqa: E402

pytestmark = pytest.mark.timeout(480)


async def _phones(dep: Deployment, talk: str, n: int) -> list[Phone]:
    """``n`` phones following the talk, half on each replica."""
    phones = await phones_on_every_replica(dep.url, talk, dep.replicas, n)
    for p in phones:
        p.start()
    return phones


def test_phones_on_both_replicas_follow_a_move_made_on_either(deployment: Deployment):
    talk, secret = deployment.store().start_talk("deploy-test", 13)

    async def run() -> list[Phone]:
        phones = await _phones(deployment, talk.id, 10)
        for p in phones:
            assert await p.wait_for(1, 30) is not None, p.errors
        for target in (2, 3, 4, 5):  # each move lands on whichever replica nginx picks
            assert (await move(deployment.url, talk.id, secret, target)).status == 200
            for p in phones:
                assert await p.wait_for(target, 10) is not None, (p.n, p.seen, p.errors)
        for p in phones:
            await p.stop()
        return phones

    phones = in_own_thread(asyncio.run, run())
    spread = {p.upstreams[-1] for p in phones}
    assert spread == set(deployment.replicas), [p.tried for p in phones]
    assert all(p.errors == [] for p in phones), [p.errors for p in phones]


def test_the_presenters_replica_dies_and_the_talk_goes_on(redis_deployment: Deployment):
    """Over Redis, the store for replicas on several hosts (a replica killed under a poll shared through
    SQLite: tests/deploy/test_poll_replicas.py)."""
    in_own_thread(_presenters_replica_dies, redis_deployment.healed())


def _presenters_replica_dies(deployment: Deployment) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            ctx = browser.new_context(viewport={"width": 1280, "height": 720})
            ctx.set_default_timeout(90_000)
            presenter = ctx.new_page()
            first = presenter.goto(f"{deployment.url}/?present=1&presenter=1&slide=3")
            victim = first.headers["x-upstream"]
            presenter.wait_for_selector(FINISHED)
            wait_until(presenter, "() => new URLSearchParams(location.search).get('key')", timeout=30_000)
            query = parse_qs(urlparse(presenter.url).query)
            talk, key = query["talk"][0], query["key"][0]
            assert deployment.store().talk(talk).slide == 2

            # The phones' event loop runs in a thread of its own (Playwright's sync API owns this one).
            loop = asyncio.new_event_loop()
            thread = threading.Thread(target=loop.run_forever, daemon=True)
            thread.start()

            def run(coro):
                return asyncio.run_coroutine_threadsafe(coro, loop).result(180)

            phones = run(_phones(deployment, talk, 8))
            for p in phones:
                assert run(p.wait_for(3, 30)) is not None, p.errors
            assert {p.upstreams[-1] for p in phones} == set(deployment.replicas)

            os.kill(deployment.replicas[victim], signal.SIGKILL)
            survivor = next(a for a in deployment.replicas if a != victim)
            # Phones of the dead replica reconnect (EventSource) to the survivor: still on slide 3.
            time.sleep(4)
            for p in phones:
                assert p.slide == 3, (p.n, p.seen, p.errors)

            # The presenter's window reconnects by itself (Streamlit's websocket, through nginx) and,
            # from its link, is the presenter of the same talk on the survivor.
            presenter.wait_for_selector(FINISHED, timeout=120_000)
            deadline = time.monotonic() + 120
            while True:
                presenter.keyboard.press("ArrowRight")
                presenter.wait_for_timeout(1500)
                if deployment.store().talk(talk).slide == 3:
                    break
                assert time.monotonic() < deadline, "the presenter's window never drove the talk again"
            for p in phones:
                assert run(p.wait_for(4, 15)) is not None, (p.n, p.seen, p.errors)
            assert parse_qs(urlparse(presenter.url).query)["key"] == [key]
            reply = run(fetch(f"{deployment.url}/talk/{talk}/position"))
            assert reply.status == 200 and b'"slide":4' in reply.body
            for p in phones:
                run(p.stop())
            loop.call_soon_threadsafe(loop.stop)
            thread.join(10)
            # What phones saw: never a slide other than 3 before the move, then 4.
            for p in phones:
                assert [s for _, s, _ in p.seen if s != 3] == [4] * len([s for _, s, _ in p.seen if s != 3]), p.seen
            moved = [p for p in phones if victim in p.upstreams]
            assert moved and all(p.upstreams[-1] == survivor for p in moved), [p.upstreams for p in moved]
        finally:
            browser.close()
    assert not answers(f"http://{victim}")

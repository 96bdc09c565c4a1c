"""Two dashboard replicas behind nginx, started by deploy/serve.sh as people start them, driven by
the websocket load client (tests/bench/wsload.py): affinity, spread, and failover when a replica
dies. Real nginx (Debian's), real `streamlit run` replicas on 127.0.0.1; nothing is mocked.

The tests run on the SQLite deployment the folder shares (tests/deploy/conftest.py): the failover
test kills a replica (the next test gets it back), the SIGTERM test stops serve.sh after every other
test of the folder. Skipped only when nginx is missing and cannot be installed with apt-get.
"""

from __future__ import annotations

import asyncio
import http.client
import os
import random
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

import wsload  # noqa: E402
from roomclient import affinity_cookies  # noqa: E402
from serving import SERVE, Deployment, answers  # noqa: E402

from own_thread import in_own_thread  # noqa: E402

pytestmark = pytest.mark.timeout(300)


@pytest.fixture
def deployment(sqlite_deployment: Deployment) -> Deployment:
    """The SQLite deployment, every replica serving (no talk here: the store plays no part)."""
    return sqlite_deployment.healed()


def test_bad_arguments_get_a_clear_error():
    done = subprocess.run(["bash", str(SERVE), "--replicas", "0", "--port", "8600"], capture_output=True, text=True,
                          timeout=60)  # fmt: skip
    assert done.returncode == 2
    assert "--replicas takes a number from 1 to 64 (got '0')" in done.stderr


def test_nginx_adds_the_headers_and_the_upload_limit(deployment: Deployment):
    with urllib.request.urlopen(deployment.url + "/", timeout=30) as resp:
        page = resp.read().decode()
        headers = resp.headers
    assert "<title>" in page.lower()  # Streamlit's index.html, through nginx
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["Content-Security-Policy"] == "frame-ancestors 'self'"
    assert headers["X-Upstream"] in deployment.replicas
    assert any(c.startswith("dashboard_replica=") for c in headers.get_all("Set-Cookie"))

    # Over .streamlit/config.toml's maxUploadSize (20 MB): refused by nginx before any byte is sent.
    conn = http.client.HTTPConnection(deployment.url.removeprefix("http://"), timeout=30)
    conn.putrequest("POST", "/_stcore/upload_file/session/file")
    conn.putheader("Content-Length", str(21 * 1024 * 1024))
    conn.endheaders()
    assert conn.getresponse().status == 413
    conn.close()


def test_ten_sessions_spread_over_both_replicas_each_stays_on_one(deployment: Deployment):
    args = wsload.parse_args(["--url", deployment.url, "--sessions", "10", "--duration", "4",
                              "--run-timeout", "60", "--open-timeout", "90", "--spread-over", *deployment.replicas])  # fmt: skip
    r = in_own_thread(asyncio.run, wsload.run(args))
    assert r["sessions_opened"] == 10, r["error_details"]
    assert r["errors"] == 0, r["error_details"]
    assert r["interactions"] >= 10
    assert set(r["sessions_by_replica"]) == set(deployment.replicas), r["sessions_by_replica"]
    for n, replicas in r["replicas_by_session"].items():
        # the page load and the websocket (which carried every interaction) on the same replica
        assert len(replicas) == 2 and len(set(replicas)) == 1, f"session {n}: {replicas}"


def url_state(s: wsload.Session) -> tuple[str, str]:
    """(page name, query string): what the session's address bar shows."""
    name = next(path for path, h in s.pages.items() if h == s.page_hash)
    return name, s.query_string()


async def kill_one_replica_mid_run(dep: Deployment) -> dict:
    ws_url = dep.url.replace("http", "ws", 1) + "/_stcore/stream"
    sessions = [wsload.Session(i, ws_url, dep.url, random.Random(i), run_timeout=60) for i in range(10)]
    # Half on each replica: left to nginx's hash, all ten land on one a few times in a thousand.
    for s, jar in zip(sessions, affinity_cookies(dep.url, dep.replicas, len(sessions)), strict=True):
        s.cookies.update(jar)
    opened = await asyncio.gather(*(s.open(90) for s in sessions))
    assert None not in opened, [s.errors for s in sessions]
    on = {addr: [s for s in sessions if s.replicas[-1] == addr] for addr in dep.replicas}
    assert all(on.values()), f"all sessions on one replica: {[s.replicas for s in sessions]}"
    victim, survivor = sorted(dep.replicas, key=lambda a: -len(on[a]))

    deadline = time.monotonic() + 12
    loops = asyncio.gather(*(s.loop(deadline, wsload.KINDS) for s in sessions))
    await asyncio.sleep(4)
    os.kill(dep.replicas[victim], signal.SIGKILL)
    await loops
    out = {"victim": victim, "survivor": survivor, "on": on}

    # Each session of the dead replica reconnects, as the frontend does, and asks for the view in
    # its address bar: a new session on the survivor, restored from the URL alone.
    out["restored"] = []
    for s in on[victim]:
        dropped = list(s.errors)
        view = (s.page_hash, list(s.tech), dict(s.credences))
        name, query = url_state(s)
        await s.connect(60)
        run, _ = await s.rerun(page_name=name, query_string=query, timeout=60)
        out["restored"].append((s, dropped, view, run))
        await s.switch_page()  # and it goes on working there
    # A viewer who arrives now: page load and websocket, no error page.
    fresh = wsload.Session(99, ws_url, dep.url, random.Random(99), run_timeout=60)
    out["fresh_first_run"] = await fresh.open(90)
    out["fresh"] = fresh
    out["fresh_pages"] = []
    for _ in range(6):  # new cookies, some of which would have picked the dead replica
        probe = wsload.Session(100, ws_url, dep.url, random.Random(0), run_timeout=60)
        out["fresh_pages"].append((await probe.load_page(30), probe.replicas))
    for s in [*sessions, fresh]:
        await s.close()
    return out


def test_a_replica_dies_its_viewers_move_to_the_other_with_their_view(deployment: Deployment):
    out = in_own_thread(asyncio.run, kill_one_replica_mid_run(deployment))
    victim, survivor = out["victim"], out["survivor"]

    for s in out["on"][survivor]:
        assert s.errors == [], f"session {s.n} on the surviving replica: {s.errors}"
        assert set(s.replicas) == {survivor}

    assert out["restored"]
    for s, dropped, (page, tech, credences), run in out["restored"]:
        assert dropped and {cat for cat, _ in dropped} == {"connection dropped"}, f"session {s.n}: {dropped}"
        assert s.replicas[0] == victim and s.replicas[-1] == survivor, f"session {s.n}: {s.replicas}"
        assert s.check_run("restore", run), s.errors
        assert run.nav_page == page, f"session {s.n}: the page in its URL was not restored"
        assert sorted(run.tech or []) == sorted(tech), f"session {s.n}: the filter in its URL was not restored"
        if page == s.pages.get(wsload.CRUX_PAGE):
            for key, value in credences.items():
                shown = run.sliders.get(key)  # no value set when the URL's value is the default
                assert shown is not None and shown[2] in (value, None), f"session {s.n}: {key}={value}, {shown}"
        assert s.errors == dropped, f"session {s.n} after reconnecting: {s.errors[len(dropped) :]}"

    fresh = out["fresh"]
    assert out["fresh_first_run"] is not None and fresh.errors == [], fresh.errors
    assert set(fresh.replicas) == {survivor}
    for status, replicas in out["fresh_pages"]:
        assert status == 200 and replicas == [survivor], (status, replicas, victim)


@pytest.mark.stops_deployment
def test_serve_sh_stops_everything_on_sigterm(sqlite_deployment: Deployment):
    deployment = sqlite_deployment  # as the last test left it: a replica may be dead, not all
    assert deployment.process.poll() is None and answers(deployment.url)
    assert any(answers(f"http://{addr}") for addr in deployment.replicas)
    deployment.process.send_signal(signal.SIGTERM)
    assert deployment.process.wait(60) == 143
    assert not answers(deployment.url)
    for addr in deployment.replicas:
        assert not answers(f"http://{addr}"), f"replica {addr} still answers"
    assert "serve.sh: stopping" in deployment.output()

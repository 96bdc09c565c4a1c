"""The websocket load test, small: 2 sessions for 5 s on the dashboard, and proof that it counts errors.

Outside the default run (tests/run.sh ignores tests/bench). Run with:

    .venv/bin/python -m pytest tests/bench/test_wsload.py -m load
"""

from __future__ import annotations

import asyncio
import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import wsload

pytestmark = [pytest.mark.load, pytest.mark.timeout(300)]

# A throwaway app (written to pytest's tmp_path, never part of the dashboard): one page that
# works, one that raises.
RAISING_APP = """
import streamlit as st

def ok():
    st.write("fine")

def boom():
    raise RuntimeError("this page raises on purpose")

st.navigation([st.Page(ok, title="Ok", url_path="ok", default=True),
               st.Page(boom, title="Boom", url_path="boom")]).run()
"""


def test_two_sessions_on_the_dashboard_finish_their_runs_without_errors():
    args = wsload.parse_args(["--sessions", "2", "--duration", "5", "--settle", "2", "--session-ttl", "1"])
    result = asyncio.run(wsload.run(args))
    assert result["sessions_opened"] == 2, result["error_details"]
    assert result["errors"] == 0, result["error_details"]
    assert result["interactions"] >= 2
    assert result["latency_s"]["max"] < args.run_timeout
    assert result["rss_peak_mb"] > result["rss_idle_mb"]  # the sessions really ran pages


def test_errors_are_counted(tmp_path: Path):
    app = tmp_path / "raising_app.py"
    app.write_text(RAISING_APP, encoding="utf-8")

    async def drive() -> wsload.Session:
        srv = wsload.start_server(app, session_ttl=1)
        try:
            s = wsload.Session(0, srv.ws_url, srv.url, random.Random(0), run_timeout=30)
            assert await s.open(60) is not None, s.errors
            assert s.errors == []
            await s.switch_page(s.pages["boom"])  # the page raises: an exception element
            await s.switch_page("0" * 32)  # a page hash the app does not have: the default page runs
            run, _ = await s.rerun(page_name="no-such-page")  # an unknown page name: page_not_found
            s.check_run("page", run)
            await s.change_filter()  # this app has no ?tech= multiselect: the change cannot apply
            srv.stop()  # the server goes away under an open session: a dropped connection
            await asyncio.wait_for(s.reader, 20)
            await s.switch_page()  # nothing to send on: the drop is recorded once, not twice
            await s.close()
            return s
        finally:
            srv.stop()

    s = asyncio.run(drive())
    categories = [cat for cat, _ in s.errors]
    assert categories == [
        "exception",
        "change not applied",
        "page not found",
        "change not applied",
        "connection dropped",
    ], s.errors
    assert len(s.latencies) == 2  # the two page switches were timed: their runs finished


def test_risks_page_survives_a_filter_without_then_with_covering_techniques():
    async def drive() -> wsload.Session:
        srv = wsload.start_server(wsload.ROOT / "app.py", session_ttl=1)
        try:
            s = wsload.Session(0, srv.ws_url, srv.url, random.Random(0), run_timeout=60)
            assert await s.open(60) is not None, s.errors
            risks = s.pages["risks"]
            await s.switch_page(risks)
            for tech in (["Automated Interpretability"], ["Automated Interpretability", "Constitutional AI"]):
                s.tech = tech  # set the sidebar filter as a link would, on the risks page
                run, _ = await s.rerun(page_hash=risks, query_string=s.query_string(), history=True)
                s.check_run("filter", run)
                assert run.tech == tech, "the filter was not applied: have the technique names changed?"
            await s.close()
            return s
        finally:
            srv.stop()

    s = asyncio.run(drive())
    assert s.errors == [], s.errors

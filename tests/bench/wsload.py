"""Load test without browsers: websocket clients that speak Streamlit's own protocol.

    python tests/bench/wsload.py [--sessions 20] [--duration 60] [--settle 30] [--session-ttl 10]
                                 [--data DIR | --url http://127.0.0.1:8600] [--out load.json]

The browser variant (tests/bench/loadtest.py) drives real Chromium pages; on a small machine the
browsers' rendering, not the server, is what runs out of CPU. This script measures the server:
each session is one websocket to /_stcore/stream that sends the BackMsgs the frontend sends and
reads the ForwardMsgs the server answers with, without rendering anything.

What one session does
  1. Loads the page (GET /) as a browser does first, and keeps the cookies it sets, sending them
     back on later page loads and on the websocket handshake (a load balancer keys session
     affinity on such a cookie); records the X-Upstream header of each response, which names the
     replica that answered behind nginx (deploy/nginx.conf.template). Then connects with the
     subprotocol handshake the frontend uses (Sec-WebSocket-Protocol: "streamlit"), sends
     BackMsg.rerun_script for the home page (empty page name, empty query string) and waits for
     that run's script_finished. The sessions open one after another
     (ramp-up, timed as "first run", not part of the measured window).
  2. Waits a random part of one think time, then for --duration seconds repeats a random
     interaction, then waits --think seconds (0.2 to 1 s):
     - page (weight 4): switch to another page of the navigation the server sent (by
       page_script_hash, like a click on a sidebar link), keeping the technique filter;
     - filter (weight 4): change the sidebar technique filter, the repeated query parameter
       `tech` (add a technique, or remove one when three are chosen or, with probability 0.4,
       when any is); the values are the option labels the multiselect element sent;
     - credence (weight 2): set one crux credence slider (query parameter c-<crux id>) on the
       cruxes page to a new value in its range; from another page it first switches to the
       cruxes page (timed as a page interaction).
     - rerun (weight 4, only when chosen with --interactions): run the page shown again with the
       same query string, as a widget change that changes nothing would; the one interaction an
       app without navigation or filter has (tests/bench/bare_app.py: the framework's floor).
     Filter and credence changes are sent the way the frontend sends a change of address within
     the tab (ClientState.query_string with the whole new query string and
     is_history_navigation=True): for widgets bound with bind="query-params" Streamlit lets the
     URL win only on a session's first run or on history navigation, so a bare query-string change
     would be ignored and the run would not do the filtering work.
  Latency of an interaction: from sending the BackMsg to receiving the script_finished
  ForwardMsg of the run it started (the run is identified by metadata.run.script_run_id of the
  new_session message that opens it and the script_finished that closes it).

Server CPU per interaction: the server's CPU-seconds in the measured window divided by the
interactions finished in it (all threads: the script runs, the work Streamlit does after a run,
the event loop that writes the messages). With --sessions 1 one run at a time is in flight, so
each interaction's own CPU is read too: from just before its BackMsg to --cpu-settle seconds after
its script_finished (Streamlit's clean-up after a run comes after that message), reported by
kind and by page (the page the run drew).

What counts as an error (any of them makes the exit status 1)
  - an exception element in a delta (st.exception, or an uncaught exception in the page);
  - script_finished with any status but FINISHED_SUCCESSFULLY (compile error, a run ended early
    for a rerun nobody asked for), or a session_event script_compilation_exception;
  - page_not_found (the requested page is not one the app has);
  - the change was not applied: after a filter or credence change the multiselect / slider the
    server sent back does not carry the requested value, after a page switch the navigation
    message does not name the requested page;
  - a run not finished within --run-timeout, a failed connection, a dropped connection.

Server: one `streamlit run app.py` on a free port of 127.0.0.1 (never any other address), with
--client.showErrorDetails full (so an exception's type and message reach the report) and
--server.disconnectedSessionTTL set to --session-ttl (Streamlit's default is 120 s) so that the
release of closed sessions falls inside --settle. Its RSS (VmRSS) and CPU time (/proc/PID/stat)
are sampled every second from start to the end of the settle period; the machine's load average
and the CPU used by this client process are recorded too (the clients share the machine with
the server). After each cohort's window and after its settle period the script reads
/_stcore/metrics (connected sessions, connects and disconnects, session-state entries). Streamlit
drops an expired disconnected session lazily, at the next write to its session storage (the next
disconnect), and CPython keeps freed memory in its pools, so whether memory stays bounded shows
best with --waves N: N cohorts of --sessions one after another on the same server, RSS after
each. With --url the script starts no server and drives the one at that address (nginx in front
of replicas, say): the server's CPU, memory and metrics are then not sampled, and there is no
settle period. Every loop is bounded by a deadline or a count; the script stops by itself.

JSON (--out): the settings, the summary printed, per-cohort results, every error, each
session's interactions in order (page, query string, history flag, seconds, error) and the
one-second samples.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import harness as h  # noqa: E402
from roomclient import affinity_cookies  # noqa: E402

ROOT = h.ROOT
TECH_PARAM = "tech"
CRUX_PAGE = "cruxes"  # url_pathname of the page with the credence sliders
KINDS = {"page": 4, "filter": 4, "credence": 2, "rerun": 4}
DEFAULT_KINDS = "page,filter,credence"
MAX_ERRORS_KEPT = 200


# --------------------------------------------------------------------------------------------
# The server
# --------------------------------------------------------------------------------------------


def start_server(
    script: Path,
    *,
    data_dir: Path | None = None,
    session_ttl: float | None = None,
    log: Path | None = None,
    timeout_s: float = 90,
) -> h.Server:
    """`streamlit run script` on a free 127.0.0.1 port; returns once /_stcore/health answers."""
    # The exception's type and message in the delta, so the report names the error
    # (Streamlit redacts them by default; the server log has the traceback either way).
    options = ["--client.showErrorDetails", "full"]
    if session_ttl is not None:
        options += ["--server.disconnectedSessionTTL", str(int(session_ttl))]
    return h.start_server(script, data_dir=data_dir, log=log, timeout_s=timeout_s, options=options)


@dataclass
class Target:
    """Where the sessions connect: a server this script started, or one given by --url (a load
    balancer in front of replicas, say), whose process is not sampled."""

    url: str
    server: h.Server | None = None

    @property
    def ws_url(self) -> str:
        return self.url.replace("http", "ws", 1) + "/_stcore/stream"

    @property
    def pid(self) -> int | None:
        return self.server.pid if self.server else None

    def alive(self) -> bool:
        return self.server is None or self.server.process.poll() is None

    def rss_mb(self) -> float:
        return h.rss_mb(self.pid) if self.pid else float("nan")

    def cpu_seconds(self) -> float:
        return cpu_seconds(self.pid) if self.pid else float("nan")

    def metrics(self) -> dict:
        # Through a load balancer /_stcore/metrics would be one replica's, picked at random.
        return server_metrics(self.url) if self.server else {"error": "not read: --url"}

    def stop(self) -> None:
        if self.server:
            self.server.stop()


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (all its threads), from /proc/<pid>/stat."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy() -> tuple[float, float]:
    """(busy, total) jiffies of all CPUs, from the first line of /proc/stat."""
    with open("/proc/stat", encoding="ascii") as f:
        values = [int(x) for x in f.readline().split()[1:]]
    idle = values[3] + (values[4] if len(values) > 4 else 0)  # idle + iowait
    total = sum(values[:8])  # guest time is already counted in user
    return total - idle, total


# --------------------------------------------------------------------------------------------
# One websocket session
# --------------------------------------------------------------------------------------------


@dataclass
class Run:
    """What the server sent for one script run."""

    run_id: str = ""
    status: str = ""
    exceptions: list[str] = field(default_factory=list)
    page_not_found: str | None = None
    nav_page: str = ""  # page_script_hash named by the navigation message
    tech: list[str] | None = None  # the tech multiselect's value, when the server set it
    tech_options: list[str] = field(default_factory=list)
    sliders: dict[str, tuple[float, float, float | None]] = field(default_factory=dict)  # key -> (min, max, value set)
    deltas: int = 0
    started: float = 0.0  # monotonic time of its new_session
    finished: float = 0.0  # monotonic time of its script_finished


class Session:
    """One websocket client. A reader task parses every ForwardMsg; interactions wait for the
    script_finished of the run that the BackMsg they sent started."""

    def __init__(
        self,
        n: int,
        ws_url: str,
        origin: str,
        rng: random.Random,
        run_timeout: float,
        think: tuple[float, float] = (0.2, 1.0),
    ) -> None:
        self.n, self.ws_url, self.origin, self.rng = n, ws_url, origin, rng
        self.run_timeout = run_timeout
        self.think = think  # seconds between one finished interaction and the next, drawn uniformly
        self.ws = None
        self.reader: asyncio.Task | None = None
        self.errors: list[tuple[str, str]] = []  # (category, detail)
        self.latencies: list[tuple[str, float]] = []  # (kind, s): send -> script_finished
        self.queue_delays: list[float] = []  # send -> new_session of that run
        self.messages = 0
        self.bytes = 0
        self.trace: list[dict] = []  # every timed interaction: what was sent, how it ended
        self.closed_by_us = False
        # the run in progress and the one an interaction waits for
        self._current: Run | None = None
        self._waiting: asyncio.Future | None = None
        self._wait_run: Run | None = None
        # what the session knows of the app, and its state as the URL would show it
        self.pages: dict[str, str] = {}  # url_pathname -> page_script_hash
        self.page_hash = ""
        self.tech: list[str] = []
        self.tech_options: list[str] = []
        self.credences: dict[str, int] = {}
        self.sliders: dict[str, tuple[float, float]] = {}  # key -> (min, max)
        # cookies the server set (a load balancer's affinity cookie among them), sent back on
        # every request like a browser does
        self.cookies: dict[str, str] = {}
        self.replicas: list[str] = []  # who answered each request, from an X-Upstream header
        # With one session on a server this script started: the server's CPU-seconds so far, read
        # around each interaction (None: not read), and the wait after a run before reading it.
        self.server_cpu: Callable[[], float] | None = None
        self.cpu_settle = 0.2

    # ---- protocol -----------------------------------------------------------------------

    def error(self, category: str, detail: str) -> None:
        self.errors.append((category, detail[:300]))

    def _keep(self, headers) -> None:
        """Remember the cookies a response sets and the replica it names (X-Upstream: the
        addresses nginx tried, in order; the last one answered)."""
        for cookie in headers.get_all("Set-Cookie") or []:
            name, _, value = cookie.split(";", 1)[0].partition("=")
            self.cookies[name.strip()] = value.strip()
        upstream = headers.get("X-Upstream")
        if upstream:
            self.replicas.append(upstream.split(",")[-1].strip())

    def _cookie_header(self) -> dict[str, str]:
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}

    async def load_page(self, timeout: float, path: str = "/") -> int:
        """GET a page the way a browser loads the app before it opens the websocket; -> status."""
        import urllib.request

        def get() -> int:
            req = urllib.request.Request(self.origin + path, headers=self._cookie_header())
            with urllib.request.urlopen(req, timeout=timeout) as resp:  # raises on an error status
                resp.read()
                self._keep(resp.headers)
                return resp.status

        return await asyncio.to_thread(get)

    async def connect(self, open_timeout: float) -> None:
        from websockets.asyncio.client import connect

        # The frontend passes "streamlit" (then an XSRF token and a session id to resume) as
        # the websocket subprotocols; the server selects the first entry.
        self.closed_by_us = False
        self.ws = await connect(
            self.ws_url,
            subprotocols=["streamlit"],
            origin=self.origin,
            additional_headers=self._cookie_header(),
            max_size=None,  # a delta with a plotly figure can be several MB
            open_timeout=open_timeout,
            close_timeout=5,
        )
        self._keep(self.ws.response.headers)
        self.reader = asyncio.create_task(self._read(), name=f"session-{self.n}-reader")

    async def _read(self) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
        from websockets.exceptions import ConnectionClosed

        try:
            async for raw in self.ws:
                self.messages += 1
                self.bytes += len(raw)
                if isinstance(raw, str):
                    self.error("protocol", "text frame from the server")
                    continue
                self._on_message(ForwardMsg.FromString(raw))
            if not self.closed_by_us:  # the iteration ends without an exception on a normal close
                self.error(
                    "connection dropped",
                    f"closed by the server: code {self.ws.close_code} {self.ws.close_reason or ''}",
                )
        except ConnectionClosed as err:
            if not self.closed_by_us:
                self.error("connection dropped", f"{type(err).__name__}: {err}")
        except Exception as err:
            self.error("connection dropped", f"reader: {type(err).__name__}: {err}")
        finally:
            if self._waiting is not None and not self._waiting.done():
                self._waiting.set_exception(ConnectionError("the websocket closed during the run"))

    def _on_message(self, msg) -> None:  # msg: ForwardMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        kind = msg.WhichOneof("type")
        if kind == "new_session":
            run = Run(run_id=msg.metadata.run.script_run_id, started=time.monotonic())
            self._current = run
            if self._waiting is not None and self._wait_run is None:
                self._wait_run = run
        elif kind == "script_finished":
            run = self._current
            rid = msg.metadata.run.script_run_id
            if run is None or (rid and run.run_id and rid != run.run_id):
                if msg.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                    self.error("script_finished status", ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished))
                return
            run.status = ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)
            run.finished = time.monotonic()
            self._current = None
            if run is self._wait_run and self._waiting is not None and not self._waiting.done():
                self._waiting.set_result(run)
            elif run.status != "FINISHED_SUCCESSFULLY" or run.exceptions:
                # a run nobody waited for (should not happen: interactions do not overlap)
                self.error("unexpected run", f"{run.status}; exceptions {run.exceptions[:1]}")
        elif kind == "ref_hash":
            # A reference to a message the client said it had cached; this client never says so.
            self.error("protocol", f"unexpected ref_hash {msg.ref_hash}")
        elif kind == "navigation":
            self.pages = {p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages}
            if self._current is not None:
                self._current.nav_page = msg.navigation.page_script_hash
        elif kind == "page_not_found":
            if self._current is not None:
                self._current.page_not_found = msg.page_not_found.page_name
            else:
                self.error("page not found", repr(msg.page_not_found.page_name))
        elif kind == "session_event" and msg.session_event.WhichOneof("type") == "script_compilation_exception":
            e = msg.session_event.script_compilation_exception
            self.error("compile error", f"{e.type}: {e.message}")
        elif kind == "delta":
            run = self._current
            if run is not None:
                run.deltas += 1
            if msg.delta.WhichOneof("type") != "new_element":
                return
            el = msg.delta.new_element
            et = el.WhichOneof("type")
            if et == "exception":
                e = el.exception
                text = f"{'warning ' if e.is_warning else ''}{e.type}: {e.message}".strip()
                if run is not None:
                    run.exceptions.append(text)
                else:
                    self.error("exception", text)
            elif run is not None and et == "multiselect" and el.multiselect.query_param_key == TECH_PARAM:
                run.tech_options = list(el.multiselect.options)
                if el.multiselect.set_value:
                    run.tech = list(el.multiselect.raw_values)
            elif run is not None and et == "slider" and el.slider.query_param_key:
                s = el.slider
                value = s.value[0] if (s.set_value and len(s.value) == 1) else None
                run.sliders[s.query_param_key] = (s.min, s.max, value)

    def query_string(self) -> str:
        params: list[tuple[str, str]] = [(TECH_PARAM, t) for t in self.tech]
        if self.page_hash and self.page_hash == self.pages.get(CRUX_PAGE):
            params += [(k, str(v)) for k, v in sorted(self.credences.items())]
        return urlencode(params)

    async def rerun(
        self,
        *,
        page_hash: str = "",
        page_name: str = "",
        query_string: str = "",
        history: bool = False,
        timeout: float | None = None,
    ) -> tuple[Run, float]:
        """Send one rerun_script BackMsg; -> (its run, seconds from sending to its script_finished)."""
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from websockets.exceptions import ConnectionClosed

        if self.ws is None or (self.reader is not None and self.reader.done()):
            raise ConnectionError("the websocket is closed")
        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = query_string
        cs.page_script_hash = page_hash
        cs.page_name = page_name
        cs.is_history_navigation = history
        cs.context_info.timezone = "UTC"
        cs.context_info.timezone_offset = 0
        cs.context_info.locale = "en-US"
        cs.context_info.url = self.origin + "/"
        self._waiting = asyncio.get_running_loop().create_future()
        self._wait_run = None
        t0 = time.monotonic()
        try:
            try:
                await self.ws.send(msg.SerializeToString())
            except ConnectionClosed as err:  # closed before the reader noticed
                raise ConnectionError(f"the websocket closed: {err}") from err
            run = await asyncio.wait_for(asyncio.shield(self._waiting), timeout or self.run_timeout)
        finally:
            self._waiting = None
        self.queue_delays.append(run.started - t0)
        return run, run.finished - t0

    def check_run(self, kind: str, run: Run) -> bool:
        """Record the run's errors; -> True when it has none."""
        ok = True
        if run.status != "FINISHED_SUCCESSFULLY":
            self.error("script_finished status", f"{kind}: {run.status}")
            ok = False
        for text in run.exceptions:
            self.error("exception", f"{kind}: {text}")
            ok = False
        if run.page_not_found is not None:
            self.error("page not found", f"{kind}: {run.page_not_found!r}")
            ok = False
        return ok

    async def timed(self, kind: str, **rerun) -> Run | None:
        page = next((path for path, ph in self.pages.items() if ph == rerun.get("page_hash")), rerun.get("page_hash"))
        step = {
            "kind": kind,
            "page": page,
            "query": rerun.get("query_string", ""),
            "history": rerun.get("history", False),
        }
        if len(self.trace) < 1000:
            self.trace.append(step)
        before = len(self.errors)
        cpu0 = self.server_cpu() if self.server_cpu else None
        try:
            run, seconds = await self.rerun(**rerun)
        except TimeoutError:
            self.error("run timeout", f"{kind}: no script_finished within {self.run_timeout:.0f} s")
            step["error"] = self.errors[-1][0]
            return None
        except (ConnectionError, OSError) as err:
            if self.reader is None or not self.reader.done() or not self.errors:
                self.error("connection dropped", f"{kind}: {err}")  # else the reader recorded it
            step["error"] = "connection dropped"
            return None
        self.latencies.append((kind, seconds))
        step["s"] = round(seconds, 3)
        if self.server_cpu and cpu0 is not None:
            await asyncio.sleep(self.cpu_settle)
            step["server_cpu_s"] = round(self.server_cpu() - cpu0, 3)
        ok = self.check_run(kind, run)
        if not ok:
            step["error"] = "; ".join(cat for cat, _ in self.errors[before:])
        return run if ok else None

    def learn(self, run: Run) -> None:
        if run.tech_options:
            self.tech_options = run.tech_options
        for key, (lo, hi, _) in run.sliders.items():
            self.sliders[key] = (lo, hi)

    # ---- the interactions ---------------------------------------------------------------

    async def open(self, open_timeout: float) -> float | None:
        """Connect and run the home page; -> seconds to its script_finished, or None on failure."""
        t0 = time.monotonic()
        try:
            await self.load_page(open_timeout)
            await self.connect(open_timeout)
            run, _ = await self.rerun(timeout=open_timeout)
        except Exception as err:
            self.error("first run", f"{type(err).__name__}: {err}")
            return None
        if not self.check_run("first run", run):
            return None
        self.page_hash = run.nav_page
        self.learn(run)
        return time.monotonic() - t0

    async def switch_page(self, target: str | None = None) -> None:
        if not self.pages:
            self.error("no pages", "the server sent no navigation")
            return
        if target is None:
            others = [p for p in self.pages.values() if p != self.page_hash] or list(self.pages.values())
            target = self.rng.choice(others)
        self.page_hash = target
        run = await self.timed("page", page_hash=target, query_string=self.query_string())
        if run is None:
            return
        if run.nav_page != target:
            self.error("change not applied", f"page: asked for {target}, the navigation names {run.nav_page}")
        self.learn(run)

    async def change_filter(self) -> None:
        if not self.tech_options:
            self.error("change not applied", f"filter: no multiselect bound to ?{TECH_PARAM}= seen")
            return
        n = len(self.tech)
        if n >= 3 or (n and self.rng.random() < 0.4):
            gone = self.rng.choice(self.tech)
            self.tech = [t for t in self.tech if t != gone]
        else:
            self.tech = self.tech + [self.rng.choice([o for o in self.tech_options if o not in self.tech])]
        run = await self.timed("filter", page_hash=self.page_hash, query_string=self.query_string(), history=True)
        if run is None:
            return
        if run.tech is None or sorted(run.tech) != sorted(self.tech):
            self.error("change not applied", f"filter: asked for {self.tech}, the multiselect shows {run.tech}")
        self.learn(run)

    async def rerun_same(self) -> None:
        await self.timed("rerun", page_hash=self.page_hash or "", query_string=self.query_string())

    async def change_credence(self) -> None:
        crux_page = self.pages.get(CRUX_PAGE)
        if crux_page is None:
            self.error("no pages", f"no page at /{CRUX_PAGE}")
            return
        if self.page_hash != crux_page:
            await self.switch_page(crux_page)  # timed as a page interaction
            if not self.sliders:
                return
        if not self.sliders:
            self.error("change not applied", "credence: no slider bound to the URL on the cruxes page")
            return
        key = self.rng.choice(sorted(self.sliders))
        lo, hi = self.sliders[key]
        current = self.credences.get(key)
        value = self.rng.choice([v for v in range(int(lo), int(hi) + 1) if v != current])
        self.credences[key] = value
        run = await self.timed("credence", page_hash=crux_page, query_string=self.query_string(), history=True)
        if run is None:
            return
        shown = run.sliders.get(key)
        # A value equal to the slider's default is left out of the URL; the run then shows the
        # default without setting a value.
        if shown is None or (shown[2] is not None and shown[2] != value):
            self.error("change not applied", f"credence: asked {key}={value}, the slider shows {shown}")
        self.learn(run)

    async def loop(self, deadline: float, kinds: dict[str, int]) -> None:
        actions = {
            "page": self.switch_page,
            "filter": self.change_filter,
            "credence": self.change_credence,
            "rerun": self.rerun_same,
        }
        names = list(kinds)
        weights = [kinds[k] for k in names]
        # Sessions start their interactions at random within one think time, not all at the same
        # instant (which would measure one burst of simultaneous clicks, not a steady audience).
        await asyncio.sleep(min(self.rng.uniform(0, self.think[1]), max(0.0, deadline - time.monotonic())))
        while time.monotonic() < deadline:
            if self.reader is None or self.reader.done():
                return  # the connection dropped: recorded by the reader
            action = actions[self.rng.choices(names, weights=weights)[0]]
            try:
                await action()
            except Exception as err:
                self.error("client", f"{action.__name__}: {type(err).__name__}: {err}")
            pause = self.rng.uniform(*self.think)
            if time.monotonic() + pause >= deadline:
                return
            await asyncio.sleep(pause)

    async def close(self) -> None:
        self.closed_by_us = True
        if self.ws is not None:
            try:
                await asyncio.wait_for(self.ws.close(), 10)
            except Exception:
                pass
        if self.reader is not None:
            try:
                await asyncio.wait_for(self.reader, 10)
            except Exception:
                self.reader.cancel()


# --------------------------------------------------------------------------------------------
# The test
# --------------------------------------------------------------------------------------------


async def sample(srv: Target, samples: list[dict], stop: asyncio.Event, t0: float) -> None:
    """Every second: server RSS, server CPU-seconds per second, machine CPU busy fraction."""
    last_t, last_cpu = time.monotonic(), srv.cpu_seconds()
    last_busy, last_total = machine_busy()
    while not stop.is_set():
        try:
            await asyncio.wait_for(stop.wait(), timeout=1.0)
        except TimeoutError:
            pass
        try:
            now, cpu, rss = time.monotonic(), srv.cpu_seconds(), srv.rss_mb()
        except OSError:
            return
        busy, total = machine_busy()
        samples.append({
            "t": round(now - t0, 2),
            "rss_mb": round(rss, 1),
            "server_cpu": round((cpu - last_cpu) / max(now - last_t, 1e-6), 3),
            "machine_busy": round((busy - last_busy) / max(total - last_total, 1), 3),
        })  # fmt: skip
        last_t, last_cpu, last_busy, last_total = now, cpu, busy, total


def summarize(xs: list[float]) -> dict:
    return {
        "n": len(xs),
        "p50": h.percentile(xs, 50),
        "p95": h.percentile(xs, 95),
        "max": max(xs, default=float("nan")),
    }


def cpu_summary(xs: list[float]) -> dict:
    return {"n": len(xs), "median": round(h.percentile(xs, 50), 4), "mean": round(sum(xs) / len(xs), 4)}


def server_metrics(url: str) -> dict:
    """Sessions and cache sizes from Streamlit's /_stcore/metrics (OpenMetrics text)."""
    import urllib.request

    out: dict = {"active_sessions": None, "connects": None, "disconnects": None, "cache_bytes": {}}
    try:
        with urllib.request.urlopen(f"{url}/_stcore/metrics", timeout=15) as resp:
            text = resp.read().decode("utf-8", "replace")
    except OSError as err:
        out["error"] = str(err)
        return out
    for line in text.splitlines():
        if line.startswith("#") or " " not in line:
            continue
        name, value = line.rsplit(" ", 1)
        try:
            number = float(value)
        except ValueError:
            continue
        if name == "active_sessions":
            out["active_sessions"] = int(number)
        elif name == 'session_events_total{type="connect"}':
            out["connects"] = int(number)
        elif name == 'session_events_total{type="disconnect"}':
            out["disconnects"] = int(number)
        elif name.startswith("cache_memory_bytes{"):
            kind = name.split('cache_type="', 1)[1].split('"', 1)[0]
            out["cache_bytes"][kind] = out["cache_bytes"].get(kind, 0) + int(number)
    return out


def code_version() -> str:
    """The commit the app runs from, "+ changes" when app.py, pages/, src/ or data/ differ from it."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              timeout=20).stdout.strip()  # fmt: skip
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "app.py", "pages", "src", "data"], cwd=ROOT,
                               capture_output=True, text=True, timeout=20).stdout.strip()  # fmt: skip
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    return f"{head or 'unknown'}{' + uncommitted changes' if dirty else ''}"


async def run_wave(
    k: int, args: argparse.Namespace, srv: Target, rng: random.Random, kinds: dict[str, int], t0: float
) -> tuple[dict, list[Session], tuple[float, float]]:
    """One cohort of sessions: ramp-up, the measured window, close, settle."""
    sessions = [Session(k * args.sessions + i, srv.ws_url, srv.url, random.Random(rng.random()), args.run_timeout, args.think)
                for i in range(args.sessions)]  # fmt: skip
    if args.spread_over:
        cookies = await asyncio.to_thread(affinity_cookies, srv.url, args.spread_over, len(sessions))
        for s, jar in zip(sessions, cookies, strict=True):
            s.cookies.update(jar)
    if args.sessions == 1 and srv.server is not None:
        for s in sessions:  # one run at a time: each interaction's own CPU can be read
            s.server_cpu, s.cpu_settle = srv.cpu_seconds, args.cpu_settle
    wave: dict = {"wave": k + 1, "rss_before_mb": srv.rss_mb()}
    try:
        # Ramp-up: one session after another, each waits for its first run (not measured).
        ramp = time.monotonic()
        opened = [await s.open(args.open_timeout) for s in sessions]
        wave["ramp_up_s"] = round(time.monotonic() - ramp, 2)
        wave["first_run_s"] = [round(x, 2) if x is not None else None for x in opened]
        wave["sessions_opened"] = sum(x is not None for x in opened)
        wave["rss_all_open_mb"] = srv.rss_mb()
        live = [s for s, x in zip(sessions, opened, strict=True) if x is not None]
        # The measured window.
        window_start = time.monotonic()
        cpu0, (busy0, total0) = srv.cpu_seconds(), machine_busy()
        deadline = window_start + args.duration
        # An interaction started before the deadline may finish after it, within --run-timeout.
        await asyncio.wait_for(
            asyncio.gather(*(s.loop(deadline, kinds) for s in live)),
            args.duration + 2 * args.run_timeout + 30,
        )
        window = time.monotonic() - window_start
        busy1, total1 = machine_busy()
        wave["window_s"] = round(window, 2)
        wave["server_cpu_s"] = round(srv.cpu_seconds() - cpu0, 2)
        wave["machine_busy_fraction"] = round((busy1 - busy0) / max(total1 - total0, 1), 3)
        wave["rss_end_of_window_mb"] = srv.rss_mb()
        wave["interactions"] = sum(len(s.latencies) for s in sessions)
        wave["errors"] = sum(len(s.errors) for s in sessions)
        window_t = (window_start - t0, window_start - t0 + window)
        wave["metrics_all_open"] = await asyncio.to_thread(srv.metrics)
    finally:
        # Close every session, then watch memory while Streamlit drops them (after the TTL).
        await asyncio.gather(*(s.close() for s in sessions))
    closed_at = time.monotonic()
    wave["closed_at_s"] = round(closed_at - t0, 2)
    wave["rss_at_close_mb"] = srv.rss_mb()
    settle_end = closed_at + (args.settle if srv.server else 0)  # nothing to watch with --url
    while time.monotonic() < settle_end and srv.alive():
        await asyncio.sleep(min(1.0, max(0.0, settle_end - time.monotonic())))
    wave["rss_after_settle_mb"] = srv.rss_mb()
    wave["metrics_after_settle"] = await asyncio.to_thread(srv.metrics)
    return wave, sessions, window_t


async def run(args: argparse.Namespace) -> dict:
    script = Path(args.app).resolve()
    data_dir = Path(args.data).resolve() if args.data else None
    kinds = {k: w for k, w in KINDS.items() if k in args.interactions}
    if args.url:
        srv = Target(args.url)
    else:
        srv = Target("", start_server(script, data_dir=data_dir, session_ttl=args.session_ttl, log=args.log))
        srv.url = srv.server.url
    t0 = time.monotonic()
    result: dict = {
        "app": str(script),
        "data_dir": str(data_dir or os.environ.get("DASHBOARD_DATA_DIR") or ROOT / "data"),
        "url": srv.url,
        "sessions": args.sessions,
        "duration_s": args.duration,
        "waves": args.waves,
        "settle_s": args.settle,
        "session_ttl_s": args.session_ttl,
        "run_timeout_s": args.run_timeout,
        "interactions_chosen": kinds,
        "seed": args.seed,
        "machine": {"cores": os.cpu_count(), "load_average_start": os.getloadavg()},
        "server_started": srv.server is not None,
        "server_healthy_after_s": round(srv.server.healthy_after, 2) if srv.server else None,
        "code": code_version(),
    }
    samples: list[dict] = []
    stop = asyncio.Event()
    sampler = asyncio.create_task(sample(srv, samples, stop, t0))
    rng = random.Random(args.seed)
    client_cpu0 = time.process_time()
    waves: list[dict] = []
    sessions: list[Session] = []
    windows: list[tuple[float, float]] = []
    try:
        result["rss_idle_mb"] = srv.rss_mb()
        for k in range(args.waves):
            wave, wave_sessions, window_t = await run_wave(k, args, srv, rng, kinds, t0)
            waves.append(wave)
            sessions += wave_sessions
            windows.append(window_t)
        result["client_cpu_s"] = round(time.process_time() - client_cpu0, 2)
    finally:
        stop.set()
        try:
            await asyncio.wait_for(sampler, 5)
        except Exception:
            sampler.cancel()
        srv.stop()

    lat = [x for s in sessions for _, x in s.latencies]
    by_kind: dict[str, list[float]] = {}
    for s in sessions:
        for kind, x in s.latencies:
            by_kind.setdefault(kind, []).append(x)
    errors = [(s.n, cat, detail) for s in sessions for cat, detail in s.errors]
    cpu_by_kind: dict[str, list[float]] = {}
    cpu_by_page: dict[str, list[float]] = {}
    for s in sessions:
        for step in s.trace:
            if "server_cpu_s" in step and "error" not in step:
                cpu_by_kind.setdefault(step["kind"], []).append(step["server_cpu_s"])
                cpu_by_page.setdefault(str(step["page"] or "home"), []).append(step["server_cpu_s"])
    by_replica: dict[str, int] = {}
    for s in sessions:
        if s.replicas:
            by_replica[s.replicas[-1]] = by_replica.get(s.replicas[-1], 0) + 1
    by_category: dict[str, int] = {}
    for _, cat, _ in errors:
        by_category[cat] = by_category.get(cat, 0) + 1
    during = [x for x in samples if any(a <= x["t"] <= b + 1 for a, b in windows)]
    window_s = sum(w["window_s"] for w in waves) or float("nan")  # nan when no session opened
    first = waves[0]
    result.update(
        sessions_opened=sum(w["sessions_opened"] for w in waves),
        ramp_up_s=first["ramp_up_s"],
        first_run_s=[x for w in waves for x in w["first_run_s"]],
        window_s=round(window_s, 2),
        interactions=len(lat),
        interactions_per_s=round(len(lat) / window_s, 2),
        errors=len(errors),
        errors_by_category=by_category,
        error_details=[f"session {n}: {cat}: {d}" for n, cat, d in errors[:MAX_ERRORS_KEPT]],
        latency_s=summarize(lat),
        latency_by_kind_s={k: summarize(v) for k, v in sorted(by_kind.items())},
        queue_delay_s=summarize([x for s in sessions for x in s.queue_delays]),
        messages_received=sum(s.messages for s in sessions),
        mb_received=round(sum(s.bytes for s in sessions) / 1e6, 1),
        server_cpu_per_s=round(sum(w["server_cpu_s"] for w in waves) / window_s, 3),
        server_cpu_s_per_interaction=round(sum(w["server_cpu_s"] for w in waves) / len(lat), 4)
        if lat
        else float("nan"),
        server_cpu_s_by_kind={k: cpu_summary(v) for k, v in sorted(cpu_by_kind.items())},
        server_cpu_s_by_page={k: cpu_summary(v) for k, v in sorted(cpu_by_page.items())},
        server_cpu_peak_per_s=max((x["server_cpu"] for x in during), default=float("nan")),
        machine_busy_fraction=round(sum(w["machine_busy_fraction"] * w["window_s"] for w in waves) / window_s, 3),
        machine_busy_peak=max((x["machine_busy"] for x in during), default=float("nan")),
        rss_all_open_mb=first["rss_all_open_mb"],
        rss_peak_mb=max((x["rss_mb"] for x in samples), default=float("nan")),
        rss_end_of_window_mb=first["rss_end_of_window_mb"],
        rss_at_close_mb=first["rss_at_close_mb"],
        rss_after_settle_mb=waves[-1]["rss_after_settle_mb"],
        sessions_by_replica=dict(sorted(by_replica.items())),
        sessions_on_several_replicas=sum(len(set(s.replicas)) > 1 for s in sessions),
        replicas_by_session={s.n: s.replicas for s in sessions},
        wave_results=waves,
        load_average_end=os.getloadavg(),
        traces={s.n: s.trace for s in sessions},
        samples=samples,
    )
    return result


def report(r: dict) -> str:
    def f(x: float, unit: str = " s") -> str:
        return f"{x:.2f}{unit}" if x == x else "-"

    rows = [
        ("sessions (websocket clients)", f"{r['sessions']} ({r['sessions_opened']} opened)"),
        ("ramp-up (one after another)", f"{r['ramp_up_s']:.1f} s; first runs {min(x for x in r['first_run_s'] if x is not None) if r['sessions_opened'] else '-'}"
                                        f" to {max((x for x in r['first_run_s'] if x is not None), default='-')} s"),
        ("measured window", f"{r['window_s']:.1f} s (--duration {r['duration_s']:g} x {r['waves']} wave(s))"),
        ("interactions finished", f"{r['interactions']} ({r['interactions_per_s']:.1f}/s)"),
        ("interaction -> script_finished p50 / p95 / max",
         f"{f(r['latency_s']['p50'])} / {f(r['latency_s']['p95'])} / {f(r['latency_s']['max'])}"),
    ]  # fmt: skip
    for kind, v in r["latency_by_kind_s"].items():
        rows.append((f"  {kind}: n, p50 / p95", f"{v['n']}, {f(v['p50'])} / {f(v['p95'])}"))
    rows += [
        ("send -> new_session p50 / p95 (waiting for the server)",
         f"{f(r['queue_delay_s']['p50'])} / {f(r['queue_delay_s']['p95'])}"),
        ("errors", f"{r['errors']} {r['errors_by_category'] or ''}".strip()),
    ]  # fmt: skip
    if r["sessions_by_replica"]:
        rows.append(("sessions by replica (X-Upstream); served by more than one",
                     f"{r['sessions_by_replica']}; {r['sessions_on_several_replicas']}"))  # fmt: skip
    rows += [
        ("machine CPU busy in the window: mean / peak 1 s",
         f"{100 * r['machine_busy_fraction']:.0f}% / {100 * r['machine_busy_peak']:.0f}% of {r['machine']['cores']} cores"),
        ("client process CPU (this script)", f"{r['client_cpu_s']:.1f} CPU-s"),
        ("received", f"{r['messages_received']} ForwardMsgs, {r['mb_received']:.1f} MB"),
    ]  # fmt: skip
    if not r["server_started"]:
        rows += _load_average_row(r)
        return _lines(r, rows)
    rows += [
        ("server CPU in the window (CPU-s per s): mean / peak 1 s",
         f"{r['server_cpu_per_s']:.2f} / {r['server_cpu_peak_per_s']:.2f}"),
        ("server CPU per interaction (window CPU-s / interactions)", f"{r['server_cpu_s_per_interaction']:.3f} CPU-s"),
        ("server RSS idle / all open / peak / end of window",
         f"{r['rss_idle_mb']:.0f} / {r['rss_all_open_mb']:.0f} / {r['rss_peak_mb']:.0f} / {r['rss_end_of_window_mb']:.0f} MB"),
    ]  # fmt: skip
    for w in r["wave_results"]:
        m, m2 = w["metrics_all_open"], w["metrics_after_settle"]
        ss = lambda m: "-" if "error" in m else m["cache_bytes"].get("st_session_state", 0)  # noqa: E731
        rows.append(
            (
                f"wave {w['wave']}: server RSS before / all open / at close / {r['settle_s']:g} s after",
                f"{w['rss_before_mb']:.0f} / {w['rss_all_open_mb']:.0f} / {w['rss_at_close_mb']:.0f} / {w['rss_after_settle_mb']:.0f} MB",
            )
        )
        rows.append((
            f"wave {w['wave']}: connected sessions, session-state entries: open / {r['settle_s']:g} s after",
            f"{m.get('active_sessions')}, {ss(m)} / {m2.get('active_sessions')}, {ss(m2)} "
            f"(connects {m2.get('connects')}, disconnects {m2.get('disconnects')}; session TTL {r['session_ttl_s']:g} s)",
        ))  # fmt: skip
    for label, table in (("kind", r["server_cpu_s_by_kind"]), ("page", r["server_cpu_s_by_page"])):
        for name, v in table.items():
            rows.append((f"  one at a time, by {label}: {name}: n, median / mean CPU-s",
                         f"{v['n']}, {v['median']:.3f} / {v['mean']:.3f}"))  # fmt: skip
    rows += _load_average_row(r)
    return _lines(r, rows)


def _load_average_row(r: dict) -> list[tuple[str, str]]:
    return [("load average (1, 5, 15 min) start / end",
             f"{tuple(round(x, 2) for x in r['machine']['load_average_start'])} / {tuple(round(x, 2) for x in r['load_average_end'])}")]  # fmt: skip


def _lines(r: dict, rows: list[tuple[str, str]]) -> str:
    width = max(len(k) for k, _ in rows)
    if r["server_started"]:
        lines = [f"{r['app']} on {r['url']} ({r['data_dir']}; code {r['code']})"]
    else:
        lines = [f"{r['url']} (a server this script did not start: its CPU and memory are not sampled)"]
    lines += [f"{k.ljust(width)}  {v}" for k, v in rows]
    for e in r["error_details"][:20]:
        lines.append(f"  error: {e}")
    return "\n".join(lines)


def _think(text: str) -> tuple[float, float]:
    low, high = (float(x) for x in text.split(","))
    if not 0 <= low <= high:
        raise argparse.ArgumentTypeError("--think takes MIN,MAX with 0 <= MIN <= MAX")
    return low, high


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description="Load test with websocket clients (see the module docstring).")
    p.add_argument("--sessions", type=int, default=20)
    p.add_argument("--duration", type=float, default=60.0, help="seconds of interactions")
    p.add_argument("--settle", type=float, default=30.0, help="seconds to watch memory after the sessions close")
    p.add_argument(
        "--waves",
        type=int,
        default=1,
        help="cohorts of --sessions, one after another on the same server (memory after each)",
    )
    p.add_argument(
        "--session-ttl",
        type=float,
        default=10.0,
        help="server.disconnectedSessionTTL passed to the server (Streamlit's default: 120 s)",
    )
    p.add_argument("--run-timeout", type=float, default=30.0, help="seconds a run may take before it counts as failed")
    p.add_argument("--open-timeout", type=float, default=60.0, help="seconds a session's first run may take")
    p.add_argument("--interactions", default=DEFAULT_KINDS,
                   help=f"comma-separated subset of {','.join(KINDS)} (default {DEFAULT_KINDS})")  # fmt: skip
    p.add_argument("--spread-over", nargs="+", default=None, metavar="ADDR",
                   help="with --url behind a load balancer that names its replica in X-Upstream: give the "
                        "sessions affinity cookies for these replicas in turn (new viewers' cookies are "
                        "placed by a hash, unevenly)")  # fmt: skip
    p.add_argument("--url", default=None,
                   help="drive the server (or load balancer) at this http:// address instead of starting one; "
                        "--app, --data, --log and --session-ttl then do not apply")  # fmt: skip
    p.add_argument("--app", default=str(ROOT / "app.py"), help="the Streamlit script to serve")
    p.add_argument("--data", default=None, help="pack directory (default: $DASHBOARD_DATA_DIR or data/)")
    p.add_argument(
        "--think",
        type=_think,
        default=(0.2, 1.0),
        metavar="MIN,MAX",
        help="seconds a session waits between interactions, drawn uniformly (default 0.2,1: a stress test; "
        "5,15 is closer to people reading the page)",
    )
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--cpu-settle", type=float, default=0.2,
                   help="with --sessions 1: seconds after a run's script_finished before its CPU is read")  # fmt: skip
    p.add_argument("--log", type=Path, default=None, help="write the server's output here")
    p.add_argument("--out", type=Path, default=None, help="write the results as JSON here")
    args = p.parse_args(argv)
    args.interactions = [k.strip() for k in args.interactions.split(",") if k.strip()]
    unknown = set(args.interactions) - set(KINDS)
    if unknown or not args.interactions:
        p.error(f"--interactions: choose from {', '.join(KINDS)} (got {args.interactions})")
    if args.url is not None:
        if not args.url.startswith(("http://", "https://")) or len(args.url.rstrip("/")) <= len("https://"):
            p.error(f"--url takes an address such as http://127.0.0.1:8600 (got {args.url!r})")
        args.url = args.url.rstrip("/")
    if args.sessions < 1 or args.duration <= 0 or not 1 <= args.waves <= 10:
        p.error("--sessions and --duration must be positive, --waves 1 to 10")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    result = asyncio.run(run(args))
    if args.out:
        args.out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(report(result))
    return 1 if result["errors"] or not result["interactions"] else 0


if __name__ == "__main__":
    sys.exit(main())

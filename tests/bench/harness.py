"""Shared by bench.py and loadtest.py: a loopback streamlit server, Chromium, run timing, RSS.

Nothing here is collected by pytest; every loop is bounded by a deadline.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VIEWPORT = {"width": 1600, "height": 900}
FINISHED = '[data-testid="stApp"][data-test-script-state="notRunning"]'
SKELETON = '[data-testid="stSkeleton"]'
EXCEPTION = '[data-testid="stException"]'

# Counts started script runs and stamps when each run finished (performance.now() in ms),
# so an interaction's latency is measured to the end of *its* run, not the previous one.
RUN_COUNTER_JS = """
(() => {
  window.__stRuns = 0;
  window.__stDone = [];
  window.__stStart = [];
  const seen = new WeakMap();
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      const el = r.target;
      if (el.getAttribute && el.getAttribute('data-testid') === 'stApp') {
        const state = el.getAttribute('data-test-script-state');
        const before = seen.get(el);
        if (state === 'running' && before !== 'running') { window.__stRuns += 1; window.__stStart.push(performance.now()); }
        if (state === 'notRunning' && before === 'running') window.__stDone.push(performance.now());
        seen.set(el, state);
      }
    }
  });
  observer.observe(document, {subtree: true, attributes: true, attributeFilter: ['data-test-script-state']});
})();
"""


def is_script_finished(payload) -> bool:
    """A ForwardMsg of type script_finished (the server has finished a run for this session).

    Runs are counted from these messages on the page's websocket, not from the DOM: a quick rerun
    can go from running to finished within one render and never show as running in the page."""
    if not isinstance(payload, (bytes, bytearray)) or len(payload) > 4096:
        return False  # script_finished messages are tiny; deltas are not
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    try:
        return ForwardMsg.FromString(bytes(payload)).WhichOneof("type") == "script_finished"
    except Exception:
        return False


# 'exception' at once; 'done' when at least minRuns runs started, the app is idle and no skeleton is left.
STATE_JS = """
([minRuns]) => {
  if (document.querySelector('%s')) return 'exception';
  if ((window.__stRuns || 0) < minRuns) return null;
  if (document.querySelector('%s') && !document.querySelector('%s')) return 'done';
  return null;
}
""" % (EXCEPTION, FINISHED, SKELETON)


# 'exception', 'done' (no run going, no skeleton) or null; the run count is kept elsewhere.
DOM_STATE_JS = """
() => {
  if (document.querySelector('%s')) return 'exception';
  if (document.querySelector('%s') && !document.querySelector('%s')) return 'done';
  return null;
}
""" % (EXCEPTION, FINISHED, SKELETON)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
            return resp.status == 200
    except (urllib.error.URLError, OSError):
        return False


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    started: float  # time.perf_counter() at launch
    healthy_after: float = 0.0

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def ws_url(self) -> str:
        """The websocket the browser talks to."""
        return self.url.replace("http://", "ws://", 1) + "/_stcore/stream"

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def start_server(
    script: Path,
    *,
    data_dir: Path | None = None,
    log: Path | None = None,
    timeout_s: float = 90,
    options: Sequence[str] = (),
) -> Server:
    """`streamlit run script` on a free loopback port, with extra command-line ``options``; returns
    once /_stcore/health answers."""
    port = free_port()
    env = dict(os.environ)
    if data_dir is not None:
        env["DASHBOARD_DATA_DIR"] = str(data_dir)
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.headless", "true",
        "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
        *options,
    ]  # fmt: skip
    out = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 (the server keeps writing to it)
    t0 = time.perf_counter()
    process = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    srv = Server(f"http://127.0.0.1:{port}", process, t0)
    deadline = time.monotonic() + timeout_s
    while not healthy(srv.url):
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {process.returncode} before it was healthy ({script})")
        if time.monotonic() > deadline:
            srv.stop()
            raise RuntimeError(f"streamlit not healthy after {timeout_s} s ({script})")
        time.sleep(0.05)
    srv.healthy_after = time.perf_counter() - t0
    return srv


def rss_mb(pid: int) -> float:
    """Resident set size of a process, from /proc/<pid>/status (VmRSS), in MB."""
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def machine() -> dict:
    mem_kb = 0
    with open("/proc/meminfo", encoding="ascii") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    cpu = ""
    with open("/proc/cpuinfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    import platform

    import plotly
    import streamlit

    try:
        chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=20).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        chromium = "missing"
    return {
        "cores": os.cpu_count(),
        "memory_gb": round(mem_kb / 1024 / 1024, 1),
        "cpu": cpu,
        "python": platform.python_version(),
        "streamlit": streamlit.__version__,
        "plotly": plotly.__version__,
        "chromium": chromium,
        "load_average_at_start": os.getloadavg(),
    }


def median(xs: list[float]) -> float:
    xs = sorted(xs)
    n = len(xs)
    if not n:
        return float("nan")
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2


def percentile(xs: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0-100)."""
    xs = sorted(xs)
    if not xs:
        return float("nan")
    k = max(0, min(len(xs) - 1, int(-(-p * len(xs) // 100)) - 1))
    return xs[k]

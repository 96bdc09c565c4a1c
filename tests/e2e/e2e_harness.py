"""Helpers for the real-browser tests (imported by conftest.py and the test modules).

- ``wait_for_run(page)``: wait until the app has finished its script run (never a fixed sleep),
  failing at once with the exception text when the page shows a Streamlit exception.
- ``rerun(page)``: a context manager around an interaction; on exit it waits for the rerun the
  interaction caused (counted from the server's "script finished" messages), not the previous
  run's "finished" state.
- ``track(page)``: start counting a page's script runs (the fixtures do this for every page).
- ``open_page(page, server, path, **params)``: open a page of the app and wait for its run.
- ``assert_no_errors(page)``: no exception, no error box.
- ``plotly_figures(page)``: the figures drawn on the page, read from the plotly graph divs.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

ROOT = Path(__file__).resolve().parents[2]
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
    # One renderer process for all pages of the app in a context: the app's scripts are compiled once, not
    # once per page (about a fifth less CPU per page load, measured on this suite's page loads).
    "--process-per-site",
]
VIEWPORT = {"width": 1600, "height": 900}
RUN_TIMEOUT_MS = 45_000
# How often wait_until checks its condition. wait_for_function's default checks it on every animation frame: 0.14
# CPU-seconds a second of waiting on Labs, against 0.03 every 100 ms (and nothing for a fixed wait).
POLL_MS = 100
RUN_HELP = "Run the README's test command, `bash tests/run.sh`: it installs what these tests need."

APP = '[data-testid="stApp"]'
FINISHED = '[data-testid="stApp"][data-test-script-state="notRunning"]'
SKELETON = '[data-testid="stSkeleton"]'
EXCEPTION = '[data-testid="stException"]'
ERROR_BOX = '[data-testid="stAlertContentError"]'
CHART = '[data-testid="stPlotlyChart"]'
CHART_SVG = '[data-testid="stPlotlyChart"] .main-svg'
SIDEBAR = '[data-testid="stSidebar"]'

# Pages of the app: url path ("" is the default page) -> the page file.
PAGES = {
    "": "pages/overview.py",
    "techniques": "pages/techniques.py",
    "effectiveness": "pages/effectiveness.py",
    "labs": "pages/labs.py",
    "cruxes": "pages/cruxes.py",
    "risks": "pages/risks.py",
    "approaches": "pages/approaches.py",
    "sources": "pages/sources.py",
}
# What each page draws on the shipped pack at least (plotly charts, tables), on a laptop or wider.
EXPECTED = {
    "": (1, 0),
    "techniques": (0, 1),
    "effectiveness": (2, 0),
    "labs": (3, 1),
    "cruxes": (1, 1),
    "risks": (1, 0),
    "approaches": (2, 0),
    "sources": (2, 0),
}


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log: Path

    def output(self) -> str:
        try:
            return self.log.read_text(encoding="utf-8", errors="replace")[-6000:]
        except OSError:
            return ""


# Script runs are counted from the server's own "script finished" messages on the page's
# websocket (the benchmarks' helper), not from the DOM: a quick rerun can go from running to
# finished within one React render and never show as "running" in the page.
sys.path.insert(0, str(ROOT / "tests" / "bench"))
from harness import is_script_finished  # noqa: E402


def track(page) -> None:
    """Count the script runs the server finishes for this page (attach before the page loads)."""
    if getattr(page, "_st_tracked", False):
        return
    page._st_tracked = True
    page._st_runs = 0

    def on_websocket(ws) -> None:
        def on_frame(payload) -> None:
            if is_script_finished(payload):
                page._st_runs += 1

        ws.on("framereceived", on_frame)

    page.on("websocket", on_websocket)


_STATE_JS = """
([finished, skeleton, exception]) => {
  if (document.querySelector(exception)) return 'exception';
  if (document.querySelector(finished) && !document.querySelector(skeleton)) return 'done';
  return null;
}
"""


# The running server, so a failure can show its log (the page itself redacts tracebacks).
SERVERS: list[Server] = []


def exception_text(page) -> str:
    items = page.locator(EXCEPTION)
    texts = [items.nth(i).inner_text() for i in range(items.count())]
    shown = "\n---\n".join(t.strip() for t in texts) or "(no text)"
    for server in SERVERS:
        if page.url.startswith(server.url):
            shown += f"\n--- server log (last lines) ---\n{server.output()[-3000:]}"
    return shown


def run_count(page) -> int:
    """Script runs the server has finished for this page so far."""
    return int(getattr(page, "_st_runs", 0))


def wait_for_run(page, *, min_runs: int = 0, timeout_ms: int = RUN_TIMEOUT_MS) -> None:
    """Wait until the script run is over (stApp notRunning, no skeleton); fail fast on an exception.

    ``min_runs``: also wait until the server has finished at least this many runs for this page.
    Polls the page's state every 100 ms up to ``timeout_ms``; never a fixed wait.
    """
    if not getattr(page, "_st_tracked", False):
        pytest.fail("wait_for_run: this page's runs are not tracked; make it with the e2e fixtures", pytrace=False)
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        state = page.evaluate(_STATE_JS, [FINISHED, SKELETON, EXCEPTION])
        if state == "exception":
            pytest.fail(f"{page.url} shows a Streamlit exception:\n{exception_text(page)}", pytrace=False)
        if state == "done" and run_count(page) >= min_runs:
            return
        if time.monotonic() > deadline:
            dom = page.evaluate(
                "(s) => { const a = document.querySelector(s); return a ? a.getAttribute('data-test-script-state') : 'no stApp'; }",
                APP,
            )
            pytest.fail(
                f"{page.url}: the app did not finish a run in {timeout_ms} ms "
                f"(script state: {dom}, runs finished: {run_count(page)}, waiting for {min_runs})",
                pytrace=False,
            )
        page.wait_for_timeout(100)  # poll interval; events (websocket frames) are handled meanwhile


@contextlib.contextmanager
def rerun(page, *, timeout_ms: int = RUN_TIMEOUT_MS) -> Iterator[None]:
    """Wrap an interaction that reruns the script; on exit, wait for that rerun to finish."""
    before = run_count(page)
    yield
    wait_for_run(page, min_runs=before + 1, timeout_ms=timeout_ms)


DEFERRED = '[data-testid="stMain"] [class*="st-key-"][class*="-deferred"]'
# The first part still waiting scrolled to the window's middle; -> how many wait (parts drawn meanwhile are gone).
_SCROLL_TO_DEFERRED_JS = """(sel) => {
  const box = document.querySelector(sel);
  if (box) box.scrollIntoView({block: 'center'});
  return document.querySelectorAll(sel).length;
}"""


def scroll_through(page, timeout_ms: int = RUN_TIMEOUT_MS) -> None:
    """Scroll to each part of the page still waiting to be drawn (app.deferred), as a reader scrolling down
    does, until every part is drawn; then back to the top."""
    deadline = time.monotonic() + timeout_ms / 1000
    while left := page.evaluate(_SCROLL_TO_DEFERRED_JS, DEFERRED):
        if time.monotonic() > deadline:
            pytest.fail(f"{page.url}: {left} parts of the page were not drawn in {timeout_ms} ms", pytrace=False)
        wait_until(
            page, "([sel, n]) => document.querySelectorAll(sel).length < n", arg=[DEFERRED, left], timeout=timeout_ms
        )
        wait_for_run(page)
    page.evaluate("() => document.querySelectorAll('[data-testid=\"stMain\"]').forEach(e => { e.scrollTop = 0; })")


def scroll_to_part(page, key: str, timeout_ms: int = RUN_TIMEOUT_MS) -> None:
    """Go straight to one part of the page (``key``: a chart's view, say) as a reader who scrolls to it does,
    and wait until it is drawn; the parts between stay waiting."""
    box = page.locator(f'[data-testid="stMain"] .st-key-{key}-deferred')
    if box.count() == 0:
        return  # drawn already
    box.first.evaluate("(el) => el.scrollIntoView({block: 'center'})")
    box.first.wait_for(state="detached", timeout=timeout_ms)
    wait_for_run(page)


def wait_until(target, condition: str, arg=None, *, timeout: int, polling: int = POLL_MS) -> None:
    """Wait until the script ``condition`` (a function of ``arg``, or an expression) is true in ``target`` (a page
    or a frame), checking it every ``polling`` ms rather than on every animation frame."""
    target.wait_for_function(condition, arg=arg, timeout=timeout, polling=polling)


def wait_for_audience_counter(page, label: str, timeout: int = 15_000) -> None:
    """Wait until the audience page (``/talk/ID``) shows the slide counter ``label`` ("2 / 7")."""
    wait_until(
        page,
        "(t) => document.querySelector('.counter') && document.querySelector('.counter').textContent.trim() === t",
        arg=label,
        timeout=timeout,
    )


def url_for(server: Server, path: str = "", **params) -> str:
    query = urlencode(params, doseq=True)
    return f"{server.url}/{path.strip('/')}" + (f"?{query}" if query else "")


def open_page(page, server: Server, path: str = "", **params) -> None:
    """Open a page of the app ("" for the default page) and wait for its first run to finish."""
    page.goto(url_for(server, path, **params))
    wait_for_run(page, min_runs=1)


def assert_no_errors(page) -> None:
    """No exception and no error box on the page (an invalid pack shows as an error box)."""
    if page.locator(EXCEPTION).count():
        pytest.fail(f"{page.url} shows a Streamlit exception:\n{exception_text(page)}", pytrace=False)
    errors = page.locator(ERROR_BOX)
    if errors.count():
        texts = [errors.nth(i).inner_text() for i in range(errors.count())]
        pytest.fail(f"{page.url} shows an error:\n" + "\n".join(texts), pytrace=False)


_FIGURES_JS = """
(sel) => Array.from(document.querySelectorAll(sel + ' .js-plotly-plot')).map((gd) => ({
  visible: gd.offsetParent !== null,
  title: (gd.layout && gd.layout.title && (gd.layout.title.text || gd.layout.title)) || '',
  traces: (gd.data || []).map((t) => ({
    type: t.type || 'scatter',
    name: t.name === undefined ? null : String(t.name),
    n: Math.max(
      t.x ? Array.from(t.x).length : 0,
      t.y ? Array.from(t.y).length : 0,
      t.z ? Array.from(t.z).length : 0,
      t.values ? Array.from(t.values).length : 0,
      t.r ? Array.from(t.r).length : 0
    ),
    y: t.y ? Array.from(t.y).map(String) : [],
    x: t.x ? Array.from(t.x).map(String) : [],
    visible: t.visible === undefined ? true : t.visible,
  })),
  ticks: {
    y: Array.from(gd.querySelectorAll('.yaxislayer-above .ytick text, .yaxislayer-below .ytick text')).map((e) => e.textContent),
    x: Array.from(gd.querySelectorAll('.xaxislayer-above .xtick text, .xaxislayer-below .xtick text')).map((e) => e.textContent),
  },
}))
"""


def plotly_figures(page, within: str = CHART) -> list[dict]:
    """Each plotly figure drawn under ``within``: its traces (type, name, point count, x, y) and tick labels."""
    return page.evaluate(_FIGURES_JS, within)


def chart_ticks(page, key: str, timeout_ms: int = RUN_TIMEOUT_MS) -> list[str]:
    """The y tick labels of the plotly chart with this widget key (categories, top to bottom), once plotly has
    drawn it: a page's first chart waits for plotly's script to load after the run that made it."""
    try:
        page.locator(f".st-key-{key}-chart .js-plotly-plot .main-svg").first.wait_for(timeout=timeout_ms)
    except PlaywrightTimeout:
        pytest.fail(f"no chart with key {key}-chart on {page.url} after {timeout_ms} ms", pytrace=False)
    figures = plotly_figures(page, within=f".st-key-{key}-chart")
    assert figures, f"no chart with key {key}-chart on {page.url}"
    return figures[0]["ticks"]["y"]


def pick_options(page, scope: str, names: list[str]) -> None:
    """Choose options in the multiselect or selectbox inside ``scope`` by typing and clicking; one rerun each."""
    box = page.locator(scope).get_by_role("combobox")
    for name in names:
        box.click()
        box.fill(name)
        option = page.get_by_role("option", name=name, exact=True)
        with rerun(page):
            option.click()
        page.keyboard.press("Escape")


def pick_techniques(page, names: list[str]) -> None:
    """Choose techniques in the sidebar filter (the multiselect with key "tech")."""
    pick_options(page, f"{SIDEBAR} .st-key-tech", names)


def open_downloads(page, view: str) -> None:
    """Open the "Download" panel under the chart ``view`` (drawn when opened) and wait for its buttons."""
    if page.locator(f".st-key-{view}-csv").first.is_visible():
        return
    with rerun(page):
        page.locator(f".st-key-{view}-downloads").get_by_role("button", name="Download", exact=True).click()
    page.locator(f".st-key-{view}-csv").first.wait_for(state="visible", timeout=RUN_TIMEOUT_MS)


DOWNLOAD_TIMEOUT_MS = 90_000  # images are made on the server when the button is pressed


def download(page, scope: str, label: str, folder: Path) -> tuple[str, bytes]:
    """Click the download button labelled ``label`` inside ``scope``; save the file in ``folder``;
    return (file name, bytes). Clicked once no run is going on: a run draws the button again, and a click
    that lands as it is replaced is lost (a deferred download then never starts; seen once in a full run)."""
    wait_for_run(page)
    button = page.locator(scope).get_by_role("button", name=label).first
    with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as info:
        button.click()
    got = info.value
    assert got.failure() is None, got.failure()
    target = folder / got.suggested_filename
    got.save_as(target)
    return got.suggested_filename, target.read_bytes()


# --------------------------------------------------------------------------
# Servers and contexts (the fixtures in conftest.py use these; so may a test that needs its own)
# --------------------------------------------------------------------------

HEALTH_TIMEOUT_S = 180  # the server warms the pack and the talk before it answers: slow on a busy machine
_SCREENSHOT_DIRS: list[Path] = []


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
            return resp.status == 200
    except (urllib.error.URLError, OSError):
        return False


def _stop(process: subprocess.Popen) -> None:
    """Stop the server by its process id: terminate, then kill if it lingers."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def start_server(log: Path, env: dict[str, str] | None = None, port: int | None = None) -> Server:
    """Start `streamlit run app.py` from the repository root on ``port`` (else a free one); wait until healthy."""
    if not (ROOT / "app.py").exists():
        pytest.fail(f"app.py not found in {ROOT}", pytrace=False)
    port = port or _free_port()
    cmd = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    with log.open("wb") as out:
        process = subprocess.Popen(
            cmd, cwd=ROOT, env=env or dict(os.environ), stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
        )
    srv = Server(url=f"http://127.0.0.1:{port}", process=process, log=log)
    deadline = time.monotonic() + HEALTH_TIMEOUT_S
    while not _healthy(srv.url):
        if process.poll() is not None:
            pytest.fail(
                f"streamlit exited with code {process.returncode} before it was healthy:\n{srv.output()}", pytrace=False
            )
        if time.monotonic() > deadline:
            _stop(process)
            pytest.fail(
                f"streamlit not healthy at {srv.url}/_stcore/health after {HEALTH_TIMEOUT_S} s:\n{srv.output()}",
                pytrace=False,
            )
        time.sleep(0.2)  # polling the health endpoint
    return srv


def new_context(browser, **kwargs):
    """A fresh browser context (1600x900, light unless told); every page in it counts its runs.

    The context keeps one quiet page of the app's site open (the health address) for as long as it lives.
    With one renderer process per site, closing a test's last page of the app would end that process, and
    the next page would start a new one and compile the app's scripts again: about 2.5 of the 5 CPU-seconds
    a page load costs here (``tests/e2e``'s page loads measured with and without it). A reader's browser
    keeps its renderer too, so this is the cost a reader's second page has.
    """
    ctx = browser.new_context(**_with_defaults(kwargs))
    return _ready(ctx, None, offline=bool(kwargs.get("offline")))


def _with_defaults(kwargs: dict) -> dict:
    return {"viewport": VIEWPORT, "color_scheme": "light", **kwargs}


def _ready(ctx, quiet, *, offline: bool):
    """``ctx`` with the runs' timeout, a quiet page (``quiet``, else a new one) kept on the app's health address
    while a server runs, and every later page counting its runs."""
    ctx.set_default_timeout(RUN_TIMEOUT_MS)
    if SERVERS and not offline:
        (quiet or ctx.new_page()).goto(f"{SERVERS[0].url}/_stcore/health")
    ctx.on("page", track)
    return ctx


def cached_context(browser, profile: Path, **kwargs):
    """A browser of its own, with a profile on disk, for a test that loads many pages of the app in one
    context: the render audit's visits to every page and its embeds.

    An incognito context (``new_context``) keeps no compiled scripts: Chromium's code cache lives on disk,
    so every page load there compiles Streamlit's scripts again. A reader's browser keeps them, and so
    does this one: after its first page, a page load costs here about 3 CPU-seconds instead of 5-6
    (eight pages of the app, one after the other: 30-35 against 49-56). Starting the browser costs about
    0.8 CPU-seconds more than a context, and a profile on disk costs more in a test that mostly clicks
    and reruns (the tests on the shared contexts took 121 CPU-seconds in such browsers against 109), so
    only the tests that load page after page use it. ``profile``: an empty folder for the browser's
    profile (a test's ``tmp_path``, which pytest removes in time)."""
    ctx = browser.browser_type.launch_persistent_context(
        profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, **_with_defaults({"accept_downloads": True, **kwargs})
    )
    return _ready(ctx, ctx.pages[0] if ctx.pages else None, offline=bool(kwargs.get("offline")))

"""Load test: many real browser sessions on one server, changing filters and pages.

    python tests/bench/loadtest.py [--sessions 20] [--duration 60] [--data DIR] [--out load.json]

Starts `streamlit run app.py` on a loopback port and one headless Chromium with one context per
session. The sessions open the home page one after another (ramp-up, not timed), then all of
them, for --duration seconds, repeat a random interaction:
a page link in the sidebar, a change of the sidebar technique filter (add an option, or remove
the last one), or a slider step on a page that has one (the cruxes page's credence sliders).
For each interaction it records the time from the triggering click or key press to the end of
the run it caused: when the server's script_finished message reaches the page's websocket, and
when the page then shows the run finished (the previous run's state never counts). Errors: a Streamlit exception on the page, a run that does not finish within
--run-timeout, a JavaScript error in the page. Server memory (VmRSS) is sampled every second,
then for --settle seconds after every session closed (Streamlit keeps a disconnected session
for server.disconnectedSessionTTL, 120 s by default). Exits non-zero when any error occurred.
Only loopback addresses are used; every loop stops at its deadline.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import harness as h  # noqa: E402

ROOT = h.ROOT
NAV_LINK = '[data-testid="stSidebarNav"] a'
TECH = '[data-testid="stSidebar"] [data-testid="stMultiSelect"]'
OPTION = '[role="listbox"] [role="option"]'
SLIDER = '[data-testid="stMain"] [data-testid="stSlider"] [role="slider"]'


class Session:
    """One browser session. Runs are counted from the server's script_finished messages on the
    page's websocket (a quick rerun can finish within one render and never show as running in
    the page); a run is over when that message has arrived and the page shows no run and no
    skeleton."""

    def __init__(self, n: int, page, rng: random.Random, run_timeout_ms: int) -> None:
        self.n, self.page, self.rng = n, page, rng
        self.run_timeout_ms = run_timeout_ms
        self.latencies: list[tuple[str, float]] = []  # to the page showing the finished run
        self.server_latencies: list[tuple[str, float]] = []  # to the server's script_finished
        self.errors: list[str] = []
        self.page_errors: list[str] = []
        self.finished_at: list[float] = []  # time.monotonic() of each script_finished received
        page.on("pageerror", lambda err: self.page_errors.append(str(err)[:300]))
        page.on("websocket", self._on_websocket)

    def _on_websocket(self, ws) -> None:
        def on_frame(payload) -> None:
            if h.is_script_finished(payload):
                self.finished_at.append(time.monotonic())

        ws.on("framereceived", on_frame)

    async def runs(self) -> int:
        return len(self.finished_at)

    async def wait_run(self, min_runs: int, timeout_ms: int | None = None) -> str:
        deadline = time.monotonic() + (timeout_ms or self.run_timeout_ms) / 1000
        while True:
            state = await self.page.evaluate(h.DOM_STATE_JS)
            if state == "exception":
                return state
            if state == "done" and len(self.finished_at) >= min_runs:
                return state
            if time.monotonic() > deadline:
                raise TimeoutError(f"no finished run {min_runs} within {(timeout_ms or self.run_timeout_ms) / 1000:.0f} s "
                                   f"(page state {state}, runs finished {len(self.finished_at)})")  # fmt: skip
            await asyncio.sleep(0.05)

    async def timed(self, kind: str, trigger) -> None:
        """Run ``trigger`` (the click or key press that starts a run); record its latency."""
        before = len(self.finished_at)
        t0 = time.monotonic()
        await trigger()
        try:
            state = await self.wait_run(before + 1)
        except Exception as err:
            self.errors.append(f"{kind}: run did not finish: {str(err).splitlines()[0][:200]}")
            return
        if state == "exception":
            text = await self.page.locator(h.EXCEPTION).first.inner_text()
            self.errors.append(f"{kind}: exception: {text[:300]}")
            return
        self.latencies.append((kind, time.monotonic() - t0))
        self.server_latencies.append((kind, self.finished_at[before] - t0))

    async def navigate(self) -> None:
        links = self.page.locator(NAV_LINK)
        n = await links.count()
        if n == 0:
            self.errors.append("navigate: no page links in the sidebar")
            return
        here = self.page.url.rstrip("/")
        choices = [i for i in range(n) if (await links.nth(i).get_attribute("href") or "").rstrip("/") != here] or list(
            range(n)
        )
        link = links.nth(self.rng.choice(choices))
        await self.timed("page link", link.click)

    async def filter(self) -> None:
        box = self.page.locator(TECH).first
        chips = box.locator("[data-tag]")
        n = await chips.count()
        if n >= 3 or (n and self.rng.random() < 0.4):
            remove = chips.nth(n - 1).locator("button")  # the chip's "Remove ..." button
            await self.timed("filter", remove.click)
            return
        combo = box.locator('[role="combobox"]')
        await combo.click()
        options = self.page.locator(OPTION)
        try:
            await options.first.wait_for(timeout=3000)
        except Exception:
            await combo.press("ArrowDown")
            try:
                await options.first.wait_for(timeout=5000)
            except Exception:
                self.errors.append("filter: the option list did not open")
                return
        k = await options.count()
        option = options.nth(self.rng.randrange(k))
        await self.timed("filter", option.click)
        await self.page.keyboard.press("Escape")

    async def slide(self) -> None:
        sliders = self.page.locator(SLIDER)
        if await sliders.count() == 0:
            # go to a page that has sliders first (timed as a page link)
            link = self.page.locator(f'{NAV_LINK}[href$="/cruxes"]')
            if await link.count() == 0:
                return
            await self.timed("page link", link.first.click)
            if await sliders.count() == 0:
                return
        slider = sliders.nth(self.rng.randrange(await sliders.count()))
        await slider.focus()
        key = self.rng.choice(["ArrowRight", "ArrowLeft"])
        await self.timed("slider", lambda: slider.press(key))

    async def open(self, url: str, timeout_ms: int) -> float | None:
        """Open the home page and wait for its first run; -> seconds, or None on failure."""
        t = time.monotonic()
        try:
            await self.page.goto(url)
            if await self.wait_run(1, timeout_ms) == "exception":
                self.errors.append("first run: exception")
                return None
        except Exception as err:
            self.errors.append(f"first run: {str(err).splitlines()[0][:200]}")
            return None
        return time.monotonic() - t

    async def loop(self, deadline: float) -> None:
        try:
            while time.monotonic() < deadline:
                action = self.rng.choices([self.navigate, self.filter, self.slide], weights=[4, 4, 2])[0]
                try:
                    await action()
                except Exception as err:
                    self.errors.append(f"{action.__name__}: {str(err).splitlines()[0][:200]}")
                await asyncio.sleep(self.rng.uniform(0.2, 1.0))  # reading time between interactions
        except Exception as err:
            self.errors.append(f"session {self.n}: {str(err).splitlines()[0][:200]}")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (and its threads), from /proc/<pid>/stat."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def sample_rss(pid: int, samples: list[tuple[float, float]], stop: asyncio.Event, t0: float) -> None:
    while not stop.is_set():
        try:
            samples.append((time.monotonic() - t0, h.rss_mb(pid)))
        except OSError:
            return
        try:
            await asyncio.wait_for(stop.wait(), timeout=1.0)
        except TimeoutError:
            pass


async def run(args: argparse.Namespace) -> dict:
    from playwright.async_api import async_playwright

    data_dir = Path(args.data) if args.data else None
    srv = h.start_server(ROOT / "app.py", data_dir=data_dir, log=args.log)
    t0 = time.monotonic()
    samples: list[tuple[float, float]] = []
    stop = asyncio.Event()
    sampler = asyncio.create_task(sample_rss(srv.pid, samples, stop, t0))
    rss_idle = h.rss_mb(srv.pid)
    result: dict = {
        "load_average_start": os.getloadavg(),
        "sessions": args.sessions,
        "duration_s": args.duration,
        "url": srv.url,
        "data_dir": str(data_dir or ROOT / "data"),
    }
    try:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=h.CHROMIUM, args=h.CHROMIUM_ARGS)
            contexts, sessions = [], []
            rng = random.Random(args.seed)
            for i in range(args.sessions):
                ctx = await browser.new_context(viewport=h.VIEWPORT)
                await ctx.add_init_script(h.RUN_COUNTER_JS)
                ctx.set_default_timeout(args.run_timeout * 1000)
                contexts.append(ctx)
                sessions.append(Session(i, await ctx.new_page(), random.Random(rng.random()), args.run_timeout * 1000))
            # Ramp-up, not measured: the sessions open one after another (as viewers arrive),
            # each waiting for its first run, so that the measured minute starts with all open.
            ramp_start = time.monotonic()
            opened = [await s.open(srv.url + "/", int(args.open_timeout * 1000)) for s in sessions]
            result["ramp_up_s"] = time.monotonic() - ramp_start
            result["first_run_s"] = [round(x, 2) if x is not None else None for x in opened]
            result["rss_all_open_mb"] = h.rss_mb(srv.pid)
            live = [s for s, x in zip(sessions, opened) if x is not None]
            start = time.monotonic()
            cpu0 = cpu_seconds(srv.pid)
            deadline = start + args.duration
            await asyncio.gather(*(s.loop(deadline) for s in live))
            result["wall_s"] = time.monotonic() - start
            # CPU seconds the server used per second of the measured window: near 1.0 means the
            # server's one Python interpreter was the bottleneck; well under it, the browsers were.
            result["server_cpu_per_s"] = (cpu_seconds(srv.pid) - cpu0) / result["wall_s"]
            result["rss_open_mb"] = h.rss_mb(srv.pid)
            for ctx in contexts:
                await ctx.close()
            await browser.close()
        closed_at = time.monotonic() - t0
        settle_end = time.monotonic() + args.settle
        while time.monotonic() < settle_end and srv.process.poll() is None:
            await asyncio.sleep(1.0)
        stop.set()
        await sampler
        result["rss_after_close_mb"] = h.rss_mb(srv.pid)
    finally:
        stop.set()
        srv.stop()

    lat = [x for s in sessions for _, x in s.latencies]
    server_lat = [x for s in sessions for _, x in s.server_latencies]
    by_kind: dict[str, list[float]] = {}
    for s in sessions:
        for kind, x in s.latencies:
            by_kind.setdefault(kind, []).append(x)
    errors = [f"session {s.n}: {e}" for s in sessions for e in s.errors]
    page_errors = [f"session {s.n}: {e}" for s in sessions for e in s.page_errors]
    during = [mb for t, mb in samples if t <= closed_at]
    result.update(
        interactions=len(lat),
        errors=errors,
        page_errors=page_errors,
        latency_s={"p50": h.percentile(lat, 50), "p95": h.percentile(lat, 95), "max": max(lat, default=float("nan"))},
        server_finished_latency_s={"p50": h.percentile(server_lat, 50), "p95": h.percentile(server_lat, 95)},
        latency_by_kind_s={
            k: {"n": len(v), "p50": h.percentile(v, 50), "p95": h.percentile(v, 95)} for k, v in sorted(by_kind.items())
        },
        rss_idle_mb=rss_idle,
        rss_peak_mb=max(during, default=float("nan")),
        rss_samples=[(round(t, 1), round(mb, 1)) for t, mb in samples],
        closed_at_s=closed_at,
        load_average=os.getloadavg(),
        settle_s=args.settle,
    )
    return result


def report(r: dict) -> str:
    lat = r["latency_s"]
    lines = [
        f"{r['sessions']} browser sessions x {r['duration_s']} s on {r['url']} ({r['data_dir']})",
        f"interactions: {r['interactions']} ({r['interactions'] / r['duration_s']:.1f}/s); errors: {len(r['errors'])}; page JavaScript errors: {len(r['page_errors'])}",
        f"interaction -> finished run in the page: p50 {lat['p50']:.2f} s, p95 {lat['p95']:.2f} s, max {lat['max']:.2f} s",
        f"interaction -> the server's script_finished: p50 {r['server_finished_latency_s']['p50']:.2f} s, "
        f"p95 {r['server_finished_latency_s']['p95']:.2f} s",
    ]
    lines.append(
        f"server CPU: {r.get('server_cpu_per_s', float('nan')):.2f} CPU-seconds per second of the measured window"
    )
    for kind, v in r["latency_by_kind_s"].items():
        lines.append(f"  {kind}: n={v['n']}, p50 {v['p50']:.2f} s, p95 {v['p95']:.2f} s")
    lines.insert(
        1,
        f"ramp-up: {r['sessions']} sessions opened one after another in {r['ramp_up_s']:.0f} s; "
        f"first runs {r['first_run_s']}",
    )
    lines.append(
        f"server RSS: {r['rss_idle_mb']:.0f} MB idle, {r['rss_all_open_mb']:.0f} MB after ramp-up, peak {r['rss_peak_mb']:.0f} MB, "
        f"{r['rss_open_mb']:.0f} MB at the end with all "
        f"sessions open, {r['rss_after_close_mb']:.0f} MB {r['settle_s']} s after they closed"
    )
    lines.append(f"machine load average (1, 5, 15 min): at start {r['load_average_start']}, at end {r['load_average']}")
    for e in (r["errors"] + r["page_errors"])[:20]:
        lines.append(f"  error: {e}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Load test: concurrent browser sessions on one server.")
    p.add_argument("--sessions", type=int, default=20)
    p.add_argument("--duration", type=float, default=60.0, help="seconds of interactions")
    p.add_argument("--settle", type=float, default=150.0, help="seconds to watch memory after the sessions close")
    p.add_argument("--run-timeout", type=float, default=60.0, help="seconds a run may take before it counts as failed")
    p.add_argument("--open-timeout", type=float, default=120.0, help="seconds a session's first run may take")
    p.add_argument("--data", default=None, help="pack directory (default: $DASHBOARD_DATA_DIR or data/)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--log", type=Path, default=None, help="write the server's output here")
    p.add_argument("--out", type=Path, default=None, help="write the results as JSON here")
    args = p.parse_args(argv)
    result = asyncio.run(run(args))
    if args.out:
        args.out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(report(result))
    return 1 if result["errors"] or result["page_errors"] else 0


if __name__ == "__main__":
    sys.exit(main())

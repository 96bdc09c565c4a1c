"""Benchmarks of the dashboard: loading, page reruns, cold start and memory per browser session.

    python tests/bench/bench.py [--scales 1,10,100] [--out results.json] [--no-browser]

Per scale (a synthetic pack of k times the shipped pack's records, see synth.py):
  - load+validate time of ``load_pack`` (median of --runs, each in the same process after one
    warm-up) and its peak memory (VmHWM, the RSS high-water mark, above the post-import baseline;
    the RSS still held while the Dataset is alive; the tracemalloc peak in a second process);
  - the warm server-side rerun time of every page (AppTest; one run to warm the caches, then
    the median of --reruns reruns with nothing changed, and of reruns that change the sidebar
    technique filter). Scripts are compiled once and reused, as a server does (AppTest alone
    would recompile app.py and the page on every run).
On the shipped pack (unless --no-browser):
  - time from server launch to the home page's first finished run in headless Chromium, for the
    dashboard and for tests/bench/bare_app.py (one chart, one table) in the same run, as a ratio;
  - server memory (VmRSS) with 1 and with --sessions browser sessions open, each having clicked
    through every page: growth per extra session.

Packs above 1x can exceed the loader's default 5 MB per-file limit; the benchmark passes
max_file_bytes=1 GiB to ``load_pack`` (and to the app under AppTest) and says so in the output.
Packs are generated once into $BENCH_DIR (default /tmp/dashboard-bench) and reused.
Prints a table and writes JSON (--out). Nothing here asserts; budgets are reported pass/miss.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import harness as h  # noqa: E402
import synth  # noqa: E402

ROOT = h.ROOT
BENCH_DIR = Path(os.environ.get("BENCH_DIR", "/tmp/dashboard-bench"))
BIG_FILE_BYTES = 1 << 30
PAGES = ["overview", "techniques", "effectiveness", "labs", "cruxes", "risks", "approaches", "sources"]

BUDGET = {
    "load_100x_s": 1.0,
    "page_rerun_1x_ms": 150,
    "page_rerun_100x_ms": 300,
    "first_visit_100x_s": 2.0,
    "cold_start_ratio": 1.15,
    "fresh_session_ratio": 1.3,
    "session_mb": 30,
}


# --------------------------------------------------------------------------
# Packs
# --------------------------------------------------------------------------


def ensure_pack(scale: int, seed: int, counts: dict[str, int]) -> Path:
    """The synthetic pack at ``scale``, generated once per (counts, seed, generator source)."""
    key = hashlib.sha256(
        json.dumps([counts, seed], sort_keys=True).encode() + (HERE / "synth.py").read_bytes()
    ).hexdigest()[:12]
    out = BENCH_DIR / f"pack-{scale}x-{key}"
    if not (out / ".complete").exists():
        t = time.perf_counter()
        synth.write_pack(out, scale, seed=seed, counts=counts)
        (out / ".complete").write_text("ok")
        print(f"  generated {out} in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    return out


# --------------------------------------------------------------------------
# Workers (run in fresh subprocesses: python bench.py _worker <kind> ...)
# --------------------------------------------------------------------------


def _vm(field: str) -> float:
    """A field of /proc/self/status in MB (VmHWM: this process's RSS high-water mark; unlike
    ru_maxrss it is not inherited from the parent across fork and exec)."""
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


SNAPSHOT_DIR = BENCH_DIR / "snapshots"


def _worker_load(directory: str, runs: int, mode: str = "parse") -> dict:
    """``mode`` "parse": the checked path, no snapshot; "snapshot": the snapshot cache on (the
    parent has written the snapshot in an earlier process, so ``first_s`` is a fresh process
    reading it)."""
    from dashboard.pack.load import load_pack

    cache = mode == "snapshot"
    base = _vm("VmHWM")
    load_avg = os.getloadavg()
    t = time.perf_counter()
    result = load_pack(directory, max_file_bytes=BIG_FILE_BYTES, cache=cache)
    first = time.perf_counter() - t
    peak = _vm("VmHWM")
    retained = _vm("VmRSS") - base
    if not result.ok:
        return {"error": [str(p) for p in result.problems[:10]]}
    del result
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        load_pack(directory, max_file_bytes=BIG_FILE_BYTES, cache=cache)
        times.append(time.perf_counter() - t)
    return {"mode": mode, "first_s": first, "times_s": times, "median_s": h.median(times),
            "peak_rss_growth_mb": peak - base, "rss_held_by_dataset_mb": retained,
            "load_average": [load_avg, os.getloadavg()]}  # fmt: skip


def _worker_tracemalloc(directory: str) -> dict:
    import tracemalloc

    from dashboard.pack.load import load_pack

    tracemalloc.start()
    result = load_pack(directory, max_file_bytes=BIG_FILE_BYTES, cache=False)
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"ok": result.ok, "tracemalloc_peak_mb": peak / 1e6, "retained_mb": current / 1e6}


def _worker_page(directory: str, reruns: int, page: str) -> dict:
    """One page, in its own process (a page too slow for --page-timeout is killed with it)."""
    os.environ["DASHBOARD_DATA_DIR"] = directory
    import dashboard.pack.load as load

    # Benchmark packs above 1x have files over the default 5 MB limit; the app calls load_pack
    # with the default, so raise it here (this process only).
    load.load_pack.__kwdefaults__["max_file_bytes"] = BIG_FILE_BYTES
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import AppTest

    # A server compiles each script once (ScriptCache); AppTest makes a new cache per run,
    # which would add the compile of app.py and the page to every rerun. Share one, as a server does.
    compiled: dict[str, object] = {}
    plain_get = ScriptCache.get_bytecode

    def get_bytecode(self, script_path: str):
        key = os.path.abspath(script_path)
        if key not in compiled:
            compiled[key] = plain_get(self, script_path)
        return compiled[key]

    ScriptCache.get_bytecode = get_bytecode

    out: dict[str, dict] = {}
    load_avg = os.getloadavg()
    if True:  # one page per process
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
        t = time.perf_counter()
        at.run()  # the home page, loading the pack
        home = time.perf_counter() - t
        errors = [e.message[:300] for e in at.exception]
        if page != "overview":
            # The first visit of this page on a warm server: the pack is loaded (cache_resource), the
            # page's own memoised frames and figures are not built yet.
            t = time.perf_counter()
            at.switch_page(f"pages/{page}.py")
            at.run()
            first_visit = time.perf_counter() - t
        else:
            # The home page for a new session of a warm server (a second AppTest in this process).
            warm = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
            t = time.perf_counter()
            warm.run()
            first_visit = time.perf_counter() - t
            errors += [e.message[:300] for e in warm.exception]
            del warm
        first = home + (first_visit if page != "overview" else 0.0)
        errors += [e.message[:300] for e in at.exception]
        at.run()  # warm: every cache of the page filled
        same = []
        for _ in range(reruns):
            t = time.perf_counter()
            at.run()
            same.append(time.perf_counter() - t)
        errors += [e.message[:300] for e in at.exception]
        # Reruns whose input changed: the sidebar technique filter, alternating two selections.
        filt = []
        try:
            tech = at.multiselect(key="tech")
            options = list(tech.options)
            picks = [options[:3], options[1:2]]
            for i in range(max(2, reruns // 2)):
                t = time.perf_counter()
                at.multiselect(key="tech").set_value(picks[i % 2]).run()
                filt.append(time.perf_counter() - t)
            errors += [e.message[:300] for e in at.exception]
        except (KeyError, IndexError, ValueError) as err:
            errors.append(f"technique filter: {err}")
        out[page] = {
            "first_run_s": first,
            "first_visit_s": first_visit,
            "load_average": [load_avg, os.getloadavg()],
            "rerun_ms": [x * 1000 for x in same],
            "rerun_median_ms": h.median(same) * 1000,
            "filter_rerun_median_ms": h.median(filt) * 1000 if filt else None,
            "charts": len(at.get("plotly_chart")),
            "exceptions": errors,
        }
    return out[page]


def pages_benchmark(directory: Path, reruns: int, timeout: float, pages: list[str] | None = None) -> dict:
    out: dict[str, dict] = {}
    for page in pages or PAGES:
        if not (ROOT / "pages" / f"{page}.py").exists():
            out[page] = {"missing": True}
            continue
        print(f"    {page}", file=sys.stderr)
        out[page] = run_worker("page", directory, reruns, page, timeout=timeout)
    return out


def run_worker(kind: str, *args: object, timeout: float = 3600) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "_worker", kind, *map(str, args)]
    env = {**os.environ, "DASHBOARD_CACHE_DIR": str(SNAPSHOT_DIR)}
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT, env=env)
    except subprocess.TimeoutExpired:
        return {"timeout_s": timeout}
    if proc.returncode != 0:
        return {"error": proc.stderr[-3000:]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------
# Browser measurements (shipped pack)
# --------------------------------------------------------------------------


def _wait_finished(page, *, min_runs: int = 1, timeout_ms: int = 120_000) -> str:
    handle = page.wait_for_function(h.STATE_JS, arg=[min_runs], timeout=timeout_ms, polling=20)
    return handle.json_value()


def cold_start(browser, script: Path, data_dir: Path | None) -> dict:
    """Seconds from launching the server to the first finished run of its home page."""
    srv = h.start_server(script, data_dir=data_dir)
    try:
        ctx = browser.new_context(viewport=h.VIEWPORT)
        ctx.add_init_script(h.RUN_COUNTER_JS)
        page = ctx.new_page()
        page.goto(srv.url + "/")
        t_goto = time.perf_counter() - srv.started
        state = _wait_finished(page)
        total = time.perf_counter() - srv.started
        marks = page.evaluate("[performance.now(), window.__stStart[0] || null, window.__stDone[0] || null]")
        ctx.close()
        now, run_start, run_done = marks
        split = {}
        if run_start is not None and run_done is not None:
            # performance.now() counts from the page's navigation start (about t_goto)
            split = {"page_to_run_start_s": run_start / 1000, "script_run_s": (run_done - run_start) / 1000,
                     "run_end_to_finished_s": (now - run_done) / 1000}  # fmt: skip
        return {"total_s": total, "healthy_s": srv.healthy_after, "goto_at_s": t_goto, "state": state, **split}
    finally:
        srv.stop()


def _count_runs(page) -> list[int]:
    """A counter of the runs the server finishes for ``page``, from its websocket (attach before goto)."""
    finished = [0]

    def on_websocket(ws) -> None:
        def on_frame(payload) -> None:
            if h.is_script_finished(payload):
                finished[0] += 1

        ws.on("framereceived", on_frame)

    page.on("websocket", on_websocket)
    return finished


def _visit_pages(page, finished: list[int], timeout_s: float = 120) -> int:
    """Click through every page link in the sidebar, waiting for each run; -> pages visited."""
    links = page.locator('[data-testid="stSidebarNav"] a')
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    visited = 0
    for href in [*hrefs[1:], hrefs[0]] if hrefs else []:
        before = finished[0]
        page.locator(f'[data-testid="stSidebarNav"] a[href="{href}"]').first.click()
        deadline = time.monotonic() + timeout_s
        state = None
        while state is None:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{href}: no finished run within {timeout_s:.0f} s")
            page.wait_for_timeout(20)  # websocket frames are handled meanwhile
            if finished[0] > before:
                state = page.evaluate(h.STATE_JS, [0])
        if state != "done":
            raise RuntimeError(f"{href}: exception")
        visited += 1
    return visited


def session_memory(browser, script: Path, data_dir: Path | None, sessions: int) -> dict:
    """Server RSS with 1 and with ``sessions`` browser sessions, each having visited every page."""
    srv = h.start_server(script, data_dir=data_dir)
    contexts = []
    try:
        samples = []
        visited = 0
        for i in range(sessions):
            ctx = browser.new_context(viewport=h.VIEWPORT)
            ctx.add_init_script(h.RUN_COUNTER_JS)
            contexts.append(ctx)
            page = ctx.new_page()
            finished = _count_runs(page)
            page.goto(srv.url + "/")
            state = _wait_finished(page)
            if state != "done":
                return {"error": f"session {i + 1}: {state}"}
            visited = _visit_pages(page, finished)
            time.sleep(1.0)  # let the server settle after the run before sampling
            samples.append(h.rss_mb(srv.pid))
        one, many = samples[0], samples[-1]
        return {
            "rss_mb": samples,
            "per_session_mb": (many - one) / (sessions - 1) if sessions > 1 else None,
            "sessions": sessions,
            "pages_visited_per_session": visited,
        }
    except Exception as err:
        return {"error": str(err).splitlines()[0][:300]}
    finally:
        for ctx in contexts:
            ctx.close()
        srv.stop()


def _fresh_session_s(browser, url: str) -> float:
    ctx = browser.new_context(viewport=h.VIEWPORT)
    ctx.add_init_script(h.RUN_COUNTER_JS)
    try:
        page = ctx.new_page()
        t = time.perf_counter()
        page.goto(url)
        _wait_finished(page)
        return time.perf_counter() - t
    finally:
        ctx.close()


def _page_name(href: str) -> str:
    """ "labs" for ".../labs", "home" for the default page (its link is the server's root)."""
    from urllib.parse import urlparse

    return urlparse(href).path.strip("/").rsplit("/", 1)[-1] or "home"


def fresh_sessions(browser, app: Path, bare: Path, data_dir: Path | None, repeats: int) -> dict:
    """A new browser session opening each page of a warm server (one session has visited every
    page first), against a new session opening the bare app on its own warm server."""
    try:
        srv_app = h.start_server(app, data_dir=data_dir)
        srv_bare = h.start_server(bare, data_dir=None)
    except Exception as err:
        return {"error": str(err).splitlines()[0][:300]}
    try:
        ctx = browser.new_context(viewport=h.VIEWPORT)
        ctx.add_init_script(h.RUN_COUNTER_JS)
        page = ctx.new_page()
        finished = _count_runs(page)
        page.goto(srv_app.url + "/")
        _wait_finished(page)
        links = page.locator('[data-testid="stSidebarNav"] a')
        hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
        _visit_pages(page, finished)  # warm every page's caches
        ctx.close()
        _fresh_session_s(browser, srv_bare.url + "/")
        pages: dict[str, list[float]] = {_page_name(href): [] for href in hrefs}
        bare_times = []
        for _ in range(repeats):  # alternated with the bare app
            for href in hrefs:
                url = href if href.startswith("http") else srv_app.url + "/" + href.lstrip("/")
                pages[_page_name(href)].append(_fresh_session_s(browser, url))
                bare_times.append(_fresh_session_s(browser, srv_bare.url + "/"))
        return {"bare_median_s": h.median(bare_times), "pages": {p: h.median(v) for p, v in pages.items()},
                "runs": {"bare": bare_times, **pages}, "load_average_end": os.getloadavg()}  # fmt: skip
    except Exception as err:
        return {"error": str(err).splitlines()[0][:300]}
    finally:
        srv_app.stop()
        srv_bare.stop()


def browser_benchmarks(data_dir: Path | None, repeats: int, sessions: int, memory: bool = True) -> dict:
    from playwright.sync_api import sync_playwright

    app, bare = ROOT / "app.py", HERE / "bare_app.py"
    result: dict = {"app": [], "bare": [], "load_average_start": os.getloadavg()}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=h.CHROMIUM, args=h.CHROMIUM_ARGS)
        try:
            # warm the OS file cache and the browser once, not measured
            cold_start(browser, bare, None)
            for _ in range(repeats):  # alternate, so drift in machine load hits both alike
                result["app"].append(cold_start(browser, app, data_dir))
                result["bare"].append(cold_start(browser, bare, None))
            a = h.median([r["total_s"] for r in result["app"]])
            b = h.median([r["total_s"] for r in result["bare"]])
            pairs = [x["total_s"] / y["total_s"] for x, y in zip(result["app"], result["bare"], strict=True)]
            result.update(app_median_s=a, bare_median_s=b, ratio=a / b, pair_ratios=pairs)
            result["load_average"] = f"{result['load_average_start'][0]:.1f} -> {os.getloadavg()[0]:.1f}"
            result["fresh_sessions"] = fresh_sessions(browser, app, bare, data_dir, repeats)
            if memory:
                result["memory_app"] = session_memory(browser, app, data_dir, sessions)
                result["memory_bare"] = session_memory(browser, bare, None, sessions)
        finally:
            browser.close()
    return result


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------


def _load_avg(worker: dict) -> str:
    """The 1-minute load average when a worker started and when it ended."""
    pairs = worker.get("load_average") or []
    return " -> ".join(f"{x[0]:.1f}" for x in pairs) or "?"


def fmt_ms(x: float | None) -> str:
    return "-" if x is None else f"{x:,.0f}"


def report(res: dict) -> str:
    lines = []
    m = res["machine"]
    lines.append(
        f"machine: {m['cores']} cores, {m['memory_gb']} GB, {m['cpu']}; Python {m['python']}, "
        f"streamlit {m['streamlit']}, plotly {m['plotly']}"
    )
    lines.append(
        f"commit {res.get('commit')}; 1x counts from {res['base_counts_from']}; "
        f"load_pack called with max_file_bytes={res['max_file_bytes']:,} (the default limit is 5 MB per file)"
    )
    lines.append("")
    lines.append(
        "scale | pack MB | records | load+validate median s | first s | peak RSS growth MB | RSS held by the Dataset MB | tracemalloc peak MB"
    )
    for s in res["scales"]:
        ld, tm = s.get("load", {}), s.get("tracemalloc", {})
        if not ld:  # --no-load
            continue
        if "error" in ld:
            lines.append(f"{s['scale']}x | {s['pack_mb']:.1f} | {s['records']:,} | error: {str(ld['error'])[:200]}")
            continue
        lines.append(
            f"{s['scale']}x | {s['pack_mb']:.1f} | {s['records']:,} | {ld['median_s']:.3f} | {ld['first_s']:.3f} | "
            f"{ld['peak_rss_growth_mb']:.0f} | {ld.get('rss_held_by_dataset_mb', float('nan')):.0f} | "
            f"{tm.get('tracemalloc_peak_mb', float('nan')):.0f}"
        )
    lines.append("")
    lines.append(
        "scale | load from the validated snapshot: fresh process s | median s (same process) | "
        "checked path (no snapshot) median s | speed-up | load average at the runs"
    )
    for s in res["scales"]:
        ld, sn = s.get("load", {}), s.get("load_snapshot", {})
        if "median_s" not in ld or "median_s" not in sn:
            continue
        lines.append(
            f"{s['scale']}x | {sn['first_s']:.3f} | {sn['median_s']:.3f} | {ld['median_s']:.3f} | "
            f"{ld['median_s'] / max(sn['first_s'], 1e-9):.1f}x | {_load_avg(sn)}"
        )
    scales = [s for s in res["scales"] if "pages" in s]
    if (res.get("shipped_pack") or {}).get("pages"):
        scales.insert(0, {"scale": "shipped", "pages": res["shipped_pack"]["pages"]})
    if scales:
        lines.append("")
        lines.append(
            "page rerun median ms (unchanged / filter changed), first visit on a warm server s | "
            + " | ".join(f"{s['scale']}" + ("x" if isinstance(s["scale"], int) else "") for s in scales)
        )
        for page in PAGES:
            cells = []
            for s in scales:
                p = s["pages"].get(page, {})
                if not p:
                    cells.append("(not run)")
                elif "error" in s["pages"]:
                    cells.append("error")
                elif p.get("missing"):
                    cells.append("(no page)")
                elif "timeout_s" in p:
                    cells.append(f"> {p['timeout_s']:.0f} s (stopped)")
                elif "error" in p:
                    cells.append("error")
                else:
                    cell = f"{fmt_ms(p.get('rerun_median_ms'))} / {fmt_ms(p.get('filter_rerun_median_ms'))}"
                    if "first_visit_s" in p:
                        cell += f", {p['first_visit_s']:.2f} s"
                    if p.get("exceptions"):
                        cell += " EXCEPTION"
                    cells.append(cell)
            lines.append(f"{page} | " + " | ".join(cells))
    b = res.get("browser")
    if b and "ratio" in b:
        lines.append("")
        lines.append(
            f"cold start to first finished run: dashboard {b['app_median_s']:.2f} s, bare app {b['bare_median_s']:.2f} s, "
            f"ratio {b['ratio']:.2f} (medians of {len(b['app'])} alternated pairs)"
        )
        fresh = b.get("fresh_sessions") or {}
        if "bare_median_s" in fresh:
            lines.append(
                f"fresh session on a warm server, to the first finished run: bare app {fresh['bare_median_s']:.2f} s; "
                "per page (median s, ratio): "
                + ", ".join(f"{p} {v:.2f} ({v / fresh['bare_median_s']:.2f}x)" for p, v in fresh["pages"].items())
            )
        elif fresh:
            lines.append(f"fresh sessions: {fresh}")
        for name in ("app", "bare"):
            runs = b[name]
            if all("script_run_s" in r for r in runs):
                lines.append(
                    f"  {name}: server healthy {h.median([r['healthy_s'] for r in runs]):.2f} s; in the browser: "
                    f"frontend loaded and run started {h.median([r['page_to_run_start_s'] for r in runs]):.2f} s, "
                    f"first script run {h.median([r['script_run_s'] for r in runs]):.2f} s, "
                    f"then {h.median([r['run_end_to_finished_s'] for r in runs]):.2f} s to the finished state"
                )
        for name in ("memory_app", "memory_bare"):
            mem = b.get(name, {})
            if "per_session_mb" in mem:
                lines.append(
                    f"{name}: RSS {mem['rss_mb'][0]:.0f} MB with 1 session, {mem['rss_mb'][-1]:.0f} MB with "
                    f"{mem['sessions']} (each through {mem['pages_visited_per_session']} page links): "
                    f"{mem['per_session_mb']:.1f} MB per extra session"
                )
            elif mem:
                lines.append(f"{name}: {mem}")
    lines.append("")
    lines.append(
        f"machine load average (1, 5, 15 min) at start {m['load_average_at_start']}, at end {res.get('load_average_end')}"
    )
    lines.append("performance targets: met or not | target and bound | measured (load average, 1 min)")
    for name, (ok, text) in res["budget"].items():
        lines.append(f"  {'met    ' if ok else 'NOT MET'} | {name} | {text}")
    return "\n".join(lines)


def judge(res: dict) -> dict:
    out: dict = {}
    by_scale = {s["scale"]: s for s in res["scales"]}
    snap = by_scale.get(100, {}).get("load_snapshot", {})
    if "first_s" in snap:
        v = snap["first_s"]
        parse = by_scale[100]["load"].get("median_s", float("nan"))
        out["load+validate 100x <= 1 s (fresh process, validated snapshot)"] = (
            v <= BUDGET["load_100x_s"],
            f"{v:.2f} s (checked path without the snapshot {parse:.2f} s; load average {_load_avg(snap)})",
        )
    shipped_pages = (res.get("shipped_pack") or {}).get("pages")
    for scale, limit in ((1, BUDGET["page_rerun_1x_ms"]), (100, BUDGET["page_rerun_100x_ms"])):
        sets = [by_scale.get(scale, {}).get("pages")]
        if scale == 1:
            sets.append(shipped_pages)
        rows = [
            (p, max(v.get("rerun_median_ms", float("inf")), v.get("filter_rerun_median_ms") or 0))
            for pages in sets
            if pages and "error" not in pages
            for p, v in pages.items()
            if "rerun_median_ms" in v or "timeout_s" in v
        ]
        worst = max(rows, key=lambda x: x[1], default=None)
        if worst:
            pages_here = [pg for pg in sets if pg and worst[0] in pg]
            load = _load_avg(pages_here[0][worst[0]]) if pages_here else "?"
            out[f"page reruns at {scale}x <= {limit} ms"] = (
                worst[1] <= limit,
                f"slowest {worst[0]} {worst[1]:.0f} ms (load average {load})",
            )
    pages_100 = by_scale.get(100, {}).get("pages") or {}
    visits = [(p, v) for p, v in pages_100.items() if "first_visit_s" in v or "timeout_s" in v]
    if visits:
        p, v = max(visits, key=lambda x: x[1].get("first_visit_s", float("inf")))
        limit = BUDGET["first_visit_100x_s"]
        value = v.get("first_visit_s", float("inf"))
        out[f"first visit of a page at 100x (warm server) <= {limit} s"] = (
            value <= limit,
            f"slowest {p} {value:.2f} s (load average {_load_avg(v)})",
        )
    b = res.get("browser") or {}
    if "ratio" in b:
        out[f"cold start <= {BUDGET['cold_start_ratio']}x bare"] = (
            b["ratio"] <= BUDGET["cold_start_ratio"],
            f"{b['ratio']:.2f}x (medians of {len(b.get('pair_ratios', []))} alternated runs; pairs "
            + ", ".join(f"{r:.2f}" for r in b.get("pair_ratios", []))
            + f"; load average {b.get('load_average', '?')})",
        )
    fresh = b.get("fresh_sessions") or {}
    if fresh.get("pages"):
        page, worst = max(fresh["pages"].items(), key=lambda x: x[1])
        ratio = worst / fresh["bare_median_s"]
        out[f"fresh session, any page <= {BUDGET['fresh_session_ratio']}x bare"] = (
            ratio <= BUDGET["fresh_session_ratio"],
            f"slowest {page} {ratio:.2f}x (load average at end {fresh.get('load_average_end', '?')})",
        )
    mem = b.get("memory_app") or {}
    if mem.get("per_session_mb") is not None:
        out["per session < 30 MB"] = (mem["per_session_mb"] < BUDGET["session_mb"], f"{mem['per_session_mb']:.1f} MB")
    return out


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "_worker":
        kind, *args = argv[1:]
        if kind == "load":
            res = _worker_load(args[0], int(args[1]), *args[2:])
        elif kind == "tracemalloc":
            res = _worker_tracemalloc(args[0])
        elif kind == "page":
            res = _worker_page(args[0], int(args[1]), args[2])
        else:
            raise SystemExit(f"unknown worker {kind}")
        print(json.dumps(res))
        return 0

    p = argparse.ArgumentParser(description="Dashboard benchmarks (see the module docstring).")
    p.add_argument("--scales", default="1,10,100", help="comma-separated multiples of the shipped pack")
    p.add_argument("--page-scales", default="1,100", help="scales at which pages are benchmarked")
    p.add_argument("--runs", type=int, default=5, help="load_pack runs per scale (median)")
    p.add_argument("--reruns", type=int, default=7, help="page reruns per page (median)")
    p.add_argument(
        "--page-timeout", type=float, default=600, help="seconds per page (load, runs and reruns) before it is stopped"
    )
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--no-browser", action="store_true", help="skip cold start and memory per session")
    p.add_argument("--no-pages", action="store_true")
    p.add_argument("--no-load", action="store_true", help="skip the load_pack timings and memory (pages only)")
    p.add_argument(
        "--no-memory", action="store_true", help="skip memory per session (cold start and fresh sessions only)"
    )
    p.add_argument("--pages", default="", help="comma-separated pages to benchmark (default: all)")
    p.add_argument("--repeats", type=int, default=5, help="cold starts per app, fresh sessions per page (median)")
    p.add_argument("--sessions", type=int, default=6, help="browser sessions for memory per session")
    p.add_argument("--out", type=Path, default=None, help="write the results as JSON here")
    args = p.parse_args(argv)

    scales = [int(x) for x in args.scales.split(",") if x]
    only_pages = [x for x in args.pages.split(",") if x] or None
    page_scales = {int(x) for x in args.page_scales.split(",") if x} if not args.no_pages else set()
    counts, origin = synth.base_counts(ROOT / "data")
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    res: dict = {"machine": h.machine(), "commit": commit, "base_counts": counts, "base_counts_from": origin,
                 "command": "python tests/bench/bench.py " + " ".join(argv),
                 "max_file_bytes": BIG_FILE_BYTES, "scales": []}  # fmt: skip
    for scale in scales:
        print(f"scale {scale}x", file=sys.stderr)
        d = ensure_pack(scale, args.seed, counts)
        entry: dict = {"scale": scale, "dir": str(d), "pack_mb": synth.pack_bytes(d) / 1e6,
                       "records": sum(synth.scaled(counts, scale).values())}  # fmt: skip
        runs = args.runs if scale <= 100 else max(1, min(args.runs, 2))
        run_worker("load", d, 0, "snapshot")  # writes the snapshot (or finds it)
        if not args.no_load:
            entry["load"] = run_worker("load", d, runs, "parse")
            entry["load_snapshot"] = run_worker("load", d, runs, "snapshot")
        if (
            scale <= 100 and not args.no_load
        ):  # tracemalloc slows loading several times; above 100x the RSS peak says enough
            entry["tracemalloc"] = run_worker("tracemalloc", d)
        if scale in page_scales:
            print(f"  pages at {scale}x", file=sys.stderr)
            reruns = args.reruns if scale <= 10 else max(3, args.reruns // 2)
            entry["pages"] = pages_benchmark(d, reruns, args.page_timeout, only_pages)
        res["scales"].append(entry)
    res["shipped_pack"] = None
    from dashboard.pack.load import load_pack

    if load_pack(ROOT / "data").ok:
        res["shipped_pack"] = {"load": run_worker("load", ROOT / "data", args.runs)}
        if not args.no_pages:
            print("  pages on the shipped pack", file=sys.stderr)
            res["shipped_pack"]["pages"] = pages_benchmark(ROOT / "data", args.reruns, args.page_timeout, only_pages)
    if not args.no_browser:
        print("browser: cold start and memory per session (shipped pack)", file=sys.stderr)
        data_dir = ROOT / "data" if res["shipped_pack"] else ensure_pack(1, args.seed, counts)
        res["browser"] = browser_benchmarks(data_dir, args.repeats, args.sessions, memory=not args.no_memory)
        res["browser"]["data_dir"] = str(data_dir)
    res["load_average_end"] = os.getloadavg()
    res["budget"] = judge(res)
    text = report(res)
    print(text)
    if args.out:
        args.out.write_text(json.dumps(res, indent=2, default=str), encoding="utf-8")
        print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

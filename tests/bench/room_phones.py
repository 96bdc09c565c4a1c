"""Real phones in the room: Chromium phones on a talk's audience link, the presenter in Chromium too.

    python tests/bench/room_phones.py --phones 6 --idle 20 --moves 5 --out phones.json
    python tests/bench/room_phones.py --phones 6 --replicas 2 --kill --out phones-2.json

Starts the dashboard (`streamlit run app.py`, or deploy/serve.sh with N replicas behind nginx, the
phones spread over them by their own affinity cookies), opens the presenter view, reads the audience
link from it and opens it on --phones phones (390x844, touch, each its own browser context). Reports:

- idle: the server's CPU time (replicas and nginx) over --idle seconds with the presenter alone, then
  with the phones too: the phones' cost in ms of server CPU per phone per second;
- follow: for each of --moves presses of "Next" (the Right key) in the presenter view, the time from
  the press to each phone showing the new slide (the phone's own clock, read when its slide counter
  changed): median and slowest;
- with --kill (and --replicas 2): the presenter's replica is killed; the presenter's window
  reconnects through nginx and presses "Next" again: the same times after the failover.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests" / "e2e"))
sys.path.insert(0, str(ROOT / "src"))

import harness as h  # noqa: E402
from e2e_harness import CHROMIUM, CHROMIUM_ARGS, FINISHED  # noqa: E402
from room_load import Deployment  # noqa: E402

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
# Each phone notes when a slide event arrives (before the page handles it) ...
ARRIVAL_JS = """
window.__arrived = {};
const add = EventSource.prototype.addEventListener;
EventSource.prototype.addEventListener = function (type, fn, opts) {
  if (type !== 'slide') return add.call(this, type, fn, opts);
  return add.call(this, type, (ev) => {
    const d = JSON.parse(ev.data);
    const key = d.slide + ' / ' + d.slides;
    if (!(key in window.__arrived)) window.__arrived[key] = Date.now();
    fn(ev);
  }, opts);
};
"""
# ... and when its slide counter changes (its own clock, milliseconds since the epoch).
WATCH_JS = """
window.__seen = {}; window.__drawn = {};
new MutationObserver(() => {
  const c = document.querySelector('.counter');
  if (!c) return;
  const key = c.textContent.trim();
  if (!(key in window.__seen)) window.__seen[key] = Date.now();
  const chart = document.querySelector('.chart');
  if (!(key in window.__drawn) && (!chart || chart.querySelector('.main-svg'))) window.__drawn[key] = Date.now();
}).observe(document.getElementById('slide'), { childList: true, subtree: true });
"""


def follow(presenter, phones: list, n: int, label: str, store, talk: str, timeout_ms: int = 20_000) -> dict:
    """Press Right in the presenter view: seconds from the press to the talk's move in the store (the
    presenter's page run), and to each phone showing ``label``."""
    target = int(label.split("/")[0]) - 1
    presenter.wait_for_selector(FINISHED)  # the presenter's page is idle, as between a speaker's clicks
    pressed = time.time()
    presenter.keyboard.press("ArrowRight")
    while store.talk(talk).slide != target and time.time() - pressed < timeout_ms / 1000:
        time.sleep(0.01)
    stored = time.time() - pressed
    out, arrived, drawn = [], [], []
    for phone in phones:
        phone.wait_for_function("(t) => window.__drawn && (t in window.__drawn)", arg=label, timeout=timeout_ms)
        seen, came, chart = phone.evaluate("(t) => [window.__seen[t], window.__arrived[t], window.__drawn[t]]", label)
        out.append(seen / 1000 - pressed)
        arrived.append(came / 1000 - pressed)
        drawn.append(chart / 1000 - pressed)
    return {"stored_s": stored, "phones_s": out, "arrived_s": arrived, "chart_s": drawn}


def run(args: argparse.Namespace) -> dict:
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="room-phones-"))
    env = {"DASHBOARD_STATE_DIR": str(work / "state")}
    os.environ.update(env)
    dep = Deployment(args.replicas, env, work)
    dep.start()
    result: dict = {"phones": args.phones, "replicas": args.replicas or 1, "machine": h.machine()}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            ctx = browser.new_context(viewport={"width": 1280, "height": 720})
            ctx.set_default_timeout(120_000)
            presenter = ctx.new_page()
            first = presenter.goto(f"{dep.url}/?present=1&presenter=1")
            presenter_replica = first.headers.get("x-upstream")
            presenter.wait_for_selector(FINISHED)
            presenter.wait_for_function("() => new URLSearchParams(location.search).get('key')")
            talk = parse_qs(urlparse(presenter.url).query)["talk"][0]
            codes = [c.strip() for c in presenter.locator('[data-testid="stMain"] code').all_inner_texts()]
            audience = next(c for c in codes if c.endswith(f"/talk/{talk}"))
            n = int(presenter.locator('[data-testid="stMain"] strong').first.inner_text().split("/")[1])

            time.sleep(3)
            c0 = dep.cpu()
            time.sleep(args.idle)
            presenter_only = dep.cpu() - c0

            phones, replicas = [], []
            for _ in range(args.phones):
                pctx = browser.new_context(**PHONE)
                pctx.add_init_script(ARRIVAL_JS)
                pctx.set_default_timeout(120_000)
                page = pctx.new_page()
                reply = page.goto(audience)
                replicas.append(reply.headers.get("x-upstream"))
                page.locator(".counter").wait_for()
                page.evaluate(WATCH_JS)
                phones.append(page)
            time.sleep(3)
            c0 = dep.cpu()
            time.sleep(args.idle)
            with_phones = dep.cpu() - c0
            per_phone_ms = 1000 * (with_phones - presenter_only) / args.idle / args.phones
            result["idle"] = {
                "seconds": args.idle, "presenter_only_cpu_s": presenter_only, "with_phones_cpu_s": with_phones,
                "cpu_ms_per_phone_per_s": per_phone_ms,
                "cpu_ms_per_phone_per_s_all_server": 1000 * with_phones / args.idle / args.phones,
            }  # fmt: skip
            result["phone_replicas"] = replicas
            result["presenter_replica"] = presenter_replica

            from dashboard.store import open_store

            store = open_store()
            moves = []
            for k in range(2, 2 + args.moves):
                moves.append(follow(presenter, phones, n, f"{k} / {n}", store, talk))
                time.sleep(1.5)
            flat = [t for m in moves for t in m["phones_s"]]
            after_store = [t - m["stored_s"] for m in moves for t in m["phones_s"]]
            charts = [t for m in moves for t in m["chart_s"]]
            result["follow"] = {"per_move": moves, "median_s": h.median(flat), "max_s": max(flat),
                                "store_median_s": h.median([m["stored_s"] for m in moves]),
                                "store_to_phone_median_s": h.median(after_store), "store_to_phone_max_s": max(after_store),
                                "chart_median_s": h.median(charts), "chart_max_s": max(charts)}  # fmt: skip

            if args.kill and args.replicas >= 2 and presenter_replica:
                pid = None
                for line in (work / "serve.log").read_text().splitlines():
                    if f"on http://{presenter_replica}" in line:
                        pid = int(line.split("pid ")[1].split()[0])
                assert pid is not None, presenter_replica
                os.kill(pid, signal.SIGKILL)
                t_kill = time.time()
                presenter.wait_for_timeout(3000)
                presenter.wait_for_selector(FINISHED, timeout=120_000)
                k = 2 + args.moves
                after = follow(presenter, phones, n, f"{k} / {n}", store, talk, timeout_ms=60_000)
                result["after_kill"] = {
                    "killed": presenter_replica,
                    "follow_s": after,
                    "since_kill_s": time.time() - t_kill,
                }
            browser.close()
    finally:
        dep.stop()
    return result


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--phones", type=int, default=6)
    p.add_argument("--idle", type=float, default=20)
    p.add_argument("--moves", type=int, default=5)
    p.add_argument("--replicas", type=int, default=0)
    p.add_argument("--kill", action="store_true", help="kill the presenter's replica, then move again")
    p.add_argument("--out", type=Path)
    args = p.parse_args(argv)
    r = run(args)
    i = r["idle"]
    print(f"{r['phones']} Chromium phones, {r['replicas']} replica(s); phones on {r.get('phone_replicas')}")
    print(f"idle {i['seconds']:.0f} s: presenter alone {i['presenter_only_cpu_s']:.3f} s CPU, with phones "
          f"{i['with_phones_cpu_s']:.3f} s: {i['cpu_ms_per_phone_per_s']:.2f} ms per phone per second "
          f"({i['cpu_ms_per_phone_per_s_all_server']:.2f} counting all server CPU)")  # fmt: skip
    f = r["follow"]
    print(f"follow after Next (new slide's counter and title on every phone): median {f['median_s']:.2f} s, "
          f"slowest {f['max_s']:.2f} s; the talk moved in the store after {f['store_median_s']:.2f} s (median); "
          f"chart drawn: median {f['chart_median_s']:.2f} s, slowest {f['chart_max_s']:.2f} s")  # fmt: skip
    if "after_kill" in r:
        print(
            f"after killing {r['after_kill']['killed']}: follow {['%.2f' % t for t in r['after_kill']['follow_s']]} s"
        )
    if args.out:
        args.out.write_text(json.dumps(r, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

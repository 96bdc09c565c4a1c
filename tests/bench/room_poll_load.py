"""A room of phones answering one live poll: the load test of a talk's poll routes.

    python tests/bench/room_poll_load.py --phones 300 --window 30 --out poll.json

Starts the dashboard (`streamlit run app.py`, or deploy/serve.sh with --replicas N behind nginx) with a
fresh talk store, starts a talk on the shipped talk's poll slide, opens the poll as the presenter does
(POST /talk/ID/poll/SLIDE with its secret) and opens the projector window in Chromium. Then every
phone (an asyncio client, as in room_load.py) loads the audience page and sends one credence at a
moment drawn uniformly from the --window seconds (POST /talk/ID/answer); --changes of them send a
second answer later, which must replace the first. Measured:

- answers: sent, stored (HTTP 200), refused, and counted in the store at the end (must equal the phones);
- time to store an answer: the answer's request to its reply (the server has stored it), p50/p95/slowest;
- the projected count: the projector's "N answers" is read every 50 ms in the page; for the k-th
  phone to answer, the time from its reply to the projector first showing k or more answers
  (p50/p95/slowest), and how long after the last answer the projector showed them all;
- server CPU (the replicas and nginx) over the answering window, and the load average of the machine.

The phones and the projector's Chromium run on the same machine as the server. Nothing here is
collected by pytest.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "src"))

import harness as h  # noqa: E402
from room_load import Deployment, summarize  # noqa: E402
from roomclient import fetch  # noqa: E402
from wsload import machine_busy  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]  # fmt: skip
# Every change of the projected count, with the page's clock (ms since the epoch).
WATCH_JS = """
() => {
  window.__counts = [];
  let last = null;
  setInterval(() => {
    const el = document.querySelector('.st-key-poll-count');
    const t = el ? el.innerText.trim() : null;
    if (t !== last) { last = t; window.__counts.push([Date.now(), t]); }
  }, 50);
}
"""


def _poll_slide() -> tuple[int, str, int]:
    from dashboard.pack.load import load_pack
    from dashboard.views import talk as talks

    ds = load_pack(ROOT / "data").dataset
    talk = talks.talk_of(ds)
    index, slide = next((i, s) for i, s in enumerate(talk.slides) if talks.poll_crux(ds, s) is not None)
    return index, slide.id, len(talk.slides)


async def _projector(url: str):
    from playwright.async_api import async_playwright

    pw = await async_playwright().start()
    browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    page = await (await browser.new_context(viewport={"width": 1920, "height": 1080})).new_page()
    await page.goto(url, wait_until="commit", timeout=180_000)
    await page.wait_for_selector(".st-key-poll-count", timeout=180_000)
    await page.evaluate(WATCH_JS)
    return pw, browser, page


def _count(text: str | None) -> int:
    try:
        return int((text or "").split()[0])
    except (ValueError, IndexError):
        return -1


async def poll_room(dep: Deployment, args: argparse.Namespace) -> dict:
    from dashboard.store import open_store

    index, pid, n = _poll_slide()
    store = open_store(dep.env.get("DASHBOARD_STORE", ""))
    talk, secret = store.start_talk("poll-load", n, slide=index)
    opened = await fetch(f"{dep.url}/talk/{talk.id}/poll/{pid}", method="POST", body=b'{"open": true}',
                         headers={"Authorization": f"Bearer {secret}", "Content-Type": "application/json"})  # fmt: skip
    if opened.status != 200:
        raise RuntimeError(f"the poll did not open: HTTP {opened.status} {opened.body[:200]!r}")
    pw, browser, projector = await _projector(f"{dep.url}/?present=1&talk={talk.id}&slide={index + 1}")
    rng = random.Random(args.seed)
    values = [rng.randint(0, 100) for _ in range(args.phones)]
    changers = set(rng.sample(range(args.phones), int(args.changes * args.phones)))
    stored: list[tuple[float, float]] = []  # (wall-clock time of the reply, seconds the request took)
    first_at: dict[int, float] = {}  # each phone's first stored answer (wall clock)
    refused: list[str] = []
    final: dict[int, int] = {}

    async def send(i: int, value: int) -> None:
        t0 = time.monotonic()
        try:
            reply = await fetch(f"{dep.url}/talk/{talk.id}/answer", method="POST", timeout=60,
                                headers={"Content-Type": "application/json", "User-Agent": f"poll-phone/{i}"},
                                body=json.dumps({"poll": pid, "credence": value, "voter": f"load-phone-{i:05d}"}).encode())  # fmt: skip
        except Exception as err:
            refused.append(f"phone {i}: {type(err).__name__}")
            return
        if reply.status == 200:
            stored.append((time.time(), time.monotonic() - t0))
            first_at.setdefault(i, stored[-1][0])
            final[i] = value
        else:
            refused.append(f"phone {i}: HTTP {reply.status} {reply.body[:120]!r}")

    async def phone(i: int) -> None:
        page = await fetch(f"{dep.url}/talk/{talk.id}", timeout=60)
        if page.status != 200:
            refused.append(f"phone {i}: page HTTP {page.status}")
        await asyncio.sleep(rng.uniform(0, args.window))
        await send(i, values[i])
        if i in changers:
            await asyncio.sleep(rng.uniform(1, 3))
            await send(i, 100 - values[i])

    cpu0, busy0, load0 = dep.cpu(), machine_busy(), os.getloadavg()
    t_start = time.time()
    await asyncio.gather(*(phone(i) for i in range(args.phones)))
    t_sent = time.time()
    await asyncio.sleep(args.settle)
    cpu = dep.cpu() - cpu0
    busy1, load1 = machine_busy(), os.getloadavg()
    counts = [(ms / 1000, _count(text)) for ms, text in await projector.evaluate("() => window.__counts")]
    await browser.close()
    await pw.stop()

    in_store = sorted(a.value for a in store.answers(talk.id, pid))
    firsts = sorted(first_at.values())  # the k-th phone to be counted
    lags, unseen = [], 0
    for k, t in enumerate(firsts, start=1):
        shown = next((at for at, c in counts if c >= k and at >= t - 1.0), None)
        if shown is None:
            unseen += 1
        else:
            lags.append(max(0.0, shown - t))
    all_shown = next((at for at, c in counts if c >= args.phones), None)
    elapsed = t_sent - t_start
    return {
        "phones": args.phones, "window_s": args.window, "replicas": args.replicas or 1,
        "store": "Redis" if dep.env.get("DASHBOARD_STORE") else "SQLite",
        "answers": {"sent": len(stored) + len(refused), "stored": len(stored), "refused": len(refused),
                    "second_answers": len(changers), "phones_counted_in_store": len(in_store),
                    "store_matches_last_answers": in_store == sorted(final.values())},
        "time_to_store": summarize([d for _, d in stored]),
        "projected_count_lag": {**summarize(lags), "not_shown": unseen},
        "projector_showed_all_after_last_answer_s": None if all_shown is None or not firsts else all_shown - firsts[-1],
        "projector_final_text": counts[-1] if counts else None,
        "server_cpu": {"seconds": cpu, "over_s": elapsed + args.settle,
                       "share_of_one_core": cpu / (elapsed + args.settle)},
        "machine_busy": (busy1[0] - busy0[0]) / max(1, busy1[1] - busy0[1]),
        "load_average": {"before": load0, "after": load1},
        "errors": refused[:20],
        "machine": h.machine(),
    }  # fmt: skip


def report(r: dict) -> str:
    a, s, lag = r["answers"], r["time_to_store"], r["projected_count_lag"]
    return "\n".join([
        f"{r['phones']} phones answering within {r['window_s']} s, {r['replicas']} replica(s), store {r['store']}",
        f"answers: {a['stored']} stored of {a['sent']} sent ({a['second_answers']} second answers), {a['refused']} refused; "
        f"{a['phones_counted_in_store']} of {r['phones']} phones counted in the store "
        f"({'each with its last answer' if a['store_matches_last_answers'] else 'NOT matching the last answers'})",
        f"time to store an answer: p50 {s.get('p50_s', float('nan')):.3f} s, p95 {s.get('p95_s', float('nan')):.3f} s, "
        f"slowest {s.get('max_s', float('nan')):.3f} s",
        f"projected count behind the store: p50 {lag.get('p50_s', float('nan')):.2f} s, p95 {lag.get('p95_s', float('nan')):.2f} s, "
        f"slowest {lag.get('max_s', float('nan')):.2f} s, never shown {lag['not_shown']}; "
        f"all {r['phones']} shown {r['projector_showed_all_after_last_answer_s']} s after the last answer "
        f"(projector: {r['projector_final_text']})",
        f"server CPU {r['server_cpu']['seconds']:.1f} s over {r['server_cpu']['over_s']:.0f} s "
        f"({100 * r['server_cpu']['share_of_one_core']:.0f}% of one core); machine {100 * r['machine_busy']:.0f}% busy; "
        f"load average {r['load_average']['before'][0]:.1f} before, {r['load_average']['after'][0]:.1f} after",
        *[f"  {e}" for e in r["errors"]],
    ])  # fmt: skip


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--phones", type=int, default=300)
    p.add_argument("--window", type=float, default=30, help="seconds over which the phones answer")
    p.add_argument("--changes", type=float, default=0.1, help="share of phones that send a second answer")
    p.add_argument("--settle", type=float, default=5, help="seconds to watch the projector after the last answer")
    p.add_argument("--replicas", type=int, default=0, help="0: one `streamlit run app.py`; N: deploy/serve.sh")
    p.add_argument("--redis", default="", help="DASHBOARD_STORE for the servers (default: SQLite in a temp dir)")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--out", type=Path)
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="poll-load-"))
    env = {"DASHBOARD_STATE_DIR": str(work / "state")}
    if args.redis:
        env["DASHBOARD_STORE"] = args.redis
    os.environ.update(env)
    dep = Deployment(args.replicas, env, work)
    dep.start()
    try:
        result = asyncio.run(poll_room(dep, args))
    finally:
        dep.stop()
    print(report(result))
    if args.out:
        args.out.write_text(json.dumps(result, indent=2))
    ok = result["answers"]["phones_counted_in_store"] == args.phones and not result["errors"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""A room of phones following one presenter: the load test of a talk's audience routes.

    python tests/bench/room_load.py --phones 300 --moves 10 --out room.json
    python tests/bench/room_load.py --phones 300 --moves 10 --replicas 2 --out room-2.json

Starts the dashboard (`streamlit run app.py`, or deploy/serve.sh with N replicas behind nginx) with a
fresh talk store, starts a talk, and opens the audience page on N simulated phones (asyncio clients
that load the page and follow its Server-Sent Events as a browser's EventSource does, each with its
own affinity cookie). Then:

- idle: the server's CPU time (replicas and nginx) over --idle seconds while every phone waits, per
  phone per second, and its memory (RSS) before and with the phones;
- moves: the presenter moves --moves times over HTTP (POST /talk/ID/move with its secret); for each
  move, the time from the move's request to each phone's receipt of the new slide: p50, p95, slowest
  (all phones), and the phones that did not get it within --move-timeout;
- errors: every failed page load, stream error, refused move and missed slide.

The phones run in this one process on the same machine as the server: their CPU is not the server's,
but they share its cores. Nothing here is collected by pytest.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "src"))

import harness as h  # noqa: E402
from roomclient import Phone, move  # noqa: E402
from wsload import cpu_seconds, machine_busy  # noqa: E402


def children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii") as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == pid:
                        found.append(int(entry))
            except (OSError, ValueError, IndexError):
                continue
    return found


class Deployment:
    """One server (`streamlit run app.py`) or serve.sh's replicas and nginx; the pids to sample."""

    def __init__(self, replicas: int, env: dict[str, str], work: Path) -> None:
        self.replicas, self.env, self.work = replicas, env, work
        self.pids: list[int] = []
        self.process: subprocess.Popen | None = None
        self.server: h.Server | None = None
        self.url = ""

    def start(self) -> None:
        if self.replicas == 0:
            os.environ.update(self.env)
            self.server = h.start_server(ROOT / "app.py", log=self.work / "server.log", timeout_s=240)
            self.url, self.pids = self.server.url, [self.server.pid]
            return
        port = h.free_port()
        while any(not _port_free(p) for p in range(port, port + self.replicas + 1)):
            port = h.free_port()
        log = self.work / "serve.log"
        self.process = subprocess.Popen(
            ["bash", str(ROOT / "deploy" / "serve.sh"), "--replicas", str(self.replicas), "--port", str(port)],
            cwd=ROOT, env=dict(os.environ, **self.env, PYTHON=sys.executable), stdout=open(log, "wb"),  # noqa: SIM115
            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 300
        while "serving the dashboard on" not in log.read_text(errors="replace"):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"serve.sh did not start:\n{log.read_text(errors='replace')[-2000:]}")
            time.sleep(0.2)
        text = log.read_text(errors="replace")
        self.url = f"http://127.0.0.1:{port}"
        self.pids = [int(p) for p in re.findall(r"replica \d+: pid (\d+)", text)]
        nginx = int(re.search(r"nginx: pid (\d+)", text).group(1))
        self.pids += [nginx, *children(nginx)]

    def cpu(self) -> float:
        total = 0.0
        for pid in self.pids:
            try:
                total += cpu_seconds(pid)
            except OSError:
                pass
        return total

    def rss_mb(self) -> float:
        total = 0.0
        for pid in self.pids:
            try:
                total += h.rss_mb(pid)
            except OSError:
                pass
        return total

    def stop(self) -> None:
        if self.server:
            self.server.stop()
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


def _port_free(port: int) -> bool:
    import socket

    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def summarize(xs: list[float]) -> dict:
    if not xs:
        return {"n": 0}
    return {"n": len(xs), "p50_s": h.percentile(xs, 50), "p95_s": h.percentile(xs, 95), "max_s": max(xs)}


async def room(dep: Deployment, args: argparse.Namespace) -> dict:
    from dashboard.store import open_store

    store = open_store(dep.env.get("DASHBOARD_STORE", ""))
    talk, secret = store.start_talk("room-load", args.moves + 1)
    rss_before = dep.rss_mb()
    phones = [Phone(i, dep.url, talk.id) for i in range(args.phones)]
    t_open = time.monotonic()
    opened: list[float] = []

    async def join(p: Phone) -> None:
        t0 = time.monotonic()
        try:
            await p.open_page(timeout=60)
        except Exception as err:
            p.errors.append(f"page: {type(err).__name__}")
            return
        p.start()
        at = await p.wait_for(1, 60)
        if at is not None:
            opened.append(at - t0)

    batch = max(1, args.open_batch)
    for i in range(0, len(phones), batch):
        await asyncio.gather(*(join(p) for p in phones[i : i + batch]))
    open_all_s = time.monotonic() - t_open
    following = sum(1 for p in phones if p.slide == 1)
    spread: dict[str, int] = {}
    for p in phones:
        if p.upstreams:
            spread[p.upstreams[-1]] = spread.get(p.upstreams[-1], 0) + 1

    await asyncio.sleep(2)
    cpu0, busy0 = dep.cpu(), machine_busy()
    await asyncio.sleep(args.idle)
    cpu_idle = dep.cpu() - cpu0
    busy1 = machine_busy()
    rss_with = dep.rss_mb()

    moves = []
    for k in range(2, args.moves + 2):
        t0 = time.monotonic()
        reply = await move(dep.url, talk.id, secret, k)
        waits = await asyncio.gather(*(p.wait_for(k, args.move_timeout) for p in phones))
        got = [at - t0 for at in waits if at is not None]
        moves.append({"slide": k, "status": reply.status, "missed": len(phones) - len(got), **summarize(got)})
        await asyncio.sleep(args.pause)
    for p in phones:
        await p.stop()
    errors = [e for p in phones for e in p.errors]
    errors += [f"move to {m['slide']}: HTTP {m['status']}" for m in moves if m["status"] != 200]
    errors += [f"move to {m['slide']}: {m['missed']} phones missed it" for m in moves if m["missed"]]
    all_times = [m["max_s"] for m in moves if m.get("n")]
    return {
        "phones": args.phones, "replicas": args.replicas or 1, "behind_nginx": bool(args.replicas),
        "store": "Redis" if dep.env.get("DASHBOARD_STORE") else "SQLite",
        "open": {"all_s": open_all_s, "following": following, **summarize(opened)},
        "spread": spread,
        "idle": {"seconds": args.idle, "server_cpu_s": cpu_idle,
                 "cpu_ms_per_phone_per_s": 1000 * cpu_idle / args.idle / max(1, following),
                 "machine_busy": (busy1[0] - busy0[0]) / max(1, busy1[1] - busy0[1])},
        "rss_mb": {"before_phones": rss_before, "with_phones": rss_with,
                   "kb_per_phone": 1024 * (rss_with - rss_before) / max(1, following)},
        "moves": moves,
        "worst_p95_s": max((m.get("p95_s", float("inf")) for m in moves), default=None),
        "slowest_s": max(all_times, default=None),
        "errors": len(errors), "error_details": errors[:20],
        "machine": h.machine(),
    }  # fmt: skip


def report(r: dict) -> str:
    lines = [
        f"{r['phones']} phones, {r['replicas']} replica(s){' behind nginx' if r['behind_nginx'] else ''}, store {r['store']}",
        f"opened: {r['open']['following']} following after {r['open']['all_s']:.1f} s "
        f"(page + first slide per phone: p50 {r['open'].get('p50_s', float('nan')):.2f} s, p95 {r['open'].get('p95_s', float('nan')):.2f} s)",
        f"spread over replicas: {r['spread']}",
        f"idle {r['idle']['seconds']} s: server CPU {r['idle']['server_cpu_s']:.3f} s = "
        f"{r['idle']['cpu_ms_per_phone_per_s']:.3f} ms per phone per second (machine {100 * r['idle']['machine_busy']:.0f}% busy)",
        f"memory: {r['rss_mb']['before_phones']:.0f} MB before, {r['rss_mb']['with_phones']:.0f} MB with the phones "
        f"({r['rss_mb']['kb_per_phone']:.0f} KB per phone)",
        "move  slide  p50 s  p95 s  slowest s  missed",
    ]
    for i, m in enumerate(r["moves"], start=1):
        if m.get("n"):
            lines.append(
                f"{i:>4}  {m['slide']:>5}  {m['p50_s']:.3f}  {m['p95_s']:.3f}  {m['max_s']:>9.3f}  {m['missed']:>6}"
            )
        else:
            lines.append(f"{i:>4}  {m['slide']:>5}  -  -  -  {m['missed']}")
    lines.append(f"worst p95 {r['worst_p95_s']:.3f} s, slowest {r['slowest_s']:.3f} s, errors {r['errors']}")
    lines += [f"  {e}" for e in r["error_details"]]
    return "\n".join(lines)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--phones", type=int, default=300)
    p.add_argument("--moves", type=int, default=10)
    p.add_argument("--replicas", type=int, default=0, help="0: one `streamlit run app.py`; N: deploy/serve.sh")
    p.add_argument("--redis", default="", help="DASHBOARD_STORE for the servers (default: SQLite in a temp dir)")
    p.add_argument("--idle", type=float, default=20, help="seconds of idle CPU measurement")
    p.add_argument("--move-timeout", type=float, default=15)
    p.add_argument("--pause", type=float, default=2.0, help="seconds between moves")
    p.add_argument("--open-batch", type=int, default=50, help="phones opening at once")
    p.add_argument("--out", type=Path)
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="room-load-"))
    env = {"DASHBOARD_STATE_DIR": str(work / "state")}
    if args.redis:
        env["DASHBOARD_STORE"] = args.redis
    os.environ.update(env)
    dep = Deployment(args.replicas, env, work)
    dep.start()
    try:
        result = asyncio.run(room(dep, args))
    finally:
        dep.stop()
    print(report(result))
    if args.out:
        args.out.write_text(json.dumps(result, indent=2))
    return 0 if result["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

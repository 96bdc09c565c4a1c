"""deploy/serve.sh started as people start it, for the deployment tests: nginx in front of replicas of
`streamlit run`, on free loopback ports; replicas that died started again with SIGUSR1; stopped with
SIGTERM (and its process group killed if it hangs)."""

from __future__ import annotations

import contextlib
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVE = ROOT / "deploy" / "serve.sh"
REPLICA_LINE = re.compile(r"^serve\.sh: replica \d+: pid (\d+) on http://127\.0\.0\.1:(\d+)$", re.M)


def find_nginx() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)


def nginx_or_skip() -> None:
    """nginx found, else installed with apt-get the way tests/run.sh installs Chromium."""
    if find_nginx():
        return
    if not shutil.which("apt-get"):
        pytest.skip("nginx is not installed and there is no apt-get to install it with")
    sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
    if sudo and (not shutil.which("sudo") or subprocess.run(["sudo", "-n", "true"], capture_output=True).returncode):
        pytest.skip("nginx is not installed and installing it needs root (no password-less sudo)")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for cmd in (["apt-get", "update", "-q"], ["apt-get", "install", "-y", "-q", "nginx"]):
        done = subprocess.run(sudo + cmd, env=env, capture_output=True, text=True, timeout=900)
        if done.returncode:
            pytest.skip(f"nginx is not installed and `{' '.join(cmd)}` failed: {done.stderr.strip()[-300:]}")
    if not find_nginx():
        pytest.skip("nginx still missing after apt-get install nginx")


def free_ports(n: int) -> int:
    """A port p with p to p+n-1 all free on 127.0.0.1."""
    for _ in range(100):
        base = random.randint(20000, 40000)
        try:
            for p in range(base, base + n):
                with socket.socket() as s:
                    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                    s.bind(("127.0.0.1", p))
        except OSError:
            continue
        return base
    raise RuntimeError(f"no {n} consecutive free ports found")


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def catches(pid: int, sig: int) -> bool:
    """Whether process ``pid`` has a handler for ``sig`` (a shell that started with it ignored cannot)."""
    status = Path(f"/proc/{pid}/status").read_text()
    caught = int(next(line for line in status.splitlines() if line.startswith("SigCgt:")).split()[1], 16)
    return bool(caught >> (sig - 1) & 1)


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as resp:
            return resp.status == 200
    except OSError:
        return False


def upstream(url: str) -> str | None:
    """The replica that answered a new viewer's request through nginx (its X-Upstream)."""
    try:
        with urllib.request.urlopen(url + "/_stcore/health", timeout=10) as resp:
            return resp.headers["X-Upstream"]
    except OSError:
        return None


@dataclass
class Deployment:
    url: str
    process: subprocess.Popen
    log: Path
    env: dict[str, str]
    replicas: dict[str, int] = field(default_factory=dict)  # "127.0.0.1:PORT" -> pid

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def started_replicas(self) -> dict[str, int]:
        """Each replica's address and the pid serve.sh last started there."""
        return {f"127.0.0.1:{port}": int(pid) for pid, port in REPLICA_LINE.findall(self.output())}

    def healed(self, wait: float = 180) -> Deployment:
        """This deployment with every replica serving: serve.sh's SIGUSR1 starts those a test killed again,
        on their ports; back when nginx has sent a request to each of them (it skips a replica for
        fail_timeout after a failed request, then tries one request before it uses the replica again)."""
        assert self.process.poll() is None, f"serve.sh has stopped:\n{self.output()[-3000:]}"
        dead = [addr for addr, pid in self.replicas.items() if not alive(pid)]
        if not dead:
            return self
        assert catches(self.process.pid, signal.SIGUSR1), (
            "serve.sh does not catch SIGUSR1: it cannot start replicas again"
        )
        self.process.send_signal(signal.SIGUSR1)
        deadline = time.monotonic() + wait
        back: set[str] = set()  # a request through nginx answered by it
        while not back >= set(dead):
            if all(answers(f"http://{a}") for a in dead) and (addr := upstream(self.url)) in dead:
                back.add(addr)
            assert self.process.poll() is None, (
                f"serve.sh exited with {self.process.returncode}:\n{self.output()[-3000:]}"
            )
            assert time.monotonic() < deadline, (
                f"replicas {dead} not serving after {wait:.0f} s:\n{self.output()[-3000:]}"
            )
            time.sleep(0.2)
        self.replicas = self.started_replicas()
        return self

    def store(self):
        """The deployment's talk store, opened here as one more replica would."""
        from dashboard.store.redis_store import RedisStore
        from dashboard.store.sqlite_store import SqliteStore

        url = self.env.get("DASHBOARD_STORE")
        return RedisStore(url) if url else SqliteStore(self.env["DASHBOARD_STATE_DIR"])


# nginx leaves a replica alone this long after a failed request (serve.sh's --fail-timeout, 10 s by
# default): a test that restarts a replica waits for it before nginx uses the replica again.
FAIL_TIMEOUT = 2


@contextlib.contextmanager
def serve(
    work: Path, env: dict[str, str] | None = None, *, replicas: int = 2, wait: float = 240
) -> Iterator[Deployment]:
    """serve.sh with ``replicas`` replicas, serving when entered; stopped on leaving unless a test stopped it."""
    nginx_or_skip()
    env = dict(env if env is not None else os.environ, PYTHON=sys.executable)
    port = free_ports(replicas + 1)
    log = work / "serve.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            ["bash", str(SERVE), "--replicas", str(replicas), "--port", str(port), "--fail-timeout", str(FAIL_TIMEOUT)],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True,  # so that the end can kill the whole group if serve.sh hangs
        )  # fmt: skip
    dep = Deployment(f"http://127.0.0.1:{port}", process, log, env)
    try:
        deadline = time.monotonic() + wait
        while "serving the dashboard on" not in dep.output():
            assert process.poll() is None, f"serve.sh exited with {process.returncode}:\n{dep.output()[-3000:]}"
            assert time.monotonic() < deadline, f"serve.sh not serving after {wait:.0f} s:\n{dep.output()[-3000:]}"
            time.sleep(0.2)
        dep.replicas = dep.started_replicas()
        assert len(dep.replicas) == replicas, dep.output()
        yield dep
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(10)

"""CPU-seconds of a command and everything it starts, by kind of process.

    python tests/bench/suite_cpu.py bash tests/run.sh
    python tests/bench/suite_cpu.py python -m pytest -n 0 tests/e2e/test_render_audit.py

Samples /proc twice a second while the command runs and adds up each process's CPU time (user and
system) by what it is: Chromium driven by Playwright, Chromium started by kaleido (chart images), Chromium
printing a PDF, the app's servers, the test processes, mypy, nginx, redis and so on. A process that starts
and ends between two samples is missed, so the totals are a little low. Chromium's processes are named by
the process that started their browser (Playwright's driver, a Python process for kaleido, or the PDF
printer's profile folder).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")
SAMPLE_S = 0.5


def _read(pid: int) -> tuple[str, int, float, int] | None:
    """(command line, parent pid, CPU-seconds so far, start time) of a process, or None once it is gone."""
    try:
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return cmd, int(fields[1]), (int(fields[11]) + int(fields[12])) / TICKS, int(fields[19])


def _kind(pid: int, procs: dict[int, tuple[str, int, float, int]]) -> str:
    cmd = procs[pid][0]
    if "chrom" in cmd:
        up = pid
        for _ in range(8):  # up to the process that started this browser
            found = procs.get(up)
            if found is None:
                break
            if "dashboard-pdf-" in found[0]:
                return "chromium: PDF printing"
            if "chrom" not in found[0]:
                return "chromium: Playwright" if "playwright/driver" in found[0] else "chromium: kaleido (images)"
            up = found[1]
        return "chromium: (parent gone)"
    if "streamlit" in cmd:
        return "app servers (streamlit)"
    for needle, name in (
        ("mypy", "mypy"),
        ("playwright/driver", "Playwright driver (node)"),
        ("execnet", "test processes (pytest-xdist workers)"),
        ("pytest", "pytest"),
        ("nginx", "nginx"),
        ("redis-server", "redis-server"),
        ("python", "other Python"),
    ):
        if needle in cmd:
            return name
    return "kernel threads" if not cmd else "other"


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    seen: dict[tuple[int, int], list] = {}  # (pid, start) -> [kind, CPU-seconds at the first and last sample]
    started = time.monotonic()
    child = subprocess.Popen(argv)
    own = _read(child.pid)
    began = own[3] if own else 0  # the command's start, in clock ticks since boot
    while child.poll() is None:
        procs = {int(p): r for p in os.listdir("/proc") if p.isdigit() and (r := _read(int(p)))}
        for pid, (_cmd, _parent, cpu, start) in procs.items():
            if (pid, start) in seen:
                seen[(pid, start)][2] = cpu
            else:  # a process already running when the command started counts from there
                seen[(pid, start)] = [_kind(pid, procs), cpu if start < began else 0.0, cpu]
        time.sleep(SAMPLE_S)
    totals: Counter[str] = Counter()
    for kind, first, last in seen.values():
        totals[kind] += last - first
    print(
        f"\n{time.monotonic() - started:.0f} s, exit status {child.returncode}; CPU-seconds by kind:", file=sys.stderr
    )
    for kind, cpu in totals.most_common():
        if cpu >= 0.5:
            print(f"{cpu:8.1f}  {kind}", file=sys.stderr)
    return child.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

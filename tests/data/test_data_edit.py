"""A one-figure edit of a copy of the shipped pack fails data tests and nothing else.

The copy moves the upper end of one effectiveness range (the last estimate of estimates.yaml, on
current systems) by two points. Then one pytest run, pointed at the copy with
$DASHBOARD_TEST_SHIPPED_DIR, runs every unit test that reads the shipped pack (the rest run on the
minimal pack and cannot see the edit; $DASHBOARD_TEST_SHIPPED_ONLY leaves them out) and every data
test. Logic tests must all pass; at least one data test must fail, and no other test may.

tests/app and tests/e2e start the app on data/ itself and are not part of this run; the slow artefact
tests (PDF, images) are left out to keep it cheap.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from packs import ROOT, SHIPPED_DIR


def _edited_copy(dest: Path) -> tuple[str, int, int]:
    """Copy the shipped pack to ``dest`` and change one figure; return (estimate id, old high, new high)."""
    shutil.copytree(SHIPPED_DIR, dest)
    path = dest / "estimates.yaml"
    records = yaml.safe_load(path.read_text(encoding="utf-8"))
    target = next(r for r in reversed(records) if "high" in r["current"])
    old = target["current"]["high"]
    new = old - 2 if old - 2 > target["current"]["low"] else old + 2
    target["current"]["high"] = new
    path.write_text(yaml.safe_dump(records, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return target["id"], old, new


@pytest.mark.timeout(1200)
def test_one_figure_edit_fails_only_data_tests(tmp_path):
    pack = tmp_path / "pack"
    estimate, old, new = _edited_copy(pack)
    env = {
        **os.environ,
        "DASHBOARD_TEST_SHIPPED_DIR": str(pack),
        "DASHBOARD_TEST_SHIPPED_ONLY": "1",
        "DASHBOARD_CACHE_DIR": str(tmp_path / "cache"),
    }
    env.pop("PYTEST_XDIST_WORKER", None)
    # Only the files that mention the shipped pack are imported; the others cannot read it.
    files = [
        str(f.relative_to(ROOT))
        for f in sorted((ROOT / "tests" / "unit").glob("test_*.py"))
        if re.search(r"\b(shipped|data_dir)\b", f.read_text(encoding="utf-8"))
    ]
    cmd = [
        sys.executable, "-m", "pytest", *files, "tests/data",
        "--ignore", str(Path(__file__).relative_to(ROOT)),
        "-m", "not slow and not e2e and not deploy",
        "-p", "no:cacheprovider", "-n", "0", "-q", "-rf", "--timeout", "300",
    ]  # fmt: skip
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=1100)
    out = done.stdout + done.stderr
    failed = re.findall(r"^FAILED (\S+?)(?: - |$)", out, flags=re.MULTILINE)
    summary = out.strip().splitlines()[-1] if out.strip() else ""
    ran = re.search(r"(\d+) passed", summary)
    assert ran and int(ran.group(1)) > 20, f"too few tests ran on the copy:\n{out[-3000:]}"
    logic_failed = [f for f in failed if not f.startswith("tests/data/")]
    assert logic_failed == [], f"{estimate}: current high {old} -> {new} broke logic tests:\n{out[-6000:]}"
    assert failed, f"{estimate}: current high {old} -> {new} and no data test noticed:\n{out[-3000:]}"
    assert done.returncode == 1, out[-3000:]

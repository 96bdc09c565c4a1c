"""Where the tests' packs are: the shipped one (or a copy named by $DASHBOARD_TEST_SHIPPED_DIR) and the minimal one."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MINIMAL_DIR = ROOT / "tests" / "fixtures" / "minimal"
# Data tests and the logic tests that read the shipped pack load it from here; the one-figure-edit
# test (tests/data/test_data_edit.py) points it at an edited copy.
SHIPPED_DIR = Path(os.environ.get("DASHBOARD_TEST_SHIPPED_DIR") or ROOT / "data")

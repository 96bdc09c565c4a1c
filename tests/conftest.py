"""Fixtures shared by every kind of test."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Validated-pack snapshots of a test run go to a folder of its own, never the user's cache.
os.environ.setdefault("DASHBOARD_CACHE_DIR", tempfile.mkdtemp(prefix="dashboard-test-cache-"))
# So do the talks a test run starts (the SQLite talk store); servers the tests start inherit it.
os.environ.setdefault("DASHBOARD_STATE_DIR", tempfile.mkdtemp(prefix="dashboard-test-state-"))

from dashboard.pack.dataset import Dataset
from dashboard.pack.load import load_pack

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "data"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA_DIR


@pytest.fixture(scope="session")
def shipped() -> Dataset:
    """The shipped pack, loaded once; a test failing here means data/ does not validate."""
    result = load_pack(DATA_DIR)
    assert result.ok, "\n".join(str(p) for p in result.problems)
    return result.dataset

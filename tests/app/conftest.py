"""Packs the app tests open besides the minimal one: the tiny pack of minipack.py, written once a run."""

from __future__ import annotations

from pathlib import Path

import pytest
from minipack import write_minipack

from dashboard.pack.dataset import Dataset
from dashboard.pack.load import load_pack
from packs import write_cruxes_pack


@pytest.fixture(scope="session")
def tiny_dir(tmp_path_factory) -> Path:
    """The tiny pack (tests/app/minipack.py): three techniques, one of them without an estimate, two labs,
    the assessments the Overview names."""
    return write_minipack(tmp_path_factory.mktemp("tiny") / "pack")


@pytest.fixture(scope="session")
def tiny(tiny_dir) -> Dataset:
    result = load_pack(tiny_dir)
    assert result.ok, "\n".join(str(p) for p in result.problems)
    return result.dataset


@pytest.fixture(scope="session")
def cruxes_dir(tmp_path_factory) -> Path:
    """The minimal pack with a second credence crux, a technical and a strategic one (packs.write_cruxes_pack)."""
    return write_cruxes_pack(tmp_path_factory.mktemp("cruxes") / "pack")


@pytest.fixture(scope="session")
def cruxes_pack(cruxes_dir) -> Dataset:
    result = load_pack(cruxes_dir)
    assert result.ok, "\n".join(str(p) for p in result.problems)
    return result.dataset

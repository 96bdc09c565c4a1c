"""The synthetic benchmark packs: valid by the pack's own rules, scaled exactly, reproducible."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from dashboard.pack.load import load_files

SYNTH = Path(__file__).resolve().parents[1] / "bench" / "synth.py"


@pytest.fixture(scope="module")
def synth():
    spec = importlib.util.spec_from_file_location("bench_synth", SYNTH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def packs(synth):
    return {k: synth.generate(synth.scaled(synth.BASE_COUNTS, k), seed=7) for k in (1, 10)}


@pytest.mark.parametrize("scale", [1, 10])
def test_pack_validates_with_the_scaled_counts(synth, packs, scale):
    result = load_files(packs[scale])
    assert result.ok, "\n".join(str(p) for p in result.problems[:20])
    counts = synth.counts_of(result.dataset)
    assert counts == synth.scaled(synth.BASE_COUNTS, scale)
    for kind, base in synth.BASE_COUNTS.items():
        if kind not in synth.UNSCALED and kind != "estimates":
            assert counts[kind] == base * scale, kind
    assert counts["slides"] == synth.BASE_COUNTS["slides"]


def test_same_seed_gives_identical_bytes(synth, packs):
    again = synth.generate(synth.scaled(synth.BASE_COUNTS, 1), seed=7)
    assert again == packs[1]
    other = synth.generate(synth.scaled(synth.BASE_COUNTS, 1), seed=8)
    assert other.keys() == again.keys()
    assert other["claims.yaml"] != again["claims.yaml"]


def test_ten_times_the_records_is_about_ten_times_the_bytes(packs):
    small = sum(len(b) for b in packs[1].values())
    large = sum(len(b) for b in packs[10].values())
    assert 8 * small < large < 12 * small


def test_written_pack_loads_from_a_directory(synth, tmp_path):
    from dashboard.pack.load import load_pack

    used = synth.write_pack(tmp_path / "pack", 1, seed=3)
    result = load_pack(tmp_path / "pack")
    assert result.ok, "\n".join(str(p) for p in result.problems[:20])
    assert synth.counts_of(result.dataset) == used

"""Data test: the Overview page on the shipped pack shows every headline card with its record's figure,
its source and credibility, and any disagreeing figure beside it; what it should show is read from the
pack (the headline frames, themselves checked against data/claims.yaml in test_data_headlines.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "app"))  # the app tests' readers of a run
from figdata import APP, open_panel, table

from dashboard.views.frames import overview as F


@pytest.fixture
def at(monkeypatch, data_dir) -> AppTest:
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(data_dir))
    at = AppTest.from_file(APP)
    at.run(timeout=60)
    assert not at.exception, [e.value for e in at.exception]
    return at


def _plain(text: str) -> str:
    return text.replace("\\", "")


def test_data_headline_cards_with_their_sources_and_disagreements(at, shipped):
    cards = F.headlines(shipped)
    assert {h.key for h in cards} == {s.key for s in F.HEADLINES}, "a headline's claim is missing from the pack"
    metrics = {m.label: (m.value, m.proto.delta, m.help) for m in at.metric}
    for h in cards:
        assert metrics[h.label] == (h.value, h.delta or "", h.help), h.key
    captions = [_plain(c.value) for c in at.caption]
    heads = table(open_panel(at, "headlines-box"), "Figure", "Other sources say").set_index("Figure")
    for h in cards:
        assert h.caption in captions, h.key
        assert h.caption.removeprefix("Source: ") == heads.loc[h.label, "Sources"], h.key
        for d in h.disagreements:
            assert any(c.endswith(f"Disagreement: {d}") for c in captions), (h.key, d)
        assert heads.loc[h.label, "Other sources say"] == "; ".join(h.disagreements), h.key

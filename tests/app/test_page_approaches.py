"""The Approaches page on the shipped pack: comparison, scalability ranges, levels, experts, timeline."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def _open() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.run(timeout=30)
    at.switch_page("pages/approaches.py")
    at.run(timeout=30)
    assert not at.exception, [e.value for e in at.exception]
    return at


def _array(value):
    if isinstance(value, dict):
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).tolist()
    return list(value)


def _table(at: AppTest, first_columns: list[str]):
    found = [df.value for df in at.dataframe if list(df.value.columns[: len(first_columns)]) == first_columns]
    assert len(found) == 1, [list(df.value.columns) for df in at.dataframe]
    return found[0]


def test_page_runs_and_compares_the_four_approaches(monkeypatch):
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)
    at = _open()
    comparison = _table(at, ["approach", "strengths", "weaknesses"])
    assert comparison["approach"].tolist() == [
        "AI-Assisted Alignment",
        "Human-Only Alignment",
        "Formal Verification",
        "Behavioral Training (RLHF)",
    ]
    gap = _table(at, ["Capability Area", "Progress Rate"])
    assert "Agentic AI" in set(gap["Capability Area"])
    assert len(_table(at, ["question", "median"])) == 5  # the expert survey


def test_scalability_chart_has_no_bar_for_the_unquantified_challenge(monkeypatch):
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)
    at = _open()
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    scal = next(s for s in specs if s["data"] and s["data"][0].get("type") == "bar")
    bar = scal["data"][0]
    labels = [y.split("<br>")[0] for y in bar["y"]]
    assert "Safety Classifier" not in " ".join(labels) and len(labels) == 4
    base, width = _array(bar["base"]), _array(bar["x"])
    i = labels.index("Human Oversight")
    assert (base[i], base[i] + width[i]) == (40, 60)
    notes = [a["text"] for a in scal["layout"].get("annotations", [])]
    assert any("not quantified" in n and "active investigation" in n.lower() for n in notes)


def test_levels_and_expert_groups(monkeypatch):
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)
    at = _open()
    body = " ".join(m.value for m in at.markdown).replace("\\", "")
    for level in range(1, 5):
        assert f"**Level {level}" in body
    assert "Named but not described by the source" in body  # levels 2-4 are only named
    assert "Optimistic" in body and "Pessimistic" in body
    assert "Eliezer Yudkowsky" in body


def test_filter_narrows_the_comparison(monkeypatch):
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)
    at = _open()
    at.multiselect(key="tech").set_value(["rlhf"]).run(timeout=30)
    assert not at.exception
    comparison = _table(at, ["approach", "strengths", "weaknesses"])
    assert "Behavioral Training (RLHF)" in set(comparison["approach"])
    assert "AI-Assisted Alignment" not in set(comparison["approach"])

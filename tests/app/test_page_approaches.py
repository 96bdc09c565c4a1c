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


def test_a_long_timeline_is_a_table_not_a_column_per_period(monkeypatch, tmp_path):
    """Up to four periods sit side by side; a pack with more gets one table row per expectation."""
    import shutil

    import yaml

    pack = tmp_path / "pack"
    shutil.copytree(Path(__file__).resolve().parents[1] / "fixtures" / "minimal", pack)
    outlook = yaml.safe_load((pack / "outlook.yaml").read_text(encoding="utf-8"))
    outlook["timeline"] = [
        {"id": f"period-{i}", "horizon": f"Period {i}", "years": f"{i}-{i + 1} years", "items": [f"Step {i}"]}
        for i in range(1, 7)
    ]
    (pack / "outlook.yaml").write_text(yaml.safe_dump(outlook, sort_keys=False), encoding="utf-8")
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(pack))
    at = _open()
    table = _table(at, ["horizon", "years", "what the text expects"])
    assert table["horizon"].tolist() == [f"Period {i}" for i in range(1, 7)]
    assert table["what the text expects"].tolist() == [f"Step {i}" for i in range(1, 7)]
    assert not any(m.value.startswith("**Period 1**") for m in at.markdown)

    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(Path(__file__).resolve().parents[1] / "fixtures" / "minimal"))
    at = _open()
    assert any(m.value.startswith("**Near-term** (1-3 years)") for m in at.markdown)
    assert not [df for df in at.dataframe if "what the text expects" in df.value.columns]

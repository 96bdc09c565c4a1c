"""The Approaches page on the minimal pack (extended here where the page needs more records): comparison, scalability ranges, levels, experts, timeline."""

from __future__ import annotations

import base64
import copy
import json
import shutil
from pathlib import Path

import numpy as np
import pytest
import yaml
from figdata import scroll_through
from streamlit.testing.v1 import AppTest

from dashboard.pack.load import load_pack
from packs import MINIMAL_DIR

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def _open() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.run(timeout=30)
    at.switch_page("pages/approaches.py")
    at.run(timeout=30)
    assert not at.exception, [e.value for e in at.exception]
    return scroll_through(at)


def _array(value):
    if isinstance(value, dict):
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).tolist()
    return list(value)


def _table(at: AppTest, first_columns: list[str]):
    found = [df.value for df in at.dataframe if list(df.value.columns[: len(first_columns)]) == first_columns]
    assert len(found) == 1, [list(df.value.columns) for df in at.dataframe]
    return found[0]


@pytest.fixture(scope="module")
def pack_dir(tmp_path_factory) -> Path:
    """The minimal pack plus an approach built on RLHF, a challenge no source quantifies, the capability
    gap table, an optimistic and a pessimistic expert."""
    folder = tmp_path_factory.mktemp("approaches") / "pack"
    shutil.copytree(MINIMAL_DIR, folder)

    def extend(name: str, change) -> None:
        path = folder / name
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")

    extend(
        "approaches.yaml",
        lambda d: d.append(
            {
                "id": "behavioural",
                "name": "Behavioural training",
                "strengths": ["Works today"],
                "weaknesses": ["Needs human raters"],
                "when_to_prefer": ["When raters can judge"],
                "techniques": ["rlhf"],
                "references": ["ref-wiki"],
            }
        ),
    )
    extend(
        "scalability.yaml",
        lambda d: d.append(
            {
                "id": "probe-gap",
                "challenge": "Probe gap",
                "current_status": "Open",
                "limitations": "Probes miss features.",
                "agi_implications": "Blind spots remain.",
                "success_status": "Under active investigation",
                "references": ["ref-wiki"],
            }
        ),
    )
    extend(
        "assessments.yaml",
        lambda d: d.append(
            {
                "id": "capability-safety-gap",
                "kind": "capability-gap",
                "title": "Capability vs safety",
                "columns": {"dimension": "Capability Area", "rating": "Progress Rate"},
                "rows": [{"dimension": "Agentic AI", "rating": "Fast"}],
                "references": ["ref-wiki"],
            }
        ),
    )

    def experts(outlook) -> None:
        view = outlook["expert_views"][0]
        outlook["expert_views"] += [
            {**copy.deepcopy(view), "id": "view-two", "person": "Expert Two", "outlook": "optimistic"},
            {**copy.deepcopy(view), "id": "view-three", "person": "Expert Three", "outlook": "pessimistic"},
        ]

    extend("outlook.yaml", experts)
    return folder


@pytest.fixture(scope="module")
def pack(pack_dir):
    result = load_pack(pack_dir)
    assert result.ok, "\n".join(str(p) for p in result.problems)
    return result.dataset


@pytest.fixture
def on_pack(monkeypatch, pack_dir):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(pack_dir))


def test_page_runs_and_compares_the_approaches(on_pack, pack):
    at = _open()
    comparison = _table(at, ["approach", "strengths", "weaknesses"])
    assert comparison["approach"].tolist() == [a.name for a in pack.approaches]
    gap = _table(at, ["Capability Area", "Progress Rate"])
    assert list(gap["Capability Area"]) == ["Agentic AI"]
    assert len(_table(at, ["question", "median"])) == len(pack.outlook.expert_survey)


def test_scalability_chart_has_no_bar_for_the_unquantified_challenge(on_pack, pack):
    at = _open()
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    scal = next(s for s in specs if s["data"] and s["data"][0].get("type") == "bar")
    bar = scal["data"][0]
    labels = [y.split("<br>")[0] for y in bar["y"]]
    quantified = [c for c in pack.scalability if c.success_probability]
    assert "Probe gap" not in " ".join(labels) and len(labels) == len(quantified) == 1
    base, width = _array(bar["base"]), _array(bar["x"])
    i = labels.index("Oversight gap")
    p = quantified[0].success_probability
    assert (base[i], base[i] + width[i]) == (p.low, p.high)
    notes = [a["text"] for a in scal["layout"].get("annotations", [])]
    assert any("not quantified" in n and "active investigation" in n.lower() for n in notes)


def test_levels_and_expert_groups(on_pack, pack):
    at = _open()
    body = " ".join(m.value for m in at.markdown).replace("\\", "")
    for level in pack.outlook.automation_levels:
        assert f"**Level {level.level}" in body
    assert "Named but not described by the source" in body  # level 4 is only named
    assert "Optimistic" in body and "Pessimistic" in body
    assert "Expert Three" in body


def test_filter_narrows_the_comparison(on_pack):
    at = _open()
    at.multiselect(key="tech").set_value(["rlhf"]).run(timeout=30)
    assert not at.exception
    comparison = _table(at, ["approach", "strengths", "weaknesses"])
    assert "Behavioural training" in set(comparison["approach"])
    assert "AI-assisted alignment" not in set(comparison["approach"])


def test_a_long_timeline_is_a_table_not_a_column_per_period(monkeypatch, tmp_path):
    """Up to four periods sit side by side; a pack with more gets one table row per expectation."""
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

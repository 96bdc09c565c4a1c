"""Techniques explorer on the shipped pack: filters narrow the table, search, side-by-side comparison."""

from __future__ import annotations

import pytest
from figdata import open_page, spec, table, trace
from streamlit.testing.v1 import AppTest


@pytest.fixture(autouse=True)
def _shipped(monkeypatch):
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)


@pytest.fixture
def at(monkeypatch) -> AppTest:
    return open_page(monkeypatch, "pages/techniques.py")


def _techniques(at) -> list[str]:
    return list(table(at, "Technique", "Maturity")["Technique"])


def test_table_lists_every_technique_with_estimates(at, shipped):
    rows = table(at, "Technique", "Maturity").set_index("Technique")
    assert set(rows.index) == {t.name for t in shipped.techniques}
    assert rows.loc["Weak-to-Strong Generalization", "Current (midpoint %)"] == 85
    assert rows.loc["Alignment Auditing Agents", "Superhuman"] == "Unknown"
    assert any(
        c.value.startswith(f"{len(shipped.techniques)} of {len(shipped.techniques)} techniques") for c in at.caption
    )


def test_filters_narrow_the_table(at, shipped):
    at.multiselect(key="t_maturity").set_value(["deployed"])
    at.run(timeout=60)
    assert set(_techniques(at)) == {t.name for t in shipped.techniques if t.maturity == "deployed"}
    at.multiselect(key="t_principle").set_value(["ethicality"])
    at.run(timeout=60)
    assert set(_techniques(at)) == {
        t.name for t in shipped.techniques if t.maturity == "deployed" and t.principle == "ethicality"
    }


def test_lab_risk_and_ai_assisted_filters(at, shipped):
    at.multiselect(key="t_lab").set_value(["openai"])
    at.run(timeout=60)
    assert {"Weak-to-Strong Generalization"} <= set(_techniques(at))
    at.multiselect(key="t_lab").set_value([])
    at.toggle(key="t_ai").set_value(True)
    at.run(timeout=60)
    assert len(_techniques(at)) == sum(t.ai_assisted for t in shipped.techniques)


def test_search_and_no_match(at):
    at.text_input(key="q").set_value("debate")
    at.run(timeout=60)
    assert "AI Debate" in _techniques(at)
    at.text_input(key="q").set_value("no technique mentions this")
    at.run(timeout=60)
    assert any("No technique matches" in i.value for i in at.info)


def test_sidebar_filter_applies(at):
    at.sidebar.multiselect(key="tech").set_value(["ai-debate", "rlhf"])
    at.run(timeout=60)
    assert set(_techniques(at)) == {"AI Debate", "RLHF (Reinforcement Learning from Human Feedback)"}


def test_compare_side_by_side(at, shipped):
    at.multiselect(key="compare").set_value(["ai-debate", "weak-to-strong", "rlhf"])
    at.run(timeout=60)
    assert not at.exception
    cmp = table(at, "Field").set_index("Field")
    assert list(cmp.columns) == [
        "AI Debate",
        "Weak-to-Strong Generalization",
        "RLHF (Reinforcement Learning from Human Feedback)",
    ]
    assert cmp.loc["Effectiveness now", "AI Debate"] == "60–80%"
    assert cmp.loc["Effectiveness now", "RLHF (Reinforcement Learning from Human Feedback)"] == "no estimate"
    fig = spec(at, "compare-effectiveness-chart")
    assert set(trace(fig, "Current systems")["y"]) == {"AI Debate", "Weak-to-Strong Generalization"}
    debate_claims = table(at, "Figure", "Measures", "Year", "Sources", nth=0)
    assert {"88.9%", "59.4%"} <= set(debate_claims["Figure"])
    n = sum(c.technique == "ai-debate" for c in shipped.claims)
    assert len(debate_claims) == n


def test_compare_needs_two(at):
    at.multiselect(key="compare").set_value(["ai-debate"])
    at.run(timeout=60)
    assert any("at least two" in c.value for c in at.caption)
    assert not [c for c in at.get("plotly_chart") if c.proto.id.endswith("compare-effectiveness-chart")]

"""Techniques explorer on the tiny pack (tests/app/minipack.py: Technique One 80–90% now, Technique Two
with an unknown superhuman figure, Technique Three with no estimate): filters narrow the table, search,
side-by-side comparison."""

from __future__ import annotations

import pytest
from figdata import open_on, spec, table, trace
from streamlit.testing.v1 import AppTest

from dashboard.views.frames.effectiveness import range_text


@pytest.fixture
def at(monkeypatch, tiny_dir) -> AppTest:
    return open_on(monkeypatch, tiny_dir, "pages/techniques.py")


def _techniques(at) -> list[str]:
    return list(table(at, "Technique", "Maturity")["Technique"])


def _estimate(ds, tech_id):
    return next(e for e in ds.estimates if e.technique == tech_id)


def test_table_lists_every_technique_with_estimates(at, tiny):
    rows = table(at, "Technique", "Maturity").set_index("Technique")
    assert set(rows.index) == {t.name for t in tiny.techniques}
    one = _estimate(tiny, "tech-one").current
    assert rows.loc["Technique One", "Current (midpoint %)"] == (one.low + one.high) / 2
    assert _estimate(tiny, "tech-two").superhuman.unknown
    assert rows.loc["Technique Two", "Superhuman"] == "Unknown"
    assert rows.loc["Technique Three", "Current"] == "no estimate"
    n = len(tiny.techniques)
    assert any(c.value.startswith(f"{n} of {n} techniques") for c in at.caption)


def test_filters_narrow_the_table(at, tiny):
    at.multiselect(key="t_maturity").set_value(["deployed", "research"])
    at.run(timeout=60)
    expected = {t.name for t in tiny.techniques if t.maturity in ("deployed", "research")}
    assert set(_techniques(at)) == expected == {"Technique One", "Technique Two"}
    at.multiselect(key="t_principle").set_value(["interpretability"])
    at.run(timeout=60)
    assert _techniques(at) == ["Technique Two"]


def test_lab_risk_and_ai_assisted_filters(at, tiny):
    at.multiselect(key="t_lab").set_value(["lab-y"])
    at.run(timeout=60)
    assert _techniques(at) == ["Technique Two"]
    at.multiselect(key="t_lab").set_value([])
    at.toggle(key="t_ai").set_value(True)
    at.run(timeout=60)
    assert set(_techniques(at)) == {t.name for t in tiny.techniques if t.ai_assisted}
    assert "Technique Three" not in _techniques(at)


def test_search_and_no_match(at):
    at.text_input(key="q").set_value("two")
    at.run(timeout=60)
    assert _techniques(at) == ["Technique Two"]
    at.text_input(key="q").set_value("no technique mentions this")
    at.run(timeout=60)
    assert any("No technique matches" in i.value for i in at.info)


def test_sidebar_filter_applies(at):
    at.sidebar.multiselect(key="tech").set_value(["tech-one", "tech-three"])
    at.run(timeout=60)
    assert set(_techniques(at)) == {"Technique One", "Technique Three"}


def test_compare_side_by_side(at, tiny):
    at.multiselect(key="compare").set_value(["tech-one", "tech-two", "tech-three"])
    at.run(timeout=60)
    assert not at.exception
    cmp = table(at, "Field").set_index("Field")
    assert list(cmp.columns) == ["Technique One", "Technique Two", "Technique Three"]
    assert cmp.loc["Effectiveness now", "Technique One"] == range_text(_estimate(tiny, "tech-one").current)
    assert cmp.loc["Effectiveness now", "Technique Three"] == "no estimate"
    fig = spec(at, "compare-effectiveness-chart")
    assert set(trace(fig, "Current systems")["y"]) == {"Technique One", "Technique Two"}
    claims = table(at, "Figure", "Measures", "Year", "Sources", nth=0)
    own = [c for c in tiny.claims if c.technique == "tech-one"]
    assert list(claims["Measures"]) == [c.measures for c in own]
    assert list(claims["Figure"]) == ["4.4%"]


def test_compare_needs_two(at):
    at.multiselect(key="compare").set_value(["tech-one"])
    at.run(timeout=60)
    assert any("at least two" in c.value for c in at.caption)
    assert not [c for c in at.get("plotly_chart") if c.proto.id.endswith("compare-effectiveness-chart")]

"""Effectiveness page on the shipped pack: the widgets drive the entries (their figures are unit-tested on the
minimal pack in tests/unit/test_charts_effectiveness.py), unknown explained, the chart block's pieces."""

from __future__ import annotations

import pytest
from figdata import choose_tab, config, open_page, spec, table, trace
from streamlit.testing.v1 import AppTest

from dashboard.views.entry import entry


@pytest.fixture(autouse=True)
def _shipped(monkeypatch):
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)


@pytest.fixture
def at(monkeypatch) -> AppTest:
    return open_page(monkeypatch, "pages/effectiveness.py")


def test_unknown_is_labelled_unknown(at):
    """The figure and the table of the entry are unit-tested; here, what the page adds around them."""
    rows = table(choose_tab(at, "effectiveness"), "Current low (%)").set_index("Technique")
    assert rows["Superhuman"].eq("Unknown").sum() == rows["Superhuman low (%)"].isna().sum() >= 1
    assert any("could be anywhere, not that it is zero" in c.value for c in at.caption)


def _entry(shipped, view: str, **params):
    return entry(shipped, "effectiveness", view, {k: list(v) for k, v in params.items()})


def test_sidebar_filter_narrows_the_rows(at, shipped):
    estimated = [e.technique for e in shipped.estimates]
    without = next(t.id for t in shipped.techniques if t.id not in estimated)
    chosen = [*estimated[:2], without]
    at.sidebar.multiselect(key="tech").set_value(chosen)
    at.run(timeout=60)
    drawn = set(trace(spec(at, "effectiveness-chart"), "Current systems")["y"])
    assert drawn == {shipped.technique_by_id[t].name for t in estimated[:2]}
    assert drawn == set(_entry(shipped, "effectiveness", tech=chosen).table["Technique"])


def test_filter_with_no_estimate_says_so(at, shipped):
    estimated = {e.technique for e in shipped.estimates}
    at.sidebar.multiselect(key="tech").set_value([next(t.id for t in shipped.techniques if t.id not in estimated)])
    at.run(timeout=60)
    assert not at.exception
    assert any("has an effectiveness estimate" in i.value for i in at.info)
    assert not [c for c in at.get("plotly_chart") if c.proto.id.endswith("-effectiveness-chart")]


def test_sort_radio_reorders_rows(at, shipped):
    at.radio(key="sort").set_value("drop")
    at.run(timeout=60)
    by_drop = _entry(shipped, "effectiveness", sort=["drop"])
    order = list(by_drop.fig.layout.yaxis.categoryarray)
    assert spec(at, "effectiveness-chart")["layout"]["yaxis"]["categoryarray"] == order
    assert order != list(_entry(shipped, "effectiveness", sort=["current"]).fig.layout.yaxis.categoryarray)
    top = order[-1]  # the last category is drawn on top
    assert table(choose_tab(at, "effectiveness"), "Current low (%)").iloc[0]["Technique"] == top


def test_chart_block_pieces(at, shipped):
    drawn = _entry(shipped, "effectiveness")
    assert drawn.takeaway in [s.value.replace("\\", "") for s in [*at.header, *at.subheader]]
    caps = [c.value.replace("\\", "") for c in at.caption]
    assert any(c.startswith("Sources: ") and shipped.reference_by_id[drawn.references[0]].title in c for c in caps)
    assert f"Text alternative: {drawn.alt}" in caps
    cfg = config(at, "effectiveness-chart")
    assert cfg["displaylogo"] is False
    assert cfg["toImageButtonOptions"]["format"] == "png" and cfg["toImageButtonOptions"]["filename"] == "effectiveness"
    chart = next(c for c in at.get("plotly_chart") if c.proto.id.endswith("-effectiveness-chart"))
    assert chart.proto.alt == drawn.alt
    sources = table(choose_tab(at, "effectiveness", "Sources"), "title", "credibility")
    assert list(sources["title"]) == [shipped.reference_by_id[r].title for r in drawn.references]

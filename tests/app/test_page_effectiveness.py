"""Effectiveness page on the shipped pack: exact ranges in the chart, unknown marked, filter and sort."""

from __future__ import annotations

from pathlib import Path

import pytest
from figdata import choose_tab, config, spec, table, trace
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture(autouse=True)
def _shipped(monkeypatch):
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)


@pytest.fixture
def at() -> AppTest:
    at = AppTest.from_file(APP)
    at.run(timeout=60)
    at.switch_page("pages/effectiveness.py")
    at.run(timeout=60)
    assert not at.exception, [e.value for e in at.exception]
    return at


def _ranges(fig: dict, name: str) -> dict:
    t = trace(fig, name)
    return {y: (b, None if b is None else b + x) for y, b, x in zip(t["y"], t["base"], t["x"])}


def test_chart_holds_every_technique_with_its_exact_range(at, shipped):
    fig = spec(at, "effectiveness-chart")
    current, superhuman = _ranges(fig, "Current systems"), _ranges(fig, "Superhuman systems")
    assert len(current) == len(shipped.estimates)
    for e in shipped.estimates:
        name = shipped.technique_by_id[e.technique].name
        assert current[name] == (e.current.low, e.current.high)
        if e.superhuman.unknown:
            assert superhuman[name] == (None, None)
        else:
            assert superhuman[name][0] == e.superhuman.low
            assert superhuman[name][1] == pytest.approx(e.superhuman.high)


def test_unknown_is_labelled_unknown(at):
    fig = spec(at, "effectiveness-chart")
    unknown = [t for t in fig["data"] if t.get("name", "").startswith("Unknown")]
    assert len(unknown) == 1
    assert unknown[0]["y"] == ["Alignment Auditing Agents"]
    assert unknown[0]["text"] == ["Superhuman systems: Unknown"]
    rows = table(choose_tab(at, "effectiveness"), "Current low (%)").set_index("Technique")
    assert rows.loc["Alignment Auditing Agents", "Superhuman"] == "Unknown"
    assert rows["Superhuman low (%)"].isna().sum() == 1
    assert any("could be anywhere, not that it is zero" in c.value for c in at.caption)


def test_sidebar_filter_narrows_the_rows(at):
    at.sidebar.multiselect(key="tech").set_value(["ai-debate", "weak-to-strong", "rlhf"])
    at.run(timeout=60)
    fig = spec(at, "effectiveness-chart")
    assert set(trace(fig, "Current systems")["y"]) == {"AI Debate", "Weak-to-Strong Generalization"}
    assert not [t for t in fig["data"] if t.get("name", "").startswith("Unknown")]
    at.sidebar.multiselect(key="tech").set_value(["weak-to-strong"])
    at.run(timeout=60)
    over = spec(at, "oversight-chart")
    labels = {y.split("<br>")[0] for t in over["data"] for y in t["y"]}
    assert labels == {"Weak-to-strong performance recovered", "Weak-to-strong capability gap closed"}


def test_filter_with_no_estimate_says_so(at):
    at.sidebar.multiselect(key="tech").set_value(["rlhf"])
    at.run(timeout=60)
    assert not at.exception
    assert any("has an effectiveness estimate" in i.value for i in at.info)
    assert not [c for c in at.get("plotly_chart") if c.proto.id.endswith("-effectiveness-chart")]


@pytest.mark.parametrize(
    ("sort", "top"),
    [("current", "Automated Red-Teaming"), ("superhuman", "AI Debate"), ("drop", "Weak-to-Strong Generalization")],
)
def test_sort_radio_reorders_rows(at, sort, top):
    at.radio(key="sort").set_value(sort)
    at.run(timeout=60)
    fig = spec(at, "effectiveness-chart")
    assert fig["layout"]["yaxis"]["categoryarray"][-1] == top  # the last category is drawn on top
    assert table(choose_tab(at, "effectiveness"), "Current low (%)").iloc[0]["Technique"] == top


def test_chart_block_pieces(at):
    sub = [s.value for s in [*at.header, *at.subheader]]
    assert any("largest drop is Weak-to-Strong Generalization" in s for s in sub)
    caps = [c.value for c in at.caption]
    assert any(c.startswith("Sources: AI") and "(2026)" in c for c in caps)
    assert any(c.startswith("Text alternative") and "Alignment Auditing Agents 10–42% now" in c for c in caps)
    cfg = config(at, "effectiveness-chart")
    assert cfg["displaylogo"] is False
    assert cfg["toImageButtonOptions"]["format"] == "png" and cfg["toImageButtonOptions"]["filename"] == "effectiveness"
    chart = next(c for c in at.get("plotly_chart") if c.proto.id.endswith("-effectiveness-chart"))
    assert "Range chart of 5 techniques" in chart.proto.alt
    sources = table(choose_tab(at, "effectiveness", "Sources"), "title", "credibility")
    assert list(sources["title"]) == ["AI-Assisted Alignment"]


def test_oversight_chart_keeps_each_source(at):
    fig = spec(at, "oversight-chart")
    texts = [s for t in fig["data"] if t["type"] == "scatter" for s in t["text"]]
    assert any("≈52%" in s for s in texts)
    assert any("59.4%" in s for s in texts) and any("88.9%" in s for s in texts)
    assert any("80–90%" in s and "sources differ" in s for s in texts)
    assert any("70–90%" in s and "sources differ" in s for s in texts)
    rows = table(choose_tab(at, "oversight"), "Sources disagree")
    # The two weak-to-strong figures (80–90% and 70–90%); the MNIST judge figures are their own
    # quantities since the data re-audit, not a disagreement with the factual-question judges.
    assert rows["Sources disagree"].sum() >= 2
    assert rows["Source credibility"].str.contains("★|unrated").all()

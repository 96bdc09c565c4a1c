"""Overview page on the shipped pack: headline figures with sources, tables, the flow, current uses."""

from __future__ import annotations

import pytest
from figdata import choose_tab, open_page, open_panel, spec, table
from streamlit.testing.v1 import AppTest


@pytest.fixture(autouse=True)
def _shipped(monkeypatch):
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)


@pytest.fixture
def at(monkeypatch) -> AppTest:
    return open_page(monkeypatch)


def _plain(text: str) -> str:
    return text.replace("\\", "")


def test_headline_metrics_with_their_sources(at):
    metrics = {m.label: (m.value, m.proto.delta) for m in at.metric}
    assert metrics["Jailbreak success with Constitutional Classifiers"] == ("4.4%", "from 86%")
    assert metrics["Capability recovered by weak-to-strong training"][0] == "80–90%"
    assert metrics["Features extracted from Claude 3 Sonnet"][0] == "10 million"
    assert metrics["Effectiveness today vs on superhuman AI: Weak-to-Strong Generalization"] == (
        "80–90%",
        "superhuman: 30–60% (est.)",
    )
    assert metrics["Alignment and safety investment, 2025"][0].startswith("≈$8.9 billion")
    assert metrics["Researchers working on AI-assisted alignment"][0] == "50–150 FTE"
    captions = [_plain(c.value) for c in at.caption]
    # Each card's source with its credibility (and "no link" where the pack has none).
    assert "Source: Constitutional Classifiers: Defending against Universal Jailbreaks (2025) ★★★★☆" in captions
    assert "Source: Scaling Monosemanticity (2024) ★★★★☆" in captions
    helps = {m.label: m.help for m in at.metric}
    assert any(h and "unrated, no link · est." in h for h in helps.values()), helps


def test_disagreements_are_shown_beside_the_figure(at):
    captions = [_plain(c.value) for c in at.caption]
    assert any("Disagreement: AI Alignment gives 16 million" in c for c in captions)
    assert any("Disagreement: AI Alignment gives 70–90%" in c for c in captions)
    heads = table(open_panel(at, "headlines-box"), "Figure", "Other sources say")
    assert heads["Other sources say"].str.contains("16 million").any()


def test_assessment_tables(at, shipped):
    qa = table(at, "Dimension", "Assessment", "Evidence")
    assert list(qa["Dimension"]) == [
        r.dimension for r in next(a for a in shipped.assessments if a.id == "qa-ai-assisted").rows
    ]
    assert qa.loc[qa["Dimension"] == "Tractability", "Figures and sources"].iloc[0].startswith("86%")
    summary = next(a for a in shipped.assessments if a.id == "evaluation-summary")
    assert any(_plain(s.value) == summary.title for s in at.subheader)


def test_flow_is_drawn_from_the_data(at, shipped):
    fig = spec(at, "flow-chart")
    labels = [x for t in fig["data"] for x in t["text"]]
    assert labels == [
        n.label for s in ("current", "tasks", "future") for n in shipped.outlook.flow_nodes if n.stage == s
    ]
    arrows = [a for a in fig["layout"]["annotations"] if a.get("showarrow")]
    assert len(arrows) == len(shipped.outlook.flow_edges)
    flows = table(choose_tab(at, "flow"), "From", "To")
    assert len(flows) == len(shipped.outlook.flow_edges)


def test_current_uses_follow_the_filter(at):
    uses = table(at, "Application", "Status")
    assert "Red-teaming" in set(uses["Application"])
    at.sidebar.multiselect(key="tech").set_value(["ai-debate"])
    at.run(timeout=60)
    uses = table(at, "Application", "Status")
    assert "Red-teaming" not in set(uses["Application"]) and "Code review" in set(uses["Application"])

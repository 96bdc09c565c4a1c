"""Overview frames on the minimal pack: headline figures with sources and disagreements, tables, flow, uses.

That every headline the Overview names is in the shipped pack is a data test (tests/data).
"""

from __future__ import annotations

import dataclasses

import pytest

from dashboard.pack import models as m
from dashboard.views.frames import overview as F

ACCURACY = F.HeadlineSpec("accuracy", "Judge accuracy", "debate-accuracy")
WIN_RATE = F.HeadlineSpec("win", "Win rate", "rlhf-winrate", before="debate-accuracy")
SPEND = F.HeadlineSpec("spend", "Spending", "safety-spend", versus="rlhf-winrate", versus_label="vs")


@pytest.fixture(scope="module")
def disputed(mini):
    """The minimal pack with a second source giving 60% for the debate-accuracy quantity."""
    other = mini.claim_by_id["debate-accuracy"].model_copy(
        update={"id": "debate-accuracy-gov", "figure": m.Figure(value=60, unit="percent"), "references": ["ref-gov"]}
    )
    return dataclasses.replace(mini, claims=[*mini.claims, other])


def test_headline_figures_come_from_the_claims(mini):
    assert F.headline(mini, ACCURACY).value == "76%"
    assert (F.headline(mini, WIN_RATE).value, F.headline(mini, WIN_RATE).delta) == (">85%", "from 76%")
    spend = F.headline(mini, SPEND)
    assert (spend.value, spend.delta) == ("≈$8–10 billion (est.)", "vs: >85%")
    assert spend.claims == ["safety-spend", "rlhf-winrate"]


def test_each_headline_names_its_references_with_trust(mini):
    assert F.headline(mini, ACCURACY).caption == "Source: A paper on debate (2023) ★★★★☆"
    spend = F.headline(mini, SPEND)
    assert spend.caption == "Sources: A government report (2024) ★★★★★; Source wiki page (2025) unrated, no link"
    assert spend.references == ["ref-gov", "ref-wiki"]
    assert spend.help.endswith(" · est.")


def test_disagreements_stay_visible(disputed):
    h = F.headline(disputed, ACCURACY)
    assert h.value == "76%" and len(h.disagreements) == 1 and "60%" in h.disagreements[0]
    assert F.headline(disputed, SPEND).disagreements == []
    table = F.headlines_table([h, F.headline(disputed, SPEND)])
    assert table.loc[table["Figure"] == "Judge accuracy", "Other sources say"].iloc[0].count("60%") == 1


def test_missing_claim_drops_the_headline(mini):
    assert F.headline(mini, F.HeadlineSpec("x", "X", "no-such-claim")) is None


def test_assessment_table_with_figures(mini):
    table = F.assessment_table(mini, "quick")
    assert table.to_dict("records") == [
        {
            "Dimension": "Tractability",
            "Rating": "Medium",
            "Grade": "B",
            "Evidence": "Debate results are promising.",
            "Figures and sources": "76% (A paper on debate (2023))",
        },
        {
            "Dimension": "Funding",
            "Rating": "$8-10B sector-wide",
            "Grade": "",
            "Evidence": "",
            "Figures and sources": "≈$8–10 billion (est.) (A government report (2024))",
        },
    ]
    assert F.assessment_table(mini, "no-such") is None
    assert F.assessment_references(mini, "quick") == ["ref-wiki", "ref-paper", "ref-gov"]


def test_flow_frames_follow_the_data(mini):
    nodes, edges = F.flow_frames(mini)
    assert list(nodes["id"]) == ["today", "research-tasks", "future"]
    assert list(nodes["column"]) == [0, 1, 2]
    assert list(zip(edges["source"], edges["target"])) == [("today", "research-tasks"), ("research-tasks", "future")]
    assert F.flow_alt(nodes, edges) == (
        "Flow diagram in three columns (Today's AI helpers, Alignment tasks they do, Systems to be aligned): "
        "Today's models leads to Research tasks; Research tasks leads to Aligned future models."
    )
    assert len(F.flow_table(nodes, edges)) == 2


def test_current_uses_in_maturity_order_and_filtered(mini):
    use = mini.outlook.current_uses[0]
    research = use.model_copy(update={"application": "Code review", "status": "research", "technique": None})
    ds = dataclasses.replace(mini, outlook=mini.outlook.model_copy(update={"current_uses": [research, use]}))
    uses = F.current_uses_frame(ds)
    assert list(uses["Application"]) == ["Automated red-teaming", "Code review"]  # deployed first
    assert list(uses["Status"]) == ["Deployed", "Research"]
    # tied to rlhf: gone when only debate is chosen; tied to no technique: always shown
    assert list(F.current_uses_frame(ds, ["debate"])["Application"]) == ["Code review"]


def test_flow_chart_words(mini):
    assert F.FLOW_TAKEAWAY == "How it works: today's AI systems take on alignment tasks that help align stronger ones"
    assert F.flow_references(mini) == ["ref-wiki"]

"""Crux frames and the stance chart, on the minimal pack (plus cruxes made in tests/unit/conftest.py)."""

from __future__ import annotations

import dataclasses

import pytest

from dashboard.analysis import beliefs as b
from dashboard.views.figures import cruxes as charts
from dashboard.views.frames import cruxes as frames


@pytest.fixture(scope="module")
def kinds(two_cruxes):
    """Two credence cruxes, a technical crux about debate and a strategic question about no technique."""
    base = two_cruxes.crux_by_id["debate-works"]
    technical = base.model_copy(
        update={
            "id": "judges-scale",
            "kind": "technical",
            "title": "Do judges scale?",
            "related_techniques": ["debate"],
        }
    )
    strategic = base.model_copy(
        update={"id": "race", "kind": "strategic", "title": "Is there a race?", "related_techniques": []}
    )
    return dataclasses.replace(two_cruxes, cruxes=[*two_cruxes.cruxes, technical, strategic])


def test_evidence_rows_carry_references_with_stars_and_claims_with_figures(mini):
    ev = frames.evidence_frame(mini, "debate-works").set_index("position")
    assert set(ev.index) == {"It scales", "It fails"}
    assert (ev.loc["It scales", "stance"], ev.loc["It fails", "stance"]) == ("for", "against")
    assert ev.loc["It scales", "claim_ids"] == ["debate-accuracy"]
    assert ev.loc["It scales", "claims"] == "76% (judge accuracy on reading comprehension, 2023)"
    assert ev.loc["It scales", "references"] == "A paper on debate (2023) ★★★★☆"
    assert ev.loc["It fails", "claim_ids"] == [] and ev.loc["It fails", "references"] == ""


def test_every_ai_assisted_crux_takes_a_credence(kinds):
    assert [c.id for c in b.credence_cruxes(kinds)] == ["debate-works", "helper-aligned"]


def test_crux_references_include_the_evidence_references(mini):
    evidence_only = mini.crux_by_id["debate-works"].model_copy(update={"references": ["ref-wiki"]})
    ds = dataclasses.replace(mini, cruxes=[evidence_only])
    assert frames.crux_references(ds, "debate-works") == ["ref-wiki", "ref-paper"]


def test_other_cruxes_list_technical_and_strategic_with_techniques(kinds):
    rows = frames.other_cruxes_frame(kinds).set_index("id")
    assert list(rows.index) == ["race", "judges-scale"]  # by kind, then title
    assert list(rows["kind"]) == ["Strategic question", "Technical crux"]
    assert rows.loc["judges-scale", "related techniques"] == "AI Debate"
    assert frames.other_cruxes_frame(dataclasses.replace(kinds, cruxes=kinds.cruxes[:2])).empty


def test_other_cruxes_follow_the_technique_filter(kinds):
    # a crux naming no technique stays; one naming only techniques outside the filter goes
    assert set(frames.other_cruxes_frame(kinds, ["debate"])["id"]) == {"judges-scale", "race"}
    assert set(frames.other_cruxes_frame(kinds, ["rlhf"])["id"]) == {"race"}


def test_beliefs_frame_names_the_driving_credence(mini):
    row = frames.beliefs_frame(mini, {"debate-works": 10}).set_index("id").loc["belief-scales"]
    assert row["status"] == "rejected"
    assert row["driven by"] == 'Does debate scale? = 10 (needs high: "It scales")'
    assert frames.beliefs_frame(mini, {"debate-works": 90}).set_index("id").loc["belief-scales", "status"] == "holds"


@pytest.mark.parametrize("credence", [10, 90])
def test_stance_figure_plots_each_crux_and_the_mean(two_cruxes, credence):
    creds = {c.id: credence for c in b.credence_cruxes(two_cruxes)}
    fig = charts.stance_figure(b.stance(two_cruxes, creds), title="t")
    each, you = fig.data
    assert list(each.x) == [credence] * 2  # the high side is the optimistic one for both
    assert list(you.x) == [pytest.approx(credence)]
    texts = " ".join(a.text for a in fig.layout.annotations)
    assert "If alignment hard: Medium" in texts and "If alignment easy: High" in texts
    assert fig.layout.height >= 300
    assert fig.layout.title.text == "t"


def test_stance_table_matches_the_chart(two_cruxes):
    stance = b.stance(two_cruxes, {"debate-works": 80})
    table = frames.stance_frame(stance)
    assert table["your credence"].tolist() == [80, 50]
    assert stance.position == pytest.approx(65)


def test_stance_words_follow_the_credences(two_cruxes):
    low = b.stance(two_cruxes, {c.id: 10 for c in b.credence_cruxes(two_cruxes)})
    high = b.stance(two_cruxes, {c.id: 90 for c in b.credence_cruxes(two_cruxes)})
    mid = b.stance(two_cruxes, {})
    assert (
        frames.stance_takeaway(low)
        == 'Your credences put you at 10 of 100, nearer "alignment is hard" (rated Medium there)'
    )
    assert frames.stance_takeaway(high).endswith('nearer "alignment is easy" (rated High there)')
    assert "between the hard and easy scenarios" in frames.stance_takeaway(mid)
    assert frames.stance_ends(low)[0].startswith("If alignment hard: Medium")
    alt = frames.stance_alt(low)
    assert "You are at 10" in alt and "Is the helper aligned?: credence 10" in alt
    assert frames.stance_references(two_cruxes, low)[0] == "ref-wiki"  # the evaluation summary's reference

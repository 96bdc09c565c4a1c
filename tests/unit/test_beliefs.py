"""Crux credences -> beliefs held, verdict, favoured approaches and the hard/easy stance."""

from __future__ import annotations

import dataclasses

import pytest

from dashboard.analysis import beliefs as b
from dashboard.pack import models as m
from dashboard.views.frames import cruxes as fc


@pytest.mark.parametrize(
    ("credence", "side"),
    [
        (0, "low"),
        (39, "low"),
        (39.9, "low"),
        (40, None),
        (50, None),
        (60, None),
        (60.5, "high"),
        (61, "high"),
        (100, "high"),
    ],
)
def test_side_of_has_a_neutral_middle(credence, side):
    assert b.side_of(credence) == side


@pytest.mark.parametrize(
    ("raw", "expected"), [("70", 70), (140, 100), (-3, 0), ("x", 50), (None, 50), (float("nan"), 50), (33.6, 34)]
)
def test_clamp_credence(raw, expected):
    assert b.clamp_credence(raw) == expected


def test_combine_rules():
    assert b.combine([]) == "unlinked"
    assert b.combine(["agrees", "neutral"]) == "holds"
    assert b.combine(["opposes", "neutral"]) == "rejected"
    assert b.combine(["agrees", "opposes"]) == "split"
    assert b.combine(["neutral", "neutral"]) == "open"


def test_default_credences_are_fifty_for_each_credence_crux(two_cruxes):
    assert b.default_credences(two_cruxes) == {"debate-works": 50, "helper-aligned": 50}
    assert b.slider_key("debate-works") == "c-debate-works"


def test_high_credence_holds_good_fit_belief_and_favours_ai_assisted(mini):
    statuses = {s.belief.id: s for s in b.evaluate_beliefs(mini, {"debate-works": 90})}
    assert statuses["belief-scales"].status == "holds"
    assert statuses["belief-scales"].drivers[0].credence == 90
    assert b.verdict(list(statuses.values())).kind == "good-fit"
    assert [a.id for a in b.favoured_approaches(mini, {"debate-works": 90})] == ["ai-assisted"]


def test_low_credence_flips_the_recommendation(mini):
    statuses = b.evaluate_beliefs(mini, {"debate-works": 10})
    assert statuses[0].status == "rejected"
    assert b.verdict(statuses).kind == "open"
    assert [a.id for a in b.favoured_approaches(mini, {"debate-works": 10})] == ["human-only"]


def test_neutral_credence_decides_nothing(mini):
    assert b.favoured_approaches(mini, {"debate-works": 50}) == []
    assert b.verdict(b.evaluate_beliefs(mini, {})).kind == "open"


def test_less_relevant_belief_gives_less_relevant_verdict(two_cruxes):
    statuses = {s.belief.id: s for s in b.evaluate_beliefs(two_cruxes, {"helper-aligned": 15})}
    assert statuses["belief-dangerous"].held
    assert statuses["both"].status == "rejected"
    assert statuses["free"].status == "unlinked"
    v = b.verdict(list(statuses.values()))
    assert v.kind == "less-relevant"
    assert [s.belief.id for s in v.less_relevant_held] == ["belief-dangerous"]


def test_mixed_verdict_when_both_lists_hold(two_cruxes):
    statuses = b.evaluate_beliefs(two_cruxes, {"debate-works": 80, "helper-aligned": 20})
    held = {s.belief.id for s in statuses if s.held}
    assert held == {"belief-scales", "belief-dangerous"}
    assert {s.belief.id: s.status for s in statuses}["both"] == "split"
    assert b.verdict(statuses).kind == "mixed"


def test_stance_moves_between_hard_and_easy(two_cruxes):
    low = b.stance(two_cruxes, {"debate-works": 10, "helper-aligned": 10})
    high = b.stance(two_cruxes, {"debate-works": 90, "helper-aligned": 90})
    mid = b.stance(two_cruxes, {})
    assert low.position == pytest.approx(10)
    assert high.position == pytest.approx(90)
    assert mid.position == pytest.approx(50)
    assert (low.nearer, mid.nearer, high.nearer) == ("hard", "middle", "easy")
    assert low.hard.rating == "Medium" and low.easy.rating == "High"
    assert low.easy.note == "Accelerates solutions"


def test_optimistic_side_follows_the_beliefs(two_cruxes):
    # helper-aligned: the good-fit belief "Both must go well" needs high.
    side, why = b.optimistic_side(two_cruxes, two_cruxes.crux_by_id["helper-aligned"])
    assert side == "high" and "good fit" in why
    # With only the less-relevant belief naming it, the optimistic side is the other one.
    only_less = dataclasses.replace(
        two_cruxes,
        outlook=two_cruxes.outlook.model_copy(
            update={"beliefs": [x for x in two_cruxes.outlook.beliefs if x.id == "belief-dangerous"]}
        ),
    )
    side, why = b.optimistic_side(only_less, only_less.crux_by_id["helper-aligned"])
    assert side == "high" and "less relevant" in why
    reversed_link = dataclasses.replace(
        only_less,
        outlook=only_less.outlook.model_copy(
            update={
                "beliefs": [
                    m.Belief(
                        id="x",
                        text="Helper is aligned",
                        fit="less-relevant",
                        links=[m.BeliefLink(crux="helper-aligned", side="high")],
                        references=["ref-wiki"],
                    )
                ]
            }
        ),
    )
    assert b.optimistic_side(reversed_link, reversed_link.crux_by_id["helper-aligned"])[0] == "low"
    # A low optimistic side turns the credence round.
    assert b.stance(reversed_link, {"helper-aligned": 20, "debate-works": 50}).position == pytest.approx(65)


def test_recommendation_text_names_the_credences(mini):
    high = fc.recommendation_text(mini, {"debate-works": 90})
    low = fc.recommendation_text(mini, {"debate-works": 10})
    assert high != low
    assert "Good fit" in high and "Does debate scale? at 90" in high and "AI-assisted alignment" in high
    assert "Human-only oversight" in low and "at 10" in low


def test_beliefs_and_approaches_frames(mini):
    beliefs = fc.beliefs_frame(mini, {"debate-works": 90})
    assert beliefs.loc[0, "status"] == "holds"
    assert "Does debate scale? = 90" in beliefs.loc[0, "driven by"]
    approaches = fc.approaches_reading_frame(mini, {"debate-works": 90}).set_index("id")
    assert approaches.loc["ai-assisted", "your reading"] == "Favoured"
    assert approaches.loc["human-only", "your reading"] == "Not favoured"


# ---- the shipped pack ----------------------------------------------------------

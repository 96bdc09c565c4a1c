"""Packs made from the minimal one for the unit tests that need more records than it has."""

from __future__ import annotations

import dataclasses

import pytest

from dashboard.pack import models as m


@pytest.fixture(scope="session")
def two_cruxes(mini):
    """The minimal pack plus a second credence crux, a less-relevant belief and the hard/easy rows."""
    crux = mini.crux_by_id["debate-works"]
    second = crux.model_copy(
        update={
            "id": "helper-aligned",
            "title": "Is the helper aligned?",
            "low_position": "fails",
            "high_position": "scales",
        }
    )
    beliefs = [
        *mini.outlook.beliefs,
        m.Belief(
            id="belief-dangerous",
            text="Bootstrapping is dangerous",
            fit="less-relevant",
            links=[m.BeliefLink(crux="helper-aligned", side="low")],
            references=["ref-wiki"],
        ),
        m.Belief(
            id="both",
            text="Both must go well",
            fit="good-fit",
            links=[m.BeliefLink(crux="debate-works", side="high"), m.BeliefLink(crux="helper-aligned", side="high")],
            references=["ref-wiki"],
        ),
        m.Belief(id="free", text="A belief tied to no crux", fit="good-fit", references=["ref-wiki"]),
    ]
    summary = m.Assessment(
        id="evaluation-summary",
        kind="evaluation-summary",
        title="Evaluation summary",
        rows=[
            m.AssessmentRow(dimension="Tractability", rating="High"),
            m.AssessmentRow(dimension="If alignment hard", rating="Medium", evidence="Bootstrapping may fail"),
            m.AssessmentRow(dimension="If alignment easy", rating="High", evidence="Accelerates solutions"),
        ],
        references=["ref-wiki"],
    )
    return dataclasses.replace(
        mini,
        cruxes=[*mini.cruxes, second],
        outlook=mini.outlook.model_copy(update={"beliefs": beliefs}),
        assessments=[a for a in mini.assessments if a.id != "evaluation-summary"] + [summary],
    )


@pytest.fixture(scope="session")
def three_estimates(mini):
    """The minimal pack (rlhf 70–90% est. now, 10–30% superhuman; debate 40–60% now, unknown superhuman)
    plus amplification: 50–70% now, 45–55% (est.) superhuman, and a second debate-accuracy figure that
    differs from the first."""
    tech = mini.technique_by_id["rlhf"].model_copy(update={"id": "amplification", "name": "Amplification"})
    est = mini.estimates[1].model_copy(
        update={
            "id": "est-amplification",
            "technique": "amplification",
            "current": m.EstimateRange(low=50, high=70),
            "superhuman": m.EstimateRange(low=45, high=55, estimate=True),
            "confidence": "high",
        }
    )
    other = mini.claim_by_id["debate-accuracy"].model_copy(
        update={"id": "debate-accuracy-other", "figure": m.Figure(low=60, high=70, unit="percent")}
    )
    return dataclasses.replace(
        mini,
        techniques=[*mini.techniques, tech],
        estimates=[*mini.estimates, est],
        claims=[*mini.claims, other],
    )

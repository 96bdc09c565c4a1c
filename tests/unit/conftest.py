"""Packs made from the minimal one for the unit tests that need more records than it has."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
import yaml

from dashboard.pack import models as m
from dashboard.pack.load import load_pack


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
            id="dangerous",
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


# The minimal pack with index editions: its letter index (safety-index) becomes the page's summary of
# the Winter 2025 edition of a series that also has a Summer 2025 edition, and its percent index
# (lab-watch) the page's summary of an October 2025 edition. The summary differs from Winter in two
# cells and from Summer in one; Lab One goes up from Summer to Winter, Lab Two stays and shares Winter's
# best grade with it; Lab Three is graded only in Winter; Lab Four has no grades and a one-off sum raised.
EDITIONS_INDICES = [
    {
        "id": "safety-winter",
        "name": "Safety Index",
        "edition": "Winter 2025 (published December 2025)",
        "publisher": "Test Institute",
        "kind": "letter",
        "domains": ["overall", "risk-assessment"],
        "domain_labels": {"overall": "Overall grade", "risk-assessment": "Risk assessment"},
        "description": "The Winter edition as published.",
        "references": ["ref-paper"],
        "series": "safety",
        "published": "2025-12",
    },
    {
        "id": "safety-summer",
        "name": "Safety Index",
        "edition": "Summer 2025 (published July 2025)",
        "publisher": "Test Institute",
        "kind": "letter",
        "domains": ["overall", "risk-assessment"],
        "domain_labels": {"overall": "Overall grade", "risk-assessment": "Risk assessment"},
        "description": "The Summer edition as published.",
        "references": ["ref-wiki"],
        "series": "safety",
        "published": "2025-07",
    },
    {
        "id": "watch-october",
        "name": "Lab Watch ratings",
        "edition": "October 2025",
        "publisher": "Test Watch",
        "kind": "percent",
        "domains": ["overall"],
        "description": "The ratings as published.",
        "references": ["ref-gov"],
        "series": "watch",
        "published": "2025-10",
    },
]
EDITIONS_GRADES = """\
safety-winter,lab-one,overall,B
safety-winter,lab-one,risk-assessment,C
safety-winter,lab-two,overall,B
safety-winter,lab-two,risk-assessment,B
safety-winter,lab-three,overall,F
safety-summer,lab-one,overall,C
safety-summer,lab-one,risk-assessment,D
safety-summer,lab-two,overall,B
safety-summer,lab-two,risk-assessment,A
"""
EDITIONS_SCORES = "watch-october,lab-one,overall,42\nwatch-october,lab-two,overall,18\n"
EDITIONS_LABS = [
    {"id": "lab-three", "name": "Lab Three", "references": ["ref-gov"]},
    {
        "id": "lab-four",
        "name": "Lab Four",
        "investment": {
            "figure": {"value": 2000000000, "unit": "usd"},
            "basis": "raised",
            "year": 2025,
            "references": ["ref-paper"],
        },
        "references": ["ref-wiki"],
    },
]


@pytest.fixture(scope="session")
def editions_pack_dir(tmp_path_factory, minimal_dir) -> Path:
    """The editions pack (see EDITIONS_INDICES) written out as files, so it is validated like any pack."""
    folder = tmp_path_factory.mktemp("editions") / "pack"
    shutil.copytree(minimal_dir, folder)
    meta = yaml.safe_load((folder / "grades.yaml").read_text(encoding="utf-8"))
    summary, percent = meta["indices"]
    summary.update(name="Test page's summary of the Safety Index", summary_of="safety-winter")
    percent.update(name="Test page's summary of Lab Watch ratings", summary_of="watch-october")
    meta["indices"] = [summary, percent, *EDITIONS_INDICES]
    (folder / "grades.yaml").write_text(yaml.safe_dump(meta, sort_keys=False), encoding="utf-8")
    labs = yaml.safe_load((folder / "labs.yaml").read_text(encoding="utf-8"))
    (folder / "labs.yaml").write_text(yaml.safe_dump([*labs, *EDITIONS_LABS], sort_keys=False), encoding="utf-8")
    with open(folder / "grades.csv", "a", encoding="utf-8") as fh:
        fh.write(EDITIONS_GRADES)
    with open(folder / "scores.csv", "a", encoding="utf-8") as fh:
        fh.write(EDITIONS_SCORES)
    return folder


@pytest.fixture(scope="session")
def editions_pack(editions_pack_dir):
    result = load_pack(editions_pack_dir)
    assert result.ok, "\n".join(str(p) for p in result.problems)
    return result.dataset

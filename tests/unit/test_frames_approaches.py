"""Approaches, scalability and outlook frames and charts, on the minimal pack."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from dashboard.pack import models as m
from dashboard.views.figures import approaches as charts
from dashboard.views.frames import approaches as frames


@pytest.fixture(scope="module")
def two_concerns(mini):
    """The minimal pack's concern (20–40%) plus an unquantified one and one at 50–70%."""
    first = mini.scalability[0]
    open_one = first.model_copy(
        update={
            "id": "extraction",
            "challenge": "Classifier extraction",
            "success_probability": None,
            "success_target": None,
            "success_status": "Under active investigation",
        }
    )
    better = first.model_copy(
        update={
            "id": "robust-scaling",
            "challenge": "Robustness",
            "success_probability": m.Figure(low=50, high=70, unit="percent"),
        }
    )
    return dataclasses.replace(mini, scalability=[first, open_one, better])


def test_comparison_lists_the_approaches(mini):
    frame = frames.comparison_frame(mini)
    assert frame["approach"].tolist() == ["AI-assisted alignment", "Human-only oversight"]
    row = frame.set_index("id").loc["ai-assisted"]
    assert (row["strengths"], row["when to prefer"], row["techniques"]) == (
        "Scales with capability",
        "When debate scales",
        "AI Debate",
    )
    assert frame.set_index("id").loc["human-only", "techniques"] == "—"


def test_comparison_follows_the_technique_filter(mini):
    # human-only names no technique: always shown; ai-assisted names debate only
    assert frames.comparison_frame(mini, ["rlhf"])["id"].tolist() == ["human-only"]
    assert frames.comparison_frame(mini, ["debate"])["id"].tolist() == ["ai-assisted", "human-only"]


def test_unquantified_scalability_stays_empty_never_zero(two_concerns):
    frame = frames.scalability_frame(two_concerns).set_index("id")
    row = frame.loc["extraction"]
    assert pd.isna(row["low"]) and pd.isna(row["high"]) and not row["quantified"]
    assert row["success probability"] == "not quantified: Under active investigation"
    assert (frame.loc["oversight-gap", "low"], frame.loc["oversight-gap", "high"]) == (20, 40)
    assert frame.loc["oversight-gap", "success probability"] == "20–40%"


def test_scalability_chart_bars_run_from_low_to_high(two_concerns):
    frame = frames.scalability_frame(two_concerns)
    fig = charts.scalability_figure(frame, title="t")
    bar = fig.data[0]
    assert len(bar.y) == 2  # the unquantified concern has no bar
    i = [y.startswith("Oversight gap<br>") for y in bar.y].index(True)
    assert "near-AGI" in bar.y[i]  # what the probability is of
    assert (bar.base[i], bar.x[i]) == (20, 20)
    notes = [a.text for a in fig.layout.annotations]
    assert any("not quantified: Under active investigation" in t for t in notes)
    assert fig.layout.xaxis.range == (0, 100)


def test_four_levels_with_undescribed_ones_flagged(mini):
    levels = frames.levels_frame(mini)
    assert levels["level"].tolist() == [1, 2, 3, 4]
    assert levels["described"].tolist() == [True, False, False, False]
    assert levels["description"].iloc[0] == "Models help with narrow tasks."
    assert levels["description"].iloc[3].startswith(frames.NOT_DESCRIBED)  # named, not described
    assert levels["name"].iloc[1] == "—"  # not in the pack at all


def test_assessment_keeps_the_texts_columns_in_order(mini):
    table = frames.assessment_frame(frames.assessment(mini, "quick"))
    assert table.columns.tolist()[:2] == ["Dimension", "Rating"]
    assert table.set_index("Dimension").loc["Tractability", "Rating"] == "Medium"


def test_expert_views_grouped_optimistic_first(mini):
    base = mini.outlook.expert_views[0]
    views = [
        base,
        base.model_copy(update={"id": "pess", "person": "Expert Two", "outlook": "pessimistic"}),
        base.model_copy(update={"id": "opt", "person": "Expert Three", "outlook": "optimistic"}),
    ]
    ds = dataclasses.replace(mini, outlook=mini.outlook.model_copy(update={"expert_views": views}))
    frame = frames.expert_views_frame(ds)
    assert frame["person"].tolist()[0] == "Expert Three"
    assert frame["group"].tolist() == sorted(frame["group"], key=frames.GROUPS.index)


def test_survey_timeline_and_events(mini):
    survey = frames.survey_frame(mini)
    assert survey[["median", "range"]].values.tolist() == [["2035", "2030-2050"]]
    phases = frames.phases_frame(mini)
    assert phases["horizon"].tolist() == ["Near-term"]
    events = frames.events_frame(mini)
    assert events["when"].tolist() == ["July 2023"]  # month precision
    fig = charts.events_figure(events, title="t")
    assert len(fig.data[0].x) == 1 and len(fig.layout.annotations) == 1


def test_oversight_sorted_by_maturity_and_filtered(mini):
    table = frames.oversight_frame(mini)
    assert table["approach"].tolist() == ["Debate"]
    assert frames.oversight_frame(mini, ["rlhf"]).empty


def test_chart_words(two_concerns, mini):
    scal = frames.scalability_frame(two_concerns)
    assert frames.scalability_takeaway(scal) == (
        "No scaling problem is given better odds than 50–70% (Robustness); Oversight gap starts as low as 20%"
    )
    assert "Classifier extraction not quantified: Under active investigation" in frames.scalability_alt(scal)
    assert frames.scalability_takeaway(scal.assign(quantified=False)).startswith("None of the scalability concerns")
    events = frames.events_frame(mini)
    assert frames.events_takeaway(events) == "1 dated events from July 2023 to July 2023"
    assert frames.events_alt(events) == "Timeline of events: July 2023: Debate paper published."

"""Approaches, scalability and outlook frames and charts, on the shipped pack."""

from __future__ import annotations

import pandas as pd

from dashboard.views.figures import approaches as charts
from dashboard.views.frames import approaches as frames


def test_comparison_lists_the_four_approaches(shipped):
    frame = frames.comparison_frame(shipped)
    assert frame["approach"].tolist()[0] == "AI-Assisted Alignment"
    assert len(frame) == len(shipped.approaches)
    human = frame.set_index("id").loc["human-only-alignment"]
    assert "Long timelines" in human["when to prefer"]


def test_comparison_follows_the_technique_filter(shipped):
    ids = set(frames.comparison_frame(shipped, ["rlhf"])["id"])
    assert "behavioral-training" in ids and "ai-assisted-alignment" not in ids
    assert "human-only-alignment" in ids  # tied to no technique: always shown


def test_unquantified_scalability_stays_empty_never_zero(shipped):
    frame = frames.scalability_frame(shipped).set_index("id")
    row = frame.loc["safety-classifier-extraction"]
    assert pd.isna(row["low"]) and pd.isna(row["high"])
    assert row["success probability"] == "not quantified: Under active investigation"
    assert (frame.loc["human-oversight", "low"], frame.loc["human-oversight", "high"]) == (40, 60)


def test_scalability_chart_bars_run_from_low_to_high(shipped):
    frame = frames.scalability_frame(shipped)
    fig = charts.scalability_figure(frame, title="t")
    bar = fig.data[0]
    q = frame[frame["quantified"]]
    assert len(bar.y) == len(q) == len(frame) - 1
    i = [y.startswith("Human Oversight<br>") for y in bar.y].index(True)
    assert "near-AGI" in bar.y[i]  # what the probability is of
    assert bar.base[i] == 40 and bar.x[i] == 20
    assert 0 not in [b for b, x in zip(bar.base, bar.x) if x == 0]
    notes = [a.text for a in fig.layout.annotations]
    assert any("not quantified: Under active investigation" in t for t in notes)
    assert fig.layout.xaxis.range == (0, 100)


def test_four_levels_with_undescribed_ones_flagged(shipped):
    levels = frames.levels_frame(shipped)
    assert levels["level"].tolist() == [1, 2, 3, 4]
    for _, row in levels.iterrows():
        if not row["described"]:
            assert row["description"].startswith(frames.NOT_DESCRIBED)
    assert levels["described"].any()


def test_capability_gap_keeps_the_texts_columns_in_order(shipped):
    gap = frames.assessment(shipped, "capability-safety-gap")
    table = frames.assessment_frame(gap)
    assert table.columns.tolist() == ["Capability Area", "Progress Rate", "Safety Coverage", "Gap Assessment"]
    assert table.set_index("Capability Area").loc["Agentic AI", "Gap Assessment"] == "Severe"


def test_expert_views_grouped_optimistic_first(shipped):
    views = frames.expert_views_frame(shipped)
    groups = views["group"].tolist()
    assert groups == sorted(groups, key=frames.GROUPS.index)
    assert {"optimistic", "pessimistic"} <= set(groups)


def test_survey_timeline_and_events(shipped):
    assert not frames.survey_frame(shipped).empty
    phases = frames.phases_frame(shipped)
    assert phases["horizon"].iloc[0].lower().startswith("near")
    events = frames.events_frame(shipped)
    assert events["date"].is_monotonic_increasing
    fig = charts.events_figure(events, title="t")
    assert len(fig.data[0].x) == len(events)
    assert len(fig.layout.annotations) == len(events)


def test_oversight_sorted_by_maturity_and_filtered(shipped):
    table = frames.oversight_frame(shipped)
    assert len(table) == len(shipped.outlook.oversight)
    narrowed = frames.oversight_frame(shipped, ["ai-control"])
    assert len(narrowed) < len(table)


def test_chart_words(shipped):
    scal = frames.scalability_frame(shipped)
    assert frames.scalability_takeaway(scal) == (
        "No scaling problem is given better odds than 50–70% (Robustness); Goal Specification starts as low as 25%"
    )
    assert "Safety Classifier Extraction not quantified: Under active investigation" in frames.scalability_alt(scal)
    none = scal.assign(quantified=False)
    assert frames.scalability_takeaway(none).startswith("None of the scalability concerns")
    events = frames.events_frame(shipped)
    assert frames.events_takeaway(events).startswith(f"{len(events)} dated events from ")
    assert frames.events_alt(events).count(";") == len(events) - 1

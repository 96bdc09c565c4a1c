"""Scalability range chart and event timeline on hand-made frames."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dashboard.views.figures import approaches as charts


def _scal():
    return pd.DataFrame(
        {
            "challenge": ["A", "B", "C"],
            "success probability": ["10–30%", "not quantified: under active investigation", "50%"],
            "low": pd.array([10, None, 50], dtype="Float64"),
            "high": pd.array([30, None, 50], dtype="Float64"),
            "of what": ["", "", ""],
            "quantified": [True, False, True],
        }
    )


def test_unquantified_row_has_words_not_a_bar():
    fig = charts.scalability_figure(_scal(), title="t")
    bar = fig.data[0]
    assert list(bar.y) == ["A", "C"]  # no "of what": the label is the challenge alone
    assert list(bar.base) == [10, 50] and list(bar.x) == [20, 0]
    (note,) = fig.layout.annotations
    assert note.y == "B" and "under active investigation" in note.text
    assert list(fig.layout.yaxis.categoryarray) == ["A", "B", "C"]
    # An empty bar keeps the row inside the axis's padding (a last row without one sat on the tick labels).
    empty = fig.data[1]
    assert list(empty.y) == ["B"] and list(empty.x) == [None] and empty.hoverinfo == "skip"
    assert fig.layout.barmode == "overlay"  # the real bars keep their place and width


def test_close_events_get_separate_lanes_far_ones_share():
    frame = pd.DataFrame(
        {
            "date": [
                dt.date(2023, 7, 5),
                dt.date(2025, 1, 1),
                dt.date(2025, 1, 15),
                dt.date(2025, 1, 20),
                dt.date(2026, 6, 1),
            ],
            "when": ["2023-07-05", "2025", "January 2025", "2025-01-20", "June 2026"],
            "event": list("abcde"),
        }
    )
    fig = charts.events_figure(frame, title="t")
    lanes = [a.ay for a in fig.layout.annotations]
    assert lanes == [1, 1, -1, 2, 1]
    assert all(a.ax == a.x for a in fig.layout.annotations)  # stems are vertical
    assert len(fig.data[0].x) == 5
    # the figure is tall enough for every lane used
    assert fig.layout.height >= 140 + 3 * charts.LANE_PX


def _lanes_all_pairs(dates, *, span_days):
    """The lane rule checked against every event placed before (the reference for event_lanes)."""
    half = span_days * charts.LABEL_PX / charts.PLOT_PX / 2
    order = [1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6]
    placed, lanes = [], []

    def fits(d, lane, *, strict):
        for e, other in placed:
            near, covers = abs((d - e).days) < 2 * half, abs((d - e).days) < half
            if other == lane and near:
                return False
            if strict and (other > 0) == (lane > 0) and covers and abs(other) != abs(lane):
                return False
        return True

    for d in dates:
        lane = next(
            (ln for ln in order if fits(d, ln, strict=True)),
            next((ln for ln in order if fits(d, ln, strict=False)), order[-1]),
        )
        placed.append((d, lane))
        lanes.append(lane)
    return lanes


def test_event_lanes_follow_the_all_pairs_rule_in_and_out_of_date_order():
    import random

    rng = random.Random(7)
    start = pd.Timestamp("2020-01-01")
    for trial in range(40):
        dates = [start + pd.Timedelta(hours=rng.randint(0, 24 * 3000)) for _ in range(rng.randint(0, 80))]
        if trial % 2:
            dates.sort()
        span = rng.choice([200, 1500, 4000])
        assert charts.event_lanes(dates, span_days=span) == _lanes_all_pairs(dates, span_days=span)

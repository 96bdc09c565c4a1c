"""The disagreement chart on a hand-made frame: dots for single figures, bars for ranges."""

from __future__ import annotations

import pandas as pd

from dashboard.charts import sources as charts


def _frame():
    return pd.DataFrame(
        {
            "quantity": ["q", "q", "r", "r"],
            "measures": ["features", "features", "recovery", "recovery"],
            "figure": ["10 million", "16 million", "80–90%", "70–90%"],
            "unit": ["count", "count", "percent", "percent"],
            "low": pd.array([1e7, 1.6e7, 80, 70], dtype="Float64"),
            "high": pd.array([1e7, 1.6e7, 90, 90], dtype="Float64"),
            "stated in": ["Page A", "Page B", "Page A", "Page A"],
            "references": ["X", "Y", "Z", "Z"],
            "year": pd.array([2024, 2024, None, None], dtype="Int64"),
            "claim": ["a", "b", "c", "d"],
        }
    )


def test_each_claim_is_one_trace_in_its_panel():
    fig = charts.disagreements_figure(_frame(), title="t")
    assert len(fig.data) == 4
    assert [list(t.x) for t in fig.data] == [[1e7], [1.6e7], [80, 90], [70, 90]]
    assert fig.data[0].xaxis == "x" and fig.data[2].xaxis == "x2"


def test_same_text_twice_gets_distinct_rows():
    fig = charts.disagreements_figure(_frame(), title="t")
    assert fig.data[2].y[0] != fig.data[3].y[0]
    assert fig.data[3].y[0].endswith("(2)")

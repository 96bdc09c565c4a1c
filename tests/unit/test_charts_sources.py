"""The disagreement chart on a hand-made frame: dots for single figures, bars for ranges."""

from __future__ import annotations

import pandas as pd

from dashboard.views.figures import sources as charts


def _frame():
    return pd.DataFrame(
        {
            "quantity": ["q", "q", "r", "r"],
            "measures": ["features", "features", "recovery", "recovery"],
            "figure": ["10 million", "16 million", "80–90%", "70–90%"],
            "unit": ["count", "count", "percent", "percent"],
            "low": pd.array([1e7, 1.6e7, 80, 70], dtype="Float64"),
            "high": pd.array([1e7, 1.6e7, 90, 90], dtype="Float64"),
            "stated in": ["Page A ★", "Page B ★", "Page A ★", "Page A ★"],
            "source": ["Page A", "Page B", "Page A", "Page A"],
            "references": ["X", "Y", "Z", "Z"],
            "year": pd.array([2024, 2024, None, None], dtype="Int64"),
            "claim": ["a", "b", "c", "d"],
        }
    )


def test_dots_for_figures_bars_for_ranges():
    fig = charts.disagreement_figure(_frame()[lambda f: f["quantity"] == "r"], title="t")
    assert [list(t.x) for t in fig.data] == [[80, 90], [70, 90]]
    features = charts.disagreement_figure(_frame()[lambda f: f["quantity"] == "q"], title="t")
    assert [list(t.x) for t in features.data] == [[1e7], [1.6e7]]
    assert features.layout.xaxis.range[0] >= 0  # counts get no negative axis


def test_same_text_twice_gets_distinct_rows():
    fig = charts.disagreement_figure(_frame()[lambda f: f["quantity"] == "r"], title="t")
    assert fig.data[0].y[0] != fig.data[1].y[0]
    assert fig.data[1].y[0].endswith("(2)")


def test_unknown_figure_gets_words_not_a_zero():
    frame = _frame()[lambda f: f["quantity"] == "r"].copy()
    frame.loc[frame.index[1], ["low", "high"]] = pd.NA
    fig = charts.disagreement_figure(frame, title="t")
    assert len(fig.data) == 1
    assert any(a.text == "<i>unknown</i>" for a in fig.layout.annotations)


def test_disagreement_rows_get_a_left_margin_for_their_source_names(shipped):
    """Streamlit's chart theme can drop automargin; the set margin must fit the longest source label."""
    from dashboard.views import style
    from dashboard.views.frames import sources as frames

    frame = frames.disagreements_frame(shipped)
    quantity = frame["quantity"].iloc[0]
    fig = charts.disagreement_figure(frame[frame["quantity"] == quantity], title="t")
    labels = [str(y) for t in fig.data for y in t.y]
    assert fig.layout.margin.l == style.label_margin(labels) > 100

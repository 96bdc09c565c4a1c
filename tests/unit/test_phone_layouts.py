"""Matrices and time lines on a phone (``views.phone_matrix``, ``views.phone_timeline``, through
``phone_layout.compact``): across the screen's width, a matrix with each row's name above its cells when its
columns fit and a box that says it scrolls when they do not; a time line upright, one event a row."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.views import phone_layout, phone_matrix
from dashboard.views.figures import risks as charts


def _coverage(techniques: list[str]) -> pd.DataFrame:
    rows = []
    for risk, rel, rank in (("Deceptive Alignment", "Critical", 0), ("Sycophancy", "Medium", 2)):
        for i, tech in enumerate(techniques):
            rows.append(
                {
                    "risk_id": risk.lower(),
                    "risk": risk,
                    "relevance": rel,
                    "relevance_rank": rank,
                    "technique_id": tech.lower(),
                    "technique": tech,
                    "addresses": i % 2 == 0,
                }
            )
    return pd.DataFrame(rows)


def test_a_matrix_that_fits_takes_the_width_with_row_names_above_its_cells():
    fig = charts.coverage_figure(_coverage([f"Technique {i}" for i in range(12)]), title="t")
    small = phone_layout.compact(fig)
    assert "min_width" not in small.layout.meta  # no sideways scrolling
    labels = [a for a in small.layout.annotations if a.name == phone_matrix.CATEGORY_LABEL]
    assert [a.text for a in labels] == ["Deceptive Alignment", "Sycophancy"]
    assert all(a.xref == "paper" and a.x == 0 and a.yshift > 0 for a in labels)
    assert small.layout.yaxis.showticklabels is False
    assert small.layout.margin.l == 4 and small.layout.margin.r == 4
    # The relevance column is as wide as "Critical" needs, the technique columns share the rest.
    relevance, techniques = small.layout.xaxis.domain, small.layout.xaxis2.domain
    assert relevance[0] == 0 and techniques[1] == 1
    width = phone_matrix.PHONE_PLOT_PX
    assert (relevance[1] - relevance[0]) * width >= len("Critical") * 15 * phone_matrix.CHAR_EM
    assert (techniques[1] - techniques[0]) * width / 12 >= phone_matrix.MIN_COLUMN_PX
    # The band for a row's name is the gap between the rows' cells; the data is the desktop chart's.
    assert all(t.ygap >= 20 for t in small.data)
    assert [list(r) for r in small.data[0].z] == [list(r) for r in fig.data[0].z]
    assert fig.layout.yaxis.showticklabels is not False  # the desktop figure is untouched


def test_a_matrix_too_wide_for_the_phone_scrolls_in_its_own_box():
    fig = charts.coverage_figure(_coverage([f"Technique {i}" for i in range(30)]), title="t")
    small = phone_layout.compact(fig)
    assert small.layout.meta["min_width"] > 390
    assert not [a for a in small.layout.annotations if a.name == phone_matrix.CATEGORY_LABEL]


def test_a_colour_scale_lies_under_the_plot_with_its_labels_on_screen():
    fig = go.Figure(
        go.Heatmap(
            z=[[0, 50], [100, 20]],
            x=["First index", "Second index"],
            y=["Lab one", "Lab two"],
            text=[["C+<br><span style='font-size:14px'>1st of 8</span>", "x"], ["y", "z"]],
            texttemplate="%{text}",
            textfont={"size": 18},
            colorbar={
                "title": {"text": "Percentile"},
                "tickvals": [0, 50, 100],
                "ticktext": ["bottom", "middle", "top"],
            },
        )
    )
    fig.update_layout(height=400, margin={"l": 120})
    small = phone_layout.compact(fig)
    bar = small.data[0].colorbar
    assert bar.orientation == "h" and bar.yref == "container" and bar.tickangle == 0
    assert bar.x > 0 and bar.x + bar.len == pytest.approx(1 - bar.x)  # inset: "bottom" and "top" stay inside
    assert small.layout.margin.b >= phone_matrix.COLOURBAR_PX + 14


def test_a_time_line_stands_upright_on_a_phone_one_event_a_row():
    from dashboard.views.figures import approaches

    frame = pd.DataFrame(
        {
            "date": ["2024-05-01", "2024-06-01", "2025-01-15"],
            "when": ["May 2024", "June 2024", "2025-01-15"],
            "event": ["A team is dissolved after a year of work", "Two labs evaluate each other", "A deadline"],
        }
    )
    fig = approaches.events_figure(frame, title="t")
    small = phone_layout.compact(fig)
    notes = small.layout.annotations
    assert [a.text.split("<br>")[0] for a in notes] == ["<b>May 2024</b>", "<b>June 2024</b>", "<b>2025-01-15</b>"]
    assert [a.y for a in notes] == [0, 1, 2] and all(a.showarrow is False and a.xanchor == "left" for a in notes)
    assert " ".join(notes[0].text.split("<br>")[1:]) == "A team is dissolved after a year of work"
    assert list(small.data[0].y) == [0, 1, 2] and small.layout.yaxis.range == (2.5, -0.5)
    assert small.layout.meta["compact"] is True
    assert fig.layout.annotations[0].showarrow is True  # the laptop's time line is untouched

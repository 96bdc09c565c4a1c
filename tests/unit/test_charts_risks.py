"""The coverage heatmap on a hand-made frame."""

from __future__ import annotations

import pandas as pd

from dashboard.views import style
from dashboard.views.figures import risks as charts


def _frame():
    rows = []
    for risk, rel, rank in (("Alpha", "Critical", 0), ("Beta", "Low", 3)):
        for tech, yes in (("One", risk == "Alpha"), ("Two", True)):
            rows.append(
                {
                    "risk_id": risk.lower(),
                    "risk": risk,
                    "relevance": rel,
                    "relevance_rank": rank,
                    "technique_id": tech.lower(),
                    "technique": tech,
                    "addresses": yes,
                }
            )
    return pd.DataFrame(rows)


def test_cells_and_labels():
    fig = charts.coverage_figure(_frame(), title="t")
    heat = fig.data[0]
    assert list(heat.y) == ["Alpha", "Beta"]
    assert [list(r) for r in heat.z] == [[1, 1], [0, 1]]
    assert [list(r) for r in heat.text] == [["✓", "✓"], ["", "✓"]]


def test_relevance_column_first_in_words_and_shared_colours():
    fig = charts.coverage_figure(_frame(), title="t")
    rel = fig.data[1]
    assert list(rel.x) == [charts.RELEVANCE_COLUMN]
    assert [list(r) for r in rel.text] == [["Critical"], ["Low"]]
    assert [list(r) for r in rel.z] == [[0], [3]]
    assert rel.xaxis == "x" and fig.data[0].xaxis == "x2"  # relevance panel first, then the techniques
    # rank 0 sits in the critical band of the stepped scale, rank 3 in the low band
    scale = [tuple(c) for c in rel.colorscale]
    # the palette's colours lightened, so the black words read at 7:1 or more (a slide's minimum)
    assert (0.0, style.tint(style.RELEVANCE_COLOURS["critical"], style.CELL_TINT)) in scale
    assert (1.0, style.tint(style.RELEVANCE_COLOURS["low"], style.CELL_TINT)) in scale
    for _, colour in scale:
        assert (style.luminance(colour) + 0.05) / 0.05 >= 7


def test_long_names_lose_their_parenthetical():
    assert charts.short_name("RLHF (Reinforcement Learning from Human Feedback)") == "RLHF"
    assert charts.short_name("AI Control") == "AI Control"
    assert charts.short_name("A very long technique name without brackets") == "A very long technique name…"
    assert charts.short_name("Weak-to-Strong Generalization") == "Weak-to-Strong Generalization"


def test_a_large_matrix_is_sent_without_cell_labels_and_keeps_every_cell():
    import numpy as np

    n_risks, n_techs = 150, 150  # 22,500 cells, above LARGE_MATRIX_CELLS
    assert n_risks * n_techs > charts.LARGE_MATRIX_CELLS
    rows = [
        {
            "risk_id": f"r{i}",
            "risk": f"Risk {i}",
            "relevance": "High",
            "relevance_rank": 1,
            "technique_id": f"t{j}",
            "technique": f"Technique {j}",
            "addresses": (i * 7 + j) % 5 == 0,
        }
        for i in range(n_risks)
        for j in range(n_techs)
    ]
    frame = pd.DataFrame(rows)
    fig = charts.coverage_figure(frame, title="Coverage")
    heat = fig.data[0]
    assert heat.text is None and heat.customdata is None
    z = np.asarray(heat.z)
    assert z.shape == (n_risks, n_techs)
    assert list(heat.y) == [f"Risk {i}" for i in range(n_risks)] and list(heat.x) == [
        f"Technique {j}" for j in range(n_techs)
    ]
    expected = np.array([[1 if (i * 7 + j) % 5 == 0 else 0 for j in range(n_techs)] for i in range(n_risks)])
    assert (z == expected).all()
    assert "%{x}" in heat.hovertemplate and "%{y}" in heat.hovertemplate

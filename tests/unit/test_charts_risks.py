"""The coverage heatmap on a hand-made frame."""

from __future__ import annotations

import pandas as pd

from dashboard import vocab
from dashboard.charts import risks as charts


def _frame():
    rows = []
    for risk, rel, rank in (("Alpha", "Critical", 0), ("Beta", "Low", 3)):
        for tech, yes in (("One", risk == "Alpha"), ("Two", True)):
            rows.append({"risk_id": risk.lower(), "risk": risk, "relevance": rel, "relevance_rank": rank,
                         "technique_id": tech.lower(), "technique": tech, "addresses": yes})
    return pd.DataFrame(rows)


def test_cells_and_labels():
    fig = charts.coverage_figure(_frame(), title="t")
    heat = fig.data[0]
    assert list(heat.y) == ["Alpha · Critical", "Beta · Low"]
    assert [list(r) for r in heat.z] == [[1, 1], [0, 1]]
    assert [list(r) for r in heat.text] == [["✓", "✓"], ["", "✓"]]


def test_relevance_marks_use_the_shared_colours():
    fig = charts.coverage_figure(_frame(), title="t")
    colours = [s.fillcolor for s in fig.layout.shapes]
    assert colours == [vocab.RELEVANCE_COLOURS["critical"], vocab.RELEVANCE_COLOURS["low"]]

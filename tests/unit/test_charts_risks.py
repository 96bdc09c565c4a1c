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
    assert (0.0, vocab.RELEVANCE_COLOURS["critical"]) in scale
    assert (1.0, vocab.RELEVANCE_COLOURS["low"]) in scale


def test_long_names_lose_their_parenthetical():
    assert charts.short_name("RLHF (Reinforcement Learning from Human Feedback)") == "RLHF"
    assert charts.short_name("AI Control") == "AI Control"
    assert charts.short_name("A very long technique name without brackets") == "A very long technique name…"
    assert charts.short_name("Weak-to-Strong Generalization") == "Weak-to-Strong Generalization"

"""Risks x techniques coverage, on the minimal pack."""

from __future__ import annotations

import pytest

from dashboard.pack import vocab
from dashboard.views.figures import risks as charts
from dashboard.views.frames import risks as frames


def test_rows_are_ordered_by_relevance(mini):
    assert frames.ordered_risks(mini) == ["deception", "misuse"]
    ranks = [vocab.RELEVANCE_ORDER.index(mini.risk_by_id[r].relevance) for r in frames.ordered_risks(mini)]
    assert ranks == sorted(ranks)
    assert frames.coverage_frame(mini)["relevance_rank"].is_monotonic_increasing


def test_a_risk_lists_the_techniques_addressing_it(mini):
    assert list(frames.risk_techniques(mini, "deception")["id"]) == ["debate"]
    table = frames.coverage_table(mini).set_index("risk")
    assert table.loc["Deceptive alignment", "AI Debate"] == "✓"
    assert table.loc["Deceptive alignment", "RLHF"] == ""
    assert table.loc["Deceptive alignment", "techniques addressing it"] == 1
    assert table.loc["Deceptive alignment", "other methods named"] == "Interpretability probes"
    assert table.loc["Misuse", "relevance"] == "Medium"


def test_coverage_uses_both_directions_of_the_link(mini):
    # debate names deception, and deception names debate; only misuse names rlhf (rlhf lists no risk)
    assert mini.technique_by_id["rlhf"].risks == []
    assert frames.coverage_pairs(mini) >= {("deception", "debate"), ("misuse", "rlhf")}


def test_technique_risks_most_relevant_first(mini):
    rows = frames.technique_risks(mini, "debate")
    assert list(rows["id"]) == ["deception"]
    assert rows["relevance"].iloc[0] == "Critical"
    assert rows["how alignment helps"].iloc[0] == "Debate can expose a deceptive answer."


def test_filter_limits_the_columns_and_the_technique_list(mini):
    long = frames.coverage_frame(mini, ["rlhf"])
    assert set(long["technique_id"]) == {"rlhf"}
    assert set(frames.risk_techniques(mini, "deception", ["rlhf", "debate"])["id"]) == {"debate"}
    assert frames.risk_techniques(mini, "deception", ["rlhf"]).empty


def test_heatmap_matches_the_frame(mini):
    long = frames.coverage_frame(mini)
    fig = charts.coverage_figure(long, title="Coverage")
    heat, relevance = fig.data
    assert list(heat.y) == ["Deceptive alignment", "Misuse"]
    assert [row[0] for row in relevance.text] == ["Critical", "Medium"]
    xs = list(heat.x)
    assert heat.z[0][xs.index("AI Debate")] == 1 and heat.text[0][xs.index("AI Debate")] == "✓"
    assert heat.z[0][xs.index("RLHF")] == 0
    assert sum(map(sum, heat.z)) == int(long["addresses"].sum()) == 2
    assert fig.layout.height >= 46 * 2


def test_coverage_words_name_the_least_covered_critical_risk(mini):
    long = frames.coverage_frame(mini)
    assert frames.coverage_takeaway(mini, long) == (
        "1 risks are rated critical; the least covered, Deceptive alignment, is addressed by 1 of the techniques shown"
    )
    narrowed = frames.coverage_frame(mini, ["rlhf"])
    assert "addressed by 0 of the techniques shown" in frames.coverage_takeaway(mini, narrowed)
    assert frames.coverage_alt(mini, long) == (
        "Matrix of 2 risks (rows, most relevant first) by 2 techniques. "
        "Deceptive alignment (Critical): 1; Misuse (Medium): 1 techniques."
    )


@pytest.mark.parametrize("pack", ["mini", "shipped"])
def test_wide_table_agrees_with_the_long_frame_cell_by_cell(request, pack):
    """A property of any pack, so it runs on the shipped one too (expected values come from the pack)."""
    ds = request.getfixturevalue(pack)
    for chosen in (None, [t.id for t in ds.techniques[:2]], []):
        long = frames.coverage_frame(ds, chosen)
        table = frames.coverage_table(ds, chosen).set_index("risk")
        assert list(table.index) == [ds.risk_by_id[r].name for r in frames.ordered_risks(ds)]
        assert list(table.columns[1:-2]) == list(dict.fromkeys(long["technique"]))
        for r in long.itertuples():
            assert table.loc[r.risk, r.technique] == ("✓" if r.addresses else "")
        per_risk = long.groupby("risk", sort=False)["addresses"].sum()
        for risk, n in per_risk.items():
            assert table.loc[risk, "techniques addressing it"] == n

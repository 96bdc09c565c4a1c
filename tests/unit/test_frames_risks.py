"""Risks x techniques coverage, on the shipped pack."""

from __future__ import annotations

from dashboard.pack import vocab
from dashboard.views.figures import risks as charts
from dashboard.views.frames import risks as frames


def test_rows_are_ordered_by_relevance(shipped):
    ranks = [vocab.RELEVANCE_ORDER.index(shipped.risk_by_id[r].relevance) for r in frames.ordered_risks(shipped)]
    assert ranks == sorted(ranks)
    assert shipped.risk_by_id[frames.ordered_risks(shipped)[0]].relevance == "critical"
    long = frames.coverage_frame(shipped)
    assert long["relevance_rank"].is_monotonic_increasing


def test_scheming_is_addressed_by_control_and_interpretability(shipped):
    techs = frames.risk_techniques(shipped, "scheming")
    assert set(techs["id"]) == {"ai-control", "mechanistic-interpretability"}
    table = frames.coverage_table(shipped).set_index("risk")
    assert table.loc["Scheming", "AI Control"] == "✓"
    assert table.loc["Scheming", "techniques addressing it"] == 2
    assert "Red-teaming" in table.loc["Scheming", "other methods named"]


def test_coverage_uses_both_directions_of_the_link(shipped):
    pairs = frames.coverage_pairs(shipped)
    for r in shipped.risks:
        for t in r.techniques:
            assert (r.id, t) in pairs
    for t in shipped.techniques:
        for r in t.risks:
            assert (r, t.id) in pairs


def test_technique_risks_most_relevant_first(shipped):
    rows = frames.technique_risks(shipped, "ai-control")
    assert {"scheming", "deceptive-alignment", "treacherous-turn"} <= set(rows["id"])
    assert rows["relevance"].iloc[0] == "Critical"


def test_filter_limits_the_columns_and_the_technique_list(shipped):
    long = frames.coverage_frame(shipped, ["ai-control", "rlhf"])
    assert set(long["technique_id"]) == {"ai-control", "rlhf"}
    assert set(frames.risk_techniques(shipped, "scheming", ["rlhf", "ai-control"])["id"]) == {"ai-control"}
    assert frames.risk_techniques(shipped, "scheming", ["rlhf"]).empty


def test_heatmap_matches_the_frame(shipped):
    long = frames.coverage_frame(shipped)
    fig = charts.coverage_figure(long, title="Coverage")
    heat, relevance = fig.data
    ys = list(heat.y)
    assert relevance.text[0][0] == "Critical" and len(ys) == len(shipped.risks)
    i = ys.index("Scheming")
    assert relevance.text[i][0] == "Critical"
    xs = list(heat.x)
    j = xs.index("AI Control")
    assert heat.z[i][j] == 1 and heat.text[i][j] == "✓"
    assert sum(map(sum, heat.z)) == int(long["addresses"].sum())
    assert fig.layout.height >= 46 * len(ys)


def test_coverage_words_name_the_least_covered_critical_risk(shipped):
    long = frames.coverage_frame(shipped)
    assert frames.coverage_takeaway(shipped, long) == (
        "3 risks are rated critical; the least covered, Scheming, is addressed by 2 of the techniques shown"
    )
    narrowed = frames.coverage_frame(shipped, ["ai-debate", "rlhf"])
    assert "addressed by 0 of the techniques shown" in frames.coverage_takeaway(shipped, narrowed)
    assert "Scheming (Critical): 2" in frames.coverage_alt(shipped, long)


def test_wide_table_agrees_with_the_long_frame_cell_by_cell(shipped):
    for chosen in (None, ["ai-control", "rlhf", "ai-debate"], []):
        long = frames.coverage_frame(shipped, chosen)
        table = frames.coverage_table(shipped, chosen).set_index("risk")
        assert list(table.index) == [shipped.risk_by_id[r].name for r in frames.ordered_risks(shipped)]
        assert list(table.columns[1:-2]) == list(dict.fromkeys(long["technique"]))
        for r in long.itertuples():
            assert table.loc[r.risk, r.technique] == ("✓" if r.addresses else "")
        per_risk = long.groupby("risk", sort=False)["addresses"].sum()
        for risk, n in per_risk.items():
            assert table.loc[risk, "techniques addressing it"] == n

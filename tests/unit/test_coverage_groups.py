"""The Risks coverage matrix of a pack too big to read cell by cell: the most relevant risks against
groups of techniques, one group's techniques on request, and the table of all rows (on the minimal
pack with many risks and techniques added, ``packs.write_many_risks_pack``)."""

from __future__ import annotations

import pytest

from dashboard.views import variants
from dashboard.views.catalogue import GROUP_KEY, TECH_KEY, VIEWS
from dashboard.views.entry import entry
from dashboard.views.figures import risks as charts
from dashboard.views.frames import risks as frames
from packs import loaded, write_many_risks_pack

COVERAGE = VIEWS[("risks", "coverage")]
TAIL = ["techniques addressing it", "techniques named", "other methods named"]


@pytest.fixture(scope="module")
def many_dir(tmp_path_factory):
    """62 risks (the minimal two, Risk 00 to Risk 59) by 47 techniques (AI Debate, RLHF, Technique 00 to 44)."""
    return write_many_risks_pack(tmp_path_factory.mktemp("many") / "pack")


@pytest.fixture(scope="module")
def many(many_dir):
    return loaded(many_dir)


@pytest.fixture(scope="module")
def one_group(tmp_path_factory):
    """60 risks by 42 techniques, 40 of them in one group (forward, robustness)."""
    return loaded(write_many_risks_pack(tmp_path_factory.mktemp("one-group") / "pack", 60, 40, classify=False))


def _addresses(ds, risk_id: str, tech_id: str) -> bool:
    """Straight from the records: the risk names the technique or the technique names the risk."""
    return tech_id in ds.risk_by_id[risk_id].techniques or risk_id in ds.technique_by_id[tech_id].risks


def _group(tech) -> tuple:
    return (tech.category, tech.principle)


def test_the_shipped_pack_and_the_minimal_one_are_not_aggregated(shipped, mini):
    for ds in (shipped, mini):
        assert not frames.too_big(ds)
        assert frames.coverage_groups(ds) == {}
        chart = COVERAGE.build(ds, {})
        assert chart is not None
        assert chart.table.equals(frames.coverage_table(ds))
        assert chart.full_table is frames.whole_coverage_table(ds)
        assert chart.full_table.equals(frames.coverage_table(ds))
        techs = list(dict.fromkeys(frames.coverage_frame(ds)["technique"]))
        assert list(chart.fig.data[0].x) == [charts.short_name(t) for t in techs]
        assert len(chart.fig.data[0].y) == len(ds.risks)
        assert not any("most relevant of" in n or "group" in n for n in chart.notes)
        # a group named in a link changes nothing while the matrix is readable
        assert COVERAGE.build(ds, {GROUP_KEY: "forward-robustness"}).table.equals(chart.table)


def test_too_many_risks_and_techniques_are_aggregated(many):
    assert len(many.risks) == 62 and len(frames.covering_techniques(many)) == 47
    assert frames.too_big(many)
    chart = COVERAGE.build(many, {})
    table = chart.table
    # rows: the 20 most relevant risks, most relevant first, then by name
    order = frames.ordered_risks(many)
    assert len(table) == frames.MAX_MATRIX_ROWS == 20
    assert table["risk"].tolist() == [many.risk_by_id[r].name for r in order[:20]]
    assert table["risk"].iloc[0] == "Deceptive alignment" and table["risk"].iloc[1] == "Risk 00"
    assert set(table["relevance"].iloc[:16]) == {"Critical"}
    assert any("Showing the 20 most relevant of 62 risks" in n for n in chart.notes)
    # columns: a group per category and principle present, in a fixed order, unclassified last
    assert table.columns.tolist() == [
        "risk",
        "relevance",
        "Forward (training) · Robustness",
        "Forward (training), no principle",
        "Backward (verification) · Robustness",
        "Backward (verification) · Controllability",
        "Backward (verification), no principle",
        "No category · Robustness",
        "Unclassified",
        *TAIL,
    ]
    assert any("Columns group the 47 techniques shown by category and principle (7 groups)" in n for n in chart.notes)
    # each cell: how many of the group's techniques address the risk, counted here from the records
    labels = {frames.group_label(frames.technique_group(t)): _group(t) for t in many.techniques}
    for rid, row in zip(order[:20], table.to_dict("records"), strict=True):
        named = [t for t in many.techniques if _addresses(many, rid, t.id)]
        for label in table.columns[2:-3]:
            assert row[label] == sum(_group(t) == labels[label] for t in named), (rid, label)
        assert row["techniques addressing it"] == len(named)
        assert row["techniques named"] == "; ".join(t.name for t in named)
    # by hand: Risk 00 names Technique 00 (forward, robustness) and 01 (backward); Technique 00 names it too
    risk00 = table.set_index("risk").loc["Risk 00"]
    assert risk00["Forward (training) · Robustness"] == 1 and risk00["Backward (verification), no principle"] == 1
    assert risk00["techniques addressing it"] == 2 and risk00["techniques named"] == "Technique 00; Technique 01"
    # the figure draws the same counts, a short label per group, the count written in its cell
    heat = chart.fig.data[0]
    assert list(heat.x) == [charts.short_name(c) for c in table.columns[2:-3]]
    assert list(heat.x)[:2] == ["Forward · Robustness", "Forward, no principle"]
    assert list(heat.y) == table["risk"].tolist()
    assert [list(r) for r in heat.z] == table.iloc[:, 2:-3].to_numpy().tolist()
    assert heat.text[1][0] == "1" and heat.text[0][0] == ""
    assert "of its 8 techniques address it" in heat.customdata[1][0]
    assert chart.alt.startswith("Matrix of 20 of 62 risks (rows, most relevant first) by 7 groups of 47 techniques.")


def test_a_group_shows_its_techniques_as_columns(many):
    assert frames.coverage_groups(many)["forward-robustness"] == "Forward (training) · Robustness"
    chart = COVERAGE.build(many, {GROUP_KEY: "forward-robustness"})
    mine = [f"Technique {i:02d}" for i in range(0, 45, 6)]  # i % 6 == 0: forward, robustness
    assert chart.table.columns.tolist() == [
        "risk",
        "relevance",
        *mine,
        "techniques addressing it",
        "other methods named",
    ]
    assert list(chart.fig.data[0].x) == mine
    assert len(chart.table) == 20
    assert chart.variant == "forward-robustness"
    assert "Columns: the techniques of one group, Forward (training) · Robustness (8)." in chart.notes
    table = chart.table.set_index("risk")
    assert table.loc["Risk 00", "Technique 00"] == "✓" and table.loc["Risk 00", "Technique 06"] == ""
    assert table.loc["Risk 12", "Technique 12"] == "✓"  # Risk 12 names Technique 12 (and 37)
    # the unclassified group: techniques with neither a category nor a principle (i % 6 == 5)
    unclassified = COVERAGE.build(many, {GROUP_KEY: frames.UNCLASSIFIED})
    assert list(unclassified.fig.data[0].x) == [f"Technique {i:02d}" for i in range(5, 45, 6)]
    # a group the pack does not have: every group, a column each
    unknown = COVERAGE.build(many, {GROUP_KEY: "no-such-group"})
    assert unknown.table.columns.tolist() == COVERAGE.build(many, {}).table.columns.tolist()


def _ranked(ds, group: list[str], bound: int) -> list[str]:
    """The group's techniques that address any of the risks shown, the most first, up to ``bound``, in pack order."""
    shown = frames.ordered_risks(ds)[: frames.MAX_MATRIX_ROWS]
    hits = {t: sum(_addresses(ds, r, t) for r in shown) for t in group}
    ranked = sorted((t for t in group if hits[t]), key=lambda t: (-hits[t], group.index(t)))[:bound]
    return [ds.technique_by_id[t].name for t in group if t in ranked]


def test_a_group_too_wide_keeps_the_techniques_addressing_the_risks_shown(one_group, monkeypatch):
    group = frames.technique_groups(one_group, frames.covering_techniques(one_group))["forward-robustness"]
    assert len(group) == 40
    # 27 of the 40 address one of the 20 risks shown: those, a column each
    chart = COVERAGE.build(one_group, {GROUP_KEY: "forward-robustness"})
    expected = _ranked(one_group, group, 30)
    assert len(expected) == 27
    assert list(chart.fig.data[0].x) == expected
    assert chart.table.columns[2:-2].tolist() == expected
    assert "the 27 of its 40 that address any of these risks" in chart.notes[1]
    # more of them than columns allowed: those addressing the most of the risks shown
    monkeypatch.setattr(frames, "MAX_MATRIX_COLUMNS", 10)
    chart = COVERAGE.build(one_group, {GROUP_KEY: "forward-robustness"})
    expected = _ranked(one_group, group, 10)
    assert len(expected) == 10
    assert list(chart.fig.data[0].x) == expected
    assert "the 10 of its 40 that address the most of these risks" in chart.notes[1]


def test_a_narrow_filter_keeps_a_column_per_technique_and_limits_the_rows(many):
    chosen = ["tech-00", "tech-01", "debate"]
    assert frames.coverage_groups(many, chosen) == {}
    chart = COVERAGE.build(many, {TECH_KEY: chosen})
    assert chart.table.columns.tolist() == [
        "risk",
        "relevance",
        "AI Debate",
        "Technique 00",
        "Technique 01",
        "techniques addressing it",
        "other methods named",
    ]
    assert len(chart.table) == 20
    # the risks no chosen technique addresses: counted, the first ten named
    note = next(n for n in chart.notes if n.startswith("No technique shown addresses"))
    uncovered = [r for r in frames.ordered_risks(many) if not any(_addresses(many, r, t) for t in chosen)]
    assert f"addresses {len(uncovered)} of the risks" in note and f"and {len(uncovered) - 10} more" in note


def test_the_table_of_all_rows_is_built_once_and_grouped_when_too_big(many_dir, many, monkeypatch):
    # small enough to write a column per technique: the whole coverage table, shared by every filter
    whole = COVERAGE.build(many, {}).full_table
    assert whole is COVERAGE.build(many, {TECH_KEY: ["tech-00"]}).full_table
    assert whole is COVERAGE.build(many, {GROUP_KEY: "forward-robustness"}).full_table
    assert whole.shape == (62, 2 + 47 + 2)
    # over WHOLE_TABLE_CELLS (a fresh pack: the table is kept per pack): every risk, a count per group
    monkeypatch.setattr(frames, "WHOLE_TABLE_CELLS", 1000)
    big = loaded(many_dir)
    chart = COVERAGE.build(big, {})
    whole = chart.full_table
    assert whole is COVERAGE.build(big, {TECH_KEY: ["tech-00", "tech-02"]}).full_table
    assert whole.shape == (62, 2 + 7 + 3)
    assert whole.columns.tolist() == [*chart.table.columns]
    assert whole["risk"].tolist() == [big.risk_by_id[r].name for r in frames.ordered_risks(big)]
    assert whole.set_index("risk").loc["Risk 59", "techniques named"] == "Technique 14; Technique 43"
    assert any(n.startswith("The table of all rows has every risk (62)") for n in chart.notes)
    assert not any("table of all rows" in n for n in COVERAGE.build(many, {}).notes)


def test_every_output_draws_the_aggregated_entry(many):
    chosen = entry(many, "risks", "coverage", {GROUP_KEY: "all"})
    assert chosen is entry(many, "risks", "coverage", {})  # "all" is the default: the same entry
    assert chosen.takeaway and chosen.sources.startswith("Sources:") and chosen.notes
    assert not chosen.fig.layout.title.text  # the takeaway is written above it by each output
    for fig in (
        chosen.screen_figure("dark", False),
        chosen.screen_figure("light", True),
        chosen.slide_figure(24),
        variants.export_figure(chosen.fig),
        variants.print_figure(chosen.fig),
    ):
        assert list(fig.data[0].x) == list(chosen.fig.data[0].x)
    drilled = entry(many, "risks", "coverage", {GROUP_KEY: "forward-robustness"})
    assert drilled.name == "risks-coverage-forward-robustness"
    assert "group=" in drilled.url("https://example.org")

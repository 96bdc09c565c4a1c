"""Labs frames on the shipped pack: the grade matrix, ordering, the second index, investment, lab detail."""

from __future__ import annotations

import csv

import pytest

from dashboard.views.frames import labs as F


@pytest.fixture(scope="module")
def letter(shipped):
    return F.letter_index(shipped)


def test_matrix_holds_every_graded_company_and_domain(shipped, letter, data_dir):
    frame = F.grade_matrix(shipped, letter)
    with open(data_dir / "grades.csv", newline="", encoding="utf-8") as fh:
        expected = {(r["lab"], r["domain"]): r["grade"] for r in csv.DictReader(fh) if r["index"] == letter.id}
    got = {(r.lab, r.domain): r.letter for r in frame.itertuples()}
    assert got == expected
    assert len(frame) == 28  # 7 companies x 4 domains
    scale = F.gpa_of(shipped)
    assert all(r.gpa == scale[r.letter] for r in frame.itertuples())


def test_companies_ordered_by_overall_grade(shipped, letter):
    frame = F.grade_matrix(shipped, letter, "grade")
    order = list(frame.drop_duplicates("lab").sort_values("order")["lab"])
    assert order[:3] == ["anthropic", "openai", "google-deepmind"]
    assert order[3:5] == ["xai", "meta"]
    assert set(order[5:]) == {"deepseek", "alibaba-cloud"}
    worst = F.grade_matrix(shipped, letter, "grade-asc")
    assert list(worst.drop_duplicates("lab").sort_values("order")["lab"])[-1] == "anthropic"
    by_name = F.grade_matrix(shipped, letter, "name")
    names = list(by_name.drop_duplicates("lab").sort_values("order")["lab_name"])
    assert names == sorted(names, key=str.lower)


def test_grade_table_is_wide_in_display_order(shipped, letter):
    table = F.grade_table(F.grade_matrix(shipped, letter), letter)
    assert list(table.columns) == [
        "Company",
        "Overall grade",
        "Existential safety",
        "Transparency",
        "Safety culture",
        "Mean GPA",
    ]
    first = table.iloc[0]
    assert (first["Company"], first["Overall grade"], first["Safety culture"]) == ("Anthropic", "C+", "B")


def test_scale_is_best_first(shipped):
    scale = F.scale_frame(shipped)
    assert scale.iloc[0].tolist() == ["A+", 4.3] and scale.iloc[-1].tolist() == ["F", 0.0]


def test_second_index_disagreement_is_found(shipped, letter):
    pct = F.percent_index(shipped)
    scores = F.scores_frame(shipped, pct)
    assert list(scores["lab"]) == ["anthropic", "openai", "meta", "google-deepmind"]
    assert list(scores["percent"]) == [35, 33, 22, 20]
    pairs = F.ordering_disagreements(scores, F.grade_matrix(shipped, letter), letter)
    assert pairs == [("Meta", "Google DeepMind")]
    assert "Meta above Google DeepMind" in F.disagreement_text(pairs, pct, letter)
    with_letters = F.scores_with_letters(scores, F.grade_matrix(shipped, letter), letter)
    assert dict(zip(with_letters["lab"], with_letters["overall_letter"]))["meta"] == "D"


def test_investment_keeps_estimates_and_sums_raised_apart(shipped):
    inv = F.investment_frame(shipped).set_index("lab")
    with_figure = {lab.id: lab.investment for lab in shipped.labs if lab.investment}
    assert set(inv.index) == set(with_figure)
    for lab_id, invest in with_figure.items():
        assert bool(inv.loc[lab_id, "estimate"]) == invest.estimate
        assert ("(est.)" in inv.loc[lab_id, "figure_text"]) == invest.estimate
    assert inv.loc["anthropic", "estimate"]  # the pack marks Anthropic's figure as an estimate
    ssi = inv.loc["safe-superintelligence"]
    assert ssi["basis"] == "raised" and ssi["value"] == 2e9
    assert "raised" in ssi["figure_text"] and "per year" not in ssi["figure_text"]
    # per-year figures come first, the one-off sum last
    assert list(F.investment_frame(shipped)["basis"])[-1] == "raised"
    table = F.investment_table(F.investment_frame(shipped))
    assert "raised (one-off)" in set(table["Basis"])


def test_lab_detail(shipped):
    results = F.lab_results(shipped, "anthropic")
    assert any(f == "4.4%" for f in results["Figure"])
    assert results["Sources"].str.contains("Constitutional Classifiers").any()
    grades = F.lab_grades(shipped, "anthropic")
    assert {"C+", "D", "B-", "B", "35%"} <= set(grades["Grade"])
    refs = F.lab_references(shipped, "anthropic")
    assert "constitutional-classifiers-paper" in refs and "wiki-ai-assisted-alignment" in refs
    assert F.lab_grades(shipped, "miri").empty


def test_chart_words(shipped, letter):
    matrix = F.grade_matrix(shipped, letter, "grade")
    assert F.grades_takeaway(matrix, letter) == (
        "AI Alignment page's summary of the FLI AI Safety Index (Winter 2025 as the page labels it): "
        "the best overall grade is C+ (Anthropic)"
    )
    assert F.grades_takeaway(matrix.iloc[0:0], letter) == (
        "AI Alignment page's summary of the FLI AI Safety Index (Winter 2025 as the page labels it)"
    )
    alt = F.grades_alt(matrix)
    assert alt.startswith(
        "Grade matrix of 7 companies by 4 domains. Anthropic: Overall grade C+, Existential safety D, "
    )

    percent = F.percent_index(shipped)
    scores = F.scores_frame(shipped, percent)
    pairs = F.ordering_disagreements(scores, matrix, letter)
    shown = F.scores_with_letters(scores, matrix, letter)
    assert F.scores_takeaway(pairs, percent) == (
        "AI Alignment page's summary of SaferAI's risk management ratings: Meta ranks above Google DeepMind, unlike the letter grades"
    )
    assert F.scores_takeaway([], percent) == (
        "AI Alignment page's summary of SaferAI's risk management ratings: the same order as the letter grades"
    )
    note = F.disagreement_text(pairs, percent, letter)
    alt = F.scores_alt(shown, percent, note)
    assert alt.startswith(
        "Bar chart of AI Alignment page's summary of SaferAI's risk management ratings scores: Anthropic 35%, OpenAI 33%, "
    )
    assert alt.endswith(note) and F.scores_alt(shown, percent, "").endswith("%.")
    table = F.scores_table(shown, letter)
    assert list(table.columns[:2]) == ["Company", "Score (%)"] and "lab" not in table.columns
    assert f"{letter.name} overall" in table.columns

    inv = F.investment_frame(shipped)
    assert F.investment_takeaway(inv) == (
        "Anthropic spends the most per year on alignment (≈$500 million (est.)); "
        "Safe Superintelligence's $2 billion raised (2025) is a one-off sum"
    )
    assert F.investment_takeaway(inv[inv["basis"] == "per-year"]).endswith("(≈$500 million (est.))")
    assert F.investment_alt(inv).startswith("Investment per lab: Anthropic ≈$500 million (est.) per year; ")
    refs = F.investment_references(inv)
    assert refs == ["wiki-ai-assisted-alignment", "ssi-funding-round"] and len(set(refs)) == len(refs)


def test_best_grade_names_a_tie_as_a_tie(shipped):
    """Where two companies share the best overall grade, the title names both (the published Winter 2025
    edition grades Anthropic and OpenAI C+), read from the grades file."""
    from dashboard.views.entry import entry

    edition = "fli-ai-safety-index-winter-2025-published"
    overall = next(i for i in shipped.grades_meta.indices if i.id == edition).domains[0]
    rows = [g for g in shipped.grades if g.index == edition and g.domain == overall]
    order = {p.letter: p.gpa for p in shipped.grades_meta.scale}
    top = max(order[g.grade] for g in rows)
    best = sorted(shipped.lab_by_id[g.lab].name for g in rows if order[g.grade] == top)
    takeaway = entry(shipped, "labs", "edition", {"edition": [edition]}).takeaway
    assert len(best) == 2
    assert "a tie: " in takeaway and all(name in takeaway for name in best)

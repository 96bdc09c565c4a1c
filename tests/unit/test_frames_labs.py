"""Labs frames (logic, on the minimal pack and the editions pack of tests/unit/conftest.py): the grade
matrix, ordering, the second index, investment, lab detail."""

from __future__ import annotations

import csv

import pytest

from dashboard.views.frames import labs as F


@pytest.fixture(scope="module")
def letter(mini):
    return F.letter_index(mini)


def test_matrix_holds_every_graded_company_and_domain(mini, letter, minimal_dir):
    frame = F.grade_matrix(mini, letter)
    with open(minimal_dir / "grades.csv", newline="", encoding="utf-8") as fh:
        expected = {(r["lab"], r["domain"]): r["grade"] for r in csv.DictReader(fh) if r["index"] == letter.id}
    got = {(r.lab, r.domain): r.letter for r in frame.itertuples()}
    assert got == expected
    assert len(frame) == len({lab for lab, _ in expected}) * len(letter.domains)  # every company x every domain
    scale = F.gpa_of(mini)
    assert all(r.gpa == scale[r.letter] for r in frame.itertuples())


def test_companies_ordered_by_overall_grade_then_mean_then_name(editions_pack):
    # Winter: Lab One and Lab Two share the best overall grade (B); Lab Two's mean GPA is higher; Lab Three F.
    winter = F.letter_index(editions_pack, "safety-winter")
    order = list(F.grade_matrix(editions_pack, winter, "grade").drop_duplicates("lab").sort_values("order")["lab"])
    assert order == ["lab-two", "lab-one", "lab-three"]
    worst = F.grade_matrix(editions_pack, winter, "grade-asc")
    assert list(worst.drop_duplicates("lab").sort_values("order")["lab"]) == ["lab-three", "lab-one", "lab-two"]
    by_name = F.grade_matrix(editions_pack, winter, "name")
    names = list(by_name.drop_duplicates("lab").sort_values("order")["lab_name"])
    assert names == ["Lab One", "Lab Three", "Lab Two"]


def test_without_an_overall_domain_the_first_domain_orders(mini, letter):
    # The minimal index grades risk assessment and governance: Lab Two's A above Lab One's B.
    assert "overall" not in letter.domains
    order = list(F.grade_matrix(mini, letter, "grade").drop_duplicates("lab").sort_values("order")["lab"])
    assert order == ["lab-two", "lab-one"]


def test_grade_table_is_wide_in_display_order(mini, letter):
    table = F.grade_table(F.grade_matrix(mini, letter), letter)
    assert list(table.columns) == ["Company", "Risk assessment", "Governance", "Mean GPA"]
    assert table.values.tolist() == [["Lab Two", "A", "F", 2.0], ["Lab One", "B", "C", 2.5]]


def test_scale_is_best_first(mini):
    scale = F.scale_frame(mini)
    assert scale.values.tolist() == [["A", 4.0], ["B", 3.0], ["C", 2.0], ["F", 0.0]]


def test_second_index_disagreement_is_found(mini, letter):
    pct = F.percent_index(mini)
    scores = F.scores_frame(mini, pct)
    assert list(scores["lab"]) == ["lab-one", "lab-two"]
    assert list(scores["percent"]) == [42, 17.5]
    pairs = F.ordering_disagreements(scores, F.grade_matrix(mini, letter), letter)
    assert pairs == [("Lab One", "Lab Two")]
    assert "Lab One above Lab Two" in F.disagreement_text(pairs, pct, letter)
    with_letters = F.scores_with_letters(scores, F.grade_matrix(mini, letter), letter)
    assert dict(zip(with_letters["lab"], with_letters["overall_letter"])) == {"lab-one": "B", "lab-two": "A"}


def test_investment_keeps_estimates_and_sums_raised_apart(editions_pack):
    inv = F.investment_frame(editions_pack).set_index("lab")
    with_figure = {lab.id: lab.investment for lab in editions_pack.labs if lab.investment}
    assert set(inv.index) == set(with_figure) == {"lab-one", "lab-four"}
    for lab_id, invest in with_figure.items():
        assert bool(inv.loc[lab_id, "estimate"]) == invest.estimate
        assert ("(est.)" in inv.loc[lab_id, "figure_text"]) == invest.estimate
    assert inv.loc["lab-one", "estimate"]  # the minimal pack marks Lab One's figure as an estimate
    raised = inv.loc["lab-four"]
    assert raised["basis"] == "raised" and raised["value"] == 2e9
    assert "raised" in raised["figure_text"] and "per year" not in raised["figure_text"]
    # per-year figures come first, the one-off sum last
    assert list(F.investment_frame(editions_pack)["basis"]) == ["per-year", "raised"]
    table = F.investment_table(F.investment_frame(editions_pack))
    assert list(table["Basis"]) == ["per year", "raised (one-off)"]


def test_lab_detail(mini, editions_pack):
    results = F.lab_results(mini, "lab-one")
    assert list(results["Figure"]) == ["76%"]
    assert results["Sources"].str.contains("A paper on debate").all()
    grades = F.lab_grades(mini, "lab-one")
    assert list(grades["Grade"]) == ["B", "C", "42%"]
    refs = F.lab_references(mini, "lab-one")
    # its own, its investment's and its result claim's references, once each
    assert refs == ["ref-wiki", "ref-gov", "ref-paper"]
    assert F.lab_grades(editions_pack, "lab-four").empty


def test_chart_words(mini, letter, editions_pack):
    matrix = F.grade_matrix(mini, letter, "grade")
    assert F.grades_takeaway(matrix, letter) == "Safety Index (Summer 2025): the best overall grade is A (Lab Two)"
    assert F.grades_takeaway(matrix.iloc[0:0], letter) == "Safety Index (Summer 2025)"
    assert F.grades_alt(matrix) == (
        "Grade matrix of 2 companies by 2 domains. "
        "Lab Two: Risk assessment A, Governance F. Lab One: Risk assessment B, Governance C."
    )

    percent = F.percent_index(mini)
    scores = F.scores_frame(mini, percent)
    pairs = F.ordering_disagreements(scores, matrix, letter)
    shown = F.scores_with_letters(scores, matrix, letter)
    assert F.scores_takeaway(pairs, percent) == "Lab Watch: Lab One ranks above Lab Two, unlike the letter grades"
    assert F.scores_takeaway([], percent) == "Lab Watch: the same order as the letter grades"
    note = F.disagreement_text(pairs, percent, letter)
    alt = F.scores_alt(shown, percent, note)
    assert alt.startswith("Bar chart of Lab Watch scores: Lab One 42%, Lab Two 17.5%. ")
    assert alt.endswith(note) and F.scores_alt(shown, percent, "").endswith("%.")
    table = F.scores_table(shown, letter)
    assert list(table.columns[:2]) == ["Company", "Score (%)"] and "lab" not in table.columns
    assert f"{letter.name} overall" in table.columns

    inv = F.investment_frame(editions_pack)
    assert F.investment_takeaway(inv) == (
        "Lab One spends the most per year on alignment ($100 million (est.) (2024)); "
        "Lab Four's $2 billion raised (2025) is a one-off sum"
    )
    assert F.investment_takeaway(inv[inv["basis"] == "per-year"]).endswith("($100 million (est.) (2024))")
    assert F.investment_alt(inv) == (
        "Investment per lab: Lab One $100 million (est.) per year (2024); Lab Four $2 billion raised (2025)."
    )
    refs = F.investment_references(inv)
    assert refs == ["ref-gov", "ref-paper"] and len(set(refs)) == len(refs)


def test_best_grade_names_a_tie_as_a_tie(editions_pack):
    """Where two companies share the best overall grade, the title names both (Winter: Lab One and Lab Two, B)."""
    from dashboard.views.entry import entry

    takeaway = entry(editions_pack, "labs", "edition", {"edition": ["safety-winter"]}).takeaway
    assert takeaway.endswith("the best overall grade is B (a tie: Lab Two and Lab One)")

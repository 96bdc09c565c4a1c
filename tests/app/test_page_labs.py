"""Labs page on the shipped pack: the grade matrix, ordering, the second index, investment, lab detail."""

from __future__ import annotations

import csv

import pytest
from figdata import choose_tab, open_page, spec, table
from streamlit.testing.v1 import AppTest


@pytest.fixture(autouse=True)
def _shipped(monkeypatch):
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)


@pytest.fixture
def at(monkeypatch) -> AppTest:
    return open_page(monkeypatch, "pages/labs.py")


def test_grade_matrix_holds_every_company_domain_letter(at, shipped, data_dir):
    fig = spec(at, "grades-chart")
    hm = fig["data"][0]
    from dashboard.views.style import GRADE_COLOURSCALE

    # blue to yellow (never red against green), pale enough for black letters on every cell
    assert hm["type"] == "heatmap" and [c for _, c in hm["colorscale"]] == [c for _, c in GRADE_COLOURSCALE]
    cells = {(lab, dom): hm["text"][i][j] for i, lab in enumerate(hm["y"]) for j, dom in enumerate(hm["x"])}
    names = {lab.id: lab.name for lab in shipped.labs}
    index = next(i for i in shipped.grades_meta.indices if i.kind == "letter")
    with open(data_dir / "grades.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["index"] == index.id:
                cell = cells[(names[row["lab"]], index.domain_labels[row["domain"]])]
                assert cell.split("<br>")[0] == row["grade"]
    assert len(cells) == 28
    # The page's summary marks the cells where the published Winter 2025 edition (the default) differs.
    marked = {k: v.split("≠ ")[1].split("<")[0] for k, v in cells.items() if "≠" in v}
    assert marked == {
        ("OpenAI", "Overall grade"): "C+",
        ("Google DeepMind", "Overall grade"): "C",
        ("xAI", "Overall grade"): "D",
        ("DeepSeek", "Overall grade"): "D",
    }
    scale = table(at, "Letter", "GPA")
    assert list(scale["Letter"]) == ["A+", "A", "A-", "B+", "B", "B-", "C+", "C", "C-", "D+", "D", "D-", "F"]


def test_sort_select_reorders_companies(at):
    assert spec(at, "grades-chart")["data"][0]["y"][0] == "Anthropic"
    at.selectbox(key="lab_sort").set_value("grade-asc")
    at.run(timeout=60)
    ys = spec(at, "grades-chart")["data"][0]["y"]
    assert ys[-1] == "Anthropic" and set(ys[:2]) == {"DeepSeek", "Alibaba Cloud"}
    at.selectbox(key="lab_sort").set_value("name")
    at.run(timeout=60)
    ys = spec(at, "grades-chart")["data"][0]["y"]
    assert ys == sorted(ys, key=str.lower)
    # The published edition above it follows the same order; its table is the first with these columns.
    published = spec(at, "edition-chart")["data"][0]["y"]
    assert published == sorted(published, key=str.lower) and "Zhipu AI (Z.ai)" in published
    assert list(table(choose_tab(at, "edition"), "Company", "Mean GPA")["Company"]) == published


def test_second_index_and_its_disagreement(at):
    bar = spec(at, "scores-chart")["data"][0]
    assert dict(zip(bar["y"], bar["x"])) == {"Anthropic": 35, "OpenAI": 33, "Meta": 22, "Google DeepMind": 20}
    assert any("Meta ranks above Google DeepMind" in s.value for s in [*at.header, *at.subheader])
    assert any("Meta above Google DeepMind" in c.value for c in at.caption)


def test_investment_with_estimates_and_the_sum_raised(at, shipped):
    fig = spec(at, "investment-chart")
    raised = next(t for t in fig["data"] if t["meta"]["basis"] == "raised")
    per_year = next(t for t in fig["data"] if t["meta"]["basis"] == "per-year")
    assert raised["y"] == ["Safe Superintelligence"] and raised["text"] == ["$2 billion raised (2025)"]
    assert raised["name"] == "Raised (one-off, not per year)"
    est = {
        lab.name
        for lab in shipped.labs
        if lab.investment and lab.investment.estimate and lab.investment.basis == "per-year"
    }
    for y, text in zip(per_year["y"], per_year["text"]):
        assert ("(est.)" in text) == (y in est)
        assert "per year" in text


def test_lab_detail_follows_the_select(at):
    at.selectbox(key="lab").set_value("anthropic")
    at.run(timeout=60)
    assert not at.exception
    facts = [md.value for md in at.markdown]
    assert "**Constitutional Classifiers**" in facts  # key technique, in full (not cut like a metric)
    assert any(v.startswith("**Production") for v in facts)
    results = table(at, "Result", "Figure")
    assert "4.4%" in set(results["Figure"]) and results["Sources"].str.contains(r"\(\d{4}\)").all()
    grades = table(at, "Index", "Domain", "Grade")
    assert {"C+", "B", "35%"} <= set(grades["Grade"])
    at.selectbox(key="lab").set_value("safe-superintelligence")
    at.run(timeout=60)
    assert any(md.value.startswith("**") and "2 billion raised" in md.value for md in at.markdown)
    assert any("No index grades this lab" in c.value for c in at.caption)


def test_page_opens_on_the_newest_edition_of_each_index(at, shipped):
    from dashboard.views.frames import indices as F

    latest = F.latest_editions(shipped)
    assert at.header[0].value == "The indices as published, newest edition of each"
    editions = at.dataframe[0].value  # the first table on the page
    assert list(editions["Edition shown"]) == [F.edition_short(e) for e in latest]
    assert list(editions["Published"]) == [F.published_text(e) for e in latest]
    # The first chart is the newest edition of the newest index, with its date in the title.
    assert at.header[1].value.replace("\\", "") == present_takeaway(shipped, latest[0])


def present_takeaway(shipped, edition) -> str:
    from dashboard.views import catalogue as present
    from dashboard.views.entry import entry

    view = entry(shipped, "labs", "latest", {present.INDEX_KEY: edition.series})
    return view.takeaway

"""Labs page on the editions pack (tests/packs.py: the minimal pack's letter index as a page's summary
of a Winter edition, a Summer edition, a percent summary, Lab Four's one-off sum raised): the grade
matrix, ordering, the second index, investment, lab detail, the newest editions."""

from __future__ import annotations

import csv

import pytest
from figdata import choose_tab, open_on, spec, table
from streamlit.testing.v1 import AppTest

from dashboard.views.frames import indices as F
from dashboard.views.frames import labs as labs_frames


@pytest.fixture
def at(monkeypatch, editions_pack_dir) -> AppTest:
    return open_on(monkeypatch, editions_pack_dir, "pages/labs.py")


def test_grade_matrix_holds_every_company_domain_letter(at, editions_pack, editions_pack_dir):
    ds = editions_pack
    fig = spec(at, "grades-chart")
    hm = fig["data"][0]
    from dashboard.views.style import GRADE_COLOURSCALE

    # blue to yellow (never red against green), pale enough for black letters on every cell
    assert hm["type"] == "heatmap" and [c for _, c in hm["colorscale"]] == [c for _, c in GRADE_COLOURSCALE]
    cells = {(lab, dom): hm["text"][i][j] for i, lab in enumerate(hm["y"]) for j, dom in enumerate(hm["x"])}
    names = {lab.id: lab.name for lab in ds.labs}
    index = labs_frames.letter_index(ds)
    with open(editions_pack_dir / "grades.csv", newline="", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["index"] == index.id]
    for row in rows:
        cell = cells[(names[row["lab"]], index.domain_labels[row["domain"]])]
        assert cell.split("<br>")[0] == row["grade"]
    assert len(cells) == len(rows)
    # The page's summary marks the cells where the edition it summarises (Winter) gives another letter.
    marked = {k: v.split("≠ ")[1].split("<")[0] for k, v in cells.items() if "≠" in v}
    assert marked == {("Lab Two", "Risk assessment"): "B", ("Lab One", "Risk assessment"): "C"}
    scale = table(at, "Letter", "GPA")
    assert list(scale["Letter"]) == [p.letter for p in sorted(ds.grades_meta.scale, key=lambda p: -p.gpa)]


def test_sort_select_reorders_companies(at):
    assert spec(at, "grades-chart")["data"][0]["y"] == ["Lab Two", "Lab One"]  # A above B in risk assessment
    at.selectbox(key="lab_sort").set_value("grade-asc")
    at.run(timeout=60)
    assert spec(at, "grades-chart")["data"][0]["y"] == ["Lab One", "Lab Two"]
    at.selectbox(key="lab_sort").set_value("name")
    at.run(timeout=60)
    assert spec(at, "grades-chart")["data"][0]["y"] == ["Lab One", "Lab Two"]
    # The published edition above it follows the same order; its table is the first with these columns.
    published = spec(at, "edition-chart")["data"][0]["y"]
    assert published == ["Lab One", "Lab Three", "Lab Two"]
    assert list(table(choose_tab(at, "edition"), "Company", "Mean GPA")["Company"]) == published


def test_second_index_and_its_disagreement(at, editions_pack):
    bar = spec(at, "scores-chart")["data"][0]
    summary = labs_frames.percent_index(editions_pack)
    expected = {editions_pack.lab_by_id[s.lab].name: s.percent for s in editions_pack.scores if s.index == summary.id}
    assert dict(zip(bar["y"], bar["x"])) == expected == {"Lab One": 42, "Lab Two": 17.5}
    assert any("Lab One ranks above Lab Two" in s.value for s in [*at.header, *at.subheader])
    assert any("Lab One above Lab Two" in c.value for c in at.caption)
    assert any("Lab Two (17.5% vs 18%)" in c.value for c in at.caption)


def test_investment_with_estimates_and_the_sum_raised(at, editions_pack):
    fig = spec(at, "investment-chart")
    raised = next(t for t in fig["data"] if t["meta"]["basis"] == "raised")
    per_year = next(t for t in fig["data"] if t["meta"]["basis"] == "per-year")
    assert raised["y"] == ["Lab Four"] and raised["text"] == ["$2 billion raised (2025)"]
    assert raised["name"] == "Raised (one-off, not per year)"
    est = {
        lab.name
        for lab in editions_pack.labs
        if lab.investment and lab.investment.estimate and lab.investment.basis == "per-year"
    }
    assert per_year["y"] == ["Lab One"] and est == {"Lab One"}
    for y, text in zip(per_year["y"], per_year["text"]):
        assert ("(est.)" in text) == (y in est)
        assert "per year" in text


def test_lab_detail_follows_the_select(at):
    at.selectbox(key="lab").set_value("lab-one")
    at.run(timeout=60)
    assert not at.exception
    facts = [md.value for md in at.markdown]
    assert "**AI Debate**" in facts  # key technique, in full (not cut like a metric)
    assert "**Research**" in facts
    results = table(at, "Result", "Figure")
    assert list(results["Figure"]) == ["76%"] and results["Sources"].str.contains(r"\(\d{4}\)").all()
    grades = table(at, "Index", "Domain", "Grade")
    assert {"B", "C", "42%"} <= set(grades["Grade"])
    at.selectbox(key="lab").set_value("lab-four")
    at.run(timeout=60)
    assert any(md.value.startswith("**") and "2 billion raised" in md.value for md in at.markdown)
    assert any("No index grades this lab" in c.value for c in at.caption)


def test_page_opens_on_the_newest_edition_of_each_index(at, editions_pack):
    latest = F.latest_editions(editions_pack)
    assert [e.id for e in latest] == ["safety-winter", "watch-october"]
    assert at.header[0].value == "The indices as published, newest edition of each"
    editions = at.dataframe[0].value  # the first table on the page
    assert list(editions["Edition shown"]) == [F.edition_short(e) for e in latest]
    assert list(editions["Published"]) == [F.published_text(e) for e in latest]
    assert list(editions["Previous edition in the pack"]) == ["Summer 2025 (July 2025)", "none"]
    # The first chart is the newest edition of the newest index, with its date in the title.
    assert at.header[1].value.replace("\\", "") == present_takeaway(editions_pack, latest[0])


def present_takeaway(ds, edition) -> str:
    from dashboard.views import catalogue as present
    from dashboard.views.entry import entry

    view = entry(ds, "labs", "latest", {present.INDEX_KEY: edition.series})
    return view.takeaway


def test_a_pack_of_many_labs_draws_the_first_companies_and_says_so(monkeypatch, tmp_path):
    """42 labs: the grade matrices, the score bars and the investment bars draw 30 companies each, with a caption
    saying which; the Table tab has every company."""
    from packs import write_many_labs_pack

    at = open_on(monkeypatch, write_many_labs_pack(tmp_path / "pack"), "pages/labs.py")
    for key in ("grades-chart", "scores-chart"):
        assert len(spec(at, key)["data"][0]["y"]) == labs_frames.MAX_CHART_COMPANIES, key
    assert sum(len(t["y"]) for t in spec(at, "investment-chart")["data"]) == labs_frames.MAX_CHART_COMPANIES
    captions = [c.value for c in at.caption]
    assert any(c.startswith("Showing the first 30 of 42 companies (overall grade, best first)") for c in captions)
    assert any(c.startswith("Showing the first 30 of 42 companies (the highest scores)") for c in captions)
    assert any(" more pairs, the reverse of the Safety Index overall grades." in c for c in captions)
    choose_tab(at, "grades")
    assert len(table(at, "Company", "Risk assessment")) == 42


def test_the_first_screen_first_and_the_rest_when_the_reader_comes_near(monkeypatch, editions_pack_dir):
    """A fresh visit draws the newest edition's grades; the parts below the first screen wait under their
    headings, each with a "Show" button (a browser presses it when the reader scrolls near), and are drawn
    once pressed, for the rest of the session."""
    from figdata import APP, charts, scroll_through

    from dashboard.app.pack import load_default
    from dashboard.views.entry import entry

    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(editions_pack_dir))
    at = AppTest.from_file(APP)
    at.run(timeout=60)
    at.switch_page("pages/labs.py")
    at.run(timeout=60)

    def drawn() -> list[str]:
        return sorted(c.proto.id.rsplit("-", 2)[-2] for c in charts(at))

    def waiting() -> list[str]:
        return sorted(b.key.removesuffix("-show") for b in at.button if b.key.endswith("-show"))

    assert drawn() == ["latest"]
    lower = ["edition", "editions", "grade-scale", "grades", "investment", "lab-tables", "scores", "standing"]
    assert waiting() == lower
    ds = load_default().dataset
    headings = [h.value.replace("\\", "") for h in at.header]
    assert entry(ds, "labs", "investment", {}).takeaway in headings  # the heading is there while it waits

    at.button(key="investment-show").click()
    at.run(timeout=60)
    assert drawn() == ["investment", "latest"]
    assert waiting() == [k for k in lower if k != "investment"]
    at.selectbox(key="lab_sort").set_value("name")  # a later run keeps it drawn
    at.run(timeout=60)
    assert "investment" in drawn()

    scroll_through(at)
    assert drawn() == sorted(["latest", "standing", "edition", "grades", "editions", "scores", "investment"])
    assert waiting() == []

"""A letter index as published in two editions beside a page's summary of one of them (logic, on the
editions pack of tests/unit/conftest.py: the minimal pack's indices become page summaries)."""

from __future__ import annotations

from dashboard.views import catalogue, talk
from dashboard.views.entry import entries, entry
from dashboard.views.frames import editions as edition_frames
from dashboard.views.frames import labs as F

WINTER = "safety-winter"
SUMMER = "safety-summer"
SUMMARY = "safety-index"


def _index(ds, index_id):
    return next(i for i in ds.grades_meta.indices if i.id == index_id)


def test_published_editions_oldest_first_and_the_summary_apart(editions_pack):
    assert [e.id for e in edition_frames.published_editions(editions_pack)] == [SUMMER, WINTER]
    assert [s.id for s in edition_frames.page_summaries(editions_pack)] == [SUMMARY]
    assert edition_frames.summary_for(editions_pack, _index(editions_pack, WINTER)).id == SUMMARY
    assert edition_frames.edition_date(_index(editions_pack, WINTER)) == (2025, 12)
    assert edition_frames.edition_date(_index(editions_pack, SUMMER)) == (2025, 7)


def test_differences_with_winter_are_exactly_the_differing_cells(editions_pack):
    summary, winter = _index(editions_pack, SUMMARY), _index(editions_pack, WINTER)
    diff = edition_frames.summary_differences(editions_pack, summary, winter)
    got = {(r.lab, r.domain): (r.summary, r.published) for r in diff.itertuples()}
    assert got == {("lab-two", "risk-assessment"): ("A", "B"), ("lab-one", "risk-assessment"): ("B", "C")}
    # Computed independently from the rows: every cell graded by both with different letters.
    published = {(g.lab, g.domain): g.grade for g in editions_pack.grades if g.index == WINTER}
    expected = {
        (g.lab, g.domain)
        for g in editions_pack.grades
        if g.index == SUMMARY and (g.lab, g.domain) in published and published[(g.lab, g.domain)] != g.grade
    }
    assert set(got) == expected
    assert edition_frames.differences_text(diff, winter) == (
        "The page's summary differs from the published Winter 2025 edition for: "
        "Lab Two risk assessment (A vs B), Lab One risk assessment (B vs C)."
    )
    notes = edition_frames.coverage_notes(editions_pack, summary, winter)
    assert notes == [
        "The page's columns Governance are not domains of the Winter 2025 edition.",
        "The Winter 2025 edition also grades Lab Three, which the page leaves out.",
    ]


def test_differences_with_summer(editions_pack):
    diff = edition_frames.summary_differences(
        editions_pack, _index(editions_pack, SUMMARY), _index(editions_pack, SUMMER)
    )
    assert {(r.lab, r.domain): (r.summary, r.published) for r in diff.itertuples()} == {
        ("lab-one", "risk-assessment"): ("B", "F"),
    }


def test_summary_heatmap_marks_the_differing_cells(editions_pack):
    view = entry(editions_pack, "labs", "grades", {})
    assert view.takeaway == "The page's summary: 2 cells differ from the published Winter 2025 edition"
    hm = view.fig.data[0]
    marked = {
        (lab, dom): hm.text[i][j] for i, lab in enumerate(hm.y) for j, dom in enumerate(hm.x) if "≠" in hm.text[i][j]
    }
    assert set(marked) == {("Lab Two", "Risk assessment"), ("Lab One", "Risk assessment")}
    assert (
        marked[("Lab Two", "Risk assessment")].startswith("A<br>") and "≠ B" in marked[("Lab Two", "Risk assessment")]
    )
    assert len(view.fig.layout.shapes) == 2
    assert "Lab One risk assessment (B vs C)" in view.alt
    # The caption names both the page and the edition's sources.
    assert {*_index(editions_pack, SUMMARY).references, *_index(editions_pack, WINTER).references} <= set(
        view.references
    )
    summer = entry(editions_pack, "labs", "grades", {"edition": SUMMER})
    assert "Summer 2025" in summer.takeaway and "Lab One risk assessment (B vs F)" in summer.alt


def test_edition_view_and_changes_are_in_the_catalogue(editions_pack):
    assert ("labs", "edition") in catalogue.VIEWS and ("labs", "editions") in catalogue.VIEWS
    names = [v.name for v in entries(editions_pack) if v.page == "labs"]
    assert f"labs-edition-{SUMMER}" in names and f"labs-edition-{WINTER}" in names and "labs-editions" in names
    latest = entry(editions_pack, "labs", "edition", {})
    assert latest.variant == WINTER and "Lab Three" in list(latest.table["Company"])
    changes = entry(editions_pack, "labs", "editions", {})
    table = changes.table.set_index("Company")
    assert list(table.columns) == ["Summer 2025", "Winter 2025", "Change"]
    assert tuple(table.loc["Lab One"]) == ("C", "B", "up")
    assert tuple(table.loc["Lab Two"]) == ("B", "B", "same")
    assert tuple(table.loc["Lab Three"]) == ("—", "F", "not graded in both")
    assert "Lab One: C → B (up)" in changes.alt
    assert changes.takeaway == "Overall grades from Summer 2025 to Winter 2025: Lab One up"
    assert talk.talk_problems(editions_pack, talk.default_talk(editions_pack)) == []
    assert catalogue.allowed_values(editions_pack, "labs", "edition")["edition"] == {SUMMER, WINTER}


def test_slope_chart_draws_each_company_across_editions(editions_pack):
    fig = entry(editions_pack, "labs", "editions", {}).fig
    lines = {t.name: list(t.meta["letters"]) for t in fig.data}
    assert lines == {"Lab One": ["C", "B"], "Lab Two": ["B", "B"], "Lab Three": ["F"]}
    labels = [a.text for a in fig.layout.annotations]
    assert "Lab One B, Lab Two B" in labels
    assert list(fig.layout.xaxis.categoryarray) == ["Summer 2025", "Winter 2025"]


def test_page_percentages_against_the_edition_they_summarise(editions_pack):
    summary = F.percent_index(editions_pack)
    assert summary.id == "lab-watch" and summary.summary_of == "watch-october"
    assert edition_frames.score_differences_text(editions_pack, summary) == (
        "The page's percentages differ from Lab Watch ratings (October 2025) for: Lab Two (17.5% vs 18%)."
    )
    assert "Lab Two (17.5% vs 18%)" in entry(editions_pack, "labs", "scores", {}).alt

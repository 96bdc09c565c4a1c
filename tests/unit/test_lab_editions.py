"""The FLI index as published beside the AI Alignment page's summary of it, on the shipped pack."""

from __future__ import annotations

from dashboard.views import catalogue, talk
from dashboard.views.entry import entries, entry
from dashboard.views.frames import editions as edition_frames
from dashboard.views.frames import labs as F

WINTER = "fli-ai-safety-index-winter-2025-published"
SUMMER = "fli-ai-safety-index-summer-2025"
SUMMARY = "wiki-summary-fli-winter-2025"


def _index(ds, index_id):
    return next(i for i in ds.grades_meta.indices if i.id == index_id)


def test_published_editions_oldest_first_and_the_summary_apart(shipped):
    assert [e.id for e in edition_frames.published_editions(shipped)] == [SUMMER, WINTER]
    assert [s.id for s in edition_frames.page_summaries(shipped)] == [SUMMARY]
    assert edition_frames.summary_for(shipped, _index(shipped, WINTER)).id == SUMMARY
    assert edition_frames.edition_date(_index(shipped, WINTER)) == (2025, 12)
    assert edition_frames.edition_date(_index(shipped, SUMMER)) == (2025, 7)


def test_differences_with_winter_are_exactly_the_differing_cells(shipped):
    summary, winter = _index(shipped, SUMMARY), _index(shipped, WINTER)
    diff = edition_frames.summary_differences(shipped, summary, winter)
    got = {(r.lab, r.domain): (r.summary, r.published) for r in diff.itertuples()}
    assert got == {
        ("openai", "overall"): ("C", "C+"),
        ("google-deepmind", "overall"): ("C-", "C"),
        ("xai", "overall"): ("D+", "D"),
        ("deepseek", "overall"): ("D-", "D"),
    }
    # Computed independently from the rows: every cell graded by both with different letters.
    published = {(g.lab, g.domain): g.grade for g in shipped.grades if g.index == WINTER}
    expected = {
        (g.lab, g.domain)
        for g in shipped.grades
        if g.index == SUMMARY and (g.lab, g.domain) in published and published[(g.lab, g.domain)] != g.grade
    }
    assert set(got) == expected
    assert edition_frames.differences_text(diff, winter) == (
        "The page's summary differs from the published Winter 2025 edition for: OpenAI overall (C vs C+), "
        "Google DeepMind overall (C- vs C), xAI overall (D+ vs D), DeepSeek overall (D- vs D)."
    )
    notes = edition_frames.coverage_notes(shipped, summary, winter)
    assert "The page's columns Transparency, Safety culture are not domains of the Winter 2025 edition." in notes
    assert "The Winter 2025 edition also grades Zhipu AI (Z.ai), which the page leaves out." in notes


def test_differences_with_summer(shipped):
    diff = edition_frames.summary_differences(shipped, _index(shipped, SUMMARY), _index(shipped, SUMMER))
    assert {(r.lab, r.domain): (r.summary, r.published) for r in diff.itertuples()} == {
        ("openai", "existential-safety"): ("D", "F"),
        ("google-deepmind", "existential-safety"): ("D", "D-"),
        ("xai", "overall"): ("D+", "D"),
        ("deepseek", "overall"): ("D-", "F"),
    }


def test_summary_heatmap_marks_the_differing_cells(shipped):
    view = entry(shipped, "labs", "grades", {})
    assert view.takeaway == "The page's summary: 4 cells differ from the published Winter 2025 edition"
    hm = view.fig.data[0]
    marked = {
        (lab, dom): hm.text[i][j] for i, lab in enumerate(hm.y) for j, dom in enumerate(hm.x) if "≠" in hm.text[i][j]
    }
    assert set(marked) == {
        ("OpenAI", "Overall grade"),
        ("Google DeepMind", "Overall grade"),
        ("xAI", "Overall grade"),
        ("DeepSeek", "Overall grade"),
    }
    assert marked[("OpenAI", "Overall grade")].startswith("C<br>") and "≠ C+" in marked[("OpenAI", "Overall grade")]
    assert len(view.fig.layout.shapes) == 4
    assert "OpenAI overall (C vs C+)" in view.alt
    # The caption names both the page and the edition's sources with their credibility.
    assert "wiki-ai-alignment" in view.references and "fli-ai-safety-index-winter-2025" in view.references
    summer = entry(shipped, "labs", "grades", {"edition": SUMMER})
    assert "Summer 2025" in summer.takeaway and "DeepSeek overall (D- vs F)" in summer.alt


def test_edition_view_and_changes_are_in_the_catalogue(shipped):
    assert ("labs", "edition") in catalogue.VIEWS and ("labs", "editions") in catalogue.VIEWS
    names = [v.name for v in entries(shipped) if v.page == "labs"]
    assert f"labs-edition-{SUMMER}" in names and f"labs-edition-{WINTER}" in names and "labs-editions" in names
    latest = entry(shipped, "labs", "edition", {})
    assert latest.variant == WINTER and "Zhipu AI (Z.ai)" in list(latest.table["Company"])
    changes = entry(shipped, "labs", "editions", {})
    table = changes.table.set_index("Company")
    assert list(table.columns) == ["Summer 2025", "Winter 2025", "Change"]
    assert tuple(table.loc["OpenAI"]) == ("C", "C+", "up")
    assert tuple(table.loc["Anthropic"]) == ("C+", "C+", "same")
    assert tuple(table.loc["Alibaba Cloud"]) == ("—", "D-", "not graded in both")
    assert "OpenAI: C → C+ (up)" in changes.alt
    assert changes.takeaway.startswith("Overall grades from Summer 2025 to Winter 2025:")
    assert talk.talk_problems(shipped, talk.default_talk(shipped)) == []
    assert catalogue.allowed_values(shipped, "labs", "edition")["edition"] == {SUMMER, WINTER}


def test_slope_chart_draws_each_company_across_editions(shipped):
    fig = entry(shipped, "labs", "editions", {}).fig
    lines = {t.name: list(t.meta["letters"]) for t in fig.data}
    assert lines["OpenAI"] == ["C", "C+"] and lines["DeepSeek"] == ["F", "D"] and lines["Alibaba Cloud"] == ["D-"]
    labels = [a.text for a in fig.layout.annotations]
    assert "Anthropic C+, OpenAI C+" in labels
    assert list(fig.layout.xaxis.categoryarray) == ["Summer 2025", "Winter 2025"]


def test_page_percentages_against_saferai_october_2025(shipped):
    summary = F.percent_index(shipped)
    assert summary.id == "wiki-summary-saferai-2025"
    assert edition_frames.score_differences_text(shipped, summary) == (
        "The page's percentages differ from SaferAI risk management ratings (October 2025) for: "
        "OpenAI (33% vs 34%), Meta (22% vs 21%)."
    )
    assert "OpenAI (33% vs 34%)" in entry(shipped, "labs", "scores", {}).alt

"""A slide's words cannot say what its chart does not show (logic, on the minimal pack)."""

from __future__ import annotations

import dataclasses

import pytest

from dashboard.pack import models as m
from dashboard.views import talk as talks
from dashboard.views.entry import entry


@pytest.fixture(scope="module")
def summarised(mini):
    """The minimal pack with its letter index turned into a page's summary of a published index."""
    letter, percent = mini.grades_meta.indices
    summary = letter.model_copy(update={"name": "The page's summary of the Lab Watch", "summary_of": percent.id})
    meta = mini.grades_meta.model_copy(update={"indices": [summary, percent]})
    return dataclasses.replace(mini, grades_meta=meta)


def _slide(**fields) -> m.Slide:
    return m.Slide(**{"id": "s", "title": "A slide", "note": "A note.", **fields})


def _messages(ds, slide: m.Slide) -> list[str]:
    view = entry(ds, slide.page, slide.view, talks.slide_params(slide))
    assert view is not None
    return [f"{field}: {message}" for field, message in talks.slide_claim_issues(ds, slide, view)]


def test_a_slide_claiming_as_published_over_a_summary_is_refused(summarised):
    slide = _slide(page="labs", view="grades", subtitle="Letter grades per company, as published")
    found = _messages(summarised, slide)
    assert "subtitle: says 'as published' but the chart shows The page's summary of the Lab Watch" in found
    # ...and a chart of a summary must say it is one.
    assert "subtitle: the chart shows a page's summary of an index: the subtitle must say so" in found


def test_the_refusal_reaches_the_talk_check_with_the_slide(summarised):
    talk = m.Talk(title="T", slides=[_slide(page="labs", view="grades", note="The grades as published.")])
    problems = talks.talk_problems(summarised, talk)
    assert "slide 1 (s): says 'as published' but the chart shows The page's summary of the Lab Watch" in problems


def test_a_summary_labelled_as_one_passes(summarised):
    slide = _slide(page="labs", view="grades", subtitle="The page's summary of the index's letter grades")
    assert _messages(summarised, slide) == []


def test_as_published_over_a_published_edition_passes(mini):
    slide = _slide(page="labs", view="grades", subtitle="Letter grades as published, Summer 2025 edition")
    assert _messages(mini, slide) == []


def test_a_year_no_source_gives_is_refused(mini):
    slide = _slide(page="labs", view="grades", note="First published in 2018.")
    assert _messages(mini, slide) == ["note: gives the year 2018, which neither the chart nor its sources give"]


def test_an_edition_or_index_the_chart_does_not_show_is_refused(mini):
    slide = _slide(page="labs", view="grades", subtitle="Winter 2025 grades", note="Lab Watch agrees.")
    assert _messages(mini, slide) == [
        "subtitle: names the Winter 2025 edition but the chart shows Summer 2025",
        "note: names 'Lab Watch' but the chart does not show that index",
    ]


def test_a_chart_slide_without_a_subtitle_shows_its_charts_takeaway(mini):
    slide = _slide(page="labs", view="grades")
    view = entry(mini, "labs", "grades", {})
    assert talks.slide_subtitle(mini, slide) == view.takeaway
    assert talks.slide_subtitle(mini, _slide(page="labs", view="grades", subtitle="Own words")) == "Own words"
    assert talks.slide_subtitle(mini, m.Slide(id="t", kind="title", title="T", note="n")) is None

"""A presenter's own talk (views.own_talk) on the minimal pack: a chart slide keeps the chart as it is
drawn (page, view, filter) with the chart's own words; reorder, remove and edit; the talk.yaml it
writes is the one the validator reads, and the pack's rules refuse markup and oversized words."""

from __future__ import annotations

import pytest

from dashboard.pack.dataset import PACK_FILES_BY_NAME
from dashboard.pack.reading import read_file
from dashboard.views import own_talk as ot
from dashboard.views.entry import entry
from dashboard.views.talk import slide_subtitle, talk_issues


def _talk(mini):
    one = entry(mini, "effectiveness", "effectiveness", {"tech": ["debate"]})
    two = entry(mini, "sources", "credibility", {})
    talk = ot.added(None, ot.chart_slide(mini, one), title="My talk")
    return ot.added(talk, ot.chart_slide(mini, two, talk), title="ignored"), one, two


def test_a_chart_slide_is_the_chart_as_drawn_with_its_own_words(mini):
    talk, one, _ = _talk(mini)
    first = talk.slides[0]
    assert (first.kind, first.page, first.view, first.params) == (
        "chart",
        "effectiveness",
        "effectiveness",
        {"tech": "debate"},
    )
    assert first.title == one.takeaway
    assert first.subtitle is not None and first.subtitle.startswith(one.subtitle)
    assert one.filter_note and one.filter_note in first.subtitle
    titles = [mini.reference_by_id[r].title for r in one.references]
    assert first.note.startswith("Sources: ") and all(t in first.note for t in titles)
    assert talk.title == "My talk" and [s.id for s in talk.slides] == ["effectiveness", "credibility"]
    assert talk_issues(mini, talk) == []
    again = ot.added(talk, ot.chart_slide(mini, one, talk), title="")
    assert again.slides[2].id == "effectiveness-2"  # ids stay unique


def test_reorder_remove_and_edit(mini):
    talk, _, _ = _talk(mini)
    talk = ot.added(talk, ot.text_slide(talk, "Why it matters", ["One", " ", "Two"], "Say why."), title="")
    assert talk.slides[2].kind == "text" and talk.slides[2].points == ["One", "Two"]
    down = ot.moved(talk, 0, +1)
    assert [s.id for s in down.slides] == ["credibility", "effectiveness", "why-it-matters"]
    assert [s.id for s in ot.moved(down, 2, -5).slides] == ["why-it-matters", "credibility", "effectiveness"]
    assert [s.id for s in ot.removed(down, 1).slides] == ["credibility", "why-it-matters"]
    edited = ot.edited(down, 1, title="Debate, estimated", subtitle="", note="Pause here.")
    slide = edited.slides[1]
    assert (slide.title, slide.subtitle, slide.note, slide.params) == (
        "Debate, estimated",
        None,
        "Pause here.",
        {"tech": "debate"},
    )
    assert slide_subtitle(mini, slide) == entry(mini, "effectiveness", "effectiveness", {"tech": ["debate"]}).takeaway
    assert ot.retitled(edited, "Another title").title == "Another title"
    with pytest.raises(ot.TalkRefused, match="at least one slide"):
        ot.removed(ot.removed(ot.removed(edited, 0), 0), 0)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("note", "See <b>this</b>", "HTML markup is not allowed in text (found '<b')"),
        ("title", "Plain & &amp; escaped", "HTML markup is not allowed in text (found '&amp;')"),
        ("note", "x" * (ot.MAX_NOTE + 1), "at most 4000 characters"),
        ("title", " ", "cannot be empty"),
        ("subtitle", "\u202eevil", "control characters are not allowed"),
    ],
)
def test_a_talks_words_follow_the_packs_rules(mini, field, value, message):
    talk, _, _ = _talk(mini)
    words = {"title": "T", "subtitle": "S", "note": "N", field: value}
    with pytest.raises(ot.TalkRefused) as err:
        ot.edited(talk, 0, **words)
    assert message in str(err.value) and field in str(err.value)


def test_a_talk_has_at_most_the_packs_number_of_slides(mini):
    talk, _, _ = _talk(mini)
    while len(talk.slides) < ot.MAX_SLIDES:
        talk = ot.added(talk, ot.text_slide(talk, "More", ["x"], "n"), title="")
    with pytest.raises(ot.TalkRefused, match=f"at most {ot.MAX_SLIDES} slides"):
        ot.added(talk, ot.text_slide(talk, "One too many", ["x"], "n"), title="")


def test_talk_yaml_round_trip_through_the_validator(mini):
    talk, _, _ = _talk(mini)
    talk = ot.added(talk, ot.text_slide(talk, "Questions", [], "Take questions."), title="")
    text = ot.to_yaml(talk)
    parsed, _, problems = read_file(PACK_FILES_BY_NAME["talk.yaml"], text.encode())  # the pack's own reader
    assert problems == [] and parsed == talk
    back, problems = ot.from_yaml(mini, text.encode())
    assert problems == [] and back == talk
    assert ot.digest(back) == ot.digest(talk) and ot.digest(ot.moved(talk, 0, 1)) != ot.digest(talk)
    shown = ot.with_talk(mini, talk)
    assert shown.talk == talk and shown.techniques is mini.techniques and ot.with_talk(mini, talk) is shown


def test_an_uploaded_talk_yaml_is_checked_against_the_pack(mini):
    bad = b"title: T\nslides:\n- id: a\n  page: effectiveness\n  params: {tech: gone}\n  title: A\n  note: <script>x</script>\n"
    talk, problems = ot.from_yaml(mini, bad)
    assert talk is None and any("HTML markup is not allowed" in p for p in problems)
    wrong_value = b"title: T\nslides:\n- id: a\n  page: effectiveness\n  params: {tech: gone}\n  title: A\n  note: n\n"
    talk, problems = ot.from_yaml(mini, wrong_value)
    assert talk is None and problems == ["talk.yaml: slide 1 (a): tech='gone' is not a value of this view"]
    talk, problems = ot.from_yaml(mini, b"x" * (ot.MAX_TALK_BYTES + 1))
    assert talk is None and "a talk is at most" in problems[0]

"""Charts of a pack with more companies, events and challenges than a chart can show legibly: each draws
the first ones (in the chart's order) and says so in its notes and text alternative, while its table keeps
every row; a pack that fits is drawn whole (on the minimal pack with rows added, ``packs.write_many_labs_pack``
and ``packs.write_long_outlook_pack``)."""

from __future__ import annotations

import pytest

from dashboard.views.catalogue import LAB_SORT_KEY, VIEWS
from dashboard.views.frames import approaches as approach_frames
from dashboard.views.frames import labs as F
from packs import loaded, write_long_outlook_pack, write_many_labs_pack

N_LABS = 42  # the minimal pack's two labs and Lab 00 to Lab 39


@pytest.fixture(scope="module")
def many_labs(tmp_path_factory):
    return loaded(write_many_labs_pack(tmp_path_factory.mktemp("many-labs") / "pack"))


@pytest.fixture(scope="module")
def long_outlook(tmp_path_factory):
    """41 events (the minimal one, Event 00 to Event 39) and 26 challenges (Oversight gap, Challenge 00 to 24)."""
    return loaded(write_long_outlook_pack(tmp_path_factory.mktemp("long-outlook") / "pack", 40, 25))


def _brute_force_pairs(scores, matrix, letter) -> list[tuple[str, str]]:
    """Every pair the percentage index orders one way and the letter grades the other, straight from the rows."""
    gpa = {r.lab: r.gpa for r in matrix[matrix["domain"] == F.overall_domain(letter)].itertuples()}
    rows = [(r.lab, r.lab_name, r.percent) for r in scores.itertuples() if r.lab in gpa]
    out = []
    for i, (a, name_a, pa) in enumerate(rows):
        for b, name_b, pb in rows[i + 1 :]:
            if pa != pb and gpa[a] != gpa[b] and (pa > pb) != (gpa[a] > gpa[b]):
                out.append((name_a, name_b) if pa > pb else (name_b, name_a))
    return out


def test_the_pairs_ordered_differently_are_counted_and_the_first_named(many_labs):
    letter, percent = F.letter_index(many_labs), F.percent_index(many_labs)
    matrix = F.grade_matrix(many_labs, letter, "grade")
    scores = F.scores_frame(many_labs, percent)
    expected = _brute_force_pairs(scores, matrix, letter)
    assert len(expected) > F.NAMED_PAIRS
    assert F.ordering_disagreements(scores, matrix, letter) == expected
    assert F.ordering_disagreements(scores, matrix, letter, limit=3) == expected[:3]
    assert F.ordering_disagreement_count(scores, matrix, letter) == len(expected)
    text = F.disagreement_text(expected[:2], percent, letter, len(expected))
    assert text == (
        f"Lab Watch puts {expected[0][0]} above {expected[0][1]}; {expected[1][0]} above {expected[1][1]} "
        f"and {len(expected) - 2:,} more pairs, the reverse of the Safety Index overall grades."
    )
    assert F.disagreement_text(expected[:1], percent, letter, 2).endswith(
        "and 1 more pair, the reverse of the Safety Index overall grades."
    )


@pytest.mark.parametrize("view", ["grades", "edition"])
@pytest.mark.parametrize("sort", ["grade", "name"])
def test_a_grade_matrix_draws_the_first_companies_in_the_order_chosen(many_labs, view, sort):
    letter = F.letter_index(many_labs)
    chart = VIEWS[("labs", view)].build(many_labs, {LAB_SORT_KEY: sort})
    assert chart is not None
    matrix = F.grade_matrix(many_labs, letter, sort)
    order = list(matrix.drop_duplicates("lab").sort_values("order")["lab_name"])
    assert len(order) == N_LABS
    assert list(chart.fig.data[0].y) == order[: F.MAX_CHART_COMPANIES]
    assert list(chart.table["Company"]) == order  # the table keeps every company
    note = (
        f"Showing the first {F.MAX_CHART_COMPANIES} of {N_LABS} companies ({F.sort_words(sort)}); "
        "the table and its CSV have every company."
    )
    assert note in chart.notes
    assert chart.alt.startswith(f"Grade matrix of {F.MAX_CHART_COMPANIES} companies by 2 domains. ")
    assert chart.alt.endswith(note)
    assert order[F.MAX_CHART_COMPANIES] not in chart.alt


def test_the_score_chart_draws_the_highest_scores_and_names_five_pairs(many_labs):
    letter, percent = F.letter_index(many_labs), F.percent_index(many_labs)
    chart = VIEWS[("labs", "scores")].build(many_labs, {})
    assert chart is not None
    scores = F.scores_frame(many_labs, percent)
    assert list(chart.fig.data[0].y) == list(scores["lab_name"][: F.MAX_CHART_COMPANIES])
    assert len(chart.table) == len(scores) == N_LABS
    pairs = _brute_force_pairs(scores, F.grade_matrix(many_labs, letter, "grade"), letter)
    named = F.disagreement_text(pairs[: F.NAMED_PAIRS], percent, letter, len(pairs))
    bars = f"Showing the first {F.MAX_CHART_COMPANIES} of {N_LABS} companies (the highest scores); "
    assert chart.notes[0] == named
    assert chart.notes[1].startswith(bars)
    assert chart.takeaway == f"Lab Watch: {pairs[0][0]} ranks above {pairs[0][1]}, unlike the letter grades"
    assert named in chart.alt and bars in chart.alt


def test_the_investment_chart_draws_the_largest_figures(many_labs):
    chart = VIEWS[("labs", "investment")].build(many_labs, {})
    assert chart is not None
    inv = F.investment_frame(many_labs)
    drawn = [name for trace in chart.fig.data for name in trace.y]
    assert drawn == list(inv["lab_name"][: F.MAX_CHART_COMPANIES])
    assert drawn[:2] == ["Lab One", "Lab 39"]  # $100 million a year, then $40 million
    assert len(chart.table) == len(inv)
    assert any(n.startswith(f"Showing the first {F.MAX_CHART_COMPANIES} of {len(inv)} companies") for n in chart.notes)


def test_the_timeline_draws_the_latest_events(long_outlook):
    events = approach_frames.events_frame(long_outlook)
    chart = VIEWS[("approaches", "events")].build(long_outlook, {})
    assert chart is not None
    latest = events.tail(approach_frames.MAX_CHART_EVENTS)
    assert [a.text.split("<br>", 1)[1] for a in chart.fig.layout.annotations] == list(latest["event"])
    assert list(latest["event"])[-2:] == ["Event 39", "Debate paper published"]  # April, July 2023
    assert len(chart.table) == len(events) == 41
    note = (
        f"Showing {approach_frames.MAX_CHART_EVENTS} of 41 events (the latest); the table and its CSV have every one."
    )
    assert chart.notes == (note,)
    assert chart.alt.endswith(note) and "Event 20" not in chart.alt and "Event 21" in chart.alt
    assert chart.takeaway.startswith("41 dated events from ")  # of every event, not only those drawn


def test_the_range_chart_draws_the_first_challenges(long_outlook):
    scal = approach_frames.scalability_frame(long_outlook)
    chart = VIEWS[("approaches", "scalability")].build(long_outlook, {})
    assert chart is not None
    first = scal.head(approach_frames.MAX_CHART_CHALLENGES)
    drawn = [y.split("<br>", 1)[0] for y in chart.fig.layout.yaxis.categoryarray]
    assert drawn == list(first["challenge"])
    assert len(chart.table) == len(scal) == 26
    unquantified = ", ".join(first.loc[~first["quantified"], "challenge"])
    assert chart.notes == (
        f"Not quantified: {unquantified}. The text gives no probability; the chart shows words, not a bar at zero.",
        f"Showing {approach_frames.MAX_CHART_CHALLENGES} of 26 challenges (the first in the pack's order); "
        "the table and its CSV have every one.",
    )
    assert "Challenge 19" not in chart.alt and "Challenge 18" in chart.alt


def test_unquantified_challenges_past_ten_are_counted(long_outlook):
    scal = approach_frames.scalability_frame(long_outlook)
    unquantified = list(scal.loc[~scal["quantified"], "challenge"])
    assert len(unquantified) == 9  # Challenge 00, 03, ... 24
    many = scal.assign(quantified=False)
    named = ", ".join(list(many["challenge"])[: approach_frames.NAMED_UNQUANTIFIED])
    assert approach_frames.unquantified_note(many) == (
        f"Not quantified: {named} and 16 more. The text gives no probability; the chart shows words, not a bar at zero."
    )


@pytest.mark.parametrize(
    ("page", "view"),
    [
        ("labs", "grades"),
        ("labs", "edition"),
        ("labs", "scores"),
        ("labs", "investment"),
        ("approaches", "events"),
        ("approaches", "scalability"),
    ],
)
def test_packs_that_fit_are_drawn_whole(shipped, mini, page, view):
    for ds in (shipped, mini):
        chart = VIEWS[(page, view)].build(ds, {})
        if chart is None:
            continue
        assert not any(n.startswith("Showing ") for n in chart.notes)
        assert "Showing " not in chart.alt and " more pair" not in chart.alt

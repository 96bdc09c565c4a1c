"""A chart asked for techniques it cannot draw says so in every output: the minimal pack plus a technique
that has no effectiveness estimate, compared with one that has."""

from __future__ import annotations

import shutil

import pytest

from dashboard.views import own_talk as ot
from dashboard.views.entry import entry
from dashboard.views.talk import talk_issues
from packs import MINIMAL_DIR, loaded

UNESTIMATED = """
- id: no-estimate
  name: Unmeasured Method
  ai_assisted: true
  summary: A method no source has estimated.
  category: backward
  principle: controllability
  maturity: research
  references:
    - ref-paper
"""


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    folder = tmp_path_factory.mktemp("left-out") / "pack"
    shutil.copytree(MINIMAL_DIR, folder)
    with open(folder / "techniques.yaml", "a", encoding="utf-8") as fh:
        fh.write(UNESTIMATED)
    ds = loaded(folder)
    assert "no-estimate" not in {e.technique for e in ds.estimates}
    return ds


def _drawn(item) -> set[str]:
    return {str(y) for trace in item.fig.data for y in (trace.y if trace.y is not None else ())}


def test_a_comparison_says_which_technique_it_cannot_draw(pack):
    item = entry(pack, "techniques", "compare-effectiveness", {"compare": ["debate", "no-estimate"]})
    assert item is not None
    assert list(item.table["Technique"]) == ["AI Debate"]
    assert "Unmeasured Method" not in _drawn(item)
    said = "Unmeasured Method is not drawn: the data has no effectiveness estimate for it."
    assert item.left_out == said and said in item.notes and said in item.filter_note


def test_the_filtered_effectiveness_chart_says_it_too_and_the_whole_chart_does_not(pack):
    item = entry(pack, "effectiveness", "effectiveness", {"tech": ["no-estimate", "rlhf"]})
    assert item is not None and list(item.table["Technique"]) == ["RLHF"]
    assert item.filter_note == (
        "Showing 2 of 3 techniques. Unmeasured Method is not drawn: the data has no effectiveness estimate for it."
    )
    whole = entry(pack, "effectiveness", "effectiveness", {})
    assert whole is not None and whole.left_out == "" and whole.filter_note == ""
    both = entry(pack, "techniques", "compare-effectiveness", {"compare": ["debate", "rlhf"]})
    assert both is not None and both.left_out == "" and both.notes == ()


def test_a_slide_of_it_says_so_and_its_words_match_its_chart(pack):
    item = entry(pack, "techniques", "compare-effectiveness", {"compare": ["debate", "no-estimate"]})
    slide = ot.chart_slide(pack, item)
    assert slide.subtitle is not None and slide.subtitle.endswith(item.left_out)
    talk = ot.added(None, slide, title="Compared")
    assert talk_issues(pack, talk) == []

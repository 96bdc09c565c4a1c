"""The report's sections for the pages' non-chart blocks: content from the same frames, escaped, in page order."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
import yaml

from dashboard.exports import report
from dashboard.exports.report_sections import in_page_order, page_sections, table_html
from dashboard.pack.load import load_pack
from htmlcells import parse_cells as _parse
from htmlcells import table_rows as _rows

DAY = dt.date(2026, 1, 2)


@pytest.fixture(scope="module")
def mini_report(mini):
    return _parse(report.report_html(mini, views=[], generated=DAY, include_talk=False))


def test_survey_rows_are_the_pages_rows(mini, mini_report):
    rows = _rows(mini_report, "approaches-survey")
    assert [(r["Question"], r["Median response"], r["Range"]) for r in rows] == [
        (s.question, s.median, s.range) for s in mini.outlook.expert_survey
    ]
    assert mini.outlook.expert_survey[0].question in mini_report.text["approaches-survey"]


def test_approaches_and_outlook_blocks_hold_the_packs_records(mini, mini_report):
    comparison = _rows(mini_report, "approaches-comparison")
    assert [r["Approach"] for r in comparison] == [a.name for a in mini.approaches]
    assert comparison[0]["Strengths"] == "; ".join(mini.approaches[0].strengths)
    views = _rows(mini_report, "approaches-expert-views")
    assert [(r["Person"], r["View"]) for r in views] == [(v.person, v.view) for v in mini.outlook.expert_views]
    lims = _rows(mini_report, "approaches-limitations")
    assert [(r["Limitation"], r["Why it matters"]) for r in lims] == [
        (x.title, x.text) for x in mini.outlook.limitations
    ]
    phases = _rows(mini_report, "approaches-timeline")
    assert [r["What the text expects"] for r in phases] == [i for p in mini.outlook.timeline for i in p.items]
    levels = _rows(mini_report, "approaches-levels")
    assert [r["Level"] for r in levels] == ["1", "2", "3", "4"]  # every level, as on the page
    assert levels[0]["Name"] == mini.outlook.automation_levels[0].name
    over = _rows(mini_report, "approaches-oversight")
    assert [r["Approach"] for r in over] == [o.name for o in mini.outlook.oversight]
    uses = _rows(mini_report, "overview-current-uses")
    assert [r["Application"] for r in uses] == [u.application for u in mini.outlook.current_uses]
    claims = _rows(mini_report, "sources-claims")
    assert [r["Claim"] for r in claims] == [c.id for c in mini.claims]
    staleness = mini_report.text["sources-staleness"]
    assert f"As of {DAY.isoformat()}" in staleness


def test_an_open_range_and_an_added_assessment_reach_the_report(minimal_dir, tmp_path):
    import shutil

    pack = tmp_path / "pack"
    shutil.copytree(minimal_dir, pack)
    outlook = yaml.safe_load((pack / "outlook.yaml").read_text(encoding="utf-8"))
    outlook["expert_survey"].append(
        {"question": "Chance of catastrophe", "median": "5-20%", "range": "1-50%+", "references": ["ref-wiki"]}
    )
    (pack / "outlook.yaml").write_text(yaml.safe_dump(outlook, sort_keys=False), encoding="utf-8")
    assessments = yaml.safe_load((pack / "assessments.yaml").read_text(encoding="utf-8"))
    assessments.append(
        {
            "id": "capability-safety-gap",
            "kind": "capability-gap",
            "title": "Capability vs safety",
            "rows": [{"dimension": "Gap", "rating": "Widening"}],
            "references": ["ref-wiki"],
        }
    )
    (pack / "assessments.yaml").write_text(yaml.safe_dump(assessments, sort_keys=False), encoding="utf-8")
    result = load_pack(pack)
    assert result.ok, result.problems
    cells = _parse(report.report_html(result.dataset, views=[], generated=DAY, include_talk=False))
    survey = _rows(cells, "approaches-survey")
    assert survey[-1]["Range"] == "1-50%+" and survey[-1]["Median response"] == "5-20%"
    assert _rows(cells, "approaches-gap") == [{"Dimension": "Gap", "Rating": "Widening"}]
    assert "Capability vs safety" in cells.text["approaches-gap"]


def test_block_text_is_escaped(mini):
    evil = "<script>alert('x')</script>"
    survey = [mini.outlook.expert_survey[0].model_copy(update={"question": evil, "range": "<b>1-50%+</b>"})]
    views = [mini.outlook.expert_views[0].model_copy(update={"quote": "<img src=x onerror=alert(1)>"})]
    outlook = mini.outlook.model_copy(update={"expert_survey": survey, "expert_views": views})
    ds = dataclasses.replace(mini, outlook=outlook)
    text = "".join(s.html() for page in ("approaches", "overview") for s in page_sections(ds, page, today=DAY))
    assert "<script>alert" not in text and "<img src=x" not in text and "<b>1-50" not in text
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in text
    assert "&lt;b&gt;1-50%+&lt;/b&gt;" in text


def test_cells_read_as_in_the_csvs():
    import pandas as pd

    text = table_html(pd.DataFrame({"n": [70.0, None], "est": [True, False]}))
    assert re.findall(r"<td>([^<]*)</td>", text) == ["70", "yes", "", "no"]
    assert "Nothing to show" in table_html(pd.DataFrame())


def test_sections_sit_in_the_pages_order_between_the_charts():
    parts = [
        (name, name, "")
        for name in (
            "approaches-scalability",
            "approaches-events",
            "approaches-limitations",
            "approaches-comparison",
            "approaches-survey",
            "approaches-new",
        )
    ]
    assert [p[0] for p in in_page_order("approaches", parts)] == [
        "approaches-comparison",
        "approaches-scalability",
        "approaches-survey",
        "approaches-events",
        "approaches-limitations",
        "approaches-new",
    ]


def test_each_lab_in_detail_as_the_page_shows_one(mini, mini_report):
    text = mini_report.text["labs-detail"]
    for lab in mini.labs:
        assert lab.name in text
        assert f"Key technique: {lab.key_technique or 'not stated'}" in text
        if lab.results_text:
            assert lab.results_text in text
    graded = next(lab for lab in mini.labs if any(g.lab == lab.id for g in mini.grades))
    cells = [c for table in mini_report.sections["labs-detail"] for row in table for c in row]
    assert next(g.grade for g in mini.grades if g.lab == graded.id) in cells


def test_each_charts_callout_and_notes_are_under_it(mini):
    from dashboard.views.entry import entries

    views = entries(mini)
    noted = [v for v in views if v.notes or v.callout]
    assert noted, "no chart of the minimal pack has notes: extend the fixture"
    cells = _parse(report.report_html(mini, views=views, generated=DAY, include_talk=False))
    for v in noted:
        text = " ".join(cells.text[v.name].split())
        for note in [*v.notes, *([v.callout[1]] if v.callout else [])]:
            assert " ".join(note.split()) in text, (v.name, note)

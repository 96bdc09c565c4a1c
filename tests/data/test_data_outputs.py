"""The shipped expert survey's ranges, as data/outlook.yaml writes them, in the report, SQLite and the Data Package."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sqlite3

import yaml

from dashboard.exports import report, tables
from dashboard.pack import vocab
from htmlcells import parse_cells, table_rows
from output_inventory import missing_from_report, report_section_ids


def _survey_ranges(data_dir) -> list[str]:
    """The expert survey's ranges as data/outlook.yaml writes them (open-ended ones included)."""
    outlook = yaml.safe_load((data_dir / "outlook.yaml").read_text(encoding="utf-8"))
    return [row["range"] for row in outlook["expert_survey"] if row.get("range")]


def test_data_expert_survey_ranges_are_in_sqlite_and_the_datapackage(shipped, data_dir, tmp_path):
    ranges = _survey_ranges(data_dir)
    assert ranges
    con = sqlite3.connect(tables.write_sqlite(shipped, tmp_path / "pack.sqlite"))
    stored = [r[0] for r in con.execute("SELECT range FROM expert_survey WHERE range IS NOT NULL ORDER BY position")]
    assert stored == ranges
    tables.write_datapackage(shipped, tmp_path / "dp")
    with open(tmp_path / "dp" / "expert_survey.csv", encoding="utf-8") as fh:
        assert [r["range"] for r in csv.DictReader(fh) if r["range"]] == ranges
    desc = json.loads((tmp_path / "dp" / "datapackage.json").read_text(encoding="utf-8"))
    names = {r["name"] for r in desc["resources"]}
    assert {
        "approaches",
        "scalability",
        "assessments",
        "assessment-rows",
        "expert-survey",
        "expert-views",
        "timeline",
        "timeline-items",
        "limitations",
        "current-uses",
        "flow-nodes",
        "flow-edges",
    } <= names


def test_data_expert_survey_ranges_are_in_the_report(shipped, data_dir):
    ranges = _survey_ranges(data_dir)
    assert ranges
    cells = parse_cells(report.report_html(shipped, views=[], generated=dt.date(2026, 1, 2), include_talk=False))
    assert [r["Range"] for r in table_rows(cells, "approaches-survey") if r["Range"] != vocab.MISSING] == ranges


def test_data_the_report_holds_every_block_of_every_page(shipped):
    assert missing_from_report(report_section_ids(shipped)) == set()

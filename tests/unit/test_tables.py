"""The pack as tables: SQLite with foreign keys, a Frictionless Data Package, CSV cells as readers expect."""

from __future__ import annotations

import csv
import json
import sqlite3

import pandas as pd
import pytest

from dashboard.exports import bundle, tables
from dashboard.exports.csvfmt import format_cell, format_frame
from dashboard.exports.json import dataset_to_json


def test_sqlite_has_every_record_and_its_foreign_keys_hold(shipped, tmp_path):
    path = tables.write_sqlite(shipped, tmp_path / "pack.sqlite")
    con = sqlite3.connect(path)
    exported = dataset_to_json(shipped)
    for kind in ("references", "techniques", "estimates", "claims", "labs", "risks", "grades", "scores", "cruxes"):
        assert con.execute(f'SELECT count(*) FROM "{kind}"').fetchone()[0] == len(exported[kind]), kind
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    fks = con.execute("SELECT * FROM pragma_foreign_key_list('claims')").fetchall()
    assert {row[2] for row in fks} == {"references", "techniques", "labs"}
    from dashboard.views.frames.risks import coverage_pairs

    pairs = {tuple(row) for row in con.execute("SELECT technique, risk FROM technique_risks")}
    assert pairs == {(t, r) for r, t in coverage_pairs(shipped)}  # the pairs the Risks page draws
    described = dict(
        con.execute("""SELECT "column", description FROM _columns WHERE "table" = 'references'""").fetchall()
    )
    assert described["credibility"] and described["title"]
    unit = con.execute("""SELECT unit FROM _columns WHERE "table"='estimates' AND "column"='current_low'""")
    assert unit.fetchone()[0] == "percent"
    assert dict(con.execute("SELECT key, value FROM _pack").fetchall())["version"] == shipped.meta.version


@pytest.fixture
def csv_limit_kept():
    """frictionless raises the csv module's process-wide field size limit; put it back for the tests after."""
    limit = csv.field_size_limit()
    yield
    csv.field_size_limit(limit)


def test_datapackage_validates_under_frictionless(shipped, tmp_path, csv_limit_kept):
    frictionless = pytest.importorskip("frictionless")
    path = tables.write_datapackage(shipped, tmp_path / "dp")
    report = frictionless.Package(str(path)).validate()
    assert report.valid, [e.message for t in report.tasks for e in t.errors][:5]
    desc = json.loads(path.read_text(encoding="utf-8"))
    assert desc["version"] == shipped.meta.version and desc["licenses"] and desc["sources"]
    est = next(r for r in desc["resources"] if r["name"] == "estimates")
    assert {f["name"]: f.get("unit") for f in est["schema"]["fields"]}["current_low"] == "percent"
    with open(tmp_path / "dp" / "claims.csv", encoding="utf-8") as fh:
        assert sum(1 for _ in csv.DictReader(fh)) == len(shipped.claims)


def test_csv_cells_read_as_a_reader_expects():
    assert [format_cell(v) for v in (70.0, 70.5, True, False, None, float("nan"), 3, "x")] == [
        "70",
        "70.5",
        "yes",
        "no",
        "",
        "",
        "3",
        "x",
    ]
    frame = pd.DataFrame({"pct": [70.0, None], "est": [True, False], "note": ["=cmd", "-3"], "n": [-2.0, 1.0]})
    text = bundle.safe_csv(frame).decode("utf-8-sig")
    assert text.splitlines() == ["pct,est,note,n", "70,yes,'=cmd,-2", ",no,'-3,1"]


def test_a_frame_is_written_cell_by_cell_as_format_cell_writes_it():
    """A column of text only is taken as it is: the same text format_cell gives each of its cells."""
    frame = pd.DataFrame(
        {
            "text": ["a", "=b", ""],
            "mixed": ["a", None, 3],
            "year": pd.array([2024, None, 2025], dtype="Int64"),
            "flag": [True, False, True],
            "string": pd.array(["x", None, "z"], dtype="string"),
        }
    )
    out = format_frame(frame)
    for col in frame.columns:
        assert list(out[col]) == [format_cell(v) for v in frame[col].tolist()], col
    assert list(out["year"]) == ["2024", "", "2025"] and list(out["string"]) == ["x", "", "z"]

"""Approaches, scalability, assessments and outlook in SQLite and the Data Package (minimal pack; one data test)."""

from __future__ import annotations

import copy
import csv
import shutil
import sqlite3

import pytest
import yaml

from dashboard.exports import tables
from dashboard.exports.fieldguide import field_meaning
from dashboard.pack import models as m
from packs import MINIMAL_DIR as MINIMAL
from packs import loaded


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    """The minimal pack with an open-ended survey range, an open-ended and an unknown chance of success."""
    pack = tmp_path_factory.mktemp("pack") / "minimal"
    shutil.copytree(MINIMAL, pack)
    outlook = yaml.safe_load((pack / "outlook.yaml").read_text(encoding="utf-8"))
    outlook["expert_survey"].append(
        {"question": "Chance of catastrophe", "median": "5-20%", "range": "1-50%+", "references": ["ref-wiki"]}
    )
    (pack / "outlook.yaml").write_text(yaml.safe_dump(outlook, sort_keys=False), encoding="utf-8")
    concerns = yaml.safe_load((pack / "scalability.yaml").read_text(encoding="utf-8"))
    first = {k: v for k, v in concerns[0].items() if k != "success_target"}
    concerns += [  # copies, not YAML aliases: the loader refuses aliases
        {
            **copy.deepcopy(first),
            "id": "open-ended",
            "challenge": "Open ended",
            "success_probability": {"low": 10, "high": 30, "unit": "percent", "open_high": True},
        },
        {
            **copy.deepcopy(first),
            "id": "unknown-odds",
            "challenge": "Unknown odds",
            "success_status": "under investigation",
            "success_probability": {"unknown": True, "unit": "percent"},
        },
    ]
    (pack / "scalability.yaml").write_text(yaml.safe_dump(concerns, sort_keys=False), encoding="utf-8")
    return loaded(pack)


def _sqlite(ds, tmp_path) -> sqlite3.Connection:
    con = sqlite3.connect(tables.write_sqlite(ds, tmp_path / "pack.sqlite"))
    con.row_factory = sqlite3.Row
    return con


def test_every_record_of_the_approaches_and_outlook_is_a_row(mini, tmp_path):
    con = _sqlite(mini, tmp_path)
    o = mini.outlook
    counts = {
        "approaches": len(mini.approaches),
        "scalability": len(mini.scalability),
        "assessments": len(mini.assessments),
        "assessment_rows": sum(len(a.rows) for a in mini.assessments),
        "current_uses": len(o.current_uses),
        "flow_nodes": len(o.flow_nodes),
        "flow_edges": len(o.flow_edges),
        "expert_survey": len(o.expert_survey),
        "timeline": len(o.timeline),
        "timeline_items": sum(len(p.items) for p in o.timeline),
        "events": len(o.events),
        "limitations": len(o.limitations),
        "automation_levels": len(o.automation_levels),
        "expert_views": len(o.expert_views),
        "oversight": len(o.oversight),
        "rlhf_metrics": len(o.rlhf_metrics),
        "beliefs": len(o.beliefs),
    }
    for table, n in counts.items():
        assert n, f"the minimal pack has no {table}: extend it"
        assert con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] == n, table
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []

    a = mini.approaches[0]
    row = con.execute("SELECT * FROM approaches WHERE id = ?", (a.id,)).fetchone()
    assert row["name"] == a.name and row["strengths"] == "; ".join(a.strengths)
    linked = con.execute("SELECT technique FROM approach_techniques WHERE approach = ?", (a.id,)).fetchall()
    assert [r[0] for r in linked] == a.techniques
    q = mini.assessments[0]
    cells = con.execute(
        "SELECT dimension, rating, grade FROM assessment_rows WHERE assessment = ? ORDER BY position", (q.id,)
    ).fetchall()
    assert [tuple(c) for c in cells] == [(r.dimension, r.rating, r.grade) for r in q.rows]
    claims = con.execute("SELECT claim FROM assessment_row_claims WHERE assessment = ? AND position = 1", (q.id,))
    assert [r[0] for r in claims] == q.rows[0].claims
    survey = o.expert_survey[0]
    row = con.execute("SELECT question, median, range FROM expert_survey WHERE position = 1").fetchone()
    assert tuple(row) == (survey.question, survey.median, survey.range)
    ev = o.events[0]
    assert con.execute("SELECT date FROM events WHERE id = ?", (ev.id,)).fetchone()[0] == ev.date.isoformat()
    items = con.execute("SELECT item FROM timeline_items WHERE phase = ? ORDER BY position", (o.timeline[0].id,))
    assert [r[0] for r in items] == o.timeline[0].items


def test_foreign_keys_and_field_meanings_come_from_the_models(mini, tmp_path):
    con = _sqlite(mini, tmp_path)

    def targets(table: str) -> dict[str, str]:
        return {r["from"]: r["table"] for r in con.execute(f"SELECT * FROM pragma_foreign_key_list('{table}')")}

    assert targets("approach_techniques") == {"approach": "approaches", "technique": "techniques"}
    assert targets("scalability_claims") == {"id": "scalability", "claim": "claims"}
    assert targets("scalability_references") == {"id": "scalability", "reference": "references"}
    assert targets("oversight") == {"technique": "techniques"}
    assert targets("current_uses") == {"technique": "techniques"}
    assert targets("expert_survey_references") == {"position": "expert_survey", "reference": "references"}
    assert targets("approach_favoured_when") == {"approach": "approaches", "crux": "cruxes"}
    meaning = dict(con.execute("""SELECT "table" || '.' || "column", description FROM _columns""").fetchall())
    assert meaning["expert_survey.range"] == field_meaning(m.SurveyRow, "range")
    assert meaning["scalability.agi_implications"] == field_meaning(m.ScalabilityConcern, "agi_implications")
    assert meaning["scalability.success_open_high"].endswith(field_meaning(m.Figure, "open_high"))
    assert meaning["expert_views.quote"] == field_meaning(m.ExpertView, "quote")
    assert meaning["claims.unknown"] == field_meaning(m.Figure, "unknown")


def test_open_ranges_stay_open_and_unknown_stays_unknown(edited, tmp_path):
    con = _sqlite(edited, tmp_path)
    row = con.execute("SELECT range FROM expert_survey WHERE question = 'Chance of catastrophe'").fetchone()
    assert row[0] == "1-50%+"
    open_row = con.execute("SELECT * FROM scalability WHERE id = 'open-ended'").fetchone()
    assert (open_row["success_low"], open_row["success_high"], open_row["success_open_high"]) == (10, 30, 1)
    assert open_row["success_text"] == "10–30%+"
    unknown = con.execute("SELECT * FROM scalability WHERE id = 'unknown-odds'").fetchone()
    assert unknown["success_unknown"] == 1 and unknown["success_text"] == "unknown"
    assert (unknown["success_value"], unknown["success_low"], unknown["success_high"]) == (None, None, None)
    assert unknown["success_status"] == "under investigation"


@pytest.fixture
def csv_limit_kept():
    """frictionless raises the csv module's process-wide field size limit; put it back for the tests after."""
    limit = csv.field_size_limit()
    yield
    csv.field_size_limit(limit)


def test_datapackage_holds_and_validates_the_new_tables(edited, tmp_path, csv_limit_kept):
    frictionless = pytest.importorskip("frictionless")
    path = tables.write_datapackage(edited, tmp_path / "dp")
    report = frictionless.Package(str(path)).validate()
    assert report.valid, [e.message for t in report.tasks for e in t.errors][:5]
    with open(tmp_path / "dp" / "scalability.csv", encoding="utf-8") as fh:
        rows = {r["id"]: r for r in csv.DictReader(fh)}
    assert rows["open-ended"]["success_open_high"] == "yes" and rows["open-ended"]["success_high"] == "30"
    assert rows["unknown-odds"]["success_unknown"] == "yes" and rows["unknown-odds"]["success_low"] == ""
    with open(tmp_path / "dp" / "expert_survey.csv", encoding="utf-8") as fh:
        assert "1-50%+" in [r["range"] for r in csv.DictReader(fh)]
    desc = frictionless.Package(str(path)).to_descriptor()
    res = {r["name"]: r for r in desc["resources"]}
    fks = res["scalability-claims"]["schema"]["foreignKeys"]
    assert {fk["reference"]["resource"] for fk in fks} == {"scalability", "claims"}
    fields = {f["name"]: f for f in res["expert-survey"]["schema"]["fields"]}
    assert fields["range"]["description"] == field_meaning(m.SurveyRow, "range")


def test_crux_cards_grade_scale_and_review_dates_are_rows(mini, tmp_path):
    con = _sqlite(mini, tmp_path)
    crux = next(c for c in mini.cruxes if c.positions)
    pos = crux.positions[0]
    row = con.execute("SELECT * FROM crux_positions WHERE crux = ? AND id = ?", (crux.id, pos.id)).fetchone()
    assert (row["label"], row["summary"]) == (pos.label, pos.summary)
    ends = dict(con.execute("SELECT id, slider_end FROM crux_positions WHERE crux = ?", (crux.id,)).fetchall())
    assert ends.get(crux.low_position) == "low" and ends.get(crux.high_position) == "high"
    evidence = con.execute(
        "SELECT stance, text FROM crux_evidence WHERE crux = ? AND position = ? ORDER BY stance, number",
        (crux.id, pos.id),
    ).fetchall()
    assert sorted(tuple(r) for r in evidence) == sorted(
        [("against", e.text) for e in pos.evidence_against] + [("for", e.text) for e in pos.evidence_for]
    )
    cruxes = con.execute("SELECT credence_question FROM cruxes WHERE id = ?", (crux.id,)).fetchone()
    assert cruxes[0] == crux.credence_question
    related = con.execute("SELECT technique FROM crux_techniques WHERE crux = ?", (crux.id,)).fetchall()
    assert [r[0] for r in related] == list(dict.fromkeys(crux.related_techniques))
    scale = con.execute("SELECT letter, gpa FROM grade_scale").fetchall()
    assert [tuple(r) for r in scale] == [(p.letter, p.gpa) for p in mini.grades_meta.scale]
    fks = {r["from"]: r["table"] for r in con.execute("SELECT * FROM pragma_foreign_key_list('grades')")}
    assert fks["index"] == "grade_indices" and fks["lab"] == "labs"
    texts = con.execute("SELECT id, reference FROM source_texts").fetchall()
    assert [tuple(r) for r in texts] == [(s.id, s.reference) for s in mini.meta.sources]
    files = dict(con.execute("SELECT file, last_reviewed FROM pack_files").fetchall())
    assert files == {name: f.last_reviewed.isoformat() for name, f in mini.meta.files.items()}
    unit = con.execute("""SELECT unit FROM _columns WHERE "table" = 'pack_files' AND "column" = 'cadence_days'""")
    assert unit.fetchone()[0] == "days"


def test_grade_indices_keep_their_editions_as_written(mini, tmp_path):
    con = _sqlite(mini, tmp_path)
    rows = {r["id"]: r for r in con.execute("SELECT * FROM grade_indices")}
    assert set(rows) == {x.id for x in mini.grades_meta.indices}
    for x in mini.grades_meta.indices:
        row = rows[x.id]
        assert (row["name"], row["kind"], row["published"], row["summary_of"], row["series"]) == (
            x.name,
            x.kind,
            x.published,
            x.summary_of,
            x.series,
        )
    domains = con.execute('SELECT index_, domain FROM (SELECT "index" AS index_, domain FROM grade_domains)')
    assert sorted(tuple(r) for r in domains) == sorted((x.id, d) for x in mini.grades_meta.indices for d in x.domains)


def test_the_bundle_readme_describes_every_table_and_column(mini):
    import io
    import zipfile

    from dashboard.exports.bundle import bundle_zip

    readme = zipfile.ZipFile(io.BytesIO(bundle_zip(mini))).read("README.md").decode("utf-8")
    assert "`dataset.sqlite`" in readme and "`datapackage/`" in readme
    for name, table in tables.pack_tables(mini).items():
        assert f"\n### {name}\n" in readme
        assert f"{len(table.rows)} rows." in readme
    assert f"| `range` | string |  | {field_meaning(m.SurveyRow, 'range')} |  |" in readme
    assert "| `technique` | string |  | id of the technique | `techniques.id` |" in readme


def test_a_pair_recorded_on_either_side_is_one_link(mini, tmp_path):
    import dataclasses

    risk, tech = mini.risks[0], mini.techniques[-1]
    extra = [r for r in mini.risks if r.id != risk.id]
    one_sided = risk.model_copy(update={"techniques": [*risk.techniques, tech.id]})
    ds = dataclasses.replace(mini, risks=[one_sided, *extra])
    con = _sqlite(ds, tmp_path)
    pairs = {tuple(r) for r in con.execute("SELECT technique, risk FROM technique_risks")}
    assert (tech.id, risk.id) in pairs
    authors = con.execute('SELECT authors FROM "references" WHERE id = ?', (mini.references[0].id,))
    assert authors.fetchone()[0] == "; ".join(mini.references[0].authors)

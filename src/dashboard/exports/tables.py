"""The pack as tables: one per kind of record, with foreign keys (pure, no streamlit).

- ``pack_tables(ds)``: {table: Table}; a record's scalar fields become columns, lists of ids
  become link tables (``technique_risks``: technique -> risk), nested records are flattened
  (``current_low``); the approaches, scalability concerns, assessments and outlook come from
  ``outlook_tables``; crux positions and evidence, grade indices and scale, source texts and file
  reviews from ``record_tables``.
- ``write_sqlite(ds, path)``: the tables in SQLite with foreign keys and a ``_columns`` table
  describing every column.
- ``datapackage(ds)`` / ``write_datapackage(ds, directory)``: a Frictionless Data Package (v2):
  one CSV per table and ``datapackage.json`` with fields, units, licence, sources and version.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path
from typing import Any

from dashboard.exports.citation import spdx_licence
from dashboard.exports.csvfmt import format_cell
from dashboard.exports.outlook_tables import outlook_tables
from dashboard.exports.record_tables import record_tables
from dashboard.exports.tableschema import Column, Table, joined
from dashboard.exports.tableschema import column as _c
from dashboard.exports.tableschema import link as _link
from dashboard.pack import models as m
from dashboard.pack.dataset import Dataset

__all__ = ["Column", "Table", "datapackage", "pack_tables", "table_csv", "write_datapackage", "write_sqlite"]


def _cell(value: Any) -> Any:
    return joined(value) if isinstance(value, list) else value


def pack_tables(ds: Dataset) -> dict[str, Table]:
    R, T, C, L, K = m.Reference, m.Technique, m.Claim, m.Lab, m.Risk
    tables: list[Table] = []
    tables.append(
        Table(
            "references",
            "The works cited, with the credibility the source text gives them",
            [
                _c(R, "id", "string"),
                _c(R, "title", "string"),
                _c(R, "year", "integer"),
                _c(R, "kind", "string"),
                _c(R, "publisher", "string"),
                _c(R, "credibility", "integer", unit="stars (1-5)"),
                _c(R, "url", "string"),
                _c(R, "summary", "string"),
                _c(R, "authors", "string"),
                _c(R, "secondary", "boolean"),
            ],
            [
                {
                    c: _cell(getattr(r, c))
                    for c in (
                        "id",
                        "title",
                        "year",
                        "kind",
                        "publisher",
                        "credibility",
                        "url",
                        "summary",
                        "authors",
                        "secondary",
                    )
                }
                for r in ds.references
            ],
            ("id",),
        )
    )
    tcols = [
        "id",
        "name",
        "ai_assisted",
        "summary",
        "category",
        "principle",
        "maturity",
        "mechanism",
        "key_limitation",
        "scalability_limits",
        "success_metrics",
    ]
    tables.append(
        Table(
            "techniques",
            "Alignment techniques and approaches",
            [_c(T, c, "boolean" if c == "ai_assisted" else "string") for c in tcols],
            [{c: getattr(t, c) for c in tcols} for t in ds.techniques],
            ("id",),
        )
    )
    tables.append(
        Table(
            "labs",
            "Labs and organisations",
            [_c(L, c, "string") for c in _LAB_COLUMNS],
            [{c: _cell(getattr(x, c)) for c in _LAB_COLUMNS} for x in ds.labs],
            ("id",),
        )
    )
    tables.append(
        Table(
            "risks",
            "Risks and how alignment work helps with each",
            [_c(K, c, "string") for c in ("id", "name", "relevance", "how_alignment_helps", "other_methods")],
            [
                {c: _cell(getattr(x, c)) for c in ("id", "name", "relevance", "how_alignment_helps", "other_methods")}
                for x in ds.risks
            ],
            ("id",),
        )
    )
    est_cols = [
        Column("id", "string", "identifier"),
        Column("technique", "string", "the technique estimated", references=("techniques", "id")),
    ]
    for when in ("current", "superhuman"):
        est_cols += [
            Column(f"{when}_low", "number", f"{when}: low end of the effectiveness range", "percent"),
            Column(f"{when}_high", "number", f"{when}: high end of the effectiveness range", "percent"),
            Column(f"{when}_measure", "string", f"{when}: what the percentage measures"),
            Column(f"{when}_estimate", "boolean", f"{when}: the source marks the range as an estimate (est.)"),
        ]
    est_cols += [
        _c(m.EffectivenessEstimate, "confidence", "string"),
        _c(m.EffectivenessEstimate, "key_uncertainty", "string"),
    ]
    est_rows = []
    for e in ds.estimates:
        row = {"id": e.id, "technique": e.technique, "confidence": e.confidence, "key_uncertainty": e.key_uncertainty}
        for when in ("current", "superhuman"):
            rng = getattr(e, when)
            row.update(
                {
                    f"{when}_low": rng.low,
                    f"{when}_high": rng.high,
                    f"{when}_measure": rng.measure,
                    f"{when}_estimate": rng.estimate,
                }
            )
        est_rows.append(row)
    tables.append(Table("estimates", "Current vs superhuman effectiveness by technique", est_cols, est_rows, ("id",)))
    claim_cols = [
        _c(C, "id", "string"),
        _c(C, "quantity", "string"),
        _c(C, "statement", "string"),
        Column("value", "number", "the figure's value"),
        Column("low", "number", "low end of the figure's range"),
        Column("high", "number", "high end of the figure's range"),
        Column("unit", "string", "unit of value, low and high"),
        Column("qualifier", "string", "exact, approximate, at least, ..."),
        _c(m.Figure, "open_high", "boolean"),
        _c(m.Figure, "unknown", "boolean"),
        _c(C, "measures", "string"),
        _c(C, "year", "integer"),
        _c(C, "estimate", "boolean"),
        _c(C, "stated_in", "string", ref=("references", "id")),
        _c(C, "technique", "string", ref=("techniques", "id")),
        _c(C, "lab", "string", ref=("labs", "id")),
        _c(C, "note", "string"),
    ]
    claim_rows = [
        {
            "id": c.id,
            "quantity": c.quantity,
            "statement": c.statement,
            "value": c.figure.value,
            "low": c.figure.low,
            "high": c.figure.high,
            "unit": c.figure.unit,
            "qualifier": c.figure.qualifier,
            "open_high": c.figure.open_high,
            "unknown": c.figure.unknown,
            "measures": c.measures,
            "year": c.year,
            "estimate": c.estimate,
            "stated_in": c.stated_in,
            "technique": c.technique,
            "lab": c.lab,
            "note": c.note,
        }
        for c in ds.claims
    ]
    tables.append(
        Table("claims", "Quantified claims, each with the reference that states it", claim_cols, claim_rows, ("id",))
    )
    tables.append(
        Table(
            "grades",
            "Letter grades of labs by index and domain",
            [
                Column("index", "string", "the grading index", references=("grade_indices", "id")),
                Column("lab", "string", "the lab graded", references=("labs", "id")),
                Column("domain", "string", "the domain graded"),
                Column("grade", "string", "letter grade"),
                _c(m.GradeRow, "score", "number", unit="grade points"),
                _c(m.GradeRow, "reference", "string", ref=("references", "id")),
            ],
            [
                {
                    "index": g.index,
                    "lab": g.lab,
                    "domain": g.domain,
                    "grade": g.grade,
                    "score": g.score,
                    "reference": g.reference,
                }
                for g in ds.grades
            ],
        )
    )
    tables.append(
        Table(
            "scores",
            "Percentage scores of labs by index and domain",
            [
                Column("index", "string", "the scoring index", references=("grade_indices", "id")),
                Column("lab", "string", "the lab scored", references=("labs", "id")),
                Column("domain", "string", "the domain scored"),
                Column("percent", "number", "score", "percent"),
                _c(m.ScoreRow, "reference", "string", ref=("references", "id")),
                _c(m.ScoreRow, "found_at", "string"),
            ],
            [
                {
                    "index": s.index,
                    "lab": s.lab,
                    "domain": s.domain,
                    "percent": s.percent,
                    "reference": s.reference,
                    "found_at": s.found_at,
                }
                for s in ds.scores
            ],
        )
    )
    tables.append(
        Table(
            "cruxes",
            "Open questions the sources disagree on",
            [_c(m.Crux, c, "string") for c in _CRUX_COLUMNS],
            [{c: getattr(x, c) for c in _CRUX_COLUMNS} for x in ds.cruxes],
            ("id",),
        )
    )
    # Links between records (lists of ids in the pack).
    tables += [
        _link(
            "technique_references",
            ("techniques", "technique"),
            ("references", "reference"),
            [(t.id, r) for t in ds.techniques for r in t.references],
            "References of each technique",
        ),
        _link(
            "technique_risks",
            ("techniques", "technique"),
            ("risks", "risk"),
            # either side may record the pair, as on the Risks page
            [(t.id, r) for t in ds.techniques for r in t.risks] + [(t, r.id) for r in ds.risks for t in r.techniques],
            "Risks each technique addresses",
        ),
        _link(
            "lab_techniques",
            ("labs", "lab"),
            ("techniques", "technique"),
            [(x.id, t) for x in ds.labs for t in x.techniques] + [(x, t.id) for t in ds.techniques for x in t.labs],
            "Techniques each lab works on",
        ),
        _link(
            "claim_references",
            ("claims", "claim"),
            ("references", "reference"),
            [(c.id, r) for c in ds.claims for r in c.references],
            "References each claim attaches",
        ),
        _link(
            "estimate_references",
            ("estimates", "estimate"),
            ("references", "reference"),
            [(e.id, r) for e in ds.estimates for r in e.references],
            "References of each estimate",
        ),
        _link(
            "risk_references",
            ("risks", "risk"),
            ("references", "reference"),
            [(x.id, r) for x in ds.risks for r in x.references],
            "References of each risk",
        ),
        _link(
            "crux_references",
            ("cruxes", "crux"),
            ("references", "reference"),
            [(x.id, r) for x in ds.cruxes for r in x.references],
            "References of each crux",
        ),
    ]
    tables += outlook_tables(ds) + record_tables(ds)
    return {t.name: t for t in tables}


_LAB_COLUMNS = ("id", "name", "summary", "key_technique", "deployment_status", "results_text", "strengths")
_CRUX_COLUMNS = ("id", "kind", "title", "question", "summary", "credence_question", "low_position", "high_position")
_SPDX_NAMES = {"cc by-sa 4.0": "CC-BY-SA-4.0", "cc by 4.0": "CC-BY-4.0", "cc0": "CC0-1.0"}
_SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "REAL", "boolean": "INTEGER", "date": "TEXT"}


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def write_sqlite(ds: Dataset, path: Path | str) -> Path:
    """The pack as an SQLite file (replaced if it exists): a table per kind, foreign keys, ``_columns``."""
    path = Path(path)
    if path.exists():
        path.unlink()
    tables = pack_tables(ds)
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA foreign_keys=ON")
        con.execute('CREATE TABLE _columns ("table" TEXT, "column" TEXT, type TEXT, description TEXT, unit TEXT)')
        con.execute("CREATE TABLE _pack (key TEXT PRIMARY KEY, value TEXT)")
        meta = ds.meta
        con.executemany(
            "INSERT INTO _pack VALUES (?, ?)",
            [("title", meta.title), ("version", meta.version), ("licence", meta.licence), ("citation", meta.citation)],
        )
        for t in tables.values():
            defs = [f"{_q(c.name)} {_SQL_TYPES[c.type]}" for c in t.columns]
            if t.key:
                defs.append("PRIMARY KEY (" + ", ".join(_q(k) for k in t.key) + ")")
            defs += [
                f"FOREIGN KEY ({_q(c.name)}) REFERENCES {_q(c.references[0])}({_q(c.references[1])})"
                for c in t.columns
                if c.references
            ]
            con.execute(f"CREATE TABLE {_q(t.name)} ({', '.join(defs)})")
        # Every table made first, and foreign keys checked at commit: a key may point at a table listed later.
        con.execute("PRAGMA defer_foreign_keys=ON")
        for t in tables.values():
            names = [c.name for c in t.columns]
            con.executemany(
                f"INSERT INTO {_q(t.name)} VALUES ({', '.join('?' for _ in names)})",
                [[row.get(n) for n in names] for row in t.rows],
            )
            con.executemany(
                "INSERT INTO _columns VALUES (?, ?, ?, ?, ?)",
                [(t.name, c.name, c.type, c.description, c.unit) for c in t.columns],
            )
        con.commit()
    finally:
        con.close()
    return path


def table_csv(table: Table) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([c.name for c in table.columns])
    for row in table.rows:
        w.writerow([format_cell(row.get(c.name)) for c in table.columns])
    return buf.getvalue().encode("utf-8")


def datapackage(ds: Dataset) -> dict[str, Any]:
    """datapackage.json (Frictionless Data Package v2) for the CSVs of ``pack_tables``."""
    meta = ds.meta
    low = meta.licence.lower()
    spdx = spdx_licence(meta.licence) or next((spdx for name, spdx in _SPDX_NAMES.items() if name in low), None)
    resources = []
    for t in pack_tables(ds).values():
        fields = []
        for c in t.columns:
            f: dict[str, Any] = {"name": c.name, "type": c.type}
            if c.description:
                f["description"] = c.description
            if c.unit:
                f["unit"] = c.unit  # a custom property: the unit of the values
            if c.type == "boolean":
                f["trueValues"], f["falseValues"] = ["yes"], ["no"]
            fields.append(f)
        schema: dict[str, Any] = {"fields": fields, "missingValues": [""]}
        if t.key:
            schema["primaryKey"] = list(t.key)
        fks = [
            {"fields": [c.name], "reference": {"resource": c.references[0], "fields": [c.references[1]]}}
            for c in t.columns
            if c.references
        ]
        if fks:
            schema["foreignKeys"] = fks
        resources.append(
            {
                "name": t.name.replace("_", "-"),
                "path": f"{t.name}.csv",
                "title": t.description,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema,
            }
        )
    # foreign keys name resources by their name
    for r in resources:
        for fk in r["schema"].get("foreignKeys", []):  # type: ignore[attr-defined]
            fk["reference"]["resource"] = fk["reference"]["resource"].replace("_", "-")
    licence = {"name": spdx, "path": f"https://spdx.org/licenses/{spdx}.html", "title": " ".join(meta.licence.split())}
    if not spdx:
        licence = {"name": "other", "title": " ".join(meta.licence.split())}
    return {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": "".join(ch if ch.isalnum() else "-" for ch in meta.title.lower()).strip("-"),
        "title": meta.title,
        "description": " ".join(meta.description.split()),
        "version": meta.version,
        "created": meta.created.isoformat() + "T00:00:00Z",
        "licenses": [licence],
        "sources": [{"title": s.title} for s in meta.sources],
        "contributors": [{"title": name} for name in meta.maintainers] or [{"title": meta.title}],
        "resources": resources,
    }


def write_datapackage(ds: Dataset, directory: Path | str) -> Path:
    """datapackage.json and one CSV per table in ``directory`` (made if missing)."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    for t in pack_tables(ds).values():
        (directory / f"{t.name}.csv").write_bytes(table_csv(t))
    out = directory / "datapackage.json"
    out.write_text(json.dumps(datapackage(ds), indent=2, ensure_ascii=False), encoding="utf-8")
    return out

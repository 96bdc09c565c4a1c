"""The tables' guide: every table of ``datapackage/`` and ``dataset.sqlite`` with its columns (pure).

Markdown for the data ZIP's README, after the field guide of the pack's files: each table's meaning,
its key, and each column's type, unit, meaning and the table it refers to.
"""

from __future__ import annotations

from dashboard.exports.tables import pack_tables
from dashboard.pack.dataset import Dataset


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def tables_guide(ds: Dataset) -> str:
    out = [
        "## The same records as tables",
        "",
        "`datapackage/` (a Frictionless Data Package: one CSV per table and `datapackage.json`) and",
        "`dataset.sqlite` hold the same tables. In SQLite every column is described in `_columns` and the",
        "foreign keys are declared; in the Data Package a table's name has hyphens for underscores.",
        "A range the text leaves open keeps `open_high`; an unknown figure stays `unknown` with no numbers.",
        "",
    ]
    for t in pack_tables(ds).values():
        key = f" Key: {', '.join(f'`{k}`' for k in t.key)}." if t.key else ""
        out += [
            f"### {t.name}",
            "",
            f"{_cell(t.description)}. {len(t.rows)} rows.{key}",
            "",
            "| column | type | unit | meaning | refers to |",
            "| --- | --- | --- | --- | --- |",
        ]
        for c in t.columns:
            ref = f"`{c.references[0]}.{c.references[1]}`" if c.references else ""
            out.append(f"| `{c.name}` | {c.type} | {_cell(c.unit)} | {_cell(c.description)} | {ref} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"

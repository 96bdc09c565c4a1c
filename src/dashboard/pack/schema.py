"""JSON Schema for each file of the pack, so editors can check YAML while it is typed."""

from __future__ import annotations

import json
from pathlib import Path

from dashboard.pack.dataset import PACK_FILES


def schema_for(name: str) -> dict:
    pf = next(p for p in PACK_FILES if p.name == name)
    schema = pf.adapter.json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"{pf.name}: {pf.description}"
    if pf.format == "csv":
        schema["description"] = "Schema of one CSV row (the header names the columns)."
    return schema


def write_schemas(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for pf in PACK_FILES:
        path = out / f"{pf.name.rsplit('.', 1)[0]}.{pf.format}.schema.json"
        path.write_text(json.dumps(schema_for(pf.name), indent=2), encoding="utf-8")
        written.append(path)
    return written

"""A table of the pack's exports: its columns (type, meaning, unit, foreign key) and rows (pure)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from dashboard.analysis.provenance import format_figure
from dashboard.exports.fieldguide import field_meaning
from dashboard.pack import models as m


@dataclass
class Column:
    name: str
    type: str  # "string" | "integer" | "number" | "boolean" | "date"
    description: str = ""
    unit: str = ""
    references: tuple[str, str] | None = None  # (table, column)


@dataclass
class Table:
    name: str
    description: str
    columns: list[Column]
    rows: list[dict[str, Any]] = field(default_factory=list)
    key: tuple[str, ...] = ()


# The singular of each table name, for the meaning of a column that names one of its records.
SINGULAR = {
    "references": "reference",
    "techniques": "technique",
    "labs": "lab",
    "risks": "risk",
    "claims": "claim",
    "estimates": "estimate",
    "cruxes": "crux",
    "approaches": "approach",
    "scalability": "scalability concern",
    "assessments": "assessment",
    "expert_survey": "survey question",
    "events": "event",
    "limitations": "limitation",
    "automation_levels": "automation level",
    "expert_views": "expert view",
    "oversight": "oversight approach",
    "timeline": "timeline phase",
    "beliefs": "belief",
    "flow_nodes": "flow box",
    "grade_indices": "grade index",
}


def column(
    model: type[BaseModel],
    name: str,
    kind: str,
    *,
    column: str | None = None,
    unit: str = "",
    ref: tuple[str, str] | None = None,
    prefix: str = "",
) -> Column:
    """A column whose meaning is the model field's ``Field(description=...)``; ``prefix`` names the part it is of."""
    try:
        text = field_meaning(model, name)
    except KeyError:
        text = ""
    return Column(column or name, kind, f"{prefix}{text}" if prefix else text, unit, ref)


def link(
    name: str,
    left: tuple[str, str],
    right: tuple[str, str],
    pairs: Iterable[tuple[Any, Any]],
    description: str,
    *,
    left_type: str = "string",
) -> Table:
    """A link table: one row per (left id, right id) pair, each a foreign key; duplicates dropped."""
    cols = [
        Column(left[1], left_type, f"id of the {SINGULAR.get(left[0], left[0])}", references=(left[0], _key(left))),
        Column(right[1], "string", f"id of the {SINGULAR.get(right[0], right[0])}", references=(right[0], "id")),
    ]
    rows = [{left[1]: a, right[1]: b} for a, b in dict.fromkeys(pairs)]
    return Table(name, description, cols, rows, (left[1], right[1]))


def _key(side: tuple[str, str]) -> str:
    """The key column a link points at: ``id`` for most tables, the record's own key for keyless kinds."""
    return {"expert_survey": "position", "automation_levels": "level"}.get(side[0], "id")


# --------------------------------------------------------------------------
# Tables of records
# --------------------------------------------------------------------------

LIST_JOIN = "; "  # a list of short phrases in one cell, as the pages show it


def joined(items: Iterable[str]) -> str:
    return LIST_JOIN.join(items)


def records(
    name: str,
    description: str,
    model: type[BaseModel],
    items: Sequence[Any],
    fields: Sequence[tuple[str, str] | Column],
    *,
    key: tuple[str, ...] = ("id",),
    refs: dict[str, tuple[str, str]] | None = None,
    units: dict[str, str] | None = None,
    extra: Callable[[Any], dict[str, Any]] | None = None,
) -> Table:
    """A table of ``items``: a (field, type) pair is read from the record, a Column is filled by ``extra``."""
    refs, units = refs or {}, units or {}
    cols = [
        f if isinstance(f, Column) else column(model, f[0], f[1], ref=refs.get(f[0]), unit=units.get(f[0], ""))
        for f in fields
    ]
    for c in cols:
        if c.description and "one short phrase each" in c.description:
            c.description += f" (separated by '{LIST_JOIN}')"
    rows = []
    for item in items:
        row: dict[str, Any] = {}
        for f in fields:
            if isinstance(f, Column):
                continue
            value = getattr(item, f[0])
            if isinstance(value, list):
                value = joined(value)
            elif isinstance(value, dt.date):
                value = value.isoformat()
            row[f[0]] = value
        if extra is not None:
            row.update(extra(item))
        rows.append(row)
    return Table(name, description, cols, rows, key)


def links(table: str, key: str, items: Iterable[Any], attr: str, name: str, description: str) -> Table:
    """``table``'s records to the claims or references in their ``attr`` list."""
    target = "claims" if attr == "claims" else "references"
    pairs = [(getattr(x, key), v) for x in items for v in getattr(x, attr)]
    left_type = "integer" if key in ("position", "level") else "string"
    return link(name, (table, key), (target, target[:-1]), pairs, description, left_type=left_type)


def figure_columns(prefix: str, what: str) -> list[Column]:
    """The columns of a nested figure, named ``<prefix>_value`` and so on; ``what`` names it in their meanings."""
    F = m.Figure
    return [
        column(F, "value", "number", column=f"{prefix}_value", prefix=f"{what}: "),
        column(F, "low", "number", column=f"{prefix}_low", prefix=f"{what}: "),
        column(F, "high", "number", column=f"{prefix}_high", prefix=f"{what}: "),
        column(F, "unit", "string", column=f"{prefix}_unit", prefix=f"{what}: "),
        column(F, "qualifier", "string", column=f"{prefix}_qualifier", prefix=f"{what}: "),
        column(F, "open_high", "boolean", column=f"{prefix}_open_high", prefix=f"{what}: "),
        column(F, "unknown", "boolean", column=f"{prefix}_unknown", prefix=f"{what}: "),
        Column(f"{prefix}_text", "string", f"{what} as the dashboard writes it (empty when the pack gives none)"),
    ]


def figure_values(prefix: str, f: m.Figure | None) -> dict[str, Any]:
    if f is None:
        return {}
    return {
        f"{prefix}_value": f.value,
        f"{prefix}_low": f.low,
        f"{prefix}_high": f.high,
        f"{prefix}_unit": f.unit,
        f"{prefix}_qualifier": f.qualifier,
        f"{prefix}_open_high": f.open_high,
        f"{prefix}_unknown": f.unknown,
        f"{prefix}_text": format_figure(f),
    }

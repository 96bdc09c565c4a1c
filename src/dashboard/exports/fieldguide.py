"""The field guide: every field of every pack file, its type and meaning, from the pydantic models."""

from __future__ import annotations

import datetime as dt
import json
import types
import typing
from collections.abc import Iterator
from typing import Any, Literal

import annotated_types
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from dashboard.pack import models as m
from dashboard.pack.dataset import PACK_FILES, Dataset

# --------------------------------------------------------------------------
# Field guide (README.md) from the models
# --------------------------------------------------------------------------


_REF_NAMES = {
    "reference": "reference",
    "technique": "technique",
    "claim": "claim",
    "lab": "lab",
    "risk": "risk",
    "crux": "crux",
    "grade-index": "grade index",
    "flow-node": "flow node",
}


def _constraints(metadata: list[Any]) -> tuple[str, m.Ref | None]:
    """A short phrase for numeric bounds / id pattern, and the Ref marker if any."""
    ref = None
    bits = []
    slug = False
    for meta in metadata:
        if isinstance(meta, m.Ref):
            ref = meta
        elif isinstance(meta, annotated_types.Ge):
            bits.append(f">= {meta.ge:g}")
        elif isinstance(meta, annotated_types.Le):
            bits.append(f"<= {meta.le:g}")
        elif isinstance(meta, annotated_types.MinLen) and meta.min_length:
            bits.append(f"at least {meta.min_length}")
        elif isinstance(meta, annotated_types.MaxLen):
            bits.append(f"at most {meta.max_length}")
        elif isinstance(meta, FieldInfo):
            inner, inner_ref = _constraints(list(meta.metadata))
            if inner:
                bits.append(inner)
            ref = ref or inner_ref
        elif getattr(getattr(meta, "func", None), "__name__", "") == "_http_url":
            bits.append("http/https address")
        elif getattr(meta, "pattern", None) == r"^\d+\.\d+\.\d+$":
            bits.append("like 1.2.3")
        elif getattr(meta, "pattern", None) and "a-z0-9" in str(meta.pattern):
            slug = True
        elif getattr(meta, "pattern", None):
            bits.append(f"pattern {meta.pattern}")
    if slug and ref is None:
        bits.insert(0, "id: lowercase letters, digits, hyphens")
    return ", ".join(bits), ref


def describe_type(annotation: Any, metadata: list[Any] | None = None) -> str:
    """A reader's name for a field type: 'list of reference ids', 'one of: high, low', 'date'."""
    metadata = list(metadata or [])
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *extra = typing.get_args(annotation)
        return describe_type(base, extra + metadata)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        text = " or ".join(describe_type(a) for a in args)
        if metadata:
            extra, _ = _constraints(metadata)  # type: ignore[assignment]
            text += f" ({extra})" if extra else ""
        return text
    bounds, ref = _constraints(metadata)
    if origin is list:
        (item,) = typing.get_args(annotation)
        text = f"list of {_plural(describe_type(item))}"
        return f"{text} ({bounds})" if bounds else text
    if origin is dict:
        key, value = typing.get_args(annotation)
        return f"mapping of {describe_type(key)} to {describe_type(value)}"
    if origin is Literal:
        return "one of: " + ", ".join(str(a) for a in typing.get_args(annotation))
    if ref is not None:
        return f"{_REF_NAMES.get(ref.kind, ref.kind)} id"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        name = annotation.__name__
        return f"{name} (table below)"
    names = {str: "text", int: "whole number", float: "number", bool: "true/false", dt.date: "date (YYYY-MM-DD)"}
    text = names.get(annotation, getattr(annotation, "__name__", str(annotation)))
    if bounds and text in ("text",) and "id:" in bounds:
        return "id (lowercase letters, digits, hyphens)"
    return f"{text} ({bounds})" if bounds else text


def _plural(text: str) -> str:
    if text.endswith(" id"):
        return text + "s"
    if text.startswith("one of:"):
        return "values, each " + text
    if text == "text":
        return "texts"
    return text


def _nested_models(model: type[BaseModel]) -> Iterator[type[BaseModel]]:
    """``model`` and every model reachable from its fields, each once, in reading order."""
    seen: list[type[BaseModel]] = []

    def visit(tp: Any) -> None:
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            if tp in seen:
                return
            seen.append(tp)
            for f in tp.model_fields.values():
                visit(f.annotation)
            return
        for arg in typing.get_args(tp):
            visit(arg)

    visit(model)
    yield from seen


def _root_model(pf_model: Any) -> type[BaseModel]:
    if typing.get_origin(pf_model) is list:
        return typing.get_args(pf_model)[0]
    return pf_model


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def field_meaning(model: type[BaseModel], name: str) -> str:
    """The field's meaning for a reader of the data: its ``Field(description=...)`` in the model."""
    return model.model_fields[name].description or ""


def field_rows(model: type[BaseModel]) -> list[dict[str, str]]:
    """One row per field: name, type, required, meaning."""
    rows = []
    for name, info in model.model_fields.items():
        required = info.is_required()
        default = "" if required else _default_text(info)
        meaning = field_meaning(model, name)
        rows.append(
            {
                "field": name,
                "type": describe_type(info.annotation, list(info.metadata)),
                "required": "yes" if required else f"no{default}",
                "meaning": meaning,
            }
        )
    return rows


def _default_text(info: FieldInfo) -> str:
    d = info.default
    if d is None or d == [] or d == {}:
        return ""
    return f" (default {json.dumps(d) if not isinstance(d, str) else d})"


def field_guide(ds: Dataset | None = None) -> str:
    """README.md: the bundle's contents, then one table per file (and per nested record)."""
    out: list[str] = []
    if ds is not None:
        meta = ds.meta
        out += [
            f"# {meta.title}, version {meta.version}",
            "",
            meta.description,
            "",
            f"Licence: {meta.licence}",
            "",
            f"Cite as: {meta.citation}",
            "",
        ]
    else:
        out += ["# Data pack field guide", ""]
    out += [
        "## What this bundle holds",
        "",
        "| file | what it is |",
        "| --- | --- |",
        "| `data/` | the pack's files exactly as the dashboard read them (YAML and CSV, UTF-8) |",
        "| `dataset.json` | the validated pack as one JSON document, one key per kind of record |",
        "| `README.md` | this guide: every field of every file |",
        "| `CITATION.cff`, `citation.txt` | how to cite this data (text and BibTeX) |",
        "| `references.bib` | BibTeX for every work the pack cites |",
        "| `datapackage/` | the same records as tables: a Frictionless Data Package, one CSV per table |",
        "| `dataset.sqlite` | the same tables in SQLite, with foreign keys and a `_columns` table of meanings |",
        "",
        "Ids are lowercase slugs; a field of type 'X id' names a record of kind X elsewhere in the pack,",
        "and the dashboard refuses a pack where such an id does not resolve. Percentages run 0-100.",
        "An unknown figure is recorded as `unknown: true`, never as 0.",
        "",
        "## Files and fields",
        "",
    ]
    written: set[type] = set()
    for pf in PACK_FILES:
        root = _root_model(pf.model)
        shape = "a list of records" if typing.get_origin(pf.model) is list else "one document"
        if pf.format == "csv":
            shape = "CSV with a header row; one record per row"
        optional = "" if pf.required else " Optional file."
        out += [f"### {pf.name}", "", f"{pf.description[:1].upper()}{pf.description[1:]}: {shape}.{optional}", ""]
        for model in _nested_models(root):
            if model in written and model is not root:
                out += [f"`{model.__name__}`: see above.", ""]
                continue
            written.add(model)
            doc = (model.__doc__ or "").strip()
            title = f"**{model.__name__}**" + (f": {doc.splitlines()[0]}" if doc else "")
            out += [title, "", "| field | type | required | meaning |", "| --- | --- | --- | --- |"]
            for row in field_rows(model):
                out.append(
                    f"| `{row['field']}` | {_md_cell(row['type'])} | {_md_cell(row['required'])} | {_md_cell(row['meaning'])} |"
                )
            out.append("")
    return "\n".join(out).rstrip() + "\n"

"""The field guide: every field of every pack file, its type and meaning, from the pydantic models."""

from __future__ import annotations

import ast
import datetime as dt
import inspect
import json
import textwrap
import types
import typing
from collections.abc import Iterator
from functools import cache
from typing import Any, Literal

import annotated_types
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from dashboard.pack import models as m
from dashboard.pack.dataset import PACK_FILES, Dataset

# --------------------------------------------------------------------------
# Field guide (README.md) from the models
# --------------------------------------------------------------------------


@cache
def _field_comments(model: type) -> dict[str, str]:
    """{field: the comment on its line, or on the comment lines just above it} from the source."""
    try:
        source = textwrap.dedent(inspect.getsource(model))
    except (OSError, TypeError):
        return {}
    lines = source.splitlines()
    tree = ast.parse(source)
    cls = tree.body[0]
    out: dict[str, str] = {}
    for node in getattr(cls, "body", []):
        if not isinstance(node, ast.AnnAssign) or not isinstance(node.target, ast.Name):
            continue
        parts = []
        i = node.lineno - 2
        above = []  # type: ignore[var-annotated]
        while i >= 0 and lines[i].strip().startswith("#"):
            above.insert(0, lines[i].strip().lstrip("#").strip())
            i -= 1
        parts.extend(above)
        end_line = lines[(node.end_lineno or node.lineno) - 1]
        trailing = _trailing_comment(end_line)
        if trailing:
            parts.append(trailing)
        if parts:
            out[node.target.id] = " ".join(parts)
    return out


def _trailing_comment(line: str) -> str:
    """The '# ...' part of a code line, ignoring '#' inside quotes."""
    quote = None
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == "#":
            return line[i + 1 :].strip()
    return ""


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


# Meanings for fields the models leave uncommented: by field name, then (model, field) where a
# name means something particular in one record kind.
FIELD_MEANINGS: dict[str, str] = {
    "id": "unique id of this record; other records refer to it by this id",
    "title": "title as shown to readers",
    "name": "name as shown to readers",
    "label": "short label as shown to readers",
    "summary": "one- or two-sentence summary in the pack's own words",
    "description": "description in the pack's own words",
    "text": "the text shown to readers, in the pack's own words",
    "references": "ids of the references that support this record",
    "claims": "ids of the quantified claims this record rests on",
    "claim": "id of the quantified claim this row reports",
    "technique": "id of the technique this record concerns",
    "techniques": "ids of the techniques this record concerns",
    "related_techniques": "ids of the techniques this record bears on",
    "lab": "id of the lab or company",
    "crux": "id of the crux",
    "index": "id of the grade index (grades.yaml) the value comes from",
    "domain": "id of the domain of the index being graded",
    "grade": "letter grade as published",
    "percent": "percentage score as published (0-100)",
    "year": "year",
    "kind": "kind of record",
    "low": "lower end of the range",
    "high": "upper end of the range",
    "value": "the single value, when the text gives one number rather than a range",
    "unknown": "true where the source says the value is unknown (then no numbers are given)",
    "estimate": "true where the text marks the value as an estimate",
    "confidence": "how sure the source is",
    "maturity": "how far the approach has got, from deployed to limited",
    "status": "how far it has got, from deployed to limited",
    "strengths": "strengths, one short phrase each",
    "weaknesses": "weaknesses, one short phrase each",
    "evidence": "the evidence the text gives, in the pack's own words",
    "note": "a caveat shown with the value",
    "url": "web address (http or https only)",
    "authors": "authors as listed, one per entry",
    "publisher": "who published it",
    "question": "the question in one line",
    "items": "the entries, one short phrase each",
    "examples": "examples, one short phrase each",
    "date": "date of the event (YYYY-MM-DD)",
    "level": "level number",
    "metric": "what is measured",
    "method": "how it was measured",
    "venue": "where it was published",
    "edition": "edition or year of the index",
    "person": "the person's name",
    "affiliation": "the person's organisation, where the text names it",
    "outlook": "whether the view is optimistic, pessimistic or mixed",
}

MODEL_FIELD_MEANINGS: dict[tuple[str, str], str] = {
    ("PackMeta", "title"): "title of the data pack",
    ("PackMeta", "version"): "version of the pack (major.minor.patch)",
    ("PackMeta", "description"): "what the pack holds and where it comes from",
    ("PackMeta", "licence"): "the licence of the pack's text and data",
    ("PackMeta", "citation"): "how to cite the pack, as plain text",
    ("PackMeta", "maintainers"): "people or groups who maintain the pack",
    ("PackMeta", "created"): "date the pack was first made",
    ("PackMeta", "sources"): "the texts the pack was curated from",
    ("SourceText", "title"): "title of the source text",
    ("SourceText", "holds"): "what of the pack comes from this text",
    ("FileReview", "last_reviewed"): "date the file was last checked against its sources",
    ("FileReview", "cadence_days"): "days between reviews; past this a file is shown as overdue",
    ("Reference", "title"): "title of the work",
    ("Reference", "year"): "year of publication, where known",
    ("Reference", "kind"): "paper, web page, government document or article",
    ("Technique", "ai_assisted"): "true for the six techniques of the AI-assisted page",
    ("Technique", "category"): "forward (shapes training) or backward (verifies afterwards)",
    ("Technique", "principle"): "the alignment principle it mainly serves",
    ("Technique", "mechanism"): "how it works",
    ("Technique", "key_limitation"): "its main limitation",
    ("Technique", "scalability_limits"): "what limits it as systems grow more capable",
    ("Technique", "success_metrics"): "how its success is measured",
    ("Technique", "risks"): "ids of the risks it addresses",
    ("Technique", "labs"): "ids of the labs working on it",
    ("EffectivenessEstimate", "technique"): "id of the technique estimated",
    ("EffectivenessEstimate", "current"): "effectiveness today, in percent",
    ("EffectivenessEstimate", "superhuman"): "expected effectiveness on superhuman systems, in percent",
    ("EffectivenessEstimate", "key_uncertainty"): "what the estimate most depends on",
    ("EstimateRange", "unknown"): "true where the source gives no estimate",
    ("Claim", "quantity"): "what is measured; claims with the same quantity are versions of one figure",
    ("Claim", "figure"): "the number as the text gives it",
    ("Claim", "technique"): "id of the technique the figure is about, if any",
    ("Claim", "lab"): "id of the lab the figure is about, if any",
    ("Figure", "unit"): "the unit of the number",
    ("Figure", "qualifier"): "how the text qualifies the number (exact, approximately, at least, ...)",
    ("Lab", "key_technique"): "the technique the lab is best known for, as the text words it",
    ("Lab", "techniques"): "ids of the techniques the lab works on",
    ("Lab", "deployment_status"): "how far the lab's work is deployed",
    ("Lab", "investment"): "its safety investment, where the text gives one",
    ("Investment", "basis"): "per-year spending or total raised",
    ("Investment", "year"): "the year the figure refers to",
    ("Risk", "relevance"): "how relevant alignment is to this risk",
    ("Risk", "how_alignment_helps"): "how alignment work reduces the risk",
    ("Risk", "techniques"): "ids of the techniques that address it",
    ("GradesMeta", "scale"): "letter grades and their grade points",
    ("GradesMeta", "scale_note"): "how letters map to points, in words",
    ("GradesMeta", "indices"): "the published indices the grades and scores come from",
    ("GradePoint", "letter"): "a letter grade",
    ("GradePoint", "gpa"): "its grade points (0-4.3)",
    ("GradeIndex", "name"): "name of the index",
    ("GradeIndex", "kind"): "letter grades or percentage scores",
    ("GradeIndex", "domains"): "ids of the domains it grades",
    ("GradeIndex", "domain_labels"): "domain id -> label as the index words it",
    ("Crux", "kind"): "which family of cruxes it belongs to",
    ("Crux", "low_position"): "id of the position at 0 on the reader's credence slider",
    ("Crux", "high_position"): "id of the position at 100 on the reader's credence slider",
    ("Crux", "positions"): "the positions people hold on it",
    ("Position", "evidence_for"): "evidence for this position",
    ("Position", "evidence_against"): "evidence against this position",
    ("Approach", "when_to_prefer"): "when to prefer it, one short phrase each",
    ("BeliefLink", "side"): "which end of the crux's slider the belief corresponds to",
    ("ScalabilityConcern", "challenge"): "the scalability challenge",
    ("ScalabilityConcern", "current_status"): "where work on it stands",
    ("ScalabilityConcern", "limitations"): "its limitations today",
    ("ScalabilityConcern", "agi_implications"): "what it implies for far more capable systems",
    ("ScalabilityConcern", "proposed_solutions"): "solutions proposed, one short phrase each",
    ("Assessment", "kind"): "which table of the texts it is",
    ("Assessment", "rows"): "the table's rows",
    ("AssessmentRow", "dimension"): "what is assessed",
    ("AssessmentRow", "grade"): "the letter grade the text gives, if any",
    ("AssessmentRow", "timeline"): "when, as the text words it",
    ("AssessmentRow", "confidence"): "how sure the text is, in its own words",
    ("Outlook", "current_uses"): "where AI already helps alignment work",
    ("Outlook", "flow_nodes"): "boxes of the how-it-works flow chart",
    ("Outlook", "flow_edges"): "arrows of the flow chart",
    ("Outlook", "expert_survey"): "expert survey results",
    ("Outlook", "timeline"): "near-, mid- and long-term outlook",
    ("Outlook", "events"): "dated events",
    ("Outlook", "limitations"): "limitations of AI-assisted alignment",
    ("Outlook", "automation_levels"): "levels of automating alignment research",
    ("Outlook", "expert_views"): "named experts' views",
    ("Outlook", "oversight"): "oversight approaches compared",
    ("Outlook", "rlhf_metrics"): "the RLHF effectiveness metrics table",
    ("Outlook", "beliefs"): "stated beliefs tied to crux positions",
    ("CurrentUse", "application"): "what AI is used for",
    ("CurrentUse", "promise"): "how promising the text rates it",
    ("FlowNode", "stage"): "column of the flow chart: current systems, tasks, or future systems",
    ("FlowEdge", "source"): "id of the box the arrow starts at",
    ("FlowEdge", "target"): "id of the box the arrow points to",
    ("SurveyRow", "median"): "the median answer, as the text gives it",
    ("SurveyRow", "range"): "the range of answers, as the text gives it",
    ("TimelineEvent", "precision"): "how precise the date is (day, month or year)",
    ("AutomationLevel", "name"): "name of the level",
    ("ExpertView", "claims"): "ids of claims the view cites",
    ("OversightApproach", "benefits"): "its benefits",
    ("OversightApproach", "concerns"): "its concerns",
    ("OversightApproach", "leading_work"): "who leads work on it",
    ("Belief", "fit"): "whether AI-assisted alignment suits someone holding this belief",
    ("Belief", "links"): "the crux positions the belief corresponds to",
    ("Talk", "title"): "title of the talk",
    ("Talk", "slides"): "the slides, in order",
    ("Slide", "page"): "the dashboard page the slide shows",
    ("Slide", "params"): "the page's settings for this slide, as in a link (key -> value or values)",
}


def field_meaning(model: type[BaseModel], name: str) -> str:
    info = model.model_fields[name]
    return (
        info.description
        or _field_comments(model).get(name)
        or MODEL_FIELD_MEANINGS.get((model.__name__, name))
        or FIELD_MEANINGS.get(name, "")
    )


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
            doc = inspect.getdoc(model) or ""
            title = f"**{model.__name__}**" + (f": {doc.splitlines()[0]}" if doc and model.__doc__ else "")
            out += [title, "", "| field | type | required | meaning |", "| --- | --- | --- | --- |"]
            for row in field_rows(model):
                out.append(
                    f"| `{row['field']}` | {_md_cell(row['type'])} | {_md_cell(row['required'])} | {_md_cell(row['meaning'])} |"
                )
            out.append("")
    return "\n".join(out).rstrip() + "\n"

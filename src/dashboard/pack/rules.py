"""Rules across records: cross-references resolve and ids are unique."""

from __future__ import annotations

import typing
from collections.abc import Iterator, Mapping
from typing import Any

from pydantic import BaseModel

from dashboard.pack import models as m
from dashboard.pack.dataset import PACK_FILES, PACK_FILES_BY_NAME, Dataset, PackFile
from dashboard.pack.locations import format_path, line_of
from dashboard.pack.problems import Problem, problem_order, unknown_file_message

# --------------------------------------------------------------------------
# Cross-references and uniqueness
# --------------------------------------------------------------------------


def _ref_kind(annotation: Any) -> str | None:
    """The ``Ref`` kind inside an annotation such as list[ClaimId] or TechniqueId | None."""
    for meta in getattr(annotation, "__metadata__", ()):
        if isinstance(meta, m.Ref):
            return meta.kind
    for arg in typing.get_args(annotation):
        kind = _ref_kind(arg)
        if kind:
            return kind
    return None


_REF_FIELDS: dict[type, dict[str, str]] = {}


def ref_fields(model: type[BaseModel]) -> dict[str, str]:
    """{field name: referenced kind} for a model class (cached)."""
    if model not in _REF_FIELDS:
        found = {}
        for name, info in model.model_fields.items():
            kind = _ref_kind(info.annotation)
            if kind is None:
                kind = next((x.kind for x in info.metadata if isinstance(x, m.Ref)), None)
            if kind:
                found[name] = kind
        _REF_FIELDS[model] = found
    return _REF_FIELDS[model]


# Which Dataset attribute defines the ids of each kind of cross-reference.
ID_SOURCES: dict[str, str] = {
    "reference": "references",
    "technique": "techniques",
    "claim": "claims",
    "lab": "labs",
    "risk": "risks",
    "crux": "cruxes",
    "grade-index": "grades_meta",
    "flow-node": "outlook",
}


def ids_of(values: Mapping[str, Any]) -> dict[str, set[str]]:
    """The ids of each kind whose defining file validated; kinds of failed files are absent."""
    ids: dict[str, set[str]] = {}
    for kind, attr in ID_SOURCES.items():
        value = values.get(attr)
        if value is None:
            continue
        if attr == "grades_meta":
            ids[kind] = {i.id for i in value.indices}
        elif attr == "outlook":
            ids[kind] = {n.id for n in value.flow_nodes}
        else:
            ids[kind] = {x.id for x in value}
    return ids


def known_ids(ds: Dataset) -> dict[str, set[str]]:
    return ids_of({attr: getattr(ds, attr) for attr in ID_SOURCES.values()})


_CONTAINERS = (BaseModel, list, dict)


def _walk(obj: Any, loc: tuple) -> Iterator[tuple[Any, tuple]]:
    """Every model, list and dict inside ``obj`` with its location (plain values are skipped)."""
    yield obj, loc
    if isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            value = getattr(obj, name)
            if isinstance(value, _CONTAINERS):
                yield from _walk(value, (*loc, name))
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            if isinstance(item, _CONTAINERS):
                yield from _walk(item, (*loc, i))
    elif isinstance(obj, dict):
        for k, v in obj.items():
            if isinstance(v, _CONTAINERS):
                yield from _walk(v, (*loc, k))


def check_references(ds: Dataset, nodes: Mapping[str, Any]) -> list[Problem]:
    """Ids unique within each list; every id a record cites exists; pack-specific rules."""
    values = {pf.attr: getattr(ds, pf.attr) for pf in PACK_FILES}
    return sorted(set(reference_problems(values, nodes, known_ids(ds))), key=problem_order)


def reference_problems(
    values: Mapping[str, Any], nodes: Mapping[str, Any], ids: Mapping[str, set[str]]
) -> list[Problem]:
    """Cross-reference problems among the files present in ``values``.

    A reference to a kind absent from ``ids`` (its file did not validate) is not checked.
    """
    problems: list[Problem] = []

    def report(pf: PackFile, loc: tuple, message: str, line: int | None = None) -> None:
        root = nodes.get(pf.name)
        if line is None:
            line = line_of(root, loc) if root is not None else 0
        problems.append(Problem(pf.name, line, format_path(pf, loc), message))

    for pf in PACK_FILES:
        value = values.get(pf.attr)
        if value is None:
            continue
        for obj, loc in _walk(value, ()):
            if isinstance(obj, list) and obj and all(hasattr(x, "id") for x in obj):
                seen: set[str] = set()
                for i, item in enumerate(obj):
                    if item.id in seen:
                        report(pf, (*loc, i, "id"), f"duplicate id {item.id!r}")
                    seen.add(item.id)
            if not isinstance(obj, BaseModel):
                continue
            for name, kind in ref_fields(type(obj)).items():
                if kind not in ids:
                    continue
                cited = getattr(obj, name)
                for j, ident in enumerate(cited if isinstance(cited, list) else [cited]):
                    if ident is not None and ident not in ids[kind]:
                        where = (*loc, name, j) if isinstance(cited, list) else (*loc, name)
                        csv_line = _csv_line(pf, nodes, loc)
                        report(pf, where, f"unknown {kind} id {ident!r}", csv_line)

    problems.extend(_pack_rules(values, nodes))
    return problems


def _csv_line(pf: PackFile, nodes: Mapping[str, Any], loc: tuple) -> int | None:
    if pf.format != "csv":
        return None
    lines = nodes.get(pf.name) or ()
    return lines[loc[0]] if loc and isinstance(loc[0], int) and loc[0] < len(lines) else 0


def _pack_rules(values: Mapping[str, Any], nodes: Mapping[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    pack = PACK_FILES_BY_NAME["pack.yaml"]
    meta = values.get("meta")
    for name in meta.files if meta is not None else ():
        if name not in PACK_FILES_BY_NAME:
            problems.append(
                Problem(
                    pack.name,
                    line_of(nodes.get(pack.name), ("files", name)),
                    f"files.{name}",
                    unknown_file_message(name),
                )
            )
    grades_meta = values.get("grades_meta")
    indices = {i.id: i for i in grades_meta.indices} if grades_meta is not None else {}
    for attr, kind in (("grades", "letter"), ("scores", "percent")):
        pf = next(p for p in PACK_FILES if p.attr == attr)
        lines = nodes.get(pf.name) or ()
        seen: set[tuple[str, str, str]] = set()
        for i, row in enumerate(values.get(attr) or ()):
            line = lines[i] if i < len(lines) else 0
            key = (row.index, row.lab, row.domain)
            if key in seen:
                problems.append(Problem(pf.name, line, "", f"duplicate row for {', '.join(key)}"))
            seen.add(key)
            index = indices.get(row.index)
            if index is None:
                continue  # reported as an unknown id (or grades.yaml did not validate)
            if index.kind != kind:
                problems.append(
                    Problem(
                        pf.name,
                        line,
                        "index",
                        f"index {row.index!r} is a {index.kind} index",
                    )
                )
            if row.domain not in index.domains:
                problems.append(
                    Problem(
                        pf.name,
                        line,
                        "domain",
                        f"{row.domain!r} is not a domain of {row.index!r} ({', '.join(index.domains)})",
                    )
                )
    problems.extend(_index_rules(values, nodes, indices))
    problems.extend(_claim_year_rules(values, nodes))
    cx = PACK_FILES_BY_NAME["cruxes.yaml"]
    for i, crux in enumerate(values.get("cruxes") or ()):
        positions = {p.id for p in crux.positions}
        for side in ("low_position", "high_position"):
            pid = getattr(crux, side)
            if pid is not None and pid not in positions:
                loc = (i, side)
                problems.append(
                    Problem(
                        cx.name,
                        line_of(nodes.get(cx.name), loc),
                        format_path(cx, loc),
                        f"{pid!r} is not a position of this crux",
                    )
                )
    est = PACK_FILES_BY_NAME["estimates.yaml"]
    seen_tech: set[str] = set()
    for i, e in enumerate(values.get("estimates") or ()):
        if e.technique in seen_tech:
            loc = (i, "technique")
            problems.append(
                Problem(
                    est.name,
                    line_of(nodes.get(est.name), loc),
                    format_path(est, loc),
                    f"a second estimate for {e.technique!r}",
                )
            )
        seen_tech.add(e.technique)
    return problems


def _index_rules(
    values: Mapping[str, Any], nodes: Mapping[str, Any], indices: Mapping[str, m.GradeIndex]
) -> list[Problem]:
    """Editions of an index: dated, one per date, and holding every company they say they rate."""
    problems: list[Problem] = []
    gm = PACK_FILES_BY_NAME["grades.yaml"]

    def report(i: int, field: str, message: str) -> None:
        loc = ("indices", i, field)
        problems.append(Problem(gm.name, line_of(nodes.get(gm.name), loc), format_path(gm, loc), message))

    rated: dict[str, set[str]] = {}
    for attr in ("grades", "scores"):
        for row in values.get(attr) or ():
            index = indices.get(row.index)
            if index is not None and row.domain == ("overall" if "overall" in index.domains else index.domains[0]):
                rated.setdefault(row.index, set()).add(row.lab)
    dates: dict[tuple[str, str], str] = {}
    for i, index in enumerate(indices.values()):
        if index.series is not None and index.summary_of is not None:
            report(i, "series", "a page's summary is not an edition of a series: remove series or summary_of")
        if index.series is not None and index.published is None:
            report(i, "published", f"an edition of {index.series!r} needs the date it was published")
        if index.series is not None and index.published is not None:
            key = (index.series, index.published)
            if key in dates:
                report(i, "published", f"{dates[key]!r} is already the {index.series} edition of {index.published}")
            dates.setdefault(key, index.id)
        if index.companies_rated is not None:
            held = len(rated.get(index.id, ()))
            if held != index.companies_rated:
                report(
                    i,
                    "companies_rated",
                    f"the edition rates {index.companies_rated} companies but the pack holds {held} of them",
                )
    return problems


def _claim_year_rules(values: Mapping[str, Any], nodes: Mapping[str, Any]) -> list[Problem]:
    """A year on a claim needs a source that gives it: the year of one of the claim's references, or the
    claim's own statement or note saying where the text dates it ("the page dates it May 2024")."""
    refs = values.get("references")
    if refs is None:
        return []
    years = {r.id: r.year for r in refs}
    cl = PACK_FILES_BY_NAME["claims.yaml"]
    problems = []
    for i, claim in enumerate(values.get("claims") or ()):
        if claim.year is None:
            continue
        given = {years.get(r) for r in (*claim.references, claim.stated_in)}
        words = f"{claim.statement} {claim.note or ''}"
        if claim.year in given or str(claim.year) in words:
            continue
        loc = (i, "year")
        problems.append(
            Problem(
                cl.name,
                line_of(nodes.get(cl.name), loc),
                format_path(cl, loc),
                f"no source gives the year {claim.year}: none of the claim's references is dated "
                f"{claim.year}, and its statement and note do not say where the text dates it",
            )
        )
    return problems

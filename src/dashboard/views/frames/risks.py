"""Risks against techniques: which technique addresses which risk.

A technique addresses a risk when the risk names it (``risks.yaml``
``techniques``) or the technique names the risk (``techniques.yaml``
``risks``); both directions come from the texts' tables.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from dashboard.pack import models as m
from dashboard.pack import vocab
from dashboard.pack.dataset import Dataset
from dashboard.pack.derived import PerObject

# The largest coverage matrix drawn risk by risk and technique by technique (the shipped pack: 11 by
# 17). Beyond it no one can read it (a pack 100 times that size has 1,100 risks by 1,700 techniques):
# the rows are the most relevant risks up to this many (20 rows keep the relevance words and the
# counts legible on a 1600x900 image and a slide, as 40 did not), and more technique columns than
# this are grouped by category and principle (``technique_groups``).
MAX_MATRIX_ROWS = 20
MAX_MATRIX_COLUMNS = 30
# The whole table offered as "all rows" has a column per technique up to this many cells (written in
# well under a second); beyond, a column per group of techniques and the names of those addressing it.
WHOLE_TABLE_CELLS = 100_000
# The group of the techniques with neither a category nor a principle.
UNCLASSIFIED = "unclassified"
ALL_GROUPS_LABEL = "Every group, a column each"
NAMED_COLUMN = "techniques named"  # a grouped table's column of the techniques addressing the risk


_pairs: PerObject[frozenset[tuple[str, str]]] = PerObject()


def coverage_pairs(ds: Dataset) -> frozenset[tuple[str, str]]:
    """(risk id, technique id) for every technique that addresses a risk, once per loaded pack."""

    def build() -> frozenset[tuple[str, str]]:
        pairs = {(r.id, t) for r in ds.risks for t in r.techniques}
        pairs |= {(r, t.id) for t in ds.techniques for r in t.risks}
        return frozenset((r, t) for r, t in pairs if r in ds.risk_by_id and t in ds.technique_by_id)

    return _pairs.get(ds, build)


def ordered_risks(ds: Dataset) -> list[str]:
    """Risk ids, most relevant first (critical, high, medium, low), then by name."""
    order = {k: i for i, k in enumerate(vocab.RELEVANCE_ORDER)}
    return [r.id for r in sorted(ds.risks, key=lambda r: (order[r.relevance], r.name.lower()))]


COVERAGE_COLUMNS = ["risk_id", "risk", "relevance", "relevance_rank", "technique_id", "technique", "addresses"]


def coverage_frame(
    ds: Dataset, techniques: Iterable[str] | None = None, risks: Iterable[str] | None = None
) -> pd.DataFrame:
    """Long form: one row per (risk, technique) in the filter, addressed or not.

    Risks are ordered by relevance (``risks``, ids in that order, narrows them); techniques keep the
    filter's (pack) order, restricted to techniques that address at least one risk.
    """
    pairs = coverage_pairs(ds)
    tech_ids = list(techniques) if techniques is not None else [t.id for t in ds.techniques]
    covering = {t for _, t in pairs}
    tech_ids = [t for t in tech_ids if t in covering]
    tech_names = [ds.technique_by_id[t].name for t in tech_ids]
    cols: dict[str, list] = {k: [] for k in COVERAGE_COLUMNS}
    n = len(tech_ids)
    for rid in ordered_risks(ds) if risks is None else risks:
        risk = ds.risk_by_id[rid]
        cols["risk_id"] += [rid] * n
        cols["risk"] += [risk.name] * n
        cols["relevance"] += [vocab.RELEVANCE_LABELS[risk.relevance]] * n
        cols["relevance_rank"] += [vocab.RELEVANCE_ORDER.index(risk.relevance)] * n
        cols["technique_id"] += tech_ids
        cols["technique"] += tech_names
        cols["addresses"] += [(rid, tid) in pairs for tid in tech_ids]
    if not cols["risk_id"]:
        return pd.DataFrame([], columns=COVERAGE_COLUMNS)
    return pd.DataFrame(cols, columns=COVERAGE_COLUMNS)


_whole: PerObject[pd.DataFrame] = PerObject()


def whole_table_is_grouped(ds: Dataset) -> bool:
    """True when the table of all rows has a column per group of techniques, not per technique."""
    return NAMED_COLUMN in whole_coverage_table(ds).columns


def whole_coverage_table(ds: Dataset) -> pd.DataFrame:
    """Every risk against every technique, made once per loaded pack (shared: never mutate it).

    Every filtered view of the coverage offers it as "all rows". Up to ``WHOLE_TABLE_CELLS`` cells it is
    ``coverage_table(ds)``, a ✓ column per technique; a bigger pack (1.8 M cells at 100x: seconds to
    build and to write) gets ``group_table`` of every risk: a count column per group of techniques and
    the names of the techniques addressing each risk."""

    def build() -> pd.DataFrame:
        if len(ds.risks) * len(covering_techniques(ds)) <= WHOLE_TABLE_CELLS:
            return coverage_table(ds)
        return group_table(ds, technique_groups(ds, covering_techniques(ds)), ordered_risks(ds))

    return _whole.get(ds, build)


def coverage_table(
    ds: Dataset, techniques: Iterable[str] | None = None, risks: Iterable[str] | None = None
) -> pd.DataFrame:
    """Wide form for reading and download: risk, relevance, one ✓ column per technique, other methods.

    One pass over the long frame (linear in risks x techniques). ``risks`` (ids, most relevant first)
    narrows the rows.
    """
    risk_ids = ordered_risks(ds) if risks is None else list(risks)
    long = coverage_frame(ds, techniques, risk_ids)
    names = long["technique"].tolist()
    tech_names = list(dict.fromkeys(names))
    marks: dict[str, dict[str, str]] = {}
    counts: dict[str, int] = {}
    for rid, name, addresses in zip(long["risk_id"].tolist(), names, long["addresses"].tolist(), strict=True):
        marks.setdefault(rid, {})[name] = "✓" if addresses else ""
        counts[rid] = counts.get(rid, 0) + bool(addresses)
    rows = []
    for rid in risk_ids:
        risk = ds.risk_by_id[rid]
        row = {"risk": risk.name, "relevance": vocab.RELEVANCE_LABELS[risk.relevance]}
        row.update(marks.get(rid, {}))
        row["techniques addressing it"] = counts.get(rid, 0)  # type: ignore[assignment]
        row["other methods named"] = ", ".join(risk.other_methods)
        rows.append(row)
    return pd.DataFrame(
        rows, columns=["risk", "relevance", *tech_names, "techniques addressing it", "other methods named"]
    )


def risk_techniques(ds: Dataset, risk_id: str, techniques: Iterable[str] | None = None) -> pd.DataFrame:
    """The techniques that address one risk (within the filter)."""
    pairs = coverage_pairs(ds)
    chosen = set(techniques) if techniques is not None else None
    rows = []
    for t in ds.techniques:
        if (risk_id, t.id) not in pairs or (chosen is not None and t.id not in chosen):
            continue
        rows.append(
            {
                "technique": t.name,
                "AI-assisted": "yes" if t.ai_assisted else "no",
                "maturity": vocab.MATURITY_LABELS.get(t.maturity, vocab.MISSING) if t.maturity else vocab.MISSING,
                "summary": t.summary,
                "id": t.id,
            }
        )
    return pd.DataFrame(rows, columns=["technique", "AI-assisted", "maturity", "summary", "id"])


def technique_risks(ds: Dataset, technique_id: str) -> pd.DataFrame:
    """The risks one technique addresses, most relevant first."""
    pairs = coverage_pairs(ds)
    rows = []
    for rid in ordered_risks(ds):
        if (rid, technique_id) not in pairs:
            continue
        r = ds.risk_by_id[rid]
        rows.append(
            {
                "risk": r.name,
                "relevance": vocab.RELEVANCE_LABELS[r.relevance],
                "how alignment helps": r.how_alignment_helps,
                "id": r.id,
            }
        )
    return pd.DataFrame(rows, columns=["risk", "relevance", "how alignment helps", "id"])


def risks_references(ds: Dataset) -> list[str]:
    return list(dict.fromkeys(rid for r in ds.risks for rid in r.references))


def coverage_takeaway(ds: Dataset, long: pd.DataFrame) -> str:
    """One line for the coverage matrix (``long`` from ``coverage_frame``, not empty)."""
    per_risk = long.groupby("risk_id", sort=False)["addresses"].sum()
    return counts_takeaway(ds, {r: int(n) for r, n in per_risk.items()}, long["technique_id"].nunique())


def counts_takeaway(ds: Dataset, per_risk: dict[str, int], n_techniques: int) -> str:
    """One line for the coverage: the least covered critical risk (``per_risk``: risk id -> number of
    the techniques shown addressing it, for the risks shown)."""
    critical = [r.id for r in ds.risks if r.relevance == "critical"]
    if not critical:
        return f"{len(per_risk):,} risks against {n_techniques:,} techniques"
    counts = {ds.risk_by_id[r].name: int(per_risk.get(r, 0)) for r in critical}
    least = min(counts, key=lambda k: (counts[k], k))
    return (
        f"{len(critical)} risks are rated critical; the least covered, {least}, "
        f"is addressed by {counts[least]} of the techniques shown"
    )


def coverage_alt(ds: Dataset, long: pd.DataFrame) -> str:
    per_risk = long.groupby("risk_id", sort=False)["addresses"].sum()
    return (
        f"Matrix of {len(per_risk)} risks (rows, most relevant first) by {long['technique_id'].nunique()} techniques. "
        + "; ".join(
            f"{ds.risk_by_id[r].name} ({vocab.RELEVANCE_LABELS[ds.risk_by_id[r].relevance]}): {int(n)}"
            for r, n in per_risk.items()
        )
        + " techniques."
    )


# Techniques grouped for a coverage matrix too wide to read ------------------------------------------

_by_risk: PerObject[dict[str, frozenset[str]]] = PerObject()


def risk_coverage(ds: Dataset) -> dict[str, frozenset[str]]:
    """Risk id -> ids of the techniques addressing it (both directions), once per loaded pack."""

    def build() -> dict[str, frozenset[str]]:
        by_risk: dict[str, set[str]] = {r.id: set() for r in ds.risks}
        for rid, tid in coverage_pairs(ds):
            by_risk[rid].add(tid)
        return {rid: frozenset(tids) for rid, tids in by_risk.items()}

    return _by_risk.get(ds, build)


def covering_techniques(ds: Dataset, techniques: Iterable[str] | None = None) -> list[str]:
    """The techniques (of ``techniques``, in pack order; all by default) that address at least one risk."""
    covering = set().union(*risk_coverage(ds).values()) if ds.risks else set()
    wanted = set(techniques) if techniques is not None else None
    return [t.id for t in ds.techniques if t.id in covering and (wanted is None or t.id in wanted)]


def too_big(ds: Dataset, techniques: Iterable[str] | None = None) -> bool:
    """True when the matrix of every risk by every technique shown (that addresses one) is too big to
    read: more than ``MAX_MATRIX_ROWS`` risks or ``MAX_MATRIX_COLUMNS`` techniques."""
    return len(ds.risks) > MAX_MATRIX_ROWS or len(covering_techniques(ds, techniques)) > MAX_MATRIX_COLUMNS


def shown_risks(ds: Dataset) -> list[str]:
    """The rows of the matrix: every risk, or the ``MAX_MATRIX_ROWS`` most relevant."""
    return ordered_risks(ds)[:MAX_MATRIX_ROWS]


def technique_group(tech: m.Technique) -> str:
    """A technique's group: its category and principle ("forward-robustness"), either alone
    ("forward-no-principle", "no-category-ethicality"), or ``UNCLASSIFIED`` when it has neither."""
    if tech.category is None and tech.principle is None:
        return UNCLASSIFIED
    return f"{tech.category or 'no-category'}-{tech.principle or 'no-principle'}"


def _group_labels() -> dict[str, str]:
    """Every group in its order (categories, then principles, unclassified last) -> its label:
    'Forward (training) · Robustness', 'Forward (training), no principle', 'No category · Ethicality'."""
    labels = {}
    for category in [*vocab.CATEGORY_LABELS, None]:
        for principle in [*vocab.PRINCIPLE_LABELS, None]:
            if category is None and principle is None:
                continue
            cat = vocab.CATEGORY_LABELS[category] if category else "No category"
            prin = f" · {vocab.PRINCIPLE_LABELS[principle]}" if principle else ", no principle"
            labels[f"{category or 'no-category'}-{principle or 'no-principle'}"] = cat + prin
    labels[UNCLASSIFIED] = "Unclassified"
    return labels


GROUP_LABELS = _group_labels()


def group_label(group: str) -> str:
    return GROUP_LABELS.get(group, group)


def technique_groups(ds: Dataset, techniques: Iterable[str]) -> dict[str, list[str]]:
    """Group id -> the ids of ``techniques`` in it (pack order); groups in a fixed order (categories,
    then principles, unclassified last), only those holding one of them."""
    groups: dict[str, list[str]] = {g: [] for g in GROUP_LABELS}
    for tid in techniques:
        groups[technique_group(ds.technique_by_id[tid])].append(tid)
    return {g: tids for g, tids in groups.items() if tids}


def coverage_groups(ds: Dataset, techniques: Iterable[str] | None = None) -> dict[str, str]:
    """Group id -> label, the column groups of the coverage matrix of ``techniques`` (all by default);
    empty when it has a column per technique (no more than ``MAX_MATRIX_COLUMNS`` address a risk)."""
    covering = covering_techniques(ds, techniques)
    if len(covering) <= MAX_MATRIX_COLUMNS:
        return {}
    return {g: group_label(g) for g in technique_groups(ds, covering)}


def pack_groups(ds: Dataset) -> dict[str, str]:
    """Group id -> label, for the groups of the techniques that address a risk (a link's allowed values)."""
    return {g: group_label(g) for g in technique_groups(ds, covering_techniques(ds))}


def risk_counts(ds: Dataset, techniques: Iterable[str], risks: Iterable[str] | None = None) -> dict[str, int]:
    """Risk id (most relevant first) -> how many of ``techniques`` address it."""
    chosen = frozenset(techniques)
    coverage = risk_coverage(ds)
    return {rid: len(coverage[rid] & chosen) for rid in (ordered_risks(ds) if risks is None else risks)}


GROUP_COLUMNS = [*COVERAGE_COLUMNS, "group_size"]


def group_frame(ds: Dataset, groups: dict[str, list[str]], risks: Iterable[str]) -> pd.DataFrame:
    """Long form of the grouped matrix: one row per (risk, group); ``technique_id`` and ``technique`` are
    the group's id and label, ``addresses`` how many of its techniques address the risk, ``group_size``
    how many techniques it holds."""
    coverage = risk_coverage(ds)
    sets = {g: frozenset(tids) for g, tids in groups.items()}
    rows = []
    for rid in risks:
        risk = ds.risk_by_id[rid]
        for g, tids in sets.items():
            rows.append(
                (
                    rid,
                    risk.name,
                    vocab.RELEVANCE_LABELS[risk.relevance],
                    vocab.RELEVANCE_ORDER.index(risk.relevance),
                    g,
                    group_label(g),
                    len(coverage[rid] & tids),
                    len(tids),
                )
            )
    return pd.DataFrame(rows, columns=GROUP_COLUMNS)


def group_table(ds: Dataset, groups: dict[str, list[str]], risks: Iterable[str]) -> pd.DataFrame:
    """Wide form of the grouped matrix: risk, relevance, per group the number of its techniques that
    address the risk, how many address it in all, their names (pack order), other methods named."""
    coverage = risk_coverage(ds)
    sets = {group_label(g): frozenset(tids) for g, tids in groups.items()}
    shown = [tid for tids in groups.values() for tid in tids]
    order = {tid: i for i, tid in enumerate(t.id for t in ds.techniques)}
    rows = []
    for rid in risks:
        risk = ds.risk_by_id[rid]
        row: dict[str, object] = {"risk": risk.name, "relevance": vocab.RELEVANCE_LABELS[risk.relevance]}
        row.update({label: len(coverage[rid] & tids) for label, tids in sets.items()})
        named = sorted(coverage[rid].intersection(shown), key=order.__getitem__)
        row["techniques addressing it"] = len(named)
        row[NAMED_COLUMN] = "; ".join(ds.technique_by_id[t].name for t in named)
        row["other methods named"] = ", ".join(risk.other_methods)
        rows.append(row)
    return pd.DataFrame(
        rows,
        columns=[
            "risk",
            "relevance",
            *sets,
            "techniques addressing it",
            NAMED_COLUMN,
            "other methods named",
        ],
    )


def drill_columns(ds: Dataset, techniques: list[str], risks: Iterable[str]) -> list[str]:
    """A group's techniques as columns: all of them when they fit (``MAX_MATRIX_COLUMNS``); else those
    addressing any of ``risks``, the ones addressing the most first (ties in pack order) up to the
    bound, kept in pack order (the first ones when none does)."""
    if len(techniques) <= MAX_MATRIX_COLUMNS:
        return list(techniques)
    coverage = risk_coverage(ds)
    hits = dict.fromkeys(techniques, 0)
    for rid in risks:
        for tid in coverage[rid]:
            if tid in hits:
                hits[tid] += 1
    rank = {tid: i for i, tid in enumerate(techniques)}
    named = sorted((t for t in techniques if hits[t]), key=lambda t: (-hits[t], rank[t]))[:MAX_MATRIX_COLUMNS]
    if not named:
        return techniques[:MAX_MATRIX_COLUMNS]
    top = set(named)
    return [t for t in techniques if t in top]


def counts_alt(ds: Dataset, per_risk: dict[str, int], what: str) -> str:
    """The text alternative of a matrix too big to draw whole: ``per_risk`` (risk id -> techniques shown
    addressing it) for the risks shown; ``what`` says what the rows and columns are."""
    return (
        f"Matrix of {what}. "
        + "; ".join(
            f"{ds.risk_by_id[r].name} ({vocab.RELEVANCE_LABELS[ds.risk_by_id[r].relevance]}): {n}"
            for r, n in per_risk.items()
        )
        + " techniques."
    )

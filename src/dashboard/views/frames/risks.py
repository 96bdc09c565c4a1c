"""Risks against techniques: which technique addresses which risk.

A technique addresses a risk when the risk names it (``risks.yaml``
``techniques``) or the technique names the risk (``techniques.yaml``
``risks``); both directions come from the texts' tables.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from dashboard.pack import vocab
from dashboard.pack.dataset import Dataset
from dashboard.pack.derived import PerObject


def coverage_pairs(ds: Dataset) -> set[tuple[str, str]]:
    """(risk id, technique id) for every technique that addresses a risk."""
    pairs = {(r.id, t) for r in ds.risks for t in r.techniques}
    pairs |= {(r, t.id) for t in ds.techniques for r in t.risks}
    return {(r, t) for r, t in pairs if r in ds.risk_by_id and t in ds.technique_by_id}


def ordered_risks(ds: Dataset) -> list[str]:
    """Risk ids, most relevant first (critical, high, medium, low), then by name."""
    order = {k: i for i, k in enumerate(vocab.RELEVANCE_ORDER)}
    return [r.id for r in sorted(ds.risks, key=lambda r: (order[r.relevance], r.name.lower()))]


COVERAGE_COLUMNS = ["risk_id", "risk", "relevance", "relevance_rank", "technique_id", "technique", "addresses"]


def coverage_frame(ds: Dataset, techniques: Iterable[str] | None = None) -> pd.DataFrame:
    """Long form: one row per (risk, technique) in the filter, addressed or not.

    Risks are ordered by relevance; techniques keep the filter's (pack) order,
    restricted to techniques that address at least one risk.
    """
    pairs = coverage_pairs(ds)
    tech_ids = list(techniques) if techniques is not None else [t.id for t in ds.techniques]
    covering = {t for _, t in pairs}
    tech_ids = [t for t in tech_ids if t in covering]
    tech_names = [ds.technique_by_id[t].name for t in tech_ids]
    cols: dict[str, list] = {k: [] for k in COVERAGE_COLUMNS}
    n = len(tech_ids)
    for rid in ordered_risks(ds):
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


def whole_coverage_table(ds: Dataset) -> pd.DataFrame:
    """``coverage_table(ds)`` with every technique, made once per loaded pack (shared: never mutate it).

    Every filtered view of the coverage offers it as "all rows"; at 100x it takes seconds to build."""
    return _whole.get(ds, lambda: coverage_table(ds))


def coverage_table(ds: Dataset, techniques: Iterable[str] | None = None) -> pd.DataFrame:
    """Wide form for reading and download: risk, relevance, one ✓ column per technique, other methods.

    One pass over the long frame (linear in risks x techniques).
    """
    long = coverage_frame(ds, techniques)
    names = long["technique"].tolist()
    tech_names = list(dict.fromkeys(names))
    marks: dict[str, dict[str, str]] = {}
    counts: dict[str, int] = {}
    for rid, name, addresses in zip(long["risk_id"].tolist(), names, long["addresses"].tolist(), strict=True):
        marks.setdefault(rid, {})[name] = "✓" if addresses else ""
        counts[rid] = counts.get(rid, 0) + bool(addresses)
    rows = []
    for rid in ordered_risks(ds):
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
    critical = [r.id for r in ds.risks if r.relevance == "critical"]
    if not critical:
        return f"{len(per_risk)} risks against {long['technique_id'].nunique()} techniques"
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

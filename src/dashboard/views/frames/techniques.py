"""Techniques as tables: the explorer's table, its filters, the side-by-side comparison."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from dashboard.analysis.references import primary_first, reference_label, unique
from dashboard.analysis.trust import credibility_text
from dashboard.pack import vocab
from dashboard.pack.dataset import Dataset
from dashboard.pack.textsafe import safe_url
from dashboard.views.frames.claims import figure_text
from dashboard.views.frames.effectiveness import range_text, ranges_text

NOT_GIVEN = "not given"

TECHNIQUE_COLUMNS = [
    "id",
    "name",
    "ai_assisted",
    "category",
    "category_label",
    "principle",
    "principle_label",
    "maturity",
    "maturity_label",
    "maturity_rank",
    "current_mid",
    "current_text",
    "superhuman_mid",
    "superhuman_text",
    "confidence_label",
    "risks",
    "risk_names",
    "labs",
    "lab_names",
    "n_claims",
    "summary",
    "mechanism",
    "key_limitation",
    "scalability_limits",
    "success_metrics",
    "references",
    "reference_titles",
    "link",
]


def techniques_frame(ds: Dataset, techniques: Iterable[str] | None = None) -> pd.DataFrame:
    """One row per technique (all fields, its estimate, names of its risks and labs), most mature first."""
    wanted = None if techniques is None else set(techniques)
    estimate = {e.technique: e for e in ds.estimates}
    # A lab can list a technique the technique does not list back: take both directions.
    labs_of: dict[str, list[str]] = {t.id: list(t.labs) for t in ds.techniques}
    for lab in ds.labs:
        for tid in lab.techniques:
            if tid in labs_of and lab.id not in labs_of[tid]:
                labs_of[tid].append(lab.id)
    risks_of: dict[str, list[str]] = {t.id: list(t.risks) for t in ds.techniques}
    for risk in ds.risks:
        for tid in risk.techniques:
            if tid in risks_of and risk.id not in risks_of[tid]:
                risks_of[tid].append(risk.id)
    n_claims: dict[str, int] = {}
    for c in ds.claims:
        if c.technique:
            n_claims[c.technique] = n_claims.get(c.technique, 0) + 1
    rank = {m: i for i, m in enumerate(vocab.MATURITY_ORDER)}
    rows = []
    for t in ds.techniques:
        if wanted is not None and t.id not in wanted:
            continue
        e = estimate.get(t.id)
        refs = unique([*t.references, *(e.references if e else [])])
        link = next(
            (
                safe_url(ds.reference_by_id[r].url)
                for r in refs
                if r in ds.reference_by_id and safe_url(ds.reference_by_id[r].url)
            ),
            None,
        )
        rows.append(
            {
                "id": t.id,
                "name": t.name,
                "ai_assisted": t.ai_assisted,
                "category": t.category,
                "category_label": vocab.CATEGORY_LABELS.get(t.category, NOT_GIVEN) if t.category else NOT_GIVEN,
                "principle": t.principle,
                "principle_label": vocab.PRINCIPLE_LABELS.get(t.principle, NOT_GIVEN) if t.principle else NOT_GIVEN,
                "maturity": t.maturity,
                "maturity_label": vocab.MATURITY_LABELS.get(t.maturity, NOT_GIVEN) if t.maturity else NOT_GIVEN,
                "maturity_rank": rank.get(t.maturity, len(rank)) if t.maturity else len(rank),
                "current_mid": None if e is None or e.current.unknown else (e.current.low + e.current.high) / 2,  # type: ignore[operator]
                "current_text": range_text(e.current) if e else "no estimate",
                "superhuman_mid": None
                if e is None or e.superhuman.unknown
                else (e.superhuman.low + e.superhuman.high) / 2,  # type: ignore[operator]
                "superhuman_text": range_text(e.superhuman) if e else "no estimate",
                "confidence_label": vocab.CONFIDENCE_LABELS[e.confidence] if e else "",
                "risks": risks_of[t.id],
                "risk_names": [ds.risk_by_id[r].name for r in risks_of[t.id] if r in ds.risk_by_id],
                "labs": labs_of[t.id],
                "lab_names": [ds.lab_by_id[lab].name for lab in labs_of[t.id] if lab in ds.lab_by_id],
                "n_claims": n_claims.get(t.id, 0),
                "summary": t.summary,
                "mechanism": t.mechanism or "",
                "key_limitation": t.key_limitation or "",
                "scalability_limits": t.scalability_limits or "",
                "success_metrics": t.success_metrics or "",
                "references": refs,
                "reference_titles": [reference_label(ds, r) for r in refs],
                "link": link,
            }
        )
    frame = pd.DataFrame(rows, columns=TECHNIQUE_COLUMNS)
    for col in ("current_mid", "superhuman_mid"):
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("float64")
    frame = frame.sort_values(["maturity_rank", "ai_assisted", "name"], ascending=[True, False, True], kind="stable")
    return frame.reset_index(drop=True)


# --------------------------------------------------------------------------
# Filters
# --------------------------------------------------------------------------


def filter_options(ds: Dataset) -> dict[str, dict[str, str]]:
    """{filter: {value: label}} for the explorer's filters, in a sensible order; only values in use."""
    used_cat = {t.category for t in ds.techniques if t.category}
    used_pri = {t.principle for t in ds.techniques if t.principle}
    used_mat = {t.maturity for t in ds.techniques if t.maturity}
    return {
        "category": {k: v for k, v in vocab.CATEGORY_LABELS.items() if k in used_cat},
        "principle": {k: v for k, v in vocab.PRINCIPLE_LABELS.items() if k in used_pri},
        "maturity": {k: vocab.MATURITY_LABELS[k] for k in vocab.MATURITY_ORDER if k in used_mat},
        "risk": {r.id: r.name for r in ds.risks},
        "lab": {lab.id: lab.name for lab in ds.labs},
    }


def apply_filters(
    frame: pd.DataFrame,
    *,
    category: Sequence[str] = (),
    principle: Sequence[str] = (),
    maturity: Sequence[str] = (),
    risk: Sequence[str] = (),
    lab: Sequence[str] = (),
    query: str = "",
    ai_assisted_only: bool = False,
) -> pd.DataFrame:
    """Rows matching every filter given; an empty filter matches all. ``query`` searches the text fields."""
    mask = pd.Series(True, index=frame.index)
    if category:
        mask &= frame["category"].isin(category)
    if principle:
        mask &= frame["principle"].isin(principle)
    if maturity:
        mask &= frame["maturity"].isin(maturity)
    if risk:
        wanted = set(risk)
        mask &= frame["risks"].map(lambda rs: bool(wanted & set(rs)))
    if lab:
        wanted_labs = set(lab)
        mask &= frame["labs"].map(lambda ls: bool(wanted_labs & set(ls)))
    if ai_assisted_only:
        mask &= frame["ai_assisted"]
    q = (query or "").strip().lower()
    if q:
        text_cols = ["name", "summary", "mechanism", "key_limitation", "scalability_limits", "success_metrics"]
        hay = (
            frame[text_cols].fillna("").agg(" ".join, axis=1)
            + " "
            + frame["risk_names"].map(" ".join)
            + " "
            + frame["lab_names"].map(" ".join)
        )
        mask &= hay.str.lower().str.contains(q, regex=False)
    return frame[mask].reset_index(drop=True)


def explorer_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The explorer's table as shown and downloaded."""
    return pd.DataFrame(
        {
            "Technique": frame["name"],
            "AI-assisted": frame["ai_assisted"],
            "Maturity": frame["maturity_label"],
            "Category": frame["category_label"],
            "RICE principle": frame["principle_label"],
            "Current (midpoint %)": frame["current_mid"],
            "Current": frame["current_text"],
            "Superhuman (midpoint %)": frame["superhuman_mid"],
            "Superhuman": frame["superhuman_text"],
            "Confidence": frame["confidence_label"],
            "Risks addressed": frame["risk_names"],
            "Labs": frame["lab_names"],
            "Figures": frame["n_claims"],
            "Key limitation": frame["key_limitation"],
            "Sources": frame["reference_titles"],
            "Source link": frame["link"],
        }
    )


def explorer_csv(frame: pd.DataFrame) -> pd.DataFrame:
    """The table with list cells joined by '; ' so the CSV stays flat."""
    out = explorer_table(frame).copy()
    for col in ("Risks addressed", "Labs", "Sources"):
        out[col] = out[col].map("; ".join)
    return out


# --------------------------------------------------------------------------
# Side-by-side comparison
# --------------------------------------------------------------------------

COMPARE_FIELDS = [
    ("summary", "Summary"),
    ("ai_assisted", "AI-assisted"),
    ("category_label", "Category"),
    ("principle_label", "RICE principle"),
    ("maturity_label", "Maturity"),
    ("mechanism", "Mechanism"),
    ("current_text", "Effectiveness now"),
    ("superhuman_text", "Effectiveness, superhuman (est.)"),
    ("confidence_label", "Confidence"),
    ("key_uncertainty", "Key uncertainty"),
    ("key_limitation", "Key limitation"),
    ("scalability_limits", "Scalability limits"),
    ("success_metrics", "Success metrics"),
    ("risk_names", "Risks addressed"),
    ("lab_names", "Labs"),
    ("reference_titles", "Sources"),
]


def compare_frame(ds: Dataset, technique_ids: Sequence[str]) -> pd.DataFrame:
    """Fields as rows, the chosen techniques as columns (in the order chosen)."""
    frame = techniques_frame(ds, technique_ids).set_index("id")
    estimate = {e.technique: e for e in ds.estimates}
    out = {}
    for tid in technique_ids:
        if tid not in frame.index:
            continue
        row = frame.loc[tid]
        values = []
        for field, _ in COMPARE_FIELDS:
            if field == "key_uncertainty":
                v = estimate[tid].key_uncertainty if tid in estimate else ""
            else:
                v = row[field]
            if isinstance(v, list):
                v = "; ".join(v)
            elif isinstance(v, (bool, np.bool_)):
                v = "yes" if v else "no"
            values.append(v if v not in ("", None) else vocab.MISSING)
        out[row["name"]] = values
    return pd.DataFrame(out, index=[label for _, label in COMPARE_FIELDS]).rename_axis("Field").reset_index()


def technique_claims(ds: Dataset, technique_id: str) -> pd.DataFrame:
    """Every claim about the technique: figure, what it measures, statement, year, sources with years."""
    rows = []
    for c in ds.claims:
        if c.technique != technique_id:
            continue
        rows.append(
            {
                "Figure": figure_text(c),
                "Measures": c.measures,
                "Statement": c.statement,
                "Year": c.year,
                "Sources": "; ".join(reference_label(ds, r) for r in primary_first(ds, c.references)),
                "Source credibility": credibility_text(ds, c.references),
                "Note": c.note or "",
            }
        )
    columns = ["Figure", "Measures", "Statement", "Year", "Sources", "Source credibility", "Note"]
    frame = pd.DataFrame(rows, columns=columns)
    frame["Year"] = frame["Year"].astype("Int64")
    return frame


def compare_references(ds: Dataset, technique_ids: Sequence[str]) -> list[str]:
    refs: list[str] = []
    for tid in technique_ids:
        t = ds.technique_by_id.get(tid)
        if t:
            refs += t.references
        refs += [r for e in ds.estimates if e.technique == tid for r in e.references]
        refs += [r for c in ds.claims if c.technique == tid for r in c.references]
    return unique(refs)


# The chart of the compared techniques' effectiveness (the page and presentation mode).
COMPARE_TAKEAWAY = "Effectiveness now and the estimate for superhuman systems, for the techniques compared"


def compare_alt(estimates: pd.DataFrame) -> str:
    """Text alternative of the comparison's range chart; ``estimates`` is ``effectiveness.estimates_frame``."""
    return f"Range chart: {ranges_text(estimates)}."

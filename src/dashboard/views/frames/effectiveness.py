"""Effectiveness estimates (current vs superhuman) and the oversight-gap figures, as tables."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from dashboard.analysis.references import reference_label, unique
from dashboard.analysis.trust import credibility_text, hover_sources
from dashboard.pack import vocab
from dashboard.pack.dataset import Dataset
from dashboard.pack.models import EstimateRange
from dashboard.views import style
from dashboard.views.frames.claims import claims_frame, figure_text  # noqa: F401  (re-exported)

ROW_LABEL_WRAP = 40  # characters a line of an oversight row's measure

SORTS = {
    "current": "Current effectiveness",
    "superhuman": "Superhuman effectiveness",
    "drop": "Drop from current to superhuman",
}

ESTIMATE_COLUMNS = [
    "technique",
    "name",
    "current_low",
    "current_high",
    "current_mid",
    "current_unknown",
    "current_estimate",
    "current_measure",
    "current_text",
    "superhuman_low",
    "superhuman_high",
    "superhuman_mid",
    "superhuman_unknown",
    "superhuman_estimate",
    "superhuman_measure",
    "superhuman_text",
    "drop",
    "confidence",
    "confidence_label",
    "opacity",
    "key_uncertainty",
    "references",
    "sources",
    "source_trust",
    "credibility",
]


def range_text(r: EstimateRange) -> str:
    """'80–90%', '80–90% (est.)', '85%' or 'Unknown'."""
    if r.unknown:
        return "Unknown"
    body = f"{r.low:g}%" if r.low == r.high else f"{r.low:g}–{r.high:g}%"
    return body + (" (est.)" if r.estimate else "")


def _side(prefix: str, r: EstimateRange) -> dict:
    mid = None if r.unknown else (r.low + r.high) / 2  # type: ignore[operator]
    return {
        f"{prefix}_low": None if r.unknown else r.low,
        f"{prefix}_high": None if r.unknown else r.high,
        f"{prefix}_mid": mid,
        f"{prefix}_unknown": r.unknown,
        f"{prefix}_estimate": r.estimate,
        f"{prefix}_measure": r.measure or "",
        f"{prefix}_text": range_text(r),
    }


def estimates_frame(ds: Dataset, techniques: Iterable[str] | None = None, sort: str = "current") -> pd.DataFrame:
    """One row per technique with an estimate, in display order (first row = top of the chart).

    Unknown sides stay unknown: their low/high/mid are missing (never 0) and ``*_unknown`` is True.
    ``drop`` is current midpoint minus superhuman midpoint; missing when either side is unknown.
    Rows whose sort value is unknown go last.
    """
    wanted = None if techniques is None else set(techniques)
    rows = []
    for e in ds.estimates:
        if wanted is not None and e.technique not in wanted:
            continue
        tech = ds.technique_by_id.get(e.technique)
        row = {"technique": e.technique, "name": tech.name if tech else e.technique}
        row |= _side("current", e.current)
        row |= _side("superhuman", e.superhuman)
        cm, sm = row["current_mid"], row["superhuman_mid"]
        row["drop"] = None if cm is None or sm is None else cm - sm  # type: ignore[operator]
        row["confidence"] = e.confidence
        row["confidence_label"] = vocab.CONFIDENCE_LABELS[e.confidence]
        row["opacity"] = style.CONFIDENCE_OPACITY[e.confidence]  # type: ignore[assignment]
        row["key_uncertainty"] = e.key_uncertainty
        row["references"] = list(e.references)  # type: ignore[assignment]
        row["sources"] = "; ".join(reference_label(ds, r) for r in e.references)
        row["source_trust"] = hover_sources(ds, e.references)  # the hover adds ' · est.' per side
        row["credibility"] = credibility_text(ds, e.references)
        rows.append(row)
    frame = pd.DataFrame(rows, columns=ESTIMATE_COLUMNS)
    for col in (
        "current_low",
        "current_high",
        "current_mid",
        "superhuman_low",
        "superhuman_high",
        "superhuman_mid",
        "drop",
    ):
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("float64")
    return sort_estimates(frame, sort)


def sort_estimates(frame: pd.DataFrame, sort: str) -> pd.DataFrame:
    key = {"current": "current_mid", "superhuman": "superhuman_mid", "drop": "drop"}.get(sort, "current_mid")
    # Highest first; unknowns (NaN) last; ties broken by name for a stable order.
    out = frame.sort_values([key, "name"], ascending=[False, True], na_position="last", kind="stable")
    return out.reset_index(drop=True)


def estimates_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The table view of the range chart, as shown and downloaded."""
    return pd.DataFrame(
        {
            "Technique": frame["name"],
            "Current low (%)": frame["current_low"],
            "Current high (%)": frame["current_high"],
            "Current": frame["current_text"],
            "Current measures": frame["current_measure"],
            "Superhuman low (%)": frame["superhuman_low"],
            "Superhuman high (%)": frame["superhuman_high"],
            "Superhuman": frame["superhuman_text"],
            "Drop between midpoints (points)": frame["drop"],
            "Confidence": frame["confidence_label"],
            "Key uncertainty": frame["key_uncertainty"],
            "Sources": frame["sources"],
            "Source credibility": frame["credibility"],
        }
    )


def not_estimated(ds: Dataset, asked: Iterable[str], frame: pd.DataFrame) -> str:
    """'RLHF is not drawn: the data has no effectiveness estimate for it.' for the techniques asked for that
    have no row in ``frame`` (an ``estimates_frame``), else ''."""
    drawn = set(frame["technique"])
    names = [ds.technique_by_id[t].name for t in asked if t not in drawn and t in ds.technique_by_id]
    if not names:
        return ""
    if len(names) == 1:
        return f"{names[0]} is not drawn: the data has no effectiveness estimate for it."
    return f"{', '.join(names[:-1])} and {names[-1]} are not drawn: the data has no effectiveness estimate for them."


def estimate_references(frame: pd.DataFrame) -> list[str]:
    return unique(r for refs in frame["references"] for r in refs)


def ranges_text(frame: pd.DataFrame) -> str:
    """'AI Debate 60–80% now, 50–65% superhuman; ...' for every row of ``estimates_frame``."""
    return "; ".join(
        f"{r['name']} {r['current_text']} now, {r['superhuman_text']} superhuman" for _, r in frame.iterrows()
    )


def effectiveness_takeaway(frame: pd.DataFrame) -> str:
    """The range chart's title: the technique whose estimate falls most for superhuman systems."""
    known = frame.dropna(subset=["drop"])
    if known.empty:
        return "Current effectiveness by technique; no superhuman estimate is known for these"
    worst = known.loc[known["drop"].idxmax()]
    lead = (
        "Every estimate falls for superhuman systems; the largest drop is "
        if (known["drop"] > 0).all()
        else "The largest drop is "
    )
    return f"{lead}{worst['name']} ({worst['current_text']} now, {worst['superhuman_text']} superhuman)"


def effectiveness_alt(frame: pd.DataFrame) -> str:
    return f"Range chart of {len(frame)} techniques: {ranges_text(frame)}."


# --------------------------------------------------------------------------
# Oversight success against the capability gap
# --------------------------------------------------------------------------

# The quantities (claim.quantity) that measure how well a weaker overseer does against a stronger
# system, in the order the chart shows them, with a short label. Quantities absent from a pack are
# skipped; every claim of a listed quantity is shown, so sources that disagree stay side by side.
OVERSIGHT_QUANTITIES: dict[str, str] = {
    "oversight-success-at-large-capability-gap": "Oversight success, judge 400 Elo weaker",
    "debate-judge-accuracy": "Judge accuracy on factual questions with debate",
    "debate-mnist-classifier-accuracy-baseline": "MNIST classifier judge from 6 pixels, no debate",
    "debate-mnist-classifier-accuracy": "MNIST classifier judge from 6 pixels, with debate",
    "weak-to-strong-performance-recovery": "Weak-to-strong performance recovered",
    "weak-to-strong-capability-gap-closed": "Weak-to-strong capability gap closed",
}


def oversight_frame(
    ds: Dataset, techniques: Iterable[str] | None = None, quantities: dict[str, str] | None = None
) -> pd.DataFrame:
    """Claims of the oversight quantities in percent, one row each; filtered by technique where a claim names one."""
    quantities = OVERSIGHT_QUANTITIES if quantities is None else quantities
    wanted = None if techniques is None else set(techniques)
    ids = [
        c.id
        for q in quantities
        for c in ds.claims
        if c.quantity == q
        and not c.figure.unknown
        and c.figure.unit in ("percent", "f1-percent")
        and (wanted is None or c.technique is None or c.technique in wanted)
    ]
    frame = claims_frame(ds, ids)
    frame["quantity_label"] = [quantities[q] for q in frame["quantity"]]
    frame["source_short"] = _short_sources(ds, frame)
    # Short lines (measure, source, the page that states it): one long line left the bars no room, and a
    # measure of 49 characters on one line left a laptop's half-width plot 173 px.
    frame["row_label"] = [
        f"{style.wrap(q, ROW_LABEL_WRAP)}<br>{src}<br>per {stated}"
        for q, src, stated in zip(frame["quantity_label"], frame["source_short"], frame["stated_in_title"])
    ]
    # Two claims with the same label would share a row: number them.
    dup = frame["row_label"].duplicated(keep=False)
    if dup.any():
        frame.loc[dup, "row_label"] = [f"{lbl} ({i + 1})" for i, lbl in enumerate(frame.loc[dup, "row_label"])]
    return frame


def _short(title: str, width: int = 30) -> str:
    return title if len(title) <= width else title[: width - 1].rstrip(" :,;") + "…"


def _short_sources(ds: Dataset, frame: pd.DataFrame) -> list[str]:
    """The first reference, shortened, with its year; "+N" for more."""
    out = []
    for refs in frame["references"]:
        known = [ds.reference_by_id[r] for r in refs if r in ds.reference_by_id]
        if not known:
            out.append("no reference")
            continue
        first = known[0]
        text = _short(first.title) + (f" ({first.year})" if first.year else "")
        if len(known) > 1:
            text += f" +{len(known) - 1}"
        out.append(text)
    return out


def oversight_table(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Measure": frame["quantity_label"],
            "Figure": frame["figure_text"],
            "Low (%)": frame["low"],
            "High (%)": frame["high"],
            "Statement": frame["statement"],
            "Year": frame["year"],
            "Sources disagree": frame["disagrees"],
            "Sources": frame["sources"],
            "Source credibility": frame["credibility"],
        }
    )


def claim_references(frame: pd.DataFrame) -> list[str]:
    return unique(r for refs in frame["references"] for r in refs)


def oversight_takeaway(frame: pd.DataFrame) -> str:
    """Names the measures the sources disagree on, so the disagreement is in the headline."""
    n = len(claim_references(frame))
    differing = list(dict.fromkeys(frame.loc[frame["disagrees"], "quantity_label"]))
    if differing:
        return (
            f"Overseeing stronger systems: {len(frame)} figures from {n} sources, which disagree on "
            + " and on ".join(d[0].lower() + d[1:] for d in differing)
        )
    return f"Overseeing stronger systems: {len(frame)} figures from {n} sources"


def oversight_alt(frame: pd.DataFrame) -> str:
    parts = [f"{r['quantity_label']}: {r['figure_text']} ({r['sources']})" for _, r in frame.iterrows()]
    return "Figures on overseeing stronger systems, each with its source: " + "; ".join(parts) + "."

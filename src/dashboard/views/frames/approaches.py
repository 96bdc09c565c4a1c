"""AI-assisted alignment against its alternatives, and the outlook tables around it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd

from dashboard.analysis.provenance import format_figure
from dashboard.analysis.trust import credibility_text, hover_sources
from dashboard.pack import models as m
from dashboard.pack import vocab
from dashboard.pack.dataset import Dataset

GROUPS = ["optimistic", "pessimistic", "mixed"]
GROUP_LABELS = {"optimistic": "Optimistic", "pessimistic": "Pessimistic", "mixed": "Mixed"}


def _refs(ds: Dataset, ids: Iterable[str]) -> str:
    out = []
    for rid in dict.fromkeys(ids):
        ref = ds.reference_by_id.get(rid)
        if ref is None:
            out.append(rid)
        else:
            out.append(f"{ref.title} ({ref.year if ref.year is not None else 'n.d.'})")
    return "; ".join(out)


def _claims(ds: Dataset, ids: Iterable[str]) -> str:
    out = []
    for cid in ids:
        c = ds.claim_by_id.get(cid)
        if c is not None:
            out.append(f"{format_figure(c.figure)}{' (est.)' if c.estimate else ''} {c.measures}")
    return "; ".join(out)


def _tech_names(ds: Dataset, ids: Iterable[str]) -> str:
    return ", ".join(ds.technique_by_id[t].name for t in ids if t in ds.technique_by_id)


def _in_filter(ids: Iterable[str], techniques: Iterable[str] | None) -> bool:
    """Rows tied to no technique always stay; others need one technique in the filter."""
    ids = list(ids)
    if techniques is None or not ids:
        return True
    return bool(set(ids) & set(techniques))


# --------------------------------------------------------------------------
# Comparison with alternatives
# --------------------------------------------------------------------------


def comparison_frame(ds: Dataset, techniques: Iterable[str] | None = None) -> pd.DataFrame:
    rows = []
    for a in ds.approaches:
        if not _in_filter(a.techniques, techniques):
            continue
        rows.append(
            {
                "approach": a.name,
                "strengths": "; ".join(a.strengths),
                "weaknesses": "; ".join(a.weaknesses),
                "when to prefer": "; ".join(a.when_to_prefer),
                "techniques": _tech_names(ds, a.techniques) or vocab.MISSING,
                "sources": _refs(ds, a.references),
                "id": a.id,
            }
        )
    return pd.DataFrame(
        rows, columns=["approach", "strengths", "weaknesses", "when to prefer", "techniques", "sources", "id"]
    )


# --------------------------------------------------------------------------
# Scalability concerns
# --------------------------------------------------------------------------

NOT_QUANTIFIED = "not quantified"


def scalability_frame(ds: Dataset) -> pd.DataFrame:
    """One row per challenge: its success-probability range (percent) or, where none is given, why not.

    ``low``/``high`` stay empty (never 0) for an unquantified challenge; ``probability`` says so in words.
    """
    rows = []
    for s in ds.scalability:
        f = s.success_probability
        quantified = f is not None and not f.unknown
        if quantified:
            low = f.low if f.is_range else f.value  # type: ignore[union-attr]
            high = f.high if f.is_range else f.value  # type: ignore[union-attr]
            probability = format_figure(f)  # type: ignore[arg-type]
        else:
            low = high = None
            probability = f"{NOT_QUANTIFIED}: {s.success_status}" if s.success_status else NOT_QUANTIFIED
        rows.append(
            {
                "challenge": s.challenge,
                "success probability": probability,
                "low": low,
                "high": high,
                "of what": s.success_target or "",
                "quantified": quantified,
                "current status": s.current_status,
                "limitations": s.limitations,
                "AGI implications": s.agi_implications,
                "proposed solutions": "; ".join(s.proposed_solutions),
                "sources": _refs(ds, s.references),
                "source credibility": credibility_text(ds, s.references),
                "source_trust": hover_sources(ds, s.references),
                "id": s.id,
            }
        )
    frame = pd.DataFrame(
        rows,
        columns=[
            "challenge",
            "success probability",
            "low",
            "high",
            "of what",
            "quantified",
            "current status",
            "limitations",
            "AGI implications",
            "proposed solutions",
            "sources",
            "source credibility",
            "source_trust",
            "id",
        ],
    )
    frame["low"] = frame["low"].astype("Float64")
    frame["high"] = frame["high"].astype("Float64")
    return frame


def scalability_references(ds: Dataset) -> list[str]:
    ids = [r for s in ds.scalability for r in s.references]
    for s in ds.scalability:
        for cid in s.claims:
            c = ds.claim_by_id.get(cid)
            if c is not None:
                ids.extend(c.references)
    return list(dict.fromkeys(ids))


# --------------------------------------------------------------------------
# Outlook tables
# --------------------------------------------------------------------------


def survey_frame(ds: Dataset) -> pd.DataFrame:
    rows = [
        {
            "question": r.question,
            "median": r.median,
            "range": r.range or vocab.MISSING,
            "figures": _claims(ds, r.claims),
            "sources": _refs(ds, r.references),
        }
        for r in ds.outlook.expert_survey
    ]
    return pd.DataFrame(rows, columns=["question", "median", "range", "figures", "sources"])


def phases_frame(ds: Dataset) -> pd.DataFrame:
    rows = [
        {"horizon": p.horizon, "years": p.years, "what the text expects": item, "phase": p.id}
        for p in ds.outlook.timeline
        for item in p.items
    ]
    return pd.DataFrame(rows, columns=["horizon", "years", "what the text expects", "phase"])


def format_date(event: m.TimelineEvent) -> str:
    if event.precision == "year":
        return f"{event.date.year}"
    if event.precision == "late-year":
        return f"late {event.date.year}"
    if event.precision == "month":
        return event.date.strftime("%B %Y")
    return event.date.isoformat()


def placed(event: m.TimelineEvent) -> dt.date:
    """Where an event sits on the time line: its date, or for "late 2025" the start of the year's last
    quarter, so it follows the year's dated events (the table says "late 2025", not this date)."""
    if event.precision == "late-year":
        return event.date.replace(month=10, day=1)
    return event.date


def events_frame(ds: Dataset) -> pd.DataFrame:
    rows = [
        {
            "date": placed(e),
            "when": format_date(e),
            "event": e.title,
            "what happened": e.text,
            "figures": _claims(ds, e.claims),
            "sources": _refs(ds, e.references),
            "precision": e.precision,
        }
        for e in sorted(ds.outlook.events, key=placed)
    ]
    return pd.DataFrame(rows, columns=["date", "when", "event", "what happened", "figures", "sources", "precision"])


def limitations_frame(ds: Dataset) -> pd.DataFrame:
    rows = [
        {
            "limitation": x.title,
            "why it matters": x.text,
            "figures": _claims(ds, x.claims),
            "sources": _refs(ds, x.references),
        }
        for x in ds.outlook.limitations
    ]
    return pd.DataFrame(rows, columns=["limitation", "why it matters", "figures", "sources"])


NOT_DESCRIBED = "Named but not described by the source"


def levels_frame(ds: Dataset) -> pd.DataFrame:
    rows = []
    by_level = {lv.level: lv for lv in ds.outlook.automation_levels}
    for level in range(1, 5):
        lv = by_level.get(level)
        if lv is None:
            rows.append(
                {
                    "level": level,
                    "name": vocab.MISSING,
                    "described": False,
                    "description": "Not in the pack",
                    "examples": "",
                    "sources": "",
                }
            )
            continue
        rows.append(
            {
                "level": lv.level,
                "name": lv.name,
                "described": lv.described,
                "description": lv.description if lv.described else f"{NOT_DESCRIBED}. {lv.description}".strip(),
                "examples": "; ".join(lv.examples),
                "sources": _refs(ds, lv.references),
            }
        )
    return pd.DataFrame(rows, columns=["level", "name", "described", "description", "examples", "sources"])


def oversight_frame(ds: Dataset, techniques: Iterable[str] | None = None) -> pd.DataFrame:
    order = {k: i for i, k in enumerate(vocab.MATURITY_ORDER)}
    rows = []
    for o in sorted(ds.outlook.oversight, key=lambda o: order[o.maturity]):
        if not _in_filter([o.technique] if o.technique else [], techniques):
            continue
        rows.append(
            {
                "approach": o.name,
                "maturity": vocab.MATURITY_LABELS[o.maturity],
                "key benefits": o.benefits,
                "major concerns": o.concerns,
                "leading work": o.leading_work,
                "technique": ds.technique_by_id[o.technique].name
                if o.technique in ds.technique_by_id
                else vocab.MISSING,
                "sources": _refs(ds, o.references),
            }
        )
    return pd.DataFrame(
        rows,
        columns=["approach", "maturity", "key benefits", "major concerns", "leading work", "technique", "sources"],
    )


def assessment(ds: Dataset, assessment_id: str) -> m.Assessment | None:
    return next((a for a in ds.assessments if a.id == assessment_id), None)


_ROW_FIELDS = ["dimension", "rating", "grade", "timeline", "confidence", "evidence"]


def assessment_frame(a: m.Assessment) -> pd.DataFrame:
    """An assessment table with the text's own column headers, in its order; columns no row fills are dropped."""
    order = [f for f in a.columns if f in _ROW_FIELDS] + [f for f in _ROW_FIELDS if f not in a.columns]
    used = [f for f in order if any(getattr(r, f) for r in a.rows)]
    rows = [{a.columns.get(f, f.capitalize()): getattr(r, f) or "" for f in used} for r in a.rows]
    return pd.DataFrame(rows, columns=[a.columns.get(f, f.capitalize()) for f in used])


def expert_views_frame(ds: Dataset) -> pd.DataFrame:
    order = {g: i for i, g in enumerate(GROUPS)}
    rows = [
        {
            "outlook": GROUP_LABELS[v.outlook],
            "person": v.person,
            "affiliation": v.affiliation or "",
            "view": v.view,
            "quote": v.quote or "",
            "figures": _claims(ds, v.claims),
            "sources": _refs(ds, v.references),
            "group": v.outlook,
        }
        for v in sorted(ds.outlook.expert_views, key=lambda v: (order[v.outlook], v.person))
    ]
    return pd.DataFrame(
        rows, columns=["outlook", "person", "affiliation", "view", "quote", "figures", "sources", "group"]
    )


def outlook_references(ds: Dataset, part: str) -> list[str]:
    """The references of one outlook list (expert_survey, events, limitations, ...)."""
    ids: list[str] = []
    for item in getattr(ds.outlook, part):
        ids.extend(getattr(item, "references", []))
    return list(dict.fromkeys(ids))


# --------------------------------------------------------------------------
# Chart words (shared by the page and presentation mode)
# --------------------------------------------------------------------------


MAX_CHART_CHALLENGES = 20  # scalability concerns the range chart draws; a big pack's chart shows the first 20
MAX_CHART_EVENTS = 20  # events the timeline draws; a big pack's timeline shows the 20 latest
NAMED_UNQUANTIFIED = 10  # unquantified challenges named in the range chart's note


def shown_challenges(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``scalability_frame`` the range chart draws: all of them, or the first ``MAX_CHART_CHALLENGES``
    in the pack's order (a chart of 500 ranges cannot be read)."""
    return frame if len(frame) <= MAX_CHART_CHALLENGES else frame.head(MAX_CHART_CHALLENGES).reset_index(drop=True)


def shown_events(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``events_frame`` the timeline draws: all of them, or the latest ``MAX_CHART_EVENTS`` (1,000
    labelled events on one axis cannot be read)."""
    return frame if len(frame) <= MAX_CHART_EVENTS else frame.tail(MAX_CHART_EVENTS).reset_index(drop=True)


def shown_note(shown: int, total: int, noun: str, which: str) -> str:
    """The note under a chart that draws ``shown`` of ``total`` rows, ``which`` ones (empty when it draws them all)."""
    if shown >= total:
        return ""
    return f"Showing {shown} of {total:,} {noun} ({which}); the table and its CSV have every one."


def unquantified_note(frame: pd.DataFrame) -> str:
    """The challenges of ``scalability_frame`` without a probability, the first ``NAMED_UNQUANTIFIED`` by name."""
    unq = list(frame.loc[~frame["quantified"], "challenge"])
    if not unq:
        return ""
    more = len(unq) - NAMED_UNQUANTIFIED
    named = ", ".join(unq[:NAMED_UNQUANTIFIED]) + (f" and {more:,} more" if more > 0 else "")
    return f"Not quantified: {named}. The text gives no probability; the chart shows words, not a bar at zero."


def scalability_takeaway(frame: pd.DataFrame) -> str:
    q = frame[frame["quantified"]]
    if q.empty:
        return "None of the scalability concerns has a quantified chance of success"
    best = q.loc[q["high"].astype(float).idxmax()]
    worst = q.loc[q["low"].astype(float).idxmin()]
    return (
        f"No scaling problem is given better odds than {best['success probability']} "
        f"({best['challenge']}); {worst['challenge']} starts as low as {worst['low']:g}%"
    )


def scalability_alt(frame: pd.DataFrame) -> str:
    return (
        "Range chart of the chance each scaling challenge is solved: "
        + "; ".join(
            f"{r['challenge']} {r['success probability']}{' ' + r['of what'] if r['of what'] else ''}"
            for _, r in frame.iterrows()
        )
        + "."
    )


def events_takeaway(frame: pd.DataFrame) -> str:
    first, last = frame.iloc[0], frame.iloc[-1]
    return f"{len(frame)} dated events from {first['when']} to {last['when']}"


def events_alt(frame: pd.DataFrame) -> str:
    return "Timeline of events: " + "; ".join(f"{r['when']}: {r['event']}" for _, r in frame.iterrows()) + "."

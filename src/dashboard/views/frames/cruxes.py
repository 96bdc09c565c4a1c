"""Cruxes, their evidence, and the reader's reading of them as tables."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from dashboard.analysis import beliefs as b
from dashboard.analysis.provenance import format_figure
from dashboard.pack import vocab
from dashboard.pack.dataset import Dataset

EVIDENCE_COLUMNS = ["crux", "position", "stance", "evidence", "references", "claims", "reference_ids", "claim_ids"]


def _refs_text(ds: Dataset, ids: Iterable[str]) -> str:
    out = []
    for rid in dict.fromkeys(ids):
        ref = ds.reference_by_id.get(rid)
        if ref is None:
            out.append(rid)
            continue
        year = ref.year if ref.year is not None else "n.d."
        out.append(f"{ref.title} ({year}) {vocab.stars(ref.credibility)}")
    return "; ".join(out)


def _claims_text(ds: Dataset, ids: Iterable[str]) -> str:
    out = []
    for cid in dict.fromkeys(ids):
        claim = ds.claim_by_id.get(cid)
        if claim is None:
            out.append(cid)
            continue
        year = f", {claim.year}" if claim.year else ""
        est = " est." if claim.estimate else ""
        out.append(f"{format_figure(claim.figure)}{est} ({claim.measures}{year})")
    return "; ".join(out)


def evidence_frame(ds: Dataset, crux_id: str) -> pd.DataFrame:
    """One row per evidence item of a crux: its position, for/against, text, references and claims."""
    crux = ds.crux_by_id[crux_id]
    rows = []
    for pos in crux.positions:
        for stance, items in (("for", pos.evidence_for), ("against", pos.evidence_against)):
            for ev in items:
                refs = list(ev.references)
                # An item that names claims but no references rests on the claims' references.
                for cid in ev.claims:
                    claim = ds.claim_by_id.get(cid)
                    if claim is not None and not ev.references:
                        refs.extend(claim.references)
                rows.append(
                    {
                        "crux": crux.title,
                        "position": pos.label,
                        "stance": stance,
                        "evidence": ev.text,
                        "references": _refs_text(ds, refs),
                        "claims": _claims_text(ds, ev.claims),
                        "reference_ids": list(dict.fromkeys(refs)),
                        "claim_ids": list(ev.claims),
                    }
                )
    return pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)


def crux_references(ds: Dataset, crux_id: str) -> list[str]:
    """The crux's own references, then every evidence item's and its claims'."""
    crux = ds.crux_by_id[crux_id]
    ids = list(crux.references)
    for pos in crux.positions:
        for ev in [*pos.evidence_for, *pos.evidence_against]:
            ids.extend(ev.references)
            for cid in ev.claims:
                claim = ds.claim_by_id.get(cid)
                if claim is not None:
                    ids.extend(claim.references)
    return list(dict.fromkeys(ids))


def other_cruxes_frame(ds: Dataset, techniques: Iterable[str] | None = None) -> pd.DataFrame:
    """Technical cruxes and strategic questions with their related techniques.

    With ``techniques`` (the sidebar filter), only cruxes related to one of them,
    plus those related to no technique at all, are kept; related techniques
    outside the filter are still named (the crux is about them too).
    """
    chosen = set(techniques) if techniques is not None else None
    rows = []
    for c in ds.cruxes:
        if c.kind == "ai-assisted":
            continue
        if chosen is not None and c.related_techniques and not chosen & set(c.related_techniques):
            continue
        names = [ds.technique_by_id[t].name for t in c.related_techniques if t in ds.technique_by_id]
        rows.append(
            {
                "kind": "Technical crux" if c.kind == "technical" else "Strategic question",
                "crux": c.title,
                "question": c.question,
                "summary": c.summary,
                "related techniques": ", ".join(names) if names else vocab.MISSING,
                "references": _refs_text(ds, c.references),
                "id": c.id,
            }
        )
    frame = pd.DataFrame(
        rows, columns=["kind", "crux", "question", "summary", "related techniques", "references", "id"]
    )
    return frame.sort_values(["kind", "crux"], kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------
# The reader's reading
# --------------------------------------------------------------------------


def _drivers_text(drivers: list[b.Driver]) -> str:
    if not drivers:
        return "not tied to a crux"
    return "; ".join(f'{d.crux_title} = {d.credence} (needs {d.side}: "{d.position}")' for d in drivers)


def beliefs_frame(ds: Dataset, credences: Mapping[str, float]) -> pd.DataFrame:
    rows = []
    for s in b.evaluate_beliefs(ds, credences):
        rows.append(
            {
                "belief": s.belief.text,
                "the text lists it under": "Good fit" if s.belief.fit == "good-fit" else "Less relevant",
                "your reading": b.STATUS_LABELS[s.status],
                "driven by": _drivers_text(s.drivers),
                "status": s.status,
                "id": s.belief.id,
            }
        )
    return pd.DataFrame(
        rows, columns=["belief", "the text lists it under", "your reading", "driven by", "status", "id"]
    )


APPROACH_STATUS_LABELS = {
    "holds": "Favoured",
    "rejected": "Not favoured",
    "split": "Pulled both ways",
    "open": "Undecided",
    "unlinked": "Not tied to a crux",
}


def approaches_reading_frame(ds: Dataset, credences: Mapping[str, float]) -> pd.DataFrame:
    rows = []
    for s in b.evaluate_approaches(ds, credences):
        rows.append(
            {
                "approach": s.approach.name,
                "your reading": APPROACH_STATUS_LABELS[s.status],
                "when to prefer (the text)": "; ".join(s.approach.when_to_prefer),
                "driven by": _drivers_text(s.drivers),
                "status": s.status,
                "id": s.approach.id,
            }
        )
    return pd.DataFrame(
        rows,
        columns=["approach", "your reading", "when to prefer (the text)", "driven by", "status", "id"],
    )


def stance_frame(stance: b.Stance) -> pd.DataFrame:
    """One row per credence crux: the credence, which end is the optimistic one, and why."""
    rows = []
    for crux, credence, optimism, why in stance.contributions:
        rows.append(
            {
                "crux": crux.title,
                "your credence": credence,
                "towards 'alignment easy' (0-100)": round(optimism, 1),
                "why this direction": why,
            }
        )
    return pd.DataFrame(
        rows, columns=["crux", "your credence", "towards 'alignment easy' (0-100)", "why this direction"]
    )


def recommendation_text(ds: Dataset, credences: Mapping[str, float]) -> str:
    """One plain paragraph: the verdict, the beliefs held, the approaches favoured, and the credences behind them."""
    statuses = b.evaluate_beliefs(ds, credences)
    v = b.verdict(statuses)
    parts = [f"Verdict: {v.label}. {v.reason}"]
    held = [s for s in statuses if s.held]
    for s in held:
        why = "; ".join(f"{d.crux_title} at {d.credence}" for d in s.drivers if d.state == "agrees")
        parts.append(f'You hold "{s.belief.text}" (from {why}).')
    approaches = b.evaluate_approaches(ds, credences)
    fav = [a for a in approaches if a.favoured]
    if fav:
        for a in fav:
            why = "; ".join(f"{d.crux_title} at {d.credence}" for d in a.drivers if d.state == "agrees")
            parts.append(f"Favoured approach: {a.approach.name} (from {why}).")
    else:
        parts.append("No approach is favoured by your credences yet.")
    return " ".join(parts)


# --------------------------------------------------------------------------
# The stance chart's words (shared by the page and presentation mode)
# --------------------------------------------------------------------------


def stance_takeaway(stance: b.Stance) -> str:
    """One line: where the credences put the reader and what the text says at that end."""
    if stance.nearer == "middle":
        return f"Your credences put you at {stance.position:.0f} of 100, between the hard and easy scenarios"
    end = stance.hard if stance.nearer == "hard" else stance.easy
    rating = f" (rated {end.rating} there)" if end and end.rating else ""
    return f'Your credences put you at {stance.position:.0f} of 100, nearer "alignment is {stance.nearer}"{rating}'


def stance_ends(stance: b.Stance) -> list[str]:
    """The evaluation summary at each end: 'If alignment hard: Medium (Bootstrapping may fail)'."""
    return [
        f"{sc.dimension}: {sc.rating or '—'}{' (' + sc.note.rstrip('.') + ')' if sc.note else ''}"
        for sc in (stance.hard, stance.easy)
        if sc is not None
    ]


def stance_alt(stance: b.Stance) -> str:
    ends = stance_ends(stance)
    return (
        f"Dot plot on a 0-100 scale from 'alignment hard' to 'alignment easy'. You are at {stance.position:.0f}. "
        + "; ".join(f"{c.title}: credence {cr}, {o:.0f} towards easy" for c, cr, o, _ in stance.contributions)
        + ". "
        + ("The text's assessment at the ends: " + "; ".join(ends) + "." if ends else "")
    ).strip()


def stance_references(ds: Dataset, stance: b.Stance) -> list[str]:
    """The evaluation summary's references, then the AI-assisted cruxes'."""
    crux_refs = (r for c in ds.cruxes if c.kind == "ai-assisted" for r in c.references)
    return list(dict.fromkeys([*stance.references, *crux_refs]))

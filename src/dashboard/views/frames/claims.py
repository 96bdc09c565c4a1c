"""Claims (quantified figures) as a reader sees them: the figure as the text gives it, with sources."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from dashboard.analysis.provenance import disagreements, format_figure
from dashboard.analysis.references import reference_label
from dashboard.analysis.trust import credibility_text, hover_sources
from dashboard.pack.dataset import Dataset
from dashboard.pack.models import Claim

CLAIM_COLUMNS = [
    "claim",
    "quantity",
    "measures",
    "statement",
    "low",
    "high",
    "value",
    "qualifier",
    "unit",
    "year",
    "estimate",
    "technique",
    "references",
    "sources",
    "source_trust",
    "credibility",
    "source_years",
    "figure_text",
    "stated_in",
    "stated_in_title",
    "disagrees",
]


def figure_text(claim: Claim) -> str:
    """A claim's figure as the text gives it, with "(est.)" where the text marks an estimate."""
    text = format_figure(claim.figure)
    if claim.figure.unknown:
        return "Unknown"
    return text + (" (est.)" if claim.estimate else "")


def claims_frame(ds: Dataset, claim_ids: Sequence[str]) -> pd.DataFrame:
    """Chosen claims as rows, in the order given; ``disagrees`` marks quantities with differing figures."""
    rows = []
    for cid in claim_ids:
        c = ds.claim_by_id.get(cid)
        if c is None:
            continue
        f = c.figure
        rows.append(
            {
                "claim": c.id,
                "quantity": c.quantity,
                "measures": c.measures,
                "statement": c.statement,
                "low": f.low if f.low is not None else f.value,
                "high": f.high if f.high is not None else f.value,
                "value": f.value,
                "qualifier": f.qualifier,
                "unit": f.unit,
                "year": c.year,
                "estimate": c.estimate,
                "technique": c.technique,
                "references": list(c.references),
                "sources": "; ".join(reference_label(ds, r) for r in c.references),
                # the hover's source line: 'Title (2026) unrated, no link · est.'
                "source_trust": hover_sources(ds, c.references, estimate=c.estimate),
                "credibility": credibility_text(ds, c.references),
                "source_years": ", ".join(
                    str(ds.reference_by_id[r].year)
                    for r in c.references
                    if r in ds.reference_by_id and ds.reference_by_id[r].year
                ),
                "figure_text": figure_text(c),
                "stated_in": c.stated_in,
                "stated_in_title": ds.reference_by_id[c.stated_in].title
                if c.stated_in in ds.reference_by_id
                else c.stated_in,
            }
        )
    frame = pd.DataFrame(rows, columns=CLAIM_COLUMNS)
    for col in ("low", "high", "value"):
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("float64")
    frame["year"] = frame["year"].astype("Int64")
    # The Sources page's rule: a quantity disagrees when the pack states it with different figures
    # (value, range, unit or qualifier), whichever of its claims this table happens to show.
    differing = {d.quantity for d in disagreements(ds)}
    frame["disagrees"] = frame["quantity"].isin(differing)
    return frame

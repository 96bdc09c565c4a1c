"""References, the claims that cite them, disagreements between sources, and staleness, as tables."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd

from dashboard.analysis import provenance as p
from dashboard.analysis.references import unique
from dashboard.pack import vocab
from dashboard.pack.dataset import Dataset
from dashboard.pack.derived import PerObject
from dashboard.pack.textsafe import safe_url

UNRATED = "unrated"
# Credibility filter options: star counts as strings, plus unrated.
CREDIBILITY_OPTIONS = ["5", "4", "3", "2", "1", UNRATED]

REFERENCE_COLUMNS = [
    "title",
    "authors",
    "year",
    "kind",
    "publisher",
    "credibility",
    "stars",
    "link",
    "claims citing it",
    "claims it states",
    "claims",
    "id",
]


def credibility_option_label(option: str) -> str:
    return "Unrated" if option == UNRATED else vocab.stars(int(option))


def references_frame(
    ds: Dataset,
    *,
    kinds: Iterable[str] | None = None,
    credibility: Iterable[str] | None = None,
    search: str = "",
) -> pd.DataFrame:
    """Every reference (or those passing the filters), most cited first.

    ``kinds``: reference kinds to keep (None or empty keeps all). ``credibility``:
    options from ``CREDIBILITY_OPTIONS`` (None or empty keeps all). ``search``:
    case-insensitive text in title, authors, publisher or summary.
    """
    kinds = set(kinds or [])
    cred = set(credibility or [])
    needle = search.strip().lower()
    cites = p.citations(ds)
    states = p.statements(ds)
    labels = p.claim_labels(ds)
    rows = []
    for ref in ds.references:
        if kinds and ref.kind not in kinds:
            continue
        option = str(ref.credibility) if ref.credibility is not None else UNRATED
        if cred and option not in cred:
            continue
        if needle:
            hay = " ".join([ref.title, *ref.authors, ref.publisher or "", ref.summary, ref.id]).lower()
            if needle not in hay:
                continue
        claim_ids = cites.get(ref.id, [])
        rows.append(
            {
                "title": ref.title,
                "authors": ", ".join(ref.authors),
                "year": ref.year,
                "kind": vocab.REFERENCE_KIND_LABELS.get(ref.kind, ref.kind),
                "publisher": ref.publisher or "",
                "credibility": ref.credibility,
                "stars": vocab.stars(ref.credibility),
                "link": safe_url(ref.url),
                "claims citing it": len(claim_ids),
                "claims it states": len(states.get(ref.id, [])),
                "claims": "; ".join(labels[c] for c in claim_ids),
                "id": ref.id,
            }
        )
    frame = pd.DataFrame(rows, columns=REFERENCE_COLUMNS)
    frame["year"] = frame["year"].astype("Int64")
    frame["credibility"] = frame["credibility"].astype("Int64")
    return frame.sort_values(["claims citing it", "title"], ascending=[False, True], kind="stable").reset_index(
        drop=True
    )


def citing_claims_frame(ds: Dataset, ref_id: str) -> pd.DataFrame:
    rows = []
    for cid in p.citations(ds).get(ref_id, []):
        c = ds.claim_by_id[cid]
        rows.append(
            {
                "figure": p.format_figure(c.figure),
                "measures": c.measures,
                "statement": c.statement,
                "year": c.year,
                "estimate": "yes" if c.estimate else "no",
                "id": c.id,
            }
        )
    frame = pd.DataFrame(rows, columns=["figure", "measures", "statement", "year", "estimate", "id"])
    frame["year"] = frame["year"].astype("Int64")
    return frame


def credibility_counts(ds: Dataset) -> pd.DataFrame:
    """References per credibility level and kind (for the distribution chart)."""
    rows = []
    for ref in ds.references:
        rows.append(
            {
                "credibility": vocab.stars(ref.credibility),
                "level": ref.credibility if ref.credibility is not None else 0,
                "kind": vocab.REFERENCE_KIND_LABELS.get(ref.kind, ref.kind),
            }
        )
    frame = pd.DataFrame(rows, columns=["credibility", "level", "kind"])
    if frame.empty:
        return pd.DataFrame(columns=["credibility", "level", "kind", "references"])
    out = frame.groupby(["level", "credibility", "kind"], as_index=False).size().rename(columns={"size": "references"})
    return out.sort_values(["level", "kind"], ascending=[False, True]).reset_index(drop=True)


# --------------------------------------------------------------------------
# One claim
# --------------------------------------------------------------------------


def claim_options(ds: Dataset, query: str = "") -> list[str]:
    """Claim ids matching ``query`` (all when empty), in pack order."""
    return [c.id for c in p.find_claims(ds, query)]


def claim_detail(ds: Dataset, claim_id: str) -> dict:
    """Everything a reader needs to judge one figure."""
    c = ds.claim_by_id[claim_id]
    stated = ds.reference_by_id.get(c.stated_in)
    refs = []
    for rid in dict.fromkeys(c.references):
        ref = ds.reference_by_id.get(rid)
        if ref is None:
            continue
        refs.append(
            {
                "title": ref.title,
                "year": ref.year,
                "kind": vocab.REFERENCE_KIND_LABELS.get(ref.kind, ref.kind),
                "publisher": ref.publisher or "",
                "credibility": vocab.stars(ref.credibility),
                "link": safe_url(ref.url),
                "id": ref.id,
            }
        )
    refs_frame = pd.DataFrame(refs, columns=["title", "year", "kind", "publisher", "credibility", "link", "id"])
    refs_frame["year"] = refs_frame["year"].astype("Int64")
    others = [o for o in ds.claims if o.quantity == c.quantity and o.id != c.id]
    return {
        "id": c.id,
        "figure": p.format_figure(c.figure),
        "statement": c.statement,
        "measures": c.measures,
        "year": c.year,
        "estimate": c.estimate,
        "stated_in": p.rated_label(stated) if stated else c.stated_in,
        "note": c.note,
        "references": refs_frame,
        "technique": ds.technique_by_id[c.technique].name if c.technique in ds.technique_by_id else None,
        "lab": ds.lab_by_id[c.lab].name if c.lab in ds.lab_by_id else None,
        "same_quantity": [o.id for o in others],
    }


# --------------------------------------------------------------------------
# Disagreements
# --------------------------------------------------------------------------

DISAGREEMENT_COLUMNS = [
    "quantity",
    "measures",
    "figure",
    "unit",
    "qualifier",
    "low",
    "high",
    "stated in",
    "source",
    "references",
    "year",
    "estimate",
    "claim",
    "kind",
]


_frames: PerObject[pd.DataFrame] = PerObject()


def disagreements_frame(ds: Dataset, *, include_agreeing: bool = False) -> pd.DataFrame:
    """One row per claim of each disagreement, side by side under its quantity.

    Made once per pack without ``include_agreeing`` (the page's table and its chart share it): never mutate it.
    """
    if include_agreeing:
        return _disagreements_frame(ds, include_agreeing=True)
    return _frames.get(ds, lambda: _disagreements_frame(ds, include_agreeing=False))


def _disagreements_frame(ds: Dataset, *, include_agreeing: bool) -> pd.DataFrame:
    rows = []
    for d in p.disagreements(ds, include_agreeing=include_agreeing):
        kind = d.kind
        for c in d.claims:
            f = c.figure
            stated = ds.reference_by_id.get(c.stated_in)
            if f.unknown:
                low = high = None
            elif f.value is not None:
                low = high = f.value
            else:
                low, high = f.low, f.high
            rows.append(
                {
                    "quantity": d.quantity,
                    "measures": c.measures,
                    "figure": p.format_figure(f),
                    "unit": f.unit,
                    "qualifier": f.qualifier,
                    "low": low,
                    "high": high,
                    "stated in": p.rated_label(stated) if stated else c.stated_in,
                    "source": stated.title if stated else c.stated_in,
                    "references": p.references_text(ds, c.references),
                    "year": c.year,
                    "estimate": "yes" if c.estimate else "no",
                    "claim": c.id,
                    "kind": kind,
                }
            )
    frame = pd.DataFrame(rows, columns=DISAGREEMENT_COLUMNS)
    frame["year"] = frame["year"].astype("Int64")
    frame["low"] = frame["low"].astype("Float64")
    frame["high"] = frame["high"].astype("Float64")
    return frame


def disagreement_summary(ds: Dataset) -> pd.DataFrame:
    """One row per disagreeing quantity: what it measures, the figures side by side, the texts, the kind."""
    rows = []
    for d in p.disagreements(ds):
        texts = []
        for c in d.claims:
            ref = ds.reference_by_id.get(c.stated_in)
            texts.append(ref.title if ref else c.stated_in)
        rows.append(
            {
                "measures": d.measures,
                "figures": " vs ".join(p.format_figure(c.figure) + (" (est.)" if c.estimate else "") for c in d.claims),
                "stated in": " vs ".join(texts) if d.sources_differ else texts[0],
                "kind": d.kind,
                "quantity": d.quantity,
            }
        )
    return pd.DataFrame(rows, columns=["measures", "figures", "stated in", "kind", "quantity"])


def disagreement_references(ds: Dataset, quantity: str | None = None) -> list[str]:
    """The stated-in pages and cited references of every disagreement (or of one quantity)."""
    ids: list[str] = []
    for d in p.disagreements(ds):
        if quantity is not None and d.quantity != quantity:
            continue
        for c in d.claims:
            ids.extend([c.stated_in, *c.references])
    return list(dict.fromkeys(ids))


# --------------------------------------------------------------------------
# Staleness
# --------------------------------------------------------------------------


def files_staleness_frame(ds: Dataset, today: dt.date) -> pd.DataFrame:
    rows = [
        {
            "file": f.name,
            "last reviewed": f.staleness.last,
            "review every (days)": f.staleness.cadence_days,
            "next review": f.staleness.due,
            "status": f.staleness.label,
            "days": f.staleness.days,
        }
        for f in p.file_staleness(ds, today)
    ]
    return pd.DataFrame(rows, columns=["file", "last reviewed", "review every (days)", "next review", "status", "days"])


def sources_staleness_frame(ds: Dataset, today: dt.date) -> pd.DataFrame:
    rows = []
    for s in p.source_staleness(ds, today):
        st = s.staleness
        rows.append(
            {
                "source text": s.source.title,
                "last updated": s.source.updated,
                "its own review cadence (days)": s.source.cadence_days,
                "status": st.label if st else ("no update date given" if not s.source.updated else "no cadence given"),
                "days": st.days if st else None,
                "what the pack takes from it": s.source.holds,
            }
        )
    frame = pd.DataFrame(
        rows,
        columns=[
            "source text",
            "last updated",
            "its own review cadence (days)",
            "status",
            "days",
            "what the pack takes from it",
        ],
    )
    frame["its own review cadence (days)"] = frame["its own review cadence (days)"].astype("Int64")
    frame["days"] = frame["days"].astype("Int64")
    return frame


# --------------------------------------------------------------------------
# Chart words (shared by the page and presentation mode)
# --------------------------------------------------------------------------


def credibility_takeaway(ds: Dataset) -> str:
    rated = sum(r.credibility is not None for r in ds.references)
    top = sum(1 for r in ds.references if (r.credibility or 0) >= 4)
    return (
        f"{top} of {len(ds.references)} references carry four or five stars; {len(ds.references) - rated} are unrated"
    )


def credibility_alt(counts: pd.DataFrame) -> str:
    return (
        "Bar chart of references by credibility: "
        + "; ".join(f"{r['credibility']} {r['kind']}: {r['references']}" for _, r in counts.iterrows())
        + "."
    )


def disagreement_takeaway(d: p.Disagreement) -> str:
    figures = " vs ".join(p.format_figure(c.figure) for c in d.claims)
    if d.overlapping:
        return f"{d.measures}: {figures} overlap" + (", depending on the source" if d.sources_differ else "")
    return f"{d.measures}: {figures}, " + ("depending on the source" if d.sources_differ else "in the same text")


def disagreement_alt(ds: Dataset, d: p.Disagreement) -> str:
    def stated(c) -> str:
        ref = ds.reference_by_id.get(c.stated_in)
        return ref.title if ref else c.stated_in

    return (
        f"{d.measures}: "
        + "; ".join(
            f"{p.format_figure(c.figure)} stated in {stated(c)}" + (f" ({c.year})" if c.year else "") for c in d.claims
        )
        + "."
    )


def sources_frame(ds: Dataset, ref_ids: Iterable[str]) -> pd.DataFrame:
    """One row per reference: id, title, year, kind, publisher, credibility stars, link (http/https only)."""
    rows = []
    for rid in unique(ref_ids):
        ref = ds.reference_by_id.get(rid)
        if ref is None:
            rows.append(
                {
                    "id": rid,
                    "title": rid,
                    "year": None,
                    "kind": "",
                    "publisher": "",
                    "credibility": "unknown reference",
                    "link": None,
                }
            )
            continue
        rows.append(
            {
                "id": ref.id,
                "title": ref.title,
                "year": ref.year,  # type: ignore[dict-item]
                "kind": vocab.REFERENCE_KIND_LABELS.get(ref.kind, ref.kind),
                "publisher": ref.publisher or "",
                "credibility": vocab.stars(ref.credibility),
                "link": safe_url(ref.url),
            }
        )
    frame = pd.DataFrame(rows, columns=["id", "title", "year", "kind", "publisher", "credibility", "link"])
    frame["year"] = frame["year"].astype("Int64")
    return frame

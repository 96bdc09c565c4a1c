"""The overview's pieces: headline figures with their sources, assessment tables, the flow, current uses."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from dashboard.analysis.provenance import same_figure
from dashboard.analysis.references import reference_label, unique
from dashboard.analysis.trust import hover_sources
from dashboard.pack import vocab
from dashboard.pack.dataset import Dataset
from dashboard.pack.models import Claim
from dashboard.views.frames.approaches import assessment, assessment_frame
from dashboard.views.frames.claims import figure_text


@dataclass(frozen=True)
class HeadlineSpec:
    """A headline figure: ``claim`` is the figure shown; ``before`` an earlier/baseline claim shown as
    "from X"; ``versus`` a second figure shown as "vs Y" (e.g. superhuman against current)."""

    key: str
    label: str
    claim: str
    before: str | None = None
    versus: str | None = None
    versus_label: str = "vs"
    help: str = ""
    # Instead of ``claim``: the effectiveness estimate (one row of the page's table) with the largest drop,
    # its figure today against its figure for superhuman systems: both figures from one record.
    largest_drop: bool = False


HEADLINES: tuple[HeadlineSpec, ...] = (
    HeadlineSpec(
        "jailbreak",
        "Jailbreak success with Constitutional Classifiers",
        "cc-jailbreak-rate-with-classifiers",
        before="cc-jailbreak-rate-baseline",
        help="Share of jailbreak attempts that succeeded, with and without the classifier defence.",
    ),
    HeadlineSpec(
        "w2s",
        "Capability recovered by weak-to-strong training",
        "w2s-recovery-assisted-page",
        help="GPT-4 trained only on GPT-2's labels: the share of its full performance it keeps.",
    ),
    HeadlineSpec(
        "features",
        "Features extracted from Claude 3 Sonnet",
        "sonnet-features-assisted-page",
        help="Interpretable features found by dictionary learning (sparse autoencoders).",
    ),
    HeadlineSpec(
        "effectiveness",
        "Effectiveness today vs on superhuman AI",
        "",
        largest_drop=True,
        help="The technique whose estimate falls furthest: its effectiveness today and the source's "
        "estimate for superhuman systems, from the same row of the effectiveness table.",
    ),
    HeadlineSpec(
        "investment",
        "Alignment and safety investment, 2025",
        "alignment-investment-2025",
        help="Global investment in AI safety and alignment research.",
    ),
    HeadlineSpec(
        "researchers",
        "Researchers working on AI-assisted alignment",
        "ai-assisted-researchers",
        help="Full-time equivalents.",
    ),
)


@dataclass
class Headline:
    key: str
    label: str
    value: str
    delta: str | None
    caption: str  # sources and years, plain text
    help: str
    references: list[str]
    claims: list[str]
    disagreements: list[str] = field(default_factory=list)  # "AI Alignment gives 16 million, citing ..."
    estimate: str | None = None  # the effectiveness estimate (one table row) both figures come from


def _refs_with_years(ds: Dataset, claim: Claim) -> str:
    return "; ".join(reference_label(ds, r) for r in claim.references)


def other_figures(ds: Dataset, claim: Claim) -> list[Claim]:
    """Claims of the same quantity whose figure differs: the disagreement to keep visible."""
    return [
        c
        for c in ds.claims
        if c.quantity == claim.quantity and c.id != claim.id and not same_figure(c.figure, claim.figure)
    ]


def headline(ds: Dataset, spec: HeadlineSpec) -> Headline | None:
    """A headline figure built from the pack's claims; None when the pack lacks the claim."""
    if spec.largest_drop:
        return _drop_headline(ds, spec)
    main = ds.claim_by_id.get(spec.claim)
    if main is None:
        return None
    used = [main]
    value = figure_text(main)
    delta = None
    if spec.before and spec.before in ds.claim_by_id:
        before = ds.claim_by_id[spec.before]
        used.append(before)
        delta = f"from {figure_text(before)}"
    if spec.versus and spec.versus in ds.claim_by_id:
        versus = ds.claim_by_id[spec.versus]
        used.append(versus)
        delta = f"{spec.versus_label}: {figure_text(versus)}"
    refs = unique(r for c in used for r in c.references)
    # Each source with its credibility and link state: 'Source: Title (2025) ★★★★☆'.
    trust = ("Sources: " if len(refs) > 1 else "Source: ") + hover_sources(ds, refs)
    caption = trust
    if any(c.estimate for c in used):
        trust += " · est."
    ref_years = set().union(*(_ref_years(ds, c) for c in used))
    figure_years = sorted({c.year for c in used if c.year and c.year not in ref_years})
    if figure_years:
        caption += " · figure for " + ", ".join(map(str, figure_years))
    disagreements = []
    for c in used:
        for other in other_figures(ds, c):
            cited = [r for r in other.references if r != other.stated_in]
            citing = f", citing {'; '.join(reference_label(ds, r) for r in cited)}" if cited else " without a citation"
            disagreements.append(f"{_title(ds, other.stated_in)} gives {figure_text(other)}{citing}")
            refs = unique([*refs, *other.references])
    return Headline(
        key=spec.key,
        label=spec.label,
        value=value,
        delta=delta,
        caption=caption,
        help=" ".join(x for x in (spec.help, trust if trust.endswith(".") else trust + ".") if x),
        references=refs,
        claims=[c.id for c in used],
        disagreements=list(dict.fromkeys(disagreements)),
    )


def _drop_headline(ds: Dataset, spec: HeadlineSpec) -> Headline | None:
    """Today's figure and the superhuman one of the one estimate whose midpoint falls furthest."""
    from dashboard.views.frames.effectiveness import range_text

    def mid(r) -> float | None:
        return None if r.unknown or r.low is None or r.high is None else (r.low + r.high) / 2

    known = [e for e in ds.estimates if mid(e.current) is not None and mid(e.superhuman) is not None]
    if not known:
        return None
    est = max(known, key=lambda e: mid(e.current) - mid(e.superhuman))  # type: ignore[operator]
    tech = ds.technique_by_id.get(est.technique)
    name = tech.name if tech else est.technique
    refs = unique(est.references)
    trust = ("Sources: " if len(refs) > 1 else "Source: ") + hover_sources(ds, refs)
    caption = trust
    if est.current.estimate or est.superhuman.estimate:
        trust += " · est."
    return Headline(
        key=spec.key,
        label=f"{spec.label}: {name}",
        value=range_text(est.current),
        delta=f"superhuman: {range_text(est.superhuman)}",
        caption=caption,
        help=" ".join(x for x in (spec.help, trust if trust.endswith(".") else trust + ".") if x),
        references=refs,
        claims=[],
        estimate=est.id,
    )


def _ref_years(ds: Dataset, claim: Claim) -> set[int]:
    return {year for r in claim.references if r in ds.reference_by_id and (year := ds.reference_by_id[r].year)}


def _title(ds: Dataset, ref_id: str) -> str:
    ref = ds.reference_by_id.get(ref_id)
    return ref.title if ref else ref_id


def headlines(ds: Dataset, specs: Iterable[HeadlineSpec] = HEADLINES) -> list[Headline]:
    return [h for h in (headline(ds, s) for s in specs) if h is not None]


def headlines_table(items: list[Headline]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Figure": [h.label for h in items],
            "Value": [h.value for h in items],
            "Change / comparison": [h.delta or "" for h in items],
            "Sources": [h.caption.removeprefix("Sources: ").removeprefix("Source: ") for h in items],
            "Other sources say": ["; ".join(h.disagreements) for h in items],
        }
    )


# --------------------------------------------------------------------------
# Assessment tables
# --------------------------------------------------------------------------

QUICK_ASSESSMENT = "qa-ai-assisted"
EVALUATION_SUMMARY = "evaluation-summary"


def assessment_table(ds: Dataset, assessment_id: str) -> pd.DataFrame | None:
    """The assessment with the text's own headers, plus the figures behind each row and their sources."""
    a = assessment(ds, assessment_id)
    if a is None:
        return None
    frame = assessment_frame(a)
    figures = []
    for row in a.rows:
        parts = []
        for cid in row.claims:
            c = ds.claim_by_id.get(cid)
            if c is not None:
                parts.append(f"{figure_text(c)} ({_refs_with_years(ds, c)})")
        figures.append("; ".join(parts))
    if any(figures):
        frame["Figures and sources"] = figures
    return frame


def assessment_title(ds: Dataset, assessment_id: str) -> str | None:
    a = assessment(ds, assessment_id)
    return a.title if a else None


def assessment_references(ds: Dataset, assessment_id: str) -> list[str]:
    a = assessment(ds, assessment_id)
    if a is None:
        return []
    refs = list(a.references)
    for row in a.rows:
        for cid in row.claims:
            c = ds.claim_by_id.get(cid)
            if c is not None:
                refs += c.references
    return unique(refs)


# --------------------------------------------------------------------------
# How it works: the flow
# --------------------------------------------------------------------------


def flow_frames(ds: Dataset) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(nodes, edges). Nodes: id, label, stage, stage_label, column (0-2), row (0 = top of its column)."""
    o = ds.outlook
    order = {s: i for i, s in enumerate(vocab.FLOW_STAGE_ORDER)}
    rows, counters = [], {s: 0 for s in order}
    for n in o.flow_nodes:
        rows.append(
            {
                "id": n.id,
                "label": n.label,
                "stage": n.stage,
                "stage_label": vocab.FLOW_STAGE_LABELS.get(n.stage, n.stage),
                "column": order.get(n.stage, 0),
                "row": counters[n.stage],
            }
        )
        counters[n.stage] += 1
    nodes = pd.DataFrame(rows, columns=["id", "label", "stage", "stage_label", "column", "row"])
    counts = nodes.groupby("column")["id"].count() if not nodes.empty else pd.Series(dtype=int)
    nodes["n_in_column"] = nodes["column"].map(counts)
    labels = dict(zip(nodes["id"], nodes["label"]))
    edges = pd.DataFrame(
        [
            {
                "source": e.source,
                "target": e.target,
                "source_label": labels.get(e.source, e.source),
                "target_label": labels.get(e.target, e.target),
            }
            for e in o.flow_edges
        ],
        columns=["source", "target", "source_label", "target_label"],
    )
    return nodes, edges


def flow_table(nodes: pd.DataFrame, edges: pd.DataFrame) -> pd.DataFrame:
    stage = dict(zip(nodes["id"], nodes["stage_label"]))
    return pd.DataFrame(
        {
            "From": edges["source_label"],
            "From stage": edges["source"].map(stage),
            "To": edges["target_label"],
            "To stage": edges["target"].map(stage),
        }
    )


FLOW_TAKEAWAY = "How it works: today's AI systems take on alignment tasks that help align stronger ones"
FLOW_SOURCE = "wiki-ai-assisted-alignment"


def flow_references(ds: Dataset) -> list[str]:
    """The source text the flow is drawn from; the pack's first source text when it has no such one."""
    return [s.reference for s in ds.meta.sources if s.id == FLOW_SOURCE] or [s.reference for s in ds.meta.sources[:1]]


def flow_alt(nodes: pd.DataFrame, edges: pd.DataFrame) -> str:
    return (
        "Flow diagram in three columns ("
        + ", ".join(vocab.FLOW_STAGE_LABELS[s] for s in vocab.FLOW_STAGE_ORDER)
        + "): "
        + "; ".join(f"{a} leads to {b}" for a, b in zip(edges["source_label"], edges["target_label"]))
        + "."
    )


# --------------------------------------------------------------------------
# Current uses
# --------------------------------------------------------------------------


def current_uses_frame(ds: Dataset, techniques: Iterable[str] | None = None) -> pd.DataFrame:
    """Uses in maturity order; a use tied to a technique outside the filter is left out."""
    wanted = None if techniques is None else set(techniques)
    rank = {m: i for i, m in enumerate(vocab.MATURITY_ORDER)}
    rows = []
    for u in ds.outlook.current_uses:
        if wanted is not None and u.technique is not None and u.technique not in wanted:
            continue
        tech = ds.technique_by_id.get(u.technique) if u.technique else None
        rows.append(
            {
                "Application": u.application,
                "Status": vocab.MATURITY_LABELS.get(u.status, u.status),
                "Promise": u.promise,
                "Technique": tech.name if tech else "",
                "_rank": rank.get(u.status, len(rank)),
            }
        )
    frame = pd.DataFrame(rows, columns=["Application", "Status", "Promise", "Technique", "_rank"])
    return frame.sort_values("_rank", kind="stable").drop(columns="_rank").reset_index(drop=True)

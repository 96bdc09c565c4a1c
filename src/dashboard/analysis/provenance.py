"""Where the figures come from: citations, disagreements between sources, staleness.

Pure functions over a Dataset; ``today`` is always a parameter so that the
staleness arithmetic can be checked with a fixed date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from dashboard.analysis.references import title_year
from dashboard.pack import models as m
from dashboard.pack import vocab
from dashboard.pack.dataset import Dataset
from dashboard.pack.derived import PerObject

# --------------------------------------------------------------------------
# Figures as text
# --------------------------------------------------------------------------

_QUALIFIER_PREFIX = {
    "exact": "",
    "approximately": "≈",
    "at-least": "≥",
    "more-than": ">",
    "at-most": "≤",
    "less-than": "<",
}
_UNIT_SUFFIX = {
    "percent": "%",
    "percentage-points": " pp",
    "points": " points",
    "points-relative": " points relative",
    "count": "",
    "hours": " hours",
    "usd": "",
    "cad": "",
    "fte": " FTE",
    "elo": " Elo",
    "multiplier": "×",
    "year": "",
    "parameters": " parameters",
    "f1-percent": "% F1",
    "score": "",
    "rate-per-1000-queries": " per 1,000 queries",
}


def _scale(v: float, unit: str) -> tuple[float, str]:
    """Large counts and money in words: (divisor, ' million' / ' billion' / ...)."""
    if unit in ("usd", "cad", "count", "parameters"):
        for size, word in ((1e12, " trillion"), (1e9, " billion"), (1e6, " million")):
            if abs(v) >= size:
                return size, word
    return 1.0, ""


def _number(v: float, unit: str, divisor: float = 1.0) -> str:
    if unit == "year":
        return f"{v:.0f}"
    v = v / divisor
    if float(v).is_integer():
        return f"{v:,.0f}"
    return f"{v:,.4g}" if abs(v) >= 1 else f"{v:.3g}"


def _duration(figure: m.Figure) -> str:
    """A 'year' figure below 1000 is a span of years, not a calendar year: '4 years', '<1 year', '1–3 years'."""
    prefix = _QUALIFIER_PREFIX[figure.qualifier]
    if figure.value is not None:
        body, last = _number(figure.value, "count"), figure.value
    else:
        body, last = f"{_number(figure.low, 'count')}–{_number(figure.high, 'count')}", figure.high  # type: ignore[arg-type,assignment]
    noun = "year" if last == 1 else "years"
    return f"{prefix}{body} {noun}"


def format_figure(figure: m.Figure) -> str:
    """A figure as a reader would write it: '4.4%', '80–90%', '≥3,000 hours', '$2 billion', 'unknown'."""
    if figure.unknown:
        return "unknown"
    unit = figure.unit
    if unit == "year" and max(v for v in (figure.value, figure.low, figure.high) if v is not None) < 1000:
        return _duration(figure)
    money = {"usd": "$", "cad": "CA$"}.get(unit, "")
    suffix = _UNIT_SUFFIX.get(unit, "")
    if figure.value is not None:
        divisor, word = _scale(figure.value, unit)
        body = f"{money}{_number(figure.value, unit, divisor)}{word}"
    else:
        divisor, word = _scale(figure.high, unit)  # type: ignore[arg-type]
        lo = _number(figure.low, unit, divisor)  # type: ignore[arg-type]
        hi = _number(figure.high, unit, divisor)  # type: ignore[arg-type]
        body = f"{money}{lo}–{hi}{word}"
    if unit == "hours" and figure.value == 1:
        suffix = " hour"  # "≈1 hour", not "≈1 hours"
    open_end = "+" if figure.open_high else ""  # "1–50%+": the text leaves the upper end open
    return f"{_QUALIFIER_PREFIX[figure.qualifier]}{body}{suffix}{open_end}"


def same_figure(a: m.Figure, b: m.Figure) -> bool:
    return (a.value, a.low, a.high, a.unit, a.qualifier, a.unknown, a.open_high) == (
        b.value,
        b.low,
        b.high,
        b.unit,
        b.qualifier,
        b.unknown,
        b.open_high,
    )


# --------------------------------------------------------------------------
# References and citations
# --------------------------------------------------------------------------


def rated_label(ref: m.Reference) -> str:
    """'Constitutional Classifiers (2025) ★★★★☆': the reference's name with its credibility."""
    return f"{title_year(ref)} {vocab.stars(ref.credibility)}"


def references_text(ds: Dataset, ids: list[str]) -> str:
    """Several references as one line, e.g. for a chart caption."""
    out = []
    for rid in dict.fromkeys(ids):
        ref = ds.reference_by_id.get(rid)
        if ref is not None:
            out.append(rated_label(ref))
    return "; ".join(out)


def citations(ds: Dataset) -> dict[str, list[str]]:
    """Reference id -> ids of the claims whose ``references`` name it (every reference present)."""
    out: dict[str, list[str]] = {r.id: [] for r in ds.references}
    for claim in ds.claims:
        for rid in dict.fromkeys(claim.references):
            out.setdefault(rid, []).append(claim.id)
    return out


def statements(ds: Dataset) -> dict[str, list[str]]:
    """Reference id -> ids of the claims the reference's text states (``stated_in``)."""
    out: dict[str, list[str]] = {r.id: [] for r in ds.references}
    for claim in ds.claims:
        out.setdefault(claim.stated_in, []).append(claim.id)
    return out


def claim_label(claim: m.Claim) -> str:
    """'4.4% — jailbreak success rate with Constitutional Classifiers (2025)'."""
    year = f" ({claim.year})" if claim.year else ""
    est = " (est.)" if claim.estimate else ""
    return f"{format_figure(claim.figure)}{est} — {claim.measures}{year}"


_labels: PerObject[dict[str, str]] = PerObject()


def claim_labels(ds: Dataset) -> dict[str, str]:
    """Claim id -> ``claim_label``, made once per pack (a big pack's references name 38,000 figures)."""
    return _labels.get(ds, lambda: {c.id: claim_label(c) for c in ds.claims})


def _norm(text: str) -> str:
    return re.sub(r"[\s,]+", "", text.lower())


def _plain(v: float) -> str:
    """A number without exponent or separators: 10000000000, 4.4."""
    return str(int(v)) if float(v).is_integer() else repr(float(v))


def find_claims(ds: Dataset, query: str) -> list[m.Claim]:
    """Claims whose figure, statement, measure or quantity contains ``query``.

    '4.4', '4.4%' and '86%' match figures; words match statements. Case and
    thousands separators are ignored.
    """
    q = _norm(query)
    if not q:
        return list(ds.claims)
    hits = []
    for claim in ds.claims:
        fields = [
            format_figure(claim.figure),
            claim.statement,
            claim.measures,
            claim.quantity,
            claim.id,
        ]
        f = claim.figure
        fields += [_plain(v) for v in (f.value, f.low, f.high) if v is not None]
        if any(q in _norm(x) for x in fields):
            hits.append(claim)
    return hits


# --------------------------------------------------------------------------
# Disagreements
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Disagreement:
    """Claims that measure the same ``quantity`` but give different figures or come from different texts."""

    quantity: str
    claims: list[m.Claim]
    figures_differ: bool
    sources_differ: bool

    @property
    def measures(self) -> str:
        return self.claims[0].measures

    @cached_property
    def overlapping(self) -> bool:
        """True when the figures differ but every pair of them can hold at once (one range inside or
        overlapping the other, "<5%" and "≈1%"): shown as overlapping, not as a disagreement."""
        spans = [figure_span(c.figure) for c in self.claims]
        if not self.figures_differ or any(s is None for s in spans):
            return False
        return all(
            a[0] <= b[1] and b[0] <= a[1]  # type: ignore[index]
            for i, a in enumerate(spans)
            for b in spans[i + 1 :]
        )

    @cached_property
    def kind(self) -> str:
        if self.overlapping:
            return "overlapping figures, not a disagreement" + (" (different texts)" if self.sources_differ else "")
        if self.figures_differ and self.sources_differ:
            return "different figures in different texts"
        if self.figures_differ:
            return "different figures in the same text"
        return "the same figure stated in different texts"


def figure_span(figure: m.Figure) -> tuple[float, float] | None:
    """The values a figure allows, as (low, high): "≥95%" is (95, inf), "<5%" (-inf, 5); None if unknown."""
    if figure.unknown:
        return None
    low = figure.low if figure.value is None else figure.value
    high = figure.high if figure.value is None else figure.value
    if low is None or high is None:
        return None
    inf = float("inf")
    edge = 1e-9 * max(1.0, abs(low), abs(high))  # ">20%" and "<20%" leave out 20% itself
    if figure.open_high or figure.qualifier in ("at-least", "more-than"):
        low, high = (low + edge if figure.qualifier == "more-than" else low), inf
    if figure.qualifier in ("at-most", "less-than"):
        low, high = -inf, (high - edge if figure.qualifier == "less-than" else high)
    return (low, high)


_found: PerObject[dict[bool, list[Disagreement]]] = PerObject()


def disagreements(ds: Dataset, *, include_agreeing: bool = False) -> list[Disagreement]:
    """Quantities stated more than once with different figures (or, optionally, the same figure in several texts).

    By default only quantities whose figures differ are returned; with
    ``include_agreeing`` the same figure stated in different texts is listed too. Found once per pack
    (a big pack's 14,600 figures took 0.07 s on every rerun of the Sources page); a new list each call.
    """
    found = _found.get(ds, dict)
    if include_agreeing not in found:
        found[include_agreeing] = _disagreements(ds, include_agreeing)
    return list(found[include_agreeing])


def _disagreements(ds: Dataset, include_agreeing: bool) -> list[Disagreement]:
    groups: dict[str, list[m.Claim]] = defaultdict(list)
    for claim in ds.claims:
        groups[claim.quantity].append(claim)
    out = []
    for quantity, claims in groups.items():
        if len(claims) < 2:
            continue
        first = claims[0].figure
        figures_differ = any(not same_figure(first, c.figure) for c in claims[1:])
        sources_differ = len({c.stated_in for c in claims}) > 1
        if figures_differ or (include_agreeing and sources_differ):
            out.append(Disagreement(quantity, claims, figures_differ, sources_differ))
    # Different texts disagreeing first, then one text disagreeing with itself, then mere repeats.
    out.sort(key=lambda d: (not d.figures_differ, not d.sources_differ, d.quantity))
    return out


# --------------------------------------------------------------------------
# Staleness
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Staleness:
    last: dt.date
    cadence_days: int
    due: dt.date
    days: int  # positive: days until due; negative: days overdue; 0: due today

    @property
    def overdue(self) -> bool:
        return self.days < 0

    @property
    def label(self) -> str:
        if self.days > 0:
            return f"due in {self.days} day{'s' if self.days != 1 else ''}"
        if self.days == 0:
            return "due today"
        n = -self.days
        return f"overdue by {n} day{'s' if n != 1 else ''}"


def staleness(last: dt.date, cadence_days: int, today: dt.date) -> Staleness:
    due = last + dt.timedelta(days=cadence_days)
    return Staleness(last, cadence_days, due, (due - today).days)


@dataclass(frozen=True)
class FileStaleness:
    name: str
    staleness: Staleness


def file_staleness(ds: Dataset, today: dt.date) -> list[FileStaleness]:
    """Every file named in pack.yaml ``files``, most overdue first."""
    rows = [FileStaleness(name, staleness(r.last_reviewed, r.cadence_days, today)) for name, r in ds.meta.files.items()]
    rows.sort(key=lambda r: (r.staleness.days, r.name))
    return rows


@dataclass(frozen=True)
class SourceStaleness:
    source: m.SourceText
    staleness: Staleness | None  # None where the text gives no update date or no cadence


def source_staleness(ds: Dataset, today: dt.date) -> list[SourceStaleness]:
    out = []
    for s in ds.meta.sources:
        st = staleness(s.updated, s.cadence_days, today) if s.updated and s.cadence_days else None
        out.append(SourceStaleness(s, st))
    return out

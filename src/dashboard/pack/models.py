"""The data pack's schema: one pydantic model per kind of record.

Every model forbids unknown fields. Cross-references between records (a claim
citing a reference id, a technique naming a risk id, ...) are checked by
``load.check_references`` so that each dangling id can be reported with the
file and line it appears on.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Annotated, Literal
from urllib.parse import urlparse

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    model_validator,
)

# --------------------------------------------------------------------------
# Shared field types
# --------------------------------------------------------------------------

Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", min_length=1, max_length=80),
]
# Markup is a tag opener ("<" directly followed by a letter, "/", "!" or "?": "<b>", "</div>", "<!--")
# or a character reference ("&amp;", "&#60;", "&#x3c;"). A "<" before a space, digit or sign
# ("judge < debater", "p<0.05", "<5%") and a bare "&" ("R&D") are plain text, as HTML reads them too.
_MARKUP = re.compile(r"<[a-zA-Z!/?][a-zA-Z0-9-]*|&#?[a-zA-Z0-9]+;")
# C0/C1 control characters (tab and newlines allowed) and the bidirectional overrides and
# isolates that can make text display in a different order from the one it is stored in.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_UNSAFE = re.compile(f"{_MARKUP.pattern}|{_CONTROL.pattern}")  # one pass for the common, clean case

# Validation context of a validated snapshot (see ``snapshot``): every record in it passed the
# checks written in Python (plain text, web addresses, record shapes) when it was saved, so
# they are not run again; the checks in pydantic's core (types, constraints, patterns) are.
SNAPSHOT = "validated-snapshot"


def _from_snapshot(info: ValidationInfo) -> bool:
    context = info.context
    return isinstance(context, dict) and context.get(SNAPSHOT) is True


def _plain_text(value: str, info: ValidationInfo) -> str:
    """Pack text is shown as plain text; markup in it is a mistake or an attack, so refuse it."""
    if _from_snapshot(info):
        return value
    if _UNSAFE.search(value) is None:
        return value
    found = _MARKUP.search(value)
    if found:
        raise ValueError(f"HTML markup is not allowed in text (found {found.group(0)!r})")
    found = _CONTROL.search(value)
    if found:
        raise ValueError(f"control characters are not allowed in text (found U+{ord(found.group(0)):04X})")
    return value


Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=4000),
    AfterValidator(_plain_text),
]
ShortText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=300),
    AfterValidator(_plain_text),
]


@dataclass(frozen=True)
class Ref:
    """Marks a field as holding the id of a record of another kind; ``load`` checks it resolves."""

    kind: str


ReferenceId = Annotated[Slug, Ref("reference")]
TechniqueId = Annotated[Slug, Ref("technique")]
ClaimId = Annotated[Slug, Ref("claim")]
LabId = Annotated[Slug, Ref("lab")]
RiskId = Annotated[Slug, Ref("risk")]
CruxId = Annotated[Slug, Ref("crux")]
IndexId = Annotated[Slug, Ref("grade-index")]
FlowNodeId = Annotated[Slug, Ref("flow-node")]
Year = Annotated[int, Field(ge=1900, le=2100)]
# A date only as precise as its source gives it: "2025", "2025-12" or "2025-07-17".
PartialDate = Annotated[
    str, StringConstraints(strip_whitespace=True, pattern=r"^(19|20)\d{2}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
]
Percent = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]
Credibility = Annotated[int, Field(ge=1, le=5)]


_SPACE = re.compile(r"\s")


def _http_url(value: str, info: ValidationInfo) -> str:
    if _from_snapshot(info):
        return value
    parsed = urlparse(value)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ValueError("must be an http:// or https:// address")
    if _SPACE.search(value):
        raise ValueError("must not contain spaces")
    return value


Url = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=2000),
    AfterValidator(_http_url),
]

# Closed vocabularies. Labels and colours for them live in ``vocab.py``.
Letter = Literal["A+", "A", "A-", "B+", "B", "B-", "C+", "C", "C-", "D+", "D", "D-", "F"]
ReferenceKind = Literal["paper", "web", "government", "article"]
Category = Literal["forward", "backward"]
Principle = Literal["robustness", "interpretability", "controllability", "ethicality"]
Maturity = Literal["deployed", "growing", "developing", "research", "early", "limited"]
Confidence = Literal["high", "medium-high", "medium", "medium-low", "low"]
Relevance = Literal["critical", "high", "medium", "low"]
Unit = Literal[
    "percent",  # 0-100
    "percentage-points",  # only where the text says percentage points
    "points",  # "+15 points": points on the source's own scale, not said to be percentage points
    "points-relative",  # "13.8 points relative", as the text words it
    "count",
    "hours",
    "usd",
    "cad",
    "fte",
    "elo",
    "multiplier",  # "2.5x", "8x"
    "year",
    "parameters",
    "f1-percent",  # F1 score expressed as a percentage
    "score",  # a unitless score on the source's own scale (e.g. Agent Score Difference)
    "rate-per-1000-queries",
]
# How a figure is qualified in the text: "3,000+" is at-least, ">80%" more-than,
# "≈$8.9B" approximately, "<20%" less-than, "up to 50%" at-most.
Qualifier = Literal["exact", "approximately", "at-least", "more-than", "at-most", "less-than"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# --------------------------------------------------------------------------
# Figures: an exact value, a range, or an explicit unknown
# --------------------------------------------------------------------------


class Figure(Strict):
    """A number as the text gives it. ``unknown: true`` keeps "unknown" unknown (never 0)."""

    value: float | None = Field(
        None, description="the single value, when the text gives one number rather than a range"
    )
    low: float | None = Field(None, description="lower end of the range")
    high: float | None = Field(None, description="upper end of the range")
    unit: Unit = Field(description="the unit of the number")
    qualifier: Qualifier = Field(
        "exact", description="how the text qualifies the number (exact, approximately, at least, ...)"
    )
    unknown: bool = Field(
        False, description="true where the source says the value is unknown (then no numbers are given)"
    )
    open_high: bool = Field(
        default=False,
        description='The range has no upper bound, as the text writes it: "1-50%+" is low 1, high 50, open_high.',
    )

    @model_validator(mode="after")
    def _shape(self, info: ValidationInfo) -> Figure:
        if _from_snapshot(info):
            return self
        has_value = self.value is not None
        has_range = self.low is not None or self.high is not None
        for name in ("value", "low", "high"):
            v = getattr(self, name)
            if v is not None and not math.isfinite(v):
                raise ValueError(f"{name} must be a finite number")
        if self.unknown:
            if has_value or has_range:
                raise ValueError("an unknown figure has no value, low or high")
            return self
        if has_value and has_range:
            raise ValueError("give either value or low/high, not both")
        if not has_value and not has_range:
            raise ValueError("give value, or low and high, or unknown: true")
        if has_range and (self.low is None or self.high is None):
            raise ValueError("a range needs both low and high")
        if self.open_high and not has_range:
            raise ValueError('open_high marks a range ("1-50%+"); a single open value is qualifier at-least')
        if has_range and self.low > self.high:  # type: ignore[operator]
            raise ValueError(f"low ({self.low:g}) is above high ({self.high:g})")
        if self.unit in ("percent", "f1-percent"):
            for name in ("value", "low", "high"):
                v = getattr(self, name)
                if v is not None and not 0 <= v <= 100:
                    raise ValueError(f"{name} {v:g} is outside 0-100 for a percentage")
        return self

    @property
    def is_range(self) -> bool:
        return self.low is not None

    @property
    def midpoint(self) -> float | None:
        if self.unknown:
            return None
        if self.value is not None:
            return self.value
        return (self.low + self.high) / 2  # type: ignore[operator]


class EstimateRange(Strict):
    """One side (current or superhuman) of an effectiveness estimate, in percent."""

    low: Percent | None = Field(None, description="lower end of the range")
    high: Percent | None = Field(None, description="upper end of the range")
    measure: ShortText | None = Field(None, description='what the percentage measures, e.g. "jailbreak defense"')
    estimate: bool = Field(False, description='true where the page marks the range as an estimate ("(est.)")')
    unknown: bool = Field(False, description="true where the source gives no estimate")

    @model_validator(mode="after")
    def _shape(self, info: ValidationInfo) -> EstimateRange:
        if _from_snapshot(info):
            return self
        if self.unknown:
            if self.low is not None or self.high is not None:
                raise ValueError("an unknown estimate has no low or high")
            return self
        if self.low is None or self.high is None:
            raise ValueError("give low and high, or unknown: true")
        if self.low > self.high:
            raise ValueError(f"low ({self.low:g}) is above high ({self.high:g})")
        return self


# --------------------------------------------------------------------------
# Pack metadata
# --------------------------------------------------------------------------


class FileReview(Strict):
    last_reviewed: dt.date = Field(description="date the file was last checked against its sources")
    cadence_days: Annotated[int, Field(ge=1, le=3650)] = Field(
        description="days between reviews; past this a file is shown as overdue"
    )


class SourceText(Strict):
    """One of the texts the pack was curated from."""

    id: Slug = Field(description="unique id of this record; other records refer to it by this id")
    title: ShortText = Field(description="title of the source text")
    reference: ReferenceId = Field(description="id of the reference record for this text")
    updated: dt.date | None = Field(None, description="when the text itself was last edited, where known")
    cadence_days: Annotated[int, Field(ge=1, le=3650)] | None = Field(
        None, description="the text's own stated review cadence, in days"
    )
    holds: Text = Field(description="what of the pack comes from this text")


class PackMeta(Strict):
    title: ShortText = Field(description="title of the data pack")
    version: Annotated[str, StringConstraints(pattern=r"^\d+\.\d+\.\d+$")] = Field(
        description="version of the pack (major.minor.patch)"
    )
    description: Text = Field(description="what the pack holds and where it comes from")
    licence: Text = Field(description="the licence of the pack's text and data")
    citation: Text = Field(description="how to cite the pack, as plain text")
    maintainers: list[ShortText] = Field([], description="people or groups who maintain the pack")
    created: dt.date = Field(description="date the pack was first made")
    sources: list[SourceText] = Field(description="the texts the pack was curated from")
    files: dict[str, FileReview] = Field(description="the review record of each pack file, keyed by file name")


# --------------------------------------------------------------------------
# Entities
# --------------------------------------------------------------------------


class Reference(Strict):
    id: Slug = Field(description="unique id of this record; other records refer to it by this id")
    title: ShortText = Field(description="title of the work")
    authors: list[ShortText] = Field([], description="authors as listed, one per entry")
    year: Year | None = Field(None, description="year of publication, where known")
    kind: ReferenceKind = Field(description="paper, web page, government document or article")
    publisher: ShortText | None = Field(None, description="who published it (arXiv, OpenAI, Anthropic, LessWrong, ...)")
    credibility: Credibility | None = Field(
        None, description="the star rating (1-5) the text gives the work; absent where it gives none"
    )
    url: Url | None = Field(None, description="web address (http or https only)")
    summary: Text = Field(description="one-line summary in the pack's own words")
    secondary: bool = Field(
        default=False,
        description=(
            "True for a write-up about another work (a news article, blog post or summary page): "
            "figures taken from it are second-hand, not read in the work itself."
        ),
    )


class Technique(Strict):
    id: Slug = Field(description="unique id of this record; other records refer to it by this id")
    name: ShortText = Field(description="name as shown to readers")
    ai_assisted: bool = Field(description="true for the six techniques of the AI-assisted page")
    summary: Text = Field(description="one- or two-sentence summary in the pack's own words")
    category: Category | None = Field(None, description="forward (shapes training) or backward (verifies afterwards)")
    principle: Principle | None = Field(None, description="the alignment principle it mainly serves")
    maturity: Maturity | None = Field(None, description="how far the approach has got, from deployed to limited")
    mechanism: Text | None = Field(None, description="how it works")
    key_limitation: Text | None = Field(None, description="its main limitation")
    scalability_limits: Text | None = Field(None, description="what limits it as systems grow more capable")
    success_metrics: Text | None = Field(None, description="how its success is measured")
    risks: list[RiskId] = Field([], description="ids of the risks it addresses")
    labs: list[LabId] = Field([], description="ids of the labs working on it")
    references: list[ReferenceId] = Field([], description="ids of the references that support this record")


class EffectivenessEstimate(Strict):
    id: Slug = Field(description="unique id of this record; other records refer to it by this id")
    technique: TechniqueId = Field(description="id of the technique estimated")
    current: EstimateRange = Field(description="effectiveness today, in percent")
    superhuman: EstimateRange = Field(description="expected effectiveness on superhuman systems, in percent")
    confidence: Confidence = Field(description="how sure the source is")
    key_uncertainty: Text = Field(description="what the estimate most depends on")
    references: list[ReferenceId] = Field(min_length=1, description="ids of the references that support this record")


class Claim(Strict):
    """A quantified figure from the texts. Claims sharing a ``quantity`` measure the same thing."""

    id: Slug = Field(description="unique id of this record; other records refer to it by this id")
    quantity: Slug = Field(description="what is measured; claims with the same quantity are versions of one figure")
    statement: Text = Field(description="the claim in one sentence, in the pack's own words")
    figure: Figure = Field(description="the number as the text gives it")
    measures: ShortText = Field(description="what the number measures")
    year: Year | None = Field(None, description="the year the figure refers to")
    estimate: bool = Field(False, description='true where the text marks it as an estimate ("est.", "≈")')
    references: list[ReferenceId] = Field(
        min_length=1, description="ids of the references the text attaches to the figure"
    )
    stated_in: ReferenceId = Field(description="id of the reference of the text that states it (a source page)")
    technique: TechniqueId | None = Field(None, description="id of the technique the figure is about, if any")
    lab: LabId | None = Field(None, description="id of the lab the figure is about, if any")
    note: Text | None = Field(None, description="a caveat, e.g. when a citation looks unrelated to its claim")


class Investment(Strict):
    figure: Figure = Field(description="the amount, in usd or cad")
    basis: Literal["per-year", "raised"] = Field(description="per-year spending or total raised")
    estimate: bool = Field(False, description="true where the text marks the value as an estimate")
    year: Year | None = Field(None, description="the year the figure refers to")
    note: ShortText | None = Field(None, description="a caveat shown with the value")
    references: list[ReferenceId] = Field(min_length=1, description="ids of the references that support this record")


class Lab(Strict):
    id: Slug = Field(description="unique id of this record; other records refer to it by this id")
    name: ShortText = Field(description="name as shown to readers")
    summary: Text | None = Field(None, description="one- or two-sentence summary in the pack's own words")
    key_technique: ShortText | None = Field(
        None, description="the technique the lab is best known for, as the text words it"
    )
    techniques: list[TechniqueId] = Field([], description="ids of the techniques the lab works on")
    results: list[ClaimId] = Field([], description="ids of the claims that report the lab's results")
    results_text: Text | None = Field(
        None, description="the result as the comparison table words it, in the pack's own words"
    )
    deployment_status: ShortText | None = Field(None, description="how far the lab's work is deployed")
    investment: Investment | None = Field(None, description="its safety investment, where the text gives one")
    strengths: list[ShortText] = Field([], description="strengths, one short phrase each")
    references: list[ReferenceId] = Field([], description="ids of the references that support this record")


class Risk(Strict):
    id: Slug = Field(description="unique id of this record; other records refer to it by this id")
    name: ShortText = Field(description="name as shown to readers")
    relevance: Relevance = Field(description="how relevant alignment is to this risk")
    how_alignment_helps: Text = Field(description="how alignment work reduces the risk")
    techniques: list[TechniqueId] = Field([], description="ids of the techniques that address it")
    other_methods: list[ShortText] = Field(
        [], description="methods the table names that are not techniques of the pack"
    )
    references: list[ReferenceId] = Field(min_length=1, description="ids of the references that support this record")


# --------------------------------------------------------------------------
# Grades
# --------------------------------------------------------------------------


class GradePoint(Strict):
    letter: Letter = Field(description="a letter grade")
    gpa: Annotated[float, Field(ge=0, le=4.3)] = Field(description="its grade points (0-4.3)")


class GradeIndex(Strict):
    id: Slug = Field(description="unique id of this record; other records refer to it by this id")
    name: ShortText = Field(description="name of the index")
    edition: ShortText = Field(description="edition or year of the index")
    publisher: ShortText = Field(description="who published it")
    kind: Literal["letter", "percent"] = Field(description="letter grades or percentage scores")
    domains: list[Slug] = Field(min_length=1, description="ids of the domains it grades")
    domain_labels: dict[Slug, ShortText] = Field({}, description="domain id -> label as the index words it")
    description: Text = Field(description="description in the pack's own words")
    references: list[ReferenceId] = Field(min_length=1, description="ids of the references that support this record")
    summary_of: IndexId | None = Field(
        default=None,
        description=(
            "Set when this grade set is a page's summary of another index of the pack (the index as "
            "published), so the two can be compared cell by cell."
        ),
    )
    series: Slug | None = Field(
        default=None,
        description=(
            "The index this record is one edition of (e.g. fli-ai-safety-index); editions of one series "
            "are compared with each other over time. Absent for a page's summary."
        ),
    )
    published: PartialDate | None = Field(
        default=None,
        description=(
            "When the edition was published, only as precisely as its sources give it: YYYY, YYYY-MM or "
            "YYYY-MM-DD. Required for an edition of a series."
        ),
    )
    cadence: Text | None = Field(
        default=None,
        description=(
            "How often editions come out and when the next is usually due, only as the index's sources "
            "say it; absent where no source says."
        ),
    )
    measures: ShortText | None = Field(
        default=None, description="What the index measures, in a few words, shown beside each company's standing."
    )
    companies_rated: Annotated[int, Field(ge=1, le=500)] | None = Field(
        default=None,
        description=(
            "How many companies the edition rates in all. When set, the pack holds a row for every one of "
            "them in the ordering domain, so a rank within the index is a rank among all it rates."
        ),
    )
    score_unit: Literal["percent", "points-of-100"] = Field(
        default="percent",
        description=(
            "For a percent-kind index: 'percent' (a percentage) or 'points-of-100' (points out of 100, "
            "e.g. indicators met out of 100), shown as the index words it."
        ),
    )
    previous_note: Text | None = Field(
        default=None,
        description=(
            "About the edition before this one where the pack does not hold it (another scale, no copy "
            "found), so the change since then is explained rather than left blank."
        ),
    )


class GradesMeta(Strict):
    scale: list[GradePoint] = Field(min_length=1, description="letter grades and their grade points")
    scale_note: Text = Field(description="how letters map to points, in words")
    indices: list[GradeIndex] = Field(min_length=1, description="the published indices the grades and scores come from")


class GradeRow(Strict):
    """One row of grades.csv."""

    index: IndexId = Field(description="id of the grade index (grades.yaml) the value comes from")
    lab: LabId = Field(description="id of the lab or company")
    domain: Slug = Field(description="id of the domain of the index being graded")
    grade: Letter = Field(description="letter grade as published")
    score: float | None = Field(
        default=None,
        ge=0,
        le=4.3,
        allow_inf_nan=False,
        description="The index's own numeric score on its grade-point scale, where it publishes one.",
    )
    reference: ReferenceId | None = Field(
        default=None,
        description="The reference this figure was taken from, where it is not simply the index's references.",
    )
    found_at: Url | None = Field(
        default=None, description="The address of the copy the figure was read in (checked against it)."
    )


class ScoreRow(Strict):
    """One row of scores.csv: a percentage score from a percent-kind index."""

    index: IndexId = Field(description="id of the grade index (grades.yaml) the value comes from")
    lab: LabId = Field(description="id of the lab or company")
    domain: Slug = Field(description="id of the domain of the index being graded")
    percent: Percent = Field(description="percentage score as published (0-100)")
    reference: ReferenceId | None = Field(
        default=None,
        description="The reference this figure was taken from, where it is not simply the index's references.",
    )
    found_at: Url | None = Field(
        default=None, description="The address of the copy the figure was read in (checked against it)."
    )


# --------------------------------------------------------------------------
# Cruxes
# --------------------------------------------------------------------------


class Evidence(Strict):
    text: Text = Field(description="the text shown to readers, in the pack's own words")
    claims: list[ClaimId] = Field([], description="ids of the quantified claims this record rests on")
    references: list[ReferenceId] = Field([], description="ids of the references that support this record")


class Position(Strict):
    id: Slug = Field(description="unique id of this record; other records refer to it by this id")
    label: ShortText = Field(description="short label as shown to readers")
    summary: Text = Field(description="one- or two-sentence summary in the pack's own words")
    evidence_for: list[Evidence] = Field([], description="evidence for this position")
    evidence_against: list[Evidence] = Field([], description="evidence against this position")


class Crux(Strict):
    id: Slug = Field(description="unique id of this record; other records refer to it by this id")
    kind: Literal["ai-assisted", "technical", "strategic"] = Field(description="which family of cruxes it belongs to")
    title: ShortText = Field(description="title as shown to readers")
    question: ShortText = Field(description="the question in one line")
    summary: Text = Field(description="one- or two-sentence summary in the pack's own words")
    credence_question: ShortText | None = Field(
        None,
        description="the question the reader's credence slider asks: 0 means fully the low position, 100 fully the high one",
    )
    low_position: Slug | None = Field(None, description="id of the position at 0 on the reader's credence slider")
    high_position: Slug | None = Field(None, description="id of the position at 100 on the reader's credence slider")
    positions: list[Position] = Field([], description="the positions people hold on it")
    related_techniques: list[TechniqueId] = Field([], description="ids of the techniques this record bears on")
    references: list[ReferenceId] = Field(min_length=1, description="ids of the references that support this record")


class BeliefLink(Strict):
    """Ties a stated belief to a crux: the belief holds when the credence is on ``side``."""

    crux: CruxId = Field(description="id of the crux")
    side: Literal["low", "high"] = Field(description="which end of the crux's slider the belief corresponds to")


class Belief(Strict):
    id: Slug = Field(description="unique id of this record; other records refer to it by this id")
    text: ShortText = Field(description="the text shown to readers, in the pack's own words")
    fit: Literal["good-fit", "less-relevant"] = Field(
        description="whether AI-assisted alignment suits someone holding this belief"
    )
    links: list[BeliefLink] = Field([], description="the crux positions the belief corresponds to")
    references: list[ReferenceId] = Field(min_length=1, description="ids of the references that support this record")


# --------------------------------------------------------------------------
# Approaches, scalability, assessments, outlook
# --------------------------------------------------------------------------


class Approach(Strict):
    id: Slug = Field(description="unique id of this record; other records refer to it by this id")
    name: ShortText = Field(description="name as shown to readers")
    strengths: list[ShortText] = Field(min_length=1, description="strengths, one short phrase each")
    weaknesses: list[ShortText] = Field(min_length=1, description="weaknesses, one short phrase each")
    when_to_prefer: list[ShortText] = Field(min_length=1, description="when to prefer it, one short phrase each")
    techniques: list[TechniqueId] = Field([], description="ids of the techniques this record concerns")
    favoured_when: list[BeliefLink] = Field(
        [], description='the dashboard\'s reading of "when to prefer" in crux terms'
    )
    references: list[ReferenceId] = Field(min_length=1, description="ids of the references that support this record")


class ScalabilityConcern(Strict):
    id: Slug = Field(description="unique id of this record; other records refer to it by this id")
    challenge: ShortText = Field(description="the scalability challenge")
    current_status: ShortText = Field(description="where work on it stands")
    limitations: Text = Field(description="its limitations today")
    agi_implications: Text = Field(description="what it implies for far more capable systems")
    proposed_solutions: list[ShortText] = Field([], description="solutions proposed, one short phrase each")
    success_probability: Figure | None = Field(
        None,
        description="probability of success as a percent range; absent, with a success_status, when not quantified",
    )
    success_target: ShortText | None = Field(
        None, description='what the probability is of, e.g. "working for near-AGI"'
    )
    success_status: ShortText | None = Field(
        None, description='where it stands when no probability is given, e.g. "under active investigation"'
    )
    claims: list[ClaimId] = Field([], description="ids of the quantified claims this record rests on")
    references: list[ReferenceId] = Field(min_length=1, description="ids of the references that support this record")


class AssessmentRow(Strict):
    dimension: ShortText = Field(description="what is assessed")
    rating: ShortText | None = Field(
        None, description='the text\'s own rating word(s), e.g. "High", "$8-10B sector-wide"'
    )
    grade: Letter | None = Field(None, description="the letter grade the text gives, if any")
    timeline: ShortText | None = Field(None, description="when, as the text words it")
    confidence: ShortText | None = Field(None, description="how sure the text is, in its own words")
    evidence: Text | None = Field(None, description="the evidence the text gives, in the pack's own words")
    claims: list[ClaimId] = Field([], description="ids of the quantified claims this record rests on")


class Assessment(Strict):
    id: Slug = Field(description="unique id of this record; other records refer to it by this id")
    kind: Literal[
        "quick-assessment",
        "evaluation-summary",
        "risk-assessment",
        "capability-gap",
        "joint-evaluation",
    ] = Field(description="which table of the texts it is")
    title: ShortText = Field(description="title as shown to readers")
    columns: dict[str, ShortText] = Field({}, description="header labels as the text gives them, keyed by field name")
    rows: list[AssessmentRow] = Field(min_length=1, description="the table's rows")
    references: list[ReferenceId] = Field(min_length=1, description="ids of the references that support this record")


class CurrentUse(Strict):
    id: Slug = Field(description="unique id of this record; other records refer to it by this id")
    application: ShortText = Field(description="what AI is used for")
    status: Maturity = Field(description="how far it has got, from deployed to limited")
    promise: ShortText = Field(description="how promising the text rates it")
    technique: TechniqueId | None = Field(None, description="id of the technique this record concerns")


class FlowNode(Strict):
    id: Slug = Field(description="unique id of this record; other records refer to it by this id")
    label: ShortText = Field(description="short label as shown to readers")
    stage: Literal["current", "tasks", "future"] = Field(
        description="column of the flow chart: current systems, tasks, or future systems"
    )


class FlowEdge(Strict):
    source: FlowNodeId = Field(description="id of the box the arrow starts at")
    target: FlowNodeId = Field(description="id of the box the arrow points to")


class SurveyRow(Strict):
    question: ShortText = Field(description="the question in one line")
    median: ShortText = Field(description="the median answer, as the text gives it")
    range: ShortText | None = Field(None, description="the range of answers, as the text gives it")
    claims: list[ClaimId] = Field([], description="ids of the quantified claims this record rests on")
    references: list[ReferenceId] = Field(min_length=1, description="ids of the references that support this record")


class TimelinePhase(Strict):
    id: Slug = Field(description="unique id of this record; other records refer to it by this id")
    horizon: ShortText = Field(description='the horizon, e.g. "Near-term"')
    years: ShortText = Field(description='the years it covers, e.g. "1-3 years"')
    items: list[ShortText] = Field(min_length=1, description="the entries, one short phrase each")


class TimelineEvent(Strict):
    id: Slug = Field(description="unique id of this record; other records refer to it by this id")
    date: dt.date = Field(description="date of the event (YYYY-MM-DD)")
    precision: Literal["day", "month", "year", "late-year"] = Field(
        "day",
        description=(
            "how precise the date is: day, month, year, or late-year for a text's 'late 2025' (give the "
            "date as the year's 1 January; it is placed in the year's last quarter, after its dated events)"
        ),
    )
    title: ShortText = Field(description="title as shown to readers")
    text: Text = Field(description="the text shown to readers, in the pack's own words")
    claims: list[ClaimId] = Field([], description="ids of the quantified claims this record rests on")
    references: list[ReferenceId] = Field(min_length=1, description="ids of the references that support this record")


class Limitation(Strict):
    id: Slug = Field(description="unique id of this record; other records refer to it by this id")
    title: ShortText = Field(description="title as shown to readers")
    text: Text = Field(description="the text shown to readers, in the pack's own words")
    claims: list[ClaimId] = Field([], description="ids of the quantified claims this record rests on")
    references: list[ReferenceId] = Field(min_length=1, description="ids of the references that support this record")


class AutomationLevel(Strict):
    level: Annotated[int, Field(ge=1, le=4)] = Field(description="level number")
    name: ShortText = Field(description="name of the level")
    described: bool = Field(description="false where the source names the level but does not describe it")
    description: Text = Field(description="description in the pack's own words")
    examples: list[ShortText] = Field([], description="examples, one short phrase each")
    references: list[ReferenceId] = Field(min_length=1, description="ids of the references that support this record")


class ExpertView(Strict):
    id: Slug = Field(description="unique id of this record; other records refer to it by this id")
    person: ShortText = Field(description="the person's name")
    affiliation: ShortText | None = Field(None, description="the person's organisation, where the text names it")
    outlook: Literal["optimistic", "pessimistic", "mixed"] = Field(
        description="whether the view is optimistic, pessimistic or mixed"
    )
    view: Text = Field(description="the person's view, in the pack's own words")
    quote: Text | None = Field(None, description="the person's words verbatim, only where the text quotes them")
    claims: list[ClaimId] = Field([], description="ids of claims the view cites")
    references: list[ReferenceId] = Field(min_length=1, description="ids of the references that support this record")


class OversightApproach(Strict):
    id: Slug = Field(description="unique id of this record; other records refer to it by this id")
    name: ShortText = Field(description="name as shown to readers")
    maturity: Maturity = Field(description="how far the approach has got, from deployed to limited")
    benefits: ShortText = Field(description="its benefits")
    concerns: ShortText = Field(description="the concerns it raises")
    leading_work: ShortText = Field(description="who leads work on it")
    technique: TechniqueId | None = Field(None, description="id of the technique this record concerns")
    references: list[ReferenceId] = Field(min_length=1, description="ids of the references that support this record")


class MetricRow(Strict):
    """A row of the RLHF effectiveness metrics table."""

    id: Slug = Field(description="unique id of this record; other records refer to it by this id")
    metric: ShortText = Field(description="what is measured")
    claim: ClaimId = Field(description="id of the quantified claim this row reports")
    method: ShortText = Field(description="how it was measured")
    venue: ShortText = Field(description="where it was published")


class Outlook(Strict):
    """The remaining tables and lists of the texts."""

    current_uses: list[CurrentUse] = Field(description="where AI already helps alignment work")
    flow_nodes: list[FlowNode] = Field(description="boxes of the how-it-works flow chart")
    flow_edges: list[FlowEdge] = Field(description="arrows of the flow chart")
    expert_survey: list[SurveyRow] = Field(description="expert survey results")
    timeline: list[TimelinePhase] = Field(description="near-, mid- and long-term outlook")
    events: list[TimelineEvent] = Field(description="dated events")
    limitations: list[Limitation] = Field(description="limitations of AI-assisted alignment")
    automation_levels: list[AutomationLevel] = Field(description="levels of automating alignment research")
    expert_views: list[ExpertView] = Field(description="named experts' views")
    oversight: list[OversightApproach] = Field(description="oversight approaches compared")
    rlhf_metrics: list[MetricRow] = Field(description="the RLHF effectiveness metrics table")
    beliefs: list[Belief] = Field(description="stated beliefs tied to crux positions")


# --------------------------------------------------------------------------
# Talk (presentation mode)
# --------------------------------------------------------------------------

PageName = Literal[
    "overview",
    "techniques",
    "effectiveness",
    "labs",
    "cruxes",
    "risks",
    "approaches",
    "sources",
]


SlideKind = Literal["chart", "title", "text"]


class Slide(Strict):
    id: Slug = Field(description="Unique within the talk; used in messages about the slide.")
    kind: SlideKind = Field(
        "chart",
        description="chart: one chart of the catalogue (page, view, params); title: a title and a subtitle; "
        "text: a title and up to eight points.",
    )
    title: ShortText = Field(description="The slide's takeaway, shown large at the top of the slide.")
    subtitle: ShortText | None = Field(
        None,
        description="One line under the title saying what the slide shows and with which settings, "
        "so that it reads without the speaker.",
    )
    page: PageName = Field("overview", description="Chart slides: the dashboard page whose chart is shown.")
    view: Slug | None = Field(None, description="Chart slides: which chart of the page; its first when absent.")
    params: dict[Slug, str | list[str]] = Field(
        {}, description="Chart slides: the chart's settings as link parameters (ids, sort keys, 0-100 credences)."
    )
    points: list[ShortText] = Field([], max_length=8, description="Text slides: the points shown on the slide.")
    note: Text = Field(description="The speaker note: shown in the presenter view, never on the projected slide.")

    @model_validator(mode="after")
    def _fits_kind(self, info: ValidationInfo) -> Slide:
        if _from_snapshot(info):
            return self
        if self.kind == "chart" and "page" not in self.model_fields_set:
            raise ValueError("a chart slide needs a page")
        if self.kind != "chart" and (self.view is not None or self.params):
            raise ValueError(f"a {self.kind} slide shows no chart: remove view and params")
        if self.kind == "text" and not self.points:
            raise ValueError("a text slide needs points")
        if self.kind != "text" and self.points:
            raise ValueError(f"a {self.kind} slide has no points: use kind: text")
        return self


class Talk(Strict):
    title: ShortText = Field(description="title of the talk")
    slides: list[Slide] = Field(min_length=1, max_length=50, description="the slides, in order")

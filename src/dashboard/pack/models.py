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


def _plain_text(value: str) -> str:
    """Pack text is shown as plain text; markup in it is a mistake or an attack, so refuse it."""
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
Percent = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]
Credibility = Annotated[int, Field(ge=1, le=5)]


def _http_url(value: str) -> str:
    parsed = urlparse(value)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ValueError("must be an http:// or https:// address")
    if any(c.isspace() for c in value):
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
    "percentage-points",
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

    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: Unit
    qualifier: Qualifier = "exact"
    unknown: bool = False
    open_high: bool = Field(
        default=False,
        description='The range has no upper bound, as the text writes it: "1-50%+" is low 1, high 50, open_high.',
    )

    @model_validator(mode="after")
    def _shape(self) -> Figure:
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

    low: Percent | None = None
    high: Percent | None = None
    measure: ShortText | None = None  # what the percentage measures, e.g. "jailbreak defense"
    estimate: bool = False  # the page marks it "(est.)"
    unknown: bool = False

    @model_validator(mode="after")
    def _shape(self) -> EstimateRange:
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
    last_reviewed: dt.date
    cadence_days: Annotated[int, Field(ge=1, le=3650)]


class SourceText(Strict):
    """One of the texts the pack was curated from."""

    id: Slug
    title: ShortText
    reference: ReferenceId  # the reference record for this text
    updated: dt.date | None = None  # when the text itself was last edited, where known
    cadence_days: Annotated[int, Field(ge=1, le=3650)] | None = None  # its own stated review cadence
    holds: Text


class PackMeta(Strict):
    title: ShortText
    version: Annotated[str, StringConstraints(pattern=r"^\d+\.\d+\.\d+$")]
    description: Text
    licence: Text
    citation: Text
    maintainers: list[ShortText] = []
    created: dt.date
    sources: list[SourceText]
    files: dict[str, FileReview]  # file name -> review record


# --------------------------------------------------------------------------
# Entities
# --------------------------------------------------------------------------


class Reference(Strict):
    id: Slug
    title: ShortText
    authors: list[ShortText] = []
    year: Year | None = None
    kind: ReferenceKind
    publisher: ShortText | None = None  # arXiv, OpenAI, Anthropic, LessWrong, ...
    credibility: Credibility | None = None  # the star rating the text gives; None where it gives none
    url: Url | None = None
    summary: Text  # one line, own words
    secondary: bool = Field(
        default=False,
        description=(
            "True for a write-up about another work (a news article, blog post or summary page): "
            "figures taken from it are second-hand, not read in the work itself."
        ),
    )


class Technique(Strict):
    id: Slug
    name: ShortText
    ai_assisted: bool  # one of the six techniques of the AI-assisted page
    summary: Text
    category: Category | None = None
    principle: Principle | None = None
    maturity: Maturity | None = None
    mechanism: Text | None = None
    key_limitation: Text | None = None
    scalability_limits: Text | None = None
    success_metrics: Text | None = None
    risks: list[RiskId] = []
    labs: list[LabId] = []
    references: list[ReferenceId] = []


class EffectivenessEstimate(Strict):
    id: Slug
    technique: TechniqueId
    current: EstimateRange
    superhuman: EstimateRange
    confidence: Confidence
    key_uncertainty: Text
    references: list[ReferenceId] = Field(min_length=1)


class Claim(Strict):
    """A quantified figure from the texts. Claims sharing a ``quantity`` measure the same thing."""

    id: Slug
    quantity: Slug
    statement: Text  # own words, one sentence
    figure: Figure
    measures: ShortText  # what the number measures
    year: Year | None = None  # the year the figure refers to
    estimate: bool = False  # the text marks it as an estimate ("est.", "≈")
    references: list[ReferenceId] = Field(min_length=1)  # the reference(s) the text attaches
    stated_in: ReferenceId  # the reference of the text that states it (a source page)
    technique: TechniqueId | None = None
    lab: LabId | None = None
    note: Text | None = None  # caveat, e.g. when a citation looks unrelated to its claim


class Investment(Strict):
    figure: Figure  # in usd or cad
    basis: Literal["per-year", "raised"]
    estimate: bool = False
    year: Year | None = None
    note: ShortText | None = None
    references: list[ReferenceId] = Field(min_length=1)


class Lab(Strict):
    id: Slug
    name: ShortText
    summary: Text | None = None
    key_technique: ShortText | None = None
    techniques: list[TechniqueId] = []
    results: list[ClaimId] = []  # claim ids
    results_text: Text | None = None  # the result as the comparison table words it, in own words
    deployment_status: ShortText | None = None
    investment: Investment | None = None
    strengths: list[ShortText] = []
    references: list[ReferenceId] = []


class Risk(Strict):
    id: Slug
    name: ShortText
    relevance: Relevance
    how_alignment_helps: Text
    techniques: list[TechniqueId] = []
    other_methods: list[ShortText] = []  # methods the table names that are not techniques of the pack
    references: list[ReferenceId] = Field(min_length=1)


# --------------------------------------------------------------------------
# Grades
# --------------------------------------------------------------------------


class GradePoint(Strict):
    letter: Letter
    gpa: Annotated[float, Field(ge=0, le=4.3)]


class GradeIndex(Strict):
    id: Slug
    name: ShortText
    edition: ShortText
    publisher: ShortText
    kind: Literal["letter", "percent"]
    domains: list[Slug] = Field(min_length=1)
    domain_labels: dict[Slug, ShortText] = {}
    description: Text
    references: list[ReferenceId] = Field(min_length=1)
    summary_of: IndexId | None = Field(
        default=None,
        description=(
            "Set when this grade set is a page's summary of another index of the pack (the index as "
            "published), so the two can be compared cell by cell."
        ),
    )


class GradesMeta(Strict):
    scale: list[GradePoint] = Field(min_length=1)
    scale_note: Text
    indices: list[GradeIndex] = Field(min_length=1)


class GradeRow(Strict):
    """One row of grades.csv."""

    index: IndexId
    lab: LabId
    domain: Slug
    grade: Letter
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

    index: IndexId
    lab: LabId
    domain: Slug
    percent: Percent
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
    text: Text
    claims: list[ClaimId] = []
    references: list[ReferenceId] = []


class Position(Strict):
    id: Slug
    label: ShortText
    summary: Text
    evidence_for: list[Evidence] = []
    evidence_against: list[Evidence] = []


class Crux(Strict):
    id: Slug
    kind: Literal["ai-assisted", "technical", "strategic"]
    title: ShortText
    question: ShortText
    summary: Text
    # The reader's credence slider: 0 means fully the ``low`` position, 100 fully the ``high`` one.
    credence_question: ShortText | None = None
    low_position: Slug | None = None
    high_position: Slug | None = None
    positions: list[Position] = []
    related_techniques: list[TechniqueId] = []
    references: list[ReferenceId] = Field(min_length=1)


class BeliefLink(Strict):
    """Ties a stated belief to a crux: the belief holds when the credence is on ``side``."""

    crux: CruxId
    side: Literal["low", "high"]


class Belief(Strict):
    id: Slug
    text: ShortText
    fit: Literal["good-fit", "less-relevant"]
    links: list[BeliefLink] = []
    references: list[ReferenceId] = Field(min_length=1)


# --------------------------------------------------------------------------
# Approaches, scalability, assessments, outlook
# --------------------------------------------------------------------------


class Approach(Strict):
    id: Slug
    name: ShortText
    strengths: list[ShortText] = Field(min_length=1)
    weaknesses: list[ShortText] = Field(min_length=1)
    when_to_prefer: list[ShortText] = Field(min_length=1)
    techniques: list[TechniqueId] = []
    favoured_when: list[BeliefLink] = []  # the dashboard's reading of "when to prefer" in crux terms
    references: list[ReferenceId] = Field(min_length=1)


class ScalabilityConcern(Strict):
    id: Slug
    challenge: ShortText
    current_status: ShortText
    limitations: Text
    agi_implications: Text
    proposed_solutions: list[ShortText] = []
    success_probability: Figure | None = None  # percent range; None with a status when not quantified
    success_target: ShortText | None = None  # what the probability is of, e.g. "working for near-AGI"
    success_status: ShortText | None = None  # e.g. "under active investigation"
    claims: list[ClaimId] = []
    references: list[ReferenceId] = Field(min_length=1)


class AssessmentRow(Strict):
    dimension: ShortText
    rating: ShortText | None = None  # the text's own rating word(s), e.g. "High", "$8-10B sector-wide"
    grade: Letter | None = None
    timeline: ShortText | None = None
    confidence: ShortText | None = None
    evidence: Text | None = None
    claims: list[ClaimId] = []


class Assessment(Strict):
    id: Slug
    kind: Literal[
        "quick-assessment",
        "evaluation-summary",
        "risk-assessment",
        "capability-gap",
        "joint-evaluation",
    ]
    title: ShortText
    columns: dict[str, ShortText] = {}  # header labels as the text gives them, keyed by field name
    rows: list[AssessmentRow] = Field(min_length=1)
    references: list[ReferenceId] = Field(min_length=1)


class CurrentUse(Strict):
    id: Slug
    application: ShortText
    status: Maturity
    promise: ShortText
    technique: TechniqueId | None = None


class FlowNode(Strict):
    id: Slug
    label: ShortText
    stage: Literal["current", "tasks", "future"]


class FlowEdge(Strict):
    source: FlowNodeId
    target: FlowNodeId


class SurveyRow(Strict):
    question: ShortText
    median: ShortText
    range: ShortText | None = None
    claims: list[ClaimId] = []
    references: list[ReferenceId] = Field(min_length=1)


class TimelinePhase(Strict):
    id: Slug
    horizon: ShortText  # "Near-term"
    years: ShortText  # "1-3 years"
    items: list[ShortText] = Field(min_length=1)


class TimelineEvent(Strict):
    id: Slug
    date: dt.date
    precision: Literal["day", "month", "year"] = "day"
    title: ShortText
    text: Text
    claims: list[ClaimId] = []
    references: list[ReferenceId] = Field(min_length=1)


class Limitation(Strict):
    id: Slug
    title: ShortText
    text: Text
    claims: list[ClaimId] = []
    references: list[ReferenceId] = Field(min_length=1)


class AutomationLevel(Strict):
    level: Annotated[int, Field(ge=1, le=4)]
    name: ShortText
    described: bool  # False where the source names the level but does not describe it
    description: Text
    examples: list[ShortText] = []
    references: list[ReferenceId] = Field(min_length=1)


class ExpertView(Strict):
    id: Slug
    person: ShortText
    affiliation: ShortText | None = None
    outlook: Literal["optimistic", "pessimistic", "mixed"]
    view: Text  # own words
    quote: Text | None = None  # verbatim, only where the text quotes the person
    claims: list[ClaimId] = []
    references: list[ReferenceId] = Field(min_length=1)


class OversightApproach(Strict):
    id: Slug
    name: ShortText
    maturity: Maturity
    benefits: ShortText
    concerns: ShortText
    leading_work: ShortText
    technique: TechniqueId | None = None
    references: list[ReferenceId] = Field(min_length=1)


class MetricRow(Strict):
    """A row of the RLHF effectiveness metrics table."""

    id: Slug
    metric: ShortText
    claim: ClaimId
    method: ShortText
    venue: ShortText


class Outlook(Strict):
    """The remaining tables and lists of the texts."""

    current_uses: list[CurrentUse]
    flow_nodes: list[FlowNode]
    flow_edges: list[FlowEdge]
    expert_survey: list[SurveyRow]
    timeline: list[TimelinePhase]
    events: list[TimelineEvent]
    limitations: list[Limitation]
    automation_levels: list[AutomationLevel]
    expert_views: list[ExpertView]
    oversight: list[OversightApproach]
    rlhf_metrics: list[MetricRow]
    beliefs: list[Belief]


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


class Slide(Strict):
    id: Slug
    title: ShortText
    page: PageName
    view: Slug | None = None  # which chart of the page, where a page has several
    params: dict[Slug, str | list[str]] = {}
    note: Text  # speaker note


class Talk(Strict):
    title: ShortText
    slides: list[Slide] = Field(min_length=1, max_length=50)

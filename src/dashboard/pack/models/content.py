"""The records of the pack's argument files: cruxes, beliefs, approaches, assessments, the outlook and the talk."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import (
    Field,
    ValidationInfo,
    model_validator,
)

from dashboard.pack.models.fields import (
    ClaimId,
    CruxId,
    Figure,
    FlowNodeId,
    Letter,
    Maturity,
    ReferenceId,
    ShortText,
    Slug,
    Strict,
    TechniqueId,
    Text,
    _from_snapshot,
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


class SlidePoll(Strict):
    """A live credence poll on a crux slide: the room answers the crux's credence question from its phones."""

    crux: CruxId = Field(
        description="id of the crux the room is asked about; it needs a credence question and both positions"
    )


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
    poll: SlidePoll | None = Field(
        None,
        description="Crux slides: a live poll of the room's credences on this crux (the presenter opens and "
        "closes it; the projected slide shows the crux's positions and the room's answers instead of the chart).",
    )

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
        if self.poll is not None and (self.kind != "chart" or self.page != "cruxes"):
            raise ValueError("a poll is on a crux slide: kind chart, page cruxes")
        return self


class Talk(Strict):
    title: ShortText = Field(description="title of the talk")
    slides: list[Slide] = Field(min_length=1, max_length=50, description="the slides, in order")

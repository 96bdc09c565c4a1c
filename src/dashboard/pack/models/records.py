"""The records of the pack's entity files: metadata, references, techniques, claims, labs, risks, grades and scores."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import (
    Field,
    StringConstraints,
)

from dashboard.pack.models.fields import (
    Category,
    ClaimId,
    Confidence,
    Credibility,
    EstimateRange,
    Figure,
    IndexId,
    LabId,
    Letter,
    Maturity,
    PartialDate,
    Percent,
    Principle,
    ReferenceId,
    ReferenceKind,
    Relevance,
    RiskId,
    ShortText,
    Slug,
    Strict,
    TechniqueId,
    Text,
    Url,
    Year,
)

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

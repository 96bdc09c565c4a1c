"""The validated data pack as one typed object, and the list of files a pack holds."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from pydantic import TypeAdapter

from dashboard.pack import models as m


@dataclass(frozen=True)
class PackFile:
    """One file of a pack: its name, how it is parsed, and what it holds."""

    name: str
    format: str  # "yaml" or "csv"
    attr: str  # Dataset attribute it fills
    model: Any  # the type a document (or a CSV row) is validated against
    required: bool = True
    description: str = ""

    @cached_property
    def adapter(self) -> TypeAdapter:
        return TypeAdapter(self.model)


PACK_FILES: tuple[PackFile, ...] = (
    PackFile(
        "pack.yaml",
        "yaml",
        "meta",
        m.PackMeta,
        description="title, version, licence, sources and review dates",
    ),
    PackFile(
        "references.yaml",
        "yaml",
        "references",
        list[m.Reference],
        description="the works cited, with credibility",
    ),
    PackFile(
        "techniques.yaml",
        "yaml",
        "techniques",
        list[m.Technique],
        description="alignment techniques and approaches",
    ),
    PackFile(
        "estimates.yaml",
        "yaml",
        "estimates",
        list[m.EffectivenessEstimate],
        description="current vs superhuman effectiveness",
    ),
    PackFile(
        "claims.yaml",
        "yaml",
        "claims",
        list[m.Claim],
        description="every quantified figure, with its references",
    ),
    PackFile("labs.yaml", "yaml", "labs", list[m.Lab], description="labs and companies"),
    PackFile(
        "risks.yaml",
        "yaml",
        "risks",
        list[m.Risk],
        description="risks alignment addresses",
    ),
    PackFile(
        "grades.yaml",
        "yaml",
        "grades_meta",
        m.GradesMeta,
        description="grade indices and the letter-to-GPA scale",
    ),
    PackFile(
        "grades.csv",
        "csv",
        "grades",
        m.GradeRow,
        description="letter grades: index, lab, domain, grade",
    ),
    PackFile(
        "scores.csv",
        "csv",
        "scores",
        m.ScoreRow,
        description="percentage scores: index, lab, domain, percent",
    ),
    PackFile(
        "cruxes.yaml",
        "yaml",
        "cruxes",
        list[m.Crux],
        description="cruxes with positions and evidence",
    ),
    PackFile(
        "approaches.yaml",
        "yaml",
        "approaches",
        list[m.Approach],
        description="AI-assisted alignment against its alternatives",
    ),
    PackFile(
        "scalability.yaml",
        "yaml",
        "scalability",
        list[m.ScalabilityConcern],
        description="scalability concerns and success probabilities",
    ),
    PackFile(
        "assessments.yaml",
        "yaml",
        "assessments",
        list[m.Assessment],
        description="quick assessments and evaluation summaries",
    ),
    PackFile(
        "outlook.yaml",
        "yaml",
        "outlook",
        m.Outlook,
        description="uses, flow, survey, timeline, limitations, views",
    ),
    PackFile(
        "talk.yaml",
        "yaml",
        "talk",
        m.Talk,
        required=False,
        description="the slides of presentation mode",
    ),
)

PACK_FILES_BY_NAME = {f.name: f for f in PACK_FILES}


@dataclass(frozen=True)
class Dataset:
    meta: m.PackMeta
    references: list[m.Reference]
    techniques: list[m.Technique]
    estimates: list[m.EffectivenessEstimate]
    claims: list[m.Claim]
    labs: list[m.Lab]
    risks: list[m.Risk]
    grades_meta: m.GradesMeta
    grades: list[m.GradeRow]
    scores: list[m.ScoreRow]
    cruxes: list[m.Crux]
    approaches: list[m.Approach]
    scalability: list[m.ScalabilityConcern]
    assessments: list[m.Assessment]
    outlook: m.Outlook
    talk: m.Talk | None = None

    # Lookups by id -------------------------------------------------------
    @cached_property
    def reference_by_id(self) -> dict[str, m.Reference]:
        return {r.id: r for r in self.references}

    @cached_property
    def technique_by_id(self) -> dict[str, m.Technique]:
        return {t.id: t for t in self.techniques}

    @cached_property
    def claim_by_id(self) -> dict[str, m.Claim]:
        return {c.id: c for c in self.claims}

    @cached_property
    def lab_by_id(self) -> dict[str, m.Lab]:
        return {lab.id: lab for lab in self.labs}

    @cached_property
    def risk_by_id(self) -> dict[str, m.Risk]:
        return {r.id: r for r in self.risks}

    @cached_property
    def crux_by_id(self) -> dict[str, m.Crux]:
        return {c.id: c for c in self.cruxes}

    def counts(self) -> dict[str, int]:
        """Records per kind, for the validator's summary line."""
        o = self.outlook
        return {
            "references": len(self.references),
            "techniques": len(self.techniques),
            "estimates": len(self.estimates),
            "claims": len(self.claims),
            "labs": len(self.labs),
            "risks": len(self.risks),
            "grades": len(self.grades),
            "scores": len(self.scores),
            "cruxes": len(self.cruxes),
            "approaches": len(self.approaches),
            "scalability": len(self.scalability),
            "assessments": len(self.assessments),
            "outlook": sum(len(getattr(o, name)) for name in type(o).model_fields),
            "slides": len(self.talk.slides) if self.talk else 0,
        }

"""The approaches, scalability concerns and the texts' assessment tables as tables (pure, no streamlit).

A chance of success is kept as the pack writes it: a range whose upper end is open keeps ``open_high``,
an unknown figure stays ``unknown`` with no numbers, and ``success_status`` says why none is given.
"""

from __future__ import annotations

from dashboard.exports.tableschema import Column, Table, column, figure_columns, figure_values, link, links, records
from dashboard.pack import models as m
from dashboard.pack.dataset import Dataset

# --------------------------------------------------------------------------
# Approaches and scalability
# --------------------------------------------------------------------------


def approach_tables(ds: Dataset) -> list[Table]:
    A, S = m.Approach, m.ScalabilityConcern
    approaches = records(
        "approaches",
        "AI-assisted alignment and its alternatives: strengths, weaknesses, when to prefer each",
        A,
        ds.approaches,
        [
            ("id", "string"),
            ("name", "string"),
            ("strengths", "string"),
            ("weaknesses", "string"),
            ("when_to_prefer", "string"),
        ],
    )
    favoured = Table(
        "approach_favoured_when",
        "The crux positions under which each approach is favoured",
        [
            Column("approach", "string", "id of the approach", references=("approaches", "id")),
            column(m.BeliefLink, "crux", "string", ref=("cruxes", "id")),
            column(m.BeliefLink, "side", "string"),
        ],
        [{"approach": a.id, "crux": b.crux, "side": b.side} for a in ds.approaches for b in a.favoured_when],
        ("approach", "crux", "side"),
    )
    scalability = records(
        "scalability",
        "Scalability concerns, each with the chance of success the texts give (or why they give none)",
        S,
        ds.scalability,
        [
            ("id", "string"),
            ("challenge", "string"),
            ("current_status", "string"),
            ("limitations", "string"),
            ("agi_implications", "string"),
            ("proposed_solutions", "string"),
            *figure_columns("success", "success probability"),
            ("success_target", "string"),
            ("success_status", "string"),
        ],
        extra=lambda s: figure_values("success", s.success_probability),
    )
    return [
        approaches,
        link(
            "approach_techniques",
            ("approaches", "approach"),
            ("techniques", "technique"),
            [(a.id, t) for a in ds.approaches for t in a.techniques],
            "Techniques each approach involves",
        ),
        links("approaches", "id", ds.approaches, "references", "approach_references", "References of each approach"),
        favoured,
        scalability,
        links(
            "scalability",
            "id",
            ds.scalability,
            "claims",
            "scalability_claims",
            "Quantified claims each scalability concern rests on",
        ),
        links(
            "scalability",
            "id",
            ds.scalability,
            "references",
            "scalability_references",
            "References of each scalability concern",
        ),
    ]


# --------------------------------------------------------------------------
# Assessments: the texts' own rating tables
# --------------------------------------------------------------------------


def assessment_tables(ds: Dataset) -> list[Table]:
    A, R = m.Assessment, m.AssessmentRow
    rows = Table(
        "assessment_rows",
        "The rows of each assessment table, in the text's order",
        [
            Column("assessment", "string", "id of the assessment", references=("assessments", "id")),
            Column("position", "integer", "the row's place in its table, from 1"),
            *(column(R, f, "string") for f in ("dimension", "rating", "grade", "timeline", "confidence", "evidence")),
        ],
        [
            {
                "assessment": a.id,
                "position": i,
                **{f: getattr(r, f) for f in ("dimension", "rating", "grade", "timeline", "confidence", "evidence")},
            }
            for a in ds.assessments
            for i, r in enumerate(a.rows, start=1)
        ],
        ("assessment", "position"),
    )
    row_claims = Table(
        "assessment_row_claims",
        "Quantified claims each assessment row rests on",
        [
            Column("assessment", "string", "id of the assessment", references=("assessments", "id")),
            Column("position", "integer", "the row's place in its table, from 1"),
            Column("claim", "string", "id of the claim", references=("claims", "id")),
        ],
        [
            {"assessment": a.id, "position": i, "claim": c}
            for a in ds.assessments
            for i, r in enumerate(a.rows, start=1)
            for c in dict.fromkeys(r.claims)
        ],
        ("assessment", "position", "claim"),
    )
    headers = Table(
        "assessment_columns",
        "The column headers each assessment table gives, keyed by field name",
        [
            Column("assessment", "string", "id of the assessment", references=("assessments", "id")),
            Column("field", "string", "the field of assessment_rows the header labels"),
            Column("label", "string", "the header as the text gives it"),
        ],
        [{"assessment": a.id, "field": f, "label": label} for a in ds.assessments for f, label in a.columns.items()],
        ("assessment", "field"),
    )
    return [
        records(
            "assessments",
            "The texts' own assessment tables (quick assessment, evaluation summary, ...)",
            A,
            ds.assessments,
            [("id", "string"), ("kind", "string"), ("title", "string")],
        ),
        headers,
        rows,
        row_claims,
        links(
            "assessments", "id", ds.assessments, "references", "assessment_references", "References of each assessment"
        ),
    ]

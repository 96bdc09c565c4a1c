"""The records the pages show around the core kinds, as tables (pure, no streamlit).

The labs' investment figures, results and references (the Labs page's detail), the cruxes' positions
and the evidence for and against each (the Cruxes page's cards), the techniques
each crux bears on, the grade indices with their domains and the grade-point scale (the Labs page),
and the source texts and pack files with their review dates (the Sources page's "When was this
checked?"). Column meanings come from the pack's models; every id is a foreign key.
"""

from __future__ import annotations

from dashboard.exports.tableschema import Column, Table, column, figure_columns, figure_values, link, links, records
from dashboard.pack import models as m
from dashboard.pack.dataset import Dataset

_CRUX = Column("crux", "string", "id of the crux", references=("cruxes", "id"))
_EVIDENCE_KEY = [
    _CRUX,
    Column("position", "string", "id of the position, within its crux"),
    Column("stance", "string", "for or against the position"),
    Column("number", "integer", "the evidence's place in its list, from 1"),
]


def crux_tables(ds: Dataset) -> list[Table]:
    P = m.Position
    positions = Table(
        "crux_positions",
        "The positions people hold on each crux",
        [
            _CRUX,
            column(P, "id", "string"),
            column(P, "label", "string"),
            column(P, "summary", "string"),
            Column("slider_end", "string", "low or high: the end of the reader's credence slider it sits at, if any"),
        ],
        [
            {
                "crux": c.id,
                "id": p.id,
                "label": p.label,
                "summary": p.summary,
                "slider_end": "low" if p.id == c.low_position else "high" if p.id == c.high_position else None,
            }
            for c in ds.cruxes
            for p in c.positions
        ],
        ("crux", "id"),
    )
    evidence = [
        (c.id, p.id, stance, i, e)
        for c in ds.cruxes
        for p in c.positions
        for stance, items in (("for", p.evidence_for), ("against", p.evidence_against))
        for i, e in enumerate(items, start=1)
    ]
    key = ("crux", "position", "stance", "number")

    def by_evidence(name: str, description: str, attr: str) -> Table:
        target = attr[:-1]
        return Table(
            name,
            description,
            [*_EVIDENCE_KEY, Column(target, "string", f"id of the {target}", references=(attr, "id"))],
            [
                dict(zip((*key, target), (c, p, s, i, v), strict=True))
                for c, p, s, i, e in evidence
                for v in dict.fromkeys(getattr(e, attr))
            ],
            (*key, target),
        )

    return [
        positions,
        Table(
            "crux_evidence",
            "The evidence for and against each position, in the pack's order",
            [*_EVIDENCE_KEY, column(m.Evidence, "text", "string")],
            [dict(zip((*key, "text"), (c, p, s, i, e.text), strict=True)) for c, p, s, i, e in evidence],
            key,
        ),
        by_evidence("crux_evidence_claims", "Quantified claims each piece of evidence cites", "claims"),
        by_evidence("crux_evidence_references", "References of each piece of evidence", "references"),
        link(
            "crux_techniques",
            ("cruxes", "crux"),
            ("techniques", "technique"),
            [(c.id, t) for c in ds.cruxes for t in c.related_techniques],
            "Techniques each crux bears on",
        ),
    ]


def grade_tables(ds: Dataset) -> list[Table]:
    meta = ds.grades_meta
    indices = meta.indices if meta is not None else []
    return [
        records(
            "grade_indices",
            "The published indices the grades and scores come from",
            m.GradeIndex,
            indices,
            [
                ("id", "string"),
                ("name", "string"),
                ("edition", "string"),
                ("publisher", "string"),
                ("kind", "string"),
                ("description", "string"),
                ("summary_of", "string"),
                ("series", "string"),
                ("published", "string"),  # YYYY, YYYY-MM or YYYY-MM-DD: only as precise as the sources
                ("cadence", "string"),
                ("measures", "string"),
                ("companies_rated", "integer"),
                ("score_unit", "string"),
                ("previous_note", "string"),
            ],
            refs={"summary_of": ("grade_indices", "id")},
        ),
        Table(
            "grade_domains",
            "The domains each index grades, with the label the index gives each",
            [
                Column("index", "string", "id of the grade index", references=("grade_indices", "id")),
                Column("domain", "string", "id of the domain"),
                Column("label", "string", "the domain's label as the index words it (empty where it gives none)"),
            ],
            [{"index": x.id, "domain": d, "label": x.domain_labels.get(d)} for x in indices for d in x.domains],
            ("index", "domain"),
        ),
        links("grade_indices", "id", indices, "references", "grade_index_references", "References of each index"),
        records(
            "grade_scale",
            meta.scale_note if meta is not None else "Letter grades and their grade points",
            m.GradePoint,
            meta.scale if meta is not None else [],
            [("letter", "string"), ("gpa", "number")],
            key=("letter",),
        ),
    ]


def review_tables(ds: Dataset) -> list[Table]:
    meta = ds.meta
    S, F = m.SourceText, m.FileReview
    return [
        records(
            "source_texts",
            "The texts the pack was curated from, with when each was last edited",
            S,
            meta.sources,
            [
                ("id", "string"),
                ("title", "string"),
                ("reference", "string"),
                ("updated", "date"),
                ("cadence_days", "integer"),
                ("holds", "string"),
            ],
            refs={"reference": ("references", "id")},
            units={"cadence_days": "days"},
        ),
        Table(
            "pack_files",
            "The pack's files, with when each was last checked against its sources",
            [
                Column("file", "string", "the pack file's name"),
                column(F, "last_reviewed", "date"),
                column(F, "cadence_days", "integer", unit="days"),
            ],
            [
                {"file": name, "last_reviewed": f.last_reviewed.isoformat(), "cadence_days": f.cadence_days}
                for name, f in meta.files.items()
            ],
            ("file",),
        ),
    ]


def lab_tables(ds: Dataset) -> list[Table]:
    invested = [x for x in ds.labs if x.investment is not None]
    inv = m.Investment
    return [
        Table(
            "lab_investments",
            "Each lab's safety investment, where the texts give one; an unknown amount stays unknown",
            [
                Column("lab", "string", "id of the lab", references=("labs", "id")),
                *figure_columns("amount", "the amount"),
                column(inv, "basis", "string"),
                column(inv, "estimate", "boolean"),
                column(inv, "year", "integer"),
                column(inv, "note", "string"),
            ],
            [
                {
                    "lab": x.id,
                    **figure_values("amount", x.investment.figure),  # type: ignore[union-attr]
                    **{f: getattr(x.investment, f) for f in ("basis", "estimate", "year", "note")},
                }
                for x in invested
            ],
            ("lab",),
        ),
        link(
            "lab_investment_references",
            ("labs", "lab"),
            ("references", "reference"),
            [(x.id, r) for x in invested for r in x.investment.references],  # type: ignore[union-attr]
            "References of each lab's investment figure",
        ),
        link(
            "lab_results",
            ("labs", "lab"),
            ("claims", "claim"),
            [(x.id, c) for x in ds.labs for c in x.results],
            "The claims that report each lab's results",
        ),
        links("labs", "id", ds.labs, "references", "lab_references", "References of each lab"),
    ]


def record_tables(ds: Dataset) -> list[Table]:
    return [*crux_tables(ds), *grade_tables(ds), *lab_tables(ds), *review_tables(ds)]

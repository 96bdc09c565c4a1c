"""The offline report's sections for the pages' blocks that are not charts (pure, no streamlit).

Headline figures, assessment tables, current uses, the approaches and their outlook (comparison,
capability-safety gap, oversight, levels, expert survey and views, timeline, limitations), the
techniques explorer, cruxes with their evidence and the reading at the sliders' starting credences,
the risks each technique addresses, every lab's results and grades, every quantified claim, the
disagreements and the review dates. Each section is built from the same frame the page shows, with
every cell HTML-escaped; ``page_sections(ds, page)`` gives a page's sections in the page's order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pandas as pd

from dashboard.analysis.references import reference_label
from dashboard.analysis.trust import reference_caption
from dashboard.exports.csvfmt import format_cell
from dashboard.exports.printed import WIDE_TABLE_COLUMNS, esc
from dashboard.pack.dataset import Dataset
from dashboard.views.catalogue.cruxes import credences_from
from dashboard.views.frames import approaches as fa
from dashboard.views.frames import cruxes as fc
from dashboard.views.frames import labs as fl
from dashboard.views.frames import overview as fo
from dashboard.views.frames import risks as fr
from dashboard.views.frames import sources as fs
from dashboard.views.frames import techniques as ft
from dashboard.views.frames.claims import figure_text


@dataclass(frozen=True)
class Section:
    anchor: str
    title: str
    body: str  # HTML inside the section, after its heading

    def html(self) -> str:
        a = esc(self.anchor)
        return (
            f'<section class="block" id="{a}" aria-labelledby="{a}-title">\n'
            f'<h3 id="{a}-title">{esc(self.title)}</h3>\n{self.body}\n</section>'
        )


def _label(column: object) -> str:
    """A column label in sentence case, as the pages show it."""
    text = str(column)
    return text[:1].upper() + text[1:]


def table_html(frame: pd.DataFrame, caption: str = "") -> str:
    """A frame as an HTML table, labels in sentence case, cells written as in the CSVs (70 not 70.0, yes/no), every cell escaped."""
    if frame.empty:
        return '<p class="caption">Nothing to show for this pack.</p>'
    head = "".join(f'<th scope="col">{esc(_label(c))}</th>' for c in frame.columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{esc(format_cell(v))}</td>" for v in row) + "</tr>"
        for row in frame.itertuples(index=False, name=None)
    )
    wide = " wide" if len(frame.columns) > WIDE_TABLE_COLUMNS else ""
    cap = f'<p class="caption">{esc(caption)}</p>' if caption else ""
    return (
        f'<div class="table-wrap{wide}" tabindex="0"><table><thead><tr>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table></div>{cap}"
    )


def _sources(ds: Dataset, ids: Iterable[str]) -> str:
    ids = list(dict.fromkeys(ids))
    return reference_caption(ds, ids) if ids else ""


def _p(text: str, cls: str = "") -> str:
    return f'<p class="{cls}">{esc(text)}</p>' if cls else f"<p>{esc(text)}</p>"


def _h4(text: str) -> str:
    return f"<h4>{esc(text)}</h4>"


# --------------------------------------------------------------------------
# Overview
# --------------------------------------------------------------------------


def _overview(ds: Dataset, today: dt.date) -> list[Section]:
    out = []
    items = fo.headlines(ds)
    if items:
        body = table_html(fo.headlines_table(items), _sources(ds, [r for h in items for r in h.references]))
        out.append(Section("overview-headlines", "Headline figures", body))
    parts = []
    for aid in (fo.QUICK_ASSESSMENT, fo.EVALUATION_SUMMARY):
        table = fo.assessment_table(ds, aid)
        if table is not None:
            parts += [
                _h4(fo.assessment_title(ds, aid) or aid),
                table_html(table, _sources(ds, fo.assessment_references(ds, aid))),
            ]
    if parts:
        out.append(Section("overview-assessments", "Quick assessment and evaluation summary", "\n".join(parts)))
    uses = fo.current_uses_frame(ds)
    if not uses.empty:
        src = [s.reference for s in ds.meta.sources if s.id == "wiki-ai-assisted-alignment-short"]
        out.append(Section("overview-current-uses", "Where it is used today", table_html(uses, _sources(ds, src))))
    return out


# --------------------------------------------------------------------------
# Approaches and outlook
# --------------------------------------------------------------------------


def _approaches(ds: Dataset, today: dt.date) -> list[Section]:
    out = []
    comparison = fa.comparison_frame(ds)
    if not comparison.empty:
        body = table_html(
            comparison.drop(columns=["id"]), _sources(ds, [r for a in ds.approaches for r in a.references])
        )
        out.append(Section("approaches-comparison", "AI-assisted alignment and its alternatives", body))
    gap = fa.assessment(ds, "capability-safety-gap")
    if gap is not None:
        body = _h4(gap.title) + table_html(fa.assessment_frame(gap), _sources(ds, gap.references))
        out.append(Section("approaches-gap", "Capability-safety gap", body))
    over = fa.oversight_frame(ds)
    if not over.empty:
        body = table_html(over, _sources(ds, fa.outlook_references(ds, "oversight")))
        out.append(Section("approaches-oversight", "Oversight and control", body))
    if ds.outlook.automation_levels:
        body = table_html(fa.levels_frame(ds), _sources(ds, fa.outlook_references(ds, "automation_levels")))
        out.append(Section("approaches-levels", "Four levels of automating alignment research", body))
    survey = fa.survey_frame(ds)
    if not survey.empty:
        body = table_html(
            survey.drop(columns=["figures"]).rename(columns={"median": "median response"}),
            _sources(ds, fa.outlook_references(ds, "expert_survey")),
        )
        out.append(Section("approaches-survey", "Expert survey", body))
    views = fa.expert_views_frame(ds)
    if not views.empty:
        body = table_html(views.drop(columns=["group"]), _sources(ds, fa.outlook_references(ds, "expert_views")))
        out.append(Section("approaches-expert-views", "Named experts, optimistic and pessimistic", body))
    phases = fa.phases_frame(ds)
    if not phases.empty:
        body = table_html(phases.drop(columns=["phase"]))
        out.append(Section("approaches-timeline", "Timeline", body))
    lims = fa.limitations_frame(ds)
    if not lims.empty:
        body = table_html(lims, _sources(ds, fa.outlook_references(ds, "limitations")))
        out.append(Section("approaches-limitations", "Limitations", body))
    return out


# --------------------------------------------------------------------------
# Techniques, cruxes, risks, labs, sources
# --------------------------------------------------------------------------


def _techniques(ds: Dataset, today: dt.date) -> list[Section]:
    frame = ft.techniques_frame(ds)
    if frame.empty:
        return []
    table = ft.explorer_table(frame).drop(columns=["Source link"], errors="ignore")
    return [Section("techniques-explorer", "Every technique", table_html(table))]


def _cruxes(ds: Dataset, today: dt.date) -> list[Section]:
    out = []
    parts = []
    for crux in (c for c in ds.cruxes if c.kind == "ai-assisted"):
        parts.append(_h4(crux.title))
        parts.append(_p(crux.question))
        for pos in crux.positions:
            parts.append(f"<p><strong>{esc(pos.label)}</strong>: {esc(pos.summary)}</p>")
        evidence = fc.evidence_frame(ds, crux.id).drop(columns=["crux", "reference_ids", "claim_ids"])
        parts.append(table_html(evidence, _sources(ds, fc.crux_references(ds, crux.id))))
    if parts:
        out.append(Section("cruxes-evidence", "The cruxes and the evidence on each side", "\n".join(parts)))
    credences = credences_from(ds, {})
    if credences:
        body = [
            _p("The dashboard's reading at the sliders' starting credences (all undecided), not the texts' own claim."),
            _p(fc.recommendation_text(ds, credences)),
            _h4("Approaches"),
            table_html(fc.approaches_reading_frame(ds, credences).drop(columns=["status", "id"])),
            _h4("Beliefs"),
            table_html(fc.beliefs_frame(ds, credences).drop(columns=["status", "id"])),
        ]
        out.append(Section("cruxes-reading", "What follows from the credences", "\n".join(body)))
    others = fc.other_cruxes_frame(ds)
    if not others.empty:
        out.append(
            Section(
                "cruxes-others", "Technical cruxes and strategic questions", table_html(others.drop(columns=["id"]))
            )
        )
    return out


def _risks(ds: Dataset, today: dt.date) -> list[Section]:
    frames = []
    for rid in fr.ordered_risks(ds):
        part = fr.risk_techniques(ds, rid).drop(columns=["id", "summary"], errors="ignore")
        part.insert(0, "risk", ds.risk_by_id[rid].name if rid in ds.risk_by_id else rid)
        frames.append(part)
    if not frames:
        return []
    return [
        Section(
            "risks-techniques",
            "Each risk and the techniques that address it",
            table_html(pd.concat(frames, ignore_index=True)),
        )
    ]


def _labs(ds: Dataset, today: dt.date) -> list[Section]:
    out = []
    scale = fl.scale_frame(ds)
    if not scale.empty:
        note = ds.grades_meta.scale_note if ds.grades_meta is not None else ""
        out.append(Section("labs-scale", "Grade-point scale", table_html(scale, note)))
    parts = []
    inv = fl.investment_frame(ds)
    invested = dict(zip(inv["lab"], inv["figure_text"], strict=True)) if not inv.empty else {}
    for lab in ds.labs:
        parts.append(_h4(lab.name))
        if lab.summary:
            parts.append(_p(lab.summary))
        facts = (
            ("Key technique", lab.key_technique),
            ("Deployment", lab.deployment_status),
            ("Investment", invested.get(lab.id)),
        )
        parts.append(_p(" · ".join(f"{label}: {value or 'not stated'}" for label, value in facts)))
        techniques = ", ".join(ds.technique_by_id[t].name for t in lab.techniques if t in ds.technique_by_id)
        for label, text in (("Techniques", techniques), ("Results", lab.results_text or "")):
            if text:
                parts.append(f"<p><strong>{esc(label)}:</strong> {esc(text)}</p>")
        if lab.results:  # the frame of no results is empty: not built for every lab without any
            parts.append(table_html(fl.lab_results(ds, lab.id)))
        if lab.strengths:
            parts.append(
                f"<p><strong>Notable strengths (as the grade table words them):</strong> "
                f"{esc('; '.join(lab.strengths))}</p>"
            )
        grades = fl.lab_grades(ds, lab.id)
        parts.append(table_html(grades) if not grades.empty else _p("No index grades this lab.", "caption"))
        parts.append(_p(_sources(ds, fl.lab_references(ds, lab.id)), "caption"))
    if parts:
        out.append(Section("labs-detail", "Each lab in detail", "\n".join(parts)))
    return out


def _sources_page(ds: Dataset, today: dt.date) -> list[Section]:
    out = []
    rows = [
        {
            "figure": figure_text(c),
            "measures": c.measures,
            "statement": c.statement,
            "year": c.year,
            "stated in": reference_label(ds, c.stated_in),
            "sources": "; ".join(reference_label(ds, r) for r in c.references),
            "note": c.note or "",
            "claim": c.id,
        }
        for c in ds.claims
    ]
    if rows:
        out.append(Section("sources-claims", "Every figure and where it comes from", table_html(pd.DataFrame(rows))))
    summary = fs.disagreement_summary(ds)
    if not summary.empty:
        body = (
            table_html(summary.drop(columns=["quantity"]))
            + _h4("Every figure of those quantities")
            + table_html(fs.disagreements_frame(ds).drop(columns=["kind"], errors="ignore"))
        )
        out.append(Section("sources-disagreements", "Where sources disagree", body))
    srcs = fs.sources_staleness_frame(ds, today).drop(columns=["days"])
    files = fs.files_staleness_frame(ds, today).drop(columns=["days"])
    body = (
        _p(f"As of {today.isoformat()}, the day the report was made.", "caption")
        + _h4("The source texts")
        + table_html(srcs)
    )
    body += _h4("The files of this data pack") + table_html(files)
    out.append(Section("sources-staleness", "When was this checked?", body))
    return out


_PAGES: dict[str, Callable[[Dataset, dt.date], list[Section]]] = {
    "overview": _overview,
    "techniques": _techniques,
    "cruxes": _cruxes,
    "risks": _risks,
    "labs": _labs,
    "approaches": _approaches,
    "sources": _sources_page,
}


def page_sections(ds: Dataset, page: str, *, today: dt.date | None = None) -> list[Section]:
    """The sections of ``page``'s non-chart blocks, in the page's order; none for a page of charts only."""
    build = _PAGES.get(page)
    return build(ds, today or dt.date.today()) if build else []


# The order of a page's blocks as the page shows them: its charts (``page-view``, in the catalogue's
# order) among its sections.
PAGE_ORDER: dict[str, tuple[str, ...]] = {
    "overview": ("overview-headlines", "overview-assessments", "overview-flow", "overview-current-uses"),
    "techniques": ("techniques-explorer", "techniques-compare-effectiveness"),
    "labs": (  # the page's order: each index's newest edition, every index side by side, then the grades
        "labs-latest",
        "labs-standing",
        "labs-grades",
        "labs-edition",
        "labs-scale",
        "labs-editions",
        "labs-scores",
        "labs-investment",
        "labs-detail",
    ),
    "cruxes": ("cruxes-evidence", "cruxes-reading", "cruxes-stance", "cruxes-others"),
    "approaches": (
        "approaches-comparison",
        "approaches-scalability",
        "approaches-gap",
        "approaches-oversight",
        "approaches-levels",
        "approaches-survey",
        "approaches-expert-views",
        "approaches-timeline",
        "approaches-events",
        "approaches-limitations",
    ),
    "risks": ("risks-coverage", "risks-techniques"),
    "sources": (
        "sources-claims",
        "sources-credibility",
        "sources-disagreements",
        "sources-disagreement",
        "sources-staleness",
    ),
}


def in_page_order(page: str, parts: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """(anchor, heading, html) parts in the page's order; a part the order does not name keeps its place after."""
    order = PAGE_ORDER.get(page, ())

    def rank(part: tuple[str, str, str]) -> int:
        anchor = part[0]
        for i, name in enumerate(order):
            if anchor == name or anchor.startswith(name + "-"):  # a chart's variants follow it
                return i
        return len(order)

    return sorted(parts, key=rank)  # stable: unnamed parts keep their order


BLOCK_CSS = """
section.block { margin: 1.5rem 0 2.5rem; padding: 1.25rem; border: 1px solid var(--border); border-radius: 10px; }
section.block h4 { margin: 1rem 0 .4rem; }
@media print { section.block { border: none; padding: 0; margin: 1rem 0 2rem; } }
"""

"""Where every block a page shows is held in every output: the offline report, SQLite and the Data Package.

``INVENTORY`` lists, page by page, each block: what the page reads to draw it (the frames and
analysis functions it calls, the pack attributes it reads, the charts it places), the report section
or chart that holds it, and the tables that hold its records in SQLite (and, named with hyphens, in
the Data Package). ``page_reads`` reads a page's source with ``ast``. The checks are
tests/unit/test_output_inventory.py (the minimal pack) and tests/data/test_data_outputs.py (the shipped one).
"""

from __future__ import annotations

import ast
import datetime as dt
from html.parser import HTMLParser
from pathlib import Path
from typing import NamedTuple

from dashboard.exports import report
from dashboard.views.catalogue import page_views

PAGES_DIR = Path(__file__).resolve().parents[1] / "pages"


class Block(NamedTuple):
    reads: tuple[str, ...]  # "module.name" of views.frames / analysis, "ds.attr", "chart:view"
    report: str  # the report section or chart id (a chart's variants follow it as id-variant)
    tables: tuple[str, ...]  # SQLite tables; Data Package resources are the same names with hyphens


INVENTORY: dict[str, dict[str, Block]] = {
    "overview": {
        "headline figures": Block(
            ("overview.headlines", "overview.headlines_table"), "overview-headlines", ("claims", "claim_references")
        ),
        "quick assessment and evaluation summary": Block(
            (
                "overview.assessment_table",
                "overview.assessment_title",
                "overview.assessment_references",
                "overview.QUICK_ASSESSMENT",
                "overview.EVALUATION_SUMMARY",
            ),
            "overview-assessments",
            ("assessments", "assessment_columns", "assessment_rows", "assessment_row_claims", "assessment_references"),
        ),
        "how it works (flow chart)": Block(("chart:flow",), "overview-flow", ("flow_nodes", "flow_edges")),
        "where it is used today": Block(
            ("overview.current_uses_frame", "ds.meta"), "overview-current-uses", ("current_uses", "source_texts")
        ),
    },
    "techniques": {
        "explorer table": Block(
            (
                "techniques.techniques_frame",
                "techniques.apply_filters",
                "techniques.filter_options",
                "techniques.explorer_table",
                "techniques.explorer_csv",
                "ds.techniques",
            ),
            "techniques-explorer",
            ("techniques", "technique_references", "technique_risks", "lab_techniques", "estimates"),
        ),
        "compare side by side (the chosen techniques' rows)": Block(
            ("techniques.compare_frame", "techniques.compare_references"), "techniques-explorer", ("techniques",)
        ),
        "compare chart (every technique's estimates)": Block(
            ("chart:compare-effectiveness",), "effectiveness-effectiveness", ("estimates", "estimate_references")
        ),
        "a technique's figures": Block(("techniques.technique_claims",), "sources-claims", ("claims",)),
    },
    "effectiveness": {
        "current vs superhuman chart": Block(
            ("chart:effectiveness", "effectiveness.SORTS", "ds.estimates"),
            "effectiveness-effectiveness",
            ("estimates",),
        ),
        "oversight figures chart": Block(("chart:oversight",), "effectiveness-oversight", ("claims",)),
    },
    "labs": {
        "the indices' newest editions, and each one's chart": Block(
            ("indices.latest_editions", "indices.editions_table", "indices.edition_heading", "chart:latest"),
            "labs-indices",
            ("grade_indices", "grades", "scores"),
        ),
        "every index side by side": Block(("chart:standing",), "labs-standing", ("grade_indices", "grades", "scores")),
        "grades chart (the page's summary), with where it differs from the published edition": Block(
            ("chart:grades", "labs.letter_index", "labs.SORTS"), "labs-grades", ("grades", "grade_indices")
        ),
        "the index as published": Block(
            ("chart:edition", "editions.published_editions", "editions.edition_label"),
            "labs-edition",
            ("grades", "grade_indices", "grade_domains", "grade_index_references"),
        ),
        "grade-point scale": Block(("labs.scale_frame", "ds.grades_meta"), "labs-scale", ("grade_scale",)),
        "editions chart": Block(("chart:editions",), "labs-editions", ("grades", "grade_indices")),
        "scores chart, with where its order differs": Block(("chart:scores",), "labs-scores", ("scores",)),
        "investment chart": Block(
            ("chart:investment", "labs.investment_frame"),
            "labs-investment",
            ("lab_investments", "lab_investment_references"),
        ),
        "one lab in detail": Block(
            (
                "labs.lab_results",
                "labs.lab_grades",
                "labs.lab_references",
                "ds.labs",
                "ds.lab_by_id",
                "ds.technique_by_id",
            ),
            "labs-detail",
            ("labs", "lab_results", "lab_references", "lab_techniques", "grades"),
        ),
    },
    "cruxes": {
        "crux cards and credence sliders": Block(
            (
                "cruxes.evidence_frame",
                "ds.cruxes",
                "ds.technique_by_id",
                "beliefs.DEFAULT_CREDENCE",
                "beliefs.clamp_credence",
                "beliefs.describe_credence",
                "beliefs.position_label",
                "beliefs.slider_key",
            ),
            "cruxes-evidence",
            (
                "cruxes",
                "crux_positions",
                "crux_evidence",
                "crux_evidence_claims",
                "crux_evidence_references",
                "crux_references",
                "crux_techniques",
            ),
        ),
        "what follows from your credences": Block(
            (
                "cruxes.recommendation_text",
                "cruxes.approaches_reading_frame",
                "cruxes.beliefs_frame",
                "beliefs.evaluate_beliefs",
                "beliefs.verdict",
            ),
            "cruxes-reading",
            ("beliefs", "belief_links", "belief_references", "approaches", "approach_favoured_when"),
        ),
        "stance chart": Block(("chart:stance",), "cruxes-stance", ("belief_links", "approach_favoured_when")),
        "technical cruxes and strategic questions": Block(
            ("cruxes.other_cruxes_frame",), "cruxes-others", ("cruxes", "crux_techniques", "crux_references")
        ),
    },
    "risks": {
        # with, for a pack too big to read technique by technique, the select of a group of techniques
        "coverage chart": Block(
            ("chart:coverage", "risks.coverage_groups", "risks.ALL_GROUPS_LABEL"),
            "risks-coverage",
            ("risks", "technique_risks"),
        ),
        "a risk and its techniques, a technique and its risks": Block(
            (
                "risks.ordered_risks",
                "risks.coverage_pairs",
                "risks.risk_techniques",
                "risks.technique_risks",
                "ds.risk_by_id",
                "ds.technique_by_id",
            ),
            "risks-techniques",
            ("risks", "techniques", "technique_risks", "risk_references"),
        ),
    },
    "approaches": {
        "compared with alternatives": Block(
            ("approaches.comparison_frame", "ds.approaches"),
            "approaches-comparison",
            ("approaches", "approach_techniques", "approach_references"),
        ),
        "scalability concerns chart": Block(
            ("chart:scalability",),
            "approaches-scalability",
            ("scalability", "scalability_claims", "scalability_references"),
        ),
        "capability-safety gap": Block(
            ("approaches.assessment", "approaches.assessment_frame"),
            "approaches-gap",
            ("assessments", "assessment_rows", "assessment_columns"),
        ),
        "oversight and control": Block(
            ("approaches.oversight_frame", "approaches.outlook_references"),
            "approaches-oversight",
            ("oversight", "oversight_references"),
        ),
        "levels of automation": Block(
            ("approaches.levels_frame", "approaches.NOT_DESCRIBED", "ds.outlook"),
            "approaches-levels",
            ("automation_levels", "automation_level_references"),
        ),
        "expert survey": Block(
            ("approaches.survey_frame",),
            "approaches-survey",
            ("expert_survey", "expert_survey_claims", "expert_survey_references"),
        ),
        "named experts": Block(
            ("approaches.expert_views_frame", "approaches.GROUPS", "approaches.GROUP_LABELS"),
            "approaches-expert-views",
            ("expert_views", "expert_view_claims", "expert_view_references"),
        ),
        "timeline periods": Block(("approaches.phases_frame",), "approaches-timeline", ("timeline", "timeline_items")),
        "dated events chart": Block(
            ("chart:events",), "approaches-events", ("events", "event_claims", "event_references")
        ),
        "limitations": Block(
            ("approaches.limitations_frame",),
            "approaches-limitations",
            ("limitations", "limitation_claims", "limitation_references"),
        ),
    },
    "sources": {
        "where does a figure come from": Block(
            (
                "sources.claim_options",
                "sources.claim_detail",
                "ds.claims",
                "ds.claim_by_id",
                "provenance.citations",
                "provenance.claim_label",
                "provenance.claim_labels",
                "provenance.format_figure",
                "provenance.rated_label",
                "provenance.references_text",
            ),
            "sources-claims",
            ("claims", "claim_references"),
        ),
        "references and the claims citing each": Block(
            (
                "sources.references_frame",
                "sources.CREDIBILITY_OPTIONS",
                "sources.credibility_option_label",
                "sources.citing_claims_frame",
                "ds.references",
                "ds.reference_by_id",
            ),
            "sources",
            ("references", "claim_references"),
        ),
        "credibility chart": Block(("chart:credibility",), "sources-credibility", ("references",)),
        "where sources disagree": Block(
            ("sources.disagreement_summary", "sources.disagreements_frame", "provenance.disagreements"),
            "sources-disagreements",
            ("claims", "claim_references"),
        ),
        "disagreement chart": Block(("chart:disagreement",), "sources-disagreement", ("claims",)),
        "the indices' editions and when the next is due": Block(
            ("indices.editions_table",), "sources-index-editions", ("grade_indices",)
        ),
        "when was this checked": Block(
            ("sources.sources_staleness_frame", "sources.files_staleness_frame"),
            "sources-staleness",
            ("source_texts", "pack_files"),
        ),
    },
}

# Exported tables no page block draws from directly.
NOT_ON_A_PAGE = {"rlhf_metrics"}

# Blocks the minimal pack has no records for (the page shows a notice instead); the shipped pack has them all.
MINIMAL_LACKS = {
    "overview-headlines",
    "overview-assessments",
    "approaches-gap",
    "cruxes-others",
    "labs-editions",
    "labs-indices",  # its indices give no series or publication date
    "labs-standing",
    "sources-index-editions",
    "sources-disagreements",
    "sources-disagreement",
}

_ANALYSIS = ("dashboard.views.frames", "dashboard.analysis")


def page_reads(page: str) -> set[str]:
    """What a page's source reads to draw its blocks: frames/analysis names, ``ds`` attributes, chart views."""
    tree = ast.parse((PAGES_DIR / f"{page}.py").read_text(encoding="utf-8"))
    aliases = {
        a.asname or a.name: a.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module in _ANALYSIS
        for a in node.names
    }
    views = {s.view for s in page_views(page)}
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if node.value.id in aliases:
                out.add(f"{aliases[node.value.id]}.{node.attr}")
            elif node.value.id == "ds":
                out.add(f"ds.{node.attr}")
        elif isinstance(node, ast.Call):
            texts = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if len(texts) >= 2 and texts[0] == page and texts[1] in views:
                out.add(f"chart:{texts[1]}")
    return out


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "section" and (i := dict(attrs).get("id")):
            self.ids.append(i)


def report_section_ids(ds) -> list[str]:
    parsed = _Ids()
    parsed.feed(report.report_html(ds, generated=dt.date(2026, 1, 2), include_talk=False))
    return parsed.ids


def missing_from_report(ids: list[str]) -> set[str]:
    wanted = {b.report for blocks in INVENTORY.values() for b in blocks.values()}
    return {w for w in wanted if not any(i == w or i.startswith(w + "-") for i in ids)}

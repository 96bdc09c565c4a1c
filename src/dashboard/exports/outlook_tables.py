"""The outlook as tables: uses, flow, expert survey, timeline, events, limitations, levels, experts (pure).

One table per list the Overview, Approaches and Cruxes pages show, with the meaning of each column from
the pack's models and foreign keys to techniques, claims, cruxes and references. The approaches,
scalability concerns and assessments come from ``approach_tables``; a range the text gives only in
words (the expert survey's "1-50%+") stays that text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from dashboard.exports.approach_tables import approach_tables, assessment_tables
from dashboard.exports.tableschema import Column, Table, column, links, records
from dashboard.pack import models as m
from dashboard.pack.dataset import Dataset

# --------------------------------------------------------------------------
# Outlook: uses, flow, survey, timeline, events, limitations, levels, experts, oversight, metrics, beliefs
# --------------------------------------------------------------------------


class _Numbered:
    """A record without an id, with its place in the pack's list (``position``, from 1) as its key."""

    def __init__(self, position: int, record: BaseModel) -> None:
        self.position = position
        self._record = record

    def __getattr__(self, name: str) -> Any:
        return getattr(self._record, name)


def _positioned(items: Sequence[BaseModel]) -> list[Any]:
    return [_Numbered(i, item) for i, item in enumerate(items, start=1)]


def outlook_tables(ds: Dataset) -> list[Table]:
    o = ds.outlook
    survey = _positioned(o.expert_survey)
    tech = {"technique": ("techniques", "id")}
    tables = [
        *approach_tables(ds),
        *assessment_tables(ds),
        records(
            "current_uses",
            "Where AI already helps alignment work",
            m.CurrentUse,
            o.current_uses,
            [
                ("id", "string"),
                ("application", "string"),
                ("status", "string"),
                ("promise", "string"),
                ("technique", "string"),
            ],
            refs=tech,
        ),
        records(
            "flow_nodes",
            "The boxes of the how-it-works flow chart",
            m.FlowNode,
            o.flow_nodes,
            [("id", "string"), ("label", "string"), ("stage", "string")],
        ),
        records(
            "flow_edges",
            "The arrows of the how-it-works flow chart",
            m.FlowEdge,
            o.flow_edges,
            [("source", "string"), ("target", "string")],
            key=("source", "target"),
            refs={"source": ("flow_nodes", "id"), "target": ("flow_nodes", "id")},
        ),
        records(
            "expert_survey",
            "Expert survey results; median and range exactly as the text gives them",
            m.SurveyRow,
            survey,
            [
                Column("position", "integer", "the question's place in the survey table, from 1"),
                ("question", "string"),
                ("median", "string"),
                ("range", "string"),
            ],
            key=("position",),
            extra=lambda r: {"position": r.position},
        ),
        links(
            "expert_survey",
            "position",
            survey,
            "claims",
            "expert_survey_claims",
            "Quantified claims behind each survey answer",
        ),
        links(
            "expert_survey",
            "position",
            survey,
            "references",
            "expert_survey_references",
            "References of each survey answer",
        ),
        records(
            "timeline",
            "The near-, mid- and long-term outlook: one row per period",
            m.TimelinePhase,
            o.timeline,
            [("id", "string"), ("horizon", "string"), ("years", "string")],
        ),
        Table(
            "timeline_items",
            "What the text expects in each period, one row per entry",
            [
                Column("phase", "string", "id of the timeline phase", references=("timeline", "id")),
                Column("position", "integer", "the entry's place in its period, from 1"),
                Column("item", "string", "what the text expects, in its own words"),
            ],
            [{"phase": p.id, "position": i, "item": x} for p in o.timeline for i, x in enumerate(p.items, start=1)],
            ("phase", "position"),
        ),
        records(
            "events",
            "Dated events",
            m.TimelineEvent,
            o.events,
            [("id", "string"), ("date", "date"), ("precision", "string"), ("title", "string"), ("text", "string")],
        ),
        links("events", "id", o.events, "claims", "event_claims", "Quantified claims each event cites"),
        links("events", "id", o.events, "references", "event_references", "References of each event"),
        records(
            "limitations",
            "Limitations of AI-assisted alignment",
            m.Limitation,
            o.limitations,
            [("id", "string"), ("title", "string"), ("text", "string")],
        ),
        links(
            "limitations", "id", o.limitations, "claims", "limitation_claims", "Quantified claims each limitation cites"
        ),
        links(
            "limitations", "id", o.limitations, "references", "limitation_references", "References of each limitation"
        ),
        records(
            "automation_levels",
            "Levels of automating alignment research",
            m.AutomationLevel,
            o.automation_levels,
            [
                ("level", "integer"),
                ("name", "string"),
                ("described", "boolean"),
                ("description", "string"),
                ("examples", "string"),
            ],
            key=("level",),
        ),
        links(
            "automation_levels",
            "level",
            o.automation_levels,
            "references",
            "automation_level_references",
            "References of each automation level",
        ),
        records(
            "expert_views",
            "Named experts' views, optimistic, pessimistic or mixed",
            m.ExpertView,
            o.expert_views,
            [
                ("id", "string"),
                ("person", "string"),
                ("affiliation", "string"),
                ("outlook", "string"),
                ("view", "string"),
                ("quote", "string"),
            ],
        ),
        links(
            "expert_views",
            "id",
            o.expert_views,
            "claims",
            "expert_view_claims",
            "Quantified claims each expert view cites",
        ),
        links(
            "expert_views",
            "id",
            o.expert_views,
            "references",
            "expert_view_references",
            "References of each expert view",
        ),
        records(
            "oversight",
            "Oversight approaches compared",
            m.OversightApproach,
            o.oversight,
            [
                ("id", "string"),
                ("name", "string"),
                ("maturity", "string"),
                ("benefits", "string"),
                ("concerns", "string"),
                ("leading_work", "string"),
                ("technique", "string"),
            ],
            refs=tech,
        ),
        links(
            "oversight",
            "id",
            o.oversight,
            "references",
            "oversight_references",
            "References of each oversight approach",
        ),
        records(
            "rlhf_metrics",
            "The RLHF effectiveness metrics table",
            m.MetricRow,
            o.rlhf_metrics,
            [("id", "string"), ("metric", "string"), ("claim", "string"), ("method", "string"), ("venue", "string")],
            refs={"claim": ("claims", "id")},
        ),
        records(
            "beliefs",
            "Stated beliefs tied to crux positions",
            m.Belief,
            o.beliefs,
            [("id", "string"), ("text", "string"), ("fit", "string")],
        ),
        Table(
            "belief_links",
            "The crux positions each belief corresponds to",
            [
                Column("belief", "string", "id of the belief", references=("beliefs", "id")),
                column(m.BeliefLink, "crux", "string", ref=("cruxes", "id")),
                column(m.BeliefLink, "side", "string"),
            ],
            [{"belief": b.id, "crux": x.crux, "side": x.side} for b in o.beliefs for x in b.links],
            ("belief", "crux", "side"),
        ),
        links("beliefs", "id", o.beliefs, "references", "belief_references", "References of each belief"),
    ]
    return tables

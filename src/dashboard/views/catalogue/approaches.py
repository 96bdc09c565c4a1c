"""The Approaches page's charts in the catalogue."""

from __future__ import annotations

from dashboard.pack.dataset import Dataset
from dashboard.views.catalogue.base import ChartView, Params, ViewSpec, headers


def _scalability(ds: Dataset, params: Params) -> ChartView | None:
    from dashboard.views.figures import approaches as charts
    from dashboard.views.frames import approaches as frames

    scal = frames.scalability_frame(ds)
    if scal.empty:
        return None
    takeaway = frames.scalability_takeaway(scal)
    shown = frames.shown_challenges(scal)
    note = frames.shown_note(len(shown), len(scal), "challenges", "the first in the pack's order")
    alt = frames.scalability_alt(shown) + (f" {note}" if note else "")
    return ChartView(
        "approaches",
        "scalability",
        takeaway,
        charts.scalability_figure(shown, title=takeaway),
        scal.drop(columns=["quantified", "id", "source_trust"]),
        alt,
        list(frames.scalability_references(ds)),
        columns=headers(
            scal,
            {"low": {"label": "Low (%)", "format": "%g"}, "high": {"label": "High (%)", "format": "%g"}},
        ),
        notes=tuple(n for n in (frames.unquantified_note(shown), note) if n),
    )


def _events(ds: Dataset, params: Params) -> ChartView | None:
    from dashboard.views.figures import approaches as charts
    from dashboard.views.frames import approaches as frames

    events = frames.events_frame(ds)
    if events.empty:
        return None
    takeaway = frames.events_takeaway(events)
    shown = frames.shown_events(events)
    note = frames.shown_note(len(shown), len(events), "events", "the latest")
    alt = frames.events_alt(shown) + (f" {note}" if note else "")
    return ChartView(
        "approaches",
        "events",
        takeaway,
        charts.events_figure(shown, title=takeaway),
        events.drop(columns=["precision", "date"]),  # "when" gives each date as precisely as its text
        alt,
        list(frames.outlook_references(ds, "events")),
        columns=headers(events),
        notes=(note,) if note else (),
    )


SPECS = [
    ViewSpec("approaches", "scalability", "Scalability concerns", _scalability),
    ViewSpec("approaches", "events", "Timeline of events", _events),
]

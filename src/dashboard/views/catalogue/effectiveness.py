"""The Effectiveness page's charts in the catalogue."""

from __future__ import annotations

from dashboard.pack.dataset import Dataset
from dashboard.views.catalogue.base import (
    DEFAULT_SORT,
    SORT_KEY,
    TECH_KEY,
    ChartView,
    Params,
    ViewSpec,
    chosen_techniques,
    narrows,
    param,
    tech_values,
)


def _effectiveness(ds: Dataset, params: Params) -> ChartView | None:
    from dashboard.views.figures import effectiveness as charts
    from dashboard.views.frames import effectiveness as frames

    sort = param(params, SORT_KEY, DEFAULT_SORT)
    if sort not in frames.SORTS:
        sort = DEFAULT_SORT  # an unknown value reads as the page's default
    chosen = chosen_techniques(ds, params)
    frame = frames.estimates_frame(ds, chosen, sort=sort)
    if frame.empty:
        return None
    # Unfiltered, the chart is of the techniques with an estimate; filtered, each one picked is accounted for.
    left_out = frames.not_estimated(ds, chosen, frame) if narrows(ds, chosen) else ""
    unknown = frame[frame["superhuman_unknown"] | frame["current_unknown"]]
    notes = (
        "Unknown: " + ", ".join(unknown["name"]) + ". The sources give no estimate; the grey band means "
        "the value could be anywhere, not that it is zero.",
    )
    percent = {"format": "%g%%"}
    return ChartView(
        "effectiveness",
        "effectiveness",
        frames.effectiveness_takeaway(frame),
        charts.effectiveness_figure(frame),
        frames.estimates_table(frame),
        frames.effectiveness_alt(frame),
        list(frames.estimate_references(frame)),
        columns={
            "Current low (%)": percent,
            "Current high (%)": percent,
            "Superhuman low (%)": percent,
            "Superhuman high (%)": percent,
            "Drop between midpoints (points)": {"format": "%g"},
        },
        full_table=frames.estimates_table(frames.estimates_frame(ds, None, sort=sort)),
        notes=(() if unknown.empty else notes) + ((left_out,) if left_out else ()),
        left_out=left_out,
    )


def _effectiveness_values(ds: Dataset) -> dict[str, set[str] | None]:
    from dashboard.views.frames import effectiveness as frames

    return {**tech_values(ds), SORT_KEY: set(frames.SORTS)}


def _oversight(ds: Dataset, params: Params) -> ChartView | None:
    from dashboard.views.figures import effectiveness as charts
    from dashboard.views.frames import effectiveness as frames

    over = frames.oversight_frame(ds, chosen_techniques(ds, params))
    if over.empty:
        return None
    return ChartView(
        "effectiveness",
        "oversight",
        frames.oversight_takeaway(over),
        charts.oversight_figure(over),
        frames.oversight_table(over),
        frames.oversight_alt(over),
        list(frames.claim_references(over)),
        full_table=frames.oversight_table(frames.oversight_frame(ds)),
    )


SPECS = [
    ViewSpec(
        "effectiveness",
        "effectiveness",
        "Current vs superhuman effectiveness",
        _effectiveness,
        (TECH_KEY, SORT_KEY),
        _effectiveness_values,
        defaults={SORT_KEY: DEFAULT_SORT},
    ),
    ViewSpec("effectiveness", "oversight", "The oversight gap", _oversight, (TECH_KEY,), tech_values),
]

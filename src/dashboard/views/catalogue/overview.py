"""The Overview page's charts in the catalogue."""

from __future__ import annotations

from dashboard.pack.dataset import Dataset
from dashboard.views.catalogue.base import ChartView, Params, ViewSpec


def _flow(ds: Dataset, params: Params) -> ChartView | None:
    from dashboard.views.figures.flow import flow_figure
    from dashboard.views.frames import overview as frames

    nodes, edges = frames.flow_frames(ds)
    if nodes.empty:
        return None
    return ChartView(
        "overview",
        "flow",
        frames.FLOW_TAKEAWAY,
        flow_figure(nodes, edges),
        frames.flow_table(nodes, edges),
        frames.flow_alt(nodes, edges),
        frames.flow_references(ds),
    )


SPECS = [ViewSpec("overview", "flow", "How it works", _flow)]

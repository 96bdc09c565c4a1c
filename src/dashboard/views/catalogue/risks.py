"""The Risks page's charts in the catalogue."""

from __future__ import annotations

from dashboard.pack.dataset import Dataset
from dashboard.views.catalogue.base import (
    TECH_KEY,
    ChartView,
    Params,
    ViewSpec,
    chosen_techniques,
    headers,
    tech_values,
)


def _coverage(ds: Dataset, params: Params) -> ChartView | None:
    from dashboard.views.figures import risks as charts
    from dashboard.views.frames import risks as frames

    chosen = chosen_techniques(ds, params)
    long = frames.coverage_frame(ds, chosen)
    if long.empty:
        return None
    takeaway = frames.coverage_takeaway(ds, long)
    alt = frames.coverage_alt(ds, long)
    table = frames.coverage_table(ds, chosen)
    per_risk = long.groupby("risk_id", sort=False)["addresses"].sum()
    uncovered = [ds.risk_by_id[r].name for r, n in per_risk.items() if n == 0]
    note = "No technique shown addresses: " + ", ".join(uncovered) + ". See their other methods below."
    return ChartView(
        "risks",
        "coverage",
        takeaway,
        charts.coverage_figure(long, title=takeaway),
        table,
        alt,
        list(frames.risks_references(ds)),
        columns=headers(table),
        full_table=frames.whole_coverage_table(ds),
        notes=(note,) if uncovered else (),
    )


SPECS = [ViewSpec("risks", "coverage", "Risks by technique", _coverage, (TECH_KEY,), tech_values)]

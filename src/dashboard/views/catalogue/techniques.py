"""The Techniques page's charts in the catalogue."""

from __future__ import annotations

from dashboard.pack.dataset import Dataset
from dashboard.views.catalogue.base import COMPARE_KEY, ChartView, Params, ViewSpec
from dashboard.views.links import as_list


def _compare(ds: Dataset, params: Params) -> ChartView | None:
    from dashboard.views.figures import effectiveness as charts
    from dashboard.views.frames import effectiveness as frames
    from dashboard.views.frames import techniques as tech_frames

    known = {t.id for t in ds.techniques}
    compare = [t for t in dict.fromkeys(as_list(params.get(COMPARE_KEY))) if t in known][:4]
    if len(compare) < 2:
        return None
    frame = frames.estimates_frame(ds, compare)
    if frame.empty:
        return None
    left_out = frames.not_estimated(ds, compare, frame)
    return ChartView(
        "techniques",
        "compare-effectiveness",
        tech_frames.COMPARE_TAKEAWAY,
        charts.effectiveness_figure(frame),
        frames.estimates_table(frame),
        tech_frames.compare_alt(frame),
        list(frames.estimate_references(frame)),
        full_table=frames.estimates_table(frames.estimates_frame(ds)),
        notes=(left_out,) if left_out else (),
        left_out=left_out,
    )


def _compare_values(ds: Dataset) -> dict[str, set[str] | None]:
    return {COMPARE_KEY: {t.id for t in ds.techniques}}


SPECS = [
    ViewSpec("techniques", "compare-effectiveness", "Techniques compared", _compare, (COMPARE_KEY,), _compare_values)
]

"""The Sources page's charts in the catalogue."""

from __future__ import annotations

from dashboard.pack.dataset import Dataset
from dashboard.views.catalogue.base import DISAGREEMENT_KEY, ChartView, Params, ViewSpec, headers, param


def _credibility(ds: Dataset, params: Params) -> ChartView | None:
    from dashboard.views.figures import sources as charts
    from dashboard.views.frames import sources as frames

    counts = frames.credibility_counts(ds)
    if counts.empty:
        return None
    takeaway = frames.credibility_takeaway(ds)
    alt = frames.credibility_alt(counts)
    return ChartView(
        "sources",
        "credibility",
        takeaway,
        charts.credibility_figure(counts, title=takeaway),
        counts.drop(columns=["level"]),
        alt,
        [s.reference for s in ds.meta.sources],
        columns=headers(counts),
        notes=(
            "Stars are the ratings the source texts print beside each reference; unrated means the text gives "
            "none, not that the reference is poor.",
        ),
    )


def _disagreement(ds: Dataset, params: Params) -> ChartView | None:
    """One disagreement (the ``dq`` quantity; the first one by default), as the Sources page charts it."""
    from dashboard.analysis import provenance as prov
    from dashboard.views.figures import sources as charts
    from dashboard.views.frames import sources as frames

    found = prov.disagreements(ds)
    if not found:
        return None
    by_quantity = {d.quantity: d for d in found}
    quantity = param(params, DISAGREEMENT_KEY, found[0].quantity)
    d = by_quantity.get(quantity) or found[0]  # type: ignore[arg-type]
    dis = frames.disagreements_frame(ds)
    one = dis[dis["quantity"] == d.quantity]
    takeaway = frames.disagreement_takeaway(d)
    alt = frames.disagreement_alt(ds, d)
    return ChartView(
        "sources",
        "disagreement",
        takeaway,
        charts.disagreement_figure(one, title=takeaway),
        one.drop(columns=["quantity", "source"], errors="ignore"),
        alt,
        list(frames.disagreement_references(ds, d.quantity)),
        variant=d.quantity,
        columns=headers(
            one,
            {
                "low": {"label": "Low", "format": "%g"},
                "high": {"label": "High", "format": "%g"},
                "year": {"label": "Year", "format": "%d"},
            },
        ),
        full_table=dis.drop(columns=["source"]),
    )


def _disagreement_values(ds: Dataset) -> dict[str, set[str] | None]:
    from dashboard.analysis import provenance as prov

    return {DISAGREEMENT_KEY: {d.quantity for d in prov.disagreements(ds)}}


def _disagreement_variants(ds: Dataset) -> list[dict[str, str]]:
    from dashboard.analysis import provenance as prov

    return [{DISAGREEMENT_KEY: d.quantity} for d in prov.disagreements(ds)] or [{}]


SPECS = [
    ViewSpec("sources", "credibility", "References by credibility", _credibility),
    ViewSpec(
        "sources",
        "disagreement",
        "Where sources disagree",
        _disagreement,
        (DISAGREEMENT_KEY,),
        _disagreement_values,
        _disagreement_variants,
    ),
]

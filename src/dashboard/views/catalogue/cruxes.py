"""The Cruxes page's charts in the catalogue."""

from __future__ import annotations

from dashboard.pack.dataset import Dataset
from dashboard.views.catalogue.base import ChartView, Params, ViewSpec, headers, param


def credences_from(ds: Dataset, params: Params) -> dict[str, int]:
    """The reader's crux credences from link parameters (the sliders' keys), defaults elsewhere."""
    from dashboard.analysis import beliefs as b

    out = {}
    for crux in b.credence_cruxes(ds):
        raw = param(params, b.slider_key(crux.id))
        out[crux.id] = b.clamp_credence(raw) if raw is not None else b.DEFAULT_CREDENCE
    return out


def _credence_values(ds: Dataset) -> dict[str, set[str] | None]:
    from dashboard.analysis import beliefs as b

    return {b.slider_key(c.id): {str(i) for i in range(101)} for c in b.credence_cruxes(ds)}


def _stance(ds: Dataset, params: Params) -> ChartView | None:
    from dashboard.analysis import beliefs as b
    from dashboard.views.figures import cruxes as charts
    from dashboard.views.frames import cruxes as frames

    credences = credences_from(ds, params)
    if not credences:
        return None
    stance = b.stance(ds, credences)
    takeaway = frames.stance_takeaway(stance)
    alt = frames.stance_alt(stance)
    refs = frames.stance_references(ds, stance)
    table = frames.stance_frame(stance)
    ends = frames.stance_ends(stance)
    how = (
        "How the position is worked out: each crux's credence is turned so that 100 is the side the "
        'texts tie to AI-assisted alignment working (the side its "good fit" beliefs need), then the '
        "turned credences are averaged. The two ends carry the evaluation summary's ratings "
        + ("(" + "; ".join(ends) + ")." if ends else "(not in this pack).")
    )
    return ChartView(
        "cruxes",
        "stance",
        takeaway,
        charts.stance_figure(stance, title=takeaway),
        table,
        alt,
        refs,
        columns=headers(table),
        notes=(how,),
    )


SPECS = [ViewSpec("cruxes", "stance", "Where your credences put you", _stance, (), _credence_values)]

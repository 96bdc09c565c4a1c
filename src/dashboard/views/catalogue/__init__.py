"""The catalogue of charts (pure: no streamlit).

The catalogue (``VIEWS``) lists every chart of the dashboard as a pure function of the pack and a
view's link parameters, one module per page (``overview.py`` ... ``sources.py``); ``base.py`` says
what an entry is (``ChartView``, ``ViewSpec``) and names the link parameters the charts read. Every
output reaches a chart through ``views.entry.entry``, which builds and captions it once per pack and
parameters, so the page, a slide, an embed, the images and the printed outputs show the same chart.

Talks (the slides of presentation mode, which name views of this catalogue) are in ``views.talk``.
"""

from __future__ import annotations

from dashboard.pack.dataset import Dataset
from dashboard.views.catalogue import (
    approaches,
    cruxes,
    effectiveness,
    labs,
    overview,
    risks,
    sources,
    techniques,
)
from dashboard.views.catalogue.base import (
    ALL_GROUPS,
    COMPARE_KEY,
    DEFAULT_LAB_SORT,
    DEFAULT_SORT,
    DISAGREEMENT_KEY,
    EDITION_KEY,
    GROUP_KEY,
    INDEX_KEY,
    LAB_SORT_KEY,
    SORT_KEY,
    TECH_KEY,
    Builder,
    ChartView,
    Params,
    ViewSpec,
    chosen_techniques,
    headers,
    narrows,
    param,
)
from dashboard.views.links import as_list
from dashboard.views.pages import PAGE_TITLES, PAGES, page_path

__all__ = [
    "ALL_GROUPS",
    "COMPARE_KEY",
    "DEFAULT_LAB_SORT",
    "DEFAULT_SORT",
    "DISAGREEMENT_KEY",
    "EDITION_KEY",
    "GROUP_KEY",
    "INDEX_KEY",
    "LAB_SORT_KEY",
    "PAGES",
    "PAGE_TITLES",
    "SORT_KEY",
    "TECH_KEY",
    "VIEWS",
    "Builder",
    "ChartView",
    "Params",
    "ViewSpec",
    "allowed_values",
    "chosen_techniques",
    "headers",
    "link_params",
    "narrows",
    "normal_params",
    "page_path",
    "page_views",
    "param",
    "url_labels",
    "view_params",
]

_BY_PAGE = {
    "overview": overview.SPECS,
    "techniques": techniques.SPECS,
    "effectiveness": effectiveness.SPECS,
    "labs": labs.SPECS,
    "cruxes": cruxes.SPECS,
    "risks": risks.SPECS,
    "approaches": approaches.SPECS,
    "sources": sources.SPECS,
}

VIEWS: dict[tuple[str, str], ViewSpec] = {(s.page, s.view): s for page in PAGES for s in _BY_PAGE.get(page, [])}


def page_views(page: str) -> list[ViewSpec]:
    return [s for s in VIEWS.values() if s.page == page]


def view_params(ds: Dataset, spec: ViewSpec) -> dict[str, set[str] | None]:
    """The parameters a view reads and the values each accepts (None: any value)."""
    values = spec.values(ds)
    return {key: values.get(key) for key in dict.fromkeys([*spec.keys, *values])}


def normal_params(ds: Dataset, page: str, view: str, params: Params | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``params`` reduced to what (page, view) reads, in a fixed order: a cache key for the chart.

    The technique filter is read as the view reads it (known ids in pack order), and choosing every
    technique is the same as choosing none; an empty value, or a parameter set to the view's default,
    is the same as leaving it out.
    """
    spec = VIEWS.get((page, view))
    if spec is None:
        return ()
    params = params or {}
    out = []
    for key in sorted(view_params(ds, spec)):
        values = [v for v in as_list(params.get(key)) if v != ""]
        if values == [spec.defaults.get(key)]:
            values = []
        if key == TECH_KEY:
            chosen = chosen_techniques(ds, {TECH_KEY: values})
            values = chosen if narrows(ds, chosen) else []
        if values:
            out.append((key, tuple(values)))
    return tuple(out)


def allowed_values(ds: Dataset, page: str, view: str | None) -> dict[str, set[str] | None]:
    """The parameters a slide of (page, view) may set, and the values each accepts."""
    specs = page_views(page) if view is None else [VIEWS[(page, view)]] if (page, view) in VIEWS else []
    out: dict[str, set[str] | None] = {TECH_KEY: {t.id for t in ds.techniques}}
    for spec in specs:
        out.update(spec.values(ds))
    return out


def url_labels(ds: Dataset) -> dict[str, dict[str, str]]:
    """For widgets with a ``format_func``: {key: {value: the label the widget writes in a link}}."""
    from dashboard.analysis import provenance as prov
    from dashboard.views.frames import editions as edition_frames
    from dashboard.views.frames import effectiveness as eff
    from dashboard.views.frames import indices as index_frames
    from dashboard.views.frames import labs as labs_frames
    from dashboard.views.frames import risks as risk_frames

    names = {t.id: t.name for t in ds.techniques}
    return {
        TECH_KEY: names,
        COMPARE_KEY: names,
        SORT_KEY: dict(eff.SORTS),
        LAB_SORT_KEY: dict(labs_frames.SORTS),
        EDITION_KEY: {e.id: edition_frames.edition_label(e) for e in edition_frames.published_editions(ds)},
        INDEX_KEY: {e.series: e.name for e in index_frames.latest_editions(ds) if e.series},
        DISAGREEMENT_KEY: {d.quantity: d.measures for d in prov.disagreements(ds)},
        GROUP_KEY: {ALL_GROUPS: risk_frames.ALL_GROUPS_LABEL, **risk_frames.pack_groups(ds)},
    }


def link_params(ds: Dataset, params: Params) -> dict[str, list[str]]:
    """Slide parameters as the page's widgets write them in a link.

    A widget with a ``format_func`` puts the shown label in the URL (the technique
    filter writes "AI Debate", not "ai-debate"), so ids are turned into those labels.
    """
    labels = url_labels(ds)
    out: dict[str, list[str]] = {}
    for key, raw in params.items():
        table = labels.get(key, {})
        out[key] = [table.get(v, v) for v in as_list(raw)]
    return out

"""The catalogue of charts (pure: no streamlit).

The catalogue (``VIEWS``) lists every chart of the dashboard as a pure function
of the pack and a view's link parameters. It is the one path to a chart: the pages
draw its entries (``app.chart_block``), so a slide, the offline report and the
"all charts" image ZIP show what the page shows for the same parameters. An entry
(``ChartView``) carries all a page needs besides the figure: table, takeaway, text
alternative, references, column hints as plain data, the whole table for the
"all rows" CSV and the notes shown under the chart.

Talks (the slides of presentation mode, which name views of this catalogue) are
in ``views.talk``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from dashboard.analysis.references import unique
from dashboard.pack import models as m
from dashboard.pack.dataset import Dataset
from dashboard.views.links import as_list

Params = Mapping[str, str | list[str]]

# Page order as in the navigation; the url path of each page is its name ('' for the overview).
PAGES = ("overview", "techniques", "effectiveness", "labs", "cruxes", "risks", "approaches", "sources")
PAGE_TITLES = {
    "overview": "Overview",
    "techniques": "Techniques",
    "effectiveness": "Effectiveness",
    "labs": "Labs",
    "cruxes": "Cruxes",
    "risks": "Risks",
    "approaches": "Approaches",
    "sources": "Sources",
}
TECH_KEY = "tech"

# A slide is 16:9; on a 1080p projector the figure gets most of the height.
SLIDE_HEIGHT = 560


def page_path(page: str) -> str:
    """The url path of a page: the overview is the app's root."""
    return "" if page == "overview" else page


# --------------------------------------------------------------------------
# The catalogue of charts
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class ChartView:
    """One chart as every output shows it: takeaway, figure, table, text alternative, references."""

    page: str
    view: str
    takeaway: str
    fig: go.Figure
    table: pd.DataFrame
    alt: str
    references: list[str]
    variant: str = ""  # which of a view's variants (e.g. the quantity of a disagreement)
    # How the page's table shows each column, as plain data: {column: {"label": ..., "format": ...}};
    # a "format" (printf-style, or "dollar") makes it a number column.
    columns: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    # The whole table when the one shown is narrowed (the technique filter, a choice on the page): the
    # page offers it as a second CSV. None when the table shown is already all of the data.
    full_table: pd.DataFrame | None = None
    notes: tuple[str, ...] = ()  # captions the page shows under the chart
    # Ids of the grade indices (published editions or a page's summary) whose figures the chart shows:
    # a slide's words about an index, an edition or "as published" are checked against them.
    indices: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return f"{self.page}-{self.view}" + (f"-{self.variant}" if self.variant else "")


Builder = Callable[[Dataset, Params], "ChartView | None"]


@dataclass(frozen=True)
class ViewSpec:
    page: str
    view: str
    label: str  # short name for menus
    build: Builder
    keys: tuple[str, ...] = ()  # link parameters it reads
    values: Callable[[Dataset], dict[str, set[str] | None]] = field(default=lambda ds: {})
    # The parameter sets that together show all of a view's data (the report and the image
    # ZIP draw each); one empty set for a view that shows everything at once.
    variants: Callable[[Dataset], list[dict[str, str]]] = field(default=lambda ds: [{}])  # type: ignore[assignment]


def param(params: Params, key: str, default: str | None = None) -> str | None:
    values = as_list(params.get(key))
    return values[-1] if values and values[-1] != "" else default


def chosen_techniques(ds: Dataset, params: Params) -> list[str]:
    """The ``tech`` parameter as the sidebar filter reads it: known ids in pack order; none means all."""
    wanted = set(as_list(params.get(TECH_KEY)))
    picked = [t.id for t in ds.techniques if t.id in wanted]
    return picked or [t.id for t in ds.techniques]


def headers(table: pd.DataFrame, extra: Mapping[str, Mapping[str, str]] | None = None) -> dict:
    """Column labels in sentence case, plus any specific column settings (``ChartView.columns``)."""
    out: dict[str, Mapping[str, str]] = {c: {"label": c[:1].upper() + c[1:]} for c in table.columns}
    out.update(extra or {})
    return out


def _tech_values(ds: Dataset) -> dict[str, set[str] | None]:
    return {TECH_KEY: {t.id for t in ds.techniques}}


# -- effectiveness ----------------------------------------------------------


def _effectiveness(ds: Dataset, params: Params) -> ChartView | None:
    from dashboard.views.figures import effectiveness as charts
    from dashboard.views.frames import effectiveness as frames

    sort = param(params, "sort", "current")
    if sort not in frames.SORTS:
        sort = "current"  # an unknown value reads as the page's default
    frame = frames.estimates_frame(ds, chosen_techniques(ds, params), sort=sort)
    if frame.empty:
        return None
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
        notes=() if unknown.empty else notes,
    )


def _effectiveness_values(ds: Dataset) -> dict[str, set[str] | None]:
    from dashboard.views.frames import effectiveness as frames

    return {**_tech_values(ds), "sort": set(frames.SORTS)}


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


# -- risks ------------------------------------------------------------------


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


# -- cruxes -----------------------------------------------------------------


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


# -- approaches -------------------------------------------------------------


def _scalability(ds: Dataset, params: Params) -> ChartView | None:
    from dashboard.views.figures import approaches as charts
    from dashboard.views.frames import approaches as frames

    scal = frames.scalability_frame(ds)
    if scal.empty:
        return None
    takeaway = frames.scalability_takeaway(scal)
    alt = frames.scalability_alt(scal)
    return ChartView(
        "approaches",
        "scalability",
        takeaway,
        charts.scalability_figure(scal, title=takeaway),
        scal.drop(columns=["quantified", "id", "source_trust"]),
        alt,
        list(frames.scalability_references(ds)),
        columns=headers(
            scal,
            {"low": {"label": "Low (%)", "format": "%g"}, "high": {"label": "High (%)", "format": "%g"}},
        ),
        notes=(
            "Not quantified: " + ", ".join(unq["challenge"]) + ". The text gives no probability; "
            "the chart shows words, not a bar at zero.",
        )
        if not (unq := scal[~scal["quantified"]]).empty
        else (),
    )


def _events(ds: Dataset, params: Params) -> ChartView | None:
    from dashboard.views.figures import approaches as charts
    from dashboard.views.frames import approaches as frames

    events = frames.events_frame(ds)
    if events.empty:
        return None
    takeaway = frames.events_takeaway(events)
    alt = frames.events_alt(events)
    return ChartView(
        "approaches",
        "events",
        takeaway,
        charts.events_figure(events, title=takeaway),
        events.drop(columns=["precision"]),
        alt,
        list(frames.outlook_references(ds, "events")),
        columns=headers(events),
    )


# -- sources ----------------------------------------------------------------


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


DISAGREEMENT_KEY = "dq"


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


# -- overview ---------------------------------------------------------------


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


# -- techniques -------------------------------------------------------------


def _compare(ds: Dataset, params: Params) -> ChartView | None:
    from dashboard.views.figures import effectiveness as charts
    from dashboard.views.frames import effectiveness as frames
    from dashboard.views.frames import techniques as tech_frames

    known = {t.id for t in ds.techniques}
    compare = [t for t in dict.fromkeys(as_list(params.get("compare"))) if t in known][:4]
    if len(compare) < 2:
        return None
    frame = frames.estimates_frame(ds, compare)
    if frame.empty:
        return None
    return ChartView(
        "techniques",
        "compare-effectiveness",
        tech_frames.COMPARE_TAKEAWAY,
        charts.effectiveness_figure(frame),
        frames.estimates_table(frame),
        tech_frames.compare_alt(frame),
        list(frames.estimate_references(frame)),
        full_table=frames.estimates_table(frames.estimates_frame(ds)),
    )


def _compare_values(ds: Dataset) -> dict[str, set[str] | None]:
    return {"compare": {t.id for t in ds.techniques}}


# -- labs -------------------------------------------------------------------


EDITION_KEY = "edition"


def chosen_edition(ds: Dataset, params: Params) -> m.GradeIndex | None:
    """The published edition the ``edition`` parameter names; the latest published one by default."""
    from dashboard.views.frames import labs as frames

    editions = frames.published_editions(ds)
    if not editions:
        return None
    wanted = param(params, EDITION_KEY)
    return next((e for e in editions if e.id == wanted), editions[-1])


def _lab_sort(params: Params) -> str:
    from dashboard.views.frames import labs as frames

    sort = param(params, "lab_sort", "grade")
    return sort if sort in frames.SORTS else "grade"


def _grades(ds: Dataset, params: Params) -> ChartView | None:
    """The first letter index (a page's summary where the pack has one), its cells that differ from the
    chosen published edition marked on the heatmap and named in the takeaway."""
    from dashboard.views.figures import labs as charts
    from dashboard.views.frames import labs as frames

    letter = frames.letter_index(ds)
    if letter is None:
        return None
    matrix = frames.grade_matrix(ds, letter, _lab_sort(params))
    if matrix.empty:
        return None
    takeaway = frames.grades_takeaway(matrix, letter)
    edition = chosen_edition(ds, params) if getattr(letter, "summary_of", None) else None
    marks: dict[tuple[str, str], str] = {}
    alt = frames.grades_alt(matrix)
    refs = list(letter.references)
    if edition is not None:
        diff = frames.summary_differences(ds, letter, edition)
        marks = {(r.lab, r.domain): r.published for r in diff.itertuples()}
        text = frames.differences_text(diff, edition)
        takeaway = f"The page's summary: {len(diff)} cell{'s' if len(diff) != 1 else ''} differ from the published {frames.edition_short(edition)} edition"
        alt = f"{alt} {text}"
        refs += list(edition.references)
    return ChartView(
        "labs",
        "grades",
        takeaway,
        charts.grade_heatmap(matrix, frames.scale_frame(ds), marks=marks),
        frames.grade_table(matrix, letter),
        alt,
        refs,
        variant=edition.id if edition is not None and param(params, EDITION_KEY) else "",
        notes=(letter.description,) if letter.description else (),
        indices=(letter.id,),
    )


def _edition(ds: Dataset, params: Params) -> ChartView | None:
    """A published edition's grades, as the index published them."""
    from dashboard.views.figures import labs as charts
    from dashboard.views.frames import labs as frames

    edition = chosen_edition(ds, params)
    if edition is None:
        return None
    matrix = frames.grade_matrix(ds, edition, _lab_sort(params))
    if matrix.empty:
        return None
    return ChartView(
        "labs",
        "edition",
        frames.grades_takeaway(matrix, edition),
        charts.grade_heatmap(matrix, frames.scale_frame(ds)),
        frames.grade_table(matrix, edition),
        frames.grades_alt(matrix),
        list(edition.references),
        variant=edition.id,
        notes=(edition.description,) if edition.description else (),
        indices=(edition.id,),
    )


def _edition_values(ds: Dataset) -> dict[str, set[str] | None]:
    from dashboard.views.frames import labs as frames

    return {EDITION_KEY: {e.id for e in frames.published_editions(ds)}, **_lab_values(ds)}


def _edition_variants(ds: Dataset) -> list[dict[str, str]]:
    from dashboard.views.frames import labs as frames

    return [{EDITION_KEY: e.id} for e in frames.published_editions(ds)] or [{}]


def _editions(ds: Dataset, params: Params) -> ChartView | None:
    """Each company's overall grade from one published edition to the next."""
    from dashboard.views.figures import labs as charts
    from dashboard.views.frames import labs as frames

    editions = frames.published_editions(ds)
    if len(editions) < 2:
        return None
    changes = frames.edition_changes(ds, editions)
    if changes.empty:
        return None
    table = frames.edition_changes_table(changes)
    takeaway = frames.edition_changes_takeaway(table)
    return ChartView(
        "labs",
        "editions",
        takeaway,
        charts.edition_slopes(changes, frames.scale_frame(ds), title=takeaway),
        table,
        frames.edition_changes_alt(table),
        unique([r for e in editions for r in e.references]),
        indices=tuple(e.id for e in editions),
    )


def _lab_values(ds: Dataset) -> dict[str, set[str] | None]:
    from dashboard.views.frames import labs as frames

    return {"lab_sort": set(frames.SORTS)}


def _scores(ds: Dataset, params: Params) -> ChartView | None:
    from dashboard.views.figures import labs as charts
    from dashboard.views.frames import labs as frames

    letter, percent = frames.letter_index(ds), frames.percent_index(ds)
    if letter is None or percent is None:
        return None
    matrix = frames.grade_matrix(ds, letter, "grade")
    scores = frames.scores_frame(ds, percent)
    pairs = frames.ordering_disagreements(scores, matrix, letter)
    note = frames.disagreement_text(pairs, percent, letter)
    differs = frames.score_differences_text(ds, percent)
    if differs:
        note = f"{note} {differs}"
    shown = frames.scores_with_letters(scores, matrix, letter)
    if shown.empty:
        return None
    return ChartView(
        "labs",
        "scores",
        frames.scores_takeaway(pairs, percent),
        charts.scores_bar(shown, index_name=percent.name),
        frames.scores_table(shown, letter),
        frames.scores_alt(shown, percent, note),
        list(percent.references),
        notes=(note,) if note else (),
        indices=(percent.id,),
    )


def _investment(ds: Dataset, params: Params) -> ChartView | None:
    from dashboard.views.figures import labs as charts
    from dashboard.views.frames import labs as frames

    inv = frames.investment_frame(ds)
    if inv.empty:
        return None
    return ChartView(
        "labs",
        "investment",
        frames.investment_takeaway(inv),
        charts.investment_bar(inv),
        frames.investment_table(inv),
        frames.investment_alt(inv),
        frames.investment_references(inv),
        columns={"Low (USD)": {"format": "dollar"}, "High (USD)": {"format": "dollar"}},
        notes=(
            "“est.” marks a figure its source gives as an estimate. Hatched bars are sums raised once, "
            "not yearly spending.",
        ),
    )


_SPECS: list[ViewSpec] = [
    ViewSpec("overview", "flow", "How it works", _flow),
    ViewSpec("techniques", "compare-effectiveness", "Techniques compared", _compare, ("compare",), _compare_values),
    ViewSpec(
        "labs", "grades", "The page's summary of the safety grades", _grades, ("lab_sort", EDITION_KEY), _edition_values
    ),
    ViewSpec(
        "labs",
        "edition",
        "Safety grades as published",
        _edition,
        ("lab_sort", EDITION_KEY),
        _edition_values,
        _edition_variants,
    ),
    ViewSpec("labs", "editions", "Grades from one edition to the next", _editions),
    ViewSpec("labs", "scores", "A second index's scores", _scores),
    ViewSpec("labs", "investment", "Alignment investment", _investment),
    ViewSpec(
        "effectiveness",
        "effectiveness",
        "Current vs superhuman effectiveness",
        _effectiveness,
        (TECH_KEY, "sort"),
        _effectiveness_values,
    ),
    ViewSpec("effectiveness", "oversight", "The oversight gap", _oversight, (TECH_KEY,), _tech_values),
    ViewSpec("cruxes", "stance", "Where your credences put you", _stance, (), _credence_values),
    ViewSpec("risks", "coverage", "Risks by technique", _coverage, (TECH_KEY,), _tech_values),
    ViewSpec("approaches", "scalability", "Scalability concerns", _scalability),
    ViewSpec("approaches", "events", "Timeline of events", _events),
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

VIEWS: dict[tuple[str, str], ViewSpec] = {
    (s.page, s.view): s for s in sorted(_SPECS, key=lambda s: PAGES.index(s.page))
}


def page_views(page: str) -> list[ViewSpec]:
    return [s for s in VIEWS.values() if s.page == page]


def build_view(ds: Dataset, page: str, view: str | None, params: Params | None = None) -> ChartView | None:
    """The chart for (page, view) with ``params``; the page's first chart when ``view`` is None.

    None when the page has no such chart or the parameters leave nothing to show.
    """
    params = params or {}
    if view is None:
        specs = page_views(page)
        if not specs:
            return None
        spec = specs[0]
    else:
        spec = VIEWS.get((page, view))  # type: ignore[assignment]
        if spec is None:
            return None
    return spec.build(ds, params)


def view_params(ds: Dataset, spec: ViewSpec) -> dict[str, set[str] | None]:
    """The parameters a view reads and the values each accepts (None: any value)."""
    values = spec.values(ds)
    return {key: values.get(key) for key in dict.fromkeys([*spec.keys, *values])}


def normal_params(ds: Dataset, page: str, view: str, params: Params | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``params`` reduced to what (page, view) reads, in a fixed order: a cache key for the chart.

    The technique filter is read as the view reads it (known ids in pack order), and choosing every
    technique is the same as choosing none.
    """
    spec = VIEWS.get((page, view))
    if spec is None:
        return ()
    params = params or {}
    out = []
    for key in sorted(view_params(ds, spec)):
        values = as_list(params.get(key))
        if key == TECH_KEY:
            chosen = chosen_techniques(ds, {TECH_KEY: values})
            values = chosen if len(chosen) < len(ds.techniques) else []
        if values:
            out.append((key, tuple(values)))
    return tuple(out)


def all_views(ds: Dataset, params: Params | None = None) -> list[ChartView]:
    """Every chart of the dashboard that has something to show, in page order.

    A view with variants (one chart per disagreement) is drawn once per variant.
    """
    out = []
    for spec in VIEWS.values():
        for variant in spec.variants(ds):
            view = spec.build(ds, {**(params or {}), **variant})
            if view is not None:
                out.append(view)
    return out


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
    from dashboard.views.frames import effectiveness as eff
    from dashboard.views.frames import labs as labs_frames

    names = {t.id: t.name for t in ds.techniques}
    return {
        TECH_KEY: names,
        "compare": names,
        "sort": dict(eff.SORTS),
        "lab_sort": dict(labs_frames.SORTS),
        EDITION_KEY: {e.id: labs_frames.edition_label(e) for e in labs_frames.published_editions(ds)},
        DISAGREEMENT_KEY: {d.quantity: d.measures for d in prov.disagreements(ds)},
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

"""One captioned entry per chart: what every output of a chart shows, built once (pure, no streamlit).

``entry(ds, page, view, params)`` is the one way to a chart. It builds the catalogue entry for the
parameters the view reads (normalised: the technique filter in pack order, "every technique" as none)
and captions it: the figure without a title, the takeaway, what it measures (``subtitle``), the
sources with what the pack says of their trust, the pack line, the filter note and the view's address
(its CSVs are ``exports.bundle.table_csv`` of its tables, made once per table). The result is kept per pack (``pack.derived.PerObject``) and shared by every output and
every session: the page's chart block, the embed, the slide and the presenter view, the PNG and SVG,
the all-charts ZIP, the data ZIP, the offline report, the PDF brief and the handout. Never mutate it.

- ``entries(ds, params)``: every chart with something to show, each variant once, in page order.
- ``find(ds, name, params)``: the chart an embed link names (``effectiveness-oversight``).
- ``slide_entry(ds, slide)``: the chart of a talk's slide.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

import plotly.graph_objects as go

from dashboard.analysis.trust import last_reviewed, reference_caption
from dashboard.pack import models as m
from dashboard.pack.dataset import Dataset
from dashboard.pack.derived import PerObject
from dashboard.views import catalogue, variants
from dashboard.views.links import as_list, view_url

DEFAULT_BASE_URL = "http://localhost:8501"  # the app's address in an output made without a request
MAX_ENTRIES = 512  # per pack: the technique filter alone has thousands of settings


@dataclass(frozen=True, eq=False, kw_only=True)
class Entry(catalogue.ChartView):
    """A catalogue chart (its figure without a title: the takeaway is the heading above it) with the link
    parameters it was drawn with and its caption."""

    spec: catalogue.ViewSpec
    params: dict[str, list[str]]  # the parameters the view reads, as its link writes them
    subtitle: str  # what the chart measures, with "est." explained where figures are estimates
    sources: str  # "Sources: ..." with each one's credibility, link and review state
    pack_line: str  # "<pack title>, version 1.0.0, last reviewed 2026-11-28."
    # "Showing 2 of 17 techniques." when the technique filter narrows it, and what it cannot draw of what was
    # asked for (``left_out``); else "".
    filter_note: str
    _figures: dict[Hashable, go.Figure] = field(default_factory=dict, repr=False)

    def url(self, base_url: str | None) -> str:
        """The view's address: its page with the parameters it was drawn with."""
        return view_url(base_url, catalogue.page_path(self.page), self.params)

    def figure(self, key: Hashable, make: Callable[[go.Figure], go.Figure]) -> go.Figure:
        """The figure as one output draws it (``views.variants``), made once per ``key``."""
        shown = self._figures.get(key)
        if shown is None:
            shown = self._figures.setdefault(key, make(self.fig))
        return shown

    def screen_figure(self, theme: str, phone: bool) -> go.Figure:
        return self.figure(("screen", theme, phone), lambda f: variants.screen_figure(f, theme, phone))

    def slide_figure(self, font_px: int = variants.SLIDE_FONT_PX, width_px: int | None = None) -> go.Figure:
        """The slide's figure; ``width_px`` where the width it is drawn at is known (``variants.slide_figure``)."""
        return self.figure(
            ("slide", font_px, width_px), lambda f: variants.slide_figure(f, font_px=font_px, width_px=width_px)
        )


# --------------------------------------------------------------------------
# The caption
# --------------------------------------------------------------------------


def subtitle(spec: catalogue.ViewSpec, chart: catalogue.ChartView) -> str:
    """What the chart measures (the catalogue's label), with 'est.' explained when figures are estimates."""
    text = spec.label
    if chart.variant:
        text += f": {chart.variant.replace('-', ' ')}"
    if _has_estimates(chart):
        text += " (est. marks figures the sources give as estimates)"
    return text


def _has_estimates(chart: catalogue.ChartView) -> bool:
    """Whether the chart shows figures the sources mark as estimates ('(est.)' or an Estimate column)."""
    if "(est.)" in chart.alt or "(est.)" in chart.takeaway:
        return True
    for col in chart.table.columns:
        values = chart.table[col].tolist()
        if str(col).strip().lower() == "estimate" and any(v is True or v in ("yes", "True") for v in values):
            return True
        if any(isinstance(v, str) and "(est.)" in v for v in values):
            return True
    return False


def filter_note(ds: Dataset, spec: catalogue.ViewSpec, params: catalogue.Params) -> str:
    """'Showing 2 of 17 techniques.' when the technique filter narrows the chart, else ''."""
    if catalogue.TECH_KEY not in spec.keys:
        return ""
    chosen = catalogue.chosen_techniques(ds, params)
    if not catalogue.narrows(ds, chosen):
        return ""
    return f"Showing {len(chosen)} of {len(ds.techniques)} techniques."


def pack_line(ds: Dataset) -> str:
    meta = ds.meta
    return f"{meta.title}, version {meta.version}, last reviewed {last_reviewed(ds).isoformat()}."


# --------------------------------------------------------------------------
# Built once per pack and parameters
# --------------------------------------------------------------------------


class _Kept:
    """The entries of one pack, the most recently used ``MAX_ENTRIES`` of them."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.items: OrderedDict[Hashable, Entry | None] = OrderedDict()

    def get(self, key: Hashable, build: Callable[[], Entry | None]) -> Entry | None:
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        made = build()  # outside the lock: a slow chart does not hold up the others
        with self.lock:
            made = self.items.setdefault(key, made)  # two threads built it at once: the first one kept wins
            while len(self.items) > MAX_ENTRIES:
                self.items.popitem(last=False)
            return made


_kept: PerObject[_Kept] = PerObject()


def _build(ds: Dataset, spec: catalogue.ViewSpec, params: dict[str, list[str]], today: dt.date) -> Entry | None:
    chart = spec.build(ds, params)
    if chart is None:
        return None
    return Entry(
        **{f.name: getattr(chart, f.name) for f in dataclasses.fields(catalogue.ChartView) if f.name != "fig"},
        fig=variants.untitled(chart.fig),
        spec=spec,
        params=params,
        subtitle=subtitle(spec, chart),
        sources=reference_caption(ds, chart.references, today),
        pack_line=pack_line(ds),
        filter_note=" ".join(p for p in (filter_note(ds, spec, params), chart.left_out) if p),
    )


def entry(ds: Dataset, page: str, view: str | None = None, params: catalogue.Params | None = None) -> Entry | None:
    """The captioned chart (page, view) for ``params``; the page's first chart when ``view`` is None.

    None when the page has no such chart or the parameters leave nothing to show."""
    if view is None:
        specs = catalogue.page_views(page)
        if not specs:
            return None
        view = specs[0].view
    spec = catalogue.VIEWS.get((page, view))
    if spec is None:
        return None
    normal = catalogue.normal_params(ds, page, view, params)
    today = dt.date.today()  # the sources' review state is of today: a long-running server does not go stale
    return _kept.get(ds, _Kept).get(
        (page, view, normal, today), lambda: _build(ds, spec, {k: list(v) for k, v in normal}, today)
    )


def entries(ds: Dataset, params: catalogue.Params | None = None) -> list[Entry]:
    """Every chart with something to show, in page order; a view with variants (one chart per
    disagreement) once per variant. ``params`` are the reader's link parameters (the sidebar's filter):
    each chart keeps the ones it reads."""
    params = {k: as_list(v) for k, v in (params or {}).items()}
    out = []
    for spec in catalogue.VIEWS.values():
        for variant in spec.variants(ds):
            found = entry(ds, spec.page, spec.view, {**params, **variant})
            if found is not None:
                out.append(found)
    return out


def find(ds: Dataset, name: str, params: catalogue.Params | None = None) -> Entry | None:
    """The chart named ``name`` (``Entry.name``) drawn with ``params``; a view's variant by its name too."""
    params = dict(params or {})
    for spec in catalogue.VIEWS.values():
        if name != f"{spec.page}-{spec.view}" and not name.startswith(f"{spec.page}-{spec.view}-"):
            continue
        for variant in [{}, *spec.variants(ds)]:
            found = entry(ds, spec.page, spec.view, {**params, **variant})
            if found is not None and found.name == name:
                return found
    return None


def slide_entry(ds: Dataset, slide: m.Slide) -> Entry | None:
    """The chart of a chart slide with its parameters; None for title and text slides or nothing to show."""
    if slide.kind != "chart":
        return None
    return entry(ds, slide.page, slide.view, {k: as_list(v) for k, v in slide.params.items()})

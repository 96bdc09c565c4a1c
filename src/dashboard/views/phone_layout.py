"""Any chart's figure laid out for a phone's width (pure: no streamlit): ``variants.screen_figure`` uses
it on a phone. The kinds of chart with a phone layout of their own have their modules (``phone_bars``,
``phone_matrix``, ``phone_timeline``, ``phone_flow``); this one chooses among them and does the rest.
"""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.views.figures.flow import fit_arrows
from dashboard.views.phone_bars import COMPACT_LABEL_WRAP, labels_above_bars, rewrap, unwrap
from dashboard.views.phone_flow import flow_for_phone
from dashboard.views.phone_matrix import CATEGORY_LABEL, matrix_for_phone
from dashboard.views.phone_timeline import timeline_for_phone
from dashboard.views.style import FONT_SIZE, MIN_FONT_SIZE

COMPACT_TITLE_WRAP = 28  # characters a line of a chart title at 390 px (20 px type)
COMPACT_MIN_PLOT = 300  # px: the plotting area of a matrix never gets narrower; its box scrolls instead
COMPACT_CELL = 44  # px a column of a matrix


def compact(fig: go.Figure) -> go.Figure:
    """A copy of ``fig`` laid out for a 390 px wide screen: the same data, never the desktop layout shrunk.

    - Titles and axis titles wrap at phone width.
    - Horizontal bar charts: each category's label is written across the plot, above its bars, instead of
      in a left margin that left the bars 70 px; the rows grow to make room for it.
    - Matrices (heatmaps): across the phone's width, each row's name above its cells (``phone_matrix``); a
      matrix whose columns cannot fit gets a minimum width in ``meta["min_width"]`` (px), and the page gives
      the chart that width inside a box of its own that says it scrolls sideways, so the page never does.
    - Value labels beside markers sit above them, on the side with room.
    - Diagrams (no visible axes): boxes and headings narrower, their words on more lines.
    - A time line of labelled events stands upright, one event a row (``phone_timeline``).
    - The how-it-works flow: two columns side by side, the later stages under them (``phone_flow``).
    - Legends go below the plot, one entry a line.
    ``meta["compact"]`` is True on the copy (tests read it).
    """
    fig = go.Figure(fig)
    lay = fig.layout
    if lay.title.text:
        # The takeaway heading above the chart says it; on a phone the chart's own title only took room.
        fig.update_layout(title={"text": ""}, margin={"t": 24})
    for name in [k for k in lay if k.startswith(("xaxis", "yaxis"))]:
        axis = lay[name]
        if axis.title.text:
            axis.title.text = rewrap(axis.title.text, COMPACT_LABEL_WRAP)
    entries = sum(1 for t in fig.data if t.showlegend is not False and t.name) if lay.showlegend is not False else 0
    legend_px = 26 * entries + 12 if entries > 1 else 0
    fig.update_layout(
        legend={
            "orientation": "h",
            "xref": "container",
            "x": 0,
            "xanchor": "left",
            "yref": "container",
            "y": 0,
            "yanchor": "bottom",
            "entrywidthmode": "fraction",
            "entrywidth": 1,
        },
        height=(lay.height or 480) + legend_px,
        margin={"b": (lay.margin.b or 56) + legend_px},
    )
    meta = {**(lay.meta if isinstance(lay.meta, dict) else {}), "compact": True}
    if timeline_for_phone(fig) or flow_for_phone(fig):
        fig.update_layout(meta=meta)
        return fig
    heatmaps = [t for t in fig.data if t.type == "heatmap"]
    hbars = [t for t in fig.data if t.type == "bar" and t.orientation == "h" and t.y is not None]
    if not hbars:  # a dot chart with its categories in a left margin
        hbars = [
            t for t in fig.data if t.type == "scatter" and t.y is not None and any(isinstance(v, str) for v in t.y)
        ]
    if heatmaps and not matrix_for_phone(fig):
        columns = sum(len(t.x) if t.x is not None else len(t.z[0]) for t in heatmaps)
        left = lay.margin.l or 0
        meta["min_width"] = int(left + max(COMPACT_MIN_PLOT, COMPACT_CELL * columns) + (lay.margin.r or 0) + 40)
    elif hbars:
        labels_above_bars(fig, hbars)
    _point_labels_above(fig)
    _end_labels_inside(fig)
    if lay.xaxis.visible is False:
        _narrow_diagram(fig)
        fit_arrows(fig)  # the boxes are narrower
    else:
        for ann in fig.layout.annotations:  # notes written on the plot: shorter lines
            if ann.name != CATEGORY_LABEL and ann.text and len(unwrap(ann.text)) > COMPACT_TITLE_WRAP:
                ann.text = rewrap(ann.text, 22)
        _room_below(fig)
    fig.update_layout(meta=meta)
    return fig


def _point_labels_above(fig: go.Figure) -> None:
    """Text written to the right of a marker ran off a phone's screen: above it, towards the plot's middle."""
    lo, hi = (fig.layout.xaxis.range or [None, None])[:2]
    for t in fig.data:
        if t.type != "scatter" or not t.text or "right" not in str(t.textposition or ""):
            continue
        xs = [x for x in (t.x or []) if isinstance(x, (int, float))]
        if lo is None or hi is None:
            lo, hi = (min(xs, default=0), max(xs, default=1))
        mid = (lo + hi) / 2
        cats = list(dict.fromkeys(x for x in t.x if not isinstance(x, (int, float))))  # a category axis
        t.textposition = [
            "top left"
            if (isinstance(x, (int, float)) and x > mid) or (x in cats and cats.index(x) > (len(cats) - 1) / 2)
            else "top right"
            for x in t.x
        ]
        t.text = [str(x).strip() for x in t.text]
        # The right margin held those labels beside the markers (a slope chart's plot was 42 px wide).
        fig.update_layout(margin={"r": min(fig.layout.margin.r or 24, 24)})


def _end_labels_inside(fig: go.Figure) -> None:
    """Labels hung to the right of a line's last point (a slope chart) needed a wide right margin, which
    left a phone's plot 42 px wide: on a phone they sit above the point, inside the plot, on short lines."""
    moved = False
    for ann in fig.layout.annotations:
        if ann.xref == "x" and ann.xanchor == "left" and (ann.xshift or 0) > 0 and ann.text:
            ann.xanchor, ann.xshift, ann.yanchor, ann.yshift = "right", -6, "bottom", 8
            ann.text = rewrap(ann.text, 22)
            moved = True
    if moved:
        fig.update_layout(margin={"r": min(fig.layout.margin.r or 24, 24)})


def _room_below(fig: go.Figure) -> None:
    """Notes hung below the plot (paper y 0, anchored at their top) take more lines on a phone: the bottom
    margin, and the chart's height with it, grows to hold the longest, or its last lines are cut."""
    need = 0
    for ann in fig.layout.annotations:
        if ann.text and ann.yref == "paper" and (ann.y or 0) <= 0 and ann.yanchor == "top":
            size = ann.font.size or FONT_SIZE
            need = max(need, -(ann.yshift or 0) + int((ann.text.count("<br>") + 1) * size * 1.3) + 16)
    bottom = fig.layout.margin.b or 0
    if need > bottom:
        fig.update_layout(margin={"b": need}, height=(fig.layout.height or 480) + need - bottom)


def _narrow_diagram(fig: go.Figure) -> None:
    for ann in fig.layout.annotations:
        if not ann.text:  # an arrow
            continue
        if ann.width:
            ann.width = min(ann.width, 104)
            ann.text = rewrap(ann.text, 12)
            ann.font.size = MIN_FONT_SIZE
        elif len(unwrap(ann.text)) > 12:
            ann.text = rewrap(ann.text, 12)
            ann.font.size = MIN_FONT_SIZE
    # Headings over the columns now take more lines: the top margin holds them.
    lines = max((a.text.count("<br>") + 1 for a in fig.layout.annotations if a.text and a.yref == "paper"), default=0)
    if lines:
        fig.update_layout(margin={"t": max(fig.layout.margin.t or 0, 20 * lines + 24)})

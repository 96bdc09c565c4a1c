"""A matrix (heatmap) laid out for a phone's width (pure: no streamlit); ``phone_layout.compact`` calls it.

On a 390 px phone a matrix with its row names in a left margin kept a plotting area of 90 to 210 px and
scrolled sideways. Here it takes the screen's whole width instead, when its columns fit there:

- each row's name is written above its cells, across the plot, in a band between the rows;
- each column gets the width its widest cell text needs (a ✓ column 20 px, "Critical" more), and the
  panels of a matrix drawn in several (a relevance column beside the techniques) share the width so;
- column headings wrap to their column's width, or stand upright when the columns are narrow;
- the colour scale lies under the plot, its labels upright when they do not fit side by side.

``matrix_for_phone(fig)`` does it in place and returns True; it returns False (and changes nothing) when
the columns cannot fit the width, and the page then gives the chart a box that says it scrolls.
"""

from __future__ import annotations

import re

import plotly.graph_objects as go

from dashboard.views.style import FONT_SIZE, MIN_FONT_SIZE, TICK_SIZE, drawn_lines, wrap

PHONE_PLOT_PX = 348  # the plotting width a 390 px phone's 358 px column leaves a chart with 4 px margins
MIN_COLUMN_PX = 20  # a column of ✓ marks or single letters
CHAR_EM = 0.55  # a character's width in the chart's type, as a share of its size (a generous average)
CELL_PAD_PX = 8
ROW_LABEL_WRAP = 40  # characters a line of a row's name, written across the plot
CATEGORY_LABEL = "category label"  # the name of the notes that label a compact chart's rows
COLOURBAR_PX = 14


def _text_px(text: object, size: float) -> float:
    """The widest line's width; a line set in a span of its own size ("≠ C+" at 14 px) at that size."""
    widest = 0.0
    for part in str(text or "").split("<br>"):
        own = re.search(r"font-size:\s*(\d+(?:\.\d+)?)px", part)
        line = re.sub(r"<[^>]+>", "", part)
        widest = max(widest, len(line) * (float(own.group(1)) if own else size) * CHAR_EM)
    return widest


def _column_px(trace) -> float:
    size = (trace.textfont.size if trace.textfont is not None else None) or FONT_SIZE
    cells = [c for row in (trace.text or []) for c in (row if isinstance(row, (list, tuple)) else [row])]
    widest = max((_text_px(c, size) for c in cells), default=0)
    return max(MIN_COLUMN_PX, widest + CELL_PAD_PX + (trace.xgap or 0))


def _columns(trace) -> list:
    if trace.x is not None:
        return list(trace.x)
    return list(range(len(trace.z[0]) if trace.z is not None and len(trace.z) else 0))


def _axis(fig: go.Figure, ref: str, kind: str):
    """The layout axis a trace's ``xaxis``/``yaxis`` reference names ('x2' -> layout.xaxis2)."""
    return fig.layout[kind + "axis" + ref[1:]]


def matrix_for_phone(fig: go.Figure) -> bool:
    heatmaps = [t for t in fig.data if t.type == "heatmap"]
    if not heatmaps or any(t.text is None and t.z is None for t in heatmaps):
        return False
    panels: dict[str, list] = {}  # x axis -> its heatmaps
    for t in heatmaps:
        panels.setdefault(t.xaxis or "x", []).append(t)
    need = {ref: sum(len(_columns(t)) * _column_px(t) for t in ts) for ref, ts in panels.items()}
    if sum(need.values()) > PHONE_PLOT_PX:
        return False
    # The panels share the width as their columns need it; what is left goes to every column alike.
    columns = {ref: sum(len(_columns(t)) for t in ts) for ref, ts in panels.items()}
    spare = (PHONE_PLOT_PX - sum(need.values())) / max(1, sum(columns.values()))
    widths = {ref: need[ref] + spare * columns[ref] for ref in panels}
    total = sum(widths.values())
    start = 0.0
    order = sorted(panels, key=lambda ref: _axis(fig, ref, "x").domain[0] if _axis(fig, ref, "x").domain else 0)
    headings_px = 0.0
    for i, ref in enumerate(order):
        end = 1.0 if i == len(order) - 1 else start + widths[ref] / total
        axis = _axis(fig, ref, "x")
        axis.update(domain=[start, max(start, end - (0.01 if i < len(order) - 1 else 0))], showgrid=False)
        column_px = widths[ref] / max(1, columns[ref])
        headings_px = max(headings_px, _headings(axis, [c for t in panels[ref] for c in _columns(t)], column_px))
        start = end
    rows_px = _rows(fig, heatmaps)
    bar_px = _colour_scales(heatmaps)
    top_side = any(_axis(fig, ref, "x").side == "top" for ref in panels)
    top = int((headings_px if top_side else 0) + 16)
    bottom = int((0 if top_side else headings_px) + bar_px + 16)
    fig.update_layout(margin={"l": 4, "r": 4, "t": top, "b": bottom}, height=int(top + rows_px + bottom))
    return True


def _headings(axis, names: list, column_px: float) -> float:
    """Column headings that fit their column: wrapped to its width, or upright; the height they take."""
    size = axis.tickfont.size or TICK_SIZE
    flat = [" ".join(drawn_lines(n)) for n in names]
    chars = int(column_px / (size * CHAR_EM))
    if chars >= 8 and all(len(w) <= chars for n in flat for w in n.split()):
        text = [wrap(n, chars) for n in flat]
        axis.update(tickvals=names, ticktext=text, tickangle=0)
        return max(len(t.split("<br>")) for t in text) * (size + 4) + 8
    axis.update(tickvals=names, ticktext=flat, tickangle=-90)
    return max(len(n) for n in flat) * size * CHAR_EM + 12


def _rows(fig: go.Figure, heatmaps: list) -> float:
    """Each row's name above its cells (a band as tall as the name, between the rows); the rows' height."""
    first = heatmaps[0]
    rows = list(dict.fromkeys(first.y)) if first.y is not None else []
    if not rows:
        return 0.0
    names = [wrap(" ".join(drawn_lines(v)), ROW_LABEL_WRAP) for v in rows]
    label_px = max(n.count("<br>") + 1 for n in names) * (TICK_SIZE + 4) + 6
    cell_lines = max(
        (
            len(drawn_lines(c))
            for t in heatmaps
            for row in (t.text or [])
            for c in (row if isinstance(row, (list, tuple)) else [row])
        ),
        default=1,
    )
    size = max((t.textfont.size or FONT_SIZE) for t in heatmaps)
    cell_px = max(34, cell_lines * (size + 4) + 10)
    row_px = cell_px + label_px
    for t in heatmaps:
        t.ygap = label_px  # plotly splits the gap above and below each row's cells
    n = len(rows)
    pad = (label_px / 2 + 4) / row_px  # the first row's name above the plot's top edge
    yaxis = _axis(fig, first.yaxis or "y", "y")
    reversed_ = yaxis.autorange == "reversed"
    for name in [k for k in fig.layout if k.startswith("yaxis")]:
        fig.layout[name].update(
            range=[n - 0.5, -0.5 - pad] if reversed_ else [-0.5, n - 0.5 + pad],
            autorange=False,
            showticklabels=False,
            ticks="",
            showgrid=False,
        )
    half = cell_px / row_px / 2
    for shape in fig.layout.shapes:  # a cell's outline keeps to the cell, off the name above it
        if shape.yref and str(shape.yref).startswith("y") and shape.y0 is not None and shape.y1 is not None:
            mid = (shape.y0 + shape.y1) / 2
            shape.y0, shape.y1 = mid - half * 0.95, mid + half * 0.95
    fig.update_layout(
        annotations=[
            *fig.layout.annotations,
            *(
                go.layout.Annotation(
                    name=CATEGORY_LABEL,
                    x=0,
                    xref="paper",
                    xanchor="left",
                    y=v,
                    yref=first.yaxis or "y",
                    yanchor="bottom",
                    yshift=int(cell_px / 2) + 1,
                    text=label,
                    align="left",
                    showarrow=False,
                    font={"size": TICK_SIZE},
                )
                for v, label in zip(rows, names, strict=True)
            ),
        ]
    )
    return float(row_px * n + label_px / 2 + 4)


def _colour_scales(heatmaps: list) -> float:
    """A colour scale under the plot, across it; the height it takes there (0 without one)."""
    shown = [t for t in heatmaps if t.showscale is not False and t.colorbar is not None]
    if not shown:
        return 0.0
    px = 0.0
    for t in shown:
        bar = t.colorbar
        size = (bar.tickfont.size if bar.tickfont is not None else None) or MIN_FONT_SIZE
        labels = list(bar.ticktext or bar.tickvals or [])
        widest = max((_text_px(x, size) for x in labels), default=0)
        upright = labels and (widest + 8) * len(labels) > PHONE_PLOT_PX
        title = bar.title.text or ""
        title_lines = wrap(title, int(PHONE_PLOT_PX / (size * CHAR_EM))) if title else ""
        # Labels side by side are centred on their ticks: the scale is inset by half the widest, so the
        # first and last ("bottom", "top") stay on the screen.
        inset = 0.0 if upright else min(0.25, (widest / 2 + 2) / PHONE_PLOT_PX)
        bar.update(
            orientation="h",
            x=inset,
            xanchor="left",
            xref="paper",
            y=0,
            yanchor="bottom",
            yref="container",
            len=1 - 2 * inset,
            lenmode="fraction",
            thickness=COLOURBAR_PX,
            tickangle=-90 if upright else 0,
            title={"text": title_lines, "side": "top"},
            ypad=8,
        )
        ticks_px = (widest + 8) if upright else size + 8
        title_px = (title_lines.count("<br>") + 1) * (size + 6) if title else 0
        px = max(px, COLOURBAR_PX + ticks_px + title_px + 24)
    return px

"""The how-it-works flow: three columns of stages (today's helpers, their tasks, the systems to align), with arrows."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.pack import vocab
from dashboard.views import style

COLUMN_X = {0: 0.0, 1: 1.0, 2: 2.0}
BOX_WIDTH_PX = 170  # a box's fixed width: plotly clips its label to it
BOX_PAD_PX = 10
BOX_BORDER_PX = 2.5
# A box's label is broken into lines of at most this many characters: 21 were 175 px wide in Inter (the
# typeface of the images) and lost the edges of their first and last letters.
BOX_LINE_CHARS = 18
# The names of the figure's notes: a box is "node:ID", an arrow "edge:SOURCE>TARGET", a column's heading
# "stage:STAGE" (the phone's layout, views.phone_flow, finds them by these).
NODE, EDGE, STAGE = "node:", "edge:", "stage:"
JOIN = "join:"  # the arrow from a joining line into the box several boxes lead to
GAP_PX = 1  # between an arrow's end and a box's outline


def _positions(nodes: pd.DataFrame) -> dict[str, tuple[float, float]]:
    """Node id -> (x, y); each column's nodes spread evenly and centred vertically (y from 1 at top to 0)."""
    tallest = int(nodes["n_in_column"].max()) if not nodes.empty else 1
    pos = {}
    for r in nodes.itertuples():
        n = int(r.n_in_column)
        gap = 1.0 / max(tallest, 1)
        top = 0.5 + gap * (n - 1) / 2
        pos[r.id] = (COLUMN_X.get(int(r.column), float(r.column)), top - gap * int(r.row))
    return pos


def arrow_note(
    head: tuple[float, float], tail: tuple[float, float], *, with_head: bool = True, name: str | None = None
) -> go.layout.Annotation:
    """A line from ``tail`` to ``head`` in data units, with an arrowhead at ``head`` unless ``with_head`` is False."""
    return go.layout.Annotation(
        x=head[0],
        y=head[1],
        ax=tail[0],
        ay=tail[1],
        xref="x",
        yref="y",
        axref="x",
        ayref="y",
        showarrow=True,
        arrowhead=3 if with_head else 0,
        arrowsize=1.3,
        arrowwidth=2,
        arrowcolor=style.NEUTRAL_TEXT,
        text="",
        name=name,
    )


def _line(start: tuple[float, float], end: tuple[float, float]) -> dict:
    return {
        "type": "line", "xref": "x", "yref": "y", "x0": start[0], "y0": start[1], "x1": end[0], "y1": end[1],
        "line": {"color": style.NEUTRAL_TEXT, "width": 2}, "layer": "below",
    }  # fmt: skip


def _edge_notes(
    edges: pd.DataFrame, pos: dict[str, tuple[float, float]]
) -> tuple[list[go.layout.Annotation], list[tuple[tuple[float, float], tuple[float, float]]]]:
    """The arrows (notes) and joining lines (shapes) of the edges. Every arrow runs from a box's centre to
    another's, or to or from a joining line; ``fit_arrows`` stops it at the boxes' outlines, in pixels, so
    it touches them at any width (a box is a fixed number of pixels wide, a column's distance is not).

    Side by side on one row: straight across. In one column: straight down. Into a box from boxes of the
    next column on other rows (every task feeding the stronger model): each source's line runs across to
    a vertical line half way between the columns, which turns into the box with one arrowhead."""
    drawn = [(str(e.source), str(e.target)) for e in edges.itertuples() if e.source in pos and e.target in pos]
    adjacent = {t: [s for s, other in drawn if other == t and abs(pos[t][0] - pos[s][0]) == 1] for _, t in drawn}
    joined = {t: sources for t, sources in adjacent.items() if any(pos[s][1] != pos[t][1] for s in sources)}
    arrows, lines = [], []
    for source, target in drawn:
        name = f"{EDGE}{source}>{target}"
        if source in joined.get(target, []):
            bus = ((pos[source][0] + pos[target][0]) / 2, pos[source][1])
            arrows.append(arrow_note(bus, pos[source], with_head=False, name=name))
        else:
            arrows.append(arrow_note(pos[target], pos[source], name=name))
    for target, sources in joined.items():
        x = (pos[sources[0]][0] + pos[target][0]) / 2
        ys = [pos[s][1] for s in sources] + [pos[target][1]]
        lines.append(((x, min(ys)), (x, max(ys))))
        arrows.append(arrow_note(pos[target], (x, pos[target][1]), name=f"{JOIN}{target}"))
    return arrows, lines


def _half_sizes(box: go.layout.Annotation, font_size: float) -> tuple[float, float]:
    """A box note's half width and half height in pixels, outline included."""
    pad = box.borderpad if box.borderpad is not None else 1
    border = box.borderwidth if box.borderwidth is not None else 1
    size = box.font.size if box.font and box.font.size else font_size
    lines = str(box.text or "").count("<br>") + 1
    # its height: its lines of text (style.LINE_SPACING) and its padding, to stop an arrow at its top or bottom
    return box.width / 2 + pad + border / 2, lines * style.LINE_SPACING * size / 2 + pad + border / 2


def fit_arrows(fig: go.Figure) -> None:
    """Stop every arrow that starts or ends at a box's centre at that box's outline (in pixels: plotly's
    ``standoff`` and ``startstandoff``): across a box's half width, or up or down its half height. Called
    again by a variant that resizes the boxes (a slide's larger type)."""
    font_size = fig.layout.font.size or style.FONT_SIZE
    boxes = {
        (a.x, a.y): _half_sizes(a, font_size)
        for a in fig.layout.annotations
        if str(a.name or "").startswith(NODE) and a.width
    }
    if not boxes:  # not a diagram of boxes (a timeline's notes have stems in dates)
        return
    for a in fig.layout.annotations:
        ends = {"standoff": boxes.get((a.x, a.y)), "startstandoff": boxes.get((a.ax, a.ay))}
        if not a.showarrow or a.axref != "x" or not any(ends.values()):
            continue
        across = abs(a.x - a.ax) >= abs(a.y - a.ay)  # mostly sideways (the axes' units are about as long)
        for key, half in ends.items():
            a[key] = (half[0] if across else half[1]) + GAP_PX if half else 0


def flow_figure(nodes: pd.DataFrame, edges: pd.DataFrame, *, title: str | None = None) -> go.Figure:
    """Boxes for nodes (a coloured outline per stage), arrows for edges, stage names over the columns.

    The node labels are in the figure data (one scatter trace per stage) as well as in the boxes.
    """
    pos = _positions(nodes)
    # Traces and annotations are collected and handed to plotly once: adding them one at a time
    # re-validates the whole list on each call (quadratic in the number of nodes and edges).
    traces: list[go.Scatter] = []
    annotations: list[go.layout.Annotation] = []
    for stage in vocab.FLOW_STAGE_ORDER:
        sub = nodes[nodes["stage"] == stage]
        if sub.empty:
            continue
        colour = style.FLOW_STAGE_COLOURS[stage]
        traces.append(
            go.Scatter(
                x=[pos[i][0] for i in sub["id"]],
                y=[pos[i][1] for i in sub["id"]],
                mode="markers",
                marker={"size": 1, "color": colour, "opacity": 0},
                text=list(sub["label"]),
                customdata=list(sub["stage_label"]),
                hovertemplate="%{text}<br>%{customdata}<extra></extra>",
                name=vocab.FLOW_STAGE_LABELS[stage],
                meta={"stage": stage, "ids": list(sub["id"])},
                showlegend=False,
            )
        )
        for r in sub.itertuples():
            x, y = pos[r.id]
            annotations.append(
                go.layout.Annotation(
                    x=x,
                    y=y,
                    text=style.wrap(r.label, BOX_LINE_CHARS),
                    showarrow=False,
                    font={"size": style.FONT_SIZE},
                    bordercolor=colour,
                    borderwidth=BOX_BORDER_PX,
                    borderpad=BOX_PAD_PX,
                    bgcolor=style.hex_to_rgba(colour, 0.14),
                    width=BOX_WIDTH_PX,
                    name=NODE + r.id,
                )
            )
    arrows, lines = _edge_notes(edges, pos)
    annotations += arrows
    for stage in vocab.FLOW_STAGE_ORDER:
        col = vocab.FLOW_STAGE_ORDER.index(stage)
        annotations.append(
            go.layout.Annotation(
                x=COLUMN_X[col],
                y=1.02,
                yref="paper",
                # in the theme's text colour: the stage colours are under 4.5:1 as text on white (the boxes'
                # outlines carry them)
                text=f"<b>{vocab.FLOW_STAGE_LABELS[stage]}</b>",
                showarrow=False,
                font={"size": style.FONT_SIZE + 1},
                yanchor="bottom",
                name=STAGE + stage,
            )
        )
    fig = go.Figure(data=traces, layout={"annotations": annotations, "shapes": [_line(*ends) for ends in lines]})
    fig.update_layout(
        xaxis={"visible": False, "range": [-0.45, 2.45], "fixedrange": True},
        yaxis={"visible": False, "range": [-0.05, 1.05], "fixedrange": True},
        margin={"t": 70, "l": 10, "r": 10, "b": 10},
        dragmode=False,
    )
    style.apply(fig, title=title, height=430)
    fit_arrows(fig)
    return fig

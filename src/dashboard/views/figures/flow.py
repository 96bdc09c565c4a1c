"""The how-it-works flow: three columns of stages (today's helpers, their tasks, the systems to align), with arrows."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.pack import vocab
from dashboard.views import style

COLUMN_X = {0: 0.0, 1: 1.0, 2: 2.0}
BOX_HALF_WIDTH = 0.3  # in x units: arrows start and end at the box edges
BOX_WIDTH_PX = 170  # a box's fixed width: plotly clips its label to it
# A box's label is broken into lines of at most this many characters: 21 were 175 px wide in Inter (the
# typeface of the images) and lost the edges of their first and last letters.
BOX_LINE_CHARS = 18
# The names of the figure's notes: a box is "node:ID", an arrow "edge:SOURCE>TARGET", a column's heading
# "stage:STAGE" (the phone's layout, views.phone_flow, finds them by these).
NODE, EDGE, STAGE = "node:", "edge:", "stage:"


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
                    borderwidth=2.5,
                    borderpad=10,
                    bgcolor=style.hex_to_rgba(colour, 0.14),
                    width=BOX_WIDTH_PX,
                    name=NODE + r.id,
                )
            )
    for e in edges.itertuples():
        if e.source not in pos or e.target not in pos:
            continue
        (x0, y0), (x1, y1) = pos[e.source], pos[e.target]
        if x0 == x1:  # within a column: top edge to bottom edge
            start, end = (x0, y0 - 0.07), (x1, y1 + 0.07)
        else:
            start, end = (x0 + BOX_HALF_WIDTH, y0), (x1 - BOX_HALF_WIDTH, y1)
        annotations.append(
            go.layout.Annotation(
                x=end[0],
                y=end[1],
                ax=start[0],
                ay=start[1],
                xref="x",
                yref="y",
                axref="x",
                ayref="y",
                showarrow=True,
                arrowhead=3,
                arrowsize=1.3,
                arrowwidth=2,
                arrowcolor=style.NEUTRAL_TEXT,
                text="",
                name=f"{EDGE}{e.source}>{e.target}",
            )
        )
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
    fig = go.Figure(data=traces, layout={"annotations": annotations})
    fig.update_layout(
        xaxis={"visible": False, "range": [-0.45, 2.45], "fixedrange": True},
        yaxis={"visible": False, "range": [-0.05, 1.05], "fixedrange": True},
        margin={"t": 70, "l": 10, "r": 10, "b": 10},
        dragmode=False,
    )
    style.apply(fig, title=title, height=430)
    return fig

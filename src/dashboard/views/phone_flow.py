"""The how-it-works flow laid out for a phone's width (pure: no streamlit); ``phone_layout.compact`` calls it.

On a laptop the flow is three columns of boxes (today's helpers, their tasks, the systems to align) with
arrows left to right. Three columns of boxes do not fit a 340 px plot: the boxes ran into each other and
off both edges. On a phone the first two columns stay side by side, each helper beside its task, and the
later stages stand under the second column, one box a row, with their heading in the free space to the
left. Arrows into a box from the rows above it (every task feeding the stronger model) join on a line at
the right edge and turn into the box, so that none crosses a box.

The figure is ``figures.flow``'s: its notes are named ``node:ID``, ``edge:SOURCE>TARGET`` and
``stage:STAGE``, and each trace holds one stage's node ids (``meta["ids"]``), in the stages' order.
"""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.views.figures.flow import EDGE, NODE, STAGE, arrow_note, fit_arrows
from dashboard.views.phone_bars import rewrap
from dashboard.views.style import MIN_FONT_SIZE, NEUTRAL_TEXT

BOX_TEXT_PX = 104  # a box's text width: its longest word ("Interpretability") is 97 px at 14 px in Inter
BOX_PAD_PX = 6
LINE_CHARS = 12
HALF_WIDTH = 0.40  # a box's half width in x units (two columns at 0 and 1) on a 340 px plot
HALF_HEIGHT = 0.37  # and its half height in rows
BUS_X = 1 + HALF_WIDTH + 0.08  # the line at the right where arrows from several rows join
ROW_PX = 78  # a row of boxes: two lines of 14 px type, the padding and the gap to the next row
HEADING_LINES_PX = 20


def _is_flow(fig: go.Figure) -> bool:
    return any(str(a.name or "").startswith(NODE) for a in fig.layout.annotations) and all(
        isinstance(t.meta, dict) and "ids" in t.meta for t in fig.data
    )


def _places(fig: go.Figure) -> tuple[dict[str, tuple[float, float]], dict[str, float]] | None:
    """Node id -> (x, row) and later stage -> the row of its first node; None when the flow has not three stages."""
    stages = [(str(t.meta["stage"]), [str(i) for i in t.meta["ids"]]) for t in fig.data]
    if len(stages) < 3:
        return None
    rows = max(len(stages[0][1]), len(stages[1][1]))
    places: dict[str, tuple[float, float]] = {}
    for x, (_, ids) in enumerate(stages[:2]):
        for row, node in enumerate(ids):
            places[node] = (float(x), float(row))
    first: dict[str, float] = {}
    row = rows
    for stage, ids in stages[2:]:
        first[stage] = float(row)
        for node in ids:
            places[node] = (1.0, float(row))
            row += 1
    return places, first


def _edge_notes(edges: list[tuple[str, str]], places: dict[str, tuple[float, float]]) -> tuple[list, list] | None:
    """The arrows (tail, head, with a head) and joining lines (shapes) of the edges; None for an edge this
    layout cannot draw. An arrow at a box runs to its centre: ``fit_arrows`` stops it at the outline."""
    arrows, lines = [], []
    joined: dict[str, list[float]] = {}  # target -> the rows of its sources that join on the line at the right
    into = {t: sum(1 for _, other in edges if other == t) for _, t in edges}
    for source, target in edges:
        (x0, r0), (x1, r1) = places[source], places[target]
        if (r0 == r1 and x0 < x1) or (x0 == x1 == 1 and r1 == r0 + 1 and into[target] == 1):
            arrows.append(((x0, r0), (x1, r1), True))  # side by side, or the row under it, alone
        elif x0 == x1 == 1 and r1 > r0:  # further down, or one of several: by the line at the right
            joined.setdefault(target, []).append(r0)
        else:
            return None
    for target, sources in joined.items():
        row = places[target][1]
        arrows += [((1.0, r), (BUS_X, r), False) for r in sources]
        lines.append(((BUS_X, min(sources)), (BUS_X, row)))
        arrows.append(((BUS_X, row), (1.0, row), True))
    return arrows, lines


def flow_for_phone(fig: go.Figure) -> bool:
    """``fig`` (a copy) laid out for a phone when it is the flow diagram: True; else unchanged, False."""
    if not _is_flow(fig):
        return False
    laid = _places(fig)
    notes = list(fig.layout.annotations)
    edges = [str(a.name)[len(EDGE) :].partition(">")[::2] for a in notes if str(a.name or "").startswith(EDGE)]
    if laid is None or any(e not in laid[0] for edge in edges for e in edge):
        return False
    places, first = laid
    drawn = _edge_notes(edges, places)
    if drawn is None:
        return False
    arrows, lines = drawn
    out = []
    for a in notes:
        name = str(a.name or "")
        if name.startswith(NODE):
            x, row = places[name[len(NODE) :]]
            a.update(x=x, y=row, width=BOX_TEXT_PX, borderpad=BOX_PAD_PX, text=rewrap(a.text, LINE_CHARS))
            a.font.size = MIN_FONT_SIZE
            out.append(a)
        elif name.startswith(STAGE):
            a.update(text=rewrap(a.text, LINE_CHARS))
            a.font.size = MIN_FONT_SIZE
            stage = name[len(STAGE) :]
            if stage in first:  # a later stage: its heading beside its first box, in the free column
                a.update(x=0, y=first[stage], yref="y", yanchor="middle")
            out.append(a)
    out += [arrow_note(head, tail, with_head=with_head) for tail, head, with_head in arrows]
    fig.layout.annotations = out
    for t in fig.data:  # the hover points, one on each box
        t.x = [places[str(i)][0] for i in t.meta["ids"]]
        t.y = [places[str(i)][1] for i in t.meta["ids"]]
    fig.layout.shapes = [
        {"type": "line", "xref": "x", "yref": "y", "x0": x0, "y0": y0, "x1": x1, "y1": y1,
         "line": {"color": NEUTRAL_TEXT, "width": 2}, "layer": "below"}
        for (x0, y0), (x1, y1) in lines
    ]  # fmt: skip
    rows = max(row for _, row in places.values()) + 1
    heading_lines = max((a.text.count("<br>") + 1 for a in out if a.text and a.yref == "paper"), default=1)
    top = HEADING_LINES_PX * heading_lines + 24
    fig.update_xaxes(visible=False, range=[-0.5, BUS_X + 0.04], autorange=False)
    fig.update_yaxes(visible=False, range=[rows - 0.5, -0.5], autorange=False)
    fig.update_layout(margin={"l": 4, "r": 4, "t": top, "b": 8}, height=int(rows * ROW_PX + top + 8))
    fit_arrows(fig)
    return True

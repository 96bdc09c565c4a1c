"""A time line of labelled events laid out for a phone's width (pure: no streamlit); ``phone_layout.compact``
calls it.

On a laptop the events sit on a horizontal time axis, each label in a lane above or below it, the lanes
planned for a 640 px plot. On a 340 px phone plot the labels ran into each other. On a phone the line
stands upright instead: the events top to bottom in date order, one a row, each label to the right of its
marker on lines of ``LABEL_WRAP`` characters; the date is in the label, as on the laptop.

A time line is a chart whose notes hang on stems from a date axis to a lane (``axref`` "x", ``ayref`` "y"),
one a marker, in the markers' order.
"""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.views.style import GREY, wrap

LABEL_WRAP = 32  # characters a line of an event's name, right of its marker on a phone
LINE_PX = 20  # a line of a label at 15 px
ROW_PAD_PX = 14


def _is_timeline(fig: go.Figure) -> bool:
    notes = [a for a in fig.layout.annotations if a.showarrow and a.axref == "x" and a.ayref == "y"]
    return len(notes) >= 2 and len(notes) == len([a for a in fig.layout.annotations if a.text])


def timeline_for_phone(fig: go.Figure) -> bool:
    """``fig`` (a copy) as an upright list of events when it is a time line: True; else unchanged, False."""
    if not _is_timeline(fig):
        return False
    notes = list(fig.layout.annotations)  # in the events' order, as their markers are
    labels = []
    for a in notes:
        head, _, rest = str(a.text).partition("<br>")
        name = " ".join(rest.replace("<br>", " ").split())
        labels.append(f"{head}<br>{wrap(name, LABEL_WRAP)}" if name else head)
    lines = max(label.count("<br>") + 1 for label in labels)
    row_px = lines * LINE_PX + ROW_PAD_PX
    n = len(notes)
    for t in fig.data:  # the markers: one a row, on an upright line at x = 0
        if t.type == "scatter" and t.x is not None and len(t.x) == n:
            t.y = list(range(n))
            t.x = [0] * n
    size = notes[0].font.size if notes[0].font and notes[0].font.size else None
    fig.layout.annotations = [
        go.layout.Annotation(
            x=0,
            y=i,
            xref="x",
            yref="y",
            xanchor="left",
            xshift=16,
            yanchor="middle",
            align="left",
            text=label,
            showarrow=False,
            font={"size": size} if size else {},
        )
        for i, label in enumerate(labels)
    ]
    fig.layout.shapes = [
        {"type": "line", "xref": "x", "yref": "y", "x0": 0, "x1": 0, "y0": -0.5, "y1": n - 0.5,
         "line": {"color": GREY, "width": 2}, "layer": "below"}
    ]  # fmt: skip
    fig.update_xaxes(visible=False, range=[-0.05, 1], type="linear", autorange=False)
    fig.update_yaxes(visible=False, range=[n - 0.5, -0.5], autorange=False)
    fig.update_layout(margin={"l": 12, "r": 8, "t": 16, "b": 16}, height=n * row_px + 32)
    return True

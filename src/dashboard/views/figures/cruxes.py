"""The reader's stance between 'alignment hard' and 'alignment easy' as a dot plot."""

from __future__ import annotations

import textwrap

import plotly.graph_objects as go

from dashboard.analysis import beliefs as b
from dashboard.views import style

FONT_SIZE = 16


def _wrap(text: str, width: int = 28) -> str:
    return "<br>".join(textwrap.wrap(text, width)) or text


def _end_text(scenario: b.Scenario | None, fallback: str) -> str:
    if scenario is None:
        return fallback
    rating = f": {scenario.rating}" if scenario.rating else ""
    note = f" — {scenario.note.rstrip('.')}" if scenario.note else ""
    return f"{scenario.dimension}{rating}{note}"


def stance_figure(stance: b.Stance, *, title: str) -> go.Figure:
    """One row per credence crux (its pull towards 'easy') and a larger 'You' marker for the mean.

    x runs from 0 (the 'if alignment hard' scenario) to 100 ('if alignment easy').
    """
    names = [c.title for c, _, _, _ in stance.contributions]
    xs = [o for _, _, o, _ in stance.contributions]
    credences = [cr for _, cr, _, _ in stance.contributions]
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            name="Each crux",
            x=xs,
            y=[_wrap(n, 30) for n in names],
            mode="markers",
            marker={"size": 16, "color": style.SKY, "symbol": "circle", "line": {"width": 1, "color": style.BLUE}},
            customdata=credences,
            hovertemplate="%{y}<br>your credence %{customdata}/100<br>%{x:.0f} towards 'easy'<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            name="You (mean)",
            x=[stance.position],
            y=["<b>You</b>"],
            mode="markers+text",
            marker={"size": 26, "color": style.ORANGE, "symbol": "diamond", "line": {"width": 2, "color": style.BLACK}},
            text=[f"{stance.position:.0f}"],
            textposition="middle right",
            textfont={"size": FONT_SIZE},
            hovertemplate="You: %{x:.0f} of 100 towards 'alignment easy'<extra></extra>",
        )
    )
    hard = _end_text(stance.hard, "If alignment is hard")
    easy = _end_text(stance.easy, "If alignment is easy")
    rows = len(names) + 1
    height = 220 + 70 * rows
    style.apply(fig, title=title, height=height)
    fig.update_layout(
        margin={"l": 20, "r": 60, "t": 70, "b": 150},
        showlegend=False,
        xaxis={
            "range": [-4, 104],
            "tickvals": [0, 25, 50, 75, 100],
            "ticktext": ["0<br>alignment hard", "25", "50", "75", "100<br>alignment easy"],
            "zeroline": False,
        },
        yaxis={
            "autorange": "reversed",
            "automargin": True,
            "categoryorder": "array",
            "categoryarray": ["<b>You</b>", *[_wrap(n, 30) for n in names]],
        },
    )
    fig.add_vrect(x0=b.LOW_BELOW, x1=b.HIGH_ABOVE, fillcolor=style.GREY, opacity=0.15, line_width=0)
    undecided = go.layout.Annotation(
        x=(b.LOW_BELOW + b.HIGH_ABOVE) / 2,
        y=1,
        xref="x",
        yref="paper",
        yanchor="bottom",
        text="undecided",
        showarrow=False,
        font={"size": FONT_SIZE - 2},  # the theme's text colour (grey text was under 4.5:1)
    )
    # The text's assessment at each end, below the axis (pixel offsets, so nothing overlaps the ticks).
    ends = [
        go.layout.Annotation(
            x=x,
            y=0,
            xref="x",
            yref="paper",
            yanchor="top",
            yshift=-62,
            text=_wrap(text, 40),
            showarrow=False,
            xanchor=anchor,
            align=anchor,
            font={"size": FONT_SIZE - 2},
        )
        for x, anchor, text in ((0, "left", hard), (100, "right", easy))
    ]
    fig.update_layout(annotations=[undecided, *ends])  # one list: plotly re-validates it on every addition
    return fig

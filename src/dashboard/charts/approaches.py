"""Scalability concerns as success-probability ranges; dated events on a time axis."""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from .. import vocab
from . import theme

FONT_SIZE = 15


def _wrap(text: str, width: int) -> str:
    return "<br>".join(textwrap.wrap(text, width)) or text


def scalability_figure(frame: pd.DataFrame, *, title: str) -> go.Figure:
    """One row per challenge: a bar from low to high percent; an unquantified challenge gets words, no bar.

    ``frame`` is ``frames.approaches.scalability_frame``.
    """
    labels = [_wrap(c, 24) for c in frame["challenge"]]
    quantified = frame["quantified"].astype(bool).tolist()
    q = frame[frame["quantified"].astype(bool)]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            name="Success probability",
            orientation="h",
            y=[_wrap(c, 24) for c in q["challenge"]],
            base=q["low"].astype(float).tolist(),
            x=(q["high"].astype(float) - q["low"].astype(float)).tolist(),
            marker={"color": vocab.BLUE},
            text=q["success probability"].tolist(),
            textposition="outside",
            textfont={"size": FONT_SIZE},
            cliponaxis=False,
            customdata=list(zip(q["success probability"], q["of what"], strict=True)),
            hovertemplate="%{y}<br>%{customdata[0]} %{customdata[1]}<extra></extra>",
            width=0.55,
        )
    )
    for label, ok, words in zip(labels, quantified, frame["success probability"], strict=True):
        if ok:
            continue
        fig.add_annotation(
            x=2, y=label, xref="x", yref="y", text=f"<i>{words}</i>", showarrow=False, xanchor="left",
            font={"size": FONT_SIZE, "color": vocab.GREY},
        )
    height = max(360, 160 + 80 * len(labels))
    theme.apply(fig, title=title, height=height)
    fig.update_layout(
        margin={"l": 10, "r": 40, "t": 70, "b": 70},
        showlegend=False,
        xaxis={"range": [0, 100], "ticksuffix": "%", "title": {"text": "Chance of success the text gives (range)"}},
        yaxis={"autorange": "reversed", "automargin": True, "categoryorder": "array", "categoryarray": labels},
    )
    return fig


def events_figure(frame: pd.DataFrame, *, title: str) -> go.Figure:
    """Dated events as markers on a time axis, labels alternating above and below.

    ``frame`` is ``frames.approaches.events_frame``.
    """
    dates = pd.to_datetime(frame["date"]).tolist()
    ys = [1 if i % 2 == 0 else -1 for i in range(len(dates))]
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=dates,
            y=[0] * len(dates),
            mode="markers",
            marker={"size": 16, "color": vocab.BLUE, "line": {"width": 1, "color": vocab.BLACK}},
            customdata=list(zip(frame["when"], frame["event"], strict=True)),
            hovertemplate="%{customdata[0]}<br>%{customdata[1]}<extra></extra>",
            name="Events",
        )
    )
    for d, y, when, name in zip(dates, ys, frame["when"], frame["event"], strict=True):
        fig.add_annotation(
            x=d, y=0, ax=0, ay=-60 * y, text=f"<b>{when}</b><br>{_wrap(name, 22)}", showarrow=True,
            arrowcolor=vocab.GREY, font={"size": FONT_SIZE - 1}, align="center",
        )
    theme.apply(fig, title=title, height=460)
    fig.update_layout(
        margin={"l": 60, "r": 60, "t": 70, "b": 40},
        showlegend=False,
        yaxis={"visible": False, "range": [-2, 2]},
        xaxis={"showgrid": False, "title": {"text": ""}},
    )
    if dates:
        pad = pd.Timedelta(days=120)
        fig.update_xaxes(range=[min(dates) - pad, max(dates) + pad])
    return fig

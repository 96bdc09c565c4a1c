"""The risks x techniques coverage matrix as a heatmap."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .. import vocab
from . import theme

FONT_SIZE = 15


def risk_label(name: str, relevance: str) -> str:
    return f"{name} · {relevance}"


def coverage_figure(frame: pd.DataFrame, *, title: str) -> go.Figure:
    """Rows: risks, most relevant at the top (label 'name · relevance'); columns: techniques; ✓ where addressed.

    ``frame`` is ``frames.risks.coverage_frame``.
    """
    risks = list(dict.fromkeys(zip(frame["risk"], frame["relevance"], strict=True)))
    techs = list(dict.fromkeys(frame["technique"]))
    y = [risk_label(n, rel) for n, rel in risks]
    x = [theme.wrap(t, 16) for t in techs]
    z, text = [], []
    index = {(r, t): a for r, t, a in zip(frame["risk"], frame["technique"], frame["addresses"], strict=True)}
    for name, _ in risks:
        z.append([1 if index.get((name, t)) else 0 for t in techs])
        text.append(["✓" if index.get((name, t)) else "" for t in techs])
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=x,
            y=y,
            text=text,
            texttemplate="%{text}",
            textfont={"size": FONT_SIZE + 2, "color": "white"},
            colorscale=[[0, "rgba(140,140,140,0.12)"], [1, vocab.BLUE]],
            zmin=0,
            zmax=1,
            showscale=False,
            xgap=3,
            ygap=3,
            hovertemplate="%{y}<br>%{x}: %{customdata}<extra></extra>",
            customdata=[["addresses it" if v else "not named for it" for v in row] for row in z],
        )
    )
    height = theme.row_height(len(y), per_row=46, base=230)
    theme.apply(fig, title=title, height=height)
    fig.update_layout(
        margin={"l": 10, "r": 10, "t": 70, "b": 10},
        xaxis={"side": "bottom", "tickangle": 0, "automargin": True, "showgrid": False},
        yaxis={"autorange": "reversed", "automargin": True, "showgrid": False, "ticklabelstandoff": 14},
    )
    # Relevance as a coloured dot before each row: shapes at the left edge.
    for i, (_, rel) in enumerate(risks):
        key = next((k for k, v in vocab.RELEVANCE_LABELS.items() if v == rel), None)
        colour = vocab.RELEVANCE_COLOURS.get(key, vocab.GREY)
        fig.add_shape(
            type="rect", xref="paper", yref="y", x0=-0.012, x1=-0.002, y0=i - 0.45, y1=i + 0.45,
            fillcolor=colour, line_width=0,
        )
    return fig

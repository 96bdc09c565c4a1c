"""The room's credences on a crux as a histogram: ten bars of ten points, the median marked.

Drawn for the projector (black on white, text at the slide's size) and for the poll slide's PNG.
"""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.analysis import polls
from dashboard.views import style


def poll_figure(dist: polls.Distribution, *, low: str, high: str, font_px: int = 24) -> go.Figure:
    width = 100 // polls.BINS
    centres = [i * width + width / 2 for i in range(polls.BINS)]
    labels = polls.bin_labels()
    fig = go.Figure(
        go.Bar(
            x=centres,
            y=list(dist.counts),
            width=width * 0.92,
            marker={"color": style.BLUE},
            text=[str(c) if c else "" for c in dist.counts],
            textposition="outside",
            textfont={"size": font_px, "color": style.BLACK},
            customdata=labels,
            hovertemplate="%{customdata} %: %{y} answers<extra></extra>",
            name="answers",
            cliponaxis=False,
        )
    )
    top = max(dist.counts) if dist.n else 1
    if dist.median is not None:
        fig.add_shape(type="line", x0=dist.median, x1=dist.median, y0=0, y1=1, yref="paper",
                      line={"color": style.VERMILION, "width": 5, "dash": "dash"})  # fmt: skip
        fig.add_annotation(x=dist.median, y=1, yref="paper", yanchor="bottom", showarrow=False,
                           text=f"<b>{dist.median_label}</b>", font={"size": font_px, "color": style.BLACK},
                           bgcolor="#ffffff")  # fmt: skip
    fig.update_layout(
        template=style.TEMPLATE_NAME,
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
        font={"family": style.FONT_FAMILY, "size": font_px, "color": style.BLACK},
        showlegend=False,
        bargap=0.05,
        margin={"l": 24, "r": 24, "t": font_px * 2 + 8, "b": font_px * 2},
        xaxis={
            "range": [-1, 101],
            "tickvals": [0, 25, 50, 75, 100],
            "ticktext": ["0 %", "25", "50", "75", "100 %"],
            "tickfont": {"size": font_px, "color": style.BLACK},
            "title": {"text": f"credence: 0 = {low}, 100 = {high}", "font": {"size": font_px, "color": style.BLACK}},
            "automargin": True,
            "fixedrange": True,
            "showgrid": False,
        },
        yaxis={"visible": False, "range": [0, top * 1.25 + 0.5], "fixedrange": True},
    )
    return fig


def poll_alt(dist: polls.Distribution, question: str) -> str:
    if not dist.n:
        return f"No answers yet to: {question}"
    spread = ", ".join(f"{c} at {label} %" for c, label in zip(dist.counts, polls.bin_labels(), strict=True) if c)
    return f"{dist.count_label}, {dist.median_label}, to: {question} ({spread})."

"""Disagreements between sources, side by side; references by credibility."""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from dashboard.pack import vocab
from dashboard.views import style

FONT_SIZE = 15
# One colour per position of a claim within its quantity (first text, second text, ...).
SERIES = [style.BLUE, style.ORANGE, style.GREEN, style.PURPLE, style.SKY, style.VERMILION]
KIND_COLOURS = {"Paper": style.BLUE, "Web page": style.ORANGE, "Government": style.GREEN, "Article": style.PURPLE}


def _wrap(text: str, width: int) -> str:
    return "<br>".join(textwrap.wrap(text, width)) or text


def _unique(labels: list[str]) -> list[str]:
    """Row labels made distinct where one text states two figures: 'X', 'X (2)'."""
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out


def disagreement_figure(frame: pd.DataFrame, *, title: str) -> go.Figure:
    """One quantity's figures side by side: a row per claim, a dot for a single figure, a bar for a range.

    ``frame`` is ``frames.sources.disagreements_frame`` narrowed to one quantity. An unknown figure gets
    no mark (its row says so), never a zero.
    """
    sub = frame.reset_index(drop=True)
    labels = _unique(
        [
            _wrap(f"{row['source']}{' (' + str(row['year']) + ')' if pd.notna(row['year']) else ''}", 30)
            for _, row in sub.iterrows()
        ]
    )
    # Traces and annotations go to plotly in one list each (adding annotations one at a time
    # re-validates the whole list on each call).
    traces: list[go.Scatter] = []
    annotations: list[go.layout.Annotation] = []
    for k, row in sub.iterrows():
        colour = SERIES[k % len(SERIES)]
        if pd.isna(row["low"]):
            annotations.append(
                go.layout.Annotation(
                    x=0,
                    xref="paper",
                    y=labels[k],
                    text="<i>unknown</i>",
                    showarrow=False,
                    xanchor="left",
                    font={"size": FONT_SIZE},
                )
            )
            continue
        low, high = float(row["low"]), float(row["high"])
        single = low == high
        traces.append(
            go.Scatter(
                x=[low] if single else [low, high],
                y=[labels[k]] * (1 if single else 2),
                mode="lines+markers",
                line={"color": colour, "width": 12},
                marker={"size": 18, "color": colour, "line": {"width": 1, "color": style.BLACK}},
                name=row["figure"],
                customdata=[[row["figure"], row["references"], row["claim"]]] * (1 if single else 2),
                hovertemplate="%{customdata[0]}<br>cites: %{customdata[1]}<extra>%{customdata[2]}</extra>",
                showlegend=False,
            )
        )
        est = " (est.)" if row.get("estimate") == "yes" else ""
        annotations.append(
            go.layout.Annotation(
                x=high,
                y=labels[k],
                text=f"<b>{row['figure']}</b>{est}",
                showarrow=False,
                xanchor="left",
                xshift=16,
                font={"size": FONT_SIZE + 1},
            )
        )
    fig = go.Figure(data=traces, layout={"annotations": annotations} if annotations else None)
    lows = [float(v) for v in sub["low"].dropna()]
    highs = [float(v) for v in sub["high"].dropna()]
    style.apply(fig, title=title, height=style.row_height(len(labels), per_row=70, base=190, minimum=280))
    unit = sub["unit"].iloc[0] if len(sub) else ""
    fig.update_layout(
        # A set left margin: Streamlit's chart theme can drop automargin and cut the source names.
        margin={"l": style.label_margin(labels), "r": 30, "t": 70, "b": 60},
        showlegend=False,
        xaxis={"title": {"text": f"{sub['measures'].iloc[0]} ({unit})" if len(sub) else ""}},
        yaxis={"categoryorder": "array", "categoryarray": list(reversed(labels)), "automargin": True},
    )
    if lows and highs:
        lo, hi = min(lows), max(highs)
        span = (hi - lo) or max(abs(hi), 1.0)
        left = lo - 0.3 * span
        if unit in ("percent", "f1-percent", "count", "usd", "cad", "hours", "parameters") and lo >= 0:
            left = max(0.0, left)  # a quantity that cannot be negative gets no negative axis
        fig.update_xaxes(range=[left, hi + 0.45 * span])
        if unit == "year":
            fig.update_xaxes(tickformat="d")
    return fig


def credibility_figure(counts: pd.DataFrame, *, title: str) -> go.Figure:
    """References per credibility level (stars), stacked by kind. ``counts`` is ``frames.sources.credibility_counts``."""
    levels = (
        counts[["level", "credibility"]].drop_duplicates().sort_values("level", ascending=False)["credibility"].tolist()
    )
    fig = go.Figure()
    for kind in vocab.REFERENCE_KIND_LABELS.values():
        sub = counts[counts["kind"] == kind]
        if sub.empty:
            continue
        fig.add_trace(
            go.Bar(
                name=kind,
                orientation="h",
                y=sub["credibility"].tolist(),
                x=sub["references"].tolist(),
                marker={"color": KIND_COLOURS.get(kind, style.GREY)},
                hovertemplate="%{y}: %{x} " + kind.lower() + "(s)<extra></extra>",
            )
        )
    style.apply(fig, title=title, height=max(340, 140 + 50 * len(levels)))
    fig.update_layout(
        barmode="stack",
        legend={"traceorder": "normal"},
        margin={"l": 10, "r": 20, "t": 70, "b": 50},
        xaxis={"title": {"text": "References"}},
        yaxis={"categoryorder": "array", "categoryarray": list(reversed(levels)), "automargin": True},
    )
    return fig

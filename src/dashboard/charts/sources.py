"""Disagreements between sources, side by side; references by credibility."""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .. import vocab
from . import theme

FONT_SIZE = 15
# One colour per position of a claim within its quantity (first text, second text, ...).
SERIES = [vocab.BLUE, vocab.ORANGE, vocab.GREEN, vocab.PURPLE, vocab.SKY, vocab.VERMILION]
KIND_COLOURS = {"Paper": vocab.BLUE, "Web page": vocab.ORANGE, "Government": vocab.GREEN, "Article": vocab.PURPLE}


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


def disagreements_figure(frame: pd.DataFrame, *, title: str) -> go.Figure:
    """One panel per quantity; in each, one row per claim: a dot (single figure) or a bar (range).

    Each panel has its own axis, since quantities differ in unit. ``frame`` is
    ``frames.sources.disagreements_frame``.
    """
    quantities = list(dict.fromkeys(frame["quantity"]))
    n = max(1, len(quantities))
    counts = [int((frame["quantity"] == q).sum()) for q in quantities] or [1]
    titles = []
    for q in quantities:
        sub = frame[frame["quantity"] == q]
        titles.append(_wrap(f"{sub['measures'].iloc[0]} ({sub['unit'].iloc[0]})", 70))
    fig = make_subplots(
        rows=n, cols=1, subplot_titles=titles or [""], row_heights=counts, vertical_spacing=min(0.12, 0.5 / n)
    )
    for i, q in enumerate(quantities, start=1):
        sub = frame[frame["quantity"] == q].reset_index(drop=True)
        labels = _unique(
            [
                _wrap(f"{row['stated in']}{' · ' + str(row['year']) if pd.notna(row['year']) else ''}", 34)
                for _, row in sub.iterrows()
            ]
        )
        for k, row in sub.iterrows():
            colour = SERIES[k % len(SERIES)]
            low, high = row["low"], row["high"]
            if pd.isna(low):
                continue
            low, high = float(low), float(high)
            fig.add_trace(
                go.Scatter(
                    x=[low, high] if high != low else [low],
                    y=[labels[k]] * (2 if high != low else 1),
                    mode="lines+markers+text" if high == low else "lines+markers",
                    line={"color": colour, "width": 10},
                    marker={"size": 16, "color": colour, "line": {"width": 1, "color": vocab.BLACK}},
                    text=[row["figure"]] if high == low else None,
                    textposition="top center",
                    name=row["figure"],
                    customdata=[[row["figure"], row["references"], row["claim"]]] * (2 if high != low else 1),
                    hovertemplate="%{customdata[0]}<br>cites: %{customdata[1]}<extra>%{customdata[2]}</extra>",
                    showlegend=False,
                ),
                row=i,
                col=1,
            )
            if high != low:
                fig.add_annotation(
                    x=high, y=labels[k], text=row["figure"], showarrow=False, xanchor="left", xshift=12,
                    font={"size": FONT_SIZE}, row=i, col=1,
                )
        lows = [float(v) for v in sub["low"].dropna()]
        highs = [float(v) for v in sub["high"].dropna()]
        if lows and highs:
            lo, hi = min(lows), max(highs)
            span = (hi - lo) or max(abs(hi), 1.0)
            fig.update_xaxes(range=[lo - 0.25 * span, hi + 0.35 * span], row=i, col=1)
        fig.update_yaxes(categoryorder="array", categoryarray=list(reversed(labels)), automargin=True, row=i, col=1)
    total_rows = sum(counts)
    theme.apply(fig, title=title, height=max(360, 120 + 70 * total_rows + 60 * n))
    fig.update_layout(
        margin={"l": 10, "r": 30, "t": 90, "b": 30},
        showlegend=False,
    )
    fig.update_annotations(font_size=FONT_SIZE)
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
                marker={"color": KIND_COLOURS.get(kind, vocab.GREY)},
                hovertemplate="%{y}: %{x} " + kind.lower() + "(s)<extra></extra>",
            )
        )
    theme.apply(fig, title=title, height=max(340, 140 + 50 * len(levels)))
    fig.update_layout(
        barmode="stack",
        margin={"l": 10, "r": 20, "t": 70, "b": 50},
        xaxis={"title": {"text": "References"}},
        yaxis={"categoryorder": "array", "categoryarray": list(reversed(levels)), "automargin": True},
    )
    return fig

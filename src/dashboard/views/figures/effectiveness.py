"""Current vs superhuman effectiveness as ranges, and oversight success against the capability gap."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.pack import vocab
from dashboard.views import style

UNKNOWN_LABEL = "Unknown"
TICKS = [0, 20, 40, 60, 80, 100]
AXIS_MAX = 100.0  # percent

SIDES = (
    ("current", "Current systems", style.CURRENT_COLOUR),
    ("superhuman", "Superhuman systems", style.SUPERHUMAN_COLOUR),
)
# Horizontal grouped bars stack the first trace lowest: draw superhuman first so current sits on top.
_DRAW_ORDER = (SIDES[1], SIDES[0])
_LEGEND_RANK = {"current": 1, "superhuman": 2, "unknown": 3, "confidence": 10}

_HOVER = (
    "<b>%{customdata[0]}</b><br>"
    "%{customdata[1]}: %{customdata[2]}<br>"
    "Measures: %{customdata[3]}<br>"
    "Confidence: %{customdata[4]}<br>"
    "Key uncertainty: %{customdata[5]}<br>"
    "Source: %{customdata[6]}"
    "<extra></extra>"
)


def _customdata(frame: pd.DataFrame, prefix: str, side_label: str) -> list[list[str]]:
    out = []
    for _, r in frame.iterrows():
        value = r[f"{prefix}_text"]
        if r[f"{prefix}_unknown"]:
            value = "Unknown: the sources give no estimate"
        out.append(
            [
                r["name"],
                side_label,
                value,
                r[f"{prefix}_measure"] or "not stated",
                r["confidence_label"],
                style.wrap(r["key_uncertainty"], 60),
                style.wrap(
                    r.get("source_trust", r["sources"]) + (" · est." if r.get(f"{prefix}_estimate") else ""), 60
                ),
            ]
        )
    return out


def effectiveness_figure(frame: pd.DataFrame, *, title: str | None = None) -> go.Figure:
    """One row per technique; current and superhuman ranges as horizontal bars from low to high.

    ``frame`` is ``frames.effectiveness.estimates_frame`` (already in display order, first row on top).
    An unknown side is a grey hatched band labelled "Unknown" spanning the axis, in its own trace:
    the current/superhuman traces hold no number for it. Bar opacity encodes confidence.
    """
    names = list(frame["name"])
    traces: list[go.Bar] = []  # handed to plotly once, at the end
    for prefix, label, colour in _DRAW_ORDER:
        known = ~frame[f"{prefix}_unknown"].astype(bool)
        low = frame[f"{prefix}_low"].where(known)
        high = frame[f"{prefix}_high"].where(known)
        width = (high - low).where(known)
        # A point estimate (low == high) still needs a visible sliver.
        width = width.where(width.isna() | (width > 0), 0.8)
        text = [t if k else "" for t, k in zip(frame[f"{prefix}_text"], known)]
        traces.append(
            go.Bar(
                name=label,
                orientation="h",
                y=names,
                base=[None if pd.isna(v) else float(v) for v in low],
                x=[None if pd.isna(v) else float(v) for v in width],
                offsetgroup=prefix,
                marker={
                    "color": colour,
                    "opacity": list(frame["opacity"]),
                    "line": {"color": colour, "width": 1.5},
                    "pattern": {
                        "shape": [style.CONFIDENCE_PATTERN[c] for c in frame["confidence"]],
                        "fgcolor": colour,
                        "bgcolor": style.hex_to_rgba(colour, 0.35),
                        "fillmode": "overlay",
                        "size": 8,
                        "solidity": 0.45,
                    },
                },
                text=text,
                textposition="outside",
                textfont={"size": style.MIN_FONT_SIZE + 1},
                cliponaxis=False,
                customdata=_customdata(frame, prefix, label),
                hovertemplate=_HOVER,
                legendgroup=prefix,
                legendrank=_LEGEND_RANK[prefix],
                meta={
                    "side": prefix,
                    "low": [None if pd.isna(v) else float(v) for v in low],
                    "high": [None if pd.isna(v) else float(v) for v in high],
                },
            )
        )
    # Unknown sides: a labelled grey band per side, never a zero-length or zero-valued bar.
    first_unknown = True
    for prefix, label, _ in _DRAW_ORDER:
        unknown = frame[f"{prefix}_unknown"].astype(bool)
        if not unknown.any():
            continue
        sub = frame[unknown]
        traces.append(
            go.Bar(
                name=f"{UNKNOWN_LABEL} (no estimate)",
                orientation="h",
                y=list(sub["name"]),
                base=[0.0] * len(sub),
                x=[AXIS_MAX] * len(sub),
                offsetgroup=prefix,
                marker={
                    "color": style.hex_to_rgba(style.UNKNOWN_COLOUR, 0.18),
                    "line": {"color": style.UNKNOWN_COLOUR, "width": 1},
                    "pattern": {"shape": "/", "fgcolor": style.UNKNOWN_COLOUR, "fgopacity": 0.3, "size": 10},
                },
                text=[f"{label}: {UNKNOWN_LABEL}"] * len(sub),
                textposition="inside",
                insidetextanchor="middle",
                textfont={"size": style.MIN_FONT_SIZE + 1},  # the theme's text colour: 4.5:1 in light and dark
                customdata=_customdata(sub, prefix, label),
                hovertemplate=_HOVER,
                legendgroup="unknown",
                legendrank=_LEGEND_RANK["unknown"],
                showlegend=first_unknown,
                meta={"side": prefix, "unknown": True},
            )
        )
        first_unknown = False
    # The legend: the two series' colours (their own traces) and then one entry per confidence level
    # present, a neutral swatch with that level's opacity and pattern (eight entries, each level in both
    # colours, made a phone's legend longer than the chart).
    levels = [c for c in vocab.CONFIDENCE_ORDER if c in set(frame["confidence"])]
    for i, level in enumerate(levels):
        traces.append(
            go.Bar(
                name=f"{vocab.CONFIDENCE_LABELS[level]} confidence",
                orientation="h",
                x=[None],
                y=[None],
                marker={
                    "color": style.hex_to_rgba(style.NEUTRAL_TEXT, style.CONFIDENCE_OPACITY[level]),
                    "line": {"color": style.NEUTRAL_TEXT, "width": 1.5},
                    "pattern": {
                        "shape": style.CONFIDENCE_PATTERN[level],
                        "fgcolor": style.NEUTRAL_TEXT,
                        "fillmode": "overlay",
                        "size": 8,
                        "solidity": 0.45,
                    },
                },
                legendgroup=f"confidence-{level}",
                legendrank=_LEGEND_RANK["confidence"] + i,
                hoverinfo="skip",
                showlegend=True,
                meta={"legend_only": True, "confidence": level},
            )
        )
    fig = go.Figure(data=traces)
    fig.update_layout(
        # text inside a bar is never shrunk under the minimum size to fit ("Superhuman systems: Unknown")
        uniformtext={"minsize": style.MIN_FONT_SIZE, "mode": "show"},
        barmode="group",
        bargap=0.28,
        bargroupgap=0.08,
        xaxis={
            "title": {"text": "Effectiveness (%) · fill and pattern show confidence"},
            "range": [0, AXIS_MAX + 12],
            "tickvals": TICKS,
            "ticktext": [f"{t}%" for t in TICKS],
        },
        yaxis={"categoryorder": "array", "categoryarray": list(reversed(names)), "title": None},
        legend=style.bottom_legend(fig, traceorder="normal"),
        margin={"b": 150, "l": style.label_margin(names)},
    )
    style.apply(fig, title=title, height=style.row_height(len(frame), per_row=70, base=260))
    return fig


# --------------------------------------------------------------------------
# Oversight success against the capability gap
# --------------------------------------------------------------------------


def oversight_figure(frame: pd.DataFrame, *, title: str | None = None) -> go.Figure:
    """Each claim as a row: a range bar (low-high) or a point, labelled with its figure and source.

    ``frame`` is ``frames.effectiveness.oversight_frame``. Claims measuring the same quantity sit next
    to each other and share a colour, so where sources disagree both figures stay visible.
    """
    traces: list[go.Bar | go.Scatter] = []  # handed to plotly once, at the end
    palette = [style.BLUE, style.ORANGE, style.GREEN, style.PURPLE, style.SKY, style.VERMILION]
    labels = list(frame["row_label"])
    for i, (quantity, sub) in enumerate(frame.groupby("quantity", sort=False)):
        colour = palette[i % len(palette)]
        is_range = sub["high"] > sub["low"]
        custom = [
            [
                r["figure_text"],
                r["measures"],
                style.wrap(r["statement"], 60),
                style.wrap(r.get("source_trust", r["sources"]), 60),
                "Sources disagree on this quantity" if r["disagrees"] else "",
            ]
            for _, r in sub.iterrows()
        ]
        hover = (
            "<b>%{customdata[0]}</b> %{customdata[1]}<br>%{customdata[2]}<br>Source: %{customdata[3]}"
            "<br>%{customdata[4]}<extra></extra>"
        )
        traces.append(
            go.Bar(
                name=sub["quantity_label"].iloc[0],
                orientation="h",
                y=list(sub["row_label"]),
                base=[float(v) if r else None for v, r in zip(sub["low"], is_range)],
                x=[float(h - lo) if r else None for lo, h, r in zip(sub["low"], sub["high"], is_range)],
                marker={"color": colour, "opacity": 0.85},
                customdata=custom,
                hovertemplate=hover,
                legendgroup=quantity,
                showlegend=False,
            )
        )
        traces.append(
            go.Scatter(
                name=sub["quantity_label"].iloc[0],
                mode="markers+text",
                y=list(sub["row_label"]),
                x=[float(h) for h in sub["high"]],
                marker={
                    "color": colour,
                    "size": [0.1 if r else 16 for r in is_range],
                    "symbol": "diamond",
                    "line": {"width": 1, "color": colour},
                },
                # "(sources differ)" on a line of its own: on one line it took the right margin a plot needed
                text=[
                    "  " + t + ("<br>  (sources differ)" if d else "")
                    for t, d in zip(sub["figure_text"], sub["disagrees"])
                ],
                textposition="middle right",
                textfont={"size": style.MIN_FONT_SIZE + 1},
                cliponaxis=False,
                customdata=custom,
                hovertemplate=hover,
                legendgroup=quantity,
                meta={"quantity": quantity},
            )
        )
    fig = go.Figure(data=traces)
    fig.update_layout(
        xaxis={
            "title": {"text": "Success, accuracy or share recovered (%)"},
            # to 100% and the diamonds' half width: the labels beside the marks are in the right margin
            # (style.apply sizes it), which a wider axis only doubled (the plot was 242 px of an 820 px chart)
            "range": [0, AXIS_MAX + 4],
            "tickvals": TICKS,
            "ticktext": [f"{t}%" for t in TICKS],
        },
        yaxis={"categoryorder": "array", "categoryarray": list(reversed(labels)), "title": None},
        margin={"l": style.label_margin(labels)},
        showlegend=False,
        # Each label's parts (measure, source, the page that states it), for a variant that has to put a label
        # on fewer lines (variants._fit_row_labels)
        meta={
            style.LABEL_PARTS: {
                label: [q, src, label.split("<br>")[-1]]
                for label, q, src in zip(frame["row_label"], frame["quantity_label"], frame["source_short"])
            }
        },
    )
    style.apply(fig, title=title, height=style.row_height(len(frame), per_row=84, base=200))  # 4-line labels
    return fig

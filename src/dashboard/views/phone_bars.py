"""Horizontal bars on a phone (pure: no streamlit); ``phone_layout.compact`` calls ``labels_above_bars``.

Each category's name is written across the plot above its bars, instead of in a left margin that left the
bars 70 px; the rows grow to make room for it. A value written beside a bar's end by a series of markers
(the oversight chart's "60–80%") goes into the name's note, on a line of its own: beside the bar it lay
over the bar's own colour on a phone, and over the bar of the row above.
"""

from __future__ import annotations

import re

import plotly.graph_objects as go

from dashboard.views.phone_matrix import CATEGORY_LABEL
from dashboard.views.style import LABEL_PARTS, TICK_SIZE, pack_parts, wrap

COMPACT_LABEL_WRAP = 40  # a category label drawn above its bars, across the plot


def unwrap(text: str) -> str:
    return " ".join(str(text).replace("<br>", " ").split())


def rewrap(text, width: int) -> str:
    """``text`` on lines of about ``width`` characters; text with other markup than <br> is left as it is."""
    text = str(text)
    bold = re.fullmatch(r"<b>(.*)</b>", text)
    if bold and "<" not in bold.group(1).replace("<br>", ""):  # a bold heading: the words wrap, still bold
        return f"<b>{wrap(unwrap(bold.group(1)), width)}</b>"
    if re.search(r"<(?!br>)", text):
        return text
    return wrap(unwrap(text), width)


def _values_into_labels(fig: go.Figure) -> dict[str, str]:
    """The text a series of markers writes beside its points, by category, taken off the markers."""
    out: dict[str, str] = {}
    for t in fig.data:
        if t.type != "scatter" or not t.text or "text" not in str(t.mode or "") or t.y is None:
            continue
        if "right" not in str(t.textposition or ""):
            continue
        texts = t.text if isinstance(t.text, (list, tuple)) else [t.text] * len(t.y)
        for y, text in zip(t.y, texts, strict=False):
            value = " ".join(unwrap(str(text)).split())
            if value:
                out[str(y)] = f"{out[str(y)]}; {value}" if str(y) in out else value
        t.mode = str(t.mode).replace("+text", "").replace("text+", "") or "markers"
        t.text = None
    return out


def labels_above_bars(fig: go.Figure, bars: list) -> None:
    lay = fig.layout
    order = list(lay.yaxis.categoryarray) if lay.yaxis.categoryarray is not None else []
    seen = {str(v) for v in order}
    for t in bars:
        for v in t.y:
            if v is not None and str(v) not in seen:
                seen.add(str(v))
                order.append(v)
    if not order:
        return
    values = _values_into_labels(fig)
    parts = (lay.meta if isinstance(lay.meta, dict) else {}).get(LABEL_PARTS) or {}
    labels = [
        (pack_parts(parts[str(v)], COMPACT_LABEL_WRAP) if str(v) in parts else rewrap(v, COMPACT_LABEL_WRAP))
        + (f"<br><b>{wrap(values[str(v)], COMPACT_LABEL_WRAP)}</b>" if str(v) in values else "")
        for v in order
    ]
    lines = max(lbl.count("<br>") + 1 for lbl in labels)
    label_px = lines * (TICK_SIZE + 4) + 6
    # A row: the bars, then room above them for the label.
    old_rows = max(1, len(order))
    old_plot = max(120, (lay.height or 480) - (lay.margin.t or 80) - (lay.margin.b or 56))
    bars_px = max(26, min(48, old_plot / old_rows * 0.6))
    row_px = int(bars_px + label_px + 8)
    gap = min(0.8, (label_px + 8) / row_px)
    # Room above the top row for its label (plotly hides a tick label that leaves the axis range). The plot
    # holds it as well as the rows: squeezed into the rows' height, it made every row shorter than its label
    # and bars, and a five-line label ran 5 px into the bar above it.
    pad = (label_px + 6) / row_px
    n = len(order)
    plot_px = row_px * (n + pad)
    entries = sum(1 for t in fig.data if t.showlegend is not False and t.name) if lay.showlegend is not False else 0
    legend_px = 26 * entries + 12 if entries > 1 else 0
    bottom = 96 + legend_px  # room for half the first x tick label
    fig.update_layout(
        height=int(plot_px + (lay.margin.t or 80) + bottom), bargap=gap, margin={"l": 20, "r": 16, "b": bottom}
    )
    y_range = [n - 0.5, -0.5 - pad] if lay.yaxis.autorange == "reversed" else [-0.5, n - 0.5 + pad]
    # The labels are notes over each row, not "inside" tick labels: plotly hides every x-axis tick label
    # under the span of a y-axis's inside labels, which left a phone's axis with only its last ticks.
    fig.update_yaxes(range=y_range, autorange=False, tickvals=order, showticklabels=False, ticks="")
    fig.update_layout(
        annotations=[
            *fig.layout.annotations,
            *(
                go.layout.Annotation(
                    name=CATEGORY_LABEL,
                    x=0,
                    xref="paper",
                    xanchor="left",
                    y=v,
                    yref="y",
                    yanchor="bottom",
                    yshift=int(bars_px / 2) + 2,
                    text=label,
                    align="left",
                    showarrow=False,
                    font={"size": TICK_SIZE},
                )
                for v, label in zip(order, labels, strict=True)
            ),
        ]
    )
    fig.update_xaxes(automargin=True)

"""The dashboard's plotly look: large type, sane margins, transparent backgrounds.

Backgrounds are transparent so the figure sits on Streamlit's light or dark
page; text uses a mid-contrast colour only where Streamlit's theme does not
set one. Every builder calls ``apply`` last so titles and sizes are uniform.
"""

from __future__ import annotations

import re

import plotly.graph_objects as go
import plotly.io as pio

# "Source Sans" is the web font the Streamlit page has already loaded, so chart text matches the page's;
# images made on the server (no web font) use Inter (Debian's fonts-inter), then DejaVu Sans.
# Multi-word families are quoted: Chromium drops an unquoted list and falls back to a serif face.
FONT_FAMILY = '"Source Sans", "Source Sans Pro", "Source Sans 3", "Inter", "DejaVu Sans", Helvetica, Arial, sans-serif'
FONT_SIZE = 16  # body text on a projector
TITLE_SIZE = 20
TICK_SIZE = 15
MIN_FONT_SIZE = 14  # nothing smaller anywhere (annotations, legend, hover)
# Characters per line of a chart's title: plotly does not wrap titles, and a longer line is cut
# at the right of a half-width chart on a laptop screen.
TITLE_WRAP = 72
AXIS_TITLE_WRAP = 44  # characters a line of an axis title: centred under a half-width chart
# A grey for lines and arrows (3:1 or more on white and on Streamlit's dark background). Chart text is never
# drawn in it: no one grey reaches 4.5:1 on both, so text takes the theme's own text colour.
NEUTRAL_TEXT = "#808495"
GRID = "rgba(128,132,149,0.25)"

# Colours: the Okabe-Ito palette, which stays distinguishable for the common forms of colour
# blindness; no encoding relies on red against green.
BLACK = "#000000"
ORANGE = "#E69F00"
SKY = "#56B4E9"
GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILION = "#D55E00"
PURPLE = "#CC79A7"
GREY = "#8C8C8C"
CATEGORY_COLOURS = {"forward": BLUE, "backward": ORANGE, None: GREY}
MATURITY_COLOURS = {
    "deployed": GREEN,
    "growing": BLUE,
    "developing": SKY,
    "research": PURPLE,
    "early": ORANGE,
    "limited": VERMILION,
    None: GREY,
}
CONFIDENCE_OPACITY = {
    "high": 1.0,
    "medium-high": 0.85,
    "medium": 0.7,
    "medium-low": 0.5,
    "low": 0.35,
}
# Confidence is encoded twice, so it survives a low-contrast screen and greyscale print: the opacity
# above plus a fill pattern (denser hatching, less confidence); the hover and table name it in words.
CONFIDENCE_PATTERN = {
    "high": "",
    "medium-high": ".",
    "medium": "/",
    "medium-low": "x",
    "low": "+",
}
RELEVANCE_COLOURS = {"critical": VERMILION, "high": ORANGE, "medium": SKY, "low": GREY}
CURRENT_COLOUR = BLUE
SUPERHUMAN_COLOUR = VERMILION
UNKNOWN_COLOUR = GREY
# Grades: blue (F) to yellow (A+), lighter with each step (reads in greyscale; no red against green), and
# never darker than black text needs for 7:1, so every letter is black on its own cell in every output.
GRADE_COLOURSCALE = [
    [0.0, "#6a9ad6"],
    [0.25, "#9dbbe0"],
    [0.5, "#c9d1d6"],
    [0.75, "#e6dca6"],
    [1.0, "#fbe36a"],
]
GRADE_TEXT = "#000000"
OUTLOOK_COLOURS = {"optimistic": BLUE, "pessimistic": VERMILION, "mixed": GREY}
FLOW_STAGE_COLOURS = {
    "current": CURRENT_COLOUR,
    "tasks": GREEN,
    "future": SUPERHUMAN_COLOUR,
}

TEMPLATE_NAME = "dashboard"

_template = go.layout.Template(
    layout=go.Layout(
        font={"family": FONT_FAMILY, "size": FONT_SIZE},
        title={
            "font": {"size": TITLE_SIZE},
            "x": 0,
            "xanchor": "left",
            "y": 0.98,
            "yanchor": "top",
            "automargin": True,
        },
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        margin={"l": 16, "r": 24, "t": 72, "b": 56, "pad": 4},
        legend={"font": {"size": MIN_FONT_SIZE + 1}, "orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        hoverlabel={"font": {"size": MIN_FONT_SIZE + 1, "family": FONT_FAMILY}, "align": "left"},
        xaxis={
            "automargin": True,
            "tickfont": {"size": TICK_SIZE},
            "title": {"font": {"size": FONT_SIZE}},
            "gridcolor": GRID,
            "zeroline": False,
        },
        yaxis={
            "automargin": True,
            "tickfont": {"size": TICK_SIZE},
            "title": {"font": {"size": FONT_SIZE}},
            "gridcolor": GRID,
            "zeroline": False,
        },
    )
)
pio.templates[TEMPLATE_NAME] = _template


DEFAULT_MARGIN = {"l": 16, "r": 24, "t": 48, "b": 56, "pad": 4}


def apply(fig: go.Figure, *, title: str | None = None, height: int = 480) -> go.Figure:
    """Put the dashboard look on ``fig``: fixed height, optional title, sizes written into the layout.

    Streamlit's chart theme replaces a figure's template in the browser (to follow the light or
    dark theme), so sizes and backgrounds are set on the layout itself, where they survive; the
    template still serves exports made without Streamlit. Values a builder already set are kept.
    """
    fig.update_layout(template=TEMPLATE_NAME, height=height)
    lay = fig.layout
    if lay.font.size is None:
        fig.update_layout(font={"size": FONT_SIZE})
    if lay.font.family is None:
        # Streamlit's chart theme replaces the template, so the family is set on the layout itself.
        fig.update_layout(font={"family": FONT_FAMILY})
    fig.update_layout(paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)")
    margin = {k: v for k, v in DEFAULT_MARGIN.items() if getattr(lay.margin, k) is None}
    if title:
        text = wrap(title, TITLE_WRAP)
        fig.update_layout(
            title={
                "text": text,
                "font": {"size": TITLE_SIZE},
                "x": 0,
                "xanchor": "left",
                "automargin": True,
                "yref": "container",
                "y": 1,
                "yanchor": "top",
                "pad": {"t": 12},
            }
        )
        margin["t"] = max(margin.get("t", lay.margin.t or 0), 80)
    if margin:
        fig.update_layout(margin=margin)
    if lay.legend.font.size is None:
        fig.update_layout(legend={"font": {"size": MIN_FONT_SIZE + 1}})
    if lay.hoverlabel.font.size is None:
        fig.update_layout(hoverlabel={"font": {"size": MIN_FONT_SIZE + 1}, "align": "left"})
    for axis in (fig.layout[k] for k in fig.layout if k.startswith(("xaxis", "yaxis"))):
        if axis.title.text and "<br>" not in axis.title.text and len(axis.title.text) > AXIS_TITLE_WRAP:
            # Centred on the plot, a long axis title was cut at both ends of a half-width chart.
            axis.title.text = wrap(axis.title.text, AXIS_TITLE_WRAP)
        if axis.tickfont.size is None:
            axis.tickfont.size = TICK_SIZE
        if axis.title.font.size is None:
            axis.title.font.size = FONT_SIZE
        if axis.automargin is None:
            axis.automargin = True
    for ann in fig.layout.annotations:
        if ann.font.size is None:
            ann.font.size = FONT_SIZE
    # Value labels written beside horizontal bars ("$1.2B per year") run past the plot: the right margin
    # holds the longest one, or its end is cut at the edge of the chart.
    outside = [
        str(txt)
        for t in fig.data
        if t.text is not None
        and (
            (t.type == "bar" and t.orientation == "h" and t.textposition == "outside")
            or (t.type == "scatter" and "right" in str(t.textposition or ""))
        )
        for txt in (t.text if isinstance(t.text, (list, tuple)) else [t.text])
    ]
    if outside:
        need = int(max(len(x) for x in outside) * (MIN_FONT_SIZE + 1) * 0.55) + 8
        if (fig.layout.margin.r or 0) < need:
            fig.update_layout(margin={"r": min(need, 260)})
    return fig


def legend_entry_width(fig: go.Figure) -> int:
    """Pixels for each entry of a horizontal legend: the symbol plus the longest legend name at legend size.

    Sized from the names, not measured by plotly in the browser, where the page's CSS can draw the
    legend in a wider font than plotly measured and cut the last letters off."""
    longest = max((len(t.name) for t in fig.data if t.showlegend is not False and t.name), default=0)
    return int(longest * (MIN_FONT_SIZE + 1) * 0.56 + 48)


def row_height(n_rows: int, *, per_row: int = 44, base: int = 170, minimum: int = 320) -> int:
    """A height that gives each category row room for 15-16 px labels."""
    return max(minimum, base + per_row * n_rows)


def label_margin(labels, *, px_per_char: float = 8.2, minimum: int = 80, maximum: int = 460) -> int:
    """A left margin wide enough for the longest category label (lines split at <br>) at TICK_SIZE.

    Streamlit's chart theme can drop automargin, which clips long labels; a set margin cannot be dropped.
    """
    longest = max((len(line) for lbl in labels for line in str(lbl).split("<br>")), default=0)
    return int(min(maximum, max(minimum, longest * px_per_char + 24)))


def wrap(text: str, width: int = 28) -> str:
    """Break a long label onto lines of about ``width`` characters (plotly uses <br>)."""
    words, lines, line = text.split(), [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    if line:
        lines.append(line)
    return "<br>".join(lines)


def theme_text(fig: go.Figure, colour: str) -> go.Figure:
    """A copy of ``fig`` whose text (titles, ticks, legend, notes without a colour of their own) is ``colour``.

    Streamlit's chart theme draws chart text in a grey under 4.5:1 on white; the page passes its own
    theme's text colour (``TEXT_ON``), which it sets on the layout, where the chart theme keeps it."""
    fig = go.Figure(fig)
    fig.update_layout(font={"color": colour}, title={"font": {"color": colour}}, legend={"font": {"color": colour}})
    fig.update_xaxes(tickfont={"color": colour}, title={"font": {"color": colour}})
    fig.update_yaxes(tickfont={"color": colour}, title={"font": {"color": colour}})
    for ann in fig.layout.annotations:
        if ann.font.color is None:
            ann.font.color = colour
    for t in fig.data:
        if t.type in ("bar", "scatter") and getattr(t, "textfont", None) is not None and t.textfont.color is None:
            t.textfont.color = colour
    return fig


# Text colours of the app's themes (.streamlit/config.toml): 4.5:1 or more on their backgrounds.
TEXT_ON = {"light": "#31333F", "dark": "#FAFAFA"}


def hex_to_rgba(colour: str, alpha: float) -> str:
    c = colour.lstrip("#")
    r, g, b = (int(c[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha:g})"


# --------------------------------------------------------------------------
# The compact variant for phones
# --------------------------------------------------------------------------

COMPACT_TITLE_WRAP = 28  # characters a line of a chart title at 390 px (20 px type)
COMPACT_LABEL_WRAP = 40  # a category label drawn above its bars, across the plot
COMPACT_ROW_GAP = 0.5  # share of a row left free above the bars for their label
COMPACT_MIN_PLOT = 300  # px: the plotting area of a matrix never gets narrower; its box scrolls instead
COMPACT_CELL = 44  # px a column of a matrix
CATEGORY_LABEL = "category label"  # the name of the notes that label a compact chart's rows


def _unwrap(text: str) -> str:
    return " ".join(str(text).replace("<br>", " ").split())


def _rewrap(text, width: int) -> str:
    """``text`` on lines of about ``width`` characters; text with other markup than <br> is left as it is."""
    text = str(text)
    bold = re.fullmatch(r"<b>(.*)</b>", text)
    if bold and "<" not in bold.group(1).replace("<br>", ""):  # a bold heading: the words wrap, still bold
        return f"<b>{wrap(_unwrap(bold.group(1)), width)}</b>"
    if re.search(r"<(?!br>)", text):
        return text
    return wrap(_unwrap(text), width)


def compact(fig: go.Figure) -> go.Figure:
    """A copy of ``fig`` laid out for a 390 px wide screen: the same data, never the desktop layout shrunk.

    - Titles and axis titles wrap at phone width.
    - Horizontal bar charts: each category's label is written across the plot, above its bars, instead of
      in a left margin that left the bars 70 px; the rows grow to make room for it.
    - Matrices (heatmaps): a minimum width per column, in ``meta["min_width"]`` (px); the page gives the chart
      that width inside a box of its own that scrolls sideways, so the page never does.
    - Value labels beside markers sit above them, on the side with room.
    - Diagrams (no visible axes): boxes and headings narrower, their words on more lines.
    - Legends go below the plot, one entry a line.
    ``meta["compact"]`` is True on the copy (tests read it).
    """
    fig = go.Figure(fig)
    lay = fig.layout
    if lay.title.text:
        # The takeaway heading above the chart says it; on a phone the chart's own title only took room.
        fig.update_layout(title={"text": ""}, margin={"t": 24})
    for name in [k for k in lay if k.startswith(("xaxis", "yaxis"))]:
        axis = lay[name]
        if axis.title.text:
            axis.title.text = _rewrap(axis.title.text, COMPACT_LABEL_WRAP)
    entries = sum(1 for t in fig.data if t.showlegend is not False and t.name) if lay.showlegend is not False else 0
    legend_px = 26 * entries + 12 if entries > 1 else 0
    fig.update_layout(
        legend={
            "orientation": "h",
            "xref": "container",
            "x": 0,
            "xanchor": "left",
            "yref": "container",
            "y": 0,
            "yanchor": "bottom",
            "entrywidthmode": "fraction",
            "entrywidth": 1,
        },
        height=(lay.height or 480) + legend_px,
        margin={"b": (lay.margin.b or 56) + legend_px},
    )
    meta = {**(lay.meta if isinstance(lay.meta, dict) else {}), "compact": True}
    heatmaps = [t for t in fig.data if t.type == "heatmap"]
    hbars = [t for t in fig.data if t.type == "bar" and t.orientation == "h" and t.y is not None]
    if not hbars:  # a dot chart with its categories in a left margin
        hbars = [
            t for t in fig.data if t.type == "scatter" and t.y is not None and any(isinstance(v, str) for v in t.y)
        ]
    if heatmaps:
        columns = sum(len(t.x) if t.x is not None else len(t.z[0]) for t in heatmaps)
        left = lay.margin.l or 0
        meta["min_width"] = int(left + max(COMPACT_MIN_PLOT, COMPACT_CELL * columns) + (lay.margin.r or 0) + 40)
    elif hbars:
        _labels_above_bars(fig, hbars)
    _point_labels_above(fig)
    _end_labels_inside(fig)
    if lay.xaxis.visible is False:
        _narrow_diagram(fig)
    else:
        for ann in fig.layout.annotations:  # notes written on the plot: shorter lines
            if ann.name != CATEGORY_LABEL and ann.text and len(_unwrap(ann.text)) > COMPACT_TITLE_WRAP:
                ann.text = _rewrap(ann.text, 22)
        _room_below(fig)
    fig.update_layout(meta=meta)
    return fig


def _point_labels_above(fig: go.Figure) -> None:
    """Text written to the right of a marker ran off a phone's screen: above it, towards the plot's middle."""
    lo, hi = (fig.layout.xaxis.range or [None, None])[:2]
    for t in fig.data:
        if t.type != "scatter" or not t.text or "right" not in str(t.textposition or ""):
            continue
        xs = [x for x in (t.x or []) if isinstance(x, (int, float))]
        if lo is None or hi is None:
            lo, hi = (min(xs, default=0), max(xs, default=1))
        mid = (lo + hi) / 2
        cats = list(dict.fromkeys(x for x in t.x if not isinstance(x, (int, float))))  # a category axis
        t.textposition = [
            "top left"
            if (isinstance(x, (int, float)) and x > mid) or (x in cats and cats.index(x) > (len(cats) - 1) / 2)
            else "top right"
            for x in t.x
        ]
        t.text = [str(x).strip() for x in t.text]
        # The right margin held those labels beside the markers (a slope chart's plot was 42 px wide).
        fig.update_layout(margin={"r": min(fig.layout.margin.r or 24, 24)})


def _end_labels_inside(fig: go.Figure) -> None:
    """Labels hung to the right of a line's last point (a slope chart) needed a wide right margin, which
    left a phone's plot 42 px wide: on a phone they sit above the point, inside the plot, on short lines."""
    moved = False
    for ann in fig.layout.annotations:
        if ann.xref == "x" and ann.xanchor == "left" and (ann.xshift or 0) > 0 and ann.text:
            ann.xanchor, ann.xshift, ann.yanchor, ann.yshift = "right", -6, "bottom", 8
            ann.text = _rewrap(ann.text, 22)
            moved = True
    if moved:
        fig.update_layout(margin={"r": min(fig.layout.margin.r or 24, 24)})


def _room_below(fig: go.Figure) -> None:
    """Notes hung below the plot (paper y 0, anchored at their top) take more lines on a phone: the bottom
    margin, and the chart's height with it, grows to hold the longest, or its last lines are cut."""
    need = 0
    for ann in fig.layout.annotations:
        if ann.text and ann.yref == "paper" and (ann.y or 0) <= 0 and ann.yanchor == "top":
            size = ann.font.size or FONT_SIZE
            need = max(need, -(ann.yshift or 0) + int((ann.text.count("<br>") + 1) * size * 1.3) + 16)
    bottom = fig.layout.margin.b or 0
    if need > bottom:
        fig.update_layout(margin={"b": need}, height=(fig.layout.height or 480) + need - bottom)


def _narrow_diagram(fig: go.Figure) -> None:
    for ann in fig.layout.annotations:
        if not ann.text:  # an arrow
            continue
        if ann.width:
            ann.width = min(ann.width, 104)
            ann.text = _rewrap(ann.text, 12)
            ann.font.size = MIN_FONT_SIZE
        elif len(_unwrap(ann.text)) > 12:
            ann.text = _rewrap(ann.text, 12)
            ann.font.size = MIN_FONT_SIZE
    # Headings over the columns now take more lines: the top margin holds them.
    lines = max((a.text.count("<br>") + 1 for a in fig.layout.annotations if a.text and a.yref == "paper"), default=0)
    if lines:
        fig.update_layout(margin={"t": max(fig.layout.margin.t or 0, 20 * lines + 24)})


def _labels_above_bars(fig: go.Figure, bars: list) -> None:
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
    labels = [_rewrap(v, COMPACT_LABEL_WRAP) for v in order]
    lines = max(lbl.count("<br>") + 1 for lbl in labels)
    label_px = lines * (TICK_SIZE + 4) + 6
    # A row: the bars, then room above them for the label.
    old_rows = max(1, len(order))
    old_plot = max(120, (lay.height or 480) - (lay.margin.t or 80) - (lay.margin.b or 56))
    bars_px = max(26, min(48, old_plot / old_rows * 0.6))
    row_px = int(bars_px + label_px + 8)
    plot_px = row_px * len(order)
    gap = min(0.8, (label_px + 8) / row_px)
    entries = sum(1 for t in fig.data if t.showlegend is not False and t.name) if lay.showlegend is not False else 0
    legend_px = 26 * entries + 12 if entries > 1 else 0
    fig.update_layout(
        height=int(plot_px + (lay.margin.t or 80) + 90 + legend_px),
        bargap=gap,
        margin={"l": 20, "r": 16, "b": 96 + legend_px},  # room for half the first x tick label
    )
    # Room above the top row for its label (plotly hides a tick label that leaves the axis range).
    pad = (label_px + 6) / row_px
    n = len(order)
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

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
CHAR_EM = 0.55  # a character's average width in font sizes (8.2 px at the 15 px tick labels)
LINE_SPACING = 1.3  # plotly's lines of text, in font sizes
# layout.meta key of a figure whose category labels are made of parts, {label: [part, ...]}: a variant with
# less room per row joins them on fewer lines
LABEL_PARTS = "label_parts"
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
CONFIDENCE_OPACITY = {
    "high": 1.0,
    "medium-high": 0.85,
    "medium": 0.7,
    "medium-low": 0.6,
    "low": 0.5,  # no fainter: on the dark theme's background a bar at 0.35 all but vanished
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
        need = int(max(len(line) for x in outside for line in x.split("<br>")) * (MIN_FONT_SIZE + 1) * CHAR_EM) + 8
        if (fig.layout.margin.r or 0) < need:
            fig.update_layout(margin={"r": min(need, 260)})
    return fig


def legend_entry_width(fig: go.Figure) -> int:
    """Pixels for each entry of a horizontal legend: the symbol plus the longest legend name at legend size.

    Sized from the names, not measured by plotly in the browser, where the page's CSS can draw the
    legend in a wider font than plotly measured and cut the last letters off."""
    longest = max((len(t.name) for t in fig.data if t.showlegend is not False and t.name), default=0)
    return int(longest * (MIN_FONT_SIZE + 1) * 0.56 + 48)


def labelled_hbar(x, y, labels: list[str], *, name: str, hovertemplate: str, customdata=None) -> go.Bar:
    """Horizontal bars in the index colour, each labelled outside its end at legend size (not clipped)."""
    return go.Bar(
        x=list(x),
        y=list(y),
        orientation="h",
        marker={"color": SKY, "line": {"color": BLUE, "width": 1}},
        text=labels,
        textposition="outside",
        textfont={"size": MIN_FONT_SIZE + 1},
        cliponaxis=False,
        customdata=customdata,
        hovertemplate=hovertemplate,
        name=name,
    )


def bottom_legend(fig: go.Figure, **extra) -> dict:
    """A horizontal legend at the figure's bottom left, each entry as wide as the longest name needs."""
    return {
        "orientation": "h",
        "yref": "container",
        "y": 0.01,
        "yanchor": "bottom",
        "xref": "container",
        "x": 0,
        **extra,
        "entrywidthmode": "pixels",
        "entrywidth": legend_entry_width(fig),
    }


def row_height(n_rows: int, *, per_row: int = 44, base: int = 170, minimum: int = 320) -> int:
    """A height that gives each category row room for 15-16 px labels."""
    return max(minimum, base + per_row * n_rows)


def label_margin(labels, *, px_per_char: float = 8.2, minimum: int = 80, maximum: int = 460) -> int:
    """A left margin wide enough for the longest category label (lines split at <br>) at TICK_SIZE.

    Streamlit's chart theme can drop automargin, which clips long labels; a set margin cannot be dropped.
    """
    longest = max((len(line) for lbl in labels for line in str(lbl).split("<br>")), default=0)
    return int(min(maximum, max(minimum, longest * px_per_char + 24)))


def pack_parts(parts: list[str], width: int) -> str:
    """A label made of parts (a measure, its source, the page that states it) on lines of about ``width``
    characters: a part that fits on one line goes beside the whole parts before it (" · ") when there is room,
    else on a line of its own; a longer part wraps, and the next part starts a new line."""
    lines: list[str] = []
    joinable = False  # the last line holds whole parts only
    for part in parts:
        pieces = wrap(part, width).split("<br>")
        if joinable and len(pieces) == 1 and len(lines[-1]) + 3 + len(pieces[0]) <= width:
            lines[-1] += " · " + pieces[0]
        else:
            lines += pieces
        joinable = len(pieces) == 1
    return "<br>".join(lines)


def drawn_lines(text: object) -> list[str]:
    """The lines of a label or cell text as drawn: split at <br>, tags (a span's own size) left out."""
    return [_TAG.sub("", part) for part in str(text or "").split("<br>")]


_TAG = re.compile(r"<[^>]+>")


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


# Text colours of the app's themes (.streamlit/config.toml): 4.5:1 or more on their backgrounds.
TEXT_ON = {"light": "#31333F", "dark": "#FAFAFA"}


def hex_to_rgba(colour: str, alpha: float) -> str:
    c = colour.lstrip("#")
    r, g, b = (int(c[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha:g})"


CELL_TINT = 0.55  # the share of a palette colour in a cell that carries black words


def tint(colour: str, share: float) -> str:
    """``colour`` mixed with white (``share`` of the colour), opaque: a cell that black text reads on in
    either theme (an rgba colour would let a dark page show through)."""
    c = colour.lstrip("#")
    r, g, b = (round(share * int(c[i : i + 2], 16) + (1 - share) * 255) for i in (0, 2, 4))
    return f"#{r:02x}{g:02x}{b:02x}"


def luminance(colour: str) -> float | None:
    """WCAG relative luminance of a '#rrggbb' or 'rgb(r, g, b)' colour; None for anything else."""
    c = colour.strip().lower()
    if c.startswith("#") and len(c) == 7:
        rgb = [int(c[i : i + 2], 16) for i in (1, 3, 5)]
    elif c.startswith("rgb"):
        try:
            rgb = [int(float(v)) for v in c[c.index("(") + 1 : c.index(")")].split(",")[:3]]
        except ValueError:
            return None
    else:
        return {"grey": 0.216, "gray": 0.216, "black": 0.0, "white": 1.0}.get(c)
    lin = [(v / 255 / 12.92) if v / 255 <= 0.03928 else ((v / 255 + 0.055) / 1.055) ** 2.4 for v in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

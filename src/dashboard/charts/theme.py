"""The dashboard's plotly look: large type, sane margins, transparent backgrounds.

Backgrounds are transparent so the figure sits on Streamlit's light or dark
page; text uses a mid-contrast colour only where Streamlit's theme does not
set one. Every builder calls ``apply`` last so titles and sizes are uniform.
"""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

FONT_FAMILY = "Source Sans Pro, Source Sans 3, Helvetica, Arial, sans-serif"
FONT_SIZE = 16  # body text on a projector
TITLE_SIZE = 20
TICK_SIZE = 15
MIN_FONT_SIZE = 14  # nothing smaller anywhere (annotations, legend, hover)
# A grey that reads on both white and near-black backgrounds.
NEUTRAL_TEXT = "#808495"
GRID = "rgba(128,132,149,0.25)"

TEMPLATE_NAME = "dashboard"

_template = go.layout.Template(
    layout=go.Layout(
        font={"family": FONT_FAMILY, "size": FONT_SIZE},
        title={"font": {"size": TITLE_SIZE}, "x": 0, "xanchor": "left", "y": 0.98, "yanchor": "top", "automargin": True},
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        margin={"l": 16, "r": 24, "t": 72, "b": 56, "pad": 4},
        legend={"font": {"size": MIN_FONT_SIZE + 1}, "orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        hoverlabel={"font": {"size": MIN_FONT_SIZE + 1, "family": FONT_FAMILY}, "align": "left"},
        xaxis={"automargin": True, "tickfont": {"size": TICK_SIZE}, "title": {"font": {"size": FONT_SIZE}}, "gridcolor": GRID, "zeroline": False},
        yaxis={"automargin": True, "tickfont": {"size": TICK_SIZE}, "title": {"font": {"size": FONT_SIZE}}, "gridcolor": GRID, "zeroline": False},
    )
)
pio.templates[TEMPLATE_NAME] = _template


def apply(fig: go.Figure, *, title: str | None = None, height: int = 480) -> go.Figure:
    """Put the dashboard template on ``fig`` with a fixed height and an optional title."""
    fig.update_layout(template=TEMPLATE_NAME, height=height)
    if title:
        fig.update_layout(title={"text": title})
    return fig


def row_height(n_rows: int, *, per_row: int = 44, base: int = 170, minimum: int = 320) -> int:
    """A height that gives each category row room for 15-16 px labels."""
    return max(minimum, base + per_row * n_rows)


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


def hex_to_rgba(colour: str, alpha: float) -> str:
    c = colour.lstrip("#")
    r, g, b = (int(c[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha:g})"

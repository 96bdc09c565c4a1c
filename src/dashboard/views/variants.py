"""A chart's figure as each output draws it (pure: no streamlit).

A catalogue entry carries one figure, without a title (the takeaway is the heading every output
writes above it). Each output draws a copy of it laid out for where it goes; the copies are made
here and nowhere else:

- ``screen_figure(fig, theme, phone)``: the page and the embed: text in the theme's own colour
  (``theme_text``) and, on a phone, the compact layout (``phone_layout.compact``).
- ``slide_figure(fig, font_px=...)``: a projected slide or a handout page: black on white, every text
  at least ``font_px``.
- ``export_figure(fig, width=..., height=...)``: an image (PNG, SVG) at slide size on white.
- ``print_figure(fig, max_height=...)``: the offline report and the PDF brief: on white, a fixed height.
"""

from __future__ import annotations

import re

import plotly.graph_objects as go

from dashboard.views.figures.flow import fit_arrows
from dashboard.views.phone_bars import unwrap
from dashboard.views.phone_layout import compact
from dashboard.views.style import (
    BLACK,
    CHAR_EM,
    FONT_FAMILY,
    LABEL_PARTS,
    LINE_SPACING,
    TEXT_ON,
    TICK_SIZE,
    drawn_lines,
    luminance,
    pack_parts,
)

# An image is a 16:9 slide: the PNG and SVG downloads, the all-charts ZIP and the chart toolbar's export.
EXPORT_WIDTH = 1600
EXPORT_HEIGHT = 900
# Images and print sit on white whatever the reader's theme, with dark text.
PAPER = "#FFFFFF"
PRINT_TEXT = "#262730"
PRINT_HEIGHT = 520  # px: a figure of the offline report without a height of its own
# px: the printable width of an A4 landscape page at 96 px an inch (exports.browser lays pages out at it)
PRINT_WIDTH = 1032
PAGE_HEIGHT = 500  # px: the most a landscape A4 page of the brief leaves a figure


def untitled(fig: go.Figure) -> go.Figure:
    """``fig`` without its title (a copy when it had one): the heading above the chart says it.

    Written into the figure's data, as ``theme_text`` is (the same figure as through plotly's object model)."""
    if not fig.layout.title.text:
        return fig
    data = fig.to_dict()
    layout = data.setdefault("layout", {})
    _branch(layout, "title")["text"] = ""
    _branch(layout, "margin")["t"] = 24
    return go.Figure(data, _validate=False)


# --------------------------------------------------------------------------
# The reader's screen: theme colour, phone layout
# --------------------------------------------------------------------------


def screen_figure(fig: go.Figure, theme: str, phone: bool) -> go.Figure:
    """``fig`` as drawn on a screen of ``theme`` ("light" or "dark"), in its compact layout on a phone.

    Re-colouring goes through plotly's checked object model (seconds for a chart of a thousand
    labels), so callers keep the result per kind of screen."""
    out = untitled(theme_text(fig, TEXT_ON.get(theme, TEXT_ON["light"])))
    return compact(out) if phone else out


def theme_text(fig: go.Figure, colour: str) -> go.Figure:
    """A copy of ``fig`` whose text (titles, ticks, legend, notes without a colour of their own) is ``colour``.

    Streamlit's chart theme draws chart text in a grey under 4.5:1 on white; the page passes its own
    theme's text colour (``TEXT_ON``), which it sets on the layout, where the chart theme keeps it.

    The colours are written into the figure's plain data, not through plotly's checked object model
    (a dozen times faster: a new filter or credence draws a new chart, and this ran for each); the
    result is the same figure. What is written is a valid figure's own data and colours, so the copy
    is not checked again (plotly's ``_validate=False``, as plotly express builds its figures)."""
    data = fig.to_dict()
    layout = data.setdefault("layout", {})
    for part in ("font", ("title", "font"), ("legend", "font")):
        _branch(layout, part)["color"] = colour
    axes = {"xaxis", "yaxis"} | {k for k in layout if _AXIS.fullmatch(k)}
    for axis in sorted(axes):
        _branch(layout, (axis, "tickfont"))["color"] = colour
        _branch(layout, (axis, "title", "font"))["color"] = colour
    for ann in layout.get("annotations", ()):
        font = ann.setdefault("font", {})
        if font.get("color") is None:
            font["color"] = colour
    for trace in data.get("data", ()):
        kind = trace.get("type")
        if kind in ("bar", "scatter"):
            font = trace.setdefault("textfont", {})
            if font.get("color") is None:
                font["color"] = colour
        if kind == "scatter":  # a series drawn in black is drawn in the text colour (black vanished on dark)
            for part in ("line", "marker"):
                if isinstance(trace.get(part), dict) and str(trace[part].get("color")).upper() == BLACK.upper():
                    trace[part]["color"] = colour
    return go.Figure(data, _validate=False)


_AXIS = re.compile(r"[xy]axis\d*")


def _branch(tree: dict, path: str | tuple[str, ...]) -> dict:
    """The dictionary at ``path`` in ``tree``, made empty where it is missing."""
    for key in (path,) if isinstance(path, str) else path:
        tree = tree.setdefault(key, {})
    return tree


LABEL_SHARE = 0.55  # the most of a figure's width its category labels may take when they are put on fewer lines
MIN_PLOT_PX = "min_plot_px"  # meta: the plotting height a slide figure's category labels need


def _fit_row_labels(fig: go.Figure, font_px: float, plot_px: float, width_px: float) -> None:
    """A horizontal chart's category labels on no more lines than its rows hold (``plot_px`` high): each
    label's parts (``meta["label_parts"]``, else its words) packed on wider lines, the left margin growing
    with them, up to ``LABEL_SHARE`` of ``width_px``. Four-line labels printed over each other on a slide
    and in the PDF brief.

    Where the rows are too low even then, the labels go on as few lines as leave the plot its room (with no
    ``width_px``, as they are). ``meta[MIN_PLOT_PX]`` says the plotting height the rows need for their
    labels and, in a matrix, for the text in their cells: a caller that can make the chart taller does
    (``slide_height``)."""
    axis = fig.layout.yaxis
    cats = [str(c) for c in (axis.categoryarray or [])]
    cells = [t for t in fig.data if t.type == "heatmap" and t.text is not None]
    rows = len(cats) or max((len(t.text) for t in cells), default=0)
    if not rows:
        return
    line_px = font_px * LINE_SPACING
    fits = max(1, int(plot_px / rows / line_px))
    shown = axis.showticklabels is not False
    lines = max((c.count("<br>") + 1 for c in cats), default=1) if shown else 1
    meta = dict(fig.layout.meta) if isinstance(fig.layout.meta, dict) else {}
    if shown and cats and lines > fits:
        lines = _pack_row_labels(fig, cats, meta, font_px, fits, width_px)
    in_cells = max((str(x).count("<br>") + 1 for t in cells for row in t.text for x in row), default=1)
    meta[MIN_PLOT_PX] = int(rows * max(lines, in_cells) * line_px) + 1
    fig.update_layout(meta=meta)


def _pack_row_labels(fig: go.Figure, cats: list[str], meta: dict, font_px: float, fits: int, width_px: float) -> int:
    """``_fit_row_labels``' packing: the labels on the fewest lines, down to ``fits``, that leave the plot its
    room; -> the lines the labels take now."""
    lines = max(c.count("<br>") + 1 for c in cats)
    parts = [(meta.get(LABEL_PARTS) or {}).get(c) or [unwrap(c)] for c in cats]
    width = max(len(w) for label in parts for part in label for w in part.split())
    widest = max(len(" · ".join(x)) for x in parts)
    best: tuple[list[str], int] | None = None  # the labels on the fewest lines that leave the plot room
    while True:
        labels = [pack_parts(label, width) for label in parts]
        margin = int(max(len(line) for x in labels for line in x.split("<br>")) * font_px * CHAR_EM) + 24
        if margin > LABEL_SHARE * width_px:  # wider lines would leave the plot less room than this
            break
        best = labels, margin
        if max(x.count("<br>") + 1 for x in labels) <= fits or width >= widest:
            break
        width += 1
    if best is not None and max(x.count("<br>") + 1 for x in best[0]) < lines:
        labels, margin = best
        fig.update_yaxes(tickmode="array", tickvals=cats, ticktext=labels)
        fig.update_layout(margin={"l": margin})
        lines = max(x.count("<br>") + 1 for x in labels)
    return lines


def slide_height(fig: go.Figure, font_px: float, height_px: int) -> int:
    """The height to draw a slide figure (made at ``font_px``) at, ``height_px`` or more: taller where its rows
    need more plotting height (``meta[MIN_PLOT_PX]``) than is left under its margins and x-axis labels."""
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    need = meta.get(MIN_PLOT_PX)
    if not need:
        return height_px
    lay = fig.layout
    labels = _x_labels_px(fig, font_px)
    top, bottom = (labels, 0.0) if lay.xaxis.side == "top" else (0.0, labels)
    chrome = max(lay.margin.t or 0, top) + max(lay.margin.b or 0, bottom) + 8
    return max(height_px, int(need + chrome))


def _x_labels_px(fig: go.Figure, font_px: float) -> float:
    """About how tall the x axis's labels and title are drawn: words that do not fit their column are turned
    by plotly (30 degrees), so long ones are counted turned."""
    axis = fig.layout.xaxis
    if axis.visible is False:
        return 0
    line_px = font_px * LINE_SPACING
    title = (str(axis.title.text).count("<br>") + 1) * line_px if axis.title.text else 0
    labels = [str(x) for x in (axis.ticktext or axis.categoryarray or ())]
    labels = labels or [v for t in fig.data for v in (t.x if t.x is not None else ()) if isinstance(v, str)]
    if axis.showticklabels is False or not labels:
        return title + (0 if axis.showticklabels is False else line_px)
    lines = max(len(drawn_lines(x)) for x in labels)
    longest = max(len(line) for x in labels for line in drawn_lines(x))
    turned = longest * font_px * CHAR_EM * 0.5 + lines * line_px * 0.87
    return title + max(lines * line_px, turned if len(labels) > 1 else 0)


def slide_plot_px(font_px: float) -> float:
    """The plotting height a slide figure made at ``font_px`` is laid out for: a 1920x1080 slide's at 24 px,
    and in proportion (the presenter's view draws the slide at 14 px in a box about 420 px high)."""
    return SLIDE_PLOT_PX * font_px / SLIDE_FONT_PX


# --------------------------------------------------------------------------
# Slides
# --------------------------------------------------------------------------

# Projected slides: black on white whatever the reader's theme (21:1), text at least 24 px on a
# 1920-pixel-wide slide. The figure is sized by its container (the page's style sheet gives the chart
# what is left of the screen under the title), so no height is set here.
SLIDE_TEXT = "#000000"
SLIDE_BACKGROUND = "#ffffff"
SLIDE_FONT_PX = 24
SLIDE_PLOT_PX = 560  # the plotting height a 1920x1080 slide leaves a chart (a handout page is a smaller slide)
SLIDE_WIDTH_PX = 1824  # and its width (the slide's side padding is 2.5% each side)


def _pale(trace) -> bool:
    """True when text inside this trace's marks sits on white or a pale fill (or there are no marks)."""
    if getattr(trace, "textposition", None) not in ("inside", "auto"):
        return True
    marker = getattr(trace, "marker", None)
    colour = getattr(marker, "color", None) if marker is not None else None
    if not isinstance(colour, str):
        return False
    found = re.findall(r"[\d.]+", colour) if colour.startswith("rgb") else None
    if found:
        r, g, b = (float(x) for x in found[:3])
        alpha = float(found[3]) if len(found) > 3 else 1.0
    elif re.fullmatch(r"#[0-9a-fA-F]{6}", colour):
        r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
        alpha = 1.0
    else:
        return False
    # Over white: 255 where the fill is transparent.
    r, g, b = (alpha * c + (1 - alpha) * 255 for c in (r, g, b))
    return 0.299 * r + 0.587 * g + 0.114 * b >= 160


def _too_faint(colour: str) -> bool:
    """Under 7:1 against the white slide, and not white text meant for a dark bar."""
    lum = luminance(colour)
    if lum is None or lum > 0.8:
        return False
    return 1.05 / (lum + 0.05) < 7


_INLINE_SIZE = re.compile(r"font-size:\s*(\d+(?:\.\d+)?)px")


def _inline_sizes_at_least(fig: go.Figure, font_px: int) -> None:
    """Text set in a span of its own size (a grade's "4th of 8", a challenge's "Chance of working for
    near-AGI", 14 px on the pages) at least ``font_px``: in the traces' texts and categories, the axes' and
    the notes' texts, so that a category stays the same string everywhere."""

    def sized(value) -> bool:
        if isinstance(value, str):
            return "font-size" in value
        return isinstance(value, list | tuple) and any(sized(v) for v in value)

    def grow(value):
        if isinstance(value, str):
            return _INLINE_SIZE.sub(lambda m: f"font-size:{max(float(m.group(1)), font_px):g}px", value)
        return [grow(v) for v in value] if isinstance(value, list | tuple) else value

    for trace in fig.data:
        for key in ("text", "x", "y"):
            if key in trace and sized(trace[key]):
                trace[key] = grow(trace[key])
    for name in [k for k in fig.layout if k.startswith(("xaxis", "yaxis"))]:
        axis = fig.layout[name]
        for key in ("categoryarray", "tickvals", "ticktext"):
            if sized(axis[key]):
                axis[key] = grow(axis[key])
    for ann in fig.layout.annotations:
        if sized(ann.text):
            ann.text = grow(ann.text)


def slide_figure(fig: go.Figure, *, font_px: int = SLIDE_FONT_PX, width_px: int | None = None) -> go.Figure:
    """A copy of ``fig`` for a projector: no title, no fixed size, every text at least ``font_px`` in black.
    ``width_px``: the width it will be drawn at, when known (a 1920-pixel slide, a handout page): category labels
    that need more lines than their rows hold are put on fewer, wider lines if that leaves the plot room."""
    out = go.Figure(fig)
    legend_font = out.layout.legend.font.size or 15  # the pages' legend text, before it grows
    # Margins sized for the pages' 16 px labels grow with the text.
    grow = font_px / 16
    old = out.layout.margin
    sides = {k: int(getattr(old, k) * grow) for k in ("l", "r") if getattr(old, k) is not None}
    out.update_layout(margin=sides)
    out.update_layout(
        title=None,
        height=None,
        width=None,
        autosize=True,
        font={"size": font_px, "color": SLIDE_TEXT},
        paper_bgcolor=SLIDE_BACKGROUND,
        plot_bgcolor=SLIDE_BACKGROUND,
        legend={"font": {"size": font_px, "color": SLIDE_TEXT}, "title": {"font": {"size": font_px}}},
        hoverlabel={"font": {"size": font_px}},
        # The figure's own room below the plot (a legend, notes under the axis) grows with the text; the
        # crux slides' end notes were cut when it was reset to one line.
        margin={
            "t": max(int(font_px * 1.2), 10),
            "b": max(int(font_px * 1.2), 10, int((old.b or 0) * grow)),
        },
    )
    text = {"size": font_px, "color": SLIDE_TEXT}
    out.update_xaxes(tickfont=text, title_font=text, automargin=True)
    out.update_yaxes(tickfont=text, title_font=text, automargin=True)
    out.update_polars(radialaxis_tickfont=text, angularaxis_tickfont=text)
    legend = out.layout.legend
    if legend.entrywidthmode == "pixels" and legend.entrywidth:
        # Entry widths were measured for the pages' legend text: grow them with it.
        out.update_layout(legend={"entrywidth": int(legend.entrywidth * font_px / legend_font) + 1})
    for trace in out.data:
        # Text without a colour of its own: plotly draws it grey over pale bars; black on the slide
        # (on a dark bar plotly's own white stays).
        if "textfont" in trace and trace.textfont.color is None and _pale(trace):
            trace.textfont.color = SLIDE_TEXT
            if "insidetextfont" in trace and trace.insidetextfont.color is None:
                trace.insidetextfont.color = SLIDE_TEXT
    for trace in out.data:
        # Text in a series' colour (a label beside its bar) is under 7:1 on white: black on the slide.
        if "textfont" in trace and isinstance(trace.textfont.color, str) and _too_faint(trace.textfont.color):
            trace.textfont.color = SLIDE_TEXT
    for trace in out.data:
        if "textfont" in trace:
            size = trace.textfont.size
            trace.textfont.size = [max(s or 0, font_px) for s in size] if isinstance(size, list | tuple) else font_px
        if "insidetextfont" in trace:
            trace.insidetextfont.size = font_px
        if "outsidetextfont" in trace:
            trace.outsidetextfont.size = font_px
        if trace.type == "sankey":
            trace.textfont = {"size": font_px, "color": SLIDE_TEXT}
    annotations = []
    headings = 0  # lines of text above the plot (a diagram's column headings)
    for a in out.layout.annotations:
        size = a.font.size if a.font and a.font.size else 0
        if a.width:  # a box label of fixed width: it grows with its text instead of being cut
            a.width = int(a.width * max(font_px, size) / max(size or 14, 1)) + 8  # the text never shrinks
        if a.yref == "paper" and (a.y or 0) >= 1 and a.text:
            headings = max(headings, a.text.count("<br>") + 1)
        colour = a.font.color if a.font and a.font.color else None
        faint = colour is None or _too_faint(str(colour))
        annotations.append(a.update(font={"size": max(size, font_px), "color": SLIDE_TEXT if faint else colour}))
    out.layout.annotations = annotations
    if headings:
        out.update_layout(margin={"t": int(font_px * 1.4 * headings) + 16})
    _inline_sizes_at_least(out, font_px)
    fit_arrows(out)  # the boxes grew with their type
    # Without a width the labels stay as they are (the presenter's view: a taller chart reads better than a
    # narrower plot), and the figure still says the height they need.
    _fit_row_labels(out, font_px, slide_plot_px(font_px), width_px or 0)
    if out.layout.coloraxis and out.layout.coloraxis.colorbar:
        out.update_coloraxes(colorbar_tickfont=text)
    for trace in out.data:
        if "colorbar" in trace and trace.showscale is not False:
            trace.colorbar.tickfont = text
    return out


# --------------------------------------------------------------------------
# Images and print
# --------------------------------------------------------------------------


def export_figure(fig: go.Figure, *, width: int = EXPORT_WIDTH, height: int = EXPORT_HEIGHT) -> go.Figure:
    """A copy of ``fig`` laid out for a slide-size image: fixed size, white background, dark text."""
    out = go.Figure(fig)
    out.update_layout(
        width=width,
        height=height,
        paper_bgcolor=PAPER,
        plot_bgcolor=PAPER,
        font_color=PRINT_TEXT,
        font_family=FONT_FAMILY,
    )
    return out


def print_figure(fig: go.Figure, *, max_height: int | None = None) -> go.Figure:
    """A copy of ``fig`` for the printed page: white background, dark text, its own height (at most
    ``max_height``) and the page's width."""
    out = untitled(go.Figure(fig))
    height = out.layout.height or (max_height or PRINT_HEIGHT)
    out.update_layout(
        paper_bgcolor=PAPER,
        plot_bgcolor=PAPER,
        font_color=PRINT_TEXT,
        height=min(height, max_height) if max_height else height,
        width=None,
    )
    lay = out.layout
    plot_px = lay.height - (lay.margin.t or 0) - (lay.margin.b or 0)
    _fit_row_labels(out, lay.yaxis.tickfont.size or TICK_SIZE, plot_px, PRINT_WIDTH)
    return out

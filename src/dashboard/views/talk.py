"""Talks: the slides of presentation mode (pure: no streamlit).

A talk (``data/talk.yaml``, ``models.Talk``) is a list of slides. A chart slide names
a page, optionally one of its charts (``view``) and the link parameters to show it
with; a title or text slide carries its own words. ``talk_problems`` checks a talk
against a pack: every page and view exists, every parameter value is one the
view accepts, and what a slide's title, subtitle and note say of an index, an
edition, "as published" or a year is what its chart shows (``slide_claim_issues``).
A chart slide without a subtitle shows its chart's takeaway. ``default_talk`` makes one chart slide per catalogue view for a pack
without a talk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import plotly.graph_objects as go

from dashboard.pack import models as m
from dashboard.pack.dataset import Dataset
from dashboard.views.catalogue import PAGE_TITLES, VIEWS, ChartView, allowed_values, build_view, page_views
from dashboard.views.links import as_list


def default_talk(ds: Dataset) -> m.Talk:
    """A talk of one slide per chart, for a pack without talk.yaml."""
    slides = [
        m.Slide(
            id=f"{spec.page}-{spec.view}",
            title=spec.label,
            page=spec.page,
            view=spec.view,
            note=f"The {spec.label.lower()} chart of the {PAGE_TITLES[spec.page]} page.",
        )
        for spec in VIEWS.values()
    ]
    if not slides:
        slides = [m.Slide(id="overview", title=ds.meta.title, page="overview", note=ds.meta.description)]
    return m.Talk(title=ds.meta.title, slides=slides[:50])


def talk_of(ds: Dataset) -> m.Talk:
    return ds.talk if ds.talk is not None else default_talk(ds)


@dataclass(frozen=True)
class TalkIssue:
    """A slide that would not show what it says. ``loc`` is the path in talk.yaml: ("slides", 2, "params", "tech")."""

    slide: int  # 0-based
    slide_id: str
    loc: tuple[str | int, ...]
    message: str

    def __str__(self) -> str:
        return f"slide {self.slide + 1} ({self.slide_id}): {self.message}"


def talk_issues(ds: Dataset, talk: m.Talk) -> list[TalkIssue]:
    """Every slide that would not show what it says: duplicate id, unknown view, unknown parameter or value."""
    issues = []
    seen: set[str] = set()
    for i, slide in enumerate(talk.slides):

        def issue(*loc: str, message: str, i: int = i, slide: m.Slide = slide) -> None:
            issues.append(TalkIssue(i, slide.id, ("slides", i, *loc), message))

        if slide.id in seen:
            issue("id", message="duplicate slide id")
        seen.add(slide.id)
        if slide.kind != "chart":
            continue
        if slide.view is not None and (slide.page, slide.view) not in VIEWS:
            known = ", ".join(s.view for s in page_views(slide.page)) or "none"
            issue("view", message=f"the {slide.page} page has no chart {slide.view!r} (charts: {known})")
            continue
        allowed = allowed_values(ds, slide.page, slide.view)
        for key, raw in slide.params.items():
            if key not in allowed:
                issue("params", key, message=f"unknown parameter {key!r}")
                continue
            valid = allowed[key]
            for v in as_list(raw):
                if valid is not None and v not in valid:
                    issue("params", key, message=f"{key}={v!r} is not a value of this view")
        view = slide_view(ds, slide)
        if view is not None:
            for field, message in slide_claim_issues(ds, slide, view):
                issue(field, message=message)
    return issues


# --------------------------------------------------------------------------
# A slide's words against its chart
# --------------------------------------------------------------------------

_YEAR = re.compile(r"\b(19\d{2}|20\d{2})\b")
_AS_PUBLISHED = re.compile(r"\bas (?:the index )?published\b", re.IGNORECASE)
_EDITION = re.compile(r"\b(Spring|Summer|Autumn|Fall|Winter) (\d{4})\b")


def slide_subtitle(ds: Dataset, slide: m.Slide) -> str | None:
    """The line under a slide's title: its own subtitle, else (a chart slide) the chart's takeaway, so that
    the facts on the slide come from the chart itself."""
    if slide.subtitle or slide.kind != "chart":
        return slide.subtitle
    view = slide_view(ds, slide)
    return view.takeaway if view is not None else None


def shown_indices(ds: Dataset, view: ChartView) -> list[m.GradeIndex]:
    """The grade indices (editions or a page's summary) whose figures the chart shows."""
    wanted = set(getattr(view, "indices", ()) or ())
    return [i for i in ds.grades_meta.indices if i.id in wanted]


def index_names(index: m.GradeIndex) -> set[str]:
    """Names a slide may call an index by: its name, and a leading acronym-like word ('FLI', 'SaferAI')."""
    names = {index.name}
    first = index.name.split()[0]
    if sum(ch.isupper() for ch in first) >= 2:
        names.add(first)
    return names


def view_text(ds: Dataset, view: ChartView) -> str:
    """Everything the chart says of itself: takeaway, text alternative, notes, table cells, and the titles
    and years of its sources."""
    parts = [view.takeaway, view.alt, *view.notes]
    parts += [str(v) for v in view.table.astype(str).to_numpy().ravel()]
    parts += [str(c) for c in view.table.columns]
    for rid in view.references:
        ref = ds.reference_by_id.get(rid)
        if ref is not None:
            parts += [ref.title, str(ref.year or "")]
    for index in shown_indices(ds, view):
        parts += [index.name, index.edition, index.published or "", index.description]
    return "\n".join(parts)


def slide_claim_issues(ds: Dataset, slide: m.Slide, view: ChartView) -> list[tuple[str, str]]:
    """(field, message) for each fact the slide's title, subtitle or note states that its chart does not show:
    "as published" over a page's summary, an index or edition the chart does not show, a year that neither
    the chart nor its sources give, and a chart of a page's summary whose subtitle does not say so."""
    found: list[tuple[str, str]] = []
    shows = shown_indices(ds, view)
    summaries = [i for i in shows if i.summary_of is not None]
    editions = {f"{i.edition.split('(')[0].strip()}" for i in shows}
    names_shown = {n for i in shows for n in (*index_names(i), i.name, i.publisher)}
    text = view_text(ds, view)
    all_names = {n: i for i in ds.grades_meta.indices if i.summary_of is None for n in index_names(i)}
    for field in ("title", "subtitle", "note"):
        words = getattr(slide, field) or ""
        if not words:
            continue
        if _AS_PUBLISHED.search(words) and (summaries or not shows):
            what = ", ".join(i.name for i in summaries) or "no published index"
            found.append((field, f"says 'as published' but the chart shows {what}"))
        for name in sorted(all_names):
            if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", words) and not any(name in n for n in names_shown):
                found.append((field, f"names {name!r} but the chart does not show that index"))
        for season, year in _EDITION.findall(words):
            edition = f"{season} {year}"
            if shows and not any(edition in i.edition for i in shows):
                found.append((field, f"names the {edition} edition but the chart shows {', '.join(sorted(editions))}"))
        for year in sorted(set(_YEAR.findall(words))):
            if year not in text:
                found.append((field, f"gives the year {year}, which neither the chart nor its sources give"))
    if summaries and len(summaries) == len(shows):
        subtitle = slide_subtitle(ds, slide) or ""
        if "summary" not in subtitle.lower():
            found.append(("subtitle", "the chart shows a page's summary of an index: the subtitle must say so"))
    return found


def talk_problems(ds: Dataset, talk: m.Talk) -> list[str]:
    """``talk_issues`` as lines: "slide 3 (risks): tech='gone' is not a value of this view"."""
    return [str(x) for x in talk_issues(ds, talk)]


def slide_index(raw: str | None, n: int) -> int:
    """The 0-based slide from a 1-based ``?slide=`` value; out of range or not a number -> nearest valid."""
    if n <= 0:
        return 0
    try:
        i = int(str(raw).strip()) - 1
    except (TypeError, ValueError):
        return 0
    return min(max(i, 0), n - 1)


def slide_label(index: int, n: int) -> str:
    """'3 / 10' for the third of ten slides."""
    return f"{index + 1} / {n}"


def next_index(index: int, n: int) -> int:
    return min(index + 1, n - 1)


def previous_index(index: int) -> int:
    return max(index - 1, 0)


def slide_params(slide: m.Slide) -> dict[str, list[str]]:
    return {k: as_list(v) for k, v in slide.params.items()}


def slide_view(ds: Dataset, slide: m.Slide) -> ChartView | None:
    """The chart of a chart slide with its parameters; None for title and text slides or nothing to show."""
    if slide.kind != "chart":
        return None
    return build_view(ds, slide.page, slide.view, slide_params(slide))


# Projected slides: black on white whatever the reader's theme (21:1), text at least 24 px on a
# 1920-pixel-wide slide. The figure is sized by its container (the page's style sheet gives the chart
# what is left of the screen under the title), so no height is set here.
SLIDE_TEXT = "#000000"
SLIDE_BACKGROUND = "#ffffff"
SLIDE_FONT_PX = 24


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


def _luminance(colour: str) -> float | None:
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


def _too_faint(colour: str) -> bool:
    """Under 7:1 against the white slide, and not white text meant for a dark bar."""
    lum = _luminance(colour)
    if lum is None or lum > 0.8:
        return False
    return 1.05 / (lum + 0.05) < 7


def slide_figure(fig: go.Figure, *, font_px: int = SLIDE_FONT_PX) -> go.Figure:
    """A copy of ``fig`` for a projector: no title, no fixed size, every text at least ``font_px`` in black."""
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
        margin={"t": max(int(font_px * 1.2), 10), "b": max(int(font_px * 1.2), 10)},
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
            a.width = int(a.width * font_px / max(size or 14, 1)) + 8
        if a.yref == "paper" and (a.y or 0) >= 1 and a.text:
            headings = max(headings, a.text.count("<br>") + 1)
        colour = a.font.color if a.font and a.font.color else None
        faint = colour is None or _too_faint(str(colour))
        annotations.append(a.update(font={"size": max(size, font_px), "color": SLIDE_TEXT if faint else colour}))
    out.layout.annotations = annotations
    if headings:
        out.update_layout(margin={"t": int(font_px * 1.4 * headings) + 16})
    if out.layout.coloraxis and out.layout.coloraxis.colorbar:
        out.update_coloraxes(colorbar_tickfont=text)
    for trace in out.data:
        if "colorbar" in trace and trace.showscale is not False:
            trace.colorbar.tickfont = text
    return out

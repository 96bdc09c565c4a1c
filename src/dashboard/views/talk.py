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

from dashboard.analysis.beliefs import position_label
from dashboard.pack import models as m
from dashboard.pack.dataset import Dataset
from dashboard.views.catalogue import PAGE_TITLES, VIEWS, ChartView, allowed_values, page_views
from dashboard.views.entry import slide_entry
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
        if slide.poll is not None:
            crux = next((c for c in ds.cruxes if c.id == slide.poll.crux), None)
            if crux is None:
                issue("poll", "crux", message=f"no crux {slide.poll.crux!r} in this pack")
            elif not (crux.credence_question and crux.low_position and crux.high_position):
                issue("poll", "crux", message=f"the crux {crux.id!r} has no credence question with two positions")
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
        view = slide_entry(ds, slide)
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
    view = slide_entry(ds, slide)
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


# --------------------------------------------------------------------------
# Live polls on crux slides
# --------------------------------------------------------------------------


def poll_crux(ds: Dataset, slide: m.Slide) -> m.Crux | None:
    """The crux a poll slide asks about (None: not a poll slide, or the crux is not in this pack)."""
    if slide.poll is None:
        return None
    crux = next((c for c in ds.cruxes if c.id == slide.poll.crux), None)
    if crux is None or not (crux.credence_question and crux.low_position and crux.high_position):
        return None
    return crux


def poll_slide(ds: Dataset, talk: m.Talk, poll_id: str) -> tuple[int, m.Slide, m.Crux] | None:
    """(0-based index, slide, crux) of the talk's poll named ``poll_id`` (a slide's id), else None."""
    for i, slide in enumerate(talk.slides):
        if slide.id == poll_id and (crux := poll_crux(ds, slide)) is not None:
            return i, slide, crux
    return None


def poll_about(ds: Dataset, talk: m.Talk, index: int, crux: m.Crux) -> dict[str, str | int]:
    """What a poll asks, kept with its answers in the talk store: enough for the results without the pack."""
    return {
        "talk_title": talk.title,
        "slide": index + 1,
        "slide_id": talk.slides[index].id,
        "crux": crux.id,
        "crux_title": crux.title,
        "question": crux.credence_question or crux.question,
        "low": position_label(crux, "low"),
        "high": position_label(crux, "high"),
        "pack": f"{ds.meta.title} {ds.meta.version}",
    }

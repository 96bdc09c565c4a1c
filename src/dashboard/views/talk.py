"""Talks: the slides of presentation mode (pure: no streamlit).

A talk (``data/talk.yaml``, ``models.Talk``) is a list of slides. A chart slide names
a page, optionally one of its charts (``view``) and the link parameters to show it
with; a title or text slide carries its own words. ``talk_problems`` checks a talk
against a pack: every page and view exists and every parameter value is one the
view accepts. ``default_talk`` makes one chart slide per catalogue view for a pack
without a talk.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.pack import models as m
from dashboard.pack.dataset import Dataset
from dashboard.views.catalogue import PAGE_TITLES, VIEWS, allowed_values, page_views
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
    return issues


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

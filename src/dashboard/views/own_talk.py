"""A presenter's own talk, made in the dashboard (pure: no streamlit, no store).

The talk is the pack's talk model (``models.Talk``, the schema of talk.yaml), so its words follow the
same rules as a pack's (plain text, sizes) and the same validator checks it against the pack
(``views.talk.talk_issues``). It is kept and shared as talk.yaml text.

- ``chart_slide(item, talk)``: a chart as the reader sees it now (its page, view and parameters), with
  its takeaway as the title, what it measures and the filter as the subtitle, its sources as the note.
- ``text_slide(talk, title, points, note)``: a slide of words.
- ``added``, ``moved``, ``removed``, ``edited``, ``retitled``: a new talk with that change; a change the
  rules refuse raises ``TalkRefused`` saying why, in the reader's words.
- ``to_yaml(talk)`` / ``from_yaml(ds, raw)``: talk.yaml text a pack can ship, and back (with every
  problem the validator finds, as lines).
- ``stored_talk(text)``: the talk of talk.yaml text the store keeps (checked when it was saved).
- ``with_talk(ds, talk)``: the pack showing this talk, so that every output of presentation mode (slides,
  presenter view, audience page, handout, report) shows it; made once per (pack, talk).
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import threading
from collections import OrderedDict
from typing import Any

import yaml
from pydantic import ValidationError

from dashboard.pack import models as m
from dashboard.pack.dataset import PACK_FILES_BY_NAME, Dataset
from dashboard.pack.reading import read_file
from dashboard.views.entry import Entry
from dashboard.views.talk import slide_claim_issues, talk_issues

TALK_FILE = PACK_FILES_BY_NAME["talk.yaml"]


def _max_length(model: Any, name: str) -> int:
    for meta in model.model_fields[name].metadata:
        found = getattr(meta, "max_length", None)
        if found is not None:
            return int(found)
    # a field type's constraints (ShortText, Text) sit on its annotation
    for meta in getattr(model.model_fields[name].annotation, "__metadata__", ()):
        found = getattr(meta, "max_length", None)
        if found is not None:
            return int(found)
    raise LookupError(name)


MAX_SLIDES = _max_length(m.Talk, "slides")  # the talk.yaml rules: 50 slides
MAX_WORDS = 300  # ShortText: a title, a subtitle, a point
MAX_NOTE = 4000  # Text: a speaker note
NOTE_SOURCES = 3  # a prefilled note names the chart's first sources; the slide's foot lists them all
MAX_TALK_BYTES = 400_000  # an uploaded talk.yaml
FILE_NAME = "talk.yaml"


class TalkRefused(ValueError):
    """A change the talk's rules refuse; the message says why, for the presenter."""


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _unique_id(talk: m.Talk | None, base: str) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", base.lower()).strip("-")[:60] or "slide"
    taken = {s.id for s in talk.slides} if talk is not None else set()
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def _refused(err: ValidationError) -> TalkRefused:
    lines = []
    for e in err.errors():
        where = ".".join(str(p) for p in e.get("loc", ()) if p != "slides")
        message = str(e.get("msg", "")).removeprefix("Value error, ")
        message = "cannot be empty" if e.get("type") == "missing" else message
        lines.append(f"{where}: {message}" if where else message)
    return TalkRefused("; ".join(lines))


def _talk(title: str, slides: list[m.Slide]) -> m.Talk:
    if len(slides) > MAX_SLIDES:
        raise TalkRefused(f"A talk has at most {MAX_SLIDES} slides: remove one first.")
    try:
        return m.Talk.model_validate({"title": title, "slides": [s.model_dump(exclude_unset=True) for s in slides]})
    except ValidationError as err:
        raise _refused(err) from err


def _slide(fields: dict[str, Any]) -> m.Slide:
    try:
        kept = {
            k: v for k, v in fields.items() if v not in (None, [], {}) and not (isinstance(v, str) and not v.strip())
        }
        return m.Slide.model_validate(kept)
    except ValidationError as err:
        raise _refused(err) from err


def _sources_note(ds: Dataset, item: Entry) -> str:
    """The chart's sources by title and year, as the speaker would name them."""
    named = []
    for rid in item.references:
        ref = ds.reference_by_id.get(rid)
        if ref is not None:
            named.append(f"{ref.title} ({ref.year})" if ref.year else ref.title)
    if not named:
        return item.takeaway
    more = f"; and {len(named) - NOTE_SOURCES} more" if len(named) > NOTE_SOURCES else ""
    return "Sources: " + "; ".join(named[:NOTE_SOURCES]) + more + "."


def chart_slide(ds: Dataset, item: Entry, talk: m.Talk | None = None) -> m.Slide:
    """The chart as it is drawn now (page, view, parameters), its words from the chart itself: the takeaway
    as the title, what it measures and the filter as the subtitle, its sources as the note. Words the
    validator would find the chart does not show are left out (``views.talk.slide_claim_issues``)."""
    subtitle = " ".join(p for p in (item.subtitle + ".", item.filter_note) if p.strip(". "))
    fields: dict[str, Any] = {
        "id": _unique_id(talk, item.spec.view),
        "kind": "chart",
        "title": _clip(item.takeaway, MAX_WORDS),
        "subtitle": _clip(subtitle, MAX_WORDS),
        "page": item.page,
        "view": item.spec.view,
        "params": {k: (v[0] if len(v) == 1 else list(v)) for k, v in item.params.items() if v},
        "note": _clip(_sources_note(ds, item), MAX_NOTE),
    }
    slide = _slide(fields)
    flagged = {field for field, _ in slide_claim_issues(ds, slide, item)}
    if "subtitle" in flagged:
        fields["subtitle"] = _clip(f"{item.subtitle}: a page's summary of the index. {item.filter_note}", MAX_WORDS)
    if "note" in flagged:
        fields["note"] = _clip(item.takeaway, MAX_NOTE)
    return _slide(fields) if flagged else slide


def text_slide(talk: m.Talk | None, title: str, points: list[str], note: str) -> m.Slide:
    points = [p.strip() for p in points if p.strip()]
    kind = "text" if points else "title"
    return _slide({"id": _unique_id(talk, title or "text"), "kind": kind, "title": title, "points": points,
                   "note": note or title})  # fmt: skip


def added(talk: m.Talk | None, slide: m.Slide, *, title: str) -> m.Talk:
    if talk is None:
        return _talk(title, [slide])
    return _talk(talk.title, [*talk.slides, slide])


def moved(talk: m.Talk, index: int, by: int) -> m.Talk:
    slides = list(talk.slides)
    to = min(max(index + by, 0), len(slides) - 1)
    slides.insert(to, slides.pop(index))
    return _talk(talk.title, slides)


def removed(talk: m.Talk, index: int) -> m.Talk:
    if len(talk.slides) <= 1:
        raise TalkRefused("A talk keeps at least one slide: forget the talk to start again.")
    return _talk(talk.title, [s for i, s in enumerate(talk.slides) if i != index])


def edited(
    talk: m.Talk, index: int, *, title: str, subtitle: str, note: str, points: list[str] | None = None
) -> m.Talk:
    """The slide with new words (an empty subtitle: a chart slide shows its chart's takeaway)."""
    old = talk.slides[index]
    fields = old.model_dump(exclude_unset=True)
    fields.update(title=title, subtitle=subtitle.strip() or None, note=note)
    if points is not None and old.kind == "text":
        fields["points"] = [p.strip() for p in points if p.strip()]
    slide = _slide(fields)
    return _talk(talk.title, [slide if i == index else s for i, s in enumerate(talk.slides)])


def retitled(talk: m.Talk, title: str) -> m.Talk:
    return _talk(title, list(talk.slides))


# --------------------------------------------------------------------------
# talk.yaml
# --------------------------------------------------------------------------

_ORDER = ("id", "kind", "title", "subtitle", "page", "view", "params", "points", "note")


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:  # a pack's YAML has no anchors or aliases
        return True


def to_yaml(talk: m.Talk) -> str:
    """talk.yaml text: what the validator accepts and a pack can ship."""
    slides = []
    for s in talk.slides:
        d = s.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
        if s.kind == "chart":
            d["page"] = s.page  # a chart slide names its page, even the default one
        d.setdefault("kind", s.kind)
        slides.append({k: d[k] for k in _ORDER if k in d})
    return yaml.dump({"title": talk.title, "slides": slides}, Dumper=_Dumper, sort_keys=False,
                     allow_unicode=True, width=100)  # fmt: skip


def from_yaml(ds: Dataset, raw: bytes) -> tuple[m.Talk | None, list[str]]:
    """(the talk, []) when talk.yaml text validates against this pack, else (None, every problem)."""
    if len(raw) > MAX_TALK_BYTES:
        return None, [f"{FILE_NAME}: the file is {len(raw):,} bytes; a talk is at most {MAX_TALK_BYTES:,}."]
    talk, _, problems = read_file(TALK_FILE, raw)
    if problems or talk is None:
        return None, [str(p) for p in problems] or [f"{FILE_NAME}: not a talk"]
    issues = talk_issues(ds, talk)
    if issues:
        return None, [f"{FILE_NAME}: {i}" for i in issues]
    return talk, []


_parsed: dict[str, m.Talk] = {}
_parsed_lock = threading.Lock()


def stored_talk(content: str) -> m.Talk | None:
    """The talk in talk.yaml text kept by the store (validated when it was saved), read once per text."""
    key = hashlib.sha256(content.encode("utf-8")).hexdigest()
    with _parsed_lock:
        found = _parsed.get(key)
    if found is None:
        talk, _, problems = read_file(TALK_FILE, content.encode("utf-8"))
        if problems or talk is None:
            return None
        found = talk
        with _parsed_lock:
            if len(_parsed) > 64:
                _parsed.clear()
            _parsed[key] = found
    return found


def digest(talk: m.Talk) -> str:
    """The name of a talk's slides in the store: a new one for every change."""
    return "own-" + hashlib.sha256(to_yaml(talk).encode("utf-8")).hexdigest()[:16]


# --------------------------------------------------------------------------
# The pack showing a talk
# --------------------------------------------------------------------------

_KEEP = 16
_shown: OrderedDict[tuple[int, str], tuple[Dataset, Dataset]] = OrderedDict()
_shown_lock = threading.Lock()


def with_talk(ds: Dataset, talk: m.Talk) -> Dataset:
    """The pack with ``talk`` as its talk (the same records): made once per (pack, talk), the last few kept."""
    key = (id(ds), digest(talk))
    with _shown_lock:
        found = _shown.get(key)
        if found is not None and found[0] is ds:
            _shown.move_to_end(key)
            return found[1]
    made = dataclasses.replace(ds, talk=talk)
    with _shown_lock:
        _shown[key] = (ds, made)
        while len(_shown) > _KEEP:
            _shown.popitem(last=False)
    return made

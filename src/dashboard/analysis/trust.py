"""How far a figure can be trusted, in words, where the figure is shown.

For a list of references (and optionally the figure's estimate flag) this says
what the Sources page says about them: each source's credibility ("★★★★☆" or
"unrated"), whether it has a link, whether it is second-hand, whether the source
page is overdue for a re-check, and the review state of the data files the
figure comes from (pack.yaml ``files``: last_reviewed and cadence).

Every text builder that names sources (chart captions, hovers, cards, tables,
slides, the report, image footers) takes its words from here, so all of them say
the same thing. ``today`` is a parameter so that the review arithmetic can be
checked with a fixed date; None means the current date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from dashboard.analysis import provenance as prov
from dashboard.analysis.references import primary_first, reference_label, unique
from dashboard.pack import vocab
from dashboard.pack.dataset import PACK_FILES, Dataset

NO_LINK = "no link"
SECOND_HAND = "second-hand"
ESTIMATE = "est."
# Files that hold the references and the pack's own metadata, not the figures: a caption's review
# state speaks of the files the figures come from and falls back to these only when nothing cites.
_META_FILES = ("pack.yaml", "references.yaml", "talk.yaml")


@dataclass(frozen=True)
class SourceTrust:
    """What the pack says about one reference, as a reader needs it next to a figure."""

    ref_id: str
    label: str  # 'Title (2026)'
    stars: str  # '★★★★☆' or 'unrated'
    linked: bool
    secondary: bool
    known: bool  # False for an id that is not in the pack
    recheck: prov.Staleness | None = None  # the source page's own update cadence, where the pack gives one

    @property
    def notes(self) -> list[str]:
        """['unrated', 'no link'], ['★★★★☆'], ['★★★☆☆', 'second-hand'], ['not in the pack']."""
        if not self.known:
            return ["not in the pack"]
        out = [self.stars]
        if not self.linked:
            out.append(NO_LINK)
        if self.secondary:
            out.append(SECOND_HAND)
        if self.recheck is not None and self.recheck.overdue:
            out.append(f"re-check of the source page {self.recheck.label}")
        return out

    @property
    def short(self) -> str:
        """'unrated, no link' or '★★★★☆': the credibility and link notes without the re-check."""
        if not self.known:
            return "not in the pack"
        return ", ".join(n for n in self.notes if not n.startswith("re-check"))


def _today(today: dt.date | None) -> dt.date:
    return today if today is not None else dt.date.today()


def source_trust(ds: Dataset, ref_id: str, today: dt.date | None = None) -> SourceTrust:
    ref = ds.reference_by_id.get(ref_id)
    if ref is None:
        return SourceTrust(ref_id, ref_id, vocab.stars(None), False, False, False)
    recheck = None
    for s in ds.meta.sources:
        if s.reference == ref_id and s.updated and s.cadence_days:
            recheck = prov.staleness(s.updated, s.cadence_days, _today(today))
            break
    return SourceTrust(
        ref_id,
        reference_label(ds, ref_id),
        vocab.stars(ref.credibility),
        ref.url is not None,
        bool(getattr(ref, "secondary", False)),
        True,
        recheck,
    )


def credibility_text(ds: Dataset, ref_ids: Iterable[str]) -> str:
    """A table cell: 'unrated, no link' for one source; 'A: ★★★★☆; B: unrated, no link' for several."""
    ids = unique(ref_ids)
    if not ids:
        return "no source given"
    trusts = [source_trust(ds, r) for r in ids]
    if len(trusts) == 1:
        return trusts[0].short
    return "; ".join(f"{t.label}: {t.short}" for t in trusts)


def hover_sources(ds: Dataset, ref_ids: Iterable[str], *, estimate: bool = False) -> str:
    """A hover line: 'AI-Assisted Alignment (2026) unrated, no link · est.'; sources joined by '; ', the
    figure's primary references first."""
    ids = primary_first(ds, ref_ids)
    body = "; ".join(f"{t.label} {t.short}" for t in (source_trust(ds, r) for r in ids)) if ids else "none given"
    return body + (f" · {ESTIMATE}" if estimate else "")


# --------------------------------------------------------------------------
# Which data files cite a reference, and their review state
# --------------------------------------------------------------------------


def _reference_ids(value: Any) -> Iterable[str]:
    """Every reference id a record names in a ``references``, ``reference`` or ``stated_in`` field, at any depth."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            item = getattr(value, name)
            if name == "references" and isinstance(item, list):
                yield from (r for r in item if isinstance(r, str))
            elif name in ("reference", "stated_in") and isinstance(item, str):
                yield item
            else:
                yield from _reference_ids(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _reference_ids(item)
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _reference_ids(item)


_CITING: dict[int, tuple[Dataset, dict[str, tuple[str, ...]]]] = {}  # id(ds) -> (ds, table): a few packs


def _files_citing(ds: Dataset) -> dict[str, tuple[str, ...]]:
    hit = _CITING.get(id(ds))
    if hit is not None and hit[0] is ds:
        return hit[1]
    out: dict[str, list[str]] = {}
    for pf in PACK_FILES:
        if pf.name in _META_FILES:
            continue
        for rid in set(_reference_ids(getattr(ds, pf.attr, None))):
            out.setdefault(rid, []).append(pf.name)
    table = {rid: tuple(names) for rid, names in out.items()}
    if len(_CITING) >= 4:
        _CITING.pop(next(iter(_CITING)))
    _CITING[id(ds)] = (ds, table)
    return table


def files_citing(ds: Dataset, ref_ids: Iterable[str]) -> list[str]:
    """The data files (pack order) whose records cite any of ``ref_ids``."""
    table = _files_citing(ds)
    wanted = {f for r in ref_ids for f in table.get(r, ())}
    return [pf.name for pf in PACK_FILES if pf.name in wanted]


@dataclass(frozen=True)
class ReviewState:
    files: tuple[str, ...]
    last_reviewed: dt.date | None  # the oldest review of those files
    worst: prov.FileStaleness | None  # the most overdue file, or None when none is overdue

    @property
    def text(self) -> str:
        """'data reviewed 2026-11-28' or 'data overdue for review by 3 days (claims.yaml)'."""
        if self.worst is not None:
            return f"data {self.worst.staleness.label.replace('overdue', 'overdue for review')} ({self.worst.name})"
        if self.last_reviewed is None:
            return "data review date not given"
        return f"data reviewed {self.last_reviewed.isoformat()}"


def review_state(ds: Dataset, files: Iterable[str], today: dt.date | None = None) -> ReviewState:
    names = [f for f in dict.fromkeys(files) if f in ds.meta.files]
    if not names:
        names = [f for f in ds.meta.files if f in _META_FILES[:2]]
    rows = [r for r in prov.file_staleness(ds, _today(today)) if r.name in names]
    overdue = [r for r in rows if r.staleness.overdue]
    last = min((r.staleness.last for r in rows), default=None)
    return ReviewState(tuple(names), last, overdue[0] if overdue else None)


# --------------------------------------------------------------------------
# The caption
# --------------------------------------------------------------------------


def provenance_caption(
    ds: Dataset, ref_ids: Iterable[str], files: Iterable[str] | None = None, today: dt.date | None = None
) -> str:
    """'Sources: AI-Assisted Alignment (2026) — unrated, no link; X (2024) — ★★★★☆. Data reviewed 2026-11-28.'

    Plain text; escape it before Markdown. ``files`` are the data files the figures come from;
    by default the files whose records cite these references. The primary references come first.
    """
    ids = primary_first(ds, ref_ids)
    if not ids:
        return "Sources: none given."
    parts = []
    for r in ids:
        t = source_trust(ds, r, today)
        parts.append(f"{t.label} — {', '.join(t.notes)}")
    state = review_state(ds, files_citing(ds, ids) if files is None else files, today)
    text = state.text
    return "Sources: " + "; ".join(parts) + ". " + text[0].upper() + text[1:] + "."


def reference_caption(ds: Dataset, ref_ids: Iterable[str], today: dt.date | None = None) -> str:
    """The caption naming a view's sources with what the pack says of each: credibility, link,
    re-check of the source page, and the review state of the data files the figures come from.

    'Sources: A (2026) — unrated, no link; B (2024) — ★★★★☆. Data reviewed 2026-11-28.' — plain
    text; escape it before Markdown. The same as ``provenance_caption``.
    """
    return provenance_caption(ds, ref_ids, today=today)


def last_reviewed(ds: Dataset) -> dt.date:
    """When the pack's data was last checked against its sources: its newest file review (else its creation)."""
    reviewed = [f.last_reviewed for f in ds.meta.files.values()]
    return max(reviewed) if reviewed else ds.meta.created

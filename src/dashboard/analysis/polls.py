"""Credences pooled from many people: a talk's live poll on a crux, and readers who share theirs.

- ``distribution(values)``: how many answers, their median and a histogram in ten bins of ten
  points (the last bin holds 90-100), with one answer (a phone's own) placed in its bin.
- ``sides(crux)``: the crux's two ends as a poll shows them: the position's label, its summary in
  the pack's words, and a one-line summary of the evidence the pack gives for it.
- ``pooled(values)``: readers' shared credences on a crux, shown only from ``MIN_POOLED`` readers
  on, so that nobody's single answer can be read back.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from dashboard.pack import models as m

BINS = 10
MIN_POOLED = 3


def bin_of(value: float) -> int:
    return min(int(value // (100 // BINS)), BINS - 1)


def bin_labels() -> list[str]:
    width = 100 // BINS
    return [f"{i * width}-{i * width + width - 1}" if i < BINS - 1 else f"{i * width}-100" for i in range(BINS)]


@dataclass(frozen=True)
class Distribution:
    n: int
    median: float | None
    counts: tuple[int, ...]  # answers per bin
    own: int | None = None  # the phone's own answer
    own_bin: int | None = None

    @property
    def count_label(self) -> str:
        return f"{self.n} answer" if self.n == 1 else f"{self.n} answers"

    @property
    def median_label(self) -> str:
        return "no answers yet" if self.median is None else f"median {format_credence(self.median)}"

    def as_json(self) -> dict:
        return {"n": self.n, "median": self.median, "counts": list(self.counts), "yours": self.own,
                "label": self.count_label, "median_label": self.median_label}  # fmt: skip


def format_credence(value: float) -> str:
    return f"{value:g} %" if value == int(value) else f"{value:.1f} %"


def distribution(values: Sequence[int], own: int | None = None) -> Distribution:
    counts = [0] * BINS
    for v in values:
        counts[bin_of(v)] += 1
    median = float(statistics.median(values)) if values else None
    return Distribution(len(values), median, tuple(counts), own, None if own is None else bin_of(own))


@dataclass(frozen=True)
class Side:
    side: str  # "low" or "high"
    credence: int  # 0 or 100
    label: str
    summary: str
    evidence: str  # one line


def evidence_line(position: m.Position) -> str:
    """One line on the evidence for a position: its first quantified piece (else its first), and how many more."""
    pieces = position.evidence_for
    if not pieces:
        return "The pack cites no evidence for it."
    first = next((e for e in pieces if e.claims), pieces[0])
    more = len(pieces) - 1
    return first.text + (f" (+{more} more)" if more else "")


def sides(crux: m.Crux) -> list[Side]:
    """The low and the high end of the crux's credence scale, as a poll shows them."""
    out = []
    by_id = {p.id: p for p in crux.positions}
    for side, pid, credence in (("low", crux.low_position, 0), ("high", crux.high_position, 100)):
        pos = by_id.get(pid or "")
        if pos is not None:
            out.append(Side(side, credence, pos.label, pos.summary, evidence_line(pos)))
    return out


def poll_question(crux: m.Crux) -> str:
    return crux.credence_question or crux.question


@dataclass(frozen=True)
class Pooled:
    n: int
    median: float | None  # None below MIN_POOLED

    @property
    def shown(self) -> bool:
        return self.median is not None


def pooled(values: Sequence[int]) -> Pooled:
    if len(values) < MIN_POOLED:
        return Pooled(len(values), None)
    return Pooled(len(values), float(statistics.median(values)))

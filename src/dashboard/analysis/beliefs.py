"""The reader's crux credences -> what follows from them.

A credence is a number from 0 to 100 set per AI-assisted crux: 0 means the
reader fully holds the crux's ``low_position``, 100 fully its
``high_position``. This module reads the credences against the texts'
"who should work on this" beliefs and the approaches' ``favoured_when``
links, and places the reader between the evaluation summary's "if alignment
is hard" and "if alignment is easy" scenarios.

The mapping from credences to beliefs and approaches is the dashboard's
reading of the texts, not something the texts state; every result here
carries the credences that drove it so that a page can say so.

Rules (kept deliberately simple so that a reader can check them):

* A credence above ``HIGH_ABOVE`` (60) is on the high side, below
  ``LOW_BELOW`` (40) on the low side; from 40 to 60 is a neutral middle.
* A link (crux, side) *agrees* when the credence is on its side, *opposes*
  when it is on the other side, and is *neutral* otherwise.
* A belief (or an approach) *holds* when at least one of its links agrees and
  none opposes; it is *rejected* when at least one opposes and none agrees;
  *split* when some agree and some oppose; *open* when every link is neutral.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from dashboard.pack import models as m
from dashboard.pack.dataset import Dataset

HIGH_ABOVE = 60
LOW_BELOW = 40
DEFAULT_CREDENCE = 50

Side = Literal["low", "high"]
LinkState = Literal["agrees", "opposes", "neutral"]
Status = Literal["holds", "rejected", "split", "open", "unlinked"]
VerdictKind = Literal["good-fit", "less-relevant", "mixed", "open"]

VERDICT_LABELS: dict[str, str] = {
    "good-fit": "Good fit",
    "less-relevant": "Less relevant",
    "mixed": "Mixed",
    "open": "No view yet",
}
STATUS_LABELS: dict[str, str] = {
    "holds": "You hold this",
    "rejected": "You reject this",
    "split": "Your credences pull both ways",
    "open": "Undecided (credence in the neutral middle)",
    "unlinked": "Not tied to a crux",
}


# --------------------------------------------------------------------------
# One credence, one link
# --------------------------------------------------------------------------


def side_of(credence: float) -> Side | None:
    """The side a credence is on, or None in the neutral middle (40-60 inclusive)."""
    if credence > HIGH_ABOVE:
        return "high"
    if credence < LOW_BELOW:
        return "low"
    return None


def link_state(credence: float, side: Side) -> LinkState:
    got = side_of(credence)
    if got is None:
        return "neutral"
    return "agrees" if got == side else "opposes"


def clamp_credence(value: object) -> int:
    """A credence from the URL or a widget as an int in 0-100; anything unreadable is the default."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return DEFAULT_CREDENCE
    if number != number:  # NaN
        return DEFAULT_CREDENCE
    return round(min(100.0, max(0.0, number)))


# --------------------------------------------------------------------------
# Cruxes that take a credence
# --------------------------------------------------------------------------


def credence_cruxes(ds: Dataset) -> list[m.Crux]:
    """The AI-assisted cruxes a reader can set a credence on (they name both positions)."""
    return [c for c in ds.cruxes if c.kind == "ai-assisted" and c.low_position and c.high_position]


def slider_key(crux_id: str) -> str:
    return f"c-{crux_id}"


def position_label(crux: m.Crux, side: Side) -> str:
    pid = crux.low_position if side == "low" else crux.high_position
    for p in crux.positions:
        if p.id == pid:
            return p.label
    return pid or side


def default_credences(ds: Dataset) -> dict[str, int]:
    return {c.id: DEFAULT_CREDENCE for c in credence_cruxes(ds)}


def describe_credence(crux: m.Crux, credence: float) -> str:
    """'Your credence: 80/100, towards "Safe enough"'."""
    side = side_of(credence)
    if side is None:
        lean = "undecided"
    else:
        lean = f'towards "{position_label(crux, side)}"'
    return f"Your credence: {clamp_credence(credence)}/100, {lean}"


# --------------------------------------------------------------------------
# Links -> status
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Driver:
    """One credence's part in a conclusion."""

    crux: str
    crux_title: str
    credence: int
    side: Side  # the side the link needs
    state: LinkState
    position: str  # the label of the position on ``side``

    def sentence(self) -> str:
        verb = {"agrees": "supports", "opposes": "goes against", "neutral": "does not decide"}[self.state]
        return f'{self.crux_title} at {self.credence}/100 {verb} it (it needs "{self.position}")'


def _drivers(ds: Dataset, links: Iterable[m.BeliefLink], credences: Mapping[str, float]) -> list[Driver]:
    out = []
    for link in links:
        crux = ds.crux_by_id.get(link.crux)
        if crux is None:
            continue
        c = clamp_credence(credences.get(link.crux, DEFAULT_CREDENCE))
        out.append(
            Driver(
                crux=crux.id,
                crux_title=crux.title,
                credence=c,
                side=link.side,
                state=link_state(c, link.side),
                position=position_label(crux, link.side),
            )
        )
    return out


def combine(states: Iterable[LinkState]) -> Status:
    states = list(states)
    if not states:
        return "unlinked"
    agrees = "agrees" in states
    opposes = "opposes" in states
    if agrees and opposes:
        return "split"
    if agrees:
        return "holds"
    if opposes:
        return "rejected"
    return "open"


@dataclass(frozen=True)
class BeliefStatus:
    belief: m.Belief
    status: Status
    drivers: list[Driver] = field(default_factory=list)

    @property
    def held(self) -> bool:
        return self.status == "holds"


def evaluate_beliefs(ds: Dataset, credences: Mapping[str, float]) -> list[BeliefStatus]:
    out = []
    for belief in ds.outlook.beliefs:
        drivers = _drivers(ds, belief.links, credences)
        out.append(BeliefStatus(belief, combine(d.state for d in drivers), drivers))
    return out


@dataclass(frozen=True)
class Verdict:
    kind: VerdictKind
    label: str
    reason: str
    good_fit_held: list[BeliefStatus]
    less_relevant_held: list[BeliefStatus]


def verdict(statuses: list[BeliefStatus]) -> Verdict:
    """Good fit / less relevant / mixed, from the beliefs the reader holds."""
    good = [s for s in statuses if s.held and s.belief.fit == "good-fit"]
    less = [s for s in statuses if s.held and s.belief.fit == "less-relevant"]
    if good and less:
        kind: VerdictKind = "mixed"
        reason = (
            f'You hold {len(good)} belief(s) the text lists under "good fit" and {len(less)} '
            'it lists under "less relevant".'
        )
    elif good:
        kind = "good-fit"
        reason = (
            f'You hold {len(good)} belief(s) the text lists under "good fit" and none it lists under "less relevant".'
        )
    elif less:
        kind = "less-relevant"
        reason = (
            f'You hold {len(less)} belief(s) the text lists under "less relevant" and none it lists under "good fit".'
        )
    else:
        kind = "open"
        reason = "None of your credences is outside the neutral middle (40-60) in a way that settles a listed belief."
    return Verdict(kind, VERDICT_LABELS[kind], reason, good, less)


@dataclass(frozen=True)
class ApproachStatus:
    approach: m.Approach
    status: Status
    drivers: list[Driver] = field(default_factory=list)

    @property
    def favoured(self) -> bool:
        return self.status == "holds"


def evaluate_approaches(ds: Dataset, credences: Mapping[str, float]) -> list[ApproachStatus]:
    out = []
    for approach in ds.approaches:
        drivers = _drivers(ds, approach.favoured_when, credences)
        out.append(ApproachStatus(approach, combine(d.state for d in drivers), drivers))
    return out


def favoured_approaches(ds: Dataset, credences: Mapping[str, float]) -> list[m.Approach]:
    return [s.approach for s in evaluate_approaches(ds, credences) if s.favoured]


# --------------------------------------------------------------------------
# Hard <-> easy
# --------------------------------------------------------------------------


def optimistic_side(ds: Dataset, crux: m.Crux) -> tuple[Side, str]:
    """Which side of a crux the texts tie to AI-assisted alignment working, and why.

    Read from the "good fit" beliefs' links (the side a good-fit belief needs),
    else from the "less relevant" beliefs' links (the other side), else high.
    """
    for belief in ds.outlook.beliefs:
        for link in belief.links:
            if link.crux == crux.id and belief.fit == "good-fit":
                return link.side, f'the "good fit" belief "{belief.text}" needs this side'
    for belief in ds.outlook.beliefs:
        for link in belief.links:
            if link.crux == crux.id and belief.fit == "less-relevant":
                other: Side = "high" if link.side == "low" else "low"
                return other, f'the "less relevant" belief "{belief.text}" needs the other side'
    return "high", "no belief names this crux; the high end is taken as the optimistic one"


@dataclass(frozen=True)
class Scenario:
    dimension: str
    rating: str | None
    note: str | None


@dataclass(frozen=True)
class Stance:
    """Where the reader's credences put them between the hard and the easy scenario."""

    position: float  # 0 = alignment hard, 100 = alignment easy
    contributions: list[tuple[m.Crux, int, float, str]]  # crux, credence, optimism 0-100, why
    hard: Scenario | None
    easy: Scenario | None
    references: list[str]

    @property
    def nearer(self) -> Literal["hard", "easy", "middle"]:
        if self.position > HIGH_ABOVE:
            return "easy"
        if self.position < LOW_BELOW:
            return "hard"
        return "middle"


def evaluation_summary(ds: Dataset) -> m.Assessment | None:
    for a in ds.assessments:
        if a.id == "evaluation-summary":
            return a
    for a in ds.assessments:
        if a.kind == "evaluation-summary":
            return a
    return None


def _scenario(assessment: m.Assessment | None, word: str) -> Scenario | None:
    if assessment is None:
        return None
    for row in assessment.rows:
        dim = row.dimension.lower()
        if dim.startswith("if alignment") and word in dim:
            return Scenario(row.dimension, row.rating, row.evidence)
    return None


def stance(ds: Dataset, credences: Mapping[str, float]) -> Stance:
    """Mean 'optimism' over the credence cruxes: each credence turned so 100 is the optimistic side."""
    contributions = []
    for crux in credence_cruxes(ds):
        c = clamp_credence(credences.get(crux.id, DEFAULT_CREDENCE))
        side, why = optimistic_side(ds, crux)
        optimism = float(c if side == "high" else 100 - c)
        contributions.append((crux, c, optimism, why))
    position = sum(o for _, _, o, _ in contributions) / len(contributions) if contributions else 50.0
    summary = evaluation_summary(ds)
    return Stance(
        position=position,
        contributions=contributions,
        hard=_scenario(summary, "hard"),
        easy=_scenario(summary, "easy"),
        references=list(summary.references) if summary else [],
    )

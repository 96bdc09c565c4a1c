"""A talk's live credence polls as plain values (no Streamlit, no pack): a poll's state, an answer,
the checks an answer passes before it is stored, and the voter's digest.

A credence is a whole number of percent, 0 to 100: how far the voter leans to the crux's high
position. A phone sends its own random voter id; the store keeps only a digest of it (with the talk
and the poll), so no identifier a phone sent is ever stored or exported.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, field

POLL_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")  # a slide's id
POLL_ID_MAX = 80
VOTER_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
POOL_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,80}$")
ABOUT_MAX_CHARS = 2000


@dataclass(frozen=True)
class Poll:
    """One poll of a talk. ``closed`` is None while it is open."""

    talk: str
    id: str
    opened: float
    closed: float | None = None
    about: dict[str, str | int] = field(default_factory=dict)

    @property
    def is_open(self) -> bool:
        return self.closed is None

    @property
    def state(self) -> str:
        return "open" if self.closed is None else "closed"


@dataclass(frozen=True)
class Answer:
    value: int  # 0-100
    at: float  # seconds since the epoch, when it was stored


def poll_id_problem(poll: object) -> str | None:
    if not isinstance(poll, str) or not 1 <= len(poll) <= POLL_ID_MAX or not POLL_ID.match(poll):
        return "A poll is named by its slide's id: lowercase letters, digits and '-'."
    return None


def voter_problem(voter: object) -> str | None:
    if not isinstance(voter, str) or not VOTER_ID.match(voter):
        return "This phone's answer carries no valid voter id: reload the page."
    return None


def credence_problem(value: object) -> str | None:
    """None for a credence the store takes (a number from 0 to 100), else what is wrong, in words."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return "A credence is a number from 0 to 100."
    if not 0 <= value <= 100:
        return f"A credence is from 0 to 100 %: {value:g} is out of range."
    return None


def as_credence(value: object) -> int:
    """A credence that passed ``credence_problem`` as the whole number the store keeps."""
    assert isinstance(value, int | float)
    return round(value)


def voter_digest(talk_id: str, poll: str, voter: str) -> str:
    """What the store keeps of a voter: enough to replace their answer, nothing to recognise them by."""
    return hashlib.sha256(f"{talk_id}\0{poll}\0{voter}".encode()).hexdigest()[:24]


def reader_digest(pool: str, reader: str) -> str:
    return hashlib.sha256(f"{pool}\0{reader}".encode()).hexdigest()[:24]

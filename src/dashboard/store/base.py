"""What every talk store keeps and promises (no Streamlit, no pack: plain values).

A *talk* is one live presentation: an id the audience link carries, a presenter secret only the
presenter link carries, which deck it shows (``deck``: a digest of the slides, so a later change of
the talk's slides is a new deck), how many slides, and where the presenter is (``slide``, with
``seq`` counting the moves so a listener knows it missed none). Talks are forgotten ``ttl`` seconds
after their last activity (a move or the presenter's window opening).

A talk shows its pack's slides, or slides of its own: a presenter's talk made in the dashboard keeps
its deck's *content* (the slides as validated talk.yaml text, at most ``MAX_DECK_CHARS``) with the
talk, so every replica and audience window shows the same slides; ``set_deck`` replaces it.

*Polls* are a talk's live credence polls (``polls.py``): the presenter opens and closes one by its
id (the slide's), with what it asks (``about``: slide, crux, question); opening or closing one
counts as a move (``seq`` grows) so that every listener hears of it. *Answers* are credences, whole
numbers 0-100, one per (talk, poll, voter): a voter's later answer replaces the earlier, and only
while the poll is open. Voters are kept as a digest, never as the id the phone sent. Polls and
answers go with their talk.

*Readers' pooled credences* (``share_credence``/``pooled``) are kept per pool (a pack) and crux,
one per reader who chose to share, independent of talks.

The secret is never stored: only its SHA-256, compared in constant time. The id is drawn
independently of the secret, so the audience link tells nothing about the presenter's.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass

from dashboard.store.polls import (
    ABOUT_MAX_CHARS,
    POOL_ID,
    Answer,
    Poll,
    as_credence,
    credence_problem,
    poll_id_problem,
    voter_problem,
)

TALK_ID = re.compile(r"^[A-Za-z0-9_-]{8,32}$")
SECRET = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
DEFAULT_TTL_S = 12 * 3600  # a talk nobody touched for 12 hours is forgotten
MAX_SLIDES = 500
MAX_DECK_CHARS = 400_000  # a talk's own slides as talk.yaml text: 50 slides with 4000-character notes fit


class StoreError(Exception):
    """A request the store refuses; ``status`` is the HTTP status that says so."""

    status = 400


class UnknownTalk(StoreError):
    status = 404

    def __init__(self, talk_id: str = "") -> None:
        super().__init__(
            "No such talk: it never existed or it ended after a long pause. Ask the presenter for the link again."
        )


class WrongSecret(StoreError):
    status = 403

    def __init__(self) -> None:
        super().__init__(
            "This link does not carry the presenter key of this talk: it can follow the talk, not move it."
        )


class Malformed(StoreError):
    status = 400


class StoreUnavailable(StoreError):
    status = 503


class UnknownPoll(StoreError):
    status = 404

    def __init__(self) -> None:
        super().__init__("This poll is not open: the presenter has not opened it yet.")


class PollClosed(StoreError):
    status = 409

    def __init__(self) -> None:
        super().__init__("This poll is closed: answers can no longer be sent or changed.")


@dataclass(frozen=True)
class Talk:
    id: str
    deck: str
    slides: int
    slide: int  # 0-based
    seq: int  # moves so far
    created: float
    touched: float


def new_talk_id() -> str:
    """12 characters, 72 random bits; never starting with "-", which a command line takes for an option
    (``python -m dashboard talk-results ID`` refused one talk in 64)."""
    while True:
        talk_id = secrets.token_urlsafe(9)
        if not talk_id.startswith("-"):
            return talk_id


def new_secret() -> str:
    return secrets.token_urlsafe(24)  # 32 characters, 192 random bits


def secret_hash(secret: str) -> bytes:
    return hashlib.sha256(secret.encode("ascii")).digest()


def secret_matches(given: str | None, stored: bytes | None) -> bool:
    """Constant-time comparison of a given secret with the stored hash (malformed: False)."""
    if not given or stored is None or not SECRET.match(given):
        return False
    return hmac.compare_digest(secret_hash(given), stored)


def check_talk_id(talk_id: str) -> str:
    if not isinstance(talk_id, str) or not TALK_ID.match(talk_id):
        raise Malformed("A talk id is 8 to 32 letters, digits, '-' or '_'.")
    return talk_id


def check_slide(slide: int, slides: int) -> int:
    if isinstance(slide, bool) or not isinstance(slide, int) or not 0 <= slide < slides:
        raise Malformed(f"A slide number of this talk is 1 to {slides}.")
    return slide


class Store(ABC):
    """Talks, where their presenters are, and poll answers, shared by every replica that opens it."""

    ttl: float = DEFAULT_TTL_S

    # ---- talks -----------------------------------------------------------------------------
    @abstractmethod
    def start_talk(self, deck: str, slides: int, *, slide: int = 0) -> tuple[Talk, str]:
        """A new talk at ``slide``: (the talk, the presenter's secret). The secret is not kept."""

    @abstractmethod
    def talk(self, talk_id: str) -> Talk | None:
        """The talk, or None when unknown or forgotten."""

    @abstractmethod
    def is_presenter(self, talk_id: str, secret: str | None) -> bool:
        """True when ``secret`` is this talk's presenter secret (compared in constant time)."""

    @abstractmethod
    def move(self, talk_id: str, secret: str | None, slide: int) -> Talk:
        """The presenter moves to ``slide`` (0-based); also counts as activity.

        Raises UnknownTalk, WrongSecret or Malformed. Moving to the slide already shown changes nothing."""

    @abstractmethod
    def positions(self, talk_ids: Iterable[str]) -> dict[str, tuple[int, int]]:
        """{talk id: (seq, slide)} for the talks that exist: one round trip for many talks."""

    @abstractmethod
    def answer_marks(self, talk_ids: Iterable[str]) -> dict[str, str]:
        """{talk id: mark} for the talks that exist, the mark changing whenever an answer to one of the talk's
        polls comes in or changes: one round trip for many talks (a projected poll redraws when it changes)."""

    @abstractmethod
    def forget_idle(self) -> int:
        """Forget talks idle for longer than ``ttl`` (with their answers); how many went."""

    # ---- a talk's own slides ---------------------------------------------------------------
    @abstractmethod
    def set_deck(self, talk_id: str, secret: str | None, content: str, deck: str, slides: int) -> Talk:
        """The presenter gives the talk slides of its own (``content``: talk.yaml text, named ``deck``,
        ``slides`` long). Counts as activity and as a move (``seq`` grows, so followers redraw); a slide
        past the new end becomes the last. Raises UnknownTalk, WrongSecret or Malformed."""

    @abstractmethod
    def deck_content(self, talk_id: str) -> str | None:
        """The talk's own slides (talk.yaml text), or None when it shows its pack's talk or is unknown."""

    # ---- live credence polls ----------------------------------------------------------------------
    @abstractmethod
    def open_poll(self, talk_id: str, secret: str | None, poll: str, about: dict[str, str | int]) -> Poll:
        """The presenter opens ``poll`` (or opens it again after closing; the first opening time is kept).

        ``about``: what it asks (slide, crux, question), kept for the results. Counts as a move (seq grows).
        Raises UnknownTalk, WrongSecret or Malformed."""

    @abstractmethod
    def close_poll(self, talk_id: str, secret: str | None, poll: str) -> Poll:
        """The presenter closes ``poll``: its answers are frozen. Raises UnknownTalk, UnknownPoll, WrongSecret."""

    @abstractmethod
    def poll(self, talk_id: str, poll: str) -> Poll | None:
        """The poll, or None when the talk has no such poll (or the talk is gone)."""

    @abstractmethod
    def polls(self, talk_id: str) -> list[Poll]:
        """The talk's polls, in the order they were first opened."""

    @abstractmethod
    def answer(self, talk_id: str, poll: str, voter: str, value: int) -> None:
        """Record ``voter``'s credence (0-100) on an open ``poll`` (a later one replaces the earlier).

        Raises UnknownTalk, UnknownPoll, PollClosed or Malformed; nothing is stored then."""

    @abstractmethod
    def answers(self, talk_id: str, poll: str) -> list[Answer]:
        """Every voter's current answer to ``poll``, oldest first (no voter ids)."""

    @abstractmethod
    def voter_answer(self, talk_id: str, poll: str, voter: str) -> int | None:
        """``voter``'s current answer to ``poll``, None when they have not answered."""

    # ---- readers' pooled credences --------------------------------------------------------------
    @abstractmethod
    def share_credence(self, pool: str, crux: str, reader: str, value: int | None) -> None:
        """Keep (or, with None, withdraw) one reader's credence on a crux in ``pool``."""

    @abstractmethod
    def pooled(self, pool: str) -> dict[str, list[int]]:
        """{crux: the shared credences} of ``pool``."""

    def close(self) -> None:  # noqa: B027 - optional for a backend
        """Release connections."""


def check_poll(talk_id: str, poll: str) -> None:
    check_talk_id(talk_id)
    if (problem := poll_id_problem(poll)) is not None:
        raise Malformed(problem)


def check_answer(talk_id: str, poll: str, voter: str, value: object) -> int:
    """The credence to store (a whole number 0-100); raises Malformed saying what is wrong."""
    check_poll(talk_id, poll)
    for problem in (voter_problem(voter), credence_problem(value)):
        if problem is not None:
            raise Malformed(problem)
    return as_credence(value)


def check_about(about: object) -> dict[str, str | int]:
    if not isinstance(about, dict) or not all(
        isinstance(k, str) and isinstance(v, str | int) for k, v in about.items()
    ):
        raise Malformed("What a poll asks is a mapping of names to texts or numbers.")
    if sum(len(k) + len(str(v)) for k, v in about.items()) > ABOUT_MAX_CHARS:
        raise Malformed(f"What a poll asks is at most {ABOUT_MAX_CHARS} characters.")
    return dict(about)


def check_share(pool: str, crux: str, reader: str, value: object) -> int | None:
    if not isinstance(pool, str) or not POOL_ID.match(pool):
        raise Malformed("A pool is named by 1 to 80 letters, digits or '-_.:'.")
    for problem in (poll_id_problem(crux), voter_problem(reader)):
        if problem is not None:
            raise Malformed(problem)
    if value is None:
        return None
    if (problem := credence_problem(value)) is not None:
        raise Malformed(problem)
    return as_credence(value)


def check_deck(content: str, deck: str, slides: int) -> None:
    check_new_talk(deck, slides, 0)
    if not isinstance(content, str) or not 1 <= len(content) <= MAX_DECK_CHARS:
        raise Malformed(f"A talk's slides are 1 to {MAX_DECK_CHARS} characters of talk.yaml.")


def check_new_talk(deck: str, slides: int, slide: int) -> None:
    if not isinstance(deck, str) or not 1 <= len(deck) <= 128:
        raise Malformed("A deck is named by 1 to 128 characters.")
    if isinstance(slides, bool) or not isinstance(slides, int) or not 1 <= slides <= MAX_SLIDES:
        raise Malformed(f"A talk has 1 to {MAX_SLIDES} slides.")
    check_slide(slide, slides)

"""What every talk store keeps and promises (no Streamlit, no pack: plain values).

A *talk* is one live presentation: an id the audience link carries, a presenter secret only the
presenter link carries, which deck it shows (``deck``: a digest of the slides, so a later change of
the talk's slides is a new deck), how many slides, and where the presenter is (``slide``, with
``seq`` counting the moves so a listener knows it missed none). Talks are forgotten ``ttl`` seconds
after their last activity (a move or the presenter's window opening).

A talk shows its pack's slides, or slides of its own: a presenter's talk made in the dashboard keeps
its deck's *content* (the slides as validated talk.yaml text, at most ``MAX_DECK_CHARS``) with the
talk, so every replica and audience window shows the same slides; ``set_deck`` replaces it.

*Answers* (for live polls) are kept per (talk, poll, voter): a voter's last answer counts. They go
with their talk.

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

TALK_ID = re.compile(r"^[A-Za-z0-9_-]{8,32}$")
SECRET = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
POLL_ID = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
DEFAULT_TTL_S = 12 * 3600  # a talk nobody touched for 12 hours is forgotten
MAX_SLIDES = 500
MAX_ANSWER_CHARS = 200
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
    return secrets.token_urlsafe(9)  # 12 characters, 72 random bits


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

    # ---- poll answers (live polls) --------------------------------------------------------------
    @abstractmethod
    def answer(self, talk_id: str, poll: str, voter: str, choice: str) -> None:
        """Record ``voter``'s answer to ``poll`` of a live talk (their last answer counts)."""

    @abstractmethod
    def tally(self, talk_id: str, poll: str) -> dict[str, int]:
        """{choice: number of voters} for ``poll``."""

    def close(self) -> None:  # noqa: B027 - optional for a backend
        """Release connections."""


def check_answer(talk_id: str, poll: str, voter: str, choice: str) -> None:
    check_talk_id(talk_id)
    if not POLL_ID.match(poll or "") or not POLL_ID.match(voter or ""):
        raise Malformed("A poll id and a voter id are 1 to 40 letters, digits, '-' or '_'.")
    if not isinstance(choice, str) or not choice or len(choice) > MAX_ANSWER_CHARS:
        raise Malformed(f"An answer is 1 to {MAX_ANSWER_CHARS} characters.")


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

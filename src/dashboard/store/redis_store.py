"""The talk store in Redis (``DASHBOARD_STORE=redis://HOST:PORT/DB``), for replicas on several hosts.

A talk is a hash ``dashboard:talk:ID`` whose expiry is renewed on every activity, so Redis itself
forgets idle talks; a talk's own slides (talk.yaml text) are its hash's ``content`` field; its poll answers are a hash ``dashboard:talk:ID:answers`` (``POLL:VOTER`` -> choice) that
expires with its talk. A move is one Lua script (atomic: the move count grows only when the slide
changes) that also publishes the new slide on the talk's key for listeners that subscribe.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import redis

from dashboard.store.base import (
    DEFAULT_TTL_S,
    Store,
    StoreUnavailable,
    Talk,
    UnknownTalk,
    WrongSecret,
    check_answer,
    check_deck,
    check_new_talk,
    check_slide,
    check_talk_id,
    new_secret,
    new_talk_id,
    secret_hash,
    secret_matches,
)

PREFIX = "dashboard:talk:"
FIELDS = ("deck", "slides", "slide", "seq", "created", "touched")

MOVE = """
local cur = redis.call('HGET', KEYS[1], 'slide')
if not cur then return -1 end
if tonumber(cur) ~= tonumber(ARGV[1]) then
  redis.call('HSET', KEYS[1], 'slide', ARGV[1])
  redis.call('HINCRBY', KEYS[1], 'seq', 1)
  redis.call('PUBLISH', KEYS[1], ARGV[1])
end
redis.call('HSET', KEYS[1], 'touched', ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
redis.call('EXPIRE', KEYS[1] .. ':answers', ARGV[3])
return 1
"""

# A talk's own slides: the content, its name and length, the slide clamped to the new end; a move for
# listeners (seq grows, the slide is published).
SET_DECK = """
local cur = redis.call('HGET', KEYS[1], 'slide')
if not cur then return -1 end
local n = tonumber(ARGV[2])
local slide = math.min(tonumber(cur), n - 1)
redis.call('HSET', KEYS[1], 'deck', ARGV[1], 'slides', n, 'slide', slide, 'content', ARGV[3], 'touched', ARGV[4])
redis.call('HINCRBY', KEYS[1], 'seq', 1)
redis.call('PUBLISH', KEYS[1], slide)
redis.call('EXPIRE', KEYS[1], ARGV[5])
redis.call('EXPIRE', KEYS[1] .. ':answers', ARGV[5])
return 1
"""

F = TypeVar("F", bound=Callable[..., Any])


def _reachable(method: F) -> F:
    """A Redis that cannot be reached is a StoreUnavailable (HTTP 503), never a traceback."""

    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return method(*args, **kwargs)
        except redis.RedisError as err:
            raise StoreUnavailable(f"The talk store (Redis) cannot be reached: {type(err).__name__}") from err

    return wrapper  # type: ignore[return-value]


def _bytes(value: Any) -> bytes | None:
    return value if isinstance(value, bytes) or value is None else str(value).encode()


class RedisStore(Store):
    def __init__(self, url: str, *, ttl: float = DEFAULT_TTL_S) -> None:
        self.url = url
        self.ttl = ttl
        try:
            self.r = redis.Redis.from_url(url, socket_timeout=3, socket_connect_timeout=3, health_check_interval=30)
        except ValueError as err:
            raise StoreUnavailable(f"DASHBOARD_STORE is not a Redis address: {err}") from err
        self._move = self.r.register_script(MOVE)
        self._set_deck = self.r.register_script(SET_DECK)

    @staticmethod
    def _key(talk_id: str) -> str:
        return PREFIX + talk_id

    @staticmethod
    def _talk(talk_id: str, values: list) -> Talk | None:
        if values[0] is None:
            return None
        deck, slides, slide, seq, created, touched = values
        return Talk(talk_id, deck.decode(), int(slides), int(slide), int(seq), float(created), float(touched))

    @_reachable
    def start_talk(self, deck: str, slides: int, *, slide: int = 0) -> tuple[Talk, str]:
        check_new_talk(deck, slides, slide)
        secret, now = new_secret(), time.time()
        talk = Talk(new_talk_id(), deck, slides, slide, 0, now, now)
        key = self._key(talk.id)
        with self.r.pipeline() as p:
            p.hset(key, mapping={"secret": secret_hash(secret), "deck": deck, "slides": slides, "slide": slide,
                                 "seq": 0, "created": now, "touched": now})  # fmt: skip
            p.expire(key, int(self.ttl))
            p.execute()
        return talk, secret

    @_reachable
    def talk(self, talk_id: str) -> Talk | None:
        check_talk_id(talk_id)
        return self._talk(talk_id, self.r.hmget(self._key(talk_id), FIELDS))

    @_reachable
    def is_presenter(self, talk_id: str, secret: str | None) -> bool:
        check_talk_id(talk_id)
        return secret_matches(secret, _bytes(self.r.hget(self._key(talk_id), "secret")))

    @_reachable
    def move(self, talk_id: str, secret: str | None, slide: int) -> Talk:
        check_talk_id(talk_id)
        key = self._key(talk_id)
        stored = self.r.hget(key, "secret")
        if stored is None:
            raise UnknownTalk(talk_id)
        if not secret_matches(secret, _bytes(stored)):
            raise WrongSecret()
        now = self.talk(talk_id)
        if now is None:
            raise UnknownTalk(talk_id)
        check_slide(slide, now.slides)
        if self._move(keys=[key], args=[slide, time.time(), int(self.ttl)]) == -1:
            raise UnknownTalk(talk_id)
        moved = self.talk(talk_id)
        if moved is None:
            raise UnknownTalk(talk_id)
        return moved

    @_reachable
    def positions(self, talk_ids: Iterable[str]) -> dict[str, tuple[int, int]]:
        ids = list(talk_ids)
        if not ids:
            return {}
        with self.r.pipeline(transaction=False) as p:
            for tid in ids:
                p.hmget(self._key(tid), ("seq", "slide"))
            rows = p.execute()
        return {tid: (int(seq), int(slide)) for tid, (seq, slide) in zip(ids, rows) if seq is not None}

    @_reachable
    def set_deck(self, talk_id: str, secret: str | None, content: str, deck: str, slides: int) -> Talk:
        check_deck(content, deck, slides)
        check_talk_id(talk_id)
        key = self._key(talk_id)
        stored = self.r.hget(key, "secret")
        if stored is None:
            raise UnknownTalk(talk_id)
        if not secret_matches(secret, _bytes(stored)):
            raise WrongSecret()
        if self._set_deck(keys=[key], args=[deck, slides, content, time.time(), int(self.ttl)]) == -1:
            raise UnknownTalk(talk_id)
        changed = self.talk(talk_id)
        if changed is None:
            raise UnknownTalk(talk_id)
        return changed

    @_reachable
    def deck_content(self, talk_id: str) -> str | None:
        check_talk_id(talk_id)
        raw = self.r.hget(self._key(talk_id), "content")
        return raw if raw is None or isinstance(raw, str) else raw.decode("utf-8")

    def forget_idle(self) -> int:
        return 0  # Redis expires idle talks itself

    @_reachable
    def answer(self, talk_id: str, poll: str, voter: str, choice: str) -> None:
        check_answer(talk_id, poll, voter, choice)
        ttl = self.r.ttl(self._key(talk_id))
        if ttl is None or ttl < 0:
            raise UnknownTalk(talk_id)
        key = f"{self._key(talk_id)}:answers"
        with self.r.pipeline() as p:
            p.hset(key, f"{poll}:{voter}", choice)
            p.expire(key, ttl)
            p.execute()

    @_reachable
    def tally(self, talk_id: str, poll: str) -> dict[str, int]:
        check_talk_id(talk_id)
        counts: dict[str, int] = {}
        for _, raw in self.r.hscan_iter(f"{self._key(talk_id)}:answers", match=f"{poll}:*", count=1000):
            choice = raw.decode()
            counts[choice] = counts.get(choice, 0) + 1
        return dict(sorted(counts.items()))

    def close(self) -> None:
        self.r.close()

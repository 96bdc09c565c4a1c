"""The talk store in Redis (``DASHBOARD_STORE=redis://HOST:PORT/DB``), for replicas on several hosts.

A talk is a hash ``dashboard:talk:ID`` whose expiry is renewed on every activity, so Redis itself
forgets idle talks; a talk's own slides (talk.yaml text) are its hash's ``content`` field; its polls are a hash ``dashboard:talk:ID:polls`` (``POLL:opened``,
``POLL:closed``, ``POLL:about``) and its answers a hash ``dashboard:talk:ID:credences``
(``POLL VOTER-DIGEST`` -> ``VALUE AT``), both expiring with their talk. An answer is one Lua script
(stored only while the talk lives and its poll is open). Readers' pooled credences are a hash
``dashboard:pool:POOL`` (``CRUX READER-DIGEST`` -> value), kept until removed. A move is one Lua script (atomic: the move count grows only when the slide
changes) that also publishes the new slide on the talk's key for listeners that subscribe.
"""

from __future__ import annotations

import functools
import json
import time
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import redis

from dashboard.store.base import (
    DEFAULT_TTL_S,
    PollClosed,
    Store,
    StoreUnavailable,
    Talk,
    UnknownPoll,
    UnknownTalk,
    WrongSecret,
    check_about,
    check_answer,
    check_deck,
    check_new_talk,
    check_poll,
    check_share,
    check_slide,
    check_talk_id,
    new_secret,
    new_talk_id,
    secret_hash,
    secret_matches,
)
from dashboard.store.polls import Answer, Poll, reader_digest, voter_digest

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
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('PEXPIRE', KEYS[1] .. ':polls', ARGV[3])
redis.call('PEXPIRE', KEYS[1] .. ':credences', ARGV[3])
return 1
"""

# KEYS: talk, polls; ARGV: poll, now, ttl (ms), about (JSON) or '' to close. Returns the new seq, 0 when
# nothing changed (closing a closed poll), -1 for no talk, -2 for no such poll (closing).
POLL_STATE = """
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
local poll = ARGV[1]
if ARGV[4] ~= '' then
  if not redis.call('HGET', KEYS[2], poll .. ':opened') then redis.call('HSET', KEYS[2], poll .. ':opened', ARGV[2]) end
  redis.call('HSET', KEYS[2], poll .. ':about', ARGV[4])
  redis.call('HDEL', KEYS[2], poll .. ':closed')
else
  if not redis.call('HGET', KEYS[2], poll .. ':opened') then return -2 end
  if redis.call('HEXISTS', KEYS[2], poll .. ':closed') == 1 then return 0 end
  redis.call('HSET', KEYS[2], poll .. ':closed', ARGV[2])
end
local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
redis.call('HSET', KEYS[1], 'touched', ARGV[2])
redis.call('PUBLISH', KEYS[1], redis.call('HGET', KEYS[1], 'slide'))
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
redis.call('PEXPIRE', KEYS[1] .. ':credences', ARGV[3])
return seq
"""

# KEYS: talk, polls, credences; ARGV: poll, field, "VALUE AT". 1 stored, -1 no talk, -2 no poll, -3 closed.
ANSWER = """
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then return -1 end
if not redis.call('HGET', KEYS[2], ARGV[1] .. ':opened') then return -2 end
if redis.call('HEXISTS', KEYS[2], ARGV[1] .. ':closed') == 1 then return -3 end
redis.call('HSET', KEYS[3], ARGV[2], ARGV[3])
redis.call('PEXPIRE', KEYS[3], ttl)
redis.call('HINCRBY', KEYS[1], 'answers', 1)
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
redis.call('PEXPIRE', KEYS[1], ARGV[5])
redis.call('PEXPIRE', KEYS[1] .. ':polls', ARGV[5])
redis.call('PEXPIRE', KEYS[1] .. ':credences', ARGV[5])
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


def _str(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


class RedisStore(Store):
    def __init__(self, url: str, *, ttl: float = DEFAULT_TTL_S) -> None:
        self.url = url
        self.ttl = ttl
        try:
            self.r = redis.Redis.from_url(url, socket_timeout=3, socket_connect_timeout=3, health_check_interval=30)
        except ValueError as err:
            raise StoreUnavailable(f"DASHBOARD_STORE is not a Redis address: {err}") from err
        self._move = self.r.register_script(MOVE)
        self._poll_state = self.r.register_script(POLL_STATE)
        self._answer = self.r.register_script(ANSWER)
        self._set_deck = self.r.register_script(SET_DECK)

    @property
    def _ttl_ms(self) -> int:
        """The talks' lifetime in milliseconds, as PEXPIRE takes it (EXPIRE's seconds would cut 0.5 s to 0)."""
        return max(1, round(self.ttl * 1000))

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
            p.pexpire(key, self._ttl_ms)
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

    def _presenters_key(self, talk_id: str, secret: str | None) -> str:
        """The talk's key, once the talk is known and ``secret`` is its presenter's."""
        check_talk_id(talk_id)
        key = self._key(talk_id)
        stored = self.r.hget(key, "secret")
        if stored is None:
            raise UnknownTalk(talk_id)
        if not secret_matches(secret, _bytes(stored)):
            raise WrongSecret()
        return key

    @_reachable
    def move(self, talk_id: str, secret: str | None, slide: int) -> Talk:
        key = self._presenters_key(talk_id, secret)
        now = self.talk(talk_id)
        if now is None:
            raise UnknownTalk(talk_id)
        check_slide(slide, now.slides)
        if self._move(keys=[key], args=[slide, time.time(), self._ttl_ms]) == -1:
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
    def answer_marks(self, talk_ids: Iterable[str]) -> dict[str, str]:
        ids = list(talk_ids)
        if not ids:
            return {}
        with self.r.pipeline(transaction=False) as p:
            for tid in ids:
                p.hmget(self._key(tid), ("seq", "answers"))  # the answers counted by ANSWER
            rows = p.execute()
        return {tid: _str(n or b"0") for tid, (seq, n) in zip(ids, rows) if seq is not None}

    @_reachable
    def set_deck(self, talk_id: str, secret: str | None, content: str, deck: str, slides: int) -> Talk:
        check_deck(content, deck, slides)
        key = self._presenters_key(talk_id, secret)
        if self._set_deck(keys=[key], args=[deck, slides, content, time.time(), self._ttl_ms]) == -1:
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

    # ---- live credence polls ----------------------------------------------------------------------
    def _presenter(self, talk_id: str, secret: str | None) -> None:
        stored = self.r.hget(self._key(talk_id), "secret")
        if stored is None:
            raise UnknownTalk(talk_id)
        if not secret_matches(secret, _bytes(stored)):
            raise WrongSecret()

    def _set_poll(self, talk_id: str, poll: str, about: str) -> None:
        key = self._key(talk_id)
        done = self._poll_state(keys=[key, f"{key}:polls"], args=[poll, time.time(), self._ttl_ms, about])
        if done == -1:
            raise UnknownTalk(talk_id)
        if done == -2:
            raise UnknownPoll()

    @_reachable
    def open_poll(self, talk_id: str, secret: str | None, poll: str, about: dict[str, str | int]) -> Poll:
        check_poll(talk_id, poll)
        text = json.dumps(check_about(about))
        self._presenter(talk_id, secret)
        self._set_poll(talk_id, poll, text)
        found = self.poll(talk_id, poll)
        if found is None:
            raise UnknownTalk(talk_id)
        return found

    @_reachable
    def close_poll(self, talk_id: str, secret: str | None, poll: str) -> Poll:
        check_poll(talk_id, poll)
        self._presenter(talk_id, secret)
        self._set_poll(talk_id, poll, "")
        found = self.poll(talk_id, poll)
        if found is None:
            raise UnknownPoll()
        return found

    @staticmethod
    def _poll(talk_id: str, poll: str, opened: Any, closed: Any, about: Any) -> Poll | None:
        if opened is None:
            return None
        return Poll(talk_id, poll, float(opened), None if closed is None else float(closed),
                    json.loads(about) if about else {})  # fmt: skip

    @_reachable
    def poll(self, talk_id: str, poll: str) -> Poll | None:
        check_poll(talk_id, poll)
        if not self.r.exists(self._key(talk_id)):
            return None
        values = self.r.hmget(f"{self._key(talk_id)}:polls", [f"{poll}:opened", f"{poll}:closed", f"{poll}:about"])
        return self._poll(talk_id, poll, *values)

    @_reachable
    def polls(self, talk_id: str) -> list[Poll]:
        check_talk_id(talk_id)
        if not self.r.exists(self._key(talk_id)):
            return []
        raw = {_str(k): v for k, v in self.r.hgetall(f"{self._key(talk_id)}:polls").items()}
        found = []
        for name in raw:
            if name.endswith(":opened"):
                poll = name[: -len(":opened")]
                made = self._poll(talk_id, poll, raw[name], raw.get(f"{poll}:closed"), raw.get(f"{poll}:about"))
                if made is not None:
                    found.append(made)
        return sorted(found, key=lambda p: (p.opened, p.id))

    @_reachable
    def answer(self, talk_id: str, poll: str, voter: str, value: int) -> None:
        credence = check_answer(talk_id, poll, voter, value)
        key = self._key(talk_id)
        done = self._answer(
            keys=[key, f"{key}:polls", f"{key}:credences"],
            args=[poll, f"{poll} {voter_digest(talk_id, poll, voter)}", f"{credence} {time.time()!r}"],
        )
        if done == -1:
            raise UnknownTalk(talk_id)
        if done == -2:
            raise UnknownPoll()
        if done == -3:
            raise PollClosed()

    @_reachable
    def answers(self, talk_id: str, poll: str) -> list[Answer]:
        check_poll(talk_id, poll)
        found = []
        for _, raw in self.r.hscan_iter(f"{self._key(talk_id)}:credences", match=f"{poll} *", count=1000):
            value, at = _str(raw).split(" ")
            found.append(Answer(int(value), float(at)))
        return sorted(found, key=lambda a: (a.at, a.value))

    @_reachable
    def voter_answer(self, talk_id: str, poll: str, voter: str) -> int | None:
        check_poll(talk_id, poll)
        raw = self.r.hget(f"{self._key(talk_id)}:credences", f"{poll} {voter_digest(talk_id, poll, voter)}")
        return None if raw is None else int(_str(raw).split(" ")[0])

    # ---- readers' pooled credences --------------------------------------------------------------
    @_reachable
    def share_credence(self, pool: str, crux: str, reader: str, value: int | None) -> None:
        credence = check_share(pool, crux, reader, value)
        key, name = f"dashboard:pool:{pool}", f"{crux} {reader_digest(pool, reader)}"
        if credence is None:
            self.r.hdel(key, name)
        else:
            self.r.hset(key, name, credence)

    @_reachable
    def pooled(self, pool: str) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        for name, value in self.r.hscan_iter(f"dashboard:pool:{pool}", count=1000):
            out.setdefault(_str(name).split(" ")[0], []).append(int(value))
        return {k: sorted(v) for k, v in sorted(out.items())}

    def close(self) -> None:
        self.r.close()

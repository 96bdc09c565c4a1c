"""A talk's own slides in the talk store, SQLite and a real Redis through the same tests: only the
presenter's secret sets them, every replica reads them, they go with their talk, and a slide past
the new end becomes the last."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from dashboard.store import Malformed, UnknownTalk, WrongSecret
from dashboard.store.base import MAX_DECK_CHARS
from dashboard.store.sqlite_store import SqliteStore

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from redis_server import redis_server


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    with redis_server(tmp_path_factory.mktemp("redis")) as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("redis", marks=pytest.mark.deploy)])
def make_store(request, tmp_path):
    """Stores of one kind sharing their data (two replicas), as in test_talk_store."""
    made = []

    def make(ttl: float = 3600):
        if request.param == "sqlite":
            s = SqliteStore(tmp_path / "state", ttl=ttl)
        else:
            from dashboard.store.redis_store import RedisStore

            s = RedisStore(request.getfixturevalue("redis_url"), ttl=ttl)
        made.append(s)
        return s

    yield make
    for s in made:
        s.close()


TALK_YAML = "title: My talk\nslides:\n- id: one\n  title: One\n  kind: title\n  note: First.\n"


def wrong_by_one_letter(secret: str) -> str:
    """The secret with its last letter changed (never to the letter it already has)."""
    return secret[:-1] + ("y" if secret.endswith("x") else "x")


def test_a_talks_own_slides_are_seen_by_every_replica(make_store):
    one, two = make_store(), make_store()
    talk, secret = one.start_talk("pack-deck", 10, slide=7)
    assert two.deck_content(talk.id) is None  # the pack's own talk until the presenter gives one
    changed = two.set_deck(talk.id, secret, TALK_YAML, "own-1", 3)
    assert (changed.deck, changed.slides, changed.slide, changed.seq) == ("own-1", 3, 2, 1)
    assert one.deck_content(talk.id) == TALK_YAML
    seen = one.talk(talk.id)
    assert seen is not None and (seen.deck, seen.slides, seen.slide) == ("own-1", 3, 2)
    assert one.positions([talk.id]) == {talk.id: (1, 2)}  # followers hear of it as of a move
    longer = TALK_YAML + "# more\n"
    again = one.set_deck(talk.id, secret, longer, "own-2", 5)
    assert (again.slides, again.slide, again.seq) == (5, 2, 2)
    assert two.deck_content(talk.id) == longer
    assert two.move(talk.id, secret, 4).slide == 4  # the new length counts for moves


def test_only_the_presenter_sets_a_talks_slides(make_store):
    s = make_store()
    talk, secret = s.start_talk("deck", 2)
    with pytest.raises(WrongSecret):
        s.set_deck(talk.id, wrong_by_one_letter(secret), TALK_YAML, "own", 1)
    with pytest.raises(WrongSecret):
        s.set_deck(talk.id, None, TALK_YAML, "own", 1)
    with pytest.raises(UnknownTalk):
        s.set_deck("NoSuchTalk12", secret, TALK_YAML, "own", 1)
    for content, deck, slides in (("", "own", 1), ("x" * (MAX_DECK_CHARS + 1), "own", 1),
                                  (TALK_YAML, "", 1), (TALK_YAML, "own", 0), (TALK_YAML, "own", 501)):  # fmt: skip
        with pytest.raises(Malformed):
            s.set_deck(talk.id, secret, content, deck, slides)
    assert s.deck_content(talk.id) is None
    with pytest.raises(Malformed):
        s.deck_content("bad id")


def test_a_talks_slides_are_forgotten_with_it(make_store):
    s = make_store(ttl=0.5)  # half a second: Redis keeps fractions too (PEXPIRE)
    talk, secret = s.start_talk("deck", 3)
    s.set_deck(talk.id, secret, TALK_YAML, "own", 1)
    time.sleep(1.2)
    s.forget_idle()
    assert s.deck_content(talk.id) is None and s.talk(talk.id) is None

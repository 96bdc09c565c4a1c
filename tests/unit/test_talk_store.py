"""The talk store, SQLite and a real Redis, through the same tests: talks, secrets, moves, expiry,
positions, poll answers, and what a bad request gets."""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

import pytest

from dashboard import store as talk_store
from dashboard.store import Malformed, StoreUnavailable, UnknownTalk, WrongSecret
from dashboard.store.base import secret_hash, secret_matches
from dashboard.store.sqlite_store import SqliteStore

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from redis_server import redis_server


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    with redis_server(tmp_path_factory.mktemp("redis")) as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("redis", marks=pytest.mark.deploy)])
def make_store(request, tmp_path):
    """A factory of stores of one kind that share their data (two replicas of one deployment)."""
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


def test_a_talk_starts_with_a_secret_that_moves_it_on_another_replica(make_store):
    one, two = make_store(), make_store()
    talk, secret = one.start_talk("deck1", 12, slide=2)
    assert (talk.slide, talk.seq, talk.slides, talk.deck) == (2, 0, 12, "deck1")
    assert secret not in talk.id and talk.id not in secret and len(secret) >= 32
    seen = two.talk(talk.id)
    assert seen is not None and (seen.slide, seen.seq) == (2, 0)
    assert two.is_presenter(talk.id, secret) and not two.is_presenter(talk.id, secret[:-1] + "x")
    moved = two.move(talk.id, secret, 5)
    assert (moved.slide, moved.seq) == (5, 1)
    assert one.positions([talk.id, "NoSuchTalk12"]) == {talk.id: (1, 5)}
    assert two.move(talk.id, secret, 5).seq == 1  # the same slide again is no move


def test_only_the_secret_moves_a_talk(make_store):
    s = make_store()
    talk, secret = s.start_talk("deck", 5)
    for wrong in (None, "", "x" * 32, secret.upper() if secret.upper() != secret else secret + "A", talk.id * 3):
        with pytest.raises(WrongSecret) as err:
            s.move(talk.id, wrong, 3)
        assert err.value.status == 403 and "not move it" in str(err.value)
    assert s.talk(talk.id).slide == 0


def test_bad_requests_are_refused_with_a_status(make_store):
    s = make_store()
    talk, secret = s.start_talk("deck", 5)
    with pytest.raises(UnknownTalk) as unknown:
        s.move("NoSuchTalk12", secret, 1)
    assert unknown.value.status == 404
    for bad_id in ("", "short", "../../etc/passwd", "x" * 33, "a b c d e f g"):
        with pytest.raises(Malformed) as err:
            s.talk(bad_id)
        assert err.value.status == 400
    for bad_slide in (-1, 5, 99, "2", True, 1.5):
        with pytest.raises(Malformed):
            s.move(talk.id, secret, bad_slide)  # type: ignore[arg-type]
    for deck, slides in (("", 3), ("d", 0), ("d", 10_000)):
        with pytest.raises(Malformed):
            s.start_talk(deck, slides)


def test_idle_talks_are_forgotten(make_store):
    s = make_store(ttl=1)
    talk, secret = s.start_talk("deck", 3)
    time.sleep(2.2)
    s.forget_idle()
    assert s.talk(talk.id) is None and s.positions([talk.id]) == {}
    with pytest.raises(UnknownTalk):
        s.move(talk.id, secret, 1)


def test_poll_answers_count_each_voter_once(make_store):
    s = make_store()
    talk, _ = s.start_talk("deck", 3)
    s.answer(talk.id, "p1", "v1", "yes")
    s.answer(talk.id, "p1", "v2", "no")
    s.answer(talk.id, "p1", "v1", "no")  # changed their mind
    s.answer(talk.id, "p2", "v1", "yes")
    assert s.tally(talk.id, "p1") == {"no": 2}
    assert s.tally(talk.id, "p2") == {"yes": 1}
    with pytest.raises(UnknownTalk):
        s.answer("NoSuchTalk12", "p1", "v1", "yes")
    with pytest.raises(Malformed):
        s.answer(talk.id, "p1", "v1", "x" * 500)


def test_sqlite_moves_from_many_threads_lose_nothing(tmp_path):
    s = SqliteStore(tmp_path)
    talk, secret = s.start_talk("deck", 50)

    def step(i: int) -> None:
        SqliteStore(tmp_path).move(talk.id, secret, i % 2)  # a connection of its own, as another replica

    threads = [threading.Thread(target=step, args=(i,)) for i in range(1, 21)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert 1 <= s.talk(talk.id).seq <= 20
    assert s.path.name == "talks.sqlite3"
    assert s._db().execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_the_secret_is_not_stored(tmp_path):
    s = SqliteStore(tmp_path)
    _, secret = s.start_talk("deck", 3)
    assert secret.encode() not in s.path.read_bytes()
    assert secret_matches(secret, secret_hash(secret)) and not secret_matches("short", secret_hash(secret))


@pytest.mark.deploy
def test_open_store_follows_the_environment(tmp_path, monkeypatch, redis_url):
    monkeypatch.setenv("DASHBOARD_STATE_DIR", str(tmp_path / "here"))
    monkeypatch.delenv("DASHBOARD_STORE", raising=False)
    s = talk_store.open_store()
    assert talk_store.describe(s) == f"SQLite {tmp_path / 'here' / 'talks.sqlite3'}"
    monkeypatch.setenv("DASHBOARD_STORE", redis_url.replace("127.0.0.1", "user:pw@127.0.0.1"))
    assert "pw" not in talk_store.describe(talk_store.open_store())
    monkeypatch.setenv("DASHBOARD_STORE", "mysql://somewhere")
    with pytest.raises(StoreUnavailable, match="redis://"):
        talk_store.open_store()


def test_an_unreachable_redis_is_a_503_not_a_traceback():
    from dashboard.store.redis_store import RedisStore

    with socket_closed_port() as port:
        s = RedisStore(f"redis://127.0.0.1:{port}/0")
        with pytest.raises(StoreUnavailable) as err:
            s.start_talk("deck", 3)
    assert err.value.status == 503 and "cannot be reached" in str(err.value)


class socket_closed_port:
    def __enter__(self) -> int:
        import socket

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            return sock.getsockname()[1]

    def __exit__(self, *exc) -> None:
        return None

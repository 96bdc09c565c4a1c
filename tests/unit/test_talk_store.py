"""The talk store, SQLite and a real Redis, through the same tests: talks, secrets, moves, expiry,
positions, poll answers, and what a bad request gets."""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

import pytest

from dashboard import store as talk_store
from dashboard.store import Malformed, PollClosed, StoreUnavailable, UnknownPoll, UnknownTalk, WrongSecret
from dashboard.store.base import TALK_ID, new_talk_id, secret_hash, secret_matches
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


def wrong_by_one_letter(secret: str) -> str:
    """The secret with its last letter changed (never to the letter it already has)."""
    return secret[:-1] + ("y" if secret.endswith("x") else "x")


def test_a_talk_starts_with_a_secret_that_moves_it_on_another_replica(make_store):
    one, two = make_store(), make_store()
    talk, secret = one.start_talk("deck1", 12, slide=2)
    assert (talk.slide, talk.seq, talk.slides, talk.deck) == (2, 0, 12, "deck1")
    assert secret not in talk.id and talk.id not in secret and len(secret) >= 32
    seen = two.talk(talk.id)
    assert seen is not None and (seen.slide, seen.seq) == (2, 0)
    assert two.is_presenter(talk.id, secret) and not two.is_presenter(talk.id, wrong_by_one_letter(secret))
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
    s = make_store(ttl=0.5)  # half a second: Redis keeps fractions too (PEXPIRE)
    talk, secret = s.start_talk("deck", 3)
    time.sleep(1.2)
    s.forget_idle()
    assert s.talk(talk.id) is None and s.positions([talk.id]) == {}
    with pytest.raises(UnknownTalk):
        s.move(talk.id, secret, 1)


ABOUT = {"slide": 6, "crux": "debate-works", "question": "How safe is it?"}
V1, V2, V3 = "phone-one-aaaa", "phone-two-bbbb", "phone-three-cc"


def test_a_poll_opens_takes_one_credence_per_phone_and_closes_frozen(make_store):
    one, two = make_store(), make_store()  # the presenter on one replica, the phones on another
    talk, secret = one.start_talk("deck", 8, slide=5)
    with pytest.raises(UnknownPoll) as before:
        two.answer(talk.id, "the-crux", V1, 40)
    assert before.value.status == 404 and "not open" in str(before.value)
    poll = one.open_poll(talk.id, secret, "the-crux", ABOUT)
    assert poll.is_open and poll.about == ABOUT and two.talk(talk.id).seq == 1  # listeners hear of it
    two.answer(talk.id, "the-crux", V1, 40)
    two.answer(talk.id, "the-crux", V2, 90)
    two.answer(talk.id, "the-crux", V1, 70.4)  # changed their mind: replaces, rounded
    assert [a.value for a in one.answers(talk.id, "the-crux")] == [90, 70]
    assert two.voter_answer(talk.id, "the-crux", V1) == 70 and two.voter_answer(talk.id, "the-crux", V3) is None
    closed = two.close_poll(talk.id, secret, "the-crux")
    assert closed.closed is not None and closed.opened == poll.opened and one.talk(talk.id).seq == 2
    with pytest.raises(PollClosed) as shut:
        two.answer(talk.id, "the-crux", V3, 10)
    assert shut.value.status == 409 and "closed" in str(shut.value)
    with pytest.raises(PollClosed):
        two.answer(talk.id, "the-crux", V1, 10)  # no change after closing either
    assert sorted(a.value for a in one.answers(talk.id, "the-crux")) == [70, 90]
    assert [p.id for p in two.polls(talk.id)] == ["the-crux"] and two.poll(talk.id, "the-crux").state == "closed"
    again = one.open_poll(talk.id, secret, "the-crux", ABOUT)  # opened again: its first opening is kept
    assert again.is_open and again.opened == poll.opened


def test_an_answer_coming_in_or_changing_changes_the_talks_answer_mark_on_every_replica(make_store):
    one, two = make_store(), make_store()
    talk, secret = one.start_talk("deck", 4)
    other, _ = one.start_talk("deck", 4)
    one.open_poll(talk.id, secret, "p", ABOUT)
    marks = [one.answer_marks([talk.id, other.id, "NoSuchTalk12"])]
    assert set(marks[0]) == {talk.id, other.id}
    for voter, value in ((V1, 40), (V2, 60), (V1, 70), (V1, 70)):  # a new answer, another, a change, the same again
        time.sleep(0.002)  # an answer's time is its mark's part in SQLite
        two.answer(talk.id, "p", voter, value)
        marks.append(one.answer_marks([talk.id, other.id]))
    assert len({m[talk.id] for m in marks}) == len(marks)  # every answer changed it
    assert {m[other.id] for m in marks} == {marks[0][other.id]}  # the other talk's stayed
    two.close_poll(talk.id, secret, "p")
    with pytest.raises(PollClosed):
        two.answer(talk.id, "p", V3, 10)
    assert one.answer_marks([talk.id])[talk.id] == marks[-1][talk.id]  # a refused answer changes nothing


def test_poll_answers_that_are_refused_are_never_stored(make_store):
    s = make_store()
    talk, secret = s.start_talk("deck", 3)
    s.open_poll(talk.id, secret, "p", ABOUT)
    for value in (-1, 101, 1e9, float("nan"), "50", None, True, [50]):
        with pytest.raises(Malformed) as err:
            s.answer(talk.id, "p", V1, value)  # type: ignore[arg-type]
        assert err.value.status == 400 and "0 to 100" in str(err.value)
    for voter in ("", "short", "x" * 65, "bad voter id!"):
        with pytest.raises(Malformed, match="voter id"):
            s.answer(talk.id, "p", voter, 50)
    with pytest.raises(Malformed):
        s.answer(talk.id, "Bad Poll", V1, 50)
    with pytest.raises(UnknownTalk):
        s.answer("NoSuchTalk12", "p", V1, 50)
    with pytest.raises(WrongSecret):
        s.open_poll(talk.id, "x" * 32, "q", ABOUT)
    with pytest.raises(WrongSecret):
        s.close_poll(talk.id, None, "p")
    with pytest.raises(UnknownPoll):
        s.close_poll(talk.id, secret, "never-opened")
    assert s.answers(talk.id, "p") == [] and s.poll(talk.id, "q") is None


def test_a_forgotten_talk_takes_its_polls_with_it(make_store):
    s = make_store(ttl=0.5)  # half a second: Redis keeps fractions too (PEXPIRE)
    talk, secret = s.start_talk("deck", 3)
    s.open_poll(talk.id, secret, "p", ABOUT)
    s.answer(talk.id, "p", V1, 30)
    time.sleep(1.2)
    s.forget_idle()
    with pytest.raises(UnknownTalk):
        s.answer(talk.id, "p", V2, 30)
    assert s.poll(talk.id, "p") is None and s.polls(talk.id) == [] and s.answers(talk.id, "p") == []


def test_readers_share_and_withdraw_pooled_credences(make_store):
    one, two = make_store(), make_store()
    one.share_credence("pack-abc", "debate-works", V1, 20)
    two.share_credence("pack-abc", "debate-works", V2, 80)
    two.share_credence("pack-abc", "debate-works", V1, 30)  # replaces
    two.share_credence("pack-abc", "scales", V2, 55)
    two.share_credence("pack-other", "scales", V2, 5)
    assert one.pooled("pack-abc") == {"debate-works": [30, 80], "scales": [55]}
    one.share_credence("pack-abc", "scales", V2, None)
    assert two.pooled("pack-abc") == {"debate-works": [30, 80]}
    with pytest.raises(Malformed):
        one.share_credence("pack-abc", "scales", V2, 120)


def test_no_voter_id_is_stored(tmp_path):
    s = SqliteStore(tmp_path)
    talk, secret = s.start_talk("deck", 3)
    s.open_poll(talk.id, secret, "p", ABOUT)
    s.answer(talk.id, "p", "a-very-recognisable-voter-id", 50)
    s.close()
    assert b"recognisable" not in b"".join(f.read_bytes() for f in tmp_path.glob("talks.sqlite3*"))


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


def test_talk_ids_never_begin_with_a_dash():
    """A command line takes a leading "-" for an option: ``talk-results ID`` refused one talk in 64."""
    made = [new_talk_id() for _ in range(2000)]
    assert not [t for t in made if t.startswith("-")]
    assert all(TALK_ID.match(t) for t in made)

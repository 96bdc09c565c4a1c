"""The talk store in one SQLite file: the default, nothing to set up, safe for several replica
processes on one host (WAL journal, a busy timeout, every change in one short transaction).

One connection per thread (sqlite3 connections are not shared between threads).
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterable
from pathlib import Path

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

FILE_NAME = "talks.sqlite3"
BUSY_TIMEOUT_MS = 5000

SCHEMA = """
CREATE TABLE IF NOT EXISTS talks (
    id TEXT PRIMARY KEY,
    secret_hash BLOB NOT NULL,
    deck TEXT NOT NULL,
    slides INTEGER NOT NULL,
    slide INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    created REAL NOT NULL,
    touched REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS talks_touched ON talks (touched);
CREATE TABLE IF NOT EXISTS polls (
    talk TEXT NOT NULL REFERENCES talks (id) ON DELETE CASCADE,
    poll TEXT NOT NULL,
    about TEXT NOT NULL,
    opened REAL NOT NULL,
    closed REAL,
    PRIMARY KEY (talk, poll)
);
CREATE TABLE IF NOT EXISTS credences (
    talk TEXT NOT NULL,
    poll TEXT NOT NULL,
    voter TEXT NOT NULL,
    value INTEGER NOT NULL,
    at REAL NOT NULL,
    PRIMARY KEY (talk, poll, voter),
    FOREIGN KEY (talk, poll) REFERENCES polls (talk, poll) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS reader_credences (
    pool TEXT NOT NULL,
    crux TEXT NOT NULL,
    reader TEXT NOT NULL,
    value INTEGER NOT NULL,
    at REAL NOT NULL,
    PRIMARY KEY (pool, crux, reader)
);
DROP TABLE IF EXISTS answers;
CREATE TABLE IF NOT EXISTS decks (
    talk TEXT PRIMARY KEY REFERENCES talks (id) ON DELETE CASCADE,
    content TEXT NOT NULL
);
"""

_COLUMNS = "id, deck, slides, slide, seq, created, touched"


class SqliteStore(Store):
    def __init__(self, directory: str | Path, *, ttl: float = DEFAULT_TTL_S) -> None:
        self.directory = Path(directory)
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise StoreUnavailable(f"Cannot make the talk store's directory {self.directory}: {err.strerror}") from err
        self.path = self.directory / FILE_NAME
        self.ttl = ttl
        self._local = threading.local()
        with self._db() as db:
            db.executescript(SCHEMA)

    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            try:
                db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
                db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                db.execute("PRAGMA journal_mode = WAL")
                db.execute("PRAGMA synchronous = NORMAL")
                db.execute("PRAGMA foreign_keys = ON")
            except sqlite3.Error as err:
                raise StoreUnavailable(f"Cannot open the talk store {self.path}: {err}") from err
            self._local.db = db
        return db

    def _write(self, sql: str, args: tuple = ()) -> sqlite3.Cursor:
        db = self._db()
        try:
            return db.execute(sql, args)
        except sqlite3.OperationalError as err:  # locked past the busy timeout, disk full, read-only
            raise StoreUnavailable(f"The talk store is not writable now: {err}") from err

    @staticmethod
    def _talk(row: tuple | None) -> Talk | None:
        return None if row is None else Talk(*row)

    def start_talk(self, deck: str, slides: int, *, slide: int = 0) -> tuple[Talk, str]:
        check_new_talk(deck, slides, slide)
        self.forget_idle()
        secret, now = new_secret(), time.time()
        talk = Talk(new_talk_id(), deck, slides, slide, 0, now, now)
        self._write(
            "INSERT INTO talks (id, secret_hash, deck, slides, slide, seq, created, touched) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (talk.id, secret_hash(secret), deck, slides, slide, 0, now, now),
        )
        return talk, secret

    def talk(self, talk_id: str) -> Talk | None:
        check_talk_id(talk_id)
        row = (
            self._db()
            .execute(f"SELECT {_COLUMNS} FROM talks WHERE id = ? AND touched >= ?", (talk_id, time.time() - self.ttl))
            .fetchone()
        )
        return self._talk(row)

    def _stored_hash(self, talk_id: str) -> bytes | None:
        row = (
            self._db()
            .execute("SELECT secret_hash FROM talks WHERE id = ? AND touched >= ?", (talk_id, time.time() - self.ttl))
            .fetchone()
        )
        return None if row is None else bytes(row[0])

    def is_presenter(self, talk_id: str, secret: str | None) -> bool:
        check_talk_id(talk_id)
        return secret_matches(secret, self._stored_hash(talk_id))

    def move(self, talk_id: str, secret: str | None, slide: int) -> Talk:
        now = self._presenters_talk(talk_id, secret)
        check_slide(slide, now.slides)
        # One statement: the seq grows only when the slide changes; the time of activity always.
        self._write(
            "UPDATE talks SET seq = seq + (slide != ?), slide = ?, touched = ? WHERE id = ?",
            (slide, slide, time.time(), talk_id),
        )
        moved = self.talk(talk_id)
        if moved is None:
            raise UnknownTalk(talk_id)
        return moved

    def positions(self, talk_ids: Iterable[str]) -> dict[str, tuple[int, int]]:
        ids = list(talk_ids)
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self._db().execute(
            f"SELECT id, seq, slide FROM talks WHERE id IN ({marks}) AND touched >= ?", (*ids, time.time() - self.ttl)
        )
        return {tid: (seq, slide) for tid, seq, slide in rows}

    def answer_marks(self, talk_ids: Iterable[str]) -> dict[str, str]:
        ids = list(talk_ids)
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        # A new answer adds a row; a changed one gets a later time.
        rows = self._db().execute(
            "SELECT t.id, (SELECT COUNT(*) || ' ' || IFNULL(MAX(c.at), 0) FROM credences c WHERE c.talk = t.id)"
            f" FROM talks t WHERE t.id IN ({marks}) AND t.touched >= ?",
            (*ids, time.time() - self.ttl),
        )
        return {tid: mark for tid, mark in rows}

    def _presenters_talk(self, talk_id: str, secret: str | None) -> Talk:
        check_talk_id(talk_id)
        stored = self._stored_hash(talk_id)
        if stored is None:
            raise UnknownTalk(talk_id)
        if not secret_matches(secret, stored):
            raise WrongSecret()
        now = self.talk(talk_id)
        if now is None:
            raise UnknownTalk(talk_id)
        return now

    def set_deck(self, talk_id: str, secret: str | None, content: str, deck: str, slides: int) -> Talk:
        check_deck(content, deck, slides)
        self._presenters_talk(talk_id, secret)
        db = self._db()
        try:  # the talk's row and its slides change together
            db.execute("BEGIN IMMEDIATE")
            db.execute(
                "UPDATE talks SET deck = ?, slides = ?, slide = MIN(slide, ?), seq = seq + 1, touched = ? WHERE id = ?",
                (deck, slides, slides - 1, time.time(), talk_id),
            )
            db.execute(
                "INSERT INTO decks (talk, content) VALUES (?, ?) ON CONFLICT (talk) DO UPDATE SET content = excluded.content",
                (talk_id, content),
            )
            db.execute("COMMIT")
        except sqlite3.OperationalError as err:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise StoreUnavailable(f"The talk store is not writable now: {err}") from err
        changed = self.talk(talk_id)
        if changed is None:
            raise UnknownTalk(talk_id)
        return changed

    def deck_content(self, talk_id: str) -> str | None:
        check_talk_id(talk_id)
        row = (
            self._db()
            .execute(
                "SELECT d.content FROM decks d JOIN talks t ON t.id = d.talk WHERE d.talk = ? AND t.touched >= ?",
                (talk_id, time.time() - self.ttl),
            )
            .fetchone()
        )
        return None if row is None else str(row[0])

    def forget_idle(self) -> int:
        return self._write("DELETE FROM talks WHERE touched < ?", (time.time() - self.ttl,)).rowcount

    # ---- live credence polls ----------------------------------------------------------------------
    def _presenter(self, talk_id: str, secret: str | None) -> None:
        stored = self._stored_hash(talk_id)
        if stored is None:
            raise UnknownTalk(talk_id)
        if not secret_matches(secret, stored):
            raise WrongSecret()

    def _poll_changed(self, db: sqlite3.Connection, talk_id: str, now: float) -> None:
        """Opening or closing a poll counts as a move: every listener reads the talk again."""
        db.execute("UPDATE talks SET seq = seq + 1, touched = ? WHERE id = ?", (now, talk_id))

    def open_poll(self, talk_id: str, secret: str | None, poll: str, about: dict[str, str | int]) -> Poll:
        check_poll(talk_id, poll)
        about = check_about(about)
        self._presenter(talk_id, secret)
        now = time.time()
        db = self._db()
        try:
            with db:
                db.execute("BEGIN IMMEDIATE")
                db.execute(
                    "INSERT INTO polls (talk, poll, about, opened, closed) VALUES (?, ?, ?, ?, NULL) "
                    "ON CONFLICT (talk, poll) DO UPDATE SET closed = NULL, about = excluded.about",
                    (talk_id, poll, json.dumps(about), now),
                )
                self._poll_changed(db, talk_id, now)
        except sqlite3.OperationalError as err:
            raise StoreUnavailable(f"The talk store is not writable now: {err}") from err
        found = self.poll(talk_id, poll)
        if found is None:
            raise UnknownTalk(talk_id)
        return found

    def close_poll(self, talk_id: str, secret: str | None, poll: str) -> Poll:
        check_poll(talk_id, poll)
        self._presenter(talk_id, secret)
        now = time.time()
        db = self._db()
        try:
            with db:
                db.execute("BEGIN IMMEDIATE")
                changed = db.execute(
                    "UPDATE polls SET closed = ? WHERE talk = ? AND poll = ? AND closed IS NULL", (now, talk_id, poll)
                ).rowcount
                if changed:
                    self._poll_changed(db, talk_id, now)
        except sqlite3.OperationalError as err:
            raise StoreUnavailable(f"The talk store is not writable now: {err}") from err
        found = self.poll(talk_id, poll)
        if found is None:
            raise UnknownPoll()
        return found

    @staticmethod
    def _poll(talk_id: str, row: tuple) -> Poll:
        poll, about, opened, closed = row
        return Poll(talk_id, poll, opened, closed, json.loads(about))

    def poll(self, talk_id: str, poll: str) -> Poll | None:
        check_poll(talk_id, poll)
        row = (
            self._db()
            .execute(
                "SELECT p.poll, p.about, p.opened, p.closed FROM polls p JOIN talks t ON t.id = p.talk "
                "WHERE p.talk = ? AND p.poll = ? AND t.touched >= ?",
                (talk_id, poll, time.time() - self.ttl),
            )
            .fetchone()
        )
        return None if row is None else self._poll(talk_id, row)

    def polls(self, talk_id: str) -> list[Poll]:
        check_talk_id(talk_id)
        rows = self._db().execute(
            "SELECT p.poll, p.about, p.opened, p.closed FROM polls p JOIN talks t ON t.id = p.talk "
            "WHERE p.talk = ? AND t.touched >= ? ORDER BY p.opened, p.poll",
            (talk_id, time.time() - self.ttl),
        )
        return [self._poll(talk_id, r) for r in rows]

    def answer(self, talk_id: str, poll: str, voter: str, value: int) -> None:
        credence = check_answer(talk_id, poll, voter, value)
        now = time.time()
        # One statement: stored only while the talk is live and the poll open; a later answer replaces.
        stored = self._write(
            "INSERT INTO credences (talk, poll, voter, value, at) SELECT ?, ?, ?, ?, ? WHERE EXISTS ("
            " SELECT 1 FROM polls p JOIN talks t ON t.id = p.talk"
            " WHERE p.talk = ? AND p.poll = ? AND p.closed IS NULL AND t.touched >= ?) "
            "ON CONFLICT (talk, poll, voter) DO UPDATE SET value = excluded.value, at = excluded.at",
            (talk_id, poll, voter_digest(talk_id, poll, voter), credence, now, talk_id, poll, now - self.ttl),
        ).rowcount
        if stored:
            return
        if self.talk(talk_id) is None:
            raise UnknownTalk(talk_id)
        if self.poll(talk_id, poll) is None:
            raise UnknownPoll()
        raise PollClosed()

    def answers(self, talk_id: str, poll: str) -> list[Answer]:
        check_poll(talk_id, poll)
        rows = self._db().execute(
            "SELECT value, at FROM credences WHERE talk = ? AND poll = ? ORDER BY at, voter", (talk_id, poll)
        )
        return [Answer(v, at) for v, at in rows]

    def voter_answer(self, talk_id: str, poll: str, voter: str) -> int | None:
        check_poll(talk_id, poll)
        row = (
            self._db()
            .execute(
                "SELECT value FROM credences WHERE talk = ? AND poll = ? AND voter = ?",
                (talk_id, poll, voter_digest(talk_id, poll, voter)),
            )
            .fetchone()
        )
        return None if row is None else int(row[0])

    # ---- readers' pooled credences --------------------------------------------------------------
    def share_credence(self, pool: str, crux: str, reader: str, value: int | None) -> None:
        credence = check_share(pool, crux, reader, value)
        who = reader_digest(pool, reader)
        if credence is None:
            self._write("DELETE FROM reader_credences WHERE pool = ? AND crux = ? AND reader = ?", (pool, crux, who))
            return
        self._write(
            "INSERT INTO reader_credences (pool, crux, reader, value, at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (pool, crux, reader) DO UPDATE SET value = excluded.value, at = excluded.at",
            (pool, crux, who, credence, time.time()),
        )

    def pooled(self, pool: str) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        for crux, value in self._db().execute(
            "SELECT crux, value FROM reader_credences WHERE pool = ? ORDER BY crux, value", (pool,)
        ):
            out.setdefault(crux, []).append(int(value))
        return out

    def close(self) -> None:
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None

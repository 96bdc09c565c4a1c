"""The talk store in one SQLite file: the default, nothing to set up, safe for several replica
processes on one host (WAL journal, a busy timeout, every change in one short transaction).

One connection per thread (sqlite3 connections are not shared between threads).
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterable
from pathlib import Path

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
CREATE TABLE IF NOT EXISTS answers (
    talk TEXT NOT NULL REFERENCES talks (id) ON DELETE CASCADE,
    poll TEXT NOT NULL,
    voter TEXT NOT NULL,
    choice TEXT NOT NULL,
    at REAL NOT NULL,
    PRIMARY KEY (talk, poll, voter)
);
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
        check_talk_id(talk_id)
        stored = self._stored_hash(talk_id)
        if stored is None:
            raise UnknownTalk(talk_id)
        if not secret_matches(secret, stored):
            raise WrongSecret()
        now = self.talk(talk_id)
        if now is None:
            raise UnknownTalk(talk_id)
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

    def answer(self, talk_id: str, poll: str, voter: str, choice: str) -> None:
        check_answer(talk_id, poll, voter, choice)
        if self.talk(talk_id) is None:
            raise UnknownTalk(talk_id)
        self._write(
            "INSERT INTO answers (talk, poll, voter, choice, at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (talk, poll, voter) DO UPDATE SET choice = excluded.choice, at = excluded.at",
            (talk_id, poll, voter, choice, time.time()),
        )

    def tally(self, talk_id: str, poll: str) -> dict[str, int]:
        check_talk_id(talk_id)
        rows = self._db().execute(
            "SELECT choice, COUNT(*) FROM answers WHERE talk = ? AND poll = ? GROUP BY choice ORDER BY choice",
            (talk_id, poll),
        )
        return dict(rows)

    def close(self) -> None:
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None

"""Sessions in one SQLite file: WAL, one transaction per answer, owner-only files.

Why SQLite: it ships with Python, needs no server, and with write-ahead logging
several worker processes can read while one writes. ``synchronous=FULL`` makes every
committed answer durable before the client hears "ok", so ``kill -9`` (or a power
cut) loses nothing that was acknowledged. The file is created 0600 in a 0700 folder;
SQLite gives its -wal and -shm files the same permissions.

Each thread has its own connection (``connection()``); other stores of the web layer
(the pages' region histories) use :func:`open_database` and :meth:`transaction` on
the same file.
"""
from __future__ import annotations

import contextlib
import datetime
import json
import os
import re
import sqlite3
import threading
from pathlib import Path

from nq_advisor.web.store import SessionNotFound, StoredSession, new_session_id, utcnow

BUSY_TIMEOUT_MS = 10_000
_ID = re.compile(r"^[A-Za-z0-9_-]{22,64}$")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY,
    subject TEXT NOT NULL,
    as_of TEXT,
    lang TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_updated ON sessions (updated);
CREATE TABLE IF NOT EXISTS answers (
    session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    field TEXT NOT NULL,
    value TEXT NOT NULL,
    given INTEGER NOT NULL DEFAULT 0,
    seq INTEGER NOT NULL,
    PRIMARY KEY (session_id, field)
);
CREATE TABLE IF NOT EXISTS skips (
    session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    field TEXT NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (session_id, field)
);
"""


def create_private_file(path: Path) -> None:
    """Create ``path`` empty with mode 0600 unless it exists (then tighten it to 0600)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        os.chmod(path, 0o600)
    else:
        os.close(fd)


def open_database(path: str | os.PathLike) -> sqlite3.Connection:
    """A connection to the database file (created 0600), in WAL mode, autocommit (see ``transaction``)."""
    path = Path(path)
    create_private_file(path)
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection):
    """One write transaction (BEGIN IMMEDIATE ... COMMIT, ROLLBACK on any error)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _iso(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.timezone.utc).isoformat(timespec="microseconds")


class SqliteSessionStore:
    """``SessionStore`` on one SQLite file; safe for threads (a connection each) and processes (WAL)."""

    def __init__(self, path: str | os.PathLike, retention_days: int = 30, clock=utcnow):
        self.path = Path(path)
        self.retention = datetime.timedelta(days=retention_days)
        self.clock = clock
        self._local = threading.local()
        self.connection().executescript(_SCHEMA)

    # --- connections ------------------------------------------------------------------------
    def connection(self) -> sqlite3.Connection:
        """This thread's connection to the database file."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = open_database(self.path)
        return conn

    def transaction(self):
        """``with store.transaction() as conn:`` one write transaction on this thread's connection."""
        return transaction(self.connection())

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    # --- SessionStore -----------------------------------------------------------------------
    def create(self, subject: str, facts: dict, as_of: datetime.date | None, lang: str) -> str:
        session_id = new_session_id()
        now = _iso(self.clock())
        with self.transaction() as conn:
            conn.execute("INSERT INTO sessions (id, subject, as_of, lang, created, updated) VALUES (?, ?, ?, ?, ?, ?)",
                         (session_id, subject, as_of.isoformat() if as_of else None, lang, now, now))
            conn.executemany("INSERT INTO answers (session_id, field, value, given, seq) VALUES (?, ?, ?, 1, ?)",
                             [(session_id, name, _dump(value), seq) for seq, (name, value) in enumerate(facts.items())])
        return session_id

    def get(self, session_id: str) -> StoredSession | None:
        if not isinstance(session_id, str) or not _ID.match(session_id):
            return None
        conn = self.connection()
        row = conn.execute("SELECT subject, as_of, lang, created, updated FROM sessions WHERE id = ?",
                           (session_id,)).fetchone()
        if row is None:
            return None
        subject, as_of, lang, created, updated = row
        updated = datetime.datetime.fromisoformat(updated)
        if updated < self.clock() - self.retention:
            return None  # expired: gone for the clients even before the purge deletes it
        answers, given = {}, []
        for name, value, was_given in conn.execute(
                "SELECT field, value, given FROM answers WHERE session_id = ? ORDER BY seq", (session_id,)):
            answers[name] = json.loads(value)
            if was_given:
                given.append(name)
        skipped = [name for (name,) in conn.execute(
            "SELECT field FROM skips WHERE session_id = ? ORDER BY seq", (session_id,))]
        return StoredSession(session_id, subject, answers, skipped,
                             datetime.date.fromisoformat(as_of) if as_of else None, lang,
                             datetime.datetime.fromisoformat(created), updated, given)

    def set_answer(self, session_id: str, field: str, value) -> None:
        with self.transaction() as conn:
            self._touch(conn, session_id)
            conn.execute("DELETE FROM skips WHERE session_id = ? AND field = ?", (session_id, field))
            conn.execute("INSERT INTO answers (session_id, field, value, given, seq) VALUES (?, ?, ?, 0, "
                         "(SELECT COALESCE(MAX(seq), -1) + 1 FROM answers WHERE session_id = ?)) "
                         "ON CONFLICT (session_id, field) DO UPDATE SET value = excluded.value",
                         (session_id, field, _dump(value), session_id))

    def set_skip(self, session_id: str, field: str) -> None:
        with self.transaction() as conn:
            self._touch(conn, session_id)
            conn.execute("DELETE FROM answers WHERE session_id = ? AND field = ?", (session_id, field))
            conn.execute("INSERT OR IGNORE INTO skips (session_id, field, seq) VALUES (?, ?, "
                         "(SELECT COALESCE(MAX(seq), -1) + 1 FROM skips WHERE session_id = ?))",
                         (session_id, field, session_id))

    def delete(self, session_id: str) -> bool:
        with self.transaction() as conn:
            return conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,)).rowcount > 0

    def purge_expired(self, now: datetime.datetime) -> int:
        with self.transaction() as conn:
            return conn.execute("DELETE FROM sessions WHERE updated < ?", (_iso(now - self.retention),)).rowcount

    def _touch(self, conn: sqlite3.Connection, session_id: str) -> None:
        limit = _iso(self.clock() - self.retention)
        changed = conn.execute("UPDATE sessions SET updated = ? WHERE id = ? AND updated >= ?",
                               (_iso(self.clock()), session_id, limit)).rowcount
        if not changed:
            raise SessionNotFound(session_id)


def _dump(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

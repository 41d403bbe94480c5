"""The session store: the one place that must never lose an answer.

``SessionStore`` is the interface the API and the pages use; ``store_sqlite`` is the
default (one file, several worker processes). A deployment with several instances can
put a server database behind the same interface: every change is one call, and each
call must be one transaction, so that an answer acknowledged to the client survives a
killed server.
"""
from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass, field
from typing import Protocol

ID_BYTES = 24  # secrets.token_urlsafe(24): 192 random bits, 32 characters


def new_session_id() -> str:
    """An interview id that cannot be guessed (at least 128 random bits, here 192)."""
    return secrets.token_urlsafe(ID_BYTES)


def utcnow() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc)


class SessionNotFound(LookupError):
    """No session with this id (never created, deleted, or expired)."""


@dataclass
class StoredSession:
    """A session as stored: the answers (document values, in the order first given) and skips."""

    id: str
    subject: str
    answers: dict
    skipped: list[str]
    as_of: datetime.date | None
    lang: str
    created: datetime.datetime
    updated: datetime.datetime
    given: list[str] = field(default_factory=list)  # fields given at creation (always used by the advice)


class SessionStore(Protocol):
    def create(self, subject: str, facts: dict, as_of: datetime.date | None, lang: str) -> str:
        """Store a new session with ``facts`` (validated, document values) as given answers; return its id."""

    def get(self, session_id: str) -> StoredSession | None:
        """The session, or None when there is none (also when it has expired)."""

    def set_answer(self, session_id: str, field: str, value) -> None:
        """Record or revise one answer (and un-skip the field) in one transaction; SessionNotFound if absent."""

    def set_skip(self, session_id: str, field: str) -> None:
        """Mark a field skipped (and forget its answer) in one transaction; SessionNotFound if absent."""

    def delete(self, session_id: str) -> bool:
        """Remove the session and every answer at once; False when there was none."""

    def purge_expired(self, now: datetime.datetime) -> int:
        """Delete every session not changed within the retention period; return how many."""

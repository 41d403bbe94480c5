"""Region snapshot histories of the pages, in the session database (beside the interview answers).

The same rules as a history file of ``nq-advisor region track`` (nq_advisor.region.history):
dated snapshots of the region's facts, forward in time, a second snapshot of the same day
replaces the first. A snapshot belongs to a region interview and goes with it: deleting or
expiring the session deletes its snapshots (foreign key, ON DELETE CASCADE).
"""
from __future__ import annotations

import datetime
import json
from pathlib import Path

from nq_advisor.inference.facts import facts_document
from nq_advisor.region.history import History, Snapshot

_SCHEMA = """
CREATE TABLE IF NOT EXISTS region_snapshots (
    session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    facts TEXT NOT NULL,
    PRIMARY KEY (session_id, day)
);
"""


class RegionStore:
    """Snapshots per region session, on the connections of the session store (one SQLite file)."""

    def __init__(self, sessions):
        self.sessions = sessions
        sessions.connection().executescript(_SCHEMA)

    def history(self, session_id: str, advisor, lang: str = "de") -> History:
        """The session's snapshots as a History (validated like a history file), oldest first."""
        rows = self.sessions.connection().execute(
            "SELECT day, facts FROM region_snapshots WHERE session_id = ? ORDER BY day", (session_id,)).fetchall()
        return self._history(session_id, rows, advisor, lang)

    def add(self, session_id: str, day: datetime.date, facts: dict, advisor, lang: str = "de") -> tuple[bool, int]:
        """Add (or replace the same day's) snapshot in one transaction; (replaced, number of snapshots).

        Raises UsageError for a date before the last snapshot, as ``region track`` does."""
        with self.sessions.transaction() as conn:
            rows = conn.execute("SELECT day, facts FROM region_snapshots WHERE session_id = ? ORDER BY day",
                                (session_id,)).fetchall()
            history = self._history(session_id, rows, advisor, lang)
            replaced = history.add(Snapshot(day, facts))
            conn.execute("INSERT INTO region_snapshots (session_id, day, facts) VALUES (?, ?, ?) "
                         "ON CONFLICT (session_id, day) DO UPDATE SET facts = excluded.facts",
                         (session_id, day.isoformat(), json.dumps(facts_document(facts), ensure_ascii=False)))
            conn.execute("UPDATE sessions SET updated = ? WHERE id = ?",
                         (datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="microseconds"), session_id))
        return replaced, len(history.snapshots)

    @staticmethod
    def _history(session_id: str, rows, advisor, lang: str) -> History:
        history = History(Path("region"), lang=lang)
        for day, facts in rows:
            _, parsed = advisor.parse({"region": json.loads(facts)}, lang, f"snapshot {day}")
            history.snapshots.append(Snapshot(datetime.date.fromisoformat(day), parsed))
        return history

"""The outbox: the till's ledger events that are still to be sent, read straight from the ledger file.

The ledger's ``events`` table (``docs/ledger.md``) is already an outbox: append-only, numbered
1, 2, 3, ... without a gap, each row committed before the till acts on it. So nothing is copied
into a second table; the replicator asks the central database how far it has this till and reads
the events after that number. This reader has its own SQLite connection, set to read only (the
ledger's WAL lets it read while the till writes), so it never waits for the till's lock and can
never change the legal original.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path


class LedgerGapError(Exception):
    """The ledger's own numbering has a gap: something outside the till changed the file."""


@dataclass(frozen=True)
class OutboxEvent:
    """One ledger event as it is sent: ``payload`` is the ledger's JSON text, unchanged."""

    seq: int
    sale_id: str
    kind: str
    payload: str
    recorded_at: str


class LedgerOutbox:
    """Reads a till's ledger events in sequence order.

    Args:
        ledger_file: the till's ``journal.sqlite3`` (``AppPaths.journal_file``); the ledger
            creates it, this class only reads it (an empty ledger until then).
    """

    def __init__(self, ledger_file: Path | str) -> None:
        self.ledger_file = Path(ledger_file)
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None

    def _connection(self) -> sqlite3.Connection | None:
        if self._db is None:
            if not self.ledger_file.exists():
                return None
            db = sqlite3.connect(str(self.ledger_file), check_same_thread=False, timeout=10.0)
            # Refuses every write on this connection: the replication reads the ledger only.
            db.execute("PRAGMA query_only = ON")
            self._db = db
        return self._db

    def last_seq(self) -> int:
        """The highest sequence number in the ledger (0: no event yet)."""
        with self._lock:
            db = self._connection()
            if db is None or not _has_events_table(db):
                return 0
            row = db.execute("SELECT COALESCE(MAX(seq), 0) FROM events").fetchone()
            return int(row[0])

    def events_after(self, seq: int, limit: int) -> list[OutboxEvent]:
        """Up to ``limit`` events with a number above ``seq``, in order, checked to be contiguous.

        Raises :class:`LedgerGapError` when a number is missing: an event is never sent past a
        hole in the ledger.
        """
        with self._lock:
            db = self._connection()
            if db is None or not _has_events_table(db):
                return []
            rows = db.execute(
                "SELECT seq, subject_id, kind, payload, recorded_at FROM events WHERE seq > ? ORDER BY seq LIMIT ?",
                (seq, limit),
            ).fetchall()
        events = [OutboxEvent(int(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4])) for r in rows]
        for expected, event in enumerate(events, start=seq + 1):
            if event.seq != expected:
                raise LedgerGapError(
                    f"{self.ledger_file}: event {expected} is missing (next is {event.seq}); not sending past it"
                )
        return events

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None


def _has_events_table(db: sqlite3.Connection) -> bool:
    row = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'").fetchone()
    return row is not None

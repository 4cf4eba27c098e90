"""Read-only queries on a ledger file for the DSFinV-K export: a range of events, streamed.

The export reads a closing's events one by one from a cursor (never a list of a whole range) on
its own read-only connection, so a long export neither holds the till's ledger lock nor the
range in memory; the file is in WAL mode, so the till keeps writing meanwhile. Every read here
is of the ``events`` table alone (never the ``sales`` read model), so a ledger written in bulk
(the benchmark's) reads the same as a till's.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pos_gui.persistence.day_events import DayEventKind, LedgerEvent
from pos_gui.persistence.sale_events import EventKind

# The events that each become one receipt of the export (a sale's payment, a Storno, a cash
# movement, a float count); an aborted sale counts when it has a TSE transaction, and a Z
# closing when its count differs from the expected cash (DifferenzSollIst).
_RECEIPT_KINDS = (
    EventKind.PAYMENT_CONFIRMED.value,
    DayEventKind.STORNO_BOOKED.value,
    DayEventKind.CASH_MOVED.value,
    DayEventKind.FLOAT_COUNTED.value,
)


class LedgerReader:
    """A read-only connection to the ledger file at ``path`` (a context manager)."""

    def __init__(self, path: Path) -> None:
        self._db = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True, timeout=10.0)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> LedgerReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def events(self, *, after_seq: int, up_to_seq: int | None = None) -> Iterator[LedgerEvent]:
        """Every event with ``after_seq < seq <= up_to_seq``, in order, one at a time."""
        upper = up_to_seq if up_to_seq is not None else (1 << 62)
        cursor = self._db.execute(
            "SELECT seq, subject_id, kind, payload, recorded_at FROM events "
            "WHERE seq > ? AND seq <= ? ORDER BY seq",
            (after_seq, upper),
        )
        loads = json.loads
        for seq, subject_id, kind, payload, recorded_at in cursor:
            yield LedgerEvent(seq, subject_id, kind, loads(payload), recorded_at)

    def events_of_kinds(self, kinds: tuple[str, ...]) -> list[LedgerEvent]:
        """Every event of ``kinds`` in the file (logins, Z closings: a few per day)."""
        rows = self._db.execute(
            "SELECT seq, subject_id, kind, payload, recorded_at FROM events "
            f"WHERE kind IN ({', '.join('?' for _ in kinds)}) ORDER BY seq",
            kinds,
        ).fetchall()
        return [LedgerEvent(r[0], r[1], r[2], json.loads(r[3]), r[4]) for r in rows]

    def events_of_subject(self, subject_id: str) -> list[LedgerEvent]:
        """Every event of one sale (or one day-event subject), in order."""
        rows = self._db.execute(
            "SELECT seq, subject_id, kind, payload, recorded_at FROM events WHERE subject_id = ? ORDER BY seq",
            (subject_id,),
        ).fetchall()
        return [LedgerEvent(r[0], r[1], r[2], json.loads(r[3]), r[4]) for r in rows]

    def receipts_up_to(self, seq: int) -> int:
        """How many export receipts the events up to ``seq`` make (the running BON_NR before them)."""
        marks = ", ".join("?" for _ in _RECEIPT_KINDS)
        row = self._db.execute(
            f"SELECT (SELECT COUNT(*) FROM events WHERE seq <= ? AND kind IN ({marks}))"
            " + (SELECT COUNT(*) FROM events WHERE seq <= ? AND kind = ? AND subject_id IN"
            "    (SELECT subject_id FROM events WHERE kind = ?))"
            " + (SELECT COUNT(*) FROM events WHERE seq <= ? AND kind = ?"
            "    AND json_extract(payload, '$.difference') != 0)",
            (
                seq,
                *_RECEIPT_KINDS,
                seq,
                EventKind.SALE_ABORTED.value,
                EventKind.TSE_TX_PLANNED.value,
                seq,
                DayEventKind.Z_CLOSED.value,
            ),
        ).fetchone()
        return int(row[0])

    def tse_units(self, after_seq: int) -> list[dict[str, Any]]:
        """Each TSE that finished a transaction after ``after_seq``: serial, public key, algorithm,
        time format (from the ``tse_finished`` answers of sales and Stornos), in the order first used."""
        rows = self._db.execute(
            "SELECT json_extract(payload, '$.tse_result.tss_serial_number'),"
            " json_extract(payload, '$.tse_result.signature.public_key'),"
            " json_extract(payload, '$.tse_result.signature.algorithm'),"
            " json_extract(payload, '$.tse_result.timestamp_format'), MIN(seq) "
            "FROM events WHERE kind IN (?, ?) AND seq > ? GROUP BY 1 ORDER BY 5",
            (EventKind.TSE_FINISHED.value, DayEventKind.STORNO_TSE_FINISHED.value, after_seq),
        ).fetchall()
        return [
            {"serial": r[0], "public_key": r[1], "algorithm": r[2], "time_format": r[3]} for r in rows if r[0]
        ]

    def last_client_serial(self) -> str:
        """The till's serial at its TSE as the last signed transaction names it ('' if none)."""
        row = self._db.execute(
            "SELECT json_extract(payload, '$.tse_result.client_serial_number') FROM events "
            "WHERE kind = ? ORDER BY seq DESC LIMIT 1",
            (EventKind.TSE_FINISHED.value,),
        ).fetchone()
        return str(row[0]) if row and row[0] else ""

"""The SQL of the shop day's events in the ledger file: append one, read any, the number series.

:class:`~pos_gui.persistence.ledger.Ledger` calls these inside its lock and, for a write, inside
its ``BEGIN IMMEDIATE`` transaction, which holds the file's write lock: a number taken here
(the next Bon-Nr., the next Z number, the next sequence number) cannot be taken twice, and a
rolled-back append leaves no gap. What the events mean: :mod:`pos_gui.persistence.day_events`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from pos_gui.persistence.day_events import (
    RECEIPT_NUMBER,
    Z_NUMBER,
    DayEventKind,
    LedgerEvent,
    check_day_payload,
    day_payload_to_json,
)


def next_receipt_number(db: sqlite3.Connection) -> int:
    """The next Bon-Nr.: sales and Storno receipts share one series."""
    row = db.execute(
        "SELECT MAX(COALESCE((SELECT MAX(sale_number) FROM sales), 0), "
        "COALESCE((SELECT MAX(json_extract(payload, '$.receipt_number')) FROM events WHERE kind = ?), 0)) + 1",
        (DayEventKind.STORNO_BOOKED.value,),
    ).fetchone()
    return int(row[0])


def next_z_number(db: sqlite3.Connection) -> int:
    """The next Z number of this till: 1, 2, 3, ... without a gap."""
    row = db.execute(
        "SELECT COUNT(*) + 1 FROM events WHERE kind = ?", (DayEventKind.Z_CLOSED.value,)
    ).fetchone()
    return int(row[0])


def insert_day_event(
    db: sqlite3.Connection,
    subject_id: str,
    kind: DayEventKind,
    facts: dict[str, Any],
    *,
    numbered: str | None,
    recorded_at: str,
) -> LedgerEvent:
    """Insert one day event with the next sequence number (inside the caller's transaction)."""
    check_day_payload(kind, facts)
    written = dict(facts)
    if numbered == RECEIPT_NUMBER:
        written[RECEIPT_NUMBER] = next_receipt_number(db)
    elif numbered == Z_NUMBER:
        written[Z_NUMBER] = next_z_number(db)
    elif numbered is not None:
        raise ValueError(f"no number series {numbered!r}")
    seq = db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM events").fetchone()[0]
    payload = day_payload_to_json(written)
    db.execute(
        "INSERT INTO events (seq, subject_id, kind, payload, recorded_at) VALUES (?, ?, ?, ?, ?)",
        (seq, subject_id, kind.value, payload, recorded_at),
    )
    return LedgerEvent(seq, subject_id, kind.value, json.loads(payload), recorded_at)


def select_events(
    db: sqlite3.Connection, *, after_seq: int, kinds: Iterable[str] | None
) -> list[LedgerEvent]:
    """Every event after ``after_seq`` (only ``kinds`` if given), in sequence order."""
    where, params = "WHERE seq > ?", list[int | str]([after_seq])
    if kinds is not None:
        wanted = [str(kind) for kind in kinds]
        where += f" AND kind IN ({', '.join('?' for _ in wanted)})"
        params += wanted
    rows = db.execute(
        f"SELECT seq, subject_id, kind, payload, recorded_at FROM events {where} ORDER BY seq", params
    ).fetchall()
    return [LedgerEvent(int(r[0]), str(r[1]), str(r[2]), json.loads(r[3]), str(r[4])) for r in rows]

"""What the tests compare between a till's ledger and the central database."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import psycopg


def ledger_events(ledger_file: Path) -> list[tuple[int, str, str, Any, str]]:
    with sqlite3.connect(ledger_file) as db:
        rows = db.execute(
            "SELECT seq, subject_id, kind, payload, recorded_at FROM events ORDER BY seq"
        ).fetchall()
    return [
        (seq, sale_id, kind, json.loads(payload), recorded_at)
        for seq, sale_id, kind, payload, recorded_at in rows
    ]


def central_events(dsn: str, till_id: str) -> list[tuple[int, str, str, Any, str]]:
    with psycopg.connect(dsn) as connection:
        rows = connection.execute(
            "SELECT seq, sale_id, kind, payload, recorded_at FROM events WHERE till_id = %s ORDER BY seq",
            (till_id,),
        ).fetchall()
    return [tuple(row) for row in rows]  # type: ignore[misc]


def central_paid(dsn: str, till_id: str) -> tuple[int, int]:
    """(paid sales, their total in cents) of one till, from the central views."""
    with psycopg.connect(dsn) as connection:
        row = connection.execute(
            "SELECT COALESCE(sum(sales), 0), COALESCE(sum(total), 0) FROM sales_per_till_day WHERE till_id = %s",
            (till_id,),
        ).fetchone()
    assert row is not None
    return int(row[0]), int(row[1])


def central_received_seq(dsn: str, till_id: str) -> int:
    with psycopg.connect(dsn) as connection:
        row = connection.execute("SELECT received_seq FROM tills WHERE till_id = %s", (till_id,)).fetchone()
    return 0 if row is None else int(row[0])

"""The ledger file's schema: tables, triggers, upgrades of older files, and the read model's rows.

Kept apart from :mod:`pos_gui.persistence.ledger` (which appends and reads) so that each stays
small; nothing here is used by anything but the ledger.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

from pos_gui.core.payment import Payment
from pos_gui.persistence.sale_events import SaleRecord, basket_from_json, basket_to_json

SCHEMA_VERSION: Final = 3


SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS events (
    seq          INTEGER PRIMARY KEY,
    subject_id   TEXT NOT NULL,
    kind         TEXT NOT NULL,
    payload      TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_by_subject ON events (subject_id, seq);
CREATE INDEX IF NOT EXISTS events_by_kind ON events (kind, seq);
CREATE TRIGGER IF NOT EXISTS events_are_never_changed BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'the ledger is append-only: events are never changed'); END;
CREATE TRIGGER IF NOT EXISTS events_are_never_deleted BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'the ledger is append-only: events are never deleted'); END;
CREATE TABLE IF NOT EXISTS sales (
    sale_id          TEXT PRIMARY KEY,
    sale_number      INTEGER NOT NULL UNIQUE,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    state            TEXT NOT NULL,
    basket           TEXT NOT NULL,
    card_number      TEXT,
    transaction_id   TEXT,
    tendered         INTEGER,
    total            INTEGER NOT NULL,
    card_share       INTEGER NOT NULL,
    cash             INTEGER NOT NULL,
    payment          TEXT,
    transaction_json TEXT,
    error            TEXT,
    last_seq         INTEGER NOT NULL,
    paid_seq         INTEGER,
    paid_at          TEXT,
    receipts_printed INTEGER NOT NULL DEFAULT 0,
    tse_json         TEXT
);
CREATE INDEX IF NOT EXISTS sales_by_state ON sales (state);
CREATE INDEX IF NOT EXISTS sales_by_day ON sales (substr(created_at, 1, 10));
CREATE INDEX IF NOT EXISTS sales_by_paid_seq ON sales (paid_seq);
"""

SALES_COLUMNS: Final = (
    "sale_id, sale_number, created_at, updated_at, state, basket, card_number, transaction_id, tendered, "
    "total, card_share, cash, payment, transaction_json, error, last_seq, paid_seq, paid_at, receipts_printed, "
    "tse_json"
)


def upgrade_schema(
    db: sqlite3.Connection, path: Path, version: int, append_in_transaction: Callable[..., Any]
) -> None:
    """Bring a ledger file of schema ``version`` (0: new) to :data:`SCHEMA_VERSION`, in one transaction."""
    from pos_gui.persistence.ledger_migration import migrate_v1

    db.execute("BEGIN IMMEDIATE")
    try:
        # Another process may have upgraded the file meanwhile.
        if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            if version == 1:
                db.execute("ALTER TABLE sales RENAME TO sales_v1")
                db.execute("DROP INDEX IF EXISTS sales_by_state")
                db.execute("DROP INDEX IF EXISTS sales_by_day")
            elif version == 2:
                # v3: the events' subject is a sale or a day fact (day_events); same rows.
                db.execute("ALTER TABLE events RENAME COLUMN sale_id TO subject_id")
                db.execute("DROP INDEX IF EXISTS events_by_sale")
            elif version != 0:
                raise sqlite3.DatabaseError(f"{path}: unknown ledger schema {version}")
            for statement in SCHEMA_SQL.split(";\n"):
                if statement.strip():
                    db.execute(statement)
            if version == 1:
                migrate_v1(db, append_in_transaction)
            db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def add_tse_column(db: sqlite3.Connection) -> None:
    """Files written before the TSE was wired have no ``tse_json`` column: add it (their
    events hold no TSE facts, so NULL is right). Additive; older tills ignore the column."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(sales)").fetchall()}
    if "tse_json" in columns:
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        columns = {row[1] for row in db.execute("PRAGMA table_info(sales)").fetchall()}
        if "tse_json" not in columns:  # another process may have added it meanwhile
            db.execute("ALTER TABLE sales ADD COLUMN tse_json TEXT")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def sales_placeholders() -> str:
    return ", ".join("?" for _ in SALES_COLUMNS.split(", "))


def sales_row_of(record: SaleRecord) -> tuple[Any, ...]:
    return (
        record.sale_id,
        record.sale_number,
        record.created_at,
        record.updated_at,
        record.state,
        json.dumps(basket_to_json(record.basket)),
        record.card_number,
        record.transaction_id,
        record.tendered,
        record.total,
        record.card_share,
        record.cash,
        None if record.payment is None else json.dumps(record.payment.as_dict()),
        None if record.transaction is None else json.dumps(record.transaction),
        record.error,
        record.last_seq,
        record.paid_seq,
        record.paid_at,
        record.receipts_printed,
        None if record.tse is None else json.dumps(record.tse, sort_keys=True),
    )


def sale_record_of(row: sqlite3.Row) -> SaleRecord:
    return SaleRecord(
        sale_id=row["sale_id"],
        sale_number=row["sale_number"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        state=row["state"],
        basket=basket_from_json(json.loads(row["basket"])),
        card_number=row["card_number"],
        transaction_id=row["transaction_id"],
        tendered=row["tendered"],
        total=row["total"],
        card_share=row["card_share"],
        cash=row["cash"],
        payment=None if row["payment"] is None else Payment.from_dict(json.loads(row["payment"])),
        transaction=None if row["transaction_json"] is None else json.loads(row["transaction_json"]),
        error=row["error"],
        last_seq=row["last_seq"],
        paid_seq=row["paid_seq"],
        paid_at=row["paid_at"],
        receipts_printed=row["receipts_printed"],
        tse=None if row["tse_json"] is None else json.loads(row["tse_json"]),
    )

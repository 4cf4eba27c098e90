"""Turns a journal of the first schema (one updated row per sale, user_version 1) into ledger events.

Runs once, inside the transaction that opens such a file (:meth:`pos_gui.persistence.ledger.Ledger`
renames the old table to ``sales_v1`` first and keeps it, untouched, for the record). Every old
row becomes the events that lead to it: opened with its basket and card, its transaction, its
applied balance, its payment announced and then confirmed (with the receipt), left open, refused,
failed or unknown, or given up, so that the read model shows each sale as the old row did.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from typing import Any

from pos_gui.core.payment import Payment
from pos_gui.persistence.sale_events import PAID, VOIDED, EventKind, SaleRecord

AppendInTransaction = Callable[[str, EventKind, dict[str, Any], str], SaleRecord]


def events_of_v1_row(row: sqlite3.Row) -> list[tuple[EventKind, dict[str, Any]]]:
    """The events (kind, facts) that lead to what one v1 row says, oldest first."""
    state = row["state"]
    card_share, cash, total = row["card_share"], row["cash"], row["total"]
    opened_state = "CARD" if row["card_number"] else "BASKET"
    events: list[tuple[EventKind, dict[str, Any]]] = [
        (
            EventKind.SALE_OPENED,
            {
                "sale_number": row["sale_number"],
                "state": opened_state,
                "basket": json.loads(row["basket"]),
                "card_number": row["card_number"],
            },
        )
    ]
    if row["transaction_id"]:
        events.append((EventKind.TRANSACTION_CREATED, {"transaction_id": row["transaction_id"]}))
    announced = row["transaction_id"] and (
        state in ("PAYING", "UNKNOWN", "FAILED", PAID) or (row["tendered"] is not None and state != VOIDED)
    )
    if announced:
        tendered = row["tendered"] if row["tendered"] is not None else cash
        payment = Payment(
            total=total, card_paid=card_share, cash_due=cash, tendered=tendered, change=tendered - cash
        )
        events.append(
            (
                EventKind.PAYMENT_ANNOUNCED,
                {"transaction_id": row["transaction_id"], "method": None, "payment": payment},
            )
        )
        receipt = json.loads(row["receipt"]) if row["receipt"] else None
        if state == PAID and receipt is not None:
            paid = receipt.get("payment")
            events.append(
                (
                    EventKind.PAYMENT_CONFIRMED,
                    {
                        "transaction": receipt.get("transaction") or {"id": row["transaction_id"]},
                        "payment": Payment.from_dict(paid) if paid else payment,
                    },
                )
            )
        elif state == "UNKNOWN":
            events.append((EventKind.PAYMENT_UNKNOWN, {}))
        elif state == "FAILED":
            events.append((EventKind.PAYMENT_FAILED, {}))
        elif state != "PAYING":
            events.append((EventKind.PAYMENT_REFUSED, {"state": state}))
    else:
        if card_share:
            events.append((EventKind.BALANCE_APPLIED, {"card_share": card_share, "cash": cash}))
        if state == VOIDED:
            events.append((EventKind.SALE_ABORTED, {}))
        elif state not in ("APPLIED", opened_state) or (state == "APPLIED" and not card_share):
            events.append((EventKind.ERROR_NOTED, {"state": state}))
    if len(events) == 1 and row["updated_at"] != row["created_at"]:
        # Changed after it was opened (a basket edit): one more event keeps the time of that change.
        events.append((EventKind.ERROR_NOTED, {}))
    last_kind, last_facts = events[-1]
    events[-1] = (last_kind, {**last_facts, "error": row["error"]})
    return events


def migrate_v1(db: sqlite3.Connection, append: AppendInTransaction) -> int:
    """Append the events of every row of ``sales_v1``, in sale-number order; how many sales."""
    rows = db.execute("SELECT * FROM sales_v1 ORDER BY sale_number").fetchall()
    for row in rows:
        for position, (kind, facts) in enumerate(events_of_v1_row(row)):
            # The opening at the row's creation, everything after at its last update.
            recorded_at = row["created_at"] if position == 0 else row["updated_at"]
            append(row["sale_id"], kind, facts, recorded_at)
    return len(rows)

"""The events of a shop's day at the till that are not steps of one sale.

Logins and logouts of cashiers, manager overrides, the opening float, cash moved in or out of the
drawer, X reports, Z closings, Storno receipts and training mode switched on or off. They go into
the ledger's one ``events`` table and its one gapless sequence, beside the sale events
(:mod:`pos_gui.persistence.sale_events`), so that the replication and the DSFinV-K export read a
single ordered history. Their subject is not a sale: ``day:<ISO date>`` for the day's facts, or a
fresh UUID for a cash movement, a report or a Storno.

Pure Python (no SQLite here): the kinds, the facts each kind carries and the typed event.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final


class DayEventKind(enum.StrEnum):
    """What happened at the till besides a sale step. Facts per kind: :data:`DAY_PAYLOAD_KEYS`."""

    CASHIER_LOGGED_IN = "cashier_logged_in"
    CASHIER_LOGGED_OUT = "cashier_logged_out"
    OVERRIDE_GRANTED = "override_granted"
    FLOAT_COUNTED = "float_counted"
    CASH_MOVED = "cash_moved"
    X_REPORT_TAKEN = "x_report_taken"
    # The name the central database's ``z_closings`` view already selects (replication).
    Z_CLOSED = "z_closing"
    STORNO_ANNOUNCED = "storno_announced"
    STORNO_BOOKED = "storno_booked"
    STORNO_FAILED = "storno_failed"
    # The Storno receipt's TSE transaction (pos_gui.services.storno_signing), as a sale's tse_* steps.
    STORNO_TSE_PLANNED = "storno_tse_planned"
    STORNO_TSE_FINISHED = "storno_tse_finished"
    STORNO_TSE_FAILED = "storno_tse_failed"
    TRAINING_SWITCHED = "training_switched"


DAY_PAYLOAD_KEYS: Final[Mapping[DayEventKind, frozenset[str]]] = {
    DayEventKind.CASHIER_LOGGED_IN: frozenset({"cashier_id", "name", "role"}),
    DayEventKind.CASHIER_LOGGED_OUT: frozenset({"cashier_id", "reason"}),
    DayEventKind.OVERRIDE_GRANTED: frozenset({"cashier_id", "manager_id", "right"}),
    DayEventKind.FLOAT_COUNTED: frozenset({"cashier_id", "amount", "business_day"}),
    DayEventKind.CASH_MOVED: frozenset({"cashier_id", "gv_type", "amount", "reason"}),
    DayEventKind.X_REPORT_TAKEN: frozenset({"cashier_id", "totals"}),
    DayEventKind.Z_CLOSED: frozenset(
        {
            "cashier_id",
            "number",
            "business_day",
            "counted",
            "counted_total",
            "difference",
            "totals",
            "first_seq",
        }
    ),
    DayEventKind.STORNO_ANNOUNCED: frozenset(
        {"cashier_id", "manager_id", "original_sale_id", "original_number", "transaction_id", "reason"}
    ),
    DayEventKind.STORNO_BOOKED: frozenset(
        {
            "original_sale_id",
            "original_number",
            "receipt_number",
            "basket",
            "total",
            "card_share",
            "cash",
            "transaction",
        }
    ),
    DayEventKind.STORNO_FAILED: frozenset({"original_sale_id", "error"}),
    DayEventKind.STORNO_TSE_PLANNED: frozenset({"tse_tx_id", "receipt_type"}),
    # tse_signed_late_at: only when signed after an outage or a kill (storno_signing.retry_unsigned).
    DayEventKind.STORNO_TSE_FINISHED: frozenset({"tse_result", "tse_signed_late_at"}),
    DayEventKind.STORNO_TSE_FAILED: frozenset({"tse_step", "tse_error", "tse_failed_at"}),
    DayEventKind.TRAINING_SWITCHED: frozenset({"cashier_id", "on"}),
}

# The kinds whose facts get the next number of a gapless series inside the append's transaction.
RECEIPT_NUMBER: Final = "receipt_number"
Z_NUMBER: Final = "number"


def check_day_payload(kind: DayEventKind, payload: Mapping[str, Any]) -> None:
    """Refuse keys an event of ``kind`` does not carry (a typo would silently lose a fact)."""
    unknown = set(payload) - DAY_PAYLOAD_KEYS[kind]
    if unknown:
        raise ValueError(f"{kind} does not carry {sorted(unknown)}")


def day_subject(business_day: str) -> str:
    """The subject id of the facts of one business day (``day:2025-03-14``)."""
    return f"day:{business_day}"


@dataclass(frozen=True)
class LedgerEvent:
    """Any row of the ledger's ``events`` table, sale step or day event, with its kind as text.

    ``subject_id`` is the sale's id for a sale step, else the day event's subject.
    """

    seq: int
    subject_id: str
    kind: str
    payload: dict[str, Any]
    recorded_at: str

    @property
    def day_kind(self) -> DayEventKind | None:
        """The kind as a :class:`DayEventKind`, or ``None`` for a sale step."""
        try:
            return DayEventKind(self.kind)
        except ValueError:
            return None


def day_payload_to_json(payload: Mapping[str, Any]) -> str:
    return json.dumps(dict(payload), sort_keys=True)

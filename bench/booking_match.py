"""Match the server's bookings to the till's sales, one by one (issue 15 #11).

Counting bookings and lost sales cannot see a booking of the wrong sale or of the wrong amount.
Here every booking the server holds (``/_sim/state``: a transaction with status ``ok``) is matched
to the ledger's sale by its ``transactionRef`` (``<device id>/<sale number>``), and the amounts
are compared: the server's ``basket_info.sum`` against the ledger's total.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Booking:
    """One booked transaction on the server."""

    reference: str
    transaction_id: str
    amount: int


@dataclass(frozen=True)
class LedgerSale:
    """One sale as the till's ledger holds it."""

    reference: str
    state: str
    transaction_id: str | None
    total: int


@dataclass
class BookingMatch:
    """What matching found; every list names the references concerned.

    Attributes:
        matched: bookings with exactly one paid ledger sale of the same transaction and amount.
        duplicates: references booked more than once.
        booked_not_paid: bookings whose sale the ledger does not hold as paid (or at all).
        paid_not_booked: sales the ledger holds as paid without a booking on the server.
        amount_mismatches: ``"<ref>: server <cents>, ledger <cents>"``.
        transaction_mismatches: ``"<ref>: server <id>, ledger <id>"``.
    """

    matched: int = 0
    duplicates: list[str] = field(default_factory=list)
    booked_not_paid: list[str] = field(default_factory=list)
    paid_not_booked: list[str] = field(default_factory=list)
    amount_mismatches: list[str] = field(default_factory=list)
    transaction_mismatches: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (
            self.duplicates
            or self.booked_not_paid
            or self.paid_not_booked
            or self.amount_mismatches
            or self.transaction_mismatches
        )


def bookings_on_server(transactions: Iterable[dict[str, Any]]) -> list[Booking]:
    """The booked transactions of ``/_sim/state``'s ``transactions``."""
    return [
        Booking(
            reference=str(transaction.get("transactionRef")),
            transaction_id=transaction["id"],
            amount=int(transaction["basket_info"]["sum"]),
        )
        for transaction in transactions
        if transaction["status"] == "ok"
    ]


def sales_in_ledger(records: Iterable[Any], device_id: str) -> list[LedgerSale]:
    """The ledger's sale records as :class:`LedgerSale`, referenced as the checkout does."""
    return [
        LedgerSale(
            reference=f"{device_id}/{record.sale_number}",
            state=record.state,
            transaction_id=record.transaction_id,
            total=int(record.total),
        )
        for record in records
    ]


def match_bookings(bookings: Iterable[Booking], sales: Iterable[LedgerSale]) -> BookingMatch:
    """Match each booking to its paid ledger sale by reference; report every disagreement."""
    bookings = list(bookings)
    paid = {sale.reference: sale for sale in sales if sale.state == "PAID"}
    per_reference = Counter(booking.reference for booking in bookings)
    match = BookingMatch()
    match.duplicates = sorted(reference for reference, count in per_reference.items() if count > 1)
    for booking in bookings:
        sale = paid.get(booking.reference)
        if sale is None:
            match.booked_not_paid.append(booking.reference)
        elif sale.transaction_id != booking.transaction_id:
            match.transaction_mismatches.append(
                f"{booking.reference}: server {booking.transaction_id}, ledger {sale.transaction_id}"
            )
        elif sale.total != booking.amount:
            match.amount_mismatches.append(
                f"{booking.reference}: server {booking.amount}, ledger {sale.total}"
            )
        elif per_reference[booking.reference] == 1:
            match.matched += 1
    match.paid_not_booked = sorted(set(paid) - set(per_reference))
    return match


def describe(found: list[str], *, shown: int = 3) -> str:
    """``"0"`` or the count with the first few references, for one table cell."""
    if not found:
        return "0"
    more = f", … {len(found) - shown} more" if len(found) > shown else ""
    return f"{len(found)} ({', '.join(found[:shown])}{more})"

"""How a sale was settled: the card's share, the cash due, the cash handed over and the change.

One typed value from the moment the cashier presses pay to the printed receipt: the checkout
announces it, the ledger stores it field by field and hands it back as this class, and the
receipt reads it from there. All amounts are integer cents.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pos_gui.core.money import Cents


@dataclass(frozen=True)
class Payment:
    """How the sale was settled: card share, cash due, tendered cash and change (all cents)."""

    total: Cents
    card_paid: Cents
    cash_due: Cents
    tendered: Cents
    change: Cents

    @classmethod
    def of(cls, *, total: Cents, cash_due: Cents, tendered: Cents) -> Payment:
        """The payment of ``total`` with ``cash_due`` in cash (the rest by card), ``tendered`` handed over."""
        return cls(
            total=total,
            card_paid=total - cash_due,
            cash_due=cash_due,
            tendered=tendered,
            change=tendered - cash_due,
        )

    def as_dict(self) -> dict[str, int]:
        return {
            "total": self.total,
            "card_paid": self.card_paid,
            "cash_due": self.cash_due,
            "tendered": self.tendered,
            "change": self.change,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Payment:
        """The inverse of :meth:`as_dict` (every field is required: no silent fallbacks)."""
        return cls(
            total=int(data["total"]),
            card_paid=int(data["card_paid"]),
            cash_due=int(data["cash_due"]),
            tendered=int(data["tendered"]),
            change=int(data["change"]),
        )

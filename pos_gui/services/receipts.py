"""The till's own receipt of a paid sale, rebuilt from the ledger's record of it.

Qt-free, so that the till window (the receipt preview) and the printing side (paper, PDF,
today's sales) compose the receipt with the same function and put the same text on screen and
on paper. The amounts come from the sale's typed :class:`~pos_gui.core.payment.Payment`, as the
ledger recorded it when the payment was confirmed: no fallbacks.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from pos_gui.core.sales_receipt import SalesReceipt
from pos_gui.persistence.sale_events import PAID, SaleRecord


def shop_lines_of(transaction: dict[str, Any]) -> tuple[str, ...]:
    """The shop's name as the server knows it (the merchant's company name), or nothing."""
    merchant = transaction.get("merchant")
    if isinstance(merchant, dict):
        name = merchant.get("companyname")
        if isinstance(name, str) and name.strip():
            return (name.strip(),)
    return ()


def sales_receipt_of(record: SaleRecord, *, shop_lines: Sequence[str] | None = None) -> SalesReceipt | None:
    """The till's own receipt of a paid sale (``None`` if it was not paid)."""
    if record.state != PAID or record.payment is None or record.transaction is None:
        return None
    transaction = record.transaction
    payment = record.payment
    return SalesReceipt.from_basket(
        record.basket_lines(),
        shop_lines=tuple(shop_lines) if shop_lines is not None else shop_lines_of(transaction),
        # The moment the ledger confirmed the payment (a later reprint does not change it).
        issued_at=datetime.fromisoformat(record.paid_at or record.updated_at),
        # Every receipt carries the till's own running number; the server's TA code (card sales
        # only) stays in the server's loyalty lines ("TA Code: …").
        receipt_number=str(record.sale_number),
        card_paid=payment.card_paid,
        cash_due=payment.cash_due,
        tendered=payment.tendered,
        change=payment.change,
        transaction_id=str(transaction.get("id") or record.transaction_id or ""),
        is_demo=bool(transaction.get("is_demo")),
    )

"""The till's own receipt of a paid sale, rebuilt from its journal row.

Qt-free, so that the till window (the receipt preview) and the printing side (paper, PDF,
today's sales) compose the receipt with the same function and put the same text on screen and
on paper.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from pos_gui.core.sales_receipt import SalesReceipt
from pos_gui.services.journal import SaleRecord


def shop_lines_of(transaction: dict[str, Any]) -> tuple[str, ...]:
    """The shop's name as the server knows it (the merchant's company name), or nothing."""
    merchant = transaction.get("merchant")
    if isinstance(merchant, dict):
        name = merchant.get("companyname")
        if isinstance(name, str) and name.strip():
            return (name.strip(),)
    return ()


def sales_receipt_of(record: SaleRecord, *, shop_lines: Sequence[str] | None = None) -> SalesReceipt | None:
    """The till's own receipt of a paid sale, rebuilt from its journal row (``None`` if unpaid)."""
    if record.state != "PAID" or not record.receipt:
        return None
    transaction = record.receipt.get("transaction") or {}
    payment = record.receipt.get("payment") or {}
    cash_due = int(payment.get("cash_due", record.cash))
    tendered = int(payment.get("tendered", record.tendered or 0))
    return SalesReceipt.from_basket(
        record.basket_lines(),
        shop_lines=tuple(shop_lines) if shop_lines is not None else shop_lines_of(transaction),
        # The row's last update is the moment the sale was booked as paid.
        issued_at=datetime.fromisoformat(record.updated_at),
        # Every receipt carries the till's own running number; the server's TA code (card sales
        # only) stays in the server's loyalty lines ("TA Code: …").
        receipt_number=str(record.sale_number),
        card_paid=int(payment.get("card_paid", record.card_share)),
        cash_due=cash_due,
        tendered=tendered,
        change=int(payment.get("change", max(tendered - cash_due, 0))),
        transaction_id=str(transaction.get("id") or record.transaction_id or ""),
        is_demo=bool(transaction.get("is_demo")),
    )

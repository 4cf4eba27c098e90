"""The receipts of one paid sale, composed from its journal row for the printer's paper width.

Pure composition, no Qt: the receipt output presenter prints these, today's sales list shows
them, and the PDF holds them, so every copy of a sale's receipt carries the same text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pos_gui.core.receipt_layout import LayoutLine, blank_line, rule_line
from pos_gui.services.ledger import SaleRecord
from pos_gui.services.printing import customer_receipt_layout, merchant_copy_layout
from pos_gui.services.receipts import Seller, sales_receipt_of


@dataclass(frozen=True)
class SaleReceipts:
    """The receipts of one paid sale, laid out for the printer's width.

    Attributes:
        sale_id, sale_number: the journal's sale.
        customer: the customer receipt (the till's receipt followed by the server's lines).
        merchant: the merchant copy ("Händlerbeleg"), or ``None`` when the server asks for none.
        paid_cash: cash changed hands (the drawer opens after it).
    """

    sale_id: str
    sale_number: int
    customer: list[LayoutLine]
    merchant: list[LayoutLine] | None
    paid_cash: bool

    def all_lines(self, width: int) -> list[LayoutLine]:
        """Customer receipt and merchant copy one after the other (screen and PDF)."""
        if self.merchant is None:
            return list(self.customer)
        return [*self.customer, blank_line(), rule_line(width, "="), blank_line(), *self.merchant]


def receipts_of(
    record: SaleRecord, width: int, *, shop_lines: Sequence[str] | None = None, seller: Seller | None = None
) -> SaleReceipts | None:
    """The receipts of a paid sale from its journal row, or ``None`` for a sale that was not paid;
    ``seller``: who served (the "Es bediente Sie …" line, the training mark)."""
    sales = sales_receipt_of(record, shop_lines=shop_lines, seller=seller)
    if sales is None or record.receipt is None:
        return None
    transaction = record.receipt.get("transaction") or {}
    payment = record.receipt.get("payment") or {}
    paid_cash = int(payment.get("cash_due", record.cash)) > 0 or transaction.get("payment_method") == "cash"
    return SaleReceipts(
        sale_id=record.sale_id,
        sale_number=record.sale_number,
        customer=customer_receipt_layout(transaction, width, sales),
        merchant=merchant_copy_layout(transaction, width),
        paid_cash=paid_cash,
    )

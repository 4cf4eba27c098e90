"""What the TSE signs (``Kassenbeleg-V1``) for a paid sale, a given-up basket and a Storno.

The amounts come from the ledger's records: gross per VAT rate from the lines, the payments as
cash and non-cash (the card balance share is non-cash; docs/fiscal.md, question 1).
"""

from __future__ import annotations

from pos_gui.fiscal.process_data import KassenbelegV1, ReceiptType
from pos_gui.persistence.day_events import LedgerEvent
from pos_gui.persistence.sale_events import SaleRecord, basket_from_json


def receipt_of(record: SaleRecord, receipt_type: ReceiptType) -> KassenbelegV1:
    """What the TSE signs for a paid sale: gross per VAT rate, cash and non-cash payments."""
    gross_by_rate: dict[int, int] = {}
    for line in record.basket:
        rate = line.article.vat_rate
        gross_by_rate[rate] = gross_by_rate.get(rate, 0) + line.total
    cash = record.payment.cash_due if record.payment is not None else record.cash
    non_cash = record.payment.card_paid if record.payment is not None else record.card_share
    return KassenbelegV1.of_rates(receipt_type, gross_by_rate, cash=cash, non_cash=non_cash)


def abort_of(record: SaleRecord) -> KassenbelegV1:
    """What the TSE signs for a given-up basket: ``AVBelegabbruch`` with its gross, no payment."""
    gross_by_rate: dict[int, int] = {}
    for line in record.basket:
        gross_by_rate[line.article.vat_rate] = gross_by_rate.get(line.article.vat_rate, 0) + line.total
    return KassenbelegV1.abort(gross_by_rate)


def storno_kassenbeleg(booked: LedgerEvent, receipt_type: ReceiptType) -> KassenbelegV1:
    """What the TSE signs for a booked Storno: the original's gross per rate and payments, negated."""
    gross_by_rate: dict[int, int] = {}
    for line in basket_from_json(booked.payload["basket"]):
        gross_by_rate[line.article.vat_rate] = gross_by_rate.get(line.article.vat_rate, 0) - line.total
    # The booked Storno carries its payments negated already (card given back, cash paid out).
    cash, non_cash = int(booked.payload["cash"]), int(booked.payload["card_share"])
    return KassenbelegV1.of_rates(receipt_type, gross_by_rate, cash=cash, non_cash=non_cash)

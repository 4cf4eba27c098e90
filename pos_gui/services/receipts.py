"""The till's own receipt of a paid sale, rebuilt from the ledger's record of it.

Qt-free, so that the till window (the receipt preview) and the printing side (paper, PDF,
today's sales) compose the receipt with the same function and put the same text on screen and
on paper. The amounts come from the sale's typed :class:`~pos_gui.core.payment.Payment`, as the
ledger recorded it when the payment was confirmed: no fallbacks. The TSE block comes from the
sale's ``tse_finished`` answer in the ledger (or its ``tse_failed`` note: "TSE ausgefallen").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from pos_gui.core.sales_receipt import SalesReceipt
from pos_gui.core.tse_receipt_block import TseBlock, TseOutage
from pos_gui.fiscal.qr import iso_millis_z
from pos_gui.fiscal.signer import TseFinished
from pos_gui.persistence.ledger import Ledger
from pos_gui.persistence.sale_events import PAID, EventKind, SaleRecord

OUTAGE_TIME_FORMAT = "%d.%m.%Y %H:%M:%S"


def tse_block_of(record: SaleRecord) -> TseBlock | TseOutage | None:
    """The receipt's TSE block from the sale's TSE facts in the ledger, the outage note when the
    TSE failed and has not signed it since, or ``None`` for a sale that is not signed."""
    tse = record.tse
    if tse is None:
        return None
    if tse.get("result"):
        return tse_block_from(TseFinished.from_json(tse["result"]))
    failure = tse.get("failure")
    if failure:
        return TseOutage(datetime.fromisoformat(failure["at"]).strftime(OUTAGE_TIME_FORMAT))
    return None


def tse_block_from(finished: TseFinished) -> TseBlock:
    """The receipt's TSE block of a finished TSE transaction (a sale's or a Storno's)."""
    return TseBlock(
        transaction_number=str(finished.number),
        time_start=iso_millis_z(finished.time_start),
        time_end=iso_millis_z(finished.time_end),
        signature_counter=str(finished.signature.counter),
        serial_number=finished.tss_serial_number,
        signature=finished.signature.value,
        time_format=finished.timestamp_format,
        algorithm=finished.signature.algorithm,
        public_key=finished.signature.public_key,
        client_id=finished.client_serial_number,
        qr_data=finished.qr_code_data,
    )


def shop_lines_of(transaction: dict[str, Any]) -> tuple[str, ...]:
    """The shop's name as the server knows it (the merchant's company name), or nothing."""
    merchant = transaction.get("merchant")
    if isinstance(merchant, dict):
        name = merchant.get("companyname")
        if isinstance(name, str) and name.strip():
            return (name.strip(),)
    return ()


@dataclass(frozen=True)
class Seller:
    """Who rang a sale up ("Es bediente Sie …") and whether it was a training sale."""

    name: str = ""
    training: bool = False


def seller_of(ledger: Ledger, sale_id: str) -> Seller:
    """The cashier and training flag the sale was opened with (its ``sale_opened`` event)."""
    for event in ledger.events(sale_id):
        if event.kind is EventKind.SALE_OPENED:
            return Seller(str(event.payload.get("cashier") or ""), bool(event.payload.get("training")))
    return Seller()


def sales_receipt_of(
    record: SaleRecord, *, shop_lines: Sequence[str] | None = None, seller: Seller | None = None
) -> SalesReceipt | None:
    """The till's own receipt of a paid sale (``None`` if it was not paid); ``seller`` (from
    :func:`seller_of`) prints "Es bediente Sie …" and the training mark."""
    if record.state != PAID or record.payment is None or record.transaction is None:
        return None
    transaction = record.transaction
    payment = record.payment
    return replace(
        SalesReceipt.from_basket(
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
        ),
        tse=tse_block_of(record),
        cashier_name=seller.name if seller else "",
        is_training=seller.training if seller else False,
    )

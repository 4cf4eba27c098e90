"""Realistic sales in a till's ledger, written through the ledger's public API as the checkout
writes them: opened, lines added, transaction created, payment announced, confirmed, receipt
printed; every seventh sale given up instead (voided: it must not count at the centre)."""

from __future__ import annotations

import random
from pathlib import Path

from pos_gui.core.basket import Article, BasketLine
from pos_gui.core.payment import Payment
from pos_gui.persistence.ledger import Ledger
from pos_gui.persistence.sale_events import PAID, EventKind

ARTICLES = (
    Article("1001", "4000000000017", "Brezel", 95, 7),
    Article("1002", "4000000000024", "Kaffee", 280, 19),
    Article("1003", "4000000000031", "Roggenbrot", 455, 7),
    Article("1004", "4000000000048", "Apfelschorle", 219, 19),
)


def make_sale(ledger: Ledger, rng: random.Random, number: int) -> None:
    """One sale: paid (in cash, sometimes partly by card) or, every seventh, given up."""
    first = BasketLine(1, rng.choice(ARTICLES), rng.randint(1, 3))
    sale = ledger.open_sale(state="BASKET", basket=[first])
    second = BasketLine(2, rng.choice(ARTICLES), rng.randint(1, 2))
    sale = ledger.append(sale.sale_id, EventKind.LINE_ADDED, line=second)
    transaction_id = f"STX_{sale.sale_id[:8]}_{number}"
    ledger.append(sale.sale_id, EventKind.TRANSACTION_CREATED, transaction_id=transaction_id, state="CARD")
    if number % 7 == 0:
        ledger.append(sale.sale_id, EventKind.SALE_ABORTED)
        return
    card_paid = rng.choice((0, 0, 50, sale.total // 2))
    cash_due = sale.total - card_paid
    payment = Payment.of(total=sale.total, cash_due=cash_due, tendered=cash_due + rng.choice((0, 5, 100)))
    method = "loyalty" if card_paid else "cash"
    ledger.append(
        sale.sale_id,
        EventKind.PAYMENT_ANNOUNCED,
        transaction_id=transaction_id,
        method=method,
        payment=payment,
    )
    transaction = {"id": transaction_id, "status": "ok", "amount": sale.total}
    ledger.append(sale.sale_id, EventKind.PAYMENT_CONFIRMED, transaction=transaction, payment=payment)
    ledger.receipt_printed(sale.sale_id)


def make_sales(ledger_file: Path, count: int, *, seed: int = 1, start: int = 1) -> None:
    rng = random.Random(seed * 100_003 + start)
    with Ledger(ledger_file) as ledger:
        for number in range(start, start + count):
            make_sale(ledger, rng, number)


def paid_totals(ledger_file: Path) -> tuple[int, int]:
    """(number of paid sales, their total in cents) as the till's own ledger says: its Z figures."""
    with Ledger(ledger_file) as ledger:
        paid = [sale for sale in ledger.all_sales() if sale.state == PAID]
    return len(paid), sum(sale.total for sale in paid)

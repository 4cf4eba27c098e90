"""Generated cashier days for the DSFinV-K export tests and benchmark (not product code).

A seeded random day: an opening float, sales paid in cash, by EC card or from the secucard
balance (Guthabenkarte), some with a tip line, cancellations of earlier sales (negated, with a
reference), aborted and training receipts, cash deposits, withdrawals, a transfer to the bank, a
cash-count difference, and a few receipts signed during a TSE outage. Receipt numbers run on
without a gap across the day's Z closings.
"""

from __future__ import annotations

import base64
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

from pos_gui.export.model import (
    CARD_BALANCE_PAYMENT_NAME,
    Address,
    BusinessCase,
    CashMovement,
    ExportInput,
    PaymentType,
    Receipt,
    ReceiptLine,
    ReceiptPayment,
    ReceiptType,
    StornoReference,
    TillMasterData,
    TseMasterData,
    TseTransaction,
    ZClosing,
)

BERLIN = timezone(timedelta(hours=2))
KASSE_ID = "SDV-KASSE-1"
ARTICLES = (
    ("30037", "", "Sandwich Romano", 349, 7),
    ("51", "4999012345678", 'Water, "mildly" sprinkling; 0.25 ltr.', 99, 19),
    ("812", "4006381333931", "Kaffee groß", 280, 19),
    ("907", "", "Brezel", 120, 7),
    ("4260447149502", "4260447149502", "secucard Aufladung", 2500, 0),
)

TILL = TillMasterData(
    kasse_id=KASSE_ID,
    serial_number="SDV-KASSE-1",
    brand="secupay",
    model="pos-gui",
    software_brand="pos-gui",
    software_version="0.1.0",
    business=Address("Café Beispiel GmbH", "Hauptstraße 1", "01067", "Dresden"),
    location=Address("Café Beispiel, Filiale Altmarkt", "Altmarkt 3", "01067", "Dresden"),
    tax_number="201/123/45678",
    vat_id="DE123456789",
)
TSE_MASTER = TseMasterData(
    tse_id=1,
    serial_number="a" * 64,
    signature_algorithm="ecdsa-plain-SHA256",
    time_format="unixTime",
    public_key=base64.b64encode(bytes(65)).decode(),
    certificate="MII" + "A" * 1500,
)


@dataclass
class _Day:
    """The running state of a generated day: numbers, the clock, earlier sales to cancel."""

    rng: random.Random
    now: datetime
    receipt_number: int = 1
    tse_number: int = 1
    z_number: int = 0
    z_created: datetime = datetime(1970, 1, 1, tzinfo=BERLIN)
    sales: list[tuple[int, datetime, Receipt]] = field(default_factory=list)

    def next_ids(self) -> tuple[str, int]:
        number = self.receipt_number
        self.receipt_number += 1
        self.now += timedelta(seconds=self.rng.randint(20, 200))
        return f"B{number:07d}", number

    def tse(self, receipt_type: str, gross: int) -> TseTransaction:
        number = self.tse_number
        self.tse_number += 1
        start = int(self.now.timestamp())
        return TseTransaction(
            tse_id=1,
            number=number,
            start=str(start - 30),
            end=str(start),
            process_type="Kassenbeleg-V1",
            signature_counter=number * 2,
            signature=base64.b64encode(self.rng.randbytes(64)).decode(),
            process_data=f"{receipt_type}^{gross / 100:.2f}_0.00_0.00_0.00_0.00^",
        )


def generate_export(seed: int, events: int, closings: int = 1) -> ExportInput:
    """An export of ``closings`` Z closings with about ``events`` receipts and cash movements in all."""
    return ExportInput(TILL, (TSE_MASTER,), list(generate_closings(seed, events, closings)), ())


def generate_closings(seed: int, events: int, closings: int = 1) -> Iterator[ZClosing]:
    rng = random.Random(seed)
    day = _Day(rng, datetime(2026, 8, 18, 8, 0, tzinfo=BERLIN))
    per_closing = max(events // closings, 10)
    for z_number in range(1, closings + 1):
        business_day = date(2026, 8, 18) + timedelta(days=z_number - 1)
        day.now = datetime.combine(business_day, datetime.min.time(), BERLIN) + timedelta(hours=8)
        # The closing's time is fixed up front, so a cancellation within the same Z can name it.
        day.z_number, day.z_created = z_number, day.now + timedelta(hours=15, minutes=59)
        receipts: list[Receipt] = []
        moves = [_movement(day, BusinessCase.ANFANGSBESTAND, 15000, "Wechselgeld")]
        for _ in range(per_closing - 3):  # the float, the transfer and the count are the other three
            roll = rng.random()
            if roll < 0.04:
                kind, amount = rng.choice(
                    [
                        (BusinessCase.PRIVATEINLAGE, 5000),
                        (BusinessCase.PRIVATENTNAHME, -2000),
                        (BusinessCase.EINZAHLUNG, 1000),
                        (BusinessCase.AUSZAHLUNG, -750),
                        (BusinessCase.TRINKGELD_AN, -300),
                    ]
                )
                moves.append(_movement(day, kind, amount, ""))
            elif roll < 0.09 and day.sales:
                receipts.append(_cancellation(day))
            elif roll < 0.13:
                receipts.append(_sale(day, ReceiptType.AV_BELEGABBRUCH))
            elif roll < 0.16:
                receipts.append(_sale(day, ReceiptType.AV_TRAINING))
            else:
                receipts.append(_sale(day, ReceiptType.BELEG))
        moves.append(_movement(day, BusinessCase.GELDTRANSIT, -10000, "Bank"))
        moves.append(_movement(day, BusinessCase.DIFFERENZ_SOLL_IST, rng.choice([-10, 0, 5]) or 1, ""))
        yield ZClosing(z_number, day.z_created, business_day, tuple(receipts), tuple(moves))


def _sale(day: _Day, receipt_type: ReceiptType) -> Receipt:
    rng = day.rng
    receipt_id, number = day.next_ids()
    lines = []
    for line_number in range(1, rng.randint(1, 5) + 1):
        article, gtin, text, price, rate = rng.choice(ARTICLES)
        lines.append(
            ReceiptLine(line_number, text, rng.randint(1, 3), price, rate, article_number=article, gtin=gtin)
        )
    if receipt_type is ReceiptType.BELEG and rng.random() < 0.1:
        lines.append(ReceiptLine(len(lines) + 1, "Trinkgeld", 1, 100, 0, BusinessCase.TRINKGELD_AN))
    gross = sum(line.gross for line in lines)
    payments: tuple[ReceiptPayment, ...] = ()
    if receipt_type is ReceiptType.BELEG:
        payments = _payments(rng, gross)
    tse, error = day.tse(receipt_type.value, gross), ""
    if rng.random() < 0.01:
        tse, error = None, "TSE nicht erreichbar (Zeitüberschreitung)"
    cashier = rng.choice([("1", "Anna Müller"), ("2", "Jörg Schmidt")])
    receipt = Receipt(
        receipt_id, number, receipt_type, day.now - timedelta(seconds=40), day.now, *cashier,
        tuple(lines), payments, tse=tse, tse_error=error,
    )  # fmt: skip
    if receipt_type is ReceiptType.BELEG:
        day.sales.append((day.z_number, day.z_created, receipt))
    return receipt


def _payments(rng: random.Random, gross: int) -> tuple[ReceiptPayment, ...]:
    kind = rng.random()
    if kind < 0.5:
        return (ReceiptPayment(PaymentType.BAR, gross, "Bar"),)
    if kind < 0.7:
        return (ReceiptPayment(PaymentType.EC_KARTE, gross, "girocard"),)
    balance = rng.randint(0, gross)  # the card balance pays a share, the rest in cash
    return (
        ReceiptPayment(PaymentType.GUTHABENKARTE, balance, CARD_BALANCE_PAYMENT_NAME),
        ReceiptPayment(PaymentType.BAR, gross - balance, "Bar"),
    )


def _cancellation(day: _Day) -> Receipt:
    index = day.rng.randrange(len(day.sales))
    original_z, original_created, original = day.sales.pop(index)
    receipt_id, number = day.next_ids()
    lines = tuple(
        ReceiptLine(line.line_number, line.text, -line.quantity, line.unit_price, line.vat_rate,
                    line.business_case, line.article_number, line.gtin)
        for line in original.lines
    )  # fmt: skip
    payments = tuple(ReceiptPayment(p.payment_type, -p.amount, p.name) for p in original.payments)
    reference = StornoReference(KASSE_ID, original_z, original_created, original.receipt_id)
    return Receipt(
        receipt_id, number, ReceiptType.BELEG, day.now - timedelta(seconds=30), day.now, original.cashier_id,
        original.cashier_name, lines, payments, reference, day.tse("Beleg", -original.gross),
    )  # fmt: skip


def _movement(day: _Day, kind: BusinessCase, amount: int, text: str) -> CashMovement:
    receipt_id, number = day.next_ids()
    return CashMovement(
        receipt_id, number, kind, amount, day.now, "1", "Anna Müller", text, day.tse("Beleg", amount)
    )

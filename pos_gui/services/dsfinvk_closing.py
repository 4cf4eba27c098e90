"""One Z closing of the ledger as the DSFinV-K model's :class:`ZClosing`: its events, fed in order.

The rules (what each event becomes, BON_ID and BON_NR, the TSE note of unsigned receipts) are
described in :mod:`pos_gui.services.dsfinvk_export`, which drives this builder closing by closing.

A sale's TSE view is folded from its ``tse_*`` steps, a Storno's from its ``storno_tse_*`` day
events (:mod:`pos_gui.services.storno_signing`): both the same dict (``result``: the TSE's answer,
``failure``: step, error, time), so both become a ``transactions_tse.csv`` row the same way.
"""

from __future__ import annotations

import bisect
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from pos_gui.core.basket import BasketLine
from pos_gui.core.payment import Payment
from pos_gui.export.model import (
    CARD_BALANCE_PAYMENT_NAME,
    BusinessCase,
    CashMovement,
    PaymentType,
    Receipt,
    ReceiptLine,
    ReceiptPayment,
    ReceiptType,
    StornoReference,
    TseTransaction,
    ZClosing,
)
from pos_gui.persistence.day_events import RECEIPT_NUMBER, DayEventKind, LedgerEvent
from pos_gui.persistence.ledger_reading import LedgerReader
from pos_gui.persistence.sale_events import EventKind, basket_from_json, line_from_json

UNSIGNED_MOVEMENT = "Geldbewegung ohne TSE-Transaktion (Signatur nicht angebunden)"
NO_TSE = "Keine TSE-Transaktion im Journal"
_SALE_KINDS = frozenset(kind.value for kind in EventKind)
_STORNO_TSE_KINDS = frozenset(
    {DayEventKind.STORNO_TSE_PLANNED, DayEventKind.STORNO_TSE_FINISHED, DayEventKind.STORNO_TSE_FAILED}
)
_CLOSED_TSE = ("FINISHED", "CANCELLED")


class ExportContext:
    """What every closing of one export shares: the reader, cashiers, Z closings, TSEs, paid sales."""

    def __init__(
        self, reader: LedgerReader, kasse_id: str, z_events: list[LedgerEvent], tse_ids: dict[str, int]
    ) -> None:
        self.reader = reader
        self.kasse_id = kasse_id
        self.z_events = z_events
        self.z_seqs = [z.seq for z in z_events]
        self.tse_ids = tse_ids
        self.names: dict[str, str] = {}
        self.ids: dict[str, str] = {}
        for login in reader.events_of_kinds((DayEventKind.CASHIER_LOGGED_IN.value,)):
            cashier_id, name = str(login.payload["cashier_id"]), str(login.payload["name"])
            self.names[cashier_id], self.ids[name] = name, cashier_id

    def closing_of_seq(self, seq: int) -> tuple[int, datetime] | None:
        """The Z closing (number, time) whose period holds the event ``seq``; None: still open."""
        index = bisect.bisect_left(self.z_seqs, seq)
        if index == len(self.z_events):
            return None
        z = self.z_events[index]
        return int(z.payload["number"]), datetime.fromisoformat(z.recorded_at)

    def sale_events(self, sale_id: str, before_seq: int) -> list[LedgerEvent]:
        """The steps of one sale before ``before_seq`` (a sale opened in an earlier closing)."""
        return [
            e for e in self.reader.events_of_subject(sale_id) if e.seq < before_seq and e.kind in _SALE_KINDS
        ]


class _Sale:
    """What the export needs of one sale, folded from its events: the same rules as
    :func:`pos_gui.persistence.sale_events.apply_event` for the basket, the payment and the TSE
    view, without the read model's other fields (the fold is the export's hot loop)."""

    def __init__(self, opened: LedgerEvent) -> None:
        facts = opened.payload
        self.sale_number = int(facts["sale_number"])
        self.opened_at = opened.recorded_at
        self.ended_at = opened.recorded_at
        self.training = bool(facts.get("training"))
        self.cashier = str(facts.get("cashier") or "")
        self.lines: dict[int, BasketLine] = {
            line.line_id: line for line in basket_from_json(facts.get("basket", []))
        }
        self.payment: Payment | None = None
        self.tse: dict[str, Any] | None = None

    def step(self, event: LedgerEvent) -> None:
        kind, facts = event.kind, event.payload
        if kind in (EventKind.PAYMENT_CONFIRMED, EventKind.SALE_ABORTED):
            self.ended_at = event.recorded_at  # the receipt's end: paid, or given up
        if kind == EventKind.LINE_ADDED:
            line = line_from_json(facts["line"])
            self.lines[line.line_id] = line
        elif kind == EventKind.LINE_CHANGED:
            old = self.lines[int(facts["line_id"])]
            self.lines[old.line_id] = BasketLine(old.line_id, old.article, int(facts["quantity"]))
        elif kind == EventKind.LINE_VOIDED:
            self.lines.pop(int(facts["line_id"]), None)
        elif kind == EventKind.PAYMENT_CONFIRMED:
            self.payment = Payment.from_dict(facts["payment"])
            if "basket" in facts:
                self.lines = {line.line_id: line for line in basket_from_json(facts["basket"])}
        elif kind == EventKind.TSE_TX_PLANNED:
            self.tse = {"state": "planned", "result": None, "failure": None}
        elif self.tse is not None and kind == EventKind.TSE_STARTED and self.tse["state"] == "planned":
            self.tse["state"] = "started"
        elif self.tse is not None and kind == EventKind.TSE_FINISHED:
            self.tse["result"] = facts["tse_result"]
            self.tse["state"] = str(facts["tse_result"]["state"])
        elif self.tse is not None and kind == EventKind.TSE_FAILED:
            self.tse["failure"] = {
                "step": facts["tse_step"],
                "error": facts["tse_error"],
                "at": facts["tse_failed_at"],
            }


class ClosingBuilder:
    """Collects one closing's receipts from its events, in ledger order."""

    def __init__(self, context: ExportContext, z: LedgerEvent, number: int) -> None:
        self.context = context
        self.z = z
        self.z_number = int(z.payload["number"])
        self.z_created = datetime.fromisoformat(z.recorded_at)
        self.number = number
        self.sales: dict[str, _Sale] = {}
        # Paid or given-up sales: (BON_NR, sale id, the sale as it stood then), TSE read at the end.
        self.pending: list[tuple[int, str, _Sale]] = []
        # Booked Stornos: (subject id, the receipt without its TSE data: the signature comes after).
        self.stornos: list[tuple[str, Receipt]] = []
        self.storno_tse: dict[str, dict[str, Any]] = {}
        self.moves: list[CashMovement] = []
        self.storno_cashiers: dict[str, str] = {}
        self.float_so_far = 0

    def _next_number(self) -> int:
        self.number += 1
        return self.number

    def feed(self, event: LedgerEvent) -> None:
        kind = event.kind
        if kind in _SALE_KINDS:
            self._sale_step(event)
        elif kind == DayEventKind.STORNO_ANNOUNCED:
            self.storno_cashiers[event.subject_id] = str(event.payload["cashier_id"])
        elif kind == DayEventKind.STORNO_BOOKED:
            self.stornos.append((event.subject_id, self._storno(event)))
        elif kind in _STORNO_TSE_KINDS:
            subject_id = event.subject_id
            self.storno_tse[subject_id] = _storno_tse_step(self.storno_tse.get(subject_id), event)
        elif kind == DayEventKind.CASH_MOVED:
            facts = event.payload
            self._move(event, BusinessCase(str(facts["gv_type"])), int(facts["amount"]), str(facts["reason"]))
        elif kind == DayEventKind.FLOAT_COUNTED:
            amount = int(event.payload["amount"])
            change, self.float_so_far = amount - self.float_so_far, amount
            self._move(event, BusinessCase.ANFANGSBESTAND, change, "Anfangsbestand")
        elif kind == DayEventKind.Z_CLOSED and int(event.payload["difference"]) != 0:
            difference = int(event.payload["difference"])
            self._move(event, BusinessCase.DIFFERENZ_SOLL_IST, difference, "Differenz Ist - Soll")

    def _sale_step(self, event: LedgerEvent) -> None:
        sale = self.sales.get(event.subject_id)
        if sale is None:
            sale = self._sale_from(event)
            self.sales[event.subject_id] = sale
        elif event.kind != EventKind.SALE_OPENED:
            sale.step(event)
        # A paid sale is a receipt; a given-up one only when its TSE transaction was planned.
        if event.kind == EventKind.PAYMENT_CONFIRMED or (
            event.kind == EventKind.SALE_ABORTED and sale.tse is not None
        ):
            self.pending.append((self._next_number(), event.subject_id, sale))

    def _sale_from(self, event: LedgerEvent) -> _Sale:
        """A sale first seen here: opened now, or earlier (its first steps read back)."""
        steps = [event] if event.kind == EventKind.SALE_OPENED else [
            *self.context.sale_events(event.subject_id, event.seq), event
        ]  # fmt: skip
        sale = _Sale(steps[0])
        for step in steps[1:]:
            sale.step(step)
        return sale

    def _cashier(self, name: str) -> tuple[str, str]:
        return self.context.ids.get(name, name or "0"), name or "Kasse"

    def _tse(self, tse: dict[str, Any] | None) -> tuple[TseTransaction | None, str]:
        if tse is not None and tse.get("result"):
            result = tse["result"]
            tse_id = self.context.tse_ids.get(str(result["tss_serial_number"]))
            if tse_id is not None:
                time_format = str(result["timestamp_format"])
                return TseTransaction(
                    tse_id=tse_id,
                    number=int(result["number"]),
                    start=_tse_time(str(result["time_start"]), time_format),
                    end=_tse_time(str(result["time_end"]), time_format),
                    process_type=str(result["process_type"]),
                    signature_counter=int(result["signature"]["counter"]),
                    signature=str(result["signature"]["value"]),
                    process_data=str(result["process_data"]),
                ), ""
        if tse is not None and tse.get("failure"):
            failure = tse["failure"]
            return None, f"TSE ausgefallen ({failure['step']}, {failure['at']}): {failure['error']}"
        if tse is not None:
            return None, "TSE-Transaktion nicht abgeschlossen"
        return None, NO_TSE

    def _final_tse(self, sale_id: str) -> dict[str, Any] | None:
        """The sale's TSE view after every event of it (an answer may come after the Z)."""
        tse = self.sales[sale_id].tse
        # Also after a failure: the reconciliation may have signed it late, after the Z.
        if tse is not None and tse.get("state") not in _CLOSED_TSE:
            steps = self.context.sale_events(sale_id, 1 << 62)
            sale = _Sale(steps[0])
            for step in steps[1:]:
                sale.step(step)
            tse = sale.tse
        return tse

    def _sale_receipt(self, number: int, sale_id: str, sale: _Sale) -> Receipt:
        aborted = sale.payment is None
        receipt_type = (
            ReceiptType.AV_BELEGABBRUCH
            if aborted
            else ReceiptType.AV_TRAINING
            if sale.training
            else ReceiptType.BELEG
        )
        payments: tuple[ReceiptPayment, ...] = ()
        if receipt_type is ReceiptType.BELEG and sale.payment is not None:
            payments = _payments(sale.payment.card_paid, sale.payment.cash_due)
        tse, error = self._tse(self._final_tse(sale_id))
        return Receipt(
            receipt_id=str(sale.sale_number),
            number=number,
            receipt_type=receipt_type,
            start=datetime.fromisoformat(sale.opened_at),
            end=datetime.fromisoformat(sale.ended_at),
            cashier_id=self._cashier(sale.cashier)[0],
            cashier_name=self._cashier(sale.cashier)[1],
            lines=tuple(
                ReceiptLine(
                    line_number=index,
                    text=line.article.name,
                    quantity=line.quantity,
                    unit_price=line.article.price,
                    vat_rate=line.article.vat_rate,
                    article_number=line.article.article_number,
                    gtin=line.article.ean,
                )
                for index, line in enumerate(sale.lines.values(), start=1)
            ),
            payments=payments,
            tse=tse,
            tse_error=error,
        )

    def _storno(self, event: LedgerEvent) -> Receipt:
        facts = event.payload
        original_id = str(facts["original_sale_id"])
        where = self._original_closing(original_id)
        cashier_id = self.storno_cashiers.get(event.subject_id, "0")
        lines = tuple(
            ReceiptLine(index, line.article.name, -line.quantity, line.article.price, line.article.vat_rate,
                        article_number=line.article.article_number, gtin=line.article.ean)
            for index, line in enumerate(basket_from_json(facts["basket"]), start=1)
        )  # fmt: skip
        time = datetime.fromisoformat(event.recorded_at)
        return Receipt(
            receipt_id=str(facts[RECEIPT_NUMBER]),
            number=self._next_number(),
            receipt_type=ReceiptType.BELEG,
            start=time,
            end=time,
            cashier_id=cashier_id,
            cashier_name=self.context.names.get(cashier_id, "Kasse"),
            lines=lines,
            payments=_payments(int(facts["card_share"]), int(facts["cash"])),
            storno_of=StornoReference(
                self.context.kasse_id, where[0], where[1], str(facts["original_number"])
            ),
            tse_error=NO_TSE,  # replaced in finish(): the Storno is signed after it is booked
        )

    def _final_storno_tse(self, subject_id: str) -> dict[str, Any] | None:
        """The Storno's TSE view after every event of it (signed late: maybe after the Z)."""
        tse = self.storno_tse.get(subject_id)
        if tse is None or tse["result"] is None:
            tse = None
            for event in self.context.reader.events_of_subject(subject_id):
                if event.kind in _STORNO_TSE_KINDS:
                    tse = _storno_tse_step(tse, event)
        return tse

    def _signed_storno(self, subject_id: str, receipt: Receipt) -> Receipt:
        tse, error = self._tse(self._final_storno_tse(subject_id))
        return replace(receipt, tse=tse, tse_error=error)

    def _original_closing(self, sale_id: str) -> tuple[int, datetime]:
        paid = [
            e.seq
            for e in self.context.reader.events_of_subject(sale_id)
            if e.kind == EventKind.PAYMENT_CONFIRMED
        ]
        where = self.context.closing_of_seq(paid[0]) if paid else None
        return where or (self.z_number, self.z_created)

    def _move(self, event: LedgerEvent, case: BusinessCase, amount: int, text: str) -> None:
        cashier_id = str(event.payload.get("cashier_id", "0"))
        self.moves.append(
            CashMovement(
                receipt_id=f"{case.value[:2].upper()}-{event.seq}",
                number=self._next_number(),
                business_case=case,
                amount=amount,
                time=datetime.fromisoformat(event.recorded_at),
                cashier_id=cashier_id,
                cashier_name=self.context.names.get(cashier_id, "Kasse"),
                text=text,
                tse_error=UNSIGNED_MOVEMENT,
            )
        )

    def finish(self) -> ZClosing:
        receipts = [
            *(self._signed_storno(subject_id, receipt) for subject_id, receipt in self.stornos),
            *(self._sale_receipt(n, s, sale) for n, s, sale in self.pending),
        ]
        return ZClosing(
            number=self.z_number,
            created=self.z_created,
            business_day=date.fromisoformat(str(self.z.payload["business_day"])),
            receipts=tuple(receipts),
            cash_movements=tuple(self.moves),
        )


def _payments(card_share: int, cash: int) -> tuple[ReceiptPayment, ...]:
    payments = []
    if card_share:
        payments.append(ReceiptPayment(PaymentType.GUTHABENKARTE, card_share, CARD_BALANCE_PAYMENT_NAME))
    if cash:
        payments.append(ReceiptPayment(PaymentType.BAR, cash, "Bar"))
    return tuple(payments)


def _storno_tse_step(tse: dict[str, Any] | None, event: LedgerEvent) -> dict[str, Any]:
    """A Storno's TSE view with one more ``storno_tse_*`` event, as ``storno_tse_of`` reads them:
    the first answer counts, and the first failure (the time its receipt printed "TSE ausgefallen")."""
    tse = tse if tse is not None else {"result": None, "failure": None}
    facts = event.payload
    if event.kind == DayEventKind.STORNO_TSE_FINISHED and tse["result"] is None:
        tse["result"] = facts["tse_result"]
    elif event.kind == DayEventKind.STORNO_TSE_FAILED and tse["failure"] is None:
        tse["failure"] = {
            "step": facts["tse_step"],
            "error": facts["tse_error"],
            "at": facts["tse_failed_at"],
        }
    return tse


def _tse_time(iso: str, time_format: str) -> str:
    """A TSE time as the TSE's format writes it (unixTime: seconds since 1970)."""
    moment = datetime.fromisoformat(iso)
    if time_format == "unixTime":
        return str(int(moment.timestamp()))
    return moment.isoformat()

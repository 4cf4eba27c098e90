"""Storno of a completed sale: the card's money back, a negated receipt, the cash to pay out, once.

The steps, each in the ledger before the request it announces (as payments are):

1. ``storno_announced`` (the original sale, its transaction, reason, cashier and the manager who
   granted it), then ``POST /Smart/Transactions/{id}/cancel``: the server gives the card back
   what the sale took from it.
2. The answer: ``storno_booked`` with the next Bon-Nr. (the sales' series), the original's lines
   and every amount negated; its receipt says "Storno zu Bon-Nr. …". A definite refusal is read
   back (a cancel from before a lost answer may have landed) and ends as ``storno_failed`` when
   the transaction is not cancelled.
3. No usable answer: the Storno stays announced, and it is read back (``GET``) before anything
   else may happen to that sale (:meth:`StornoService.resolve_pending`): exactly once. The till
   asks by itself until the server answers, and again at the next start after a shutdown or a
   kill (``ui.day.storno_dialog.StornoPresenter.read_back_pending_soon``).

A second Storno of the same sale is refused. The signing of the Storno receipt as a TSE
transaction is the seam :attr:`StornoService.sign_storno` (the fiscal signing wires it).
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pos_gui.api.errors import ApiStatusError
from pos_gui.core.money import Cents
from pos_gui.core.sales_receipt import SalesReceipt
from pos_gui.core.tse_receipt_block import TseBlock, TseOutage
from pos_gui.persistence.day_events import RECEIPT_NUMBER, DayEventKind, LedgerEvent
from pos_gui.persistence.ledger import Ledger
from pos_gui.persistence.sale_events import PAID, EventKind, SaleRecord, basket_from_json, basket_to_json
from pos_gui.services.cashiers import CashierSession, Right
from pos_gui.services.sale_wire import NO_ANSWER_ERRORS
from pos_gui.services.server_connection import ServerConnection


class StornoRefusedError(Exception):
    """This sale cannot be reversed (not paid, a training sale, already reversed, ...)."""


class StornoUnknownError(Exception):
    """The cancel got no usable answer: read it back (:meth:`StornoService.resolve_pending`)."""


@dataclass(frozen=True)
class StornoResult:
    """A booked Storno: its own Bon-Nr., the original's, and the cash to hand back."""

    receipt_number: int
    original_number: int
    cash_to_pay_out: Cents
    card_given_back: Cents
    event: LedgerEvent
    # The Storno receipt's TSE block, or "TSE ausgefallen" (``sign_storno``'s answer), or None.
    tse: TseBlock | TseOutage | None = None


class StornoService:
    """Storno of today's completed sales.

    ``sign_storno``: called with the booked Storno's event once it is in the ledger; the fiscal
    signing (:mod:`.storno_signing`: TSE, ``Kassenbeleg-V1``, every amount negated) plugs in
    here and answers the receipt's TSE block.
    """

    def __init__(self, server: ServerConnection, ledger: Ledger, cashiers: CashierSession) -> None:
        self.server = server
        self.ledger = ledger
        self.cashiers = cashiers
        self.sign_storno: Callable[[LedgerEvent], Awaitable[Any]] | None = None

    # -- what the screens read ---------------------------------------------------------------------

    def sale_by_number(self, number: int) -> SaleRecord | None:
        """The sale with Bon-Nr. ``number`` (the receipt's barcode), or ``None``."""
        return next((sale for sale in self.ledger.all_sales() if sale.sale_number == number), None)

    def storno_state(self, sale_id: str) -> str | None:
        """``None`` (never reversed), ``"pending"`` (announced, outcome unknown), ``"booked"``, ``"failed"``."""
        state = None
        for event in self._storno_events():
            if event.payload.get("original_sale_id") != sale_id:
                continue
            if event.kind == DayEventKind.STORNO_ANNOUNCED:
                state = "pending"
            elif event.kind == DayEventKind.STORNO_BOOKED:
                state = "booked"
            elif event.kind == DayEventKind.STORNO_FAILED and state == "pending":
                state = "failed"
        return state

    def pending(self) -> list[LedgerEvent]:
        """Announced Stornos whose outcome is not known yet (read them back first)."""
        announced: dict[str, LedgerEvent] = {}
        for event in self._storno_events():
            sale_id = str(event.payload.get("original_sale_id"))
            if event.kind == DayEventKind.STORNO_ANNOUNCED:
                announced[sale_id] = event
            else:
                announced.pop(sale_id, None)
        return list(announced.values())

    def check_reversible(self, sale: SaleRecord) -> None:
        if sale.state != PAID or sale.payment is None:
            raise StornoRefusedError(f"Bon-Nr. {sale.sale_number} ist nicht bezahlt.")
        if self._is_training(sale.sale_id):
            raise StornoRefusedError("Ein Trainingsbon wird nicht storniert.")
        state = self.storno_state(sale.sale_id)
        if state == "booked":
            raise StornoRefusedError(f"Bon-Nr. {sale.sale_number} ist bereits storniert.")
        if state == "pending":
            raise StornoRefusedError(f"Der Storno von Bon-Nr. {sale.sale_number} wird noch geklärt.")
        if not sale.transaction_id:
            raise StornoRefusedError(f"Bon-Nr. {sale.sale_number} hat keine Transaktion.")

    # -- the Storno --------------------------------------------------------------------------------

    async def storno(self, sale_id: str, reason: str, *, manager_id: str | None = None) -> StornoResult:
        """Reverse a paid sale. Needs :attr:`Right.STORNO`, or ``manager_id`` of a granted override.

        Raises :class:`StornoRefusedError` (nothing sent), :class:`StornoUnknownError` (sent, no
        usable answer), or the server's :class:`ApiStatusError` after the read-back showed the
        transaction not cancelled (``storno_failed``).
        """
        if self.pending():
            await self.resolve_pending()
        cashier = self.cashiers.require() if manager_id else self.cashiers.check(Right.STORNO)
        if not reason.strip():
            raise StornoRefusedError("Bitte einen Grund angeben.")
        sale = self.ledger.sale(sale_id)
        self.check_reversible(sale)
        assert sale.transaction_id is not None
        announced = self.ledger.append_day_event(
            str(uuid.uuid4()),
            DayEventKind.STORNO_ANNOUNCED,
            {
                "cashier_id": cashier.cashier_id,
                "manager_id": manager_id or cashier.cashier_id,
                "original_sale_id": sale.sale_id,
                "original_number": sale.sale_number,
                "transaction_id": sale.transaction_id,
                "reason": reason.strip(),
            },
        )
        client = await self.server.client()
        try:
            answer = await client.cancel_transaction(sale.transaction_id)
        except ApiStatusError as refused:
            # A definite no, unless an earlier cancel of this sale landed after all: read back.
            result = await self._read_back(announced)
            if result is None:
                self._failed(announced, refused)
                raise
            return result
        except NO_ANSWER_ERRORS as lost:
            raise StornoUnknownError(
                f"Storno von Bon-Nr. {sale.sale_number}: keine Antwort vom Server; wird nachgefragt."
            ) from lost
        return await self._book(announced, answer.to_wire())

    async def resolve_pending(self) -> list[StornoResult]:
        """Read every announced Storno back; book the cancelled ones, fail the others."""
        results = []
        for announced in self.pending():
            try:
                result = await self._read_back(announced)
            except NO_ANSWER_ERRORS as lost:
                raise StornoUnknownError(
                    "Der Server antwortet nicht; der offene Storno bleibt offen."
                ) from lost
            if result is None:
                self._failed(announced, None)
            else:
                results.append(result)
        return results

    async def _read_back(self, announced: LedgerEvent) -> StornoResult | None:
        client = await self.server.client()
        transaction = await client.get_transaction(str(announced.payload["transaction_id"]))
        if transaction.is_cancelled:
            return await self._book(announced, transaction.to_wire())
        return None

    def _failed(self, announced: LedgerEvent, error: BaseException | None) -> None:
        self.ledger.append_day_event(
            announced.subject_id,
            DayEventKind.STORNO_FAILED,
            {
                "original_sale_id": announced.payload["original_sale_id"],
                "error": str(error) if error else "not cancelled on the server",
            },
        )

    async def _book(self, announced: LedgerEvent, transaction: dict[str, Any]) -> StornoResult:
        sale = self.ledger.sale(str(announced.payload["original_sale_id"]))
        assert sale.payment is not None
        payment = sale.payment
        booked = self.ledger.append_day_event(
            announced.subject_id,
            DayEventKind.STORNO_BOOKED,
            {
                "original_sale_id": sale.sale_id,
                "original_number": sale.sale_number,
                "basket": basket_to_json(sale.basket),
                "total": -payment.total,
                "card_share": -payment.card_paid,
                "cash": -payment.cash_due,
                "transaction": transaction,
            },
            numbered=RECEIPT_NUMBER,
        )
        # Signed (or its outage recorded) before the receipt is composed and printed.
        tse = await self.sign_storno(booked) if self.sign_storno is not None else None
        return StornoResult(
            receipt_number=int(booked.payload[RECEIPT_NUMBER]),
            original_number=sale.sale_number,
            cash_to_pay_out=payment.cash_due,
            card_given_back=payment.card_paid,
            event=booked,
            tse=tse if isinstance(tse, TseBlock | TseOutage) else None,
        )

    def _storno_events(self) -> list[LedgerEvent]:
        kinds = (DayEventKind.STORNO_ANNOUNCED, DayEventKind.STORNO_BOOKED, DayEventKind.STORNO_FAILED)
        return self.ledger.all_events(kinds=[kind.value for kind in kinds])

    def _is_training(self, sale_id: str) -> bool:
        opened = [event for event in self.ledger.events(sale_id) if event.kind is EventKind.SALE_OPENED]
        return bool(opened and opened[0].payload.get("training"))


def storno_receipt(
    event: LedgerEvent,
    *,
    shop_lines: tuple[str, ...] = (),
    cashier_name: str = "",
    tse: TseBlock | TseOutage | None = None,
) -> SalesReceipt:
    """The Storno receipt of a ``storno_booked`` event: the original's lines, every amount negated,
    and its TSE block (:attr:`StornoResult.tse`)."""
    from dataclasses import replace

    facts = event.payload
    lines = basket_from_json(facts["basket"])
    receipt = SalesReceipt.from_basket(
        lines,
        shop_lines=shop_lines,
        issued_at=datetime.fromisoformat(event.recorded_at),
        receipt_number=str(facts[RECEIPT_NUMBER]),
        card_paid=int(facts["card_share"]),
        cash_due=int(facts["cash"]),
        tendered=0,
        change=0,
        transaction_id=str(facts.get("transaction", {}).get("id", "")),
        is_demo=bool(facts.get("transaction", {}).get("is_demo")),
    )
    negated = tuple(replace(line, quantity=-line.quantity, total=-line.total) for line in receipt.lines)
    from pos_gui.core.sales_receipt import vat_table_from_lines

    return replace(
        receipt,
        lines=negated,
        total=-receipt.total,
        vat_table=vat_table_from_lines(negated),
        storno_of=str(facts["original_number"]),
        cashier_name=cashier_name,
        tse=tse,
    )

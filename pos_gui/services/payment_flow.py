"""Paying the current sale, exactly once: create or PUT the transaction, preTransaction, start.

Every payment action checks ``busy`` and the state *before* its first ``await``, so a double click
or a second F12 raises :class:`CheckoutBusyError` and sends nothing. The ledger gets the event
that announces a request before the request is sent (``payment_announced`` with the transaction
id before ``start/*``); a ``start`` without a usable answer leaves the sale ``UNKNOWN``
(``payment_unknown``) and nothing is sent for it again until :meth:`PaymentFlow.resolve_unknown`
has read the transaction back. A transaction that was created but not started is paid later on
the *same* transaction (after a PUT when the basket changed); only a failed or cancelled one is
replaced by a new one.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Any

from pos_gui.api.errors import ApiError, NotAllowedError
from pos_gui.core.money import Cents
from pos_gui.core.payment import Payment
from pos_gui.persistence.ledger import LedgerWriteError
from pos_gui.persistence.sale_events import EventKind
from pos_gui.services.card_checks import CardChecks
from pos_gui.services.checkout_types import (
    AbandonedSale,
    CheckoutBusyError,
    CheckoutState,
    PaymentNotRecordedError,
    SaleAlreadyPaidError,
)
from pos_gui.services.payment_answers import PaymentAnswers, record_booked
from pos_gui.services.sale_building import CurrentSale
from pos_gui.services.sale_wire import NO_ANSWER_ERRORS, basket_lines_of, outcome_unknown, wire_key

if TYPE_CHECKING:
    from pos_gui.api.models import PreTransactionResult, SmartTransaction
    from pos_gui.services.server_connection import ServerConnection

log = logging.getLogger("pos_gui.services.checkout")

# Waits between the reads of a transaction whose payment outcome is unknown; the last one repeats.
RESOLVE_BACKOFF_S: tuple[float, ...] = (0.2, 0.5, 1.0, 2.0, 4.0)


async def _asyncio_sleep(seconds: float) -> None:
    # asyncio.sleep, looked up when first needed: the checkout is built before the event loop
    # exists, and importing asyncio is a noticeable part of the cold start.
    import asyncio

    await asyncio.sleep(seconds)


class PaymentFlow:
    """The payment use case of :class:`CurrentSale`: apply the card balance, pay, resolve UNKNOWN.

    Args:
        sale: the current sale.
        sleep: the wait between reads in :meth:`resolve_unknown` (``None``: asyncio.sleep).
        backoff: those waits in seconds; the last one repeats.
    """

    def __init__(
        self,
        sale: CurrentSale,
        *,
        sleep: Callable[[float], Awaitable[Any]] | None = None,
        backoff: Sequence[float] = RESOLVE_BACKOFF_S,
    ) -> None:
        self.sale = sale
        self._sleep = sleep or _asyncio_sleep
        self._backoff = tuple(backoff) or (1.0,)
        self.card_checks = CardChecks(sale)
        self.answers = PaymentAnswers(sale, self.card_checks)

    def check_payable(self) -> None:
        """The guard of every payment action; runs before the first ``await``."""
        sale = self.sale
        sale.check_not_busy()
        if sale.state in (CheckoutState.PAYING, CheckoutState.UNKNOWN, CheckoutState.PAID):
            raise CheckoutBusyError(f"cannot pay in {sale.state}")
        if sale.basket.is_empty:
            raise ValueError("the basket is empty")
        # A payment the till could not record is not taken: nothing is sent when the ledger
        # cannot be written (LedgerWriteError), and the next action simply works once it can.
        sale.ledger.check_writable()

    async def read_back_if_paid(
        self, transaction_id: str, *, server: ServerConnection | None = None
    ) -> SmartTransaction | None:
        try:
            client = await (server or self.sale.server).client()
            transaction = await client.get_transaction(transaction_id)
        except ApiError:
            return None
        return transaction if transaction.normalized_status == "ok" else None

    # -- create / PUT ----------------------------------------------------------------------------

    async def _sync_transaction(self) -> None:
        """Make the server's transaction hold the current basket and card: create it (one POST),
        PUT the full basket if it changed since, or do nothing. A PUT drops an applied balance."""
        sale = self.sale
        draft = sale.draft()
        wire = wire_key(draft)
        client = await sale.server.client()
        if sale.transaction is None:
            sale.server_draft = None
            transaction = await client.create_transaction(draft)
            try:
                sale.record(EventKind.TRANSACTION_CREATED, transaction_id=transaction.id)
            except LedgerWriteError:
                # The sale goes on without it (as the ledger says); the created transaction
                # books nothing, and the abort makes sure nothing ever can.
                assert sale.sale_id is not None
                assert sale.sale_number is not None
                sale.abandoned.append(AbandonedSale(sale.sale_id, sale.sale_number, transaction.id))
                raise
            sale.transaction = transaction
            log.info("sale %s: transaction %s created", sale.sale_number, transaction.id)
            await self.answers.check_basket_sum(transaction)
            sale.server_draft = wire
            return
        if wire == sale.server_draft:
            return
        transaction_id = sale.transaction.id
        # Until the PUT answers, nobody knows what the server holds.
        sale.server_draft = None
        transaction = await client.update_transaction(transaction_id, draft)
        sale.transaction = transaction
        await self.answers.check_basket_sum(transaction)
        if sale.applied is not None:
            # Written before it is taken over: if it cannot be, the sale stays APPLIED (as the
            # ledger says) with the server's draft unknown, so the next step PUTs again.
            sale.record(EventKind.BALANCE_DROPPED, state=sale.resting_state().value)
            sale.applied = None
            sale.state = sale.resting_state()
        sale.server_draft = wire

    async def sync_for_payment(self) -> None:
        """The first step of every payment action: a failed transaction is replaced by a new one,
        then the server's transaction is brought up to date. API errors are recorded and raised.

        Raises :class:`SaleAlreadyPaidError` (state PAID) when the server refuses the update
        because it has booked the transaction meanwhile.
        """
        sale = self.sale
        if sale.state is CheckoutState.FAILED:
            sale.forget_transaction()
        transaction_id = sale.transaction.id if sale.transaction is not None else None
        try:
            await self._sync_transaction()
        except NotAllowedError as exc:
            # The transaction may no longer be changed. Perhaps a start from before a crash
            # reached the server late and booked it: then this sale is paid, as booked.
            booked = await self.read_back_if_paid(transaction_id) if transaction_id else None
            if booked is None:
                sale.record_error(exc)
                raise
            self._adopt_booked_elsewhere(booked)
            raise SaleAlreadyPaidError(f"transaction {booked.id} was already booked") from exc
        except ApiError as exc:
            sale.record_error(exc)
            raise

    def _adopt_booked_elsewhere(self, transaction: SmartTransaction) -> None:
        """Settle the sale as the server booked it: its articles and amounts, not the basket the
        cashier has edited since (the till did not hear that payment, so it takes the server's word)."""
        sale = self.sale
        assert sale.sale_id is not None
        sale.payment = record_booked(sale, sale.sale_id, transaction)
        booked_lines = basket_lines_of(transaction)
        if booked_lines:
            sale.basket.restore(booked_lines)
        sale.applied = None
        sale.prediction = None
        sale.transaction = transaction
        sale.state = CheckoutState.PAID
        log.warning(
            "sale %s: transaction %s was booked before the till heard of it; settled as booked",
            sale.sale_number,
            transaction.id,
        )
        sale.changed()

    # -- preTransaction, start ---------------------------------------------------------------------

    async def apply_card_balance(self) -> PreTransactionResult:
        """Create (or update) the transaction and run preTransaction → APPLIED."""
        sale = self.sale
        self.check_payable()
        if sale.card is None:
            raise CheckoutBusyError("no card scanned")
        self.card_checks.require_passcode()
        if sale.state is CheckoutState.APPLIED and sale.applied is not None:
            return sale.applied
        with sale.request(payment=True):
            await self.sync_for_payment()
            assert sale.transaction is not None
            try:
                client = await sale.server.client()
                applied = await client.pre_transaction(sale.transaction.id)
            except BaseException as exc:
                # The server may have applied the balance anyway; a PUT (next payment step)
                # puts it back to "created", so the till never pays on a state it does not know.
                sale.server_draft = None
                if isinstance(exc, ApiError):
                    sale.record_error(exc)
                raise
            try:
                await self.answers.check_applied(applied)
                card_share = sale.basket.total - applied.missing_sum
                sale.record(
                    EventKind.BALANCE_APPLIED, card_share=card_share, cash=applied.missing_sum, error=None
                )
            except (ApiError, LedgerWriteError):
                # The server holds the balance applied, the till does not: the next payment
                # step PUTs the basket again, which takes it back.
                sale.server_draft = None
                raise
            sale.applied = applied
            sale.state = CheckoutState.APPLIED
        return applied

    async def pay_cash(self, tendered: Cents | None = None) -> SmartTransaction:
        """start/cash. ``tendered=None`` means the exact amount. Raises ``ValueError`` when the
        tendered cash is below the amount due. On no answer the state becomes UNKNOWN and
        :class:`~pos_gui.api.errors.OutcomeUnknownError` propagates."""
        self.check_payable()
        due = self.sale.amount_due
        if tendered is None:
            tendered = due
        if tendered < due:
            raise ValueError(f"tendered {tendered} is below the amount due {due}")
        return await self._pay("cash", tendered)

    async def pay_card(self) -> SmartTransaction:
        """start/loyalty; only when the applied card balance covers everything."""
        sale = self.sale
        self.check_payable()
        if sale.state is not CheckoutState.APPLIED or sale.applied is None:
            raise CheckoutBusyError("apply the card balance first")
        self.card_checks.require_passcode()
        if sale.applied.missing_sum != 0:
            raise CheckoutBusyError("the card does not cover the total; pay the rest in cash")
        return await self._pay("loyalty", 0)

    async def _pay(self, method: str, tendered: Cents) -> SmartTransaction:
        sale = self.sale
        with sale.request(payment=True):
            await self.sync_for_payment()
            assert sale.transaction is not None
            # A PUT may have dropped the applied balance: the amount due is the full total again,
            # and the cash the cashier counted does not fit any more. Stop before paying.
            if tendered < sale.amount_due:
                raise ValueError("the basket changed on the server; the amount due is now higher")
            if method == "loyalty" and sale.state is not CheckoutState.APPLIED:
                raise CheckoutBusyError("the card balance must be applied again")
            paying = Payment.of(total=sale.basket.total, cash_due=sale.amount_due, tendered=tendered)
            transaction_id = sale.transaction.id
            # On disk before start is sent; if it cannot be written, nothing is sent and the sale
            # stays as it was (LedgerWriteError propagates).
            sale.record(
                EventKind.PAYMENT_ANNOUNCED,
                transaction_id=transaction_id,
                method=method,
                payment=paying,
                error=None,
            )
            sale.paying = paying
            sale.state_before_paying = sale.state
            sale.state = CheckoutState.PAYING
            sale.changed()
            try:
                client = await sale.server.client()
                transaction = await client.start_transaction(transaction_id, method)
            except BaseException as exc:
                if outcome_unknown(exc):
                    self.answers.note_unknown(str(exc) or type(exc).__name__)
                    log.warning("sale %s: outcome of start/%s unknown: %s", sale.sale_number, method, exc)
                    raise
                if isinstance(exc, NotAllowedError):
                    # "Not allowed in this state": perhaps the transaction is already paid (a slow
                    # start from before a crash that reached the server late). Read it back once.
                    booked = await self.read_back_if_paid(transaction_id)
                    if booked is not None:
                        self.answers.settle(booked)
                        return booked
                # "Not allowed" may mean the card was spent from meanwhile (another till, the
                # customer's app): the applied amounts are stale, so they are dropped and the
                # cashier applies the card again (a fresh preTransaction on the basket PUT again).
                # Other refusals (a malformed request) leave the applied balance as it was.
                stale_balance = isinstance(exc, NotAllowedError) and sale.applied is not None
                refused_state = sale.resting_state() if stale_balance else sale.state_before_paying
                try:
                    sale.record(EventKind.PAYMENT_REFUSED, state=refused_state.value, error=str(exc))
                except LedgerWriteError as write_error:
                    # The ledger still says PAYING: the till reads the transaction back before
                    # anything else (resolve_unknown), as after a lost answer.
                    sale.state = CheckoutState.UNKNOWN
                    sale.changed()
                    raise PaymentNotRecordedError(str(write_error), path=write_error.path) from exc
                if stale_balance:
                    sale.applied = None
                    sale.server_draft = None
                sale.state = refused_state
                sale.last_error = str(exc)
                raise
            self.answers.settle(transaction)
        return transaction

    async def resolve_unknown(self, *, max_reads: int | None = None) -> CheckoutState:
        """Read the transaction back with backoff until its outcome is known → PAID, or back to
        CARD/APPLIED (pay again on the same transaction).

        Connection errors, 5xx and malformed answers only lead to the next read after the next
        wait. ``max_reads`` bounds the reads (``None``: until the outcome is known); when they are
        used up the state stays UNKNOWN. Other errors propagate with the state left UNKNOWN.
        """
        sale = self.sale
        if sale.state is not CheckoutState.UNKNOWN:
            return sale.state
        sale.check_not_busy()
        assert sale.transaction is not None
        transaction_id = sale.transaction.id
        reads = 0
        with sale.request(payment=True):
            client = await sale.server.client()
            while True:
                reads += 1
                try:
                    transaction = await client.get_transaction(transaction_id)
                except NO_ANSWER_ERRORS as exc:
                    log.info(
                        "sale %s: reading %s failed (%s), retrying", sale.sale_number, transaction_id, exc
                    )
                else:
                    self.answers.settle(transaction)
                    if sale.state is not CheckoutState.UNKNOWN:
                        return sale.state
                if max_reads is not None and reads >= max_reads:
                    return sale.state
                await self._sleep(self._backoff[min(reads - 1, len(self._backoff) - 1)])

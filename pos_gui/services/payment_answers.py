"""The server's answers about a payment: checked against the till's basket, then adopted.

Every amount the server sends is checked against what the till knows before the cashier sees it:
the created or updated transaction holds the basket's total, an applied card balance leaves
between nothing and the total to pay in cash and takes no more than the card holds. An answer
that does not fit is an :class:`~pos_gui.api.errors.InvalidResponseError`; the transaction is
read back, and the next payment step PUTs the basket again (which also takes back an applied
balance on the server).

A transaction read or returned after ``start`` is adopted (:meth:`PaymentAnswers.settle`): each
outcome is in the ledger before the checkout takes it over.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from pos_gui.api.errors import InvalidResponseError
from pos_gui.core.money import Cents
from pos_gui.core.payment import Payment
from pos_gui.persistence.ledger import LedgerWriteError
from pos_gui.persistence.sale_events import EventKind
from pos_gui.services.card_checks import CardChecks
from pos_gui.services.checkout_types import CheckoutState, PaymentNotRecordedError
from pos_gui.services.sale_building import CurrentSale, resting_state_of
from pos_gui.services.sale_wire import (
    DEAD_STATUSES,
    NO_ANSWER_ERRORS,
    NOT_STARTED_STATUSES,
    basket_lines_of,
    payment_of,
    wire_key,
)

if TYPE_CHECKING:
    from pos_gui.api.models import BasketProduct, MerchantCard, PreTransactionResult, SmartTransaction

log = logging.getLogger("pos_gui.services.checkout")


def applied_amounts_problem(
    missing_sum: Cents, bonus_products: Sequence[BasketProduct], total: Cents, card: MerchantCard
) -> str | None:
    """What does not fit in an applied card balance for a basket of ``total``, or ``None``.

    The cash still to pay lies between nothing and the total, and the bonus lines take no more
    than the card holds: anything else would have the cashier pay out cash or collect more than
    the basket costs.
    """
    if not 0 <= missing_sum <= total:
        return f"missing_sum {missing_sum} is outside 0..{total}"
    taken = -sum(product.total for product in bonus_products)
    held = card.cash_balance + card.bonus_balance
    if taken > held:
        return f"the bonus lines take {taken}, the card holds {held}"
    return None


def record_booked(sale: CurrentSale, sale_id: str, transaction: SmartTransaction) -> Payment:
    """Record ``sale_id`` as paid the way the server booked it (its basket and amounts)."""
    payment = payment_of(transaction)
    sale.ledger.append(
        sale_id,
        EventKind.PAYMENT_CONFIRMED,
        transaction=transaction.to_wire(),
        payment=payment,
        basket=basket_lines_of(transaction),
        error=None,
    )
    return payment


class PaymentAnswers:
    """Checks and adopts the server's answers for the current sale."""

    def __init__(self, sale: CurrentSale, card_checks: CardChecks) -> None:
        self.sale = sale
        self.card_checks = card_checks

    # -- answers that must fit the basket ----------------------------------------------------------

    async def check_basket_sum(self, transaction: SmartTransaction) -> None:
        """The created or updated transaction must hold the till's total; if it does not, it is
        read back, and :class:`InvalidResponseError` is raised."""
        total = self.sale.basket.total
        server_sum = transaction.basket_info.sum if transaction.basket_info else None
        if server_sum == total:
            return
        await self._read_back(transaction.id)
        raise InvalidResponseError(
            f"transaction {transaction.id}: the server's basket sum {server_sum} is not the total {total}"
        )

    async def check_applied(self, applied: PreTransactionResult) -> None:
        """The preTransaction answer must fit the basket and the card (:func:`applied_amounts_problem`)."""
        sale = self.sale
        assert sale.card is not None
        assert sale.transaction is not None
        problem = applied_amounts_problem(
            applied.missing_sum, applied.bonus_products, sale.basket.total, sale.card
        )
        if problem is None:
            return
        transaction_id = sale.transaction.id
        await self._read_back(transaction_id)
        raise InvalidResponseError(f"preTransaction of {transaction_id}: {problem}")

    async def _read_back(self, transaction_id: str) -> None:
        """After an answer that does not fit: keep what the server really holds, and PUT the
        basket again with the next payment step."""
        sale = self.sale
        log.warning("sale %s: an answer about %s does not fit the basket", sale.sale_number, transaction_id)
        sale.server_draft = None
        try:
            client = await sale.server.client()
            sale.transaction = await client.get_transaction(transaction_id)
        except NO_ANSWER_ERRORS as exc:
            log.info("sale %s: reading %s back failed: %s", sale.sale_number, transaction_id, exc)

    # -- adopting a transaction --------------------------------------------------------------------

    def note_unknown(self, reason: str) -> None:
        """The payment's outcome is not known: UNKNOWN, in the ledger if it can be written (if not,
        the ledger's PAYING means the same after a restart: read the transaction back)."""
        sale = self.sale
        sale.state = CheckoutState.UNKNOWN
        try:
            sale.record(EventKind.PAYMENT_UNKNOWN, error=reason)
        except LedgerWriteError as write_error:
            log.error("sale %s: payment_unknown not written: %s", sale.sale_number, write_error)

    def settle(self, transaction: SmartTransaction) -> None:
        """Adopt a transaction read or returned after ``start``: paid, failed, not started, or
        still open (UNKNOWN).

        Each outcome is written to the ledger before the checkout takes it over. When it cannot
        be written the checkout is UNKNOWN (the ledger says PAYING or UNKNOWN: read back before
        anything else) and :class:`PaymentNotRecordedError` is raised; reading the transaction
        back again (``resolve_unknown``) records it once writing works.
        """
        sale = self.sale
        assert sale.sale_id is not None
        try:
            self._settle(transaction)
        except LedgerWriteError as exc:
            sale.state = CheckoutState.UNKNOWN
            sale.changed()
            log.error("sale %s: the answer about %s not written: %s", sale.sale_number, transaction.id, exc)
            raise PaymentNotRecordedError(str(exc), path=exc.path) from exc
        sale.changed()

    def _settle(self, transaction: SmartTransaction) -> None:
        sale = self.sale
        status = transaction.normalized_status
        if status == "ok":
            payment = sale.paying or self.announced_payment()
            sale.record(
                EventKind.PAYMENT_CONFIRMED, transaction=transaction.to_wire(), payment=payment, error=None
            )
            sale.transaction = transaction
            sale.payment = payment
            sale.state = CheckoutState.PAID
            log.info("sale %s paid (%s)", sale.sale_number, transaction.id)
            self.card_checks.refresh_after_payment()
        elif status == "failed":
            sale.record(EventKind.PAYMENT_FAILED, error="payment failed")
            sale.transaction = transaction
            sale.state = CheckoutState.FAILED
            sale.applied = None
            sale.last_error = "payment failed"
        elif status in NOT_STARTED_STATUSES:
            self.adopt_not_started(transaction)
        elif status in DEAD_STATUSES:
            # Nothing was booked, and the transaction cannot be used again.
            state = resting_state_of(sale.basket, sale.card)
            sale.record(EventKind.TRANSACTION_FORGOTTEN, state=state.value, error=f"transaction {status}")
            sale.applied = None
            sale.transaction = None
            sale.server_draft = None
            sale.state = state
        else:
            sale.transaction = transaction
            self.note_unknown(f"unexpected status {status}")

    def announced_payment(self) -> Payment:
        """The payment the ledger recorded with ``payment_announced`` (after a restart)."""
        assert self.sale.sale_id is not None
        record = self.sale.ledger.sale(self.sale.sale_id)
        tendered = record.tendered if record.tendered is not None else record.cash
        return Payment.of(total=record.total, cash_due=record.cash, tendered=tendered)

    def adopt_not_started(self, transaction: SmartTransaction) -> None:
        """The server holds the transaction unpaid: the cashier may pay again on it.

        Its balance counts as applied only when the server's transaction is the till's basket
        and card and its amounts fit them (:func:`applied_amounts_problem`); otherwise the next
        payment step PUTs the basket first. Written to the ledger before it is taken over.
        """
        sale = self.sale
        assert sale.sale_id is not None
        matches = sale.server_matches(transaction)
        missing_sum = transaction.missing_sum
        bonus = [p for p in (transaction.basket.products if transaction.basket else []) if p.price_one < 0]
        applied: PreTransactionResult | None = None
        if (
            transaction.normalized_status == "processing"
            and matches
            and sale.card is not None
            and missing_sum is not None
            and applied_amounts_problem(missing_sum, bonus, sale.basket.total, sale.card) is None
        ):
            from pos_gui.api.models import PreTransactionResult

            applied = PreTransactionResult(missing_sum=missing_sum, bonus_products=bonus)
        state = CheckoutState.APPLIED if applied is not None else resting_state_of(sale.basket, sale.card)
        due = applied.missing_sum if applied is not None else sale.basket.total
        sale.record(
            EventKind.SALE_RESTORED,
            state=state.value,
            card_number=sale.card.cardnumber if sale.card else None,
            transaction_id=transaction.id,
            card_share=sale.basket.total - due,
            cash=due,
            error=None,
        )
        sale.transaction = transaction
        # The server has a balance applied that the till does not take over: a PUT first.
        usable = matches and (applied is not None or transaction.normalized_status != "processing")
        sale.server_draft = wire_key(sale.draft()) if usable else None
        sale.applied = applied
        sale.state = state
        sale.predict()

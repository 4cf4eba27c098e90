"""Building the current sale: basket, card scan and the predicted card share, each step in the ledger.

:class:`CurrentSale` is the one sale the till works on: its state, basket, card, transaction and
the amounts, as the presenters read them. Editing it (articles, quantities, the card) is local and
synchronous except the card look-up; every edit appends its events to the ledger (``line_added``,
``line_changed``, ``line_voided``, ``card_identified``, ``card_removed``, ``sale_aborted``) before
the method returns. The payment (:mod:`pos_gui.services.payment_flow`) and recovery
(:mod:`pos_gui.services.recovery`) work on the same object through its public methods.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from pos_gui.core.basket import Article, Basket, BasketLine
from pos_gui.core.card_number import clean_code, is_card_number
from pos_gui.core.card_share import CardShare, predict_card_share
from pos_gui.core.money import Cents
from pos_gui.core.payment import Payment
from pos_gui.persistence.ledger import Ledger
from pos_gui.persistence.sale_events import EventKind, SaleRecord
from pos_gui.services.checkout_types import AbandonedSale, CardRejectedError, CheckoutBusyError, CheckoutState
from pos_gui.services.sale_wire import wire_products
from pos_gui.services.server_connection import ServerConnection

if TYPE_CHECKING:
    from pos_gui.api.models import MerchantCard, PreTransactionResult, SmartTransaction, SmartTransactionDraft

# States in which the basket and the card may not change.
_FROZEN_STATES = (CheckoutState.PAYING, CheckoutState.UNKNOWN, CheckoutState.PAID)


class CurrentSale:
    """The sale in progress and its editing use case.

    Attributes (read by presenters after each awaited call):
        state: the current :class:`CheckoutState`.
        basket: the local :class:`Basket` (do not mutate directly; use the methods).
        card: the scanned card, or ``None``.
        prediction: the locally predicted :class:`CardShare` while a card is scanned, else ``None``.
        applied: the confirmed ``preTransaction`` result once the balance is applied, else ``None``.
        transaction: the server's Smart Transaction once created (after payment: the paid one).
        payment: the :class:`Payment` once paid.
        busy: ``True`` while a request is in flight.
        sale_id, sale_number: the ledger's sale, or ``None`` in EMPTY.
        last_error: the text of the last error of this sale, or ``None``.
        server_draft: what the server's transaction holds, as the wire key of the draft last sent
            (``None``: unknown; the next payment step PUTs the full basket).
        paying: the amounts announced with PAYING, for the Payment once the sale is paid.
        state_before_paying: where a refused start goes back to.
        abandoned: given-up sales whose server transaction is still to be aborted.
    """

    def __init__(self, server: ServerConnection, ledger: Ledger, *, device_id: str, is_demo: bool) -> None:
        self.server = server
        self.ledger = ledger
        self.device_id = device_id
        self.is_demo = is_demo
        self.on_change: Callable[[], None] | None = None
        self.abandoned: list[AbandonedSale] = []
        self.reset()

    def reset(self) -> None:
        self.state = CheckoutState.EMPTY
        self.basket = Basket()
        self.card: MerchantCard | None = None
        self.prediction: CardShare | None = None
        self.applied: PreTransactionResult | None = None
        self.transaction: SmartTransaction | None = None
        self.payment: Payment | None = None
        self.busy = False
        self.sale_id: str | None = None
        self.sale_number: int | None = None
        self.last_error: str | None = None
        self.server_draft: str | None = None
        self.paying: Payment | None = None
        self.state_before_paying = CheckoutState.BASKET
        # True while a payment step is in flight: the basket is frozen then (a card lookup
        # leaves it editable).
        self.payment_in_flight = False

    # -- derived values --------------------------------------------------------------------------

    @property
    def amount_due(self) -> Cents:
        """What the cashier must collect in cash now: ``applied.missing_sum`` or the basket total."""
        if self.applied is not None:
            return self.applied.missing_sum
        return self.basket.total

    @property
    def transaction_ref(self) -> str | None:
        """``<device id>/<sale number>``: unique across every till of a merchant."""
        if self.sale_number is None:
            return None
        return f"{self.device_id}/{self.sale_number}"

    def resting_state(self) -> CheckoutState:
        """The state of an editable sale with nothing applied."""
        if self.card is not None:
            return CheckoutState.CARD
        if not self.basket.is_empty:
            return CheckoutState.BASKET
        return CheckoutState.EMPTY

    def changed(self) -> None:
        if self.on_change is not None:
            self.on_change()

    def record(self, kind: EventKind, **facts: Any) -> SaleRecord:
        """Append an event of the current sale to the ledger (durable on return)."""
        assert self.sale_id is not None
        return self.ledger.append(self.sale_id, kind, **facts)

    def record_error(self, exc: BaseException) -> None:
        self.last_error = str(exc) or type(exc).__name__
        if self.sale_id is not None:
            self.record(EventKind.ERROR_NOTED, error=self.last_error)

    # -- guards and requests ---------------------------------------------------------------------

    def check_not_busy(self) -> None:
        if self.busy:
            raise CheckoutBusyError("a request is in flight")

    def check_editable(self) -> None:
        if self.payment_in_flight:
            raise CheckoutBusyError("a payment request is in flight")
        if self.state in _FROZEN_STATES:
            raise CheckoutBusyError(f"the sale cannot be changed in {self.state}")

    @contextlib.contextmanager
    def request(self, *, payment: bool) -> Iterator[None]:
        """Mark a request in flight (``busy``) for its duration."""
        self.busy = True
        self.payment_in_flight = payment
        self.changed()
        try:
            yield
        finally:
            self.busy = False
            self.payment_in_flight = False
            self.changed()

    # -- basket: local, synchronous ----------------------------------------------------------------

    def add_article(self, article: Article, quantity: int = 1) -> None:
        self.check_editable()
        before = self._lines_now()
        self.basket.add(article, quantity)
        self._after_edit(before, self.card)

    def set_quantity(self, line_id: int, quantity: int) -> None:
        self.check_editable()
        before = self._lines_now()
        self.basket.set_quantity(line_id, quantity)
        self._after_edit(before, self.card)

    def void_line(self, line_id: int) -> None:
        self.check_editable()
        before = self._lines_now()
        self.basket.void(line_id)
        self._after_edit(before, self.card)

    def clear_basket(self) -> None:
        """Remove every line; the card stays. With no card either, the sale is voided."""
        self.check_editable()
        before = self._lines_now()
        self.basket.clear()
        self._after_edit(before, self.card)

    def _lines_now(self) -> dict[int, BasketLine]:
        return {
            line.line_id: BasketLine(line.line_id, line.article, line.quantity) for line in self.basket.lines
        }

    def _after_edit(self, lines_before: dict[int, BasketLine], card_before: MerchantCard | None) -> None:
        """Record an edit: the basket or the card changed; an applied balance is dropped."""
        self.applied = None
        if self.state is CheckoutState.FAILED:
            # The failed transaction cannot be paid again; the next payment creates a new one.
            self.forget_transaction()
        self.predict()
        state = self.resting_state()
        if self.sale_id is None:
            if state is CheckoutState.EMPTY:
                self.reset()
                self.changed()
                return
            record = self.ledger.open_sale(
                state=state.value,
                basket=self.basket.lines,
                card_number=self.card.cardnumber if self.card else None,
            )
            self.sale_id = record.sale_id
            self.sale_number = record.sale_number
        else:
            self._record_edit(lines_before, card_before, state)
            if state is CheckoutState.EMPTY:
                self.void_sale()
                return
        self.state = state
        self.last_error = None
        self.changed()

    def _record_edit(
        self, lines_before: dict[int, BasketLine], card_before: MerchantCard | None, state: CheckoutState
    ) -> None:
        after = {line.line_id: line for line in self.basket.lines}
        events: list[tuple[EventKind, dict[str, Any]]] = []
        for line_id, line in lines_before.items():
            if line_id not in after:
                events.append((EventKind.LINE_VOIDED, {"line_id": line_id}))
            elif after[line_id].quantity != line.quantity:
                events.append(
                    (EventKind.LINE_CHANGED, {"line_id": line_id, "quantity": after[line_id].quantity})
                )
        events += [
            (EventKind.LINE_ADDED, {"line": line})
            for line_id, line in after.items()
            if line_id not in lines_before
        ]
        number_before = card_before.cardnumber if card_before else None
        number_now = self.card.cardnumber if self.card else None
        if number_now != number_before:
            if number_now is None:
                events.append((EventKind.CARD_REMOVED, {}))
            else:
                events.append((EventKind.CARD_IDENTIFIED, {"card_number": number_now}))
        if not events:
            events.append((EventKind.BALANCE_DROPPED, {}))
        for kind, facts in events:
            self.record(kind, state=state.value, error=None, **facts)

    def void_sale(self) -> None:
        """Give up the current (unpaid, not started) sale: ``sale_aborted``, back to EMPTY.

        A transaction created for it is queued in :attr:`abandoned` for an abort: left
        ``created``, a start from before a crash that arrives late could still book it.
        """
        if self.sale_id is not None:
            self.record(EventKind.SALE_ABORTED)
            if self.transaction is not None and self.state is not CheckoutState.FAILED:
                assert self.sale_number is not None
                self.abandoned.append(AbandonedSale(self.sale_id, self.sale_number, self.transaction.id))
        self.reset()
        self.changed()

    def predict(self) -> None:
        if self.card is None:
            self.prediction = None
            return
        self.prediction = predict_card_share(
            self.basket.gross_by_rate(),
            cash_balance=self.card.cash_balance,
            bonus_balance=self.card.bonus_balance,
        )

    def forget_transaction(self) -> None:
        self.transaction = None
        self.server_draft = None
        if self.sale_id is not None:
            self.record(EventKind.TRANSACTION_FORGOTTEN)

    # -- card --------------------------------------------------------------------------------------

    async def scan_card(self, cardnumber: str) -> MerchantCard:
        """Look the card up; raises :class:`CardRejectedError` (malformed / unknown / locked)."""
        number = clean_code(cardnumber)
        if not is_card_number(number):
            raise CardRejectedError("malformed", number)
        self.check_not_busy()
        self.check_editable()
        with self.request(payment=False):
            client = await self.server.client()
            card = await client.find_merchant_card(number)
        if card is None:
            raise CardRejectedError("unknown", number)
        if card.is_locked:
            raise CardRejectedError("locked", number, card)
        if not card.is_active:
            raise CardRejectedError("inactive", number, card)
        self.check_editable()  # the sale may have moved on while the lookup ran
        card_before = self.card
        self.card = card
        self._after_edit(self._lines_now(), card_before)
        return card

    def remove_card(self) -> None:
        self.check_editable()
        if self.card is None:
            return
        card_before = self.card
        self.card = None
        self._after_edit(self._lines_now(), card_before)

    # -- the server's view -----------------------------------------------------------------------

    def draft(self) -> SmartTransactionDraft:
        """The transaction the server should hold for this sale: basket, sum, card, reference."""
        from pos_gui.api.models import BasketInfo, Ident, SmartTransactionDraft, TransactionBasket

        cardnumber = self.card.cardnumber if self.card else None
        return SmartTransactionDraft(
            intent="sale",
            is_demo=self.is_demo,
            transaction_ref=self.transaction_ref,
            basket=TransactionBasket(products=wire_products(self.basket.lines)),
            basket_info=BasketInfo(sum=self.basket.total, currency="EUR"),
            idents=[Ident.card(cardnumber)] if cardnumber else [],
        )

    def server_matches(self, transaction: SmartTransaction) -> bool:
        """Whether the server's transaction holds exactly the till's basket and card."""
        products = transaction.basket.products if transaction.basket else []
        server_lines = sorted((p.id or 0, p.quantity, p.price_one) for p in products if p.price_one >= 0)
        local_lines = sorted((line.line_id, line.quantity, line.article.price) for line in self.basket.lines)
        ident = transaction.card_ident
        server_card = ident.value if ident else None
        local_card = self.card.cardnumber if self.card else None
        return server_lines == local_lines and server_card == local_card

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
import copy
import logging
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from pos_gui.core.basket import Article, Basket
from pos_gui.core.card_number import clean_code, is_card_number
from pos_gui.core.card_share import CardShare, predict_card_share
from pos_gui.core.money import Cents
from pos_gui.core.payment import Payment
from pos_gui.persistence.ledger import Ledger, LedgerWriteError
from pos_gui.persistence.sale_events import EventKind, SaleRecord
from pos_gui.services.checkout_types import (
    AbandonedSale,
    CardRejectedError,
    CheckoutBusyError,
    CheckoutState,
    SaleSigning,
)
from pos_gui.services.sale_wire import wire_products
from pos_gui.services.server_connection import SaleServers, ServerConnection

if TYPE_CHECKING:
    from pos_gui.api.models import MerchantCard, PreTransactionResult, SmartTransaction, SmartTransactionDraft


def resting_state_of(basket: Basket, card: MerchantCard | None) -> CheckoutState:
    """The state of an editable sale with this basket and card and nothing applied."""
    if card is not None:
        return CheckoutState.CARD
    if not basket.is_empty:
        return CheckoutState.BASKET
    return CheckoutState.EMPTY


log = logging.getLogger("pos_gui.services.checkout")

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

    def __init__(
        self,
        server: ServerConnection,
        ledger: Ledger,
        *,
        device_id: str,
        is_demo: bool,
        fiscal: SaleSigning | None = None,
        training_server: Callable[[], ServerConnection] | None = None,
    ) -> None:
        # The till's server, and training mode's own (built on the first training sale).
        self.servers = SaleServers(server, training_server)
        self.server = server
        self.ledger = ledger
        # The TSE signing (told of each opened, paid and given-up sale), or None: no signing.
        self.fiscal = fiscal
        self.device_id = device_id
        self.is_demo = is_demo
        self.on_change: Callable[[], None] | None = None
        self.abandoned: list[AbandonedSale] = []
        # Who sells (the logged-in cashier's name: on the sale and its Smart Transaction) and
        # whether the session is in training mode; set by the cashier session, kept across sales.
        # A switch of training mode takes effect between sales (training_wanted until then).
        self.cashier: str | None = None
        self.training_wanted = False
        self.reset()

    def switch_training(self, on: bool) -> None:
        """Training mode from the next sale on; at once when no sale is open."""
        self.training_wanted = on
        if self.sale_id is None and not self.busy:
            self._take_training()

    def _take_training(self) -> None:
        self.training = self.training_wanted
        self.server = self.servers.for_sale(self.training)

    def reset(self) -> None:
        self._take_training()
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
        # The card's passcode was checked (verify_passcode) for this sale and this card; the PIN
        # itself is never kept.
        self.passcode_verified = False

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
        return resting_state_of(self.basket, self.card)

    def changed(self) -> None:
        if self.on_change is not None:
            self.on_change()

    def record(self, kind: EventKind, **facts: Any) -> SaleRecord:
        """Append an event of the current sale to the ledger (durable on return)."""
        assert self.sale_id is not None
        return self.ledger.append(self.sale_id, kind, **facts)

    def record_error(self, exc: BaseException) -> None:
        """Note the error of a failed step (shown by the presenters, kept in the ledger)."""
        self.last_error = str(exc) or type(exc).__name__
        if self.sale_id is not None:
            try:
                self.record(EventKind.ERROR_NOTED, error=self.last_error)
            except LedgerWriteError as write_error:
                # Only a note: the error being handled is what the caller must see.
                log.warning("sale %s: error note not written: %s", self.sale_number, write_error)

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
        self._edit_basket(lambda basket: basket.add(article, quantity))

    def set_quantity(self, line_id: int, quantity: int) -> None:
        self._edit_basket(lambda basket: basket.set_quantity(line_id, quantity))

    def void_line(self, line_id: int) -> None:
        self._edit_basket(lambda basket: basket.void(line_id))

    def clear_basket(self) -> None:
        """Remove every line; the card stays. With no card either, the sale is voided."""
        self._edit_basket(lambda basket: basket.clear())

    def _edit_basket(self, change: Callable[[Basket], object]) -> None:
        """Make ``change`` on a copy of the basket; the copy becomes the basket once the ledger
        holds the edit (a refused write leaves the basket as it was)."""
        self.check_editable()
        edited = copy.deepcopy(self.basket)
        change(edited)
        self._commit_edit(edited, self.card)

    def _commit_edit(self, basket: Basket, card: MerchantCard | None) -> None:
        """Record an edit (the basket or the card changed; an applied balance is dropped), then
        take it over. Raises :class:`LedgerWriteError` with nothing of the edit taken over."""
        state = resting_state_of(basket, card)
        if self.sale_id is None:
            if state is CheckoutState.EMPTY:
                self.reset()
                self.changed()
                return
            record = self.ledger.open_sale(
                state=state.value,
                basket=basket.lines,
                card_number=card.cardnumber if card else None,
                cashier=self.cashier,
                training=self.training,
            )
            self.sale_id = record.sale_id
            self.sale_number = record.sale_number
            if self.fiscal is not None:
                self.fiscal.sale_opened(record.sale_id, training=self.training)
        else:
            forget = self.state is CheckoutState.FAILED and self.transaction is not None
            events = self._edit_events(basket, card, state)
            if forget:
                # The failed transaction cannot be paid again; the next payment creates a new one.
                events.insert(0, (EventKind.TRANSACTION_FORGOTTEN, {}))
            if state is CheckoutState.EMPTY:
                events.append((EventKind.SALE_ABORTED, {}))
            self.ledger.append_all(self.sale_id, events)
            if forget:
                self.transaction = None
                self.server_draft = None
            if state is CheckoutState.EMPTY:
                self._queue_abandoned()
                self._tell_voided()
                self.reset()
                self.changed()
                return
        if card is not self.card:
            self.passcode_verified = False
        self.basket = basket
        self.card = card
        self.applied = None
        self.predict()
        self.state = state
        self.last_error = None
        self.changed()

    def _edit_events(
        self, basket: Basket, card: MerchantCard | None, state: CheckoutState
    ) -> list[tuple[EventKind, dict[str, Any]]]:
        """The events that take the ledger from the current basket and card to these."""
        before = {line.line_id: line for line in self.basket.lines}
        after = {line.line_id: line for line in basket.lines}
        events: list[tuple[EventKind, dict[str, Any]]] = []
        for line_id, line in before.items():
            if line_id not in after:
                events.append((EventKind.LINE_VOIDED, {"line_id": line_id}))
            elif after[line_id].quantity != line.quantity:
                events.append(
                    (EventKind.LINE_CHANGED, {"line_id": line_id, "quantity": after[line_id].quantity})
                )
        events += [
            (EventKind.LINE_ADDED, {"line": line}) for line_id, line in after.items() if line_id not in before
        ]
        number_before = self.card.cardnumber if self.card else None
        number_now = card.cardnumber if card else None
        if number_now != number_before:
            if number_now is None:
                events.append((EventKind.CARD_REMOVED, {}))
            else:
                events.append((EventKind.CARD_IDENTIFIED, {"card_number": number_now}))
        if not events:
            events.append((EventKind.BALANCE_DROPPED, {}))
        return [(kind, {"state": state.value, "error": None, **facts}) for kind, facts in events]

    def void_sale(self) -> None:
        """Give up the current (unpaid, not started) sale: ``sale_aborted``, back to EMPTY.

        A transaction created for it is queued in :attr:`abandoned` for an abort: left
        ``created``, a start from before a crash that arrives late could still book it.
        """
        if self.sale_id is not None:
            self.record(EventKind.SALE_ABORTED)
            self._queue_abandoned()
            self._tell_voided()
        self.reset()
        self.changed()

    def _tell_voided(self) -> None:
        if self.fiscal is not None and self.sale_id is not None:
            self.fiscal.sale_voided(self.sale_id)

    def _queue_abandoned(self) -> None:
        if self.transaction is not None and self.state is not CheckoutState.FAILED:
            assert self.sale_id is not None
            assert self.sale_number is not None
            self.abandoned.append(
                AbandonedSale(self.sale_id, self.sale_number, self.transaction.id, server=self.server)
            )

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
        """Drop a failed transaction: the next payment step creates a new one."""
        state = self.resting_state()
        if self.sale_id is not None:
            self.record(EventKind.TRANSACTION_FORGOTTEN, state=state.value)
        self.transaction = None
        self.server_draft = None
        self.applied = None
        self.state = state

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
        self._commit_edit(self.basket, card)
        return card

    def remove_card(self) -> None:
        self.check_editable()
        if self.card is None:
            return
        self._commit_edit(self.basket, None)

    # -- the server's view -----------------------------------------------------------------------

    def draft(self) -> SmartTransactionDraft:
        """The transaction the server should hold for this sale: basket, sum, card, reference."""
        from pos_gui.api.models import BasketInfo, Ident, SmartTransactionDraft, TransactionBasket

        cardnumber = self.card.cardnumber if self.card else None
        return SmartTransactionDraft(
            intent="sale",
            # A training sale never books real money: a demo sale, on the training server too.
            is_demo=self.is_demo or self.training,
            cashier=self.cashier,
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

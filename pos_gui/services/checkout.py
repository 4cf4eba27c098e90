"""The checkout: one sale from empty basket to paid, as the state machine of ``shared/design.md``.

``EMPTY → BASKET → CARD → APPLIED → PAYING → PAID``, with ``FAILED`` and ``UNKNOWN`` beside
``PAYING``. The basket is built locally; at payment the transaction is created in one POST with
basket, basket_info and idents, then ``preTransaction`` (only when the card balance is applied),
then ``start/cash`` or ``start/loyalty``. Every state change is written to the journal before the
request it announces. This module is Qt-free: the presenter awaits its coroutines and reads its
state afterwards (``on_change`` is called after every change, for views that want to redraw).

CONTRACT STUB — the public API below is what the UI codes against; the bodies are filled in by the
checkout/journal work.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from pos_gui.api.models import MerchantCard, PreTransactionResult, SmartTransaction
from pos_gui.core.basket import Article, Basket
from pos_gui.core.card_share import CardShare
from pos_gui.core.money import Cents


class CheckoutState(enum.StrEnum):
    EMPTY = "EMPTY"
    BASKET = "BASKET"
    CARD = "CARD"
    APPLIED = "APPLIED"
    PAYING = "PAYING"
    PAID = "PAID"
    FAILED = "FAILED"
    UNKNOWN = "UNKNOWN"


class CardRejectedError(Exception):
    """A scanned card cannot be used. ``reason`` is one of ``malformed``, ``unknown``, ``locked``,
    ``inactive``; ``card`` is the looked-up card where there is one."""

    def __init__(self, reason: str, cardnumber: str, card: MerchantCard | None = None) -> None:
        super().__init__(f"card {cardnumber} rejected: {reason}")
        self.reason = reason
        self.cardnumber = cardnumber
        self.card = card


class CheckoutBusyError(Exception):
    """An action was asked for while a request is in flight, or in a state that forbids it
    (e.g. pay while UNKNOWN). Nothing was sent."""


@dataclass(frozen=True)
class Payment:
    """How the sale was settled: card share, cash due, tendered cash and change (all cents)."""

    total: Cents
    card_paid: Cents
    cash_due: Cents
    tendered: Cents
    change: Cents


class CheckoutService:
    """One sale at a time. Construct once; ``new_sale()`` starts the next.

    Attributes (read by presenters after each awaited call):
        state: the current :class:`CheckoutState`.
        basket: the local :class:`Basket` (do not mutate directly; use the methods).
        card: the scanned card, or ``None``.
        prediction: the locally predicted :class:`CardShare` while a card is scanned, else ``None``.
        applied: the confirmed ``preTransaction`` result once the balance is applied, else ``None``.
        transaction: the server's Smart Transaction once created (after payment: the paid one).
        payment: the :class:`Payment` once paid.
        busy: ``True`` while a request is in flight.
        amount_due: what the cashier must collect in cash now: ``applied.missing_sum`` when the
            balance is applied, else the basket total.
    """

    def __init__(self, client: object, journal: object, *, device_id: str, is_demo: bool) -> None:
        raise NotImplementedError

    state: CheckoutState
    basket: Basket
    card: MerchantCard | None
    prediction: CardShare | None
    applied: PreTransactionResult | None
    transaction: SmartTransaction | None
    payment: Payment | None
    busy: bool
    on_change: Callable[[], None] | None

    @property
    def amount_due(self) -> Cents:
        raise NotImplementedError

    # Basket: local, synchronous. Any change after APPLIED drops the applied balance (the API's
    # PUT cancels preTransaction) and goes back to CARD.
    def add_article(self, article: Article, quantity: int = 1) -> None:
        raise NotImplementedError

    def set_quantity(self, line_id: int, quantity: int) -> None:
        raise NotImplementedError

    def void_line(self, line_id: int) -> None:
        raise NotImplementedError

    def clear_basket(self) -> None:
        raise NotImplementedError

    # Card: one request per scan (GET /Loyalty/MerchantCards?q=card.cardnumber:...).
    async def scan_card(self, cardnumber: str) -> MerchantCard:
        """Look the card up; raises :class:`CardRejectedError` (malformed / unknown / locked)."""
        raise NotImplementedError

    def remove_card(self) -> None:
        raise NotImplementedError

    # Payment.
    async def apply_card_balance(self) -> PreTransactionResult:
        """Create (or update) the transaction and run preTransaction → APPLIED."""
        raise NotImplementedError

    async def pay_cash(self, tendered: Cents | None = None) -> SmartTransaction:
        """start/cash. ``tendered=None`` means the exact amount. Raises ``ValueError`` when the
        tendered cash is below :attr:`amount_due`. On no answer the state becomes UNKNOWN and
        :class:`~pos_gui.api.errors.OutcomeUnknownError` propagates."""
        raise NotImplementedError

    async def pay_card(self) -> SmartTransaction:
        """start/loyalty; only when the applied card balance covers everything."""
        raise NotImplementedError

    async def resolve_unknown(self) -> CheckoutState:
        """Read the transaction back with backoff until its outcome is known → PAID, or back to
        CARD/APPLIED (pay again on the same transaction)."""
        raise NotImplementedError

    async def recover(self) -> list[object]:
        """Reconcile unfinished journal entries with the server at start-up."""
        raise NotImplementedError

    def new_sale(self) -> None:
        raise NotImplementedError

"""The checkout: one sale from empty basket to paid, as the state machine of ``shared/design.md``.

``EMPTY → BASKET → CARD → APPLIED → PAYING → PAID``, with ``FAILED`` and ``UNKNOWN`` beside
``PAYING``. The basket is built locally; at payment the transaction is created in one POST with
basket, basket_info and idents, then ``preTransaction`` (only when the card balance is applied),
then ``start/cash`` or ``start/loyalty``. Every state change is written to the journal before the
request it announces. This module is Qt-free: the presenter awaits its coroutines and reads its
state afterwards (``on_change`` is called after every change, for views that want to redraw).

Exactly-once rules, in short:

* Every payment action checks ``busy`` and the state *before* its first ``await``, so a double
  click, key repeat or a second F12 raises :class:`CheckoutBusyError` and sends nothing.
* ``start/*`` without a usable answer moves the sale to ``UNKNOWN`` (journaled) and nothing is
  sent for it again until :meth:`CheckoutService.resolve_unknown` has read the transaction back.
* A transaction that was created but not started is paid later on the *same* transaction (after a
  PUT when the basket changed); only a failed or cancelled one is replaced by a new one.
* After a crash, :meth:`CheckoutService.recover` reconciles the journal's unfinished sales with
  the server. A start from before the crash that reaches the server only after that is caught
  when the restored sale is paid again (the refused PUT is read back: :class:`SaleAlreadyPaidError`)
  or given up (its transaction is aborted, and a refused abort is read back: :meth:`abort_abandoned`).
"""

from __future__ import annotations

import contextlib
import enum
import json
import logging
import re
from collections.abc import Awaitable, Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, Protocol

from pos_gui.api.errors import (
    ApiConnectionError,
    ApiError,
    ApiStatusError,
    InvalidResponseError,
    NotAllowedError,
    NotFoundError,
    OutcomeUnknownError,
    ServerError,
)
from pos_gui.core.basket import Article, Basket, BasketLine
from pos_gui.core.card_share import CardShare, predict_card_share
from pos_gui.core.money import Cents
from pos_gui.services.journal import VOIDED, Journal, SaleRecord, basket_lines_to_json

if TYPE_CHECKING:
    # The API's pydantic models are imported where a request is built (``_draft``) or an answer
    # adopted, not at import: the till window is shown before they are needed.
    from pos_gui.api.models import (
        BasketProduct,
        MerchantCard,
        PreTransactionResult,
        SmartTransaction,
        SmartTransactionDraft,
    )

log = logging.getLogger("pos_gui.services.checkout")

CARD_NUMBER_PATTERN = re.compile(r"9276\d{12}")

# Waits between the reads of a transaction whose payment outcome is unknown; the last one repeats.
RESOLVE_BACKOFF_S: tuple[float, ...] = (0.2, 0.5, 1.0, 2.0, 4.0)

NOT_STARTED_STATUSES = frozenset({"created", "processing"})
DEAD_STATUSES = frozenset({"cancelled", "canceled", "aborted", "timeout", "deleted"})


def wire_products(lines: Iterable[BasketLine]) -> list[BasketProduct]:
    """The basket lines as the products of a transaction's basket on the wire."""
    from pos_gui.api.models import BasketProduct

    return [
        BasketProduct(
            id=line.line_id,
            item_type="article",
            article_number=line.article.article_number,
            ean=line.article.ean or None,
            desc=line.article.name,
            quantity=line.quantity,
            price_one=line.article.price,
            tax=line.article.vat_rate,
        )
        for line in lines
    ]


def basket_lines_of(transaction: SmartTransaction) -> list[BasketLine]:
    """The article lines of a transaction's basket: bonus lines (priced below zero) and other
    item types left out; a product without an id gets its position."""
    products = transaction.basket.products if transaction.basket else []
    lines = []
    for position, product in enumerate(products, start=1):
        if product.price_one < 0 or (product.item_type or "article") != "article":
            continue
        article = Article(
            article_number=product.article_number or "",
            ean=product.ean or "",
            name=product.desc or "",
            price=product.price_one,
            vat_rate=product.tax or 0,
        )
        line_id = product.id if product.id is not None else position
        lines.append(BasketLine(line_id=line_id, article=article, quantity=product.quantity))
    return lines


def payment_of(transaction: SmartTransaction) -> Payment:
    """How a booked transaction was settled, from the server's fields alone.

    The articles' total; the cash part is ``missing_sum`` when the card balance was applied
    (bonus lines, or something left to pay), nothing for ``start/loyalty``, else everything (a
    plain cash sale shows ``missing_sum`` 0 after ``start/cash``, as the seed does). The cash
    handed over is not known: the exact amount.
    """
    products = transaction.basket.products if transaction.basket else []
    total = sum(line.total for line in basket_lines_of(transaction))
    missing_sum = transaction.missing_sum or 0
    if transaction.payment_method == "loyalty":
        cash_due = 0
    elif missing_sum > 0 or any(product.price_one < 0 for product in products):
        cash_due = missing_sum
    else:
        cash_due = total
    return Payment(total=total, card_paid=total - cash_due, cash_due=cash_due, tendered=cash_due, change=0)


def payment_of_record(record: SaleRecord) -> Payment:
    """The payment a journal row announced with PAYING (no tendered amount: the exact one)."""
    tendered = record.tendered if record.tendered is not None else record.cash
    return Payment(
        total=record.total,
        card_paid=record.card_share,
        cash_due=record.cash,
        tendered=tendered,
        change=tendered - record.cash,
    )


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


class SaleAlreadyPaidError(Exception):
    """A payment step found the sale already booked on the server.

    A start from before a restart reached the server late, after the restart had read the
    transaction back as unpaid. The checkout is PAID now, with the basket and amounts the server
    booked; articles added to the basket since were not part of that payment.
    """


@dataclass(frozen=True)
class Payment:
    """How the sale was settled: card share, cash due, tendered cash and change (all cents)."""

    total: Cents
    card_paid: Cents
    cash_due: Cents
    tendered: Cents
    change: Cents

    def as_dict(self) -> dict[str, int]:
        return {
            "total": self.total,
            "card_paid": self.card_paid,
            "cash_due": self.cash_due,
            "tendered": self.tendered,
            "change": self.change,
        }


class AbandonedSale(NamedTuple):
    """A sale the cashier gave up while its transaction existed on the server: to be aborted."""

    sale_id: str
    sale_number: int
    transaction_id: str


RecoveryOutcome = Literal["completed", "restored", "pending", "discarded"]


@dataclass(frozen=True)
class RecoveredSale:
    """What :meth:`CheckoutService.recover` found for one unfinished sale of the journal.

    Attributes:
        sale_id: the journal's sale id.
        sale_number: the till's sale number.
        outcome: ``completed`` (the server had booked it: now PAID, show it to the cashier),
            ``restored`` (it is the current sale again: basket, card and transaction),
            ``pending`` (the server could not be asked: left unfinished, try again later),
            ``discarded`` (an older unpaid sale that a newer one replaced; voided in the journal).
        total: the basket total in cents.
        transaction_id: the Smart Transaction, if one was created.
        transaction: the server's transaction for ``completed`` sales (for the receipt).
    """

    sale_id: str
    sale_number: int
    outcome: RecoveryOutcome
    total: Cents
    transaction_id: str | None
    transaction: SmartTransaction | None = None


class CheckoutClient(Protocol):
    """The part of :class:`pos_gui.api.client.SecuconnectClient` the checkout uses."""

    async def create_transaction(self, draft: SmartTransactionDraft, /) -> SmartTransaction: ...

    async def update_transaction(
        self, transaction_id: str, draft: SmartTransactionDraft, /
    ) -> SmartTransaction: ...

    async def pre_transaction(self, transaction_id: str, /) -> PreTransactionResult: ...

    async def start_transaction(self, transaction_id: str, payment_method: str, /) -> SmartTransaction: ...

    async def get_transaction(self, transaction_id: str, /) -> SmartTransaction: ...

    async def abort_transaction(self, transaction_id: str, /) -> SmartTransaction: ...

    async def find_merchant_card(self, cardnumber: str, /) -> MerchantCard | None: ...


def is_card_number(text: str) -> bool:
    """Whether ``text`` has the shape of a secucard number: 16 digits starting with 9276."""
    return CARD_NUMBER_PATTERN.fullmatch(text) is not None


async def _asyncio_sleep(seconds: float) -> None:
    # asyncio.sleep, looked up when first needed: the checkout is built before the event loop
    # exists, and importing asyncio is a noticeable part of the cold start.
    import asyncio

    await asyncio.sleep(seconds)


# A read that got no usable answer: ask again later; it says nothing about the transaction.
NO_ANSWER_ERRORS = (ApiConnectionError, ServerError, InvalidResponseError, OutcomeUnknownError)


def _wire_key(draft: SmartTransactionDraft) -> str:
    """The draft as canonical JSON: equal when the server would hold the same transaction."""
    return json.dumps(draft.to_wire(), sort_keys=True)


def _outcome_unknown(exc: BaseException) -> bool:
    """Whether a payment action that raised ``exc`` may have been carried out by the server."""
    import asyncio  # loaded by now: a payment action has been awaited

    if isinstance(exc, OutcomeUnknownError | ServerError | InvalidResponseError | asyncio.CancelledError):
        return True
    # Any other ApiStatusError is a definite "no"; a plain connection error means the client
    # never got the request out (it raises OutcomeUnknownError otherwise).
    return not isinstance(exc, ApiStatusError | ApiConnectionError)


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
        sale_id, sale_number: the journal's sale, or ``None`` in EMPTY.
        last_error: the text of the last error of this sale, or ``None``.

    Args:
        client: the API client (:class:`pos_gui.api.client.SecuconnectClient` or a fake).
        journal: the till's :class:`~pos_gui.services.journal.Journal`.
        device_id: the till's id, part of every ``transactionRef`` (many tills, one merchant).
        is_demo: mark every transaction ``is_demo`` (demo mode).
        sleep: the wait between reads in :meth:`resolve_unknown` (``None``: asyncio.sleep); tests
            pass a fake.
        backoff: those waits in seconds; the last one repeats.
    """

    def __init__(
        self,
        client: CheckoutClient,
        journal: Journal,
        *,
        device_id: str,
        is_demo: bool,
        sleep: Callable[[float], Awaitable[Any]] | None = None,
        backoff: Sequence[float] = RESOLVE_BACKOFF_S,
    ) -> None:
        self._client = client
        self._journal = journal
        self.device_id = device_id
        self.is_demo = is_demo
        self._sleep = sleep or _asyncio_sleep
        self._backoff = tuple(backoff) or (1.0,)
        self.on_change = None
        # Given-up sales whose server transaction is still to be aborted (take_abandoned).
        self._abandoned: list[AbandonedSale] = []
        self._reset()

    state: CheckoutState
    basket: Basket
    card: MerchantCard | None
    prediction: CardShare | None
    applied: PreTransactionResult | None
    transaction: SmartTransaction | None
    payment: Payment | None
    busy: bool
    on_change: Callable[[], None] | None

    def _reset(self) -> None:
        self.state = CheckoutState.EMPTY
        self.basket = Basket()
        self.card = None
        self.prediction = None
        self.applied = None
        self.transaction = None
        self.payment = None
        self.busy = False
        self.sale_id: str | None = None
        self.sale_number: int | None = None
        self.last_error: str | None = None
        # What the server's transaction holds, as the JSON of the draft last sent (None: unknown,
        # the next payment step PUTs the full basket).
        self._server_draft: str | None = None
        # The cash figures announced with PAYING, for the Payment once the sale is paid.
        self._paying: Payment | None = None
        self._state_before_paying = CheckoutState.BASKET
        # True while a payment step is in flight: the basket is frozen then (a card lookup
        # leaves it editable).
        self._payment_in_flight = False

    # -- derived values --------------------------------------------------------------------------

    @property
    def amount_due(self) -> Cents:
        if self.applied is not None:
            return self.applied.missing_sum
        return self.basket.total

    @property
    def transaction_ref(self) -> str | None:
        """``<device id>/<sale number>``: unique across every till of a merchant."""
        if self.sale_number is None:
            return None
        return f"{self.device_id}/{self.sale_number}"

    def _resting_state(self) -> CheckoutState:
        """The state of an editable sale with nothing applied."""
        if self.card is not None:
            return CheckoutState.CARD
        if not self.basket.is_empty:
            return CheckoutState.BASKET
        return CheckoutState.EMPTY

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change()

    # -- basket: local, synchronous ----------------------------------------------------------------

    def add_article(self, article: Article, quantity: int = 1) -> None:
        self._check_editable()
        self.basket.add(article, quantity)
        self._after_edit()

    def set_quantity(self, line_id: int, quantity: int) -> None:
        self._check_editable()
        self.basket.set_quantity(line_id, quantity)
        self._after_edit()

    def void_line(self, line_id: int) -> None:
        self._check_editable()
        self.basket.void(line_id)
        self._after_edit()

    def clear_basket(self) -> None:
        """Remove every line; the card stays. With no card either, the sale is voided."""
        self._check_editable()
        self.basket.clear()
        self._after_edit()

    def _check_editable(self) -> None:
        if self._payment_in_flight:
            raise CheckoutBusyError("a payment request is in flight")
        if self.state in (CheckoutState.PAYING, CheckoutState.UNKNOWN, CheckoutState.PAID):
            raise CheckoutBusyError(f"the sale cannot be changed in {self.state}")

    def _after_edit(self) -> None:
        """Journal an edit: the basket or the card changed; an applied balance is dropped."""
        self.applied = None
        if self.state is CheckoutState.FAILED:
            # The failed transaction cannot be paid again; the next payment creates a new one.
            self._forget_transaction()
        self._predict()
        state = self._resting_state()
        if state is CheckoutState.EMPTY:
            self._void_sale()
            return
        self.state = state
        fields = self._journal_fields()
        if self.sale_id is None:
            record = self._journal.open_sale(
                state=state.value,
                basket=fields["basket"],
                card_number=fields["card_number"],
                total=self.basket.total,
            )
            self.sale_id = record.sale_id
            self.sale_number = record.sale_number
        else:
            self._journal.update(self.sale_id, state=state.value, error=None, **fields)
        self._changed()

    def _void_sale(self) -> None:
        """Give up the current (unpaid, not started) sale: journal VOIDED and reset to EMPTY.

        A transaction created for it is queued for :meth:`abort_abandoned` (``take_abandoned``):
        left ``created``, a start from before a crash that arrives late could still book it.
        """
        if self.sale_id is not None:
            self._journal.update(self.sale_id, state=VOIDED, **self._journal_fields())
            if self.transaction is not None and self.state is not CheckoutState.FAILED:
                assert self.sale_number is not None
                self._abandoned.append(AbandonedSale(self.sale_id, self.sale_number, self.transaction.id))
        self._reset()
        self._changed()

    def _journal_fields(self) -> dict[str, Any]:
        card_share = self.basket.total - self.amount_due
        return {
            "basket": basket_lines_to_json(self.basket.lines),
            "card_number": self.card.cardnumber if self.card else None,
            "total": self.basket.total,
            "card_share": card_share,
            "cash": self.amount_due,
        }

    def _predict(self) -> None:
        if self.card is None:
            self.prediction = None
            return
        self.prediction = predict_card_share(
            self.basket.gross_by_rate(),
            cash_balance=self.card.cash_balance,
            bonus_balance=self.card.bonus_balance,
        )

    def _forget_transaction(self) -> None:
        self.transaction = None
        self._server_draft = None
        if self.sale_id is not None:
            self._journal.update(self.sale_id, transaction_id=None)

    # -- card --------------------------------------------------------------------------------------

    async def scan_card(self, cardnumber: str) -> MerchantCard:
        """Look the card up; raises :class:`CardRejectedError` (malformed / unknown / locked)."""
        number = cardnumber.strip()
        if not is_card_number(number):
            raise CardRejectedError("malformed", number)
        self._check_not_busy()
        self._check_editable()
        with self._request(payment=False):
            card = await self._client.find_merchant_card(number)
        if card is None:
            raise CardRejectedError("unknown", number)
        if card.is_locked:
            raise CardRejectedError("locked", number, card)
        if not card.is_active:
            raise CardRejectedError("inactive", number, card)
        self._check_editable()  # the sale may have moved on while the lookup ran
        self.card = card
        self._after_edit()
        return card

    def remove_card(self) -> None:
        self._check_editable()
        if self.card is None:
            return
        self.card = None
        self._after_edit()

    # -- payment -----------------------------------------------------------------------------------

    def _check_not_busy(self) -> None:
        if self.busy:
            raise CheckoutBusyError("a request is in flight")

    def _check_payable(self) -> None:
        """The guard of every payment action; runs before the first ``await``."""
        self._check_not_busy()
        if self.state in (CheckoutState.PAYING, CheckoutState.UNKNOWN, CheckoutState.PAID):
            raise CheckoutBusyError(f"cannot pay in {self.state}")
        if self.basket.is_empty:
            raise ValueError("the basket is empty")

    @contextlib.contextmanager
    def _request(self, *, payment: bool) -> Iterator[None]:
        """Mark a request in flight (``busy``) for its duration."""
        self.busy = True
        self._payment_in_flight = payment
        self._changed()
        try:
            yield
        finally:
            self.busy = False
            self._payment_in_flight = False
            self._changed()

    def _draft(self) -> SmartTransactionDraft:
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

    async def _sync_transaction(self) -> None:
        """Make the server's transaction hold the current basket and card: create it (one POST),
        PUT the full basket if it changed since, or do nothing. A PUT drops an applied balance."""
        draft = self._draft()
        wire = _wire_key(draft)
        assert self.sale_id is not None
        if self.transaction is None:
            self._server_draft = None
            transaction = await self._client.create_transaction(draft)
            self.transaction = transaction
            self._server_draft = wire
            self._journal.update(self.sale_id, transaction_id=transaction.id)
            log.info("sale %s: transaction %s created", self.sale_number, transaction.id)
            return
        if wire == self._server_draft:
            return
        transaction_id = self.transaction.id
        # Until the PUT answers, nobody knows what the server holds.
        self._server_draft = None
        self.transaction = await self._client.update_transaction(transaction_id, draft)
        self._server_draft = wire
        if self.applied is not None:
            self.applied = None
            self.state = self._resting_state()
            self._journal.update(self.sale_id, state=self.state.value, **self._journal_fields())

    async def _sync_for_payment(self) -> None:
        """The first step of every payment action: a failed transaction is replaced by a new one,
        then the server's transaction is brought up to date. API errors are recorded and raised.

        Raises :class:`SaleAlreadyPaidError` (state PAID) when the server refuses the update
        because it has booked the transaction meanwhile.
        """
        if self.state is CheckoutState.FAILED:
            self._forget_transaction()
            self.state = self._resting_state()
        transaction_id = self.transaction.id if self.transaction is not None else None
        try:
            await self._sync_transaction()
        except NotAllowedError as exc:
            # The transaction may no longer be changed. Perhaps a start from before a crash
            # reached the server late and booked it: then this sale is paid, as booked.
            booked = await self._read_back_if_paid(transaction_id) if transaction_id else None
            if booked is None:
                self._record_error(exc)
                raise
            self._adopt_booked_elsewhere(booked)
            raise SaleAlreadyPaidError(f"transaction {booked.id} was already booked") from exc
        except ApiError as exc:
            self._record_error(exc)
            raise

    def _adopt_booked_elsewhere(self, transaction: SmartTransaction) -> None:
        """Settle the sale as the server booked it: its articles and amounts, not the basket the
        cashier has edited since (the till did not hear that payment, so it takes the server's word)."""
        assert self.sale_id is not None
        booked_lines = basket_lines_of(transaction)
        if booked_lines:
            self.basket.restore(booked_lines)
        self.applied = None
        self.prediction = None
        self.payment = self._record_booked(self.sale_id, transaction)
        self.transaction = transaction
        self.state = CheckoutState.PAID
        log.warning(
            "sale %s: transaction %s was booked before the till heard of it; settled as booked",
            self.sale_number,
            transaction.id,
        )
        self._changed()

    def _record_booked(self, sale_id: str, transaction: SmartTransaction) -> Payment:
        """Journal ``sale_id`` as PAID the way the server booked it (one write); its payment."""
        payment = payment_of(transaction)
        self._journal.update(
            sale_id,
            state=CheckoutState.PAID.value,
            transaction_id=transaction.id,
            basket=basket_lines_to_json(basket_lines_of(transaction)),
            total=payment.total,
            card_share=payment.card_paid,
            cash=payment.cash_due,
            tendered=payment.tendered,
            receipt={"transaction": transaction.to_wire(), "payment": payment.as_dict()},
            error=None,
        )
        return payment

    async def apply_card_balance(self) -> PreTransactionResult:
        """Create (or update) the transaction and run preTransaction → APPLIED."""
        self._check_payable()
        if self.card is None:
            raise CheckoutBusyError("no card scanned")
        if self.state is CheckoutState.APPLIED and self.applied is not None:
            return self.applied
        with self._request(payment=True):
            await self._sync_for_payment()
            assert self.transaction is not None
            assert self.sale_id is not None
            try:
                applied = await self._client.pre_transaction(self.transaction.id)
            except BaseException as exc:
                # The server may have applied the balance anyway; a PUT (next payment step)
                # puts it back to "created", so the till never pays on a state it does not know.
                self._server_draft = None
                if isinstance(exc, ApiError):
                    self._record_error(exc)
                raise
            self.applied = applied
            self.state = CheckoutState.APPLIED
            self._journal.update(self.sale_id, state=self.state.value, error=None, **self._journal_fields())
        return applied

    async def pay_cash(self, tendered: Cents | None = None) -> SmartTransaction:
        """start/cash. ``tendered=None`` means the exact amount. Raises ``ValueError`` when the
        tendered cash is below :attr:`amount_due`. On no answer the state becomes UNKNOWN and
        :class:`~pos_gui.api.errors.OutcomeUnknownError` propagates."""
        self._check_payable()
        due = self.amount_due
        if tendered is None:
            tendered = due
        if tendered < due:
            raise ValueError(f"tendered {tendered} is below the amount due {due}")
        return await self._pay("cash", tendered)

    async def pay_card(self) -> SmartTransaction:
        """start/loyalty; only when the applied card balance covers everything."""
        self._check_payable()
        if self.state is not CheckoutState.APPLIED or self.applied is None:
            raise CheckoutBusyError("apply the card balance first")
        if self.applied.missing_sum != 0:
            raise CheckoutBusyError("the card does not cover the total; pay the rest in cash")
        return await self._pay("loyalty", 0)

    async def _pay(self, method: str, tendered: Cents) -> SmartTransaction:
        with self._request(payment=True):
            await self._sync_for_payment()
            assert self.transaction is not None
            assert self.sale_id is not None
            # A PUT may have dropped the applied balance: the amount due is the full total again,
            # and the cash the cashier counted does not fit any more. Stop before paying.
            if tendered < self.amount_due:
                raise ValueError("the basket changed on the server; the amount due is now higher")
            if method == "loyalty" and self.state is not CheckoutState.APPLIED:
                raise CheckoutBusyError("the card balance must be applied again")
            due = self.amount_due
            total = self.basket.total
            self._paying = Payment(
                total=total, card_paid=total - due, cash_due=due, tendered=tendered, change=tendered - due
            )
            self._state_before_paying = self.state
            transaction_id = self.transaction.id
            self.state = CheckoutState.PAYING
            self._journal.update(
                self.sale_id,
                state=self.state.value,
                transaction_id=transaction_id,
                tendered=tendered,
                total=total,
                card_share=total - due,
                cash=due,
                error=None,
            )
            self._changed()
            try:
                transaction = await self._client.start_transaction(transaction_id, method)
            except BaseException as exc:
                if _outcome_unknown(exc):
                    self.state = CheckoutState.UNKNOWN
                    self._journal.update(
                        self.sale_id, state=self.state.value, error=str(exc) or type(exc).__name__
                    )
                    log.warning("sale %s: outcome of start/%s unknown: %s", self.sale_number, method, exc)
                    raise
                if isinstance(exc, NotAllowedError):
                    # "Not allowed in this state": perhaps the transaction is already paid (a slow
                    # start from before a crash that reached the server late). Read it back once.
                    booked = await self._read_back_if_paid(transaction_id)
                    if booked is not None:
                        self._settle(booked)
                        return booked
                self.state = self._state_before_paying
                self._journal.update(self.sale_id, state=self.state.value, error=str(exc))
                self.last_error = str(exc)
                raise
            self._settle(transaction)
        return transaction

    async def _read_back_if_paid(self, transaction_id: str) -> SmartTransaction | None:
        try:
            transaction = await self._client.get_transaction(transaction_id)
        except ApiError:
            return None
        return transaction if transaction.normalized_status == "ok" else None

    def _record_error(self, exc: BaseException) -> None:
        self.last_error = str(exc) or type(exc).__name__
        if self.sale_id is not None:
            self._journal.update(self.sale_id, error=self.last_error)

    def _settle(self, transaction: SmartTransaction) -> None:
        """Adopt a transaction read or returned after ``start``: paid, failed, not started, or
        still open (UNKNOWN)."""
        assert self.sale_id is not None
        status = transaction.normalized_status
        self.transaction = transaction
        if status == "ok":
            payment = self._paying or self._payment_from_journal()
            self.payment = payment
            self.state = CheckoutState.PAID
            self._journal.update(
                self.sale_id,
                state=self.state.value,
                transaction_id=transaction.id,
                receipt={"transaction": transaction.to_wire(), "payment": payment.as_dict()},
                error=None,
            )
            log.info("sale %s paid (%s)", self.sale_number, transaction.id)
        elif status == "failed":
            self.state = CheckoutState.FAILED
            self.applied = None
            self.last_error = "payment failed"
            self._journal.update(self.sale_id, state=self.state.value, error=self.last_error)
        elif status in NOT_STARTED_STATUSES:
            self._adopt_not_started(transaction)
        elif status in DEAD_STATUSES:
            # Nothing was booked, and the transaction cannot be used again.
            self.applied = None
            self._forget_transaction()
            self.state = self._resting_state()
            self._journal.update(self.sale_id, state=self.state.value, error=f"transaction {status}")
        else:
            self.state = CheckoutState.UNKNOWN
            self._journal.update(self.sale_id, state=self.state.value, error=f"unexpected status {status}")
        self._changed()

    def _adopt_not_started(self, transaction: SmartTransaction) -> None:
        """The server holds the transaction unpaid: the cashier may pay again on it."""
        assert self.sale_id is not None
        self.transaction = transaction
        if self._server_matches(transaction):
            self._server_draft = _wire_key(self._draft())
        else:
            self._server_draft = None
        missing_sum = transaction.missing_sum
        if (
            transaction.normalized_status == "processing"
            and self._server_draft is not None
            and self.card is not None
            and missing_sum is not None
        ):
            bonus = [
                p for p in (transaction.basket.products if transaction.basket else []) if p.price_one < 0
            ]
            from pos_gui.api.models import PreTransactionResult

            self.applied = PreTransactionResult(missing_sum=missing_sum, bonus_products=bonus)
            self.state = CheckoutState.APPLIED
        else:
            self.applied = None
            self.state = self._resting_state()
            if transaction.normalized_status == "processing":
                # The server has the balance applied but the till cannot match it: a PUT first.
                self._server_draft = None
        self._predict()
        self._journal.update(
            self.sale_id,
            state=self.state.value,
            transaction_id=transaction.id,
            tendered=None,
            error=None,
            **self._journal_fields(),
        )

    def _server_matches(self, transaction: SmartTransaction) -> bool:
        """Whether the server's transaction holds exactly the till's basket and card."""
        products = transaction.basket.products if transaction.basket else []
        server_lines = sorted((p.id or 0, p.quantity, p.price_one) for p in products if p.price_one >= 0)
        local_lines = sorted((line.line_id, line.quantity, line.article.price) for line in self.basket.lines)
        ident = transaction.card_ident
        server_card = ident.value if ident else None
        local_card = self.card.cardnumber if self.card else None
        return server_lines == local_lines and server_card == local_card

    def _payment_from_journal(self) -> Payment:
        assert self.sale_id is not None
        return payment_of_record(self._journal.sale(self.sale_id))

    async def resolve_unknown(self, *, max_reads: int | None = None) -> CheckoutState:
        """Read the transaction back with backoff until its outcome is known → PAID, or back to
        CARD/APPLIED (pay again on the same transaction).

        Connection errors, 5xx and malformed answers only lead to the next read after the next
        wait. ``max_reads`` bounds the reads (``None``: until the outcome is known); when they are
        used up the state stays UNKNOWN. Other errors propagate with the state left UNKNOWN.
        """
        if self.state is not CheckoutState.UNKNOWN:
            return self.state
        self._check_not_busy()
        assert self.transaction is not None
        transaction_id = self.transaction.id
        reads = 0
        with self._request(payment=True):
            while True:
                reads += 1
                try:
                    transaction = await self._client.get_transaction(transaction_id)
                except NO_ANSWER_ERRORS as exc:
                    log.info(
                        "sale %s: reading %s failed (%s), retrying", self.sale_number, transaction_id, exc
                    )
                else:
                    self._settle(transaction)
                    if self.state is not CheckoutState.UNKNOWN:
                        return self.state
                if max_reads is not None and reads >= max_reads:
                    return self.state
                await self._sleep(self._backoff[min(reads - 1, len(self._backoff) - 1)])

    # -- the next sale, crash recovery ------------------------------------------------------------------

    def new_sale(self) -> None:
        """Start over: after PAID, or to give up a sale whose payment was never started."""
        self._check_not_busy()
        if self.state in (CheckoutState.PAYING, CheckoutState.UNKNOWN):
            raise CheckoutBusyError(f"the payment must be resolved first ({self.state})")
        if self.state is CheckoutState.PAID:
            self._reset()
            self._changed()
            return
        self._void_sale()

    def take_abandoned(self) -> list[AbandonedSale]:
        """The given-up sales whose transactions still need :meth:`abort_abandoned`; each once."""
        abandoned, self._abandoned = self._abandoned, []
        return abandoned

    async def abort_abandoned(self, sale: AbandonedSale) -> bool:
        """Abort the transaction of a given-up sale (the reference's "customer walks away before
        start"), so that nothing can book it any more.

        Returns ``True`` when the server had booked it meanwhile (a start from before a crash
        that arrived late): the journal then holds the sale as paid, with the server's basket and
        amounts. Connection and server errors are logged; the transaction stays as it is.
        Independent of the current sale: it never marks the checkout busy.
        """
        try:
            await self._client.abort_transaction(sale.transaction_id)
        except NotAllowedError:
            booked = await self._read_back_if_paid(sale.transaction_id)
            if booked is None:
                return False
            self._record_booked(sale.sale_id, booked)
            log.warning(
                "sale %s was given up, but its transaction %s had been booked: recorded as paid",
                sale.sale_number,
                sale.transaction_id,
            )
            return True
        except ApiError as exc:
            log.warning("sale %s: transaction %s not aborted: %s", sale.sale_number, sale.transaction_id, exc)
            return False
        log.info("sale %s given up: transaction %s aborted", sale.sale_number, sale.transaction_id)
        return False

    async def recover(self) -> list[RecoveredSale]:
        """Reconcile unfinished journal entries with the server at start-up.

        For each unfinished sale, oldest first: a transaction the server booked becomes PAID
        (``completed``); a sale that was never started becomes the current sale again
        (``restored``, the newest one only: older ones are ``discarded``); a sale the server
        could not be asked about stays unfinished (``pending``). Call it while the checkout is
        EMPTY; the current sale is never touched.
        """
        self._check_not_busy()
        results: list[RecoveredSale] = []
        restorable: list[tuple[SaleRecord, SmartTransaction | None]] = []
        for record in self._journal.unfinished_sales():
            if record.sale_id == self.sale_id:
                continue
            if record.transaction_id is None:
                restorable.append((record, None))
                continue
            try:
                transaction = await self._client.get_transaction(record.transaction_id)
            except NotFoundError:
                # The server does not know it (anymore): nothing was booked.
                self._journal.update(record.sale_id, transaction_id=None)
                restorable.append((record, None))
                continue
            except NO_ANSWER_ERRORS as exc:
                log.warning("recovery: sale %s left pending: %s", record.sale_number, exc)
                results.append(self._recovered(record, "pending"))
                continue
            status = transaction.normalized_status
            if status == "ok":
                self._complete_from_server(record, transaction)
                results.append(self._recovered(record, "completed", transaction))
            elif status in NOT_STARTED_STATUSES:
                restorable.append((record, transaction))
            elif status == "failed" or status in DEAD_STATUSES:
                self._journal.update(record.sale_id, transaction_id=None, error=f"transaction {status}")
                restorable.append((record, None))
            else:
                results.append(self._recovered(record, "pending"))
        if restorable:
            *older, newest = restorable
            for record, older_transaction in older:
                self._journal.update(record.sale_id, state=VOIDED, error="replaced by a later sale")
                if older_transaction is not None:
                    self._abandoned.append(
                        AbandonedSale(record.sale_id, record.sale_number, older_transaction.id)
                    )
                results.append(self._recovered(record, "discarded"))
            newest_record, newest_transaction = newest
            if self.state is CheckoutState.EMPTY and await self._restore(newest_record, newest_transaction):
                results.append(self._recovered(newest_record, "restored"))
            else:
                results.append(self._recovered(newest_record, "pending"))
        results.sort(key=lambda item: item.sale_number)
        return results

    def _recovered(
        self, record: SaleRecord, outcome: RecoveryOutcome, transaction: SmartTransaction | None = None
    ) -> RecoveredSale:
        fresh = self._journal.sale(record.sale_id)
        return RecoveredSale(
            sale_id=record.sale_id,
            sale_number=record.sale_number,
            outcome=outcome,
            total=fresh.total,
            transaction_id=fresh.transaction_id,
            transaction=transaction,
        )

    def _complete_from_server(self, record: SaleRecord, transaction: SmartTransaction) -> None:
        payment = payment_of_record(record)
        self._journal.update(
            record.sale_id,
            state=CheckoutState.PAID.value,
            receipt={"transaction": transaction.to_wire(), "payment": payment.as_dict()},
            error=None,
        )
        log.info("recovery: sale %s was paid (%s)", record.sale_number, transaction.id)

    async def _restore(self, record: SaleRecord, transaction: SmartTransaction | None) -> bool:
        """Make ``record`` the current sale; ``False`` when its card cannot be looked up now."""
        card: MerchantCard | None = None
        if record.card_number is not None:
            server_card = transaction.merchant_card if transaction is not None else None
            if server_card is not None and server_card.cardnumber == record.card_number:
                card = server_card
            else:
                try:
                    with self._request(payment=False):
                        card = await self._client.find_merchant_card(record.card_number)
                except (ApiConnectionError, ServerError, InvalidResponseError) as exc:
                    log.warning("recovery: card of sale %s not looked up: %s", record.sale_number, exc)
                    return False
                if card is not None and (card.is_locked or not card.is_active):
                    card = None
        self.basket.restore(record.basket_lines())
        self.card = card
        self.sale_id = record.sale_id
        self.sale_number = record.sale_number
        self.applied = None
        if transaction is not None:
            self._adopt_not_started(transaction)
        else:
            self.transaction = None
            self._server_draft = None
            self._predict()
            self.state = self._resting_state()
            if self.state is CheckoutState.EMPTY:
                self._journal.update(record.sale_id, state=VOIDED, error="nothing to restore")
                self.sale_id = None
                self.sale_number = None
                return True
            self._journal.update(
                record.sale_id, state=self.state.value, tendered=None, error=None, **self._journal_fields()
            )
        self._changed()
        log.info("recovery: sale %s restored in %s", record.sale_number, self.state)
        return True

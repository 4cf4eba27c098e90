"""The till's presenter: one sale as the views see it.

:class:`CheckoutPresenter` sits between the widgets and the :class:`CheckoutService` state machine.
Views call its methods (synchronous ones for the local basket, ``async_slot`` ones for anything
that talks to the server) and redraw from :meth:`CheckoutPresenter.snapshot` whenever
``state_changed`` fires. Failures become a :class:`CashierMessage` on the ``message`` signal; the
basket and the card are never dropped because of an error.

The presenter is the views' one face; the concerns behind it live beside it: reading the
article and cash fields (:mod:`.sale_input`), the snapshot (:mod:`.till_snapshot`), the status
bar's flags (:mod:`.connection_status`), running service calls (:mod:`.service_calls`), paying
(:mod:`.payment_actions`), editing the basket (:mod:`.basket_editing`), the start-up reconciliation and the sales given up
(:mod:`.journal_recovery`) and the held tasks (:mod:`.presenter_tasks`).

The presenter is built and its window painted before the event loop exists (cold start), so
asyncio is imported inside the methods that run on the loop, not at the top of these modules.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from pos_gui.core.basket import Article
from pos_gui.core.card_number import clean_code
from pos_gui.services.checkout import CheckoutBusyError, CheckoutState
from pos_gui.ui.async_slot import async_slot
from pos_gui.ui.presenters.basket_editing import BasketEditing
from pos_gui.ui.presenters.connection_status import ConnectionStatus
from pos_gui.ui.presenters.error_text import CashierMessage
from pos_gui.ui.presenters.journal_recovery import JournalRecovery
from pos_gui.ui.presenters.passcode_prompt import PasscodePrompt
from pos_gui.ui.presenters.payment_actions import PaymentActions
from pos_gui.ui.presenters.presenter_tasks import PresenterTasks
from pos_gui.ui.presenters.sale_input import (
    CatalogLike,
)
from pos_gui.ui.presenters.service_calls import FAILED, ServiceCalls
from pos_gui.ui.presenters.till_snapshot import (
    CardSummary,
    SaleScreen,
    SalesReceiptCache,
    TillSnapshot,
    take_snapshot,
)

if TYPE_CHECKING:
    from pos_gui.core.sales_receipt import SalesReceipt

__all__ = ["CardSummary", "CatalogLike", "CheckoutPresenter", "TillSnapshot"]

# While one of these holds, the sale may not be changed or replaced: a payment is under way.
_PAYMENT_STATES = (CheckoutState.PAYING, CheckoutState.UNKNOWN)


class CheckoutPresenter(QObject):
    """Presenter of the till window.

    Args:
        checkout: the :class:`~pos_gui.services.checkout.CheckoutService` (or a fake with the same API).
        catalog: the article catalogue (``lookup`` and ``search``).
        connection_check: an optional coroutine function that signs in (fetches a token); used at
            start-up to fill the status bar.
        sales_receipt_of: journal sale id → the till's receipt of that paid sale, built the way
            the printer builds it (``None`` for a sale without one); what the receipt preview shows.

    Signals:
        state_changed(): redraw from :meth:`snapshot`.
        message(CashierMessage): show in the message bar.
        connection_changed(): the server-reachable / signed-in flags changed.
        line_added(int): the basket line with this id was added or increased (select it).
        sale_paid(str): the journal's sale id of a sale that just reached PAID (printing, drawer).
        price_needed(Article, int): an open-price article (and quantity) waits for its price.
        article_not_found(str): a typed or scanned code found nothing (the view offers a search).
    """

    state_changed = Signal()
    message = Signal(object)
    connection_changed = Signal()
    line_added = Signal(int)
    sale_paid = Signal(str)
    price_needed = Signal(object, int)
    article_not_found = Signal(str)

    def __init__(
        self,
        checkout: Any,
        catalog: CatalogLike,
        *,
        connection_check: Callable[[], Awaitable[object]] | None = None,
        sales_receipt_of: Callable[[str], SalesReceipt | None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.checkout = checkout
        self._connection_check = connection_check
        self._receipts = SalesReceiptCache(sales_receipt_of)
        self._screen = SaleScreen()
        self._scanning_card: str | None = None
        # Why no sale may start (live mode without a TSE), in the cashier's language; "": sell.
        self.sale_refusal: Callable[[], str] = lambda: ""
        self._tasks = PresenterTasks()
        self.connection = ConnectionStatus(self)
        self.connection.changed.connect(self.connection_changed)
        # The window shows the PIN dialog when a card with a passcode is about to pay.
        self.passcode_prompt = PasscodePrompt(self)
        self._calls = ServiceCalls(
            self.connection,
            self._tasks,
            say=self._say,
            changed=self._changed,
            outcome_unknown=self._resolve_in_background,
        )
        self._payments = PaymentActions(
            checkout,
            self._calls,
            self._screen,
            snapshot=self.snapshot,
            say=self._say,
            changed=self._changed,
            paid=self._sale_paid,
            ask_passcode=self.passcode_prompt.ask,
        )
        self._recovery = JournalRecovery(
            checkout,
            self._calls,
            self._screen,
            self._tasks,
            say=self._say,
            changed=self._changed,
            resolve_unknown=self.resolve_unknown_now,
        )
        self._basket = BasketEditing(
            checkout,
            catalog,
            self._screen,
            may_change_basket=self._may_change_basket,
            start_new_sale=self._start_new_sale,
            scan_card=self.scan_card,
            say=self._say,
            changed=self._changed,
            line_added=self.line_added.emit,
            price_needed=self.price_needed.emit,
            article_not_found=self.article_not_found.emit,
        )
        checkout.on_change = self._on_checkout_change

    # ------------------------------------------------------------------ reading

    def _sale_paid(self, sale_id: str) -> None:
        # The payment call returns once the TSE has signed the sale: the receipt drawn when the
        # sale turned PAID lacks its TSE block, so it is read again before anything prints it.
        self._receipts.forget()
        self._changed()
        self.sale_paid.emit(sale_id)

    def snapshot(self) -> TillSnapshot:
        """The current state, for the views."""
        return take_snapshot(self.checkout, self._screen, busy=self._calls.in_flight, receipts=self._receipts)

    @property
    def server_reachable(self) -> bool | None:
        return self.connection.server_reachable

    @property
    def signed_in(self) -> bool | None:
        return self.connection.signed_in

    # ------------------------------------------------------------------ basket (local)

    @property
    def catalog(self) -> CatalogLike:
        """Where the article field looks codes and names up (the basket part holds it)."""
        return self._basket.catalog

    @catalog.setter
    def catalog(self, catalog: CatalogLike) -> None:
        self._basket.catalog = catalog

    def add_code(self, text: str) -> bool:
        """Add what the cashier typed or scanned into the article field (see :class:`BasketEditing`)."""
        return self._basket.add_code(text)

    def add_article(self, article: Article, quantity: int = 1) -> bool:
        return self._basket.add_article(article, quantity)

    def set_quantity(self, line_id: int, quantity: int) -> None:
        self._basket.set_quantity(line_id, quantity)

    def change_quantity(self, line_id: int, delta: int) -> None:
        self._basket.change_quantity(line_id, delta)

    def void_line(self, line_id: int) -> None:
        self._basket.void_line(line_id)

    def clear_basket(self) -> None:
        self._basket.clear_basket()

    def remove_card(self) -> None:
        self._basket.remove_card()

    def set_tendered(self, text: str) -> None:
        """The cashier typed into the cash field (German comma input)."""
        self._screen.tendered_text = text
        self._changed()

    def new_sale(self) -> None:
        """Ctrl+N: the next customer. Refused while a payment is in flight or being checked."""
        if self._payment_under_way():
            self._say_payment_not_finished()
            return
        self._start_new_sale()
        self._changed()

    def _start_new_sale(self) -> None:
        try:
            self.checkout.new_sale()
        except CheckoutBusyError:
            self._say_payment_not_finished()
            return
        self._screen.forget_sale()

    def _payment_under_way(self) -> bool:
        return self._calls.in_flight or bool(self.checkout.busy) or self.checkout.state in _PAYMENT_STATES

    def _may_change_basket(self, *, allow_paid: bool = True) -> bool:
        if self.recovering:
            # The last run's unfinished sale may become the current sale: nothing may start a
            # new one before (a basket that needs no server comes back at once).
            text = QCoreApplication.translate(
                "CheckoutPresenter",
                "Kasse startet noch … Der letzte Verkauf wird abgeglichen, bitte gleich noch einmal.",
            )
            self._say(CashierMessage("info", text))
            return False
        refusal = self.sale_refusal()
        if refusal:
            self._say(CashierMessage("error", refusal))
            return False
        if self._payment_under_way():
            text = QCoreApplication.translate("CheckoutPresenter", "Bitte warten, die Kasse arbeitet noch …")
            self._say(CashierMessage("info", text))
            return False
        # After payment the paid basket stays on screen; only a new article starts the next sale.
        return allow_paid or self.checkout.state is not CheckoutState.PAID

    # ------------------------------------------------------------------ card and payment (server)

    @async_slot(str)
    async def scan_card(self, cardnumber: str) -> None:
        """A card was scanned or typed: look it up once and show its balance."""
        await self.scan_card_now(cardnumber)

    async def scan_card_now(self, cardnumber: str) -> bool:
        number = clean_code(cardnumber)
        if not number:
            return False
        if self._scanning_card == number:
            return False  # the scanner fired twice: one request per scan
        if not self._may_change_basket():
            return False
        if self.checkout.state is CheckoutState.PAID:
            self._start_new_sale()
        self._screen.recovered = None
        self._scanning_card = number
        try:
            return await self._calls.run(self.checkout.scan_card(number)) is not FAILED
        finally:
            self._scanning_card = None

    @async_slot()
    async def apply_card_balance(self) -> None:
        """F9: show the predicted split at once, then confirm it with preTransaction."""
        await self.apply_card_balance_now()

    async def apply_card_balance_now(self) -> bool:
        return await self._payments.apply_card_balance()

    @async_slot()
    async def pay_cash(self) -> None:
        """F12: start/cash with the tendered amount (empty field: the exact amount)."""
        await self.pay_cash_now()

    async def pay_cash_now(self) -> bool:
        return await self._payments.pay_cash()

    @async_slot()
    async def pay_card(self) -> None:
        """F11: start/loyalty when the applied card balance covers everything."""
        await self.pay_card_now()

    async def pay_card_now(self) -> bool:
        return await self._payments.pay_card()

    @async_slot()
    async def resolve_unknown(self) -> None:
        """Read the transaction back until its outcome is known (the "Erneut prüfen" button)."""
        await self.resolve_unknown_now()

    async def resolve_unknown_now(self) -> None:
        await self._payments.resolve_unknown()

    def _resolve_in_background(self) -> None:
        self._tasks.start(self.resolve_unknown_now())

    # ------------------------------------------------------------------ start-up

    @async_slot()
    async def start_up(self) -> None:
        """At start: sign in (status bar) and reconcile unfinished sales from the journal."""
        await self.start_up_now()

    async def start_up_now(self) -> None:
        """Sign in, then reconcile the journal (after an earlier :meth:`start_recovery` too).

        The second reconciliation asks the server about what the first one had to leave
        pending; a sale restored by the first is the current sale now and is left alone.
        """
        if self._connection_check is not None:
            await self.check_connection()
        await self.recover_now()

    async def check_connection(self) -> None:
        if self._connection_check is None:
            return
        problem = await self.connection.check(self._connection_check)
        if problem is not None:
            self._say(problem)

    @property
    def recovering(self) -> bool:
        """The reconciliation started by :meth:`start_recovery` has not finished yet (or is expected)."""
        return self._recovery.running

    def expect_recovery(self) -> None:
        """Refuse basket changes from now on until :meth:`start_recovery`'s reconciliation is done.

        For the cold start, where the window is built before the event loop exists: the journal
        holds an unfinished sale, and nothing typed before the loop runs may push it aside.
        """
        self._recovery.expect()

    def start_recovery_if_expected(self) -> None:
        """:meth:`start_recovery`, if :meth:`expect_recovery` has held the basket for it."""
        self._recovery.start_if_expected()

    def start_recovery(self) -> None:
        """Reconcile the journal's unfinished sales now, without waiting for the sign-in.

        Called when the till is built, before the server may answer: the last run's unpaid
        basket (no transaction, no card) needs no server and comes back at once; a sale that
        needs the server waits for it. Until this is done, basket changes are refused with
        "Kasse startet noch …", so that nothing scanned meanwhile can push that sale aside.
        """
        self._recovery.start()

    async def recover_now(self) -> None:
        """Reconcile the journal's unfinished sales; waits for one already running first."""
        await self._recovery.wait()
        await self._recovery.reconcile()

    # ------------------------------------------------------------------ plumbing

    def _on_checkout_change(self) -> None:
        # Called on every checkout change: nothing given up (nearly always) costs one list swap.
        self._recovery.abort_abandoned_sales()
        self.state_changed.emit()

    def _say_payment_not_finished(self) -> None:
        text = QCoreApplication.translate(
            "CheckoutPresenter", "Bitte warten, die Zahlung ist noch nicht abgeschlossen."
        )
        self._say(CashierMessage("info", text))

    def _changed(self) -> None:
        self.state_changed.emit()

    def _say(self, message: CashierMessage) -> None:
        self.message.emit(message)

    async def shutdown(self) -> None:
        """Cancel what is still running (e.g. an endless read-back while the server is down).

        Nothing is lost: the journal holds the sale, and :meth:`start_up` reconciles it next time.
        """
        await self._tasks.cancel_all()

"""The till's presenter: one sale as the views see it.

:class:`CheckoutPresenter` sits between the widgets and the :class:`CheckoutService` state machine.
Views call its methods (synchronous ones for the local basket, ``async_slot`` ones for anything
that talks to the server) and redraw from :meth:`CheckoutPresenter.snapshot` whenever
``state_changed`` fires. Failures become a :class:`CashierMessage` on the ``message`` signal; the
basket and the card are never dropped because of an error.

The presenter is built and its window painted before the event loop exists (cold start), so
asyncio is imported inside the methods that run on the loop, not at the top of this module.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication, QObject, Signal

from pos_gui.api.errors import (
    ApiConnectionError,
    ApiError,
    AuthenticationError,
    OAuthError,
    OutcomeUnknownError,
)
from pos_gui.core.basket import MAX_QUANTITY, Article, Basket, BasketLine, VatShare
from pos_gui.core.card_share import CardShare
from pos_gui.core.money import Cents, format_eur, parse_amount
from pos_gui.services.checkout import (
    AbandonedSale,
    CheckoutBusyError,
    CheckoutState,
    Payment,
    basket_lines_of,
)
from pos_gui.ui.async_slot import async_slot, report_task_failure
from pos_gui.ui.presenters.error_text import CashierMessage, describe_error

if TYPE_CHECKING:
    import asyncio

    # Annotations only: the API's pydantic models are not needed to show the till window.
    from pos_gui.api.models import SmartTransaction
    from pos_gui.core.sales_receipt import SalesReceipt

log = logging.getLogger("pos_gui.ui.checkout")

CARD_NUMBER_PATTERN = re.compile(r"^9276\d{12}$")
QUANTITY_PREFIX_PATTERN = re.compile(r"^\s*(?P<quantity>\d{1,4})\s*[*xX×]\s*(?P<rest>.*)$")


class CatalogLike(Protocol):
    def lookup(self, code: str) -> Article | None: ...

    def search(self, text: str, limit: int = 20) -> list[Article]: ...


@dataclass(frozen=True)
class CardSummary:
    """What the card panel shows about the scanned card (all money in cents)."""

    number: str
    holder: str
    group: str
    balance: Cents
    cash_balance: Cents
    bonus_balance: Cents
    points: int
    locked: bool


@dataclass(frozen=True)
class TillSnapshot:
    """Everything the views draw, read from the checkout after each change.

    Attributes:
        state: the checkout state.
        lines: the basket lines (after payment: the lines that were paid).
        total: the basket total.
        vat: the VAT breakdown of the basket.
        card: the scanned card, or ``None``.
        prediction: the locally predicted card share while a card is scanned.
        card_applied: the balance is applied (preTransaction confirmed).
        applying: preTransaction is in flight (the predicted missing sum is shown meanwhile).
        amount_due: what the cashier collects in cash now.
        tendered: the cash the customer handed over (``None``: exact amount).
        tendered_valid: the tendered text parses as an amount.
        change: the change to hand back (0 when nothing or too little was tendered).
        short_by: how much the tendered cash falls short of ``amount_due`` (0 when enough).
        busy: a request is in flight.
        can_apply / can_pay_cash / can_pay_card: which actions are possible now.
        payment: how the sale was settled, once paid.
        server_receipt: the server's receipt lines after payment.
        sales_receipt: the till's own receipt of the paid (or recovered) sale, rebuilt from its
            journal row exactly as the printer rebuilds it; ``None`` while no sale is shown paid.
        unknown: the payment outcome is being checked (nothing may pay now).
        tendered_text: the text in the cash field.
        showing_receipt: the paid (or recovered) sale's receipt is on screen.
    """

    state: CheckoutState
    lines: list[BasketLine]
    total: Cents
    vat: list[VatShare]
    card: CardSummary | None
    prediction: CardShare | None
    card_applied: bool
    applying: bool
    amount_due: Cents
    tendered: Cents | None
    tendered_valid: bool
    change: Cents
    short_by: Cents
    busy: bool
    can_apply: bool
    can_pay_cash: bool
    can_pay_card: bool
    payment: Payment | None
    server_receipt: list[Any] = field(default_factory=list)
    sales_receipt: SalesReceipt | None = None
    unknown: bool = False
    tendered_text: str = ""
    showing_receipt: bool = False


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
    """

    state_changed = Signal()
    message = Signal(object)
    connection_changed = Signal()
    line_added = Signal(int)
    sale_paid = Signal(str)

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
        self.catalog = catalog
        self._connection_check = connection_check
        self._sales_receipt_of = sales_receipt_of
        # The receipt of the sale last read from the journal: (sale id, receipt).
        self._sales_receipt_cache: tuple[str, SalesReceipt | None] | None = None
        self.server_reachable: bool | None = None
        self.signed_in: bool | None = None
        self._in_flight = False
        self._applying = False
        self._tendered_text = ""
        self._paid_lines: list[BasketLine] = []
        self._scanning_card: str | None = None
        self._recovered_receipt: SmartTransaction | None = None
        self._recovered_sale_id: str | None = None
        # The journal's reconciliation started by start_recovery(), while it runs or once done.
        self._recovery: asyncio.Task[None] | None = None
        # Set by expect_recovery() before the event loop runs; start_recovery() takes over.
        self._recovery_expected = False
        self._tasks: set[asyncio.Task[Any]] = set()
        checkout.on_change = self._on_checkout_change

    # ------------------------------------------------------------------ reading

    def snapshot(self) -> TillSnapshot:
        """The current state, for the views."""
        checkout = self.checkout
        state: CheckoutState = checkout.state
        basket: Basket = checkout.basket
        paid = state is CheckoutState.PAID
        lines = self._paid_lines if paid and self._paid_lines else basket.lines
        total = sum(line.total for line in lines)
        vat = _vat_of(lines) if paid and self._paid_lines else basket.vat_breakdown()
        busy = bool(checkout.busy) or self._in_flight
        unknown = state is CheckoutState.UNKNOWN
        card = _summarise_card(checkout.card)
        applied = checkout.applied is not None and state in (CheckoutState.APPLIED, CheckoutState.PAYING)
        amount_due = checkout.amount_due if not paid else 0
        tendered, tendered_valid = self._parse_tendered()
        short_by = max(amount_due - tendered, 0) if tendered is not None else 0
        change = max(tendered - amount_due, 0) if tendered is not None else 0
        open_sale = state in (
            CheckoutState.BASKET,
            CheckoutState.CARD,
            CheckoutState.APPLIED,
            CheckoutState.FAILED,
        )
        has_lines = not basket.is_empty
        can_act = open_sale and has_lines and not busy
        can_apply = can_act and card is not None and not applied and total > 0
        card_covers_all = applied and amount_due == 0
        can_pay_cash = can_act and tendered_valid and short_by == 0 and not card_covers_all
        can_pay_card = can_act and card_covers_all
        payment = checkout.payment if paid else None
        transaction = checkout.transaction
        receipt = list(transaction.receipt) if paid and transaction is not None else []
        recovered = self._recovered_receipt if state is CheckoutState.EMPTY else None
        shown_sale_id = checkout.sale_id if paid else None
        if recovered is not None:
            # A sale the server had booked before a crash: show its receipt until the next sale.
            receipt = list(recovered.receipt)
            lines = basket_lines_of(recovered)
            total = sum(line.total for line in lines)
            vat = _vat_of(lines)
            shown_sale_id = self._recovered_sale_id
        return TillSnapshot(
            state=state,
            lines=lines,
            total=total,
            vat=vat,
            card=card,
            prediction=checkout.prediction if card is not None and not paid else None,
            card_applied=applied,
            applying=self._applying,
            amount_due=amount_due,
            tendered=tendered,
            tendered_valid=tendered_valid,
            change=change,
            short_by=short_by,
            busy=busy,
            can_apply=can_apply,
            can_pay_cash=can_pay_cash,
            can_pay_card=can_pay_card,
            payment=payment,
            server_receipt=receipt,
            sales_receipt=self._sales_receipt(shown_sale_id),
            unknown=unknown,
            tendered_text=self._tendered_text,
            showing_receipt=paid or recovered is not None,
        )

    def _sales_receipt(self, sale_id: str | None) -> SalesReceipt | None:
        """The till's receipt of a paid sale from its journal row (read once per sale)."""
        if sale_id is None or self._sales_receipt_of is None:
            return None
        cached = self._sales_receipt_cache
        if cached is None or cached[0] != sale_id:
            cached = (sale_id, self._sales_receipt_of(sale_id))
            self._sales_receipt_cache = cached
        return cached[1]

    def _parse_tendered(self) -> tuple[Cents | None, bool]:
        text = self._tendered_text.strip()
        if not text:
            return None, True
        try:
            value = parse_amount(text)
        except ValueError:
            return None, False
        return (value, True) if value >= 0 else (None, False)

    # ------------------------------------------------------------------ basket (local)

    def add_code(self, text: str) -> bool:
        """Add what the cashier typed or scanned into the article field.

        ``text`` is an EAN, an article number or a name; an optional quantity prefix (``3*``)
        adds that many. Returns whether an article was added.
        """
        quantity = 1
        match = QUANTITY_PREFIX_PATTERN.match(text)
        if match:
            quantity = int(match["quantity"])
            text = match["rest"]
        text = _strip_control(text).strip()
        if not text:
            return False
        if CARD_NUMBER_PATTERN.match(text):
            # A card number typed into the article field: the cashier meant the card.
            self.scan_card(text)
            return True
        article = self.catalog.lookup(text)
        if article is None:
            # A name: the article of exactly that name, else the only one whose name contains it.
            matches = self.catalog.search(text, limit=50)
            exact = [a for a in matches if a.name.casefold() == text.casefold()]
            if exact:
                article = exact[0]
            elif len(matches) == 1:
                article = matches[0]
        if article is None:
            self._say(
                CashierMessage(
                    "warning",
                    QCoreApplication.translate("CheckoutPresenter", "Artikel nicht gefunden: {code}").format(
                        code=text
                    ),
                )
            )
            return False
        return self.add_article(article, quantity)

    def _say_invalid_quantity(self, quantity: int) -> None:
        text = QCoreApplication.translate("CheckoutPresenter", "Ungültige Menge: {quantity}")
        self._say(CashierMessage("warning", text.format(quantity=quantity)))

    def add_article(self, article: Article, quantity: int = 1) -> bool:
        if not self._may_change_basket():
            return False
        if not 1 <= quantity <= MAX_QUANTITY:
            self._say_invalid_quantity(quantity)
            return False
        if self.checkout.state is CheckoutState.PAID:
            self._start_new_sale()
        self._recovered_receipt = None
        self._recovered_sale_id = None
        try:
            self.checkout.add_article(article, quantity)
        except ValueError:
            self._say_invalid_quantity(quantity)
            return False
        self._changed()
        line = next((line for line in self.checkout.basket.lines if line.article == article), None)
        if line is not None:
            self.line_added.emit(line.line_id)
        return True

    def set_quantity(self, line_id: int, quantity: int) -> None:
        if not self._may_change_basket(allow_paid=False):
            return
        if not 0 <= quantity <= MAX_QUANTITY:
            self._say_invalid_quantity(quantity)
            self._changed()
            return
        try:
            self.checkout.set_quantity(line_id, quantity)
        except (KeyError, ValueError):
            self._say_invalid_quantity(quantity)
        self._changed()

    def change_quantity(self, line_id: int, delta: int) -> None:
        """``+``/``-``: one more or one less of a line (one less of a single item voids it)."""
        try:
            line = self.checkout.basket.line(line_id)
        except KeyError:
            return
        self.set_quantity(line_id, max(line.quantity + delta, 0))

    def void_line(self, line_id: int) -> None:
        if not self._may_change_basket(allow_paid=False):
            return
        try:
            self.checkout.void_line(line_id)
        except KeyError:
            return
        self._changed()

    def clear_basket(self) -> None:
        if not self._may_change_basket(allow_paid=False):
            return
        self.checkout.clear_basket()
        self._changed()

    def remove_card(self) -> None:
        if not self._may_change_basket(allow_paid=False):
            return
        self.checkout.remove_card()
        self._changed()

    def set_tendered(self, text: str) -> None:
        """The cashier typed into the cash field (German comma input)."""
        self._tendered_text = text
        self._changed()

    def new_sale(self) -> None:
        """Ctrl+N: the next customer. Refused while a payment is in flight or being checked."""
        state = self.checkout.state
        if self._in_flight or self.checkout.busy or state in (CheckoutState.PAYING, CheckoutState.UNKNOWN):
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
        self._paid_lines = []
        self._tendered_text = ""
        self._recovered_receipt = None
        self._recovered_sale_id = None

    def _say_payment_not_finished(self) -> None:
        text = QCoreApplication.translate(
            "CheckoutPresenter", "Bitte warten, die Zahlung ist noch nicht abgeschlossen."
        )
        self._say(CashierMessage("info", text))

    def _may_change_basket(self, *, allow_paid: bool = True) -> bool:
        state = self.checkout.state
        if self.recovering:
            # The last run's unfinished sale may become the current sale: nothing may start a
            # new one before (a basket that needs no server comes back at once).
            self._say(
                CashierMessage(
                    "info",
                    QCoreApplication.translate(
                        "CheckoutPresenter",
                        "Kasse startet noch … Der letzte Verkauf wird abgeglichen, bitte gleich noch einmal.",
                    ),
                )
            )
            return False
        if self._in_flight or self.checkout.busy or state in (CheckoutState.PAYING, CheckoutState.UNKNOWN):
            self._say(
                CashierMessage(
                    "info",
                    QCoreApplication.translate(
                        "CheckoutPresenter", "Bitte warten, die Kasse arbeitet noch …"
                    ),
                )
            )
            return False
        # After payment the paid basket stays on screen; only a new article starts the next sale.
        return allow_paid or state is not CheckoutState.PAID

    # ------------------------------------------------------------------ server actions

    @async_slot(str)
    async def scan_card(self, cardnumber: str) -> None:
        """A card was scanned or typed: look it up once and show its balance."""
        await self.scan_card_now(cardnumber)

    async def scan_card_now(self, cardnumber: str) -> bool:
        number = _strip_control(cardnumber).strip().replace(" ", "")
        if not number:
            return False
        if self._scanning_card == number:
            return False  # the scanner fired twice: one request per scan
        if not self._may_change_basket():
            return False
        if self.checkout.state is CheckoutState.PAID:
            self._start_new_sale()
        self._recovered_receipt = None
        self._recovered_sale_id = None
        self._scanning_card = number
        try:
            return await self._run(self.checkout.scan_card(number)) is not _FAILED
        finally:
            self._scanning_card = None

    @async_slot()
    async def apply_card_balance(self) -> None:
        """F9: show the predicted split at once, then confirm it with preTransaction."""
        await self.apply_card_balance_now()

    async def apply_card_balance_now(self) -> bool:
        if not self.snapshot().can_apply:
            return False
        self._applying = True
        try:
            applied = await self._run(self.checkout.apply_card_balance()) is not _FAILED
        finally:
            self._applying = False
            self._changed()
        # The server may have booked this sale already (SaleAlreadyPaidError): it is paid now.
        self._after_payment()
        return applied

    @async_slot()
    async def pay_cash(self) -> None:
        """F12: start/cash with the tendered amount (empty field: the exact amount)."""
        await self.pay_cash_now()

    async def pay_cash_now(self) -> bool:
        snapshot = self.snapshot()
        if not snapshot.can_pay_cash:
            if snapshot.short_by:
                self._say(
                    CashierMessage(
                        "warning",
                        QCoreApplication.translate("CheckoutPresenter", "Es fehlen noch {amount}.").format(
                            amount=format_eur(snapshot.short_by)
                        ),
                    )
                )
            return False
        await self._run(self.checkout.pay_cash(snapshot.tendered))
        return self._after_payment()

    @async_slot()
    async def pay_card(self) -> None:
        """F11: start/loyalty when the applied card balance covers everything."""
        await self.pay_card_now()

    async def pay_card_now(self) -> bool:
        if not self.snapshot().can_pay_card:
            return False
        await self._run(self.checkout.pay_card())
        return self._after_payment()

    def _after_payment(self) -> bool:
        if self.checkout.state is CheckoutState.PAID:
            # What was paid: normally the basket as it was, but for a sale the server had
            # already booked (SaleAlreadyPaidError) the server's basket.
            self._paid_lines = self.checkout.basket.lines
            self._tendered_text = ""
            self._changed()
            self._announce_paid()
            return True
        return False

    def _announce_paid(self) -> None:
        sale_id = getattr(self.checkout, "sale_id", None)
        if sale_id:
            self.sale_paid.emit(str(sale_id))

    @async_slot()
    async def resolve_unknown(self) -> None:
        """Read the transaction back until its outcome is known (the "Erneut prüfen" button)."""
        await self.resolve_unknown_now()

    async def resolve_unknown_now(self) -> None:
        if self._in_flight:
            return
        result = await self._run(self.checkout.resolve_unknown(), resolving=True)
        if result is _FAILED:
            return
        if self.checkout.state is CheckoutState.PAID:
            self._say(
                CashierMessage(
                    "info",
                    QCoreApplication.translate(
                        "CheckoutPresenter", "Die Zahlung ist angekommen. Der Beleg wird angezeigt."
                    ),
                )
            )
            self._after_payment()
            return
        self._say(
            CashierMessage(
                "info",
                QCoreApplication.translate(
                    "CheckoutPresenter", "Die Zahlung wurde nicht ausgeführt. Bitte erneut bezahlen."
                ),
            )
        )
        self._changed()

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

    @property
    def recovering(self) -> bool:
        """The reconciliation started by :meth:`start_recovery` has not finished yet (or is expected)."""
        return self._recovery_expected or (self._recovery is not None and not self._recovery.done())

    def expect_recovery(self) -> None:
        """Refuse basket changes from now on until :meth:`start_recovery`'s reconciliation is done.

        For the cold start, where the window is built before the event loop exists: the journal
        holds an unfinished sale, and nothing typed before the loop runs may push it aside.
        """
        self._recovery_expected = True

    def start_recovery_if_expected(self) -> None:
        """:meth:`start_recovery`, if :meth:`expect_recovery` has held the basket for it."""
        if self._recovery_expected:
            self.start_recovery()

    def start_recovery(self) -> None:
        """Reconcile the journal's unfinished sales now, without waiting for the sign-in.

        Called when the till is built, before the server may answer: the last run's unpaid
        basket (no transaction, no card) needs no server and comes back at once; a sale that
        needs the server waits for it. Until this is done, basket changes are refused with
        "Kasse startet noch …", so that nothing scanned meanwhile can push that sale aside.
        """
        import asyncio

        if self._recovery is not None and not self._recovery.done():
            return
        task = asyncio.ensure_future(self._recover_journal())
        self._recovery = task
        self._recovery_expected = False
        self._tasks.add(task)
        task.add_done_callback(self._recovery_done)

    def _recovery_done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        # A programming error, not a server problem (those become messages): the crash handler.
        report_task_failure(task)
        self._changed()

    async def recover_now(self) -> None:
        """Reconcile the journal's unfinished sales; waits for one already running first."""
        import asyncio

        running = self._recovery
        if running is not None and not running.done():
            await asyncio.wait({running})
        await self._recover_journal()

    async def _recover_journal(self) -> None:
        # recover() may send nothing at all (nothing to reconcile, or a basket restored from the
        # journal): its success says nothing about the server, so the status bar is left alone.
        recovered = await self._run(self.checkout.recover(), marks_connection=False)
        if recovered is _FAILED or not recovered:
            return
        outcomes = [getattr(sale, "outcome", "") for sale in recovered]
        completed = [sale for sale in recovered if getattr(sale, "outcome", "") == "completed"]
        if completed:
            last = completed[-1]
            if self.checkout.state is CheckoutState.EMPTY and last.transaction is not None:
                self._recovered_receipt = last.transaction
                self._recovered_sale_id = last.sale_id
            self._say(
                CashierMessage(
                    "info",
                    QCoreApplication.translate(
                        "CheckoutPresenter",
                        "{count} Verkauf/Verkäufe waren schon bezahlt und wurden abgeschlossen.",
                    ).format(count=len(completed)),
                )
            )
        if "restored" in outcomes:
            self._say(
                CashierMessage(
                    "info",
                    QCoreApplication.translate(
                        "CheckoutPresenter", "Der letzte Warenkorb wurde wiederhergestellt."
                    ),
                )
            )
        if self.checkout.state is CheckoutState.UNKNOWN:
            await self.resolve_unknown_now()
        pending = outcomes.count("pending")
        if pending:
            self._say(
                CashierMessage(
                    "warning",
                    QCoreApplication.translate(
                        "CheckoutPresenter",
                        "{count} offene Verkäufe konnten nicht mit dem Server abgeglichen werden.",
                    ).format(count=pending),
                )
            )
        self._changed()

    async def check_connection(self) -> None:
        if self._connection_check is None:
            return
        try:
            await self._connection_check()
        except (AuthenticationError, OAuthError):
            self._set_connection(reachable=True, signed_in=False)
            self._say(
                CashierMessage(
                    "error",
                    QCoreApplication.translate(
                        "CheckoutPresenter",
                        "Anmeldung am Server fehlgeschlagen. Bitte die Zugangsdaten prüfen.",
                    ),
                )
            )
        except ApiConnectionError:
            self._set_connection(reachable=False, signed_in=False)
            self._say(
                CashierMessage(
                    "error",
                    QCoreApplication.translate("CheckoutPresenter", "Der Server ist nicht erreichbar."),
                )
            )
        except ApiError as error:
            self._set_connection(reachable=True, signed_in=False)
            described = describe_error(error)
            if described is not None:
                self._say(described)
        else:
            self._set_connection(reachable=True, signed_in=True)

    # ------------------------------------------------------------------ plumbing

    async def _run(
        self, action: Coroutine[Any, Any, Any], *, resolving: bool = False, marks_connection: bool = True
    ) -> Any:
        """Await one service call with the busy flag set; turn failures into cashier messages.

        ``marks_connection``: the call always talks to the server, so its success shows the
        server reachable and the till signed in. Calls that may send nothing pass ``False``; a
        failure still shows what it says about the server.
        """
        if self._in_flight:
            action.close()
            self._say(
                CashierMessage(
                    "info",
                    QCoreApplication.translate(
                        "CheckoutPresenter", "Bitte warten, die Kasse arbeitet noch …"
                    ),
                )
            )
            return _FAILED
        import asyncio

        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)
        self._in_flight = True
        self._changed()
        try:
            result = await action
        except OutcomeUnknownError as error:
            log.warning("payment outcome unknown: %s", error)
            self._set_connection(reachable=False, signed_in=self.signed_in)
            described = describe_error(error)
            if described is not None:
                self._say(described)
            self._in_flight = False
            if not resolving:
                self._schedule_resolve()
            return _FAILED
        except Exception as error:
            described = describe_error(error)
            if described is None:
                raise
            log.warning("checkout action failed: %r", error)
            if isinstance(error, ApiConnectionError):
                self._set_connection(reachable=False, signed_in=self.signed_in)
            elif isinstance(error, AuthenticationError | OAuthError):
                self._set_connection(reachable=True, signed_in=False)
            self._say(described)
            return _FAILED
        else:
            if marks_connection:
                self._set_connection(reachable=True, signed_in=True)
            return result
        finally:
            self._in_flight = False
            if task is not None:
                self._tasks.discard(task)
            self._changed()

    def _schedule_resolve(self) -> None:
        import asyncio

        task = asyncio.ensure_future(self.resolve_unknown_now())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _set_connection(self, *, reachable: bool | None, signed_in: bool | None) -> None:
        if (reachable, signed_in) != (self.server_reachable, self.signed_in):
            self.server_reachable = reachable
            self.signed_in = signed_in
            self.connection_changed.emit()

    def _on_checkout_change(self) -> None:
        self._abort_abandoned_sales()
        self.state_changed.emit()

    def _abort_abandoned_sales(self) -> None:
        """Abort, in the background, the server transactions of sales the cashier gave up."""
        # Called on every checkout change: nothing given up (nearly always) costs one list swap.
        abandoned = self.checkout.take_abandoned()
        if not abandoned:
            return
        import asyncio

        for sale in abandoned:
            task = asyncio.ensure_future(self._abort_abandoned(sale))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _abort_abandoned(self, sale: AbandonedSale) -> None:
        if not await self.checkout.abort_abandoned(sale):
            return
        # The sale the cashier gave up had been paid after all (a payment from before a restart
        # that arrived late): it is in today's sales now, with its receipt.
        self._say(
            CashierMessage(
                "warning",
                QCoreApplication.translate(
                    "CheckoutPresenter",
                    "Verkauf {number} war doch bezahlt: Die Zahlung von vor dem Neustart ist "
                    "angekommen. Er steht mit Beleg unter „Verkäufe → Heutige Verkäufe“.",
                ).format(number=sale.sale_number),
            )
        )

    def _changed(self) -> None:
        self.state_changed.emit()

    def _say(self, message: CashierMessage) -> None:
        self.message.emit(message)

    async def shutdown(self) -> None:
        """Cancel what is still running (e.g. an endless read-back while the server is down).

        Nothing is lost: the journal holds the sale, and :meth:`start_up` reconciles it next time.
        """
        import asyncio

        tasks = [task for task in self._tasks if task is not asyncio.current_task()]
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
        self._tasks.clear()


_FAILED = object()


def _strip_control(text: str) -> str:
    return "".join(char for char in text if char.isprintable())


def _summarise_card(card: Any) -> CardSummary | None:
    if card is None:
        return None
    return CardSummary(
        number=card.cardnumber or "",
        holder=card.holder_name or "",
        group=card.cardgroup_name or "",
        balance=card.balance,
        cash_balance=card.cash_balance,
        bonus_balance=card.bonus_balance,
        points=card.points,
        locked=card.is_locked,
    )


def _vat_of(lines: list[BasketLine]) -> list[VatShare]:
    basket = Basket()
    basket.restore(lines)
    return basket.vat_breakdown()

"""The checkout: one sale from empty basket to paid, as the state machine of ``shared/design.md``.

``EMPTY → BASKET → CARD → APPLIED → PAYING → PAID``, with ``FAILED`` and ``UNKNOWN`` beside
``PAYING``. :class:`CheckoutService` is the presenters' one door to the sale; it hands each call
to a use case:

* building the sale (basket, card scan, prediction): :mod:`pos_gui.services.sale_building`;
* the payment, exactly once (create/PUT, preTransaction, start, UNKNOWN and its resolution):
  :mod:`pos_gui.services.payment_flow`;
* recovery and reconciliation after a crash: :mod:`pos_gui.services.recovery`.

Every step is in the ledger (:class:`~pos_gui.persistence.ledger.Ledger`) before the request it
announces. Qt-free: the presenter awaits the coroutines and reads the attributes afterwards
(``on_change`` is called after every change, for views that want to redraw).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Any

from pos_gui.core.basket import Article, Basket
from pos_gui.core.card_share import CardShare
from pos_gui.core.money import Cents
from pos_gui.core.payment import Payment
from pos_gui.persistence.ledger import Ledger, LedgerWriteError
from pos_gui.services.checkout_types import (
    AbandonedSale,
    CardRejectedError,
    CheckoutBusyError,
    CheckoutState,
    PasscodeRequiredError,
    PasscodeWrongError,
    PaymentNotRecordedError,
    RecoveredSale,
    RecoveryOutcome,
    SaleAlreadyPaidError,
    SaleSigning,
)
from pos_gui.services.payment_flow import RESOLVE_BACKOFF_S, PaymentFlow
from pos_gui.services.recovery import Recovery
from pos_gui.services.sale_building import CurrentSale
from pos_gui.services.sale_wire import NO_ANSWER_ERRORS, basket_lines_of, payment_of, wire_products
from pos_gui.services.server_connection import ServerConnection

if TYPE_CHECKING:
    from pos_gui.api.models import MerchantCard, PreTransactionResult, SmartTransaction

__all__ = [
    "NO_ANSWER_ERRORS",
    "RESOLVE_BACKOFF_S",
    "AbandonedSale",
    "CardRejectedError",
    "CheckoutBusyError",
    "CheckoutService",
    "CheckoutState",
    "LedgerWriteError",
    "PasscodeRequiredError",
    "PasscodeWrongError",
    "Payment",
    "PaymentNotRecordedError",
    "RecoveredSale",
    "RecoveryOutcome",
    "SaleAlreadyPaidError",
    "basket_lines_of",
    "payment_of",
    "wire_products",
]


class CheckoutService:
    """One sale at a time. Construct once; ``new_sale()`` starts the next.

    Attributes (read by presenters after each awaited call): ``state``, ``basket``, ``card``,
    ``prediction``, ``applied``, ``transaction``, ``payment``, ``busy``, ``amount_due``,
    ``sale_id``, ``sale_number``, ``last_error`` (see :class:`CurrentSale`), and ``on_change``,
    called after every change.

    Args:
        server: the way to the API client (:meth:`ServerConnection.of` wraps a ready one).
        ledger: the till's :class:`~pos_gui.persistence.ledger.Ledger`.
        device_id: the till's id, part of every ``transactionRef`` (many tills, one merchant).
        is_demo: mark every transaction ``is_demo`` (demo mode).
        sleep: the wait between reads in :meth:`resolve_unknown` (``None``: asyncio.sleep); tests
            pass a fake.
        backoff: those waits in seconds; the last one repeats.
        fiscal: the TSE signing (``pos_gui.services.fiscal_signing``), or ``None``: no signing.
            It is told of every opened and given-up sale; a paid sale's TSE transaction is
            finished before the payment call returns (so before the receipt is shown).
        training_server: builds training mode's own server (testing and live mode: an embedded
            simulator), called the first time a sale is opened in training mode; ``None``:
            training sales go to ``server`` too (demo mode).
    """

    def __init__(
        self,
        server: ServerConnection,
        ledger: Ledger,
        *,
        device_id: str,
        is_demo: bool,
        sleep: Callable[[float], Awaitable[Any]] | None = None,
        backoff: Sequence[float] = RESOLVE_BACKOFF_S,
        fiscal: SaleSigning | None = None,
        training_server: Callable[[], ServerConnection] | None = None,
    ) -> None:
        self.server = server
        self.ledger = ledger
        self.device_id = device_id
        self.is_demo = is_demo
        self.fiscal = fiscal
        self._sale = CurrentSale(
            server,
            ledger,
            device_id=device_id,
            is_demo=is_demo,
            fiscal=fiscal,
            training_server=training_server,
        )
        self._payment = PaymentFlow(self._sale, sleep=sleep, backoff=backoff)
        self._recovery = Recovery(self._sale, self._payment)

    def attach_fiscal(self, fiscal: SaleSigning) -> None:
        """Sign the sales from now on (the cold start attaches the signing right after the
        window's first paint, before any sale can open)."""
        self.fiscal = fiscal
        self._sale.fiscal = fiscal

    # -- what the presenters read ------------------------------------------------------------------

    @property
    def on_change(self) -> Callable[[], None] | None:
        return self._sale.on_change

    @on_change.setter
    def on_change(self, callback: Callable[[], None] | None) -> None:
        self._sale.on_change = callback

    @property
    def state(self) -> CheckoutState:
        return self._sale.state

    @property
    def basket(self) -> Basket:
        return self._sale.basket

    @property
    def card(self) -> MerchantCard | None:
        return self._sale.card

    @property
    def prediction(self) -> CardShare | None:
        return self._sale.prediction

    @property
    def applied(self) -> PreTransactionResult | None:
        return self._sale.applied

    @property
    def transaction(self) -> SmartTransaction | None:
        return self._sale.transaction

    @property
    def payment(self) -> Payment | None:
        return self._sale.payment

    @property
    def busy(self) -> bool:
        return self._sale.busy

    @property
    def amount_due(self) -> Cents:
        return self._sale.amount_due

    @property
    def sale_id(self) -> str | None:
        return self._sale.sale_id

    @property
    def sale_number(self) -> int | None:
        return self._sale.sale_number

    @property
    def last_error(self) -> str | None:
        return self._sale.last_error

    @property
    def passcode_required(self) -> bool:
        """The scanned card has a passcode not checked yet: ask for the PIN (:meth:`verify_passcode`)."""
        return self._payment.card_checks.passcode_required

    @property
    def card_refresh(self) -> Awaitable[None] | None:
        """The card's look-up after a card payment while it runs in the background (``card``
        then holds the new balance), else ``None``."""
        return self._payment.card_checks.refresh

    @property
    def transaction_ref(self) -> str | None:
        """``<device id>/<sale number>``: unique across every till of a merchant."""
        return self._sale.transaction_ref

    def set_cashier(self, name: str | None, *, training: bool = False) -> None:
        """Who sells (on the sale and its Smart Transaction), and whether the session is in
        training mode (the cashier session calls this at login and switch).

        Training mode changes between sales only: at once when no sale is open, else with the
        next sale. A training sale's requests go to the training server (``training_server``)."""
        self._sale.cashier = name
        self._sale.switch_training(training)

    @property
    def cashier(self) -> str | None:
        return self._sale.cashier

    @property
    def training(self) -> bool:
        """Whether the current (or next) sale is a training sale."""
        return self._sale.training

    @property
    def sale_server(self) -> ServerConnection:
        """Where the current sale's requests go: the till's server, or training mode's."""
        return self._sale.server

    # -- building the sale -------------------------------------------------------------------------

    def add_article(self, article: Article, quantity: int = 1) -> None:
        self._sale.add_article(article, quantity)

    def set_quantity(self, line_id: int, quantity: int) -> None:
        self._sale.set_quantity(line_id, quantity)

    def void_line(self, line_id: int) -> None:
        self._sale.void_line(line_id)

    def clear_basket(self) -> None:
        """Remove every line; the card stays. With no card either, the sale is voided."""
        self._sale.clear_basket()

    async def scan_card(self, cardnumber: str) -> MerchantCard:
        """Look the card up; raises :class:`CardRejectedError` (malformed / unknown / locked)."""
        return await self._sale.scan_card(cardnumber)

    def remove_card(self) -> None:
        self._sale.remove_card()

    # -- payment -----------------------------------------------------------------------------------

    async def verify_passcode(self, pin: str) -> None:
        """Check the card's PIN with the server; raises :class:`PasscodeWrongError` when it does
        not fit. Needed before a card with a passcode is applied or pays
        (:class:`PasscodeRequiredError`). The PIN is neither logged nor kept."""
        await self._payment.card_checks.verify_passcode(pin)

    async def apply_card_balance(self) -> PreTransactionResult:
        """Create (or update) the transaction and run preTransaction → APPLIED.

        Raises :class:`PasscodeRequiredError` (nothing sent) for a card whose passcode was not
        checked, :class:`LedgerWriteError` (nothing sent) when the ledger cannot be written,
        ``InvalidResponseError`` when the server's amounts do not fit the basket or the card."""
        try:
            return await self._payment.apply_card_balance()
        finally:
            await self._sign_if_paid()  # SaleAlreadyPaidError: a late start booked the sale

    async def pay_cash(self, tendered: Cents | None = None) -> SmartTransaction:
        """start/cash (``tendered=None``: the exact amount); see :meth:`PaymentFlow.pay_cash`.

        A ledger that cannot be written: :class:`LedgerWriteError` before anything is sent, or
        :class:`PaymentNotRecordedError` (UNKNOWN) when the answer could not be recorded."""
        try:
            return await self._payment.pay_cash(tendered)
        finally:
            await self._sign_if_paid()

    async def pay_card(self) -> SmartTransaction:
        """start/loyalty; only when the applied card balance covers everything."""
        try:
            return await self._payment.pay_card()
        finally:
            await self._sign_if_paid()

    async def resolve_unknown(self, *, max_reads: int | None = None) -> CheckoutState:
        """Read an UNKNOWN payment back until its outcome is known; see :meth:`PaymentFlow.resolve_unknown`."""
        try:
            return await self._payment.resolve_unknown(max_reads=max_reads)
        finally:
            await self._sign_if_paid()

    async def _sign_if_paid(self) -> None:
        """Finish the paid sale's TSE transaction (after the payment, whatever its path: the
        answer to start, a read-back, a late booking). Never raises for the TSE."""
        sale = self._sale
        if self.fiscal is not None and sale.state is CheckoutState.PAID and sale.sale_id is not None:
            await self.fiscal.sale_paid(sale.sale_id)

    # -- the next sale, crash recovery --------------------------------------------------------------

    def new_sale(self) -> None:
        """Start over: after PAID, or to give up a sale whose payment was never started."""
        sale = self._sale
        sale.check_not_busy()
        if sale.state in (CheckoutState.PAYING, CheckoutState.UNKNOWN):
            raise CheckoutBusyError(f"the payment must be resolved first ({sale.state})")
        if sale.state is CheckoutState.PAID:
            sale.reset()
            sale.changed()
            return
        sale.void_sale()

    def take_abandoned(self) -> list[AbandonedSale]:
        """The given-up sales whose transactions still need :meth:`abort_abandoned`; each once."""
        return self._recovery.take_abandoned()

    async def abort_abandoned(self, sale: AbandonedSale) -> bool:
        """Abort a given-up sale's transaction; ``True`` when the server had booked it meanwhile."""
        return await self._recovery.abort_abandoned(sale)

    async def recover(self) -> list[RecoveredSale]:
        """Reconcile the ledger's unfinished sales with the server at start-up; then (in the
        background) close the TSE transactions of sales that are settled now."""
        results = await self._recovery.recover()
        if self.fiscal is not None:
            self.fiscal.reconcile_soon()
        return results

"""Paying a sale as the cashier sees it: apply the card balance, pay cash or by card, and read
back a payment whose outcome was unknown.

:class:`PaymentActions` checks the snapshot before anything is sent (a disabled button's
shortcut does nothing), runs the checkout's payment call through the presenter's
:class:`~pos_gui.ui.presenters.service_calls.ServiceCalls`, and once the sale is paid keeps the
paid lines on screen and reports the sale id (printing, drawer).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication

from pos_gui.core.money import format_eur
from pos_gui.services.checkout import CheckoutState, PasscodeWrongError
from pos_gui.ui.presenters.error_text import CashierMessage
from pos_gui.ui.presenters.service_calls import FAILED, ServiceCalls
from pos_gui.ui.presenters.till_snapshot import SaleScreen, TillSnapshot


class AskPasscode(Protocol):
    """Asks the cashier for the card's PIN (``None``: cancelled)."""

    def __call__(self, *, wrong_before: bool = False) -> Awaitable[str | None]: ...


class PaymentActions:
    """The payment part of the checkout presenter.

    Args:
        checkout: the checkout service (or a fake with its API).
        calls: the presenter's service calls.
        screen: the presenter's screen state (paid lines, cash field, "applying").
        snapshot: the presenter's current snapshot (what may be done now).
        say: shows a message to the cashier.
        changed: the views must redraw.
        paid: called with the journal's sale id once a sale is paid.
        ask_passcode: asks for the PIN of a card with a passcode (the presenter's PIN prompt).
    """

    def __init__(
        self,
        checkout: Any,
        calls: ServiceCalls,
        screen: SaleScreen,
        *,
        snapshot: Callable[[], TillSnapshot],
        say: Callable[[CashierMessage], None],
        changed: Callable[[], None],
        paid: Callable[[str], None],
        ask_passcode: AskPasscode,
    ) -> None:
        self._checkout = checkout
        self._calls = calls
        self._screen = screen
        self._snapshot = snapshot
        self._say = say
        self._changed = changed
        self._paid = paid
        self._ask_passcode = ask_passcode

    async def apply_card_balance(self) -> bool:
        """F9: show the predicted split at once, then confirm it with preTransaction."""
        if not self._snapshot().can_apply or not await self._passcode_checked():
            return False
        self._screen.applying = True
        try:
            applied = await self._calls.run(self._checkout.apply_card_balance()) is not FAILED
        finally:
            self._screen.applying = False
            self._changed()
        # The server may have booked this sale already (SaleAlreadyPaidError): it is paid now.
        self._after_payment()
        return applied

    async def pay_cash(self) -> bool:
        """F12: start/cash with the tendered amount (empty field: the exact amount)."""
        snapshot = self._snapshot()
        if not snapshot.can_pay_cash:
            if snapshot.short_by:
                text = QCoreApplication.translate("CheckoutPresenter", "Es fehlen noch {amount}.")
                self._say(CashierMessage("warning", text.format(amount=format_eur(snapshot.short_by))))
            return False
        await self._calls.run(self._checkout.pay_cash(snapshot.tendered))
        return self._after_payment()

    async def pay_card(self) -> bool:
        """F11: start/loyalty when the applied card balance covers everything."""
        if not self._snapshot().can_pay_card or not await self._passcode_checked():
            return False
        await self._calls.run(self._checkout.pay_card())
        return self._after_payment()

    async def _passcode_checked(self) -> bool:
        """A card with a passcode pays only once its PIN was checked: ask until it fits.

        Cancelled, or the check itself failed (server down: the cashier was told), the card does
        not pay; cash still works.
        """
        wrong_before = False
        while self._checkout.passcode_required:
            pin = await self._ask_passcode(wrong_before=wrong_before)
            if pin is None:
                text = QCoreApplication.translate(
                    "CheckoutPresenter", "Ohne PIN zahlt die Karte nicht. Bar bezahlen geht weiterhin."
                )
                self._say(CashierMessage("info", text))
                return False
            fitted = await self._calls.run(self._verify_passcode(pin))
            if fitted is FAILED:
                return False
            wrong_before = not fitted
        return True

    async def _verify_passcode(self, pin: str) -> bool:
        try:
            await self._checkout.verify_passcode(pin)
        except PasscodeWrongError:
            return False
        return True

    async def resolve_unknown(self) -> None:
        """Read the transaction back until its outcome is known, and say what it was."""
        if self._calls.in_flight:
            return
        if await self._calls.run(self._checkout.resolve_unknown(), resolving=True) is FAILED:
            return
        if self._checkout.state is CheckoutState.PAID:
            text = QCoreApplication.translate(
                "CheckoutPresenter", "Die Zahlung ist angekommen. Der Beleg wird angezeigt."
            )
            self._say(CashierMessage("info", text))
            self._after_payment()
            return
        text = QCoreApplication.translate(
            "CheckoutPresenter", "Die Zahlung wurde nicht ausgeführt. Bitte erneut bezahlen."
        )
        self._say(CashierMessage("info", text))
        self._changed()

    def _after_payment(self) -> bool:
        if self._checkout.state is not CheckoutState.PAID:
            return False
        # What was paid: normally the basket as it was, but for a sale the server had already
        # booked (SaleAlreadyPaidError) the server's basket.
        self._screen.paid_lines = self._checkout.basket.lines
        self._screen.tendered_text = ""
        self._changed()
        if self._checkout.sale_id:
            self._paid(str(self._checkout.sale_id))
        return True

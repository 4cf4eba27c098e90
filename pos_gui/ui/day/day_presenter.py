"""The presenter of a shop's day at the till: who is logged in, the drawer, X/Z, Storno, training.

It holds the day's services (built by :mod:`pos_gui.app.wiring`) and turns what they say, their
exceptions included, into the cashier's text, so the screens in :mod:`pos_gui.ui.day` only draw.
A forbidden action goes through :meth:`DayPresenter.with_right`: the current cashier's right, or
a manager's PIN on the spot (``override_requested``). Slips, reports and the Storno receipt are
printed through the printing service like a receipt.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QObject, Signal

from pos_gui.core.money import Cents, format_eur, parse_amount
from pos_gui.core.receipt_layout import Align, LayoutLine, aligned, blank_line, rule_line, two_columns
from pos_gui.services.cashiers import Cashier, CashierSession, Right, Role
from pos_gui.services.closing import Closing, ClosingError, ZClosing, counted_total, report_lines
from pos_gui.services.printer_errors import PrinterError
from pos_gui.services.shift import CASH_MOVE_TYPES, CashSlip, Shift
from pos_gui.services.storno import StornoService
from pos_gui.ui.background_tasks import BackgroundTasks
from pos_gui.ui.presenters.error_text import CashierMessage, printer_error_text

log = logging.getLogger("pos_gui.ui.day")


@dataclass
class DayServices:
    """The day's services, as the composition root built them."""

    cashiers: CashierSession
    shift: Shift
    closing: Closing
    storno: StornoService


class CheckoutLike(Protocol):
    def set_cashier(self, name: str | None, *, training: bool = False) -> None: ...

    @property
    def sale_id(self) -> str | None: ...


class PrinterLike(Protocol):
    @property
    def can_print(self) -> bool: ...

    async def print_layout(self, lines: Sequence[LayoutLine], *, open_drawer: bool = False) -> None: ...


def right_text(right: Right) -> str:
    """What a right is called on the manager's PIN prompt."""
    names = {
        Right.STORNO: QCoreApplication.translate("DayPresenter", "Storno"),
        Right.CASH_OUT: QCoreApplication.translate("DayPresenter", "Geld entnehmen"),
        Right.NO_SALE_DRAWER: QCoreApplication.translate("DayPresenter", "Schublade ohne Verkauf"),
        Right.X_REPORT: QCoreApplication.translate("DayPresenter", "X-Bericht"),
        Right.Z_CLOSING: QCoreApplication.translate("DayPresenter", "Z-Abschluss"),
        Right.DISCOUNT: QCoreApplication.translate("DayPresenter", "Rabatt"),
        Right.SETTINGS: QCoreApplication.translate("DayPresenter", "Einstellungen"),
        Right.TRAINING_MODE: QCoreApplication.translate("DayPresenter", "Trainingsmodus"),
    }
    return names[right]


def role_text(role: str) -> str:
    return (
        QCoreApplication.translate("DayPresenter", "Marktleitung")
        if role == Role.MANAGER
        else QCoreApplication.translate("DayPresenter", "Kasse")
    )


def lines_of_rows(rows: Sequence[tuple[str, str]], width: int) -> list[LayoutLine]:
    """A report's (label, amount) rows as printer lines; the first row is the title."""
    title, *rest = rows
    lines = [aligned(title[0], width, Align.CENTER, bold=True, large=True), rule_line(width)]
    for label, value in rest:
        lines += two_columns(label, value, width)
    return [*lines, blank_line()]


def lines_of_slip(slip: CashSlip, width: int) -> list[LayoutLine]:
    lines = [aligned(slip.title, width, Align.CENTER, bold=True, large=True), rule_line(width)]
    lines += [aligned(text, width, Align.LEFT) for text in slip.lines]
    return [*lines, blank_line()]


class DayPresenter(QObject):
    """Login, switch, override, float, cash moves, X/Z and Storno for the screens.

    Signals:
        session_changed(): someone logged in or out, the till locked, training switched.
        message(CashierMessage): a line for the message bar.
        override_requested(str, bool): a manager's PIN is needed for this action (its name;
            ``True`` after a wrong PIN); answer with :meth:`answer_override`.
    """

    session_changed = Signal()
    message = Signal(object)
    override_requested = Signal(str, bool)

    def __init__(
        self,
        services: DayServices,
        checkout: CheckoutLike,
        printing: PrinterLike | None = None,
        *,
        paper_width: Callable[[], int] = lambda: 42,
        demo: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.session = services.cashiers
        self.checkout = checkout
        self.printing = printing
        self.paper_width = paper_width
        self.demo = demo
        self._pending_override: tuple[Right, Callable[[Cashier | None], None]] | None = None
        self._tasks = BackgroundTasks()
        # Tasks that wait to try again (a Storno read back): cancelled at shutdown, not awaited.
        self._retrying = BackgroundTasks()

    # -- who is at the till ------------------------------------------------------------------------

    @property
    def cashier(self) -> Cashier | None:
        return self.session.current

    @property
    def training(self) -> bool:
        return self.session.training

    def cashiers(self) -> list[Cashier]:
        return self.session.cashiers()

    def needs_first_manager(self) -> bool:
        return self.session.needs_first_manager()

    def create_first_manager(self, name: str, pin: str, pin_again: str) -> str | None:
        """The first run's manager; logs them in. Returns the problem's text, or ``None``."""
        if not name.strip():
            return QCoreApplication.translate("DayPresenter", "Bitte einen Namen eingeben.")
        if pin != pin_again:
            return QCoreApplication.translate("DayPresenter", "Die beiden PINs sind verschieden.")
        if not (pin.isascii() and pin.isdigit() and 4 <= len(pin) <= 6):
            return QCoreApplication.translate("DayPresenter", "Die PIN hat 4 bis 6 Ziffern.")
        manager = self.session.create_first_manager(name, pin)
        return self.log_in(manager.cashier_id, pin)

    def log_in(self, cashier_id: str, pin: str) -> str | None:
        """Log in (or switch to) ``cashier_id``; the problem's text, or ``None``."""
        cashier = self.session.log_in(cashier_id, pin)
        if cashier is None:
            return QCoreApplication.translate("DayPresenter", "Falsche PIN.")
        self._cashier_changed()
        self.say(
            "info", QCoreApplication.translate("DayPresenter", "Angemeldet: {name}").format(name=cashier.name)
        )
        return None

    def log_out(self, *, reason: str = "logout") -> None:
        self.session.log_out(reason=reason)
        self._cashier_changed()

    def touch(self) -> None:
        self.session.touch()

    def lock_if_idle(self) -> bool:
        if self.session.lock_if_idle():
            self._cashier_changed()
            return True
        return False

    def _cashier_changed(self) -> None:
        self.checkout.set_cashier(self.session.name, training=self.session.training)
        self.session_changed.emit()

    # -- a manager's right on the spot -------------------------------------------------------------

    def with_right(self, right: Right, then: Callable[[Cashier | None], None]) -> None:
        """Run ``then(None)`` when the cashier has ``right``; else ask for a manager's PIN and run
        ``then(manager)`` once one was given (nothing when the prompt is cancelled)."""
        if self.session.current is None:
            self.say("warning", QCoreApplication.translate("DayPresenter", "Bitte zuerst anmelden."))
            return
        if self.session.may(right):
            then(None)
            return
        self._pending_override = (right, then)
        self.override_requested.emit(right_text(right), False)

    def answer_override(self, pin: str | None) -> None:
        """The manager's PIN from the prompt (``None``: cancelled)."""
        pending, self._pending_override = self._pending_override, None
        if pending is None or pin is None:
            return
        right, then = pending
        manager = self.session.override(right, pin)
        if manager is None:
            self._pending_override = pending
            self.override_requested.emit(right_text(right), True)
            return
        self.say(
            "info",
            QCoreApplication.translate("DayPresenter", "Freigegeben von {name}").format(name=manager.name),
        )
        then(manager)

    # -- float and cash moves ----------------------------------------------------------------------

    def needs_float(self) -> bool:
        return self.services.shift.needs_float()

    def expected_cash(self) -> Cents:
        return self.services.shift.expected_cash()

    def count_float(self, text: str) -> str | None:
        """The opening float the cashier counted; the problem's text, or ``None`` (slip printed)."""
        amount = _amount(text)
        if amount is None or amount < 0:
            return QCoreApplication.translate("DayPresenter", "Bitte einen Betrag eingeben, z. B. 150,00.")
        slip = self.services.shift.count_float(amount)
        self.print_lines(lines_of_slip(slip, self.paper_width()))
        self.say(
            "info",
            QCoreApplication.translate("DayPresenter", "Anfangsbestand gezählt: {amount}").format(
                amount=format_eur(amount)
            ),
        )
        return None

    def cash_move_types(self) -> list[tuple[str, str, int]]:
        """(GV type, name on screen, direction) of each cash movement."""
        return [(move.gv_type, move.label, move.direction) for move in CASH_MOVE_TYPES]

    def move_cash(self, gv_type: str, text: str, reason: str, *, taking_out: bool) -> None:
        """Cash in (``taking_out`` False) or out; taking out needs the right or a manager's PIN."""
        amount = _amount(text)
        if amount is None or amount <= 0:
            self.say(
                "warning",
                QCoreApplication.translate("DayPresenter", "Bitte einen Betrag eingeben, z. B. 20,00."),
            )
            return
        if not reason.strip():
            self.say("warning", QCoreApplication.translate("DayPresenter", "Bitte einen Grund angeben."))
            return
        signed = -amount if taking_out else amount

        def record(manager: Cashier | None) -> None:
            try:
                slip = self.services.shift.move_cash_checked(gv_type, signed, reason, overridden=True)
            except ValueError as refused:
                self.say("warning", str(refused))
                return
            self.print_lines(lines_of_slip(slip, self.paper_width()))
            self.say(
                "info",
                QCoreApplication.translate("DayPresenter", "{what} gebucht: {amount}").format(
                    what=slip.title, amount=format_eur(signed)
                ),
            )

        if taking_out:
            self.with_right(Right.CASH_OUT, record)
        else:
            record(None)

    # -- X report and Z closing --------------------------------------------------------------------

    def x_report_rows(self) -> list[tuple[str, str]]:
        totals = self.services.closing.x_report()
        return report_lines(QCoreApplication.translate("DayPresenter", "X-Bericht"), totals.as_json())

    def z_preview_rows(self) -> list[tuple[str, str]]:
        return report_lines(
            QCoreApplication.translate("DayPresenter", "Z-Abschluss (Vorschau)"),
            self.services.closing.current_totals().as_json(),
        )

    def counted_total(self, counted: dict[int, int]) -> Cents:
        return counted_total(counted)

    def z_close(self, counted: dict[int, int], then: Callable[[list[tuple[str, str]]], None]) -> None:
        """Book the Z closing with the count (a manager's right), print it, call ``then(rows)``."""

        def close(manager: Cashier | None) -> None:
            try:
                closing = self.services.closing.z_close(counted, overridden=True)
            except ClosingError as refused:
                self.say("warning", str(refused))
                return
            rows = self.closing_rows(closing)
            self.print_lines(lines_of_rows(rows, self.paper_width()))
            self.say(
                "info",
                QCoreApplication.translate("DayPresenter", "Z-Abschluss Nr. {number} gebucht.").format(
                    number=closing.number
                ),
            )
            then(rows)

        self.with_right(Right.Z_CLOSING, close)

    def closing_rows(self, closing: ZClosing) -> list[tuple[str, str]]:
        return report_lines(
            QCoreApplication.translate("DayPresenter", "Z-Abschluss"), closing.totals, closing=closing
        )

    def last_closing(self) -> ZClosing | None:
        closings = self.services.closing.closings()
        return closings[-1] if closings else None

    def reprint_last_closing(self) -> None:
        closing = self.last_closing()
        if closing is None:
            self.say("info", QCoreApplication.translate("DayPresenter", "Es gibt noch keinen Z-Abschluss."))
            return
        self.print_lines(lines_of_rows(self.closing_rows(closing), self.paper_width()))

    # -- training mode -------------------------------------------------------------------------------

    def switch_training(self, on: bool) -> None:
        """Training mode on or off, between sales only (a training sale goes to a server of its
        own, so a sale cannot change sides halfway)."""
        if self.checkout.sale_id is not None:
            self.say(
                "warning",
                QCoreApplication.translate(
                    "DayPresenter", "Den Trainingsmodus bitte zwischen zwei Verkäufen umschalten."
                ),
            )
            return

        def switch(manager: Cashier | None) -> None:
            self.session.switch_training(on, overridden=True)
            self._cashier_changed()

        self.with_right(Right.TRAINING_MODE, switch)

    # -- printing ------------------------------------------------------------------------------------

    def print_lines(self, lines: list[LayoutLine]) -> None:
        """Print a slip or report like a receipt (nothing when no printer is set up)."""
        printing = self.printing
        if printing is None or not printing.can_print:
            return

        async def run() -> None:
            try:
                await printing.print_layout(lines)
            except PrinterError as error:
                self.say(
                    "error",
                    QCoreApplication.translate("DayPresenter", "Nicht gedruckt: {reason}").format(
                        reason=printer_error_text(error)
                    ),
                )

        self.spawn(run())

    def spawn(self, coroutine: Coroutine[Any, Any, Any]) -> None:
        self._tasks.spawn(coroutine)

    def spawn_until_shutdown(self, coroutine: Coroutine[Any, Any, Any]) -> None:
        """Run ``coroutine`` until it ends or :meth:`shutdown` cancels it (waits between tries)."""
        self._retrying.spawn(coroutine)

    async def wait_idle(self) -> None:
        await self._tasks.wait_idle()

    async def shutdown(self) -> None:
        """Cancel the tasks that wait to try again, then await every other one."""
        self._retrying.cancel_all()
        await self._retrying.wait_idle()
        await self._tasks.wait_idle()

    def say(self, level: str, text: str) -> None:
        """A line for the message bar (``level``: info, warning or error)."""
        self.message.emit(CashierMessage(level, text))


def _amount(text: str) -> Cents | None:
    try:
        return parse_amount(text)
    except ValueError:
        return None

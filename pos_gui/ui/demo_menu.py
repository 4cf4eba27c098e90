"""The presenter's "Demo" menu (demo mode only): reset the demo, the demo cards, one-click scenarios.

Installed by the composition root once the server connection exists, and only in demo mode.
Everything it asks of the simulator goes through :class:`~pos_gui.services.demo_control.DemoControl`
(HTTP to the admin endpoints); the till itself it drives like a cashier would: a new sale, a
scanned card, the printer the back office prints on.

- "Demo zurücksetzen …": asks first (Esc cancels); then the simulator's demo data (balances,
  no transactions, no faults), a fresh empty sale, the printer back, today's sales list afresh.
- "Demokarten …": the demo cards; a double click or "Übernehmen" scans one into the till.
- "Antwort geht verloren": the next cash payment is booked but its answer is lost.
- "Karte gesperrt": scans the locked demo card.
- "Server nicht erreichbar": the next few requests get no answer.
- "Drucker aus": receipts go to a printer that is not there, until the demo is reset.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox

from pos_gui.config.settings import PrinterSettings
from pos_gui.services.demo_control import DemoControl, DemoControlError, unreachable_printer
from pos_gui.services.printing import PrintingService
from pos_gui.ui.background_tasks import BackgroundTasks
from pos_gui.ui.demo_cards_dialog import DemoCardsDialog
from pos_gui.ui.presenters.error_text import CashierMessage
from pos_gui.ui.presenters.sales_today_presenter import SalesTodayPresenter
from pos_gui.ui.till_menus import add_window_action

if TYPE_CHECKING:
    from pos_gui.ui.main_window import MainWindow

log = logging.getLogger("pos_gui.ui.demo_menu")

# How long "Demo zurücksetzen" waits for a request of the till to finish.
IDLE_WAIT_SECONDS = 5.0


class DemoMenu(QObject):
    """The "Demo" menu and what its entries do; lives as long as the window (its parent).

    Args:
        window: the till's main window.
        demo: the simulator's remote control.
        printing: the printing service the back office prints receipts with.
        saved_printer: the printer settings as saved (what "Demo zurücksetzen" switches back to).
        sales_today: the presenter of today's sales list.

    Attributes:
        menu: the "Demo" menu.
        reset_action, cards_action, lost_answer_action, locked_card_action,
        server_down_action, printer_off_action: its entries.
        reset_question: the open "Demo zurücksetzen?" question, or ``None``.
        cards_dialog: the open demo cards list, or ``None``.
    """

    def __init__(
        self,
        window: MainWindow,
        demo: DemoControl,
        *,
        printing: PrintingService,
        saved_printer: Callable[[], PrinterSettings],
        sales_today: SalesTodayPresenter,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.demo = demo
        self.printing = printing
        self.saved_printer = saved_printer
        self.sales_today = sales_today
        self.reset_question: QMessageBox | None = None
        self.cards_dialog: DemoCardsDialog | None = None
        self._tasks = BackgroundTasks()
        # What is on the list after the last reset (also the one before this start).
        sales_today.shown_since = demo.reset_log.last_reset()
        self.menu = self._build_menu()

    def _build_menu(self) -> QMenu:
        window = self.window
        menu = QMenu(QCoreApplication.translate("DemoMenu", "&Demo"), window)
        menu.setObjectName("demoMenu")
        # Before "Hilfe", which stays the last menu.
        window.menuBar().insertMenu(window.help_menu.menuAction(), menu)

        def entry(text: str, slot: Callable[[], object], name: str) -> QAction:
            return add_window_action(window, menu, text, (), slot, name)

        self.reset_action = entry(
            QCoreApplication.translate("DemoMenu", "Demo zurücksetzen …"), self.ask_reset, "demoResetAction"
        )
        self.cards_action = entry(
            QCoreApplication.translate("DemoMenu", "Demokarten …"), self.show_cards, "demoCardsAction"
        )
        menu.addSeparator()
        self.lost_answer_action = entry(
            QCoreApplication.translate("DemoMenu", "Antwort geht verloren"),
            lambda: self._spawn(self.lose_next_answer()),
            "demoLostAnswerAction",
        )
        self.locked_card_action = entry(
            QCoreApplication.translate("DemoMenu", "Karte gesperrt"),
            self.scan_locked_card,
            "demoLockedCardAction",
        )
        self.server_down_action = entry(
            QCoreApplication.translate("DemoMenu", "Server nicht erreichbar"),
            lambda: self._spawn(self.make_server_unreachable()),
            "demoServerDownAction",
        )
        self.printer_off_action = entry(
            QCoreApplication.translate("DemoMenu", "Drucker aus"),
            self.switch_printer_off,
            "demoPrinterOffAction",
        )
        return menu

    # -- reset --------------------------------------------------------------------------------

    def ask_reset(self) -> QMessageBox:
        """Ask before resetting (non-modal; Esc or "Abbrechen" leaves everything as it is)."""
        if self.reset_question is not None:
            self.reset_question.raise_()
            return self.reset_question
        question = QMessageBox(self.window)
        question.setObjectName("demoResetQuestion")
        question.setIcon(QMessageBox.Icon.Question)
        question.setWindowTitle(QCoreApplication.translate("DemoMenu", "Demo zurücksetzen"))
        question.setText(QCoreApplication.translate("DemoMenu", "Demo zurücksetzen?"))
        question.setInformativeText(
            QCoreApplication.translate(
                "DemoMenu",
                "Alle Kartenguthaben wie am Anfang, die Buchungen des Servers gelöscht, ein neuer "
                "leerer Verkauf; die Liste „Heutige Verkäufe“ beginnt neu.",
            )
        )
        reset_button = question.addButton(
            QCoreApplication.translate("DemoMenu", "Zurücksetzen"), QMessageBox.ButtonRole.AcceptRole
        )
        cancel_button = question.addButton(
            QCoreApplication.translate("DemoMenu", "Abbrechen"), QMessageBox.ButtonRole.RejectRole
        )
        question.setDefaultButton(cancel_button)
        question.setEscapeButton(cancel_button)

        def answered(_result: int) -> None:
            self.reset_question = None
            question.deleteLater()
            if question.clickedButton() is reset_button:
                self._spawn(self.reset())

        question.finished.connect(answered)
        self.reset_question = question
        question.open()
        return question

    async def reset(self) -> bool:
        """Reset the simulator, start an empty sale, the printer back, today's list afresh."""
        if not await self._till_idle():
            self._say(
                "info", QCoreApplication.translate("DemoMenu", "Bitte warten, die Kasse arbeitet noch …")
            )
            return False
        try:
            when = await self.demo.reset()
        except DemoControlError as error:
            self._failed(error)
            return False
        self.printing.update_settings(self.saved_printer())
        self.window.new_sale()
        self.sales_today.shown_since = when
        self.sales_today.refresh()
        self._say(
            "info",
            QCoreApplication.translate(
                "DemoMenu", "Demo zurückgesetzt: Guthaben wie am Anfang, neuer Verkauf, Verkaufsliste neu."
            ),
        )
        return True

    async def _till_idle(self, seconds: float = IDLE_WAIT_SECONDS) -> bool:
        """Whether the till has no request in flight, waiting ``seconds`` for it at most.

        A request may still run after a payment (the card's new balance): the reset waits for
        it rather than pulling the simulator's data from under it.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        while self.window.presenter.snapshot().busy:
            if loop.time() > deadline:
                return False
            await asyncio.sleep(0.05)
        return True

    # -- demo cards ---------------------------------------------------------------------------

    def show_cards(self) -> DemoCardsDialog:
        """Open (or bring up) the demo cards; their balances are then read from the simulator."""
        if self.cards_dialog is None:
            dialog = DemoCardsDialog(self.demo.cards, self.window)
            dialog.card_chosen.connect(self.scan_card)
            dialog.finished.connect(lambda _result: self._cards_dialog_closed(dialog))
            self.cards_dialog = dialog
        self.cards_dialog.show()
        self.cards_dialog.raise_()
        self.cards_dialog.activateWindow()
        self._spawn(self._show_current_balances(self.cards_dialog))
        return self.cards_dialog

    async def _show_current_balances(self, dialog: DemoCardsDialog) -> None:
        try:
            cards = await self.demo.current_cards()
        except DemoControlError as error:
            # The list of the demo data stays: the balances may be out of date, nothing more.
            log.warning("demo card balances not read: %s", error)
            return
        if self.cards_dialog is dialog:
            dialog.show_cards(cards)

    def _cards_dialog_closed(self, dialog: DemoCardsDialog) -> None:
        if self.cards_dialog is dialog:
            self.cards_dialog = None
        dialog.deleteLater()

    def scan_card(self, number: str) -> None:
        """The card as if it had been scanned at the till."""
        self.window.presenter.scan_card(number)

    # -- scenarios ----------------------------------------------------------------------------

    async def lose_next_answer(self) -> None:
        try:
            await self.demo.lose_next_payment_answer()
        except DemoControlError as error:
            self._failed(error)
            return
        self._say(
            "info",
            QCoreApplication.translate(
                "DemoMenu", "Szenario: Die Antwort auf die nächste Barzahlung geht verloren (F12)."
            ),
        )

    def scan_locked_card(self) -> None:
        self.scan_card(self.demo.card_with("locked").number)

    async def make_server_unreachable(self) -> None:
        try:
            await self.demo.make_server_unreachable()
        except DemoControlError as error:
            self._failed(error)
            return
        self._say(
            "info",
            QCoreApplication.translate(
                "DemoMenu", "Szenario: Der Server antwortet auf die nächsten Anfragen nicht."
            ),
        )

    def switch_printer_off(self) -> None:
        """Receipts go to a printer that is not there until the demo is reset."""
        self.printing.update_settings(unreachable_printer(self.printing.settings))
        self._say(
            "info",
            QCoreApplication.translate(
                "DemoMenu", "Szenario: Drucker aus – bis die Demo zurückgesetzt wird."
            ),
        )

    # -- plumbing -----------------------------------------------------------------------------

    def _failed(self, error: DemoControlError) -> None:
        log.warning("demo control failed: %s", error)
        self._say(
            "error",
            QCoreApplication.translate("DemoMenu", "Der Demo-Server hat nicht reagiert."),
            str(error),
        )

    def _say(self, level: str, text: str, details: str = "") -> None:
        self.window.show_message(CashierMessage(level, text, details))

    def _spawn(self, coroutine: Coroutine[Any, Any, Any]) -> None:
        self._tasks.spawn(coroutine)

    async def wait_idle(self) -> None:
        """Await every task started here (shutdown and tests)."""
        await self._tasks.wait_idle()


def install_demo_menu(
    window: MainWindow,
    demo: DemoControl,
    *,
    printing: PrintingService,
    saved_printer: Callable[[], PrinterSettings],
    sales_today: SalesTodayPresenter,
) -> DemoMenu:
    """Add the "Demo" menu to ``window`` (demo mode only: the caller decides); returns it."""
    return DemoMenu(window, demo, printing=printing, saved_printer=saved_printer, sales_today=sales_today)

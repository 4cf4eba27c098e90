"""Hooks the day's screens into the till window: login overlay, menus, training banner, idle lock.

:func:`install_shop_day` is called by the composition root after the window is shown (the cold
start paints the till first; the login overlay covers it right after). It adds:

- "Kasse → Kassierer wechseln" (Ctrl+L), "Geld einlegen …", "Geld entnehmen …";
- "Verkäufe → Storno …", "X-Bericht", "Z-Abschluss …", "Z-Abschluss nachdrucken";
- "Einstellungen → Trainingsmodus" (a manager's right) and the training banner;
- the cashier's name in the status bar, the idle lock (checked every few seconds).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QLabel, QMenu, QVBoxLayout, QWidget

from pos_gui.ui.day.cash_dialogs import CashMoveDialog, show_override_prompt
from pos_gui.ui.day.day_presenter import DayPresenter
from pos_gui.ui.day.login_overlay import LoginOverlay
from pos_gui.ui.day.report_dialog import ReportDialog
from pos_gui.ui.day.storno_dialog import StornoDialog, StornoPresenter
from pos_gui.ui.till_menus import add_window_action
from pos_gui.ui.views.basket_view import name_automation

if TYPE_CHECKING:
    from pos_gui.ui.main_window import MainWindow

# How often the idle lock is checked (the lock itself is minutes).
IDLE_CHECK_MS = 5000
SWITCH_SHORTCUT = "Ctrl+L"
DialogT = TypeVar("DialogT", bound=QDialog)


@dataclass
class ShopDayScreens:
    """What :func:`install_shop_day` built (for tests, screenshots and shutdown)."""

    presenter: DayPresenter
    storno: StornoPresenter
    overlay: LoginOverlay
    training_banner: QLabel
    cashier_status: QLabel
    training_action: QAction
    idle_timer: QTimer
    pdf_folder: Path | None
    window: MainWindow
    dialogs: list[QDialog] = field(default_factory=list)

    def open_login(self, *, switch: bool = False) -> None:
        """The login over the window; ``switch``: the current cashier gives way to another."""
        if switch and self.presenter.cashier is not None:
            self.presenter.log_out(reason="switch")
        self.overlay.open()

    def open_cash_move(self, *, taking_out: bool) -> CashMoveDialog:
        return self._keep(CashMoveDialog(self.presenter, taking_out=taking_out, parent=self.window))

    def open_storno(self) -> StornoDialog:
        return self._keep(StornoDialog(self.storno, self.window))

    def open_storno_for(self, receipt_number: int) -> StornoDialog:
        """A receipt's barcode was scanned at the till: the Storno with that sale chosen."""
        dialog = self.open_storno()
        dialog.choose_number(receipt_number)
        return dialog

    def open_x_report(self) -> ReportDialog | None:
        if self.presenter.cashier is None:
            return None
        return self._keep(
            ReportDialog(self.presenter, closing=False, pdf_folder=self.pdf_folder, parent=self.window)
        )

    def open_z_closing(self) -> ReportDialog | None:
        if self.presenter.cashier is None:
            return None
        return self._keep(
            ReportDialog(self.presenter, closing=True, pdf_folder=self.pdf_folder, parent=self.window)
        )

    def _keep(self, dialog: DialogT) -> DialogT:
        # Each opens fresh (the day has moved on); the one closed before is let go then, not at
        # its close (the cashier, or a test, may still read what it showed).
        for old in [old for old in self.dialogs if type(old) is type(dialog) and not old.isVisible()]:
            self.dialogs.remove(old)
            old.deleteLater()
        self.dialogs.append(dialog)
        dialog.show()
        return dialog

    def refresh(self) -> None:
        """Draw who is logged in and whether training mode is on; the login when nobody is."""
        cashier = self.presenter.cashier
        self.cashier_status.setText(
            QCoreApplication.translate("ShopDay", "Kasse: {name}").format(name=cashier.name)
            if cashier
            else QCoreApplication.translate("ShopDay", "Kasse: gesperrt")
        )
        self.training_banner.setVisible(self.presenter.training)
        self.training_action.setChecked(self.presenter.training)
        if cashier is None and not self.overlay.isVisible():
            self.overlay.open()

    def check_idle(self) -> None:
        self.presenter.lock_if_idle()


def install_shop_day(
    window: MainWindow,
    presenter: DayPresenter,
    *,
    shop_lines: Sequence[str] = (),
    pdf_folder: Path | None = None,
) -> ShopDayScreens:
    """Add the day's screens to ``window``; the login shows at once unless someone is logged in."""
    storno = StornoPresenter(presenter, shop_lines=shop_lines, parent=presenter)
    # A Storno whose answer never came before the last shutdown (or kill): asked again now.
    storno.read_back_pending_soon()
    overlay = LoginOverlay(presenter, window)
    overlay.hide()
    central = window.centralWidget()
    assert isinstance(central, QWidget)
    central_layout = central.layout()
    assert isinstance(central_layout, QVBoxLayout)
    banner = QLabel(
        QCoreApplication.translate("ShopDay", "TRAININGSBON – KEIN VERKAUF (Trainingsmodus)"), central
    )
    name_automation(banner, "trainingBanner")
    banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
    # Looks like the DEMO banner (the style sheet's #demoBanner colours).
    banner.setStyleSheet("background: #b00020; color: white; font-weight: bold; padding: 4px;")
    banner.setVisible(False)
    central_layout.insertWidget(0, banner)
    cashier_status = QLabel(window)
    name_automation(cashier_status, "cashierStatus")
    window.statusBar().insertPermanentWidget(0, cashier_status)

    training_action = QAction(QCoreApplication.translate("ShopDay", "Trainingsmodus"), window)
    training_action.setObjectName("trainingModeAction")
    training_action.setCheckable(True)
    window.settings_menu.addAction(training_action)
    timer = QTimer(presenter)
    screens = ShopDayScreens(
        presenter, storno, overlay, banner, cashier_status, training_action, timer, pdf_folder, window
    )
    # The checked state follows the session, not the click: a refused switch stays as it was.
    training_action.triggered.connect(lambda checked: _switch_training(screens, checked))

    till_menu = window.till_menu
    quit_action = _find_action(till_menu, "quitAction")
    add_window_action(
        window,
        till_menu,
        QCoreApplication.translate("ShopDay", "Kassierer wechseln"),
        (SWITCH_SHORTCUT,),
        lambda: screens.open_login(switch=True),
        "switchCashierAction",
        before=quit_action,
    )
    add_window_action(
        window,
        till_menu,
        QCoreApplication.translate("ShopDay", "Geld einlegen …"),
        (),
        lambda: screens.open_cash_move(taking_out=False),
        "cashInAction",
        before=quit_action,
    )
    add_window_action(
        window,
        till_menu,
        QCoreApplication.translate("ShopDay", "Geld entnehmen …"),
        (),
        lambda: screens.open_cash_move(taking_out=True),
        "cashOutAction",
        before=quit_action,
    )
    till_menu.insertSeparator(quit_action)
    sales_menu = window.sales_menu
    sales_menu.addSeparator()
    add_window_action(
        window,
        sales_menu,
        QCoreApplication.translate("ShopDay", "Storno …"),
        (),
        screens.open_storno,
        "stornoAction",
    )
    add_window_action(
        window,
        sales_menu,
        QCoreApplication.translate("ShopDay", "X-Bericht"),
        (),
        screens.open_x_report,
        "xReportAction",
    )
    add_window_action(
        window,
        sales_menu,
        QCoreApplication.translate("ShopDay", "Z-Abschluss …"),
        (),
        screens.open_z_closing,
        "zClosingAction",
    )
    add_window_action(
        window,
        sales_menu,
        QCoreApplication.translate("ShopDay", "Z-Abschluss nachdrucken"),
        (),
        presenter.reprint_last_closing,
        "zReprintAction",
    )

    presenter.session_changed.connect(screens.refresh)
    presenter.message.connect(window.show_message)
    presenter.override_requested.connect(
        lambda action, wrong: show_override_prompt(window, presenter, action, wrong)
    )
    # Any change of the sale counts as activity; scanning too.
    window.presenter.state_changed.connect(presenter.touch)
    window.scanner.code_scanned.connect(lambda _code: presenter.touch())
    window.scanner.card_scanned.connect(lambda _number: presenter.touch())
    window.receipt_scanned.connect(screens.open_storno_for)
    timer.setInterval(IDLE_CHECK_MS)
    timer.timeout.connect(screens.check_idle)
    timer.start()
    screens.refresh()
    return screens


def _switch_training(screens: ShopDayScreens, checked: bool) -> None:
    screens.training_action.setChecked(screens.presenter.training)
    screens.presenter.switch_training(checked)


def _find_action(menu: QMenu, name: str) -> QAction:
    return next(action for action in menu.actions() if action.objectName() == name)

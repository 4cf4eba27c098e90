"""The till window's back-office pieces, installed from outside the main window.

:func:`install_backoffice` adds to an existing main window:

- receipts after every paid sale (print, ask, or nothing, as the printer settings say), the
  cash drawer after cash, and the printer-failure dialog (:class:`ReceiptOutputPresenter`);
- "Kasse → Letzten Beleg drucken" (Ctrl+P) and "Kasse → Schublade öffnen" (Ctrl+D);
- "Verkäufe → Heutige Verkäufe" (F6, Ctrl+T): the day's sales with receipt, print and PDF;
- "Einstellungen → Drucker …": the printer settings page in a non-modal dialog, saved on OK;
- "Einstellungen → Sprache …": the language, saved for the next start (``language_dialog``);
- "Hilfe → Support-Paket erstellen": the support zip, its path in the message bar.

It uses the main window only through the window's back-office interface: its four menus
(``till_menu``, ``sales_menu``, ``settings_menu``, ``help_menu``), :meth:`MainWindow.show_message`,
:meth:`MainWindow.add_help_rows` (the F1 help lists the back office's shortcuts too) and
:meth:`MainWindow.set_receipt_paper_width` (the preview is laid out at the printer's paper width),
and follows the checkout presenter's ``sale_paid``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMenu, QVBoxLayout, QWidget

from pos_gui.config.paths import AppPaths
from pos_gui.config.settings import PrinterSettings, Settings, save_settings
from pos_gui.services.ledger import Ledger
from pos_gui.services.printer_errors import PrinterError
from pos_gui.services.printing import PrintingService
from pos_gui.services.support import create_support_bundle, default_bundle_name
from pos_gui.ui.background_tasks import BackgroundTasks
from pos_gui.ui.catalog.import_dialog import CatalogActions, install_catalog_actions
from pos_gui.ui.language_dialog import LanguageSetting, install_language_setting
from pos_gui.ui.presenters.error_text import CashierMessage, printer_error_text
from pos_gui.ui.presenters.receipt_output_presenter import ReceiptOutputPresenter
from pos_gui.ui.presenters.sales_today_presenter import SalesTodayPresenter
from pos_gui.ui.printing.receipt_document import QtSystemPrinter
from pos_gui.ui.printing.settings_page import PrinterSettingsPage
from pos_gui.ui.till_menus import add_window_action
from pos_gui.ui.views.help_overlay import key_text
from pos_gui.ui.views.sales_today_view import SalesTodayDialog

if TYPE_CHECKING:
    from pos_gui.ui.catalog.favourites_dialog import FavouritesSetting
    from pos_gui.ui.main_window import MainWindow
    from pos_gui.ui.presenters.checkout_presenter import CheckoutPresenter
    from pos_gui.ui.tse_dialog import TseSetting

log = logging.getLogger("pos_gui.ui.backoffice")

REPRINT_SHORTCUT = "Ctrl+P"
DRAWER_SHORTCUT = "Ctrl+D"
SALES_TODAY_SHORTCUTS = ("F6", "Ctrl+T")


class PrinterSettingsDialog(QDialog):
    """The printer settings page with OK / Cancel and a line for the test print's result.

    Non-modal; the owner saves on ``accepted``. OK is disabled while the address is unusable.
    """

    def __init__(self, settings: PrinterSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printerSettingsDialog")
        self.setWindowTitle(QCoreApplication.translate("PrinterSettingsDialog", "Drucker einstellen"))
        self.setModal(False)
        self.page = PrinterSettingsPage(self)
        self.page.set_settings(settings)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("printerTestStatus")
        self.status_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            QCoreApplication.translate("PrinterSettingsDialog", "Speichern")
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            QCoreApplication.translate("PrinterSettingsDialog", "Abbrechen")
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)
        self.page.changed.connect(self._update_ok)
        self._update_ok()

    @property
    def ok_button(self) -> QWidget:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def settings(self) -> PrinterSettings:
        return self.page.settings()

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(not self.page.address_problem())


class Backoffice(QObject):
    """What :func:`install_backoffice` built; lives as long as the window (its parent).

    Attributes:
        output: the receipt output presenter.
        sales_today: the presenter of today's sales.
        settings: the current settings (replaced when the printer settings are saved).
        sales_dialog, printer_dialog: the open windows, or ``None``.
        reprint_action, drawer_action, sales_today_action, printer_settings_action,
        support_action: the menu actions (with their shortcuts).
        last_support_bundle: the zip written last, or ``None``.
    """

    reprint_action: QAction
    drawer_action: QAction
    sales_today_action: QAction
    printer_settings_action: QAction
    support_action: QAction
    language: LanguageSetting
    # "Einstellungen → TSE …" (pos_gui.ui.tse_dialog), added by the composition root.
    tse_setting: TseSetting | None = None
    catalog_actions: CatalogActions | None
    favourites: FavouritesSetting  # "Einstellungen → Favoriten …" (the touch grid's)

    def __init__(
        self,
        window: QWidget,
        *,
        journal: Ledger,
        printing: PrintingService,
        settings: Settings,
        paths: AppPaths,
        shop_lines: Sequence[str] | None = None,
        show_message: Callable[[CashierMessage], None],
        paper_width_changed: Callable[[int], None] | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self._paper_width_changed = paper_width_changed
        self.printing = printing
        self.settings = settings
        self.paths = paths
        self._show_message = show_message
        self.output = ReceiptOutputPresenter(
            printing,
            journal,
            dialog_parent=window,
            pdf_folder=paths.data_dir / "receipts",
            shop_lines=shop_lines,
            parent=self,
        )
        self.sales_today = SalesTodayPresenter(self.output, parent=self)
        self.output.message.connect(show_message)
        self.sales_today.message.connect(show_message)
        self.sales_dialog: SalesTodayDialog | None = None
        self.printer_dialog: PrinterSettingsDialog | None = None
        self.last_support_bundle: Path | None = None
        self._tasks = BackgroundTasks()

    # -- today's sales ------------------------------------------------------------------------

    def show_sales_today(self) -> SalesTodayDialog:
        """Open (or bring up) the "Heutige Verkäufe" window."""
        if self.sales_dialog is None:
            self.sales_dialog = SalesTodayDialog(self.sales_today, self.window)
        self.sales_dialog.show()
        self.sales_dialog.raise_()
        self.sales_dialog.activateWindow()
        return self.sales_dialog

    # -- printer settings ---------------------------------------------------------------------

    def show_paper_width(self) -> None:
        """Let the window's receipt preview lay receipts out as wide as the printer's paper."""
        if self._paper_width_changed is not None:
            self._paper_width_changed(self.settings.printer.width)

    def show_printer_settings(self) -> PrinterSettingsDialog:
        """Open the printer settings (non-modal); OK saves them and the printer uses them at once."""
        if self.printer_dialog is not None:
            self.printer_dialog.raise_()
            return self.printer_dialog
        dialog = PrinterSettingsDialog(self.settings.printer, self.window)
        dialog.accepted.connect(lambda: self.save_printer_settings(dialog.settings()))
        dialog.finished.connect(lambda _result: self._printer_dialog_closed(dialog))
        dialog.page.test_print_requested.connect(lambda shown: self._test_print(dialog, shown))
        self.printer_dialog = dialog
        dialog.show()
        return dialog

    def _printer_dialog_closed(self, dialog: PrinterSettingsDialog) -> None:
        if self.printer_dialog is dialog:
            self.printer_dialog = None
        dialog.deleteLater()

    def save_printer_settings(self, printer: PrinterSettings) -> bool:
        """Save the settings file with ``printer`` and switch the printing service over."""
        updated = self.settings.replace(printer=printer)
        try:
            save_settings(self.paths, updated)
        except OSError as error:
            self._say(
                "error",
                QCoreApplication.translate(
                    "Backoffice", "Die Einstellungen konnten nicht gespeichert werden."
                ),
                str(error),
            )
            return False
        self.settings = updated
        self.printing.update_settings(printer)
        self.show_paper_width()
        log.info("printer settings saved: kind=%s width=%s", printer.kind, printer.width)
        self._say("info", QCoreApplication.translate("Backoffice", "Druckereinstellungen gespeichert."))
        return True

    def _test_print(self, dialog: PrinterSettingsDialog, shown: PrinterSettings) -> None:
        dialog.status_label.setText(QCoreApplication.translate("Backoffice", "Testdruck läuft …"))
        # The settings as shown, not yet saved: the cashier tries the printer before saving.
        trial = PrintingService(shown, timeout=self.printing.timeout, system_printer=QtSystemPrinter())

        async def run() -> None:
            try:
                await trial.test_print()
            except PrinterError as error:
                text = QCoreApplication.translate("Backoffice", "Testdruck fehlgeschlagen: {reason}").format(
                    reason=printer_error_text(error)
                )
            else:
                text = QCoreApplication.translate("Backoffice", "Testdruck gesendet.")
            if self.printer_dialog is dialog:
                dialog.status_label.setText(text)

        self._spawn(run())

    # -- support ------------------------------------------------------------------------------

    def create_support_bundle(self) -> None:
        """ "Support-Paket erstellen": write the zip off the UI thread, then say where it is."""
        self._spawn(self.create_support_bundle_now())

    async def create_support_bundle_now(self) -> Path | None:
        target = self.paths.data_dir / "support" / default_bundle_name()
        self._say("info", QCoreApplication.translate("Backoffice", "Support-Paket wird erstellt …"))
        try:
            written = await asyncio.to_thread(create_support_bundle, self.paths, self.settings, target)
        except OSError as error:
            self._say(
                "error",
                QCoreApplication.translate("Backoffice", "Das Support-Paket konnte nicht erstellt werden."),
                str(error),
            )
            return None
        self.last_support_bundle = written
        log.info("support bundle written to %s", written)
        self._say(
            "info",
            QCoreApplication.translate("Backoffice", "Support-Paket gespeichert: {path}").format(
                path=written
            ),
            str(written.parent),
        )
        return written

    # -- plumbing -----------------------------------------------------------------------------

    def _say(self, level: str, text: str, details: str = "") -> None:
        self._show_message(CashierMessage(level, text, details))

    def _spawn(self, coroutine: Coroutine[Any, Any, Any]) -> None:
        self._tasks.spawn(coroutine)

    async def wait_idle(self) -> None:
        """Await every task started here and by the receipt output (shutdown and tests)."""
        await self._tasks.wait_idle()
        await self.output.wait_idle()


def install_backoffice(
    window: MainWindow,
    *,
    journal: Ledger,
    printing: PrintingService,
    settings: Settings,
    paths: AppPaths,
    checkout_presenter: CheckoutPresenter,
    shop_lines: Sequence[str] | None = None,
) -> Backoffice:
    """Add receipts, reprint, drawer, today's sales, printer settings and the support bundle to
    ``window``.

    Args:
        window: the till's main window.
        journal: the till's journal (the same one the checkout writes).
        printing: the printing service built in the composition root.
        settings: the loaded settings (the printer part is edited and saved here).
        paths: the till's folders (settings file, receipts folder, support bundles).
        checkout_presenter: the checkout presenter; receipts follow its paid sales.
        shop_lines: the shop's name and address lines for the receipt head; ``None`` uses the
            merchant's name from the server.

    Returns:
        the :class:`Backoffice` (a child of ``window``; keep it for shutdown: ``wait_idle``).
    """
    backoffice = Backoffice(
        window,
        journal=journal,
        printing=printing,
        settings=settings,
        paths=paths,
        shop_lines=shop_lines,
        show_message=window.show_message,
        paper_width_changed=window.set_receipt_paper_width,
    )
    backoffice.output.watch(checkout_presenter)
    backoffice.show_paper_width()

    till_menu = window.till_menu

    # Reprint and drawer go above "Beenden", which stays the last entry of the till menu.
    quit_action = _find_action(till_menu, "quitAction")
    backoffice.reprint_action = add_window_action(
        window,
        till_menu,
        QCoreApplication.translate("Backoffice", "Letzten Beleg drucken"),
        (REPRINT_SHORTCUT,),
        backoffice.output.reprint_last,
        "reprintLastAction",
        before=quit_action,
    )
    backoffice.drawer_action = add_window_action(
        window,
        till_menu,
        QCoreApplication.translate("Backoffice", "Schublade öffnen"),
        (DRAWER_SHORTCUT,),
        backoffice.output.open_drawer,
        "openDrawerAction",
        before=quit_action,
    )
    till_menu.insertSeparator(quit_action)
    backoffice.sales_today_action = add_window_action(
        window,
        window.sales_menu,
        QCoreApplication.translate("Backoffice", "Heutige Verkäufe"),
        SALES_TODAY_SHORTCUTS,
        backoffice.show_sales_today,
        "salesTodayAction",
    )
    backoffice.printer_settings_action = add_window_action(
        window,
        window.settings_menu,
        QCoreApplication.translate("Backoffice", "Drucker …"),
        (),
        backoffice.show_printer_settings,
        "printerSettingsAction",
    )
    # "Sprache …": saved through the back office's settings, so the printer's stay as they are.
    backoffice.language = install_language_setting(window, backoffice)
    backoffice.support_action = add_window_action(
        window,
        window.help_menu,
        QCoreApplication.translate("Backoffice", "Support-Paket erstellen"),
        (),
        backoffice.create_support_bundle,
        "supportBundleAction",
    )
    # F1 lists these shortcuts too, in the same key names as the menus.
    window.add_help_rows(
        [
            (key_text(REPRINT_SHORTCUT), backoffice.reprint_action.text()),
            (key_text(DRAWER_SHORTCUT), backoffice.drawer_action.text()),
            (key_text(*SALES_TODAY_SHORTCUTS), backoffice.sales_today_action.text()),
        ]
    )
    # "Einstellungen → Artikel importieren … / exportieren …" (the shop's article list).
    backoffice.catalog_actions = install_catalog_actions(window, checkout_presenter.catalog)
    # "Einstellungen → Favoriten …"; gives the touch grid (F7) the saved favourites.
    from pos_gui.ui.catalog.favourites_dialog import install_favourites_setting

    backoffice.favourites = install_favourites_setting(window, backoffice)
    # "Verkäufe → DSFinV-K-Export …" and "Einstellungen → Kassendaten (ELSTER) …" (issue 13).
    from pos_gui.ui.fiscal_export import install_fiscal_export_actions

    install_fiscal_export_actions(
        window,
        window.sales_menu,
        window.settings_menu,
        ledger_path=journal.path,
        settings=settings,
        paths=paths,
    )
    return backoffice


def _find_action(menu: QMenu, name: str) -> QAction:
    return next(action for action in menu.actions() if action.objectName() == name)

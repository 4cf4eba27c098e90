"""Receipts leaving the till: print after a sale, reprint, the cash drawer, and printer failures.

:class:`ReceiptOutputPresenter` is told when a sale is paid (:meth:`ReceiptOutputPresenter.on_sale_paid`)
and then, as the printer settings say, prints the receipt at once, asks "Beleg drucken?" in a
non-modal question, or prints nothing. The receipt is always composed from the journal row of
the sale (the till's own sales receipt from the paid basket and payment, then the server's
receipt lines), so the first print, a retry, "reprint last" and a print from today's sales list
all put the same text on paper.

Why it is built this way:

- **Never block the till.** Printing is a coroutine of the (Qt-free) printing service that runs
  in a worker thread; this presenter starts it as an asyncio task and returns. Questions and the
  failure dialog are opened with ``show()``, never ``exec()`` (a nested event loop inside a
  qasync coroutine deadlocks, style anchors §7), so the cashier can serve the next customer while
  a dialog waits for an answer.
- **Never lose a receipt.** A paid sale's receipt lives in the journal before anything is
  printed. When the printer fails, the cashier gets Retry / Save as PDF / Continue; a receipt
  that was not printed is remembered (:attr:`ReceiptOutputPresenter.unprinted`) and printed in
  full, merchant copy included, when the cashier prints it later from today's sales.
- **The drawer opens with the money.** After a cash payment the drawer kick goes in front of the
  receipt (one job, the drawer opens while the paper prints). When no receipt is printed
  automatically, the drawer is kicked on its own.
"""

from __future__ import annotations

import logging
from collections.abc import Coroutine, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from pos_gui.config.settings import PrinterSettings
from pos_gui.core.receipt_layout import LayoutLine
from pos_gui.services.checkout import CheckoutState
from pos_gui.services.ledger import Ledger
from pos_gui.services.printer_errors import PrinterError
from pos_gui.services.receipts import seller_of
from pos_gui.ui.background_tasks import BackgroundTasks
from pos_gui.ui.presenters.error_text import CashierMessage, printer_error_text
from pos_gui.ui.presenters.sale_receipts import SaleReceipts, receipts_of
from pos_gui.ui.printing.dialogs import PrintFailureAction, PrintFailureDialog, open_save_pdf_dialog

if TYPE_CHECKING:
    from pos_gui.ui.presenters.checkout_presenter import CheckoutPresenter

__all__ = ["ReceiptOutputPresenter", "SaleReceipts", "receipts_of"]

log = logging.getLogger("pos_gui.ui.receipt_output")


class PrintingLike(Protocol):
    """The part of :class:`pos_gui.services.printing.PrintingService` used here."""

    settings: PrinterSettings

    @property
    def can_print(self) -> bool: ...

    @property
    def can_open_drawer(self) -> bool: ...

    async def print_layout(self, lines: Sequence[LayoutLine], *, open_drawer: bool = False) -> None: ...

    async def open_drawer(self) -> None: ...


@dataclass
class _PrintJob:
    """What is still to be printed of one sale: parts in order, the drawer kick with the first."""

    receipts: SaleReceipts
    parts: list[list[LayoutLine]]
    open_drawer: bool


class ReceiptOutputPresenter(QObject):
    """Prints receipts after a sale and on request; handles the drawer and printer failures.

    Args:
        printing: the printing service (its ``settings`` are the current printer settings).
        journal: the till's journal; every receipt is read from it.
        dialog_parent: the window the question and the failure dialog belong to.
        pdf_folder: the folder offered when a receipt is saved as PDF.
        shop_lines: the shop's name and address for the receipt head; ``None`` takes the
            merchant's name from the server's transaction.

    Signals:
        message(CashierMessage): a line for the message bar.
        printed(str): the receipt of this sale id went to the printer.
        print_failed(str, str): sale id and the printer's error text.
        receipts_changed(): a sale was paid, printed, or left unprinted (lists redraw).

    Attributes:
        unprinted: ids of paid sales whose receipt has not been printed yet after a failure.
        failure_dialog: the open :class:`PrintFailureDialog`, or ``None``.
        question_box: the open "Beleg drucken?" question, or ``None``.
        pdf_dialog: the last "save as PDF" file dialog (kept alive while open).
    """

    message = Signal(object)
    printed = Signal(str)
    print_failed = Signal(str, str)
    receipts_changed = Signal()

    def __init__(
        self,
        printing: PrintingLike,
        journal: Ledger,
        *,
        dialog_parent: QWidget | None,
        pdf_folder: Path,
        shop_lines: Sequence[str] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.printing = printing
        self.journal = journal
        self.dialog_parent = dialog_parent
        self.pdf_folder = pdf_folder
        self.shop_lines = tuple(shop_lines) if shop_lines is not None else None
        self.unprinted: set[str] = set()
        self.failure_dialog: PrintFailureDialog | None = None
        self.question_box: QMessageBox | None = None
        self.pdf_dialog: QWidget | None = None
        self._failed_job: _PrintJob | None = None
        self._last_paid_sale: str | None = None
        self._tasks = BackgroundTasks()

    # -- reading ------------------------------------------------------------------------------

    @property
    def printer_settings(self) -> PrinterSettings:
        return self.printing.settings

    def receipts(self, sale_id: str) -> SaleReceipts | None:
        """The receipts of a paid sale at the printer's width, or ``None``."""
        try:
            record = self.journal.sale(sale_id)
        except KeyError:
            return None
        return receipts_of(
            record,
            self.printer_settings.width,
            shop_lines=self.shop_lines,
            seller=seller_of(self.journal, sale_id),
        )

    # -- after a sale -------------------------------------------------------------------------

    def watch(self, checkout_presenter: CheckoutPresenter) -> None:
        """Print (or ask) after every sale the checkout presenter reports paid (``sale_paid``)."""
        checkout = checkout_presenter.checkout
        if checkout.state is CheckoutState.PAID and checkout.sale_id:
            # A sale paid before we were installed has been dealt with already.
            self._last_paid_sale = checkout.sale_id
        checkout_presenter.sale_paid.connect(self.on_sale_paid)

    def on_sale_paid(self, sale_id: str) -> None:
        """A sale was paid: print, ask, or only open the drawer, as the printer settings say."""
        if sale_id == self._last_paid_sale:
            return
        self._last_paid_sale = sale_id
        receipts = self.receipts(sale_id)
        self.receipts_changed.emit()
        if receipts is None:
            log.warning("sale %s is paid but its journal row holds no receipt", sale_id)
            return
        settings = self.printer_settings
        kick = receipts.paid_cash and settings.open_drawer_after_cash and self.printing.can_open_drawer
        if self.printing.can_print and settings.auto_print:
            self._spawn(self._run_job(self._job(receipts, full=True, open_drawer=kick)))
            return
        if kick:
            # The change must go back now, whatever the customer says about paper.
            self._spawn(self.open_drawer_now(announce=False))
        if self.printing.can_print and settings.ask_before_print:
            self._ask_before_printing(receipts)

    def _ask_before_printing(self, receipts: SaleReceipts) -> None:
        if self.question_box is not None:
            # The previous customer left without answering: no paper for them.
            self.question_box.close()
        box = QMessageBox(
            QMessageBox.Icon.Question,
            QCoreApplication.translate("ReceiptOutputPresenter", "Beleg drucken?"),
            QCoreApplication.translate("ReceiptOutputPresenter", "Beleg drucken?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self.dialog_parent,
        )
        box.setObjectName("askPrintBox")
        box.setInformativeText(
            QCoreApplication.translate("ReceiptOutputPresenter", "Verkauf {number}").format(
                number=receipts.sale_number
            )
        )
        box.button(QMessageBox.StandardButton.Yes).setText(
            QCoreApplication.translate("ReceiptOutputPresenter", "Drucken")
        )
        box.button(QMessageBox.StandardButton.No).setText(
            QCoreApplication.translate("ReceiptOutputPresenter", "Kein Beleg")
        )
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        box.setEscapeButton(QMessageBox.StandardButton.No)
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(_result: int) -> None:
            wanted = box.clickedButton() is box.button(QMessageBox.StandardButton.Yes)
            if self.question_box is box:
                self.question_box = None
            if wanted:
                self._spawn(self._run_job(self._job(receipts, full=True, open_drawer=False)))

        box.finished.connect(answered)
        self.question_box = box
        box.show()

    # -- on request ---------------------------------------------------------------------------

    def print_sale(self, sale_id: str) -> None:
        """Print a sale's receipt (today's sales list); a never printed one includes its merchant copy."""
        self._spawn(self.print_sale_now(sale_id))

    async def print_sale_now(self, sale_id: str) -> bool:
        receipts = self.receipts(sale_id)
        if receipts is None:
            self._say(
                "warning",
                QCoreApplication.translate(
                    "ReceiptOutputPresenter", "Für diesen Verkauf gibt es keinen Beleg."
                ),
            )
            return False
        if not self.printing.can_print:
            self._say_no_printer()
            return False
        return await self._run_job(self._job(receipts, full=sale_id in self.unprinted, open_drawer=False))

    def reprint_last(self) -> None:
        """Ctrl+P: print the receipt of the last paid sale again (never the sale in progress)."""
        self._spawn(self.reprint_last_now())

    async def reprint_last_now(self) -> bool:
        record = self.journal.last_completed()
        if record is None:
            self._say(
                "info",
                QCoreApplication.translate(
                    "ReceiptOutputPresenter", "Es gibt noch keinen Beleg zum Nachdrucken."
                ),
            )
            return False
        return await self.print_sale_now(record.sale_id)

    def open_drawer(self) -> None:
        """ "Schublade öffnen" without a sale."""
        self._spawn(self.open_drawer_now(announce=True))

    async def open_drawer_now(self, *, announce: bool = True) -> bool:
        if not self.printing.can_open_drawer:
            if announce:
                self._say(
                    "warning",
                    QCoreApplication.translate(
                        "ReceiptOutputPresenter",
                        "Keine Schublade angeschlossen: Es ist kein Bondrucker eingestellt.",
                    ),
                )
            return False
        try:
            await self.printing.open_drawer()
        except PrinterError as error:
            self._say(
                "error",
                QCoreApplication.translate("ReceiptOutputPresenter", "Die Schublade ließ sich nicht öffnen."),
                printer_error_text(error),
            )
            return False
        if announce:
            # A drawer opened without a sale is worth a line in the log (cash counts).
            log.info("cash drawer opened without a sale")
            self._say("info", QCoreApplication.translate("ReceiptOutputPresenter", "Schublade geöffnet."))
        return True

    # -- printing and failures ----------------------------------------------------------------

    def _job(self, receipts: SaleReceipts, *, full: bool, open_drawer: bool) -> _PrintJob:
        parts = [receipts.customer]
        if full and receipts.merchant is not None:
            parts.append(receipts.merchant)
        return _PrintJob(receipts, parts, open_drawer)

    async def _run_job(self, job: _PrintJob) -> bool:
        sale_id = job.receipts.sale_id
        while job.parts:
            try:
                await self.printing.print_layout(job.parts[0], open_drawer=job.open_drawer)
            except PrinterError as error:
                log.warning("receipt of sale %s not printed: %s", job.receipts.sale_number, error)
                self.unprinted.add(sale_id)
                self.receipts_changed.emit()
                # The log keeps the German text; the cashier reads it in their language.
                error_text = printer_error_text(error)
                self.print_failed.emit(sale_id, error_text)
                self._show_failure(job, error_text)
                return False
            # Printed parts are not printed again by a retry.
            job.parts.pop(0)
            job.open_drawer = False
        if sale_id in self.unprinted:
            self.unprinted.discard(sale_id)
            self.receipts_changed.emit()
        self.printed.emit(sale_id)
        return True

    def _show_failure(self, job: _PrintJob, error_text: str) -> None:
        if self.failure_dialog is not None:
            # An older failure still waits for an answer: it becomes "continue"; that receipt
            # stays in the list of unprinted ones.
            self.failure_dialog.reject()
        dialog = PrintFailureDialog(error_text, self.dialog_parent)
        dialog.setObjectName("printFailureDialog")
        # Non-modal: the till stays usable while the cashier fetches paper.
        dialog.setWindowModality(Qt.WindowModality.NonModal)
        dialog.action_chosen.connect(lambda action: self._on_failure_choice(dialog, job, action))
        self.failure_dialog = dialog
        self._failed_job = job
        dialog.show()

    def _on_failure_choice(self, dialog: PrintFailureDialog, job: _PrintJob, action: str) -> None:
        if self.failure_dialog is dialog:
            self.failure_dialog = None
            self._failed_job = None
        dialog.deleteLater()
        if action == PrintFailureAction.RETRY:
            self._spawn(self._run_job(job))
        elif action == PrintFailureAction.SAVE_PDF:
            self._save_pdf(job.receipts)
        else:
            self._say(
                "warning",
                QCoreApplication.translate(
                    "ReceiptOutputPresenter",
                    "Beleg von Verkauf {number} nicht gedruckt. Er kann unter „Verkäufe → Heutige Verkäufe“ "
                    "gedruckt werden.",
                ).format(number=job.receipts.sale_number),
            )

    def _save_pdf(self, receipts: SaleReceipts) -> None:
        width = self.printer_settings.width
        self.pdf_dialog = open_save_pdf_dialog(
            self.dialog_parent,
            receipts.all_lines(width),
            suggested_path=self.suggested_pdf_path(receipts.sale_number),
            width=width,
            on_saved=lambda path: self.pdf_saved(receipts.sale_id, path),
            on_failed=lambda error: self._say("error", printer_error_text(error)),
        )

    def suggested_pdf_path(self, sale_number: int) -> Path:
        """Where the file dialog proposes to save a receipt as PDF (the folder is created)."""
        try:
            self.pdf_folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            log.warning("cannot create the receipt folder %s", self.pdf_folder)
        return self.pdf_folder / QCoreApplication.translate(
            "ReceiptOutputPresenter", "Beleg-{number}.pdf"
        ).format(number=sale_number)

    def pdf_saved(self, sale_id: str, path: Path) -> None:
        """A sale's receipt was saved as PDF: an electronic receipt, so nothing is missing now."""
        self.unprinted.discard(sale_id)
        self.receipts_changed.emit()
        self._say(
            "info",
            QCoreApplication.translate("ReceiptOutputPresenter", "Beleg als PDF gespeichert."),
            str(path),
        )

    # -- plumbing -----------------------------------------------------------------------------

    def _say_no_printer(self) -> None:
        self._say(
            "warning",
            QCoreApplication.translate(
                "ReceiptOutputPresenter", "Kein Drucker eingestellt (Einstellungen → Drucker …)."
            ),
        )

    def _say(self, level: str, text: str, details: str = "") -> None:
        self.message.emit(CashierMessage(level, text, details))

    def _spawn(self, coroutine: Coroutine[Any, Any, Any]) -> None:
        self._tasks.spawn(coroutine)

    @property
    def busy(self) -> bool:
        """A print job or drawer kick started here is still running."""
        return self._tasks.busy

    async def wait_idle(self) -> None:
        """Await every print job started here (shutdown and tests)."""
        await self._tasks.wait_idle()

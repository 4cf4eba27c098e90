"""Dialogs around printing: system print dialog, print preview, "save as PDF", print failure.

Every dialog here is opened with ``open()`` (window-modal, non-blocking) and reports through
signals, never with ``exec()``: a nested event loop inside a qasync coroutine deadlocks
(``shared/reference/style-anchors.md`` §7). The functions return the dialog so the caller can keep
it alive and tests can drive it.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from pos_gui.core.receipt_layout import LayoutLine
from pos_gui.services.printer_errors import PrinterError
from pos_gui.ui.presenters.error_text import printer_error_text
from pos_gui.ui.printing.receipt_document import export_pdf, print_document


class PrintFailureAction(enum.StrEnum):
    """What the cashier chose after a failed print."""

    RETRY = "retry"
    SAVE_PDF = "save_pdf"
    CONTINUE = "continue"


class PrintFailureDialog(QDialog):
    """Tells the cashier that the receipt did not print and asks what to do.

    Open it with :meth:`open` (non-blocking). Closing it with Esc or the window button counts as
    "continue without printing", so the sale never hangs on a dead printer.

    Signals:
        action_chosen(str): a :class:`PrintFailureAction` value, emitted exactly once.
    """

    action_chosen = Signal(str)

    def __init__(self, error: str | PrinterError, parent: QWidget | None = None) -> None:
        """``error``: the printer error, or its text already in the cashier's language."""
        super().__init__(parent)
        error_text = printer_error_text(error) if isinstance(error, PrinterError) else error
        self._chosen = False
        self.setWindowTitle(QCoreApplication.translate("PrintFailureDialog", "Beleg nicht gedruckt"))
        self.setObjectName("printFailureDialog")
        # The sentence stands out on its own: on a till without a window manager (kiosk) the
        # dialog has no title bar to say what it is about.
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.icon_label = QLabel()
        self.icon_label.setPixmap(icon.pixmap(48, 48))
        self.icon_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.message_label = QLabel(
            QCoreApplication.translate("PrintFailureDialog", "Der Beleg konnte nicht gedruckt werden.")
        )
        self.message_label.setObjectName("printFailureMessage")
        heading_font = QFont(self.message_label.font())
        heading_font.setBold(True)
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.3)
        self.message_label.setFont(heading_font)
        self.detail_label = QLabel(error_text)
        self.detail_label.setObjectName("printFailureDetail")
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.retry_button = QPushButton(QCoreApplication.translate("PrintFailureDialog", "Erneut versuchen"))
        self.save_pdf_button = QPushButton(
            QCoreApplication.translate("PrintFailureDialog", "Als PDF speichern")
        )
        self.continue_button = QPushButton(
            QCoreApplication.translate("PrintFailureDialog", "Ohne Druck fortfahren")
        )
        self.retry_button.setDefault(True)
        buttons = QDialogButtonBox()
        buttons.addButton(self.retry_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.save_pdf_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.continue_button, QDialogButtonBox.ButtonRole.RejectRole)

        self.retry_button.clicked.connect(lambda: self._choose(PrintFailureAction.RETRY))
        self.save_pdf_button.clicked.connect(lambda: self._choose(PrintFailureAction.SAVE_PDF))
        self.continue_button.clicked.connect(lambda: self._choose(PrintFailureAction.CONTINUE))

        text_column = QVBoxLayout()
        text_column.addWidget(self.message_label)
        text_column.addWidget(self.detail_label)
        message_row = QHBoxLayout()
        message_row.setSpacing(16)
        message_row.addWidget(self.icon_label)
        message_row.addLayout(text_column, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 16)
        layout.setSpacing(16)
        layout.addLayout(message_row)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def reject(self) -> None:
        # Esc and the close button: carry on without paper rather than leave the sale open.
        self._choose(PrintFailureAction.CONTINUE)

    def _choose(self, action: PrintFailureAction) -> None:
        if self._chosen:
            return
        self._chosen = True
        if action is PrintFailureAction.CONTINUE:
            super().reject()
        else:
            super().accept()
        self.action_chosen.emit(action.value)


def open_print_dialog(
    parent: QWidget | None, lines: Sequence[LayoutLine], *, width: int | None = None
) -> QPrintDialog:
    """The system print dialog; the receipt is printed when the cashier confirms."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("ReceiptPrinting", "Beleg drucken"))
    # The dialog keeps its printer alive; the receipt is printed from the accepted signal.
    dialog.accepted.connect(lambda: print_document(lines, printer, width=width))
    # QPrintDialog's own open() wants a receiver and a slot; the plain non-blocking open is
    # QDialog's.
    QDialog.open(dialog)
    return dialog


def open_print_preview(
    parent: QWidget | None, lines: Sequence[LayoutLine], *, width: int | None = None
) -> QPrintPreviewDialog:
    """The print preview, from which the cashier can also print."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("ReceiptPrinting", "Belegvorschau"))
    dialog.paintRequested.connect(lambda target: print_document(lines, target, width=width))
    dialog.open()
    return dialog


def open_save_pdf_dialog(
    parent: QWidget | None,
    lines: Sequence[LayoutLine],
    *,
    suggested_path: str | Path = "",
    width: int | None = None,
    on_saved: Callable[[Path], None] | None = None,
    on_failed: Callable[[PrinterError], None] | None = None,
) -> QFileDialog:
    """Ask for a file name and save the receipt there as PDF.

    Args:
        on_saved: called with the written path.
        on_failed: called when the file cannot be written (e.g. read-only folder).
    """
    dialog = QFileDialog(
        parent,
        QCoreApplication.translate("ReceiptPrinting", "Beleg als PDF speichern"),
        str(suggested_path),
        QCoreApplication.translate("ReceiptPrinting", "PDF-Dateien (*.pdf)"),
    )
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setDefaultSuffix("pdf")

    def save(path_text: str) -> None:
        try:
            path = export_pdf(lines, path_text, width=width)
        except PrinterError as error:
            if on_failed is not None:
                on_failed(error)
            return
        if on_saved is not None:
            on_saved(path)

    dialog.fileSelected.connect(save)
    dialog.open()
    return dialog

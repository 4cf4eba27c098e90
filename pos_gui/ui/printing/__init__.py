"""The Qt side of printing: receipt document and PDF, print dialogs, failure dialog, settings page.

See ``docs/printing.md`` for how the main window uses these pieces.
"""

from pos_gui.ui.printing.dialogs import (
    PrintFailureAction,
    PrintFailureDialog,
    open_print_dialog,
    open_print_preview,
    open_save_pdf_dialog,
)
from pos_gui.ui.printing.receipt_document import (
    QtSystemPrinter,
    export_pdf,
    print_document,
    receipt_document,
    receipt_html,
)
from pos_gui.ui.printing.settings_page import PrinterSettingsPage

__all__ = [
    "PrintFailureAction",
    "PrintFailureDialog",
    "PrinterSettingsPage",
    "QtSystemPrinter",
    "export_pdf",
    "open_print_dialog",
    "open_print_preview",
    "open_save_pdf_dialog",
    "print_document",
    "receipt_document",
    "receipt_html",
]

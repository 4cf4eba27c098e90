"""Receipt layout lines as a Qt text document: for the screen, the system printer and PDF.

The same :class:`~pos_gui.core.receipt_layout.LayoutLine` list that goes to the thermal printer
is drawn here in a monospace font, so the preview, the PDF and the paper show the same columns.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from pos_gui.core.receipt_layout import LayoutLine
from pos_gui.services.printer_errors import QT_TRANSLATE_NOOP, PrinterError
from pos_gui.ui.fonts import receipt_font

# Paper roll widths: 58 mm rolls print 32 characters, 80 mm rolls 42 or 48.
NARROW_ROLL_MM = 58.0
WIDE_ROLL_MM = 80.0
PAGE_MARGIN_MM = 3.0
PDF_PAGE_HEIGHT_MM = 297.0
PDF_RESOLUTION_DPI = 300
_MM_PER_POINT = 25.4 / 72
# A monospace glyph is about 0.6 em wide; used to size the font so the columns fill the roll.
_MONOSPACE_ADVANCE_EM = 0.6


def receipt_html(lines: Sequence[LayoutLine]) -> str:
    """The receipt as Qt rich text: one paragraph per line, spaces kept, bold honoured.

    Lines keep the layout's padding and are drawn left-aligned, so centred text sits where it
    sits on paper whatever the widget's width. Large captions are drawn bold but not larger: a
    wider font would break the padding that centres them.
    """
    paragraphs = []
    for line in lines:
        body = html.escape(line.text) if line.text else "&nbsp;"
        if line.bold or line.large:
            body = f"<b>{body}</b>"
        paragraphs.append(f'<p style="margin:0; white-space:pre;">{body}</p>')
    return "<html><body>" + "".join(paragraphs) + "</body></html>"


def roll_width_mm(width: int) -> float:
    """The paper roll a layout of ``width`` characters is printed on."""
    return NARROW_ROLL_MM if width <= 32 else WIDE_ROLL_MM


def point_size_for(width: int, paper_mm: float) -> float:
    """The font size at which ``width`` monospace characters fill the printable paper width."""
    printable_mm = paper_mm - 2 * PAGE_MARGIN_MM
    return round(printable_mm / width / _MONOSPACE_ADVANCE_EM / _MM_PER_POINT, 1)


def receipt_document(lines: Sequence[LayoutLine], *, point_size: float = 10.0) -> QTextDocument:
    """A text document of the receipt in a monospace font (no parent: the caller owns it)."""
    document = QTextDocument()
    document.setDefaultFont(receipt_font(point_size))
    document.setDocumentMargin(0)
    document.setHtml(receipt_html(lines))
    return document


def layout_width(lines: Sequence[LayoutLine]) -> int:
    """The widest line, at least 32 (the narrowest roll)."""
    return max([32, *(len(line.text) for line in lines)])


def export_pdf(lines: Sequence[LayoutLine], path: str | Path, *, width: int | None = None) -> Path:
    """Write the receipt as a PDF on a page as wide as the paper roll.

    Args:
        lines: the receipt layout.
        path: the PDF file to write (overwritten).
        width: the layout's characters per line; derived from the lines when ``None``.

    Raises:
        PrinterError: the file cannot be written.
    """
    path = Path(path)
    width = width or layout_width(lines)
    paper_mm = roll_width_mm(width)
    # Qt only warns when it cannot open the file; find out first, with a reason to show.
    try:
        path.open("wb").close()
    except OSError as error:
        raise PrinterError(
            QT_TRANSLATE_NOOP("PrinterError", "PDF konnte nicht gespeichert werden: {reason}"),
            reason=str(error),
        ) from error
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_RESOLUTION_DPI)
    writer.setTitle(QCoreApplication.translate("ReceiptPrinting", "Beleg"))
    writer.setCreator("pos-gui")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QSizeF(paper_mm, PDF_PAGE_HEIGHT_MM), QPageSize.Unit.Millimeter),
            QPageLayout.Orientation.Portrait,
            QMarginsF(PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    document = receipt_document(lines, point_size=point_size_for(width, paper_mm))
    document.print_(writer)
    # QPdfWriter writes the file when it is destroyed; release it now so the file is complete.
    del writer
    if not path.exists() or path.stat().st_size == 0:
        raise PrinterError(
            QT_TRANSLATE_NOOP("PrinterError", "PDF konnte nicht gespeichert werden: {reason}"),
            reason=str(path),
        )
    return path


def print_document(lines: Sequence[LayoutLine], printer: QPrinter, *, width: int | None = None) -> None:
    """Draw the receipt on an already configured ``printer`` (from a print dialog or preview)."""
    width = width or layout_width(lines)
    page_mm = printer.pageLayout().paintRect(QPageLayout.Unit.Millimeter).width()
    paper_mm = (
        min(page_mm + 2 * PAGE_MARGIN_MM, roll_width_mm(width)) if page_mm > 0 else roll_width_mm(width)
    )
    receipt_document(lines, point_size=point_size_for(width, paper_mm)).print_(printer)


class QtSystemPrinter:
    """Prints receipts on the operating system's default printer, without a dialog.

    Pass an instance as ``system_printer`` to :class:`~pos_gui.services.printing.PrintingService`
    for the printer kind ``system``. Spooling a small document is quick and must happen on the GUI
    thread (QTextDocument is not thread-safe), so this runs inline.
    """

    def __init__(self, printer_name: str = "") -> None:
        self.printer_name = printer_name

    async def __call__(self, lines: Sequence[LayoutLine]) -> None:
        info = (
            QPrinterInfo.printerInfo(self.printer_name)
            if self.printer_name
            else QPrinterInfo.defaultPrinter()
        )
        if info.isNull():
            raise PrinterError(
                QT_TRANSLATE_NOOP("PrinterError", "Drucker nicht erreichbar: kein Systemdrucker eingerichtet")
            )
        printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
        print_document(lines, printer)
        if printer.printerState() == QPrinter.PrinterState.Error:
            raise PrinterError(
                QT_TRANSLATE_NOOP("PrinterError", "Drucker nicht erreichbar: {name}"),
                name=info.printerName(),
            )

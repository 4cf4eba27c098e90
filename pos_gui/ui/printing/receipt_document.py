"""Receipt layout lines as a Qt text document: for the screen, the system printer and PDF.

The same :class:`~pos_gui.core.receipt_layout.LayoutLine` list that goes to the thermal printer
is drawn here in a monospace font, so the preview, the PDF and the paper show the same columns.
A QR line (the TSE's DSFinV-K code) is drawn as the code itself (:mod:`.qr_image`).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QSizeF, QUrl
from PySide6.QtGui import (
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from pos_gui.core.receipt_layout import LayoutLine
from pos_gui.services.printer_errors import QT_TRANSLATE_NOOP, PrinterError
from pos_gui.ui.fonts import receipt_font
from pos_gui.ui.printing.barcode_image import barcode_image, barcode_resource_name
from pos_gui.ui.printing.qr_image import qr_image, qr_resource_name

# Paper roll widths: 58 mm rolls print 32 characters, 80 mm rolls 42 or 48.
NARROW_ROLL_MM = 58.0
WIDE_ROLL_MM = 80.0
PAGE_MARGIN_MM = 3.0
PDF_PAGE_HEIGHT_MM = 297.0
PDF_RESOLUTION_DPI = 300
_MM_PER_POINT = 25.4 / 72
# The bundled DejaVu Sans Mono's advance is 1233/2048 em; used to size the font so the columns
# fill the roll. The print scales the widest line onto the printable width anyway (_print_fitted).
_MONOSPACE_ADVANCE_EM = 0.602
# The QR image has this many pixels per pixel of the document's layout (96 dpi → 300 dpi and more).
QR_OVERSAMPLE = 4


def receipt_html(
    lines: Sequence[LayoutLine],
    *,
    qr_side_px: Sequence[int] = (),
    barcode_px: Sequence[tuple[int, int]] = (),
) -> str:
    """The receipt as Qt rich text: one paragraph per line, spaces kept, bold honoured.

    Lines keep the layout's padding and are drawn left-aligned, so centred text sits where it
    sits on paper whatever the widget's width. Large captions are drawn bold but not larger: a
    wider font would break the padding that centres them. ``qr_side_px``: per QR line, the side
    of its image (resource :func:`~.qr_image.qr_resource_name`), centred; without one a QR line
    shows its text. ``barcode_px``: likewise per barcode line, the (width, height) of its image
    (:func:`~.barcode_image.barcode_resource_name`), drawn above its text.
    """
    paragraphs = []
    qr_index = barcode_index = 0
    for line in lines:
        if line.barcode and barcode_index < len(barcode_px):
            width, height = barcode_px[barcode_index]
            name = barcode_resource_name(barcode_index)
            barcode_index += 1
            paragraphs.append(
                f'<p style="margin:0;" align="center"><img src="{name}" width="{width}" height="{height}"></p>'
            )
        if line.qr and qr_index < len(qr_side_px):
            side = qr_side_px[qr_index]
            name = qr_resource_name(qr_index)
            qr_index += 1
            paragraphs.append(
                f'<p style="margin:0;" align="center"><img src="{name}" width="{side}" height="{side}"></p>'
            )
            continue
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
    # The receipt line's width in the document's units: the QR code takes its share of it.
    line_width_px = QFontMetricsF(receipt_font(point_size)).horizontalAdvance("0" * layout_width(lines))
    sides = []
    for index, payload in enumerate(line.qr for line in lines if line.qr):
        # Drawn at a printer's resolution: Qt's PDF stores the image as a JPEG, whose blur at a
        # module's edges stays thin at several pixels a module.
        image = qr_image(payload, line_width_px=line_width_px, oversample=QR_OVERSAMPLE)
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(qr_resource_name(index)), image)
        sides.append(image.width() // QR_OVERSAMPLE)
    barcodes = []
    for index, text in enumerate(line.barcode for line in lines if line.barcode):
        image = barcode_image(text, line_width_px=line_width_px, oversample=QR_OVERSAMPLE)
        document.addResource(
            QTextDocument.ResourceType.ImageResource, QUrl(barcode_resource_name(index)), image
        )
        barcodes.append((image.width() // QR_OVERSAMPLE, image.height() // QR_OVERSAMPLE))
    document.setHtml(receipt_html(lines, qr_side_px=sides, barcode_px=barcodes))
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
    _print_fitted(document, writer, width=width, text_mm=paper_mm - 2 * PAGE_MARGIN_MM)
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
    document = receipt_document(lines, point_size=point_size_for(width, paper_mm))
    _print_fitted(document, printer, width=width, text_mm=paper_mm - 2 * PAGE_MARGIN_MM)


def _print_fitted(document: QTextDocument, device: QPagedPaintDevice, *, width: int, text_mm: float) -> None:
    """Print ``document`` with its ``width``-character lines exactly ``text_mm`` wide (at most the
    device's printable width), from the printable area's top left corner.

    ``QTextDocument.print_`` lays a document without a page size out on the page with 2 cm margins
    of its own (Qt's default), which left 34 mm of an 80 mm roll for the text, and the lines (no
    wrapping: ``white-space: pre``) were cut off on the right. Nor does a font size in points fit
    exactly: Qt rounds the font's pixel size on the device, 8.3 pt of 42 columns came out 0.8 mm too
    wide at 300 dpi. So the document gets a page size of its own here, in its own units: a page
    that ``print_`` scales onto the device's printable area, as wide as the receipt's line where
    the receipt fills the printable width, wider on a wider page (a sheet of A4).
    """
    printable = device.pageLayout().paintRect(QPageLayout.Unit.Millimeter)
    columns = QFontMetricsF(document.defaultFont()).horizontalAdvance("0" * width)
    line_width = max(columns, document.idealWidth())
    page_width = line_width * max(1.0, printable.width() / text_mm)
    document.setPageSize(QSizeF(page_width, page_width * printable.height() / printable.width()))
    document.print_(device)


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

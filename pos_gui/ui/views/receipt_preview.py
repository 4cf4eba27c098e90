"""The receipt preview: the customer receipt on screen, line for line as the printer prints it.

The view lays nothing out itself. The customer receipt is
:func:`pos_gui.core.sales_receipt.compose_receipt` (the till's sales receipt, then the server's
receipt lines laid out by :mod:`pos_gui.core.receipt_layout`), the same function the printer's
customer receipt comes from, at the printer's width (42 characters unless configured otherwise).
The view draws those layout lines one text block per line, in a monospace font, bold where the
printer prints bold, never re-wrapped; so the preview's plain text is the printed text. The
TSE's QR line is drawn as the code itself (:mod:`pos_gui.ui.printing.qr_image`), centred on the
line; :meth:`ReceiptPreview.receipt_text` still gives the printed text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtGui import QFont, QFontMetrics, QFontMetricsF
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

from pos_gui.config.settings import PrinterSettings
from pos_gui.core.receipt_layout import LayoutLine, check_width, to_text
from pos_gui.ui.fonts import receipt_font
from pos_gui.ui.views.basket_view import name_automation

if TYPE_CHECKING:
    from PySide6.QtGui import QImage, QTextCursor

    from pos_gui.core.sales_receipt import SalesReceipt

DEFAULT_PAPER_WIDTH: int = PrinterSettings().width


class ReceiptPreview(QTextBrowser):
    """The customer receipt as the printer prints it.

    Args:
        paper_width: characters per printed line (the printer settings' ``width``).

    Attributes:
        paper_width: characters per line the receipt is laid out at.
        layout_lines: the layout lines shown now (empty when nothing is shown).
        qr_names: the document's image resources of the QR lines shown, in their order.
    """

    def __init__(self, parent: QWidget | None = None, *, paper_width: int = DEFAULT_PAPER_WIDTH) -> None:
        super().__init__(parent)
        name_automation(self, "receiptPreview")
        font = receipt_font(10.0)
        self.setFont(font)
        self.document().setDefaultFont(font)
        self.setOpenLinks(False)
        # A receipt line is a printed line: the screen must never wrap it differently.
        self.setLineWrapMode(QTextEdit.LineWrapMode.NoWrap)
        self.paper_width = check_width(paper_width)
        self.layout_lines: list[LayoutLine] = []
        # The document's QR images (resource names), in the order of the receipt's QR lines.
        self.qr_names: list[str] = []
        self._shown_sale: tuple[SalesReceipt, list[object]] | None = None
        self._fit_paper_width()

    def set_paper_width(self, paper_width: int) -> None:
        """Lay receipts out at ``paper_width`` characters; a sale on screen is laid out again."""
        self.paper_width = check_width(paper_width)
        self._fit_paper_width()
        if self._shown_sale is not None:
            self.show_sale(*self._shown_sale)

    def show_sale(self, sales: SalesReceipt, server_lines: Iterable[object]) -> None:
        """Show the customer receipt of a paid sale: the till's receipt, then the server's lines."""
        # Loaded with the first paid sale, not on the way to the first window.
        from pos_gui.core.sales_receipt import compose_receipt

        server = list(server_lines)
        self._draw(compose_receipt(sales, server, self.paper_width))
        self._shown_sale = (sales, server)

    def show_layout(self, lines: Sequence[LayoutLine]) -> None:
        """Show receipt lines already laid out for the printer (e.g. a reprint's layout)."""
        self._draw(lines)
        self._shown_sale = None

    def receipt_text(self) -> str:
        """What the printer prints for the receipt on screen (:func:`to_text` of its layout)."""
        return to_text(self.layout_lines)

    def clear(self) -> None:
        super().clear()
        self.layout_lines = []
        self.qr_names = []
        self._shown_sale = None

    def _draw(self, lines: Sequence[LayoutLine]) -> None:
        # Loaded with the first receipt, not on the way to the first window (their Python types
        # cost ~6 ms of the cold start).
        from PySide6.QtGui import QTextCharFormat, QTextCursor

        super().clear()
        self.layout_lines = list(lines)
        self.qr_names = []
        cursor = QTextCursor(self.document())
        normal = QTextCharFormat()
        normal.setFontWeight(QFont.Weight.Normal)
        bold = QTextCharFormat()
        bold.setFontWeight(QFont.Weight.Bold)
        barcode_index = 0
        for index, line in enumerate(self.layout_lines):
            if index:
                cursor.insertBlock()
            # Large lines print double height only (same width), so on screen they stay at the
            # font's size: a bigger font would push their centring padding out of the columns.
            if line.qr:
                self._insert_qr(cursor, line.qr, len(self.qr_names))
                continue
            if line.barcode:
                self._insert_barcode(cursor, line, barcode_index)
                barcode_index += 1
                continue
            cursor.insertText(line.text, bold if line.bold or line.large else normal)
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def _insert_qr(self, cursor: QTextCursor, payload: str, index: int) -> None:
        """The QR code as an image, centred on a receipt line by leading spaces (as text is)."""
        from pos_gui.ui.printing.qr_image import qr_image, qr_resource_name

        name = qr_resource_name(index)
        self._insert_centred_image(cursor, name, lambda width: qr_image(payload, line_width_px=width))
        self.qr_names.append(name)

    def _insert_barcode(self, cursor: QTextCursor, line: LayoutLine, index: int) -> None:
        """The Bon-Nr. barcode as an image, centred, with its text on the line below."""
        from pos_gui.ui.printing.barcode_image import barcode_image, barcode_resource_name

        barcode = line.barcode
        self._insert_centred_image(
            cursor, barcode_resource_name(index), lambda width: barcode_image(barcode, line_width_px=width)
        )
        cursor.insertBlock()
        cursor.insertText(line.text)

    def _insert_centred_image(self, cursor: QTextCursor, name: str, draw: Callable[[float], QImage]) -> None:
        """``draw(line width in px)``'s image as the document resource ``name``, centred on the
        paper's line by leading spaces, the way the printer centres it."""
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QTextDocument, QTextImageFormat

        metrics = QFontMetricsF(self.document().defaultFont())
        line_width_px = metrics.horizontalAdvance("0" * self.paper_width)
        image = draw(line_width_px)
        self.document().addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
        padding = max(0, round((line_width_px - image.width()) / 2 / metrics.horizontalAdvance("0")))
        cursor.insertText(" " * padding)
        image_format = QTextImageFormat()
        image_format.setName(name)
        image_format.setWidth(image.width())
        image_format.setHeight(image.height())
        cursor.insertImage(image_format)

    def _fit_paper_width(self) -> None:
        metrics = QFontMetrics(self.document().defaultFont())
        text_width = metrics.horizontalAdvance("0" * self.paper_width)
        margins = 2 * (self.document().documentMargin() + self.frameWidth())
        scroll_bar = self.verticalScrollBar().sizeHint().width()
        self.setMinimumWidth(int(text_width + margins) + scroll_bar)

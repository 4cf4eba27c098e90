"""The receipt's QR code (the TSE's DSFinV-K payload) as an image, for the preview and the PDF.

The paper gets the code from the printer itself (``GS ( k``, model 2, error correction M, see
:mod:`pos_gui.services.escpos_bytes`); screen and PDF draw the same symbol from ``qrcode``'s
module matrix: error correction M, the standard quiet zone of four modules, one pixel block of
``module_px`` × ``module_px`` per module, black on white, one bit a pixel.

The receipt's text (``[QR-Code]``) stays what plain text and the tests of the printed text see.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter

# The quiet zone around the symbol, in modules (ISO/IEC 18004 asks for four).
QUIET_ZONE_MODULES = 4
# Of the receipt line's width, the share the code takes: large enough for a phone camera, with
# white space left and right as on paper.
QR_SHARE_OF_LINE = 0.6


def qr_matrix(payload: str) -> list[list[bool]]:
    """The QR symbol of ``payload`` as rows of modules (``True``: dark), quiet zone included."""
    import qrcode  # type: ignore[import-untyped]  # loaded with the first signed receipt
    from qrcode.constants import ERROR_CORRECT_M  # type: ignore[import-untyped]

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE_MODULES)
    code.add_data(payload)
    code.make(fit=True)
    return [list(row) for row in code.get_matrix()]


def qr_image(payload: str, *, line_width_px: float, oversample: int = 1) -> QImage:
    """The QR symbol of ``payload`` as a black-and-white image for a receipt line
    ``line_width_px`` wide: whole pixels per module, about :data:`QR_SHARE_OF_LINE` of the line
    (at least one pixel a module), each pixel ``oversample`` × ``oversample`` (a printer's
    resolution is higher than the screen's the document is laid out in)."""
    matrix = qr_matrix(payload)
    module_px = max(1, int(line_width_px * QR_SHARE_OF_LINE / len(matrix)))
    return matrix_image(matrix, module_px * oversample)


def matrix_image(matrix: list[list[bool]], module_px: int) -> QImage:
    """``matrix`` drawn black on white, ``module_px`` × ``module_px`` pixels a module."""
    side = len(matrix) * module_px
    image = QImage(side, side, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        black = QColor("black")
        for row_index, row in enumerate(matrix):
            for column_index, dark in enumerate(row):
                if dark:
                    painter.fillRect(
                        column_index * module_px, row_index * module_px, module_px, module_px, black
                    )
    finally:
        painter.end()
    return image.convertToFormat(QImage.Format.Format_Mono, Qt.ImageConversionFlag.ThresholdDither)


def qr_resource_name(index: int) -> str:
    """The name the document knows the ``index``-th QR image of a receipt by."""
    return f"pos-gui-qr-{index}.png"

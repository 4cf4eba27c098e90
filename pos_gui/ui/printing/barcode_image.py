"""The receipt's Bon-Nr. barcode (CODE128) as an image for the receipt preview and the PDF.

The printer draws the bars itself from ``GS k`` (:mod:`pos_gui.services.escpos_bytes`); the
screen and the PDF draw the same symbol from :func:`pos_gui.core.code128.modules`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter

from pos_gui.core.code128 import modules

# The symbol takes at most this share of the receipt line's width, and is this tall against it.
BARCODE_SHARE_OF_LINE = 0.9
BARCODE_HEIGHT_OF_LINE = 0.16
# A bar is never drawn thinner than this many pixels (a scanner reads the screen too).
MIN_MODULE_PX = 1


def barcode_image(text: str, *, line_width_px: float, oversample: int = 1) -> QImage:
    """``text`` as CODE128 bars, whole pixels a module, about :data:`BARCODE_SHARE_OF_LINE`
    of a receipt line ``line_width_px`` wide; every pixel ``oversample`` × ``oversample``."""
    dark = modules(text)
    module_px = max(MIN_MODULE_PX, int(line_width_px * BARCODE_SHARE_OF_LINE / len(dark))) * oversample
    height = max(16, int(line_width_px * BARCODE_HEIGHT_OF_LINE)) * oversample
    image = QImage(len(dark) * module_px, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        black = QColor("black")
        for index, bar in enumerate(dark):
            if bar:
                painter.fillRect(index * module_px, 0, module_px, height, black)
    finally:
        painter.end()
    return image.convertToFormat(QImage.Format.Format_Mono, Qt.ImageConversionFlag.ThresholdDither)


def barcode_resource_name(index: int) -> str:
    """The name the document knows the ``index``-th barcode image of a receipt by."""
    return f"pos-gui-barcode-{index}.png"

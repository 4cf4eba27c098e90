"""The fonts the till ships with: the receipt's fixed-pitch font for preview, PDF and back office.

A system's own "fixed" font is not always fixed-pitch (Noto Sans Mono is not flagged so), and then
screen, PDF and paper columns drift apart from one PC to the next; so the receipt font is bundled
(resources/fonts, DejaVu Sans Mono, licence beside it) and loaded into Qt's font database on first use.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase

from pos_gui.resource_files import resource_file

log = logging.getLogger("pos_gui.ui.fonts")

RECEIPT_FONT_FILES = ("DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf")
_receipt_font_family: str | None = None


def receipt_font_family() -> str:
    """The family of the bundled receipt font, loaded on first use.

    Falls back to the system's fixed font (and logs why) only when the bundled files cannot be
    read, so a broken installation still shows a receipt.
    """
    global _receipt_font_family
    if _receipt_font_family is None:
        families: list[str] = []
        for name in RECEIPT_FONT_FILES:
            font_id = QFontDatabase.addApplicationFont(str(resource_file("fonts", name)))
            if font_id >= 0:
                families.extend(QFontDatabase.applicationFontFamilies(font_id))
        if families:
            _receipt_font_family = families[0]
        else:
            log.warning(
                "bundled receipt font missing in %s; using the system's fixed font", resource_file("fonts")
            )
            _receipt_font_family = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()
    return _receipt_font_family


def receipt_font(point_size: float = 10.0) -> QFont:
    """The bundled fixed-pitch receipt font at ``point_size``."""
    font = QFont(receipt_font_family())
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setFixedPitch(True)
    font.setPointSizeF(point_size)
    return font

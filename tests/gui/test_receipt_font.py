"""The receipt font ships with the till: every PC shows the same columns, whatever fonts it has."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QFontInfo, QFontMetrics

from pos_gui.ui.fonts import receipt_font

# Run in a fresh process whose fontconfig knows no font at all: what a bare store PC or a CI
# machine without fonts gives the till.
_PROBE = """
from PySide6.QtGui import QFontInfo, QFontMetrics
from PySide6.QtWidgets import QApplication
app = QApplication([])
from pos_gui.ui.views.receipt_preview import ReceiptPreview
preview = ReceiptPreview()
font = preview.document().defaultFont()
metrics = QFontMetrics(font)
print(QFontInfo(font).family(), metrics.horizontalAdvance("i") == metrics.horizontalAdvance("W"))
"""


def test_the_receipt_font_is_the_bundled_fixed_pitch_one(qapp: object) -> None:
    font = receipt_font(10.0)
    metrics = QFontMetrics(font)
    assert QFontInfo(font).family() == "DejaVu Sans Mono"
    assert metrics.horizontalAdvance("i") == metrics.horizontalAdvance("W") == metrics.horizontalAdvance("€")


def test_a_pc_without_fonts_still_shows_the_receipt_in_even_columns(tmp_path: Path) -> None:
    empty_fonts = tmp_path / "fonts"
    empty_fonts.mkdir()
    config = tmp_path / "fonts.conf"
    config.write_text(
        f'<?xml version="1.0"?>\n<fontconfig><dir>{empty_fonts}</dir>'
        f"<cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>\n",
        encoding="utf-8",
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(config), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, env=env, timeout=60, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "DejaVu Sans Mono True"

"""The receipt's Bon-Nr. barcode: CODE128 in the ESC/POS bytes, drawn in the preview, and
scanned to start a Storno (in the Storno dialog and at the till's article field)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton, QTextBrowser
from pytestqt.qtbot import QtBot

from pos_gui.app import Till
from pos_gui.core.code128 import modules, symbol_values
from pos_gui.core.receipt_barcode import receipt_code
from pos_gui.core.receipt_layout import LayoutLine
from pos_gui.services.escpos_bytes import encode_receipt
from pos_gui.ui.day import install_shop_day
from pos_gui.ui.day.storno_dialog import StornoDialog
from tests.gui.test_till_flow import build_seed_basket, child


def burst(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    """What a scanner sends: the keys with no delay, then Enter."""
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def pay_cash(qtbot: QtBot, till: Till) -> int:
    """A seed basket paid in cash; its Bon-Nr."""
    last = till.journal.last_completed()
    before = last.sale_number if last is not None else 0
    qtbot.waitUntil(lambda: not till.presenter.snapshot().busy, timeout=10_000)
    till.window.new_sale()  # from the last receipt back to the basket
    assert not till.presenter.snapshot().showing_receipt
    build_seed_basket(qtbot, till)
    qtbot.mouseClick(child(till, QPushButton, "payCashButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: till.presenter.snapshot().showing_receipt, timeout=10_000)
    paid = till.journal.last_completed()
    assert paid is not None
    assert paid.sale_number > before
    preview = child(till, QTextBrowser, "receiptPreview")
    qtbot.waitUntil(lambda: f"Bon-Nr. {paid.sale_number}" in preview.toPlainText(), timeout=10_000)
    return paid.sale_number


def test_escpos_bytes_hold_gs_k_code128_with_the_number() -> None:
    printed = encode_receipt([LayoutLine("Summe"), LayoutLine("BON4711", barcode="BON4711")])
    assert b"\x1dk\x49\x09{BBON4711" in printed
    assert b"\x1dH\x02" in printed  # the number printed under the bars
    assert printed.index(b"Summe") < printed.index(b"\x1dk")


def test_code128_symbol_has_the_published_check_value() -> None:
    # start B 104 + B 34·1 + O 47·2 + N 46·3 + 1 17·4 + 2 18·5 = 528; 528 mod 103 = 13
    assert symbol_values("BON12") == [104, 34, 47, 46, 17, 18, 13, 106]
    bars = modules("BON12")
    assert len(bars) == 10 + 7 * 11 + 13 + 10  # quiet zones, 7 symbols, stop
    # start B: bar 2, space 1, bar 1, space 2, bar 1, space 4
    assert "".join("1" if bar else "0" for bar in bars[10:21]) == "11010010000"


def test_paid_receipt_shows_the_barcode_and_scanning_it_in_the_storno_selects_the_sale(
    qtbot: QtBot, till: Till
) -> None:
    screens = install_shop_day(till.window, till.day)
    first = pay_cash(qtbot, till)
    preview = till.window.receipt_preview
    assert receipt_code(first) in preview.toPlainText()
    assert any(line.barcode == receipt_code(first) for line in preview.layout_lines)
    second = pay_cash(qtbot, till)

    dialog = screens.open_storno()
    assert dialog.sales_list.count() == 2
    dialog.number_input.setFocus()
    burst(qtbot, dialog.number_input, receipt_code(first))
    assert dialog.number_input.text() == str(first)
    current = dialog.sales_list.currentItem()
    assert current is not None
    assert current.data(256) == first
    assert second != first
    assert "Artikel nicht gefunden" not in till.window.message_bar.text()


def test_scanning_a_receipt_at_the_till_opens_the_storno_with_it(qtbot: QtBot, till: Till) -> None:
    install_shop_day(till.window, till.day)
    number = pay_cash(qtbot, till)
    article = child(till, QLineEdit, "articleInput")
    qtbot.waitUntil(lambda: not till.presenter.snapshot().busy, timeout=10_000)
    till.window.new_sale()
    burst(qtbot, article, receipt_code(number))
    dialogs = [d for d in till.window.findChildren(StornoDialog) if d.isVisible()]
    assert len(dialogs) == 1
    assert dialogs[0].number_input.text() == str(number)
    current = dialogs[0].sales_list.currentItem()
    assert current is not None
    assert current.data(256) == number
    assert till.presenter.snapshot().lines == []

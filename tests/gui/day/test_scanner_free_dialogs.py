"""A PIN or an amount typed as fast as a scanner stays in its field (login, cash dialog), and
the scanner filter can be paused; the basket gets nothing from either."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from pos_gui.app import Till
from pos_gui.ui.day import install_shop_day
from tests.gui.test_till_flow import child


def burst(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    """Keys with no delay between them, ended by Enter: what a scanner sends."""
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_a_fast_six_digit_pin_goes_into_the_login_field(qtbot: QtBot, till: Till) -> None:
    screens = install_shop_day(till.window, till.day)
    screens.open_login(switch=True)
    screens.overlay.select_cashier("Ben Demo")
    burst(qtbot, screens.overlay.pin_input, "987654")
    # The PIN reached the login (and was wrong), no article was looked up.
    assert screens.overlay.login_error.text() == "Falsche PIN."
    assert "Artikel nicht gefunden" not in till.window.message_bar.text()
    assert till.presenter.snapshot().lines == []


def test_a_fast_amount_stays_in_the_cash_dialog(qtbot: QtBot, till: Till) -> None:
    screens = install_shop_day(till.window, till.day)
    dialog = screens.open_cash_move(taking_out=False)
    burst(qtbot, dialog.amount_input, "100000")
    assert dialog.amount_input.text() == "100000"
    assert dialog.focusWidget() is dialog.reason_input  # Enter went to the field: on to the reason
    assert "Artikel nicht gefunden" not in till.window.message_bar.text()
    assert till.presenter.snapshot().lines == []


def test_a_paused_filter_takes_no_scan(qtbot: QtBot, till: Till) -> None:
    article = child(till, QLineEdit, "articleInput")
    till.scanner.pause()
    try:
        with qtbot.assertNotEmitted(till.scanner.code_scanned):
            qtbot.keyClicks(article, "4999012")
    finally:
        till.scanner.resume()
    assert article.text() == "4999012"
    article.clear()
    with qtbot.waitSignal(till.scanner.code_scanned, timeout=1000) as scanned:
        burst(qtbot, article, "4999012")
    assert scanned.args == ["4999012"]

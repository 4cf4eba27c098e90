"""An old warning does not outlive the success that made it untrue, and Esc closes the message bar.

A locked card's "Karte gesperrt" must go once another card is loaded fine, once the sale is paid
(the receipt is shown) and with the next sale; what the successful action said itself stays.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pos_gui.app import Till
from pos_gui.ui.presenters.error_text import CashierMessage
from tests.helpers.qt import enter

LOCKED_CARD = "9276000000000045"
SEED_CARD = "9276004429942845"


def idle(till: Till) -> bool:
    return not till.presenter.snapshot().busy


def scan_locked_card(qtbot: QtBot, till: Till) -> None:
    enter(qtbot, till.window.card_panel.card_input, LOCKED_CARD)
    qtbot.waitUntil(lambda: "Karte gesperrt" in till.window.message_bar.text() and idle(till))


def test_a_valid_card_takes_the_locked_cards_warning_away(qtbot: QtBot, till: Till) -> None:
    enter(qtbot, till.window.basket_view.article_input, "30037")
    scan_locked_card(qtbot, till)

    enter(qtbot, till.window.card_panel.card_input, SEED_CARD)
    qtbot.waitUntil(lambda: till.checkout.card is not None and idle(till))

    assert till.window.message_bar.text() == ""
    assert not till.window.message_bar.isVisible()


def test_the_paid_receipt_and_the_next_sale_show_no_old_warning(qtbot: QtBot, till: Till) -> None:
    window = till.window
    enter(qtbot, window.basket_view.article_input, "30037")
    scan_locked_card(qtbot, till)

    qtbot.mouseClick(window.payment_panel.pay_cash_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: till.presenter.snapshot().showing_receipt and idle(till))
    assert "Karte gesperrt" not in window.message_bar.text()

    # A warning over the receipt (a locked card scanned here would start the next sale itself).
    window.show_message(CashierMessage("warning", "Karte gesperrt: 9276000000000045."))
    # The next sale, started by scanning an article on the receipt page.
    enter(qtbot, window.basket_view.article_input, "30200")
    qtbot.waitUntil(lambda: not till.presenter.snapshot().showing_receipt)
    assert "Karte gesperrt" not in window.message_bar.text()


def test_a_warning_said_by_the_action_itself_stays(qtbot: QtBot, till: Till) -> None:
    enter(qtbot, till.window.basket_view.article_input, "30037")
    enter(qtbot, till.window.card_panel.card_input, SEED_CARD)
    qtbot.waitUntil(lambda: till.checkout.card is not None and idle(till))

    scan_locked_card(qtbot, till)

    assert "Karte gesperrt" in till.window.message_bar.text()


def test_esc_closes_the_message_bar_and_keeps_the_sale(qtbot: QtBot, till: Till) -> None:
    window = till.window
    article = window.basket_view.article_input
    enter(qtbot, article, "30037")
    scan_locked_card(qtbot, till)
    article.setFocus()

    qtbot.keyClick(article, Qt.Key.Key_Escape)

    assert not window.message_bar.isVisible()
    assert len(till.presenter.snapshot().lines) == 1


def test_esc_closes_the_help_first_and_the_message_bar_after(qtbot: QtBot, till: Till) -> None:
    window = till.window
    scan_locked_card(qtbot, till)
    window.help_overlay.toggle()
    assert window.help_overlay.isVisible()

    qtbot.keyClick(window.help_overlay, Qt.Key.Key_Escape)
    assert not window.help_overlay.isVisible()
    assert "Karte gesperrt" in window.message_bar.text()

    window.basket_view.article_input.setFocus()
    qtbot.keyClick(window.basket_view.article_input, Qt.Key.Key_Escape)
    assert not window.message_bar.isVisible()

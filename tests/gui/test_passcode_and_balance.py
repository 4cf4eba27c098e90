"""A card with a passcode asks for its PIN before it pays; the card panel shows the balance after
the booking (issue 15 #12 and #13), in the real window against the embedded simulator."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QLabel, QLineEdit, QPushButton, QTextBrowser
from pytestqt.qtbot import QtBot

from pos_gui.app import Till
from pos_gui.services.checkout import CheckoutState
from tests.gui.test_till_flow import build_seed_basket, child, message_text, scan_card

PASSCODE_CARD = "9276000000000052"  # Paula Passcode, 30,00 € cash balance, PIN 1234
FIVE_EURO_CARD = "9276000000000029"


def open_pin_dialog(qtbot: QtBot, till: Till) -> QInputDialog:
    def shown() -> QInputDialog | None:
        for dialog in till.window.findChildren(QInputDialog, "passcodeDialog"):
            if dialog.isVisible():
                return dialog
        return None

    qtbot.waitUntil(lambda: shown() is not None)
    dialog = shown()
    assert dialog is not None
    return dialog


def type_pin(qtbot: QtBot, dialog: QInputDialog, pin: str) -> None:
    field = dialog.findChild(QLineEdit)
    assert field is not None
    assert field.echoMode() is QLineEdit.EchoMode.Password
    qtbot.keyClicks(field, pin)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def apply_balance(qtbot: QtBot, till: Till) -> None:
    apply_button = child(till, QPushButton, "applyCardButton")
    qtbot.waitUntil(apply_button.isEnabled)
    qtbot.mouseClick(apply_button, Qt.MouseButton.LeftButton)


def test_the_passcode_card_pays_only_after_its_pin(qtbot: QtBot, till: Till) -> None:
    build_seed_basket(qtbot, till)
    scan_card(qtbot, till, PASSCODE_CARD)
    balance = child(till, QLabel, "cardBalanceLabel")
    qtbot.waitUntil(lambda: "30,00 €" in balance.text())

    apply_balance(qtbot, till)
    first = open_pin_dialog(qtbot, till)
    assert "PIN" in first.labelText()
    assert till.checkout.state is not CheckoutState.APPLIED  # nothing applied before the PIN
    type_pin(qtbot, first, "0000")

    second = open_pin_dialog(qtbot, till)
    assert "falsch" in second.labelText()
    type_pin(qtbot, second, "1234")
    qtbot.waitUntil(lambda: till.checkout.state is CheckoutState.APPLIED, timeout=10_000)

    pay_card = child(till, QPushButton, "payCardButton")
    qtbot.waitUntil(pay_card.isEnabled)
    qtbot.mouseClick(pay_card, Qt.MouseButton.LeftButton)
    preview = child(till, QTextBrowser, "receiptPreview")
    qtbot.waitUntil(lambda: till.checkout.state is CheckoutState.PAID, timeout=10_000)
    qtbot.waitUntil(lambda: preview.toPlainText().strip() != "")
    # 30,00 € − 7,96 € (the seed basket): the panel shows the balance after the booking.
    qtbot.waitUntil(lambda: "22,04 €" in balance.text(), timeout=10_000)


def test_without_the_pin_the_card_does_not_pay(qtbot: QtBot, till: Till) -> None:
    build_seed_basket(qtbot, till)
    scan_card(qtbot, till, PASSCODE_CARD)
    qtbot.waitUntil(lambda: till.checkout.card is not None)
    apply_balance(qtbot, till)
    dialog = open_pin_dialog(qtbot, till)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: "Ohne PIN" in message_text(till))
    assert till.checkout.state is not CheckoutState.APPLIED
    assert till.checkout.basket.total == 796  # nothing lost: basket and card stay


def test_the_balance_after_a_cash_payment_with_an_applied_card(qtbot: QtBot, till: Till) -> None:
    build_seed_basket(qtbot, till)
    scan_card(qtbot, till, FIVE_EURO_CARD)
    balance = child(till, QLabel, "cardBalanceLabel")
    qtbot.waitUntil(lambda: "5,00 €" in balance.text())
    apply_balance(qtbot, till)
    qtbot.waitUntil(lambda: till.checkout.state is CheckoutState.APPLIED)
    pay = child(till, QPushButton, "payCashButton")
    qtbot.waitUntil(pay.isEnabled)
    qtbot.mouseClick(pay, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: till.checkout.state is CheckoutState.PAID, timeout=10_000)
    qtbot.waitUntil(lambda: "0,00 €" in balance.text(), timeout=10_000)

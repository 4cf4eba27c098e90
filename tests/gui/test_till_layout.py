"""The till window on a 1366×768 store screen, with the till's style sheet: whatever state the
sale is in and whatever the message bar says, the buttons that take the money stay fully on screen.

The window is not allowed to grow past the screen either: a window taller than 768 pixels would
put its bottom (the pay buttons) below the screen's edge on a real till.
"""

from __future__ import annotations

import httpx
import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from pos_gui.app import Till

STORE_SCREEN = (1366, 768)
FIVE_EURO_CARD = "9276000000000029"
UNKNOWN_CARD = "9276999999999999"
TRANSACTIONS = "/api/v2/Smart/Transactions"

pytestmark = pytest.mark.usefixtures("till_style_sheet")


def enter(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def arm_fault(admin: httpx.Client, **fault: object) -> None:
    admin.post("/_sim/faults", json={"count": 1, **fault}).raise_for_status()


def cut_off_by(widget: QWidget) -> str | None:
    """The first ancestor (up to the window) that does not show ``widget`` in full, by name."""
    assert widget.isVisible(), widget.objectName()
    window = widget.window()
    screen_rect = QRect(QPoint(0, 0), window.size())
    if not screen_rect.contains(QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())):
        return "window"
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if not parent.rect().contains(QRect(widget.mapTo(parent, QPoint(0, 0)), widget.size())):
            return parent.objectName() or type(parent).__name__
        parent = parent.parentWidget()
    return None


def assert_on_screen(till: Till, *widgets: QWidget) -> None:
    window = till.window
    assert (window.width(), window.height()) == STORE_SCREEN
    # Above the status bar, inside the area the till draws in.
    central = window.centralWidget()
    central_rect = QRect(central.mapTo(window, QPoint(0, 0)), central.size())
    for widget in widgets:
        assert cut_off_by(widget) is None, f"{widget.objectName()} cut off by {cut_off_by(widget)}"
        assert central_rect.contains(QRect(widget.mapTo(window, QPoint(0, 0)), widget.size()))


def test_pay_buttons_stay_on_screen_with_the_message_bar_and_a_card(
    qtbot: QtBot, till: Till, sim_admin: httpx.Client
) -> None:
    window = till.window
    payment = window.payment_panel
    article = window.basket_view.article_input
    for code in ("30037", "30200", "2*4999012345678"):
        enter(qtbot, article, code)
    # A card the server does not know: a warning stays in the message bar.
    enter(qtbot, window.card_panel.card_input, UNKNOWN_CARD)
    qtbot.waitUntil(lambda: "Karte unbekannt" in window.message_bar.text())
    assert_on_screen(till, payment.pay_cash_button, payment.pay_card_button)

    # The right card: holder, balance and details fill the card panel.
    enter(qtbot, window.card_panel.card_input, FIVE_EURO_CARD)
    qtbot.waitUntil(lambda: till.checkout.card is not None and not till.presenter.snapshot().busy)

    # Applying the balance fails once with a server error: the tallest message (text and details).
    arm_fault(sim_admin, method="POST", path=TRANSACTIONS, fault="status", status=503)
    qtbot.mouseClick(payment.apply_card_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: window.message_bar.property("level") == "error" and not till.presenter.snapshot().busy
    )
    assert window.message_bar.isVisible()
    assert_on_screen(till, payment.pay_cash_button, payment.pay_card_button, window.message_bar.close_button)

    # Applied while the server takes its time: "(wird bestätigt …)" lengthens the cash line.
    arm_fault(
        sim_admin,
        method="POST",
        path=f"{TRANSACTIONS}/*/preTransaction",
        fault="latency",
        latency_ms=1500,
    )
    qtbot.mouseClick(payment.apply_card_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "bestätigt" in payment.missing_sum_label.text())
    assert window.message_bar.isVisible()
    assert_on_screen(till, payment.pay_cash_button, payment.pay_card_button)

    qtbot.waitUntil(
        lambda: till.checkout.applied is not None and not till.presenter.snapshot().busy, timeout=10_000
    )
    payment.tendered_input.setFocus()
    qtbot.keyClicks(payment.tendered_input, "5,00")
    qtbot.waitUntil(lambda: "2,04" in payment.change_label.text())
    assert_on_screen(till, payment.pay_cash_button, payment.pay_card_button, payment.tendered_input)


def test_checking_a_payment_and_the_receipt_stay_on_screen_with_the_message_bar(
    qtbot: QtBot, till: Till, sim_admin: httpx.Client
) -> None:
    window = till.window
    payment = window.payment_panel
    for code in ("30037", "2*30200"):
        enter(qtbot, window.basket_view.article_input, code)
    enter(qtbot, window.card_panel.card_input, FIVE_EURO_CARD)
    qtbot.waitUntil(lambda: till.checkout.card is not None and not till.presenter.snapshot().busy)
    # start/cash is booked but its answer is lost; the read-back takes a while.
    arm_fault(sim_admin, method="POST", path=f"{TRANSACTIONS}/*/start/cash", fault="drop_after")
    arm_fault(sim_admin, method="GET", path=f"{TRANSACTIONS}/*", fault="latency", latency_ms=1500)
    qtbot.mouseClick(payment.pay_cash_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(payment.unknown_label.isVisible, timeout=10_000)
    assert "Zahlung wird geprüft" in window.message_bar.text()
    assert_on_screen(till, payment.unknown_label, payment.check_again_button)

    qtbot.waitUntil(lambda: till.presenter.snapshot().showing_receipt, timeout=15_000)
    # Said once the sale is also signed (the demo till's TSE), a moment after the receipt shows.
    qtbot.waitUntil(lambda: "angekommen" in window.message_bar.text())
    assert_on_screen(till, window.receipt_preview, window.new_sale_button)

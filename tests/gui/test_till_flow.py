"""The whole cashier flow in the real window against the embedded simulator.

Driven like a cashier: keys into the fields (a fast burst from ``keyClicks`` is what a scanner
sends), clicks on the buttons, and assertions on what the window shows.
"""

from __future__ import annotations

import httpx
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QTableView, QTextBrowser
from pytestqt.qtbot import QtBot

from pos_gui.app import Till
from pos_gui.core.receipt_layout import to_text
from pos_gui.services.checkout import CheckoutState
from pos_gui.services.receipts import seller_of
from pos_gui.ui.presenters.sale_receipts import receipts_of

SEED_CARD = "9276004429942845"
FIVE_EURO_CARD = "9276000000000029"
LOCKED_CARD = "9276000000000045"
UNKNOWN_CARD = "9276999999999999"


def child(till: Till, cls: type, name: str):  # type: ignore[no-untyped-def]
    widget = till.window.findChild(cls, name)
    assert widget is not None, name
    return widget


def enter(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def build_seed_basket(qtbot: QtBot, till: Till) -> None:
    article = child(till, QLineEdit, "articleInput")
    enter(qtbot, article, "30037")
    enter(qtbot, article, "30200")
    enter(qtbot, article, "2*4999012345678")
    table = child(till, QTableView, "basketTable")
    qtbot.waitUntil(lambda: table.model().rowCount() == 3)


def scan_card(qtbot: QtBot, till: Till, number: str) -> None:
    enter(qtbot, child(till, QLineEdit, "cardInput"), number)


def build_seed_basket_with_card(qtbot: QtBot, till: Till) -> None:
    """The seed's three articles and the seed card, once the card is looked up."""
    build_seed_basket(qtbot, till)
    scan_card(qtbot, till, SEED_CARD)
    qtbot.waitUntil(lambda: till.checkout.card is not None)


def lose_the_cash_answer(sim_admin: httpx.Client, *, failed_reads: int) -> None:
    """start/cash is carried out but its answer is lost; the next ``failed_reads`` read-backs
    fail with 503."""
    for fault in (
        {"method": "POST", "path": "/api/v2/Smart/Transactions/*/start/cash", "fault": "drop_after"},
        {
            "method": "GET",
            "path": "/api/v2/Smart/Transactions/*",
            "fault": "status",
            "status": 503,
            "count": failed_reads,
        },
    ):
        sim_admin.post("/_sim/faults", json=fault).raise_for_status()


def message_text(till: Till) -> str:
    return till.window.message_bar.text()


def test_seed_sale_without_applying_the_balance(qtbot: QtBot, till: Till) -> None:
    build_seed_basket(qtbot, till)
    table = child(till, QTableView, "basketTable")
    model = table.model()
    assert model.index(2, 1).data() == "2"
    assert model.index(2, 4).data() == "1,98 €"
    assert till.window.basket_view.total_label.text() == "7,96 €"

    scan_card(qtbot, till, SEED_CARD)
    balance = child(till, QLabel, "cardBalanceLabel")
    qtbot.waitUntil(lambda: "10,00 €" in balance.text())

    pay = child(till, QPushButton, "payCashButton")
    qtbot.waitUntil(pay.isEnabled)
    qtbot.mouseClick(pay, Qt.MouseButton.LeftButton)
    preview = child(till, QTextBrowser, "receiptPreview")
    qtbot.waitUntil(lambda: "Umsatz erfasst" in preview.toPlainText(), timeout=10_000)
    assert "7,96 EUR" in preview.toPlainText()
    assert till.checkout.transaction is not None
    assert till.checkout.transaction.status == "ok"
    assert till.checkout.state is CheckoutState.PAID

    # The demo till's TSE signs the sale right after the payment; the block joins the receipt.
    qtbot.waitUntil(lambda: "TSE-Transaktion" in preview.toPlainText(), timeout=10_000)

    # Ctrl+N: the next sale starts empty (once the signing is done).
    new_sale = child(till, QPushButton, "newSaleButton")
    qtbot.waitUntil(new_sale.isEnabled)
    qtbot.mouseClick(new_sale, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: model.rowCount() == 0)
    assert not preview.isVisible()


def test_partial_card_payment_with_cash_and_change(qtbot: QtBot, till: Till) -> None:
    build_seed_basket(qtbot, till)
    scan_card(qtbot, till, FIVE_EURO_CARD)
    balance = child(till, QLabel, "cardBalanceLabel")
    qtbot.waitUntil(lambda: "5,00 €" in balance.text())

    apply_button = child(till, QPushButton, "applyCardButton")
    qtbot.waitUntil(apply_button.isEnabled)
    qtbot.mouseClick(apply_button, Qt.MouseButton.LeftButton)
    missing = child(till, QLabel, "missingSumLabel")
    qtbot.waitUntil(lambda: "2,96 €" in missing.text() and not till.presenter.snapshot().busy)
    assert till.checkout.state is CheckoutState.APPLIED

    tendered = child(till, QLineEdit, "tenderedInput")
    tendered.setFocus()
    qtbot.keyClicks(tendered, "5,00")
    change = child(till, QLabel, "changeLabel")
    qtbot.waitUntil(lambda: "2,04 €" in change.text())

    pay = child(till, QPushButton, "payCashButton")
    assert pay.isEnabled()
    qtbot.mouseClick(pay, Qt.MouseButton.LeftButton)
    preview = child(till, QTextBrowser, "receiptPreview")
    qtbot.waitUntil(lambda: "Umsatz erfasst" in preview.toPlainText(), timeout=10_000)
    assert "0,00 EUR" in preview.toPlainText()  # the server's lines: the card's new balance
    assert "Rückgeld                            2,04 €" in preview.toPlainText().splitlines()
    assert "2,04 €" in change.text()


def test_preview_shows_what_the_printer_prints(qtbot: QtBot, till: Till) -> None:
    build_seed_basket(qtbot, till)
    scan_card(qtbot, till, FIVE_EURO_CARD)
    apply_button = child(till, QPushButton, "applyCardButton")
    qtbot.waitUntil(apply_button.isEnabled)
    qtbot.mouseClick(apply_button, Qt.MouseButton.LeftButton)
    missing = child(till, QLabel, "missingSumLabel")
    qtbot.waitUntil(lambda: "2,96 €" in missing.text() and not till.presenter.snapshot().busy)
    tendered = child(till, QLineEdit, "tenderedInput")
    tendered.setFocus()
    qtbot.keyClicks(tendered, "5,00")
    qtbot.waitUntil(lambda: "2,04 €" in child(till, QLabel, "changeLabel").text())
    pay = child(till, QPushButton, "payCashButton")
    qtbot.mouseClick(pay, Qt.MouseButton.LeftButton)
    preview = child(till, QTextBrowser, "receiptPreview")
    qtbot.waitUntil(lambda: "Umsatz erfasst" in preview.toPlainText(), timeout=10_000)

    # The customer receipt the printer gets for this sale: from its journal row, 42 columns.
    record = till.journal.last_completed()
    assert record is not None
    paper = receipts_of(record, 42, seller=seller_of(till.journal, record.sale_id))
    assert paper is not None
    assert "Rückgeld                            2,04 €" in to_text(paper.customer).splitlines()
    # The line holding the drawn Bon-Nr. barcode (an image, U+FFFC) has no printed text.
    shown = [line for line in preview.toPlainText().splitlines() if line.strip() != "\ufffc"]
    assert "".join(f"{line}\n" for line in shown) == to_text(paper.customer)
    # The card sale's receipt number is the till's sale number, like a cash sale's.
    assert [line.split()[-1] for line in preview.toPlainText().splitlines() if "Bon-Nr." in line] == [
        str(record.sale_number)
    ]


def test_tendered_below_amount_due_disables_pay(qtbot: QtBot, till: Till) -> None:
    build_seed_basket(qtbot, till)
    tendered = child(till, QLineEdit, "tenderedInput")
    tendered.setFocus()
    qtbot.keyClicks(tendered, "5")
    change = child(till, QLabel, "changeLabel")
    qtbot.waitUntil(lambda: "2,96 €" in change.text())
    assert "Es fehlen" in change.text()
    assert not child(till, QPushButton, "payCashButton").isEnabled()


def test_locked_card_is_refused_with_a_message(qtbot: QtBot, till: Till) -> None:
    build_seed_basket(qtbot, till)
    scan_card(qtbot, till, LOCKED_CARD)
    qtbot.waitUntil(lambda: "gesperrt" in message_text(till))
    assert till.checkout.card is None
    assert child(till, QTableView, "basketTable").model().rowCount() == 3


def test_unknown_card_is_refused_with_a_message(qtbot: QtBot, till: Till) -> None:
    scan_card(qtbot, till, UNKNOWN_CARD)
    qtbot.waitUntil(lambda: "Karte unbekannt" in message_text(till))
    assert UNKNOWN_CARD in message_text(till)
    assert child(till, QLabel, "cardBalanceLabel").text() == "Keine Karte"


def test_malformed_card_number_is_refused_without_a_request(qtbot: QtBot, till: Till) -> None:
    requests_before = till.client.request_count
    scan_card(qtbot, till, "92761234")
    qtbot.waitUntil(lambda: "Ungültige Kartennummer" in message_text(till))
    assert till.client.request_count == requests_before


def test_one_request_per_card_scan(qtbot: QtBot, till: Till) -> None:
    scan_card(qtbot, till, SEED_CARD)
    balance = child(till, QLabel, "cardBalanceLabel")
    qtbot.waitUntil(lambda: "10,00 €" in balance.text())
    assert till.client.request_count == 1


def test_server_error_keeps_basket_and_card(qtbot: QtBot, till: Till, sim_admin: httpx.Client) -> None:
    build_seed_basket_with_card(qtbot, till)
    sim_admin.post(
        "/_sim/faults",
        json={"method": "POST", "path": "/api/v2/Smart/Transactions", "fault": "status", "status": 503},
    ).raise_for_status()
    pay = child(till, QPushButton, "payCashButton")
    qtbot.waitUntil(pay.isEnabled)
    qtbot.mouseClick(pay, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: till.window.message_bar.property("level") == "error" and bool(message_text(till)))
    assert child(till, QTableView, "basketTable").model().rowCount() == 3
    assert till.checkout.card is not None
    assert "10,00 €" in child(till, QLabel, "cardBalanceLabel").text()
    assert not child(till, QTextBrowser, "receiptPreview").isVisible()
    # The cashier can try again and it goes through.
    qtbot.waitUntil(pay.isEnabled)
    qtbot.mouseClick(pay, Qt.MouseButton.LeftButton)
    preview = child(till, QTextBrowser, "receiptPreview")
    qtbot.waitUntil(lambda: "Umsatz erfasst" in preview.toPlainText(), timeout=10_000)


def test_card_covering_everything_pays_with_card(qtbot: QtBot, till: Till) -> None:
    article = child(till, QLineEdit, "articleInput")
    enter(qtbot, article, "30037")
    scan_card(qtbot, till, SEED_CARD)
    qtbot.waitUntil(lambda: till.checkout.card is not None)
    apply_button = child(till, QPushButton, "applyCardButton")
    qtbot.waitUntil(apply_button.isEnabled)
    qtbot.keyClick(till.window, Qt.Key.Key_F9)
    pay_card = child(till, QPushButton, "payCardButton")
    qtbot.waitUntil(pay_card.isEnabled)
    assert not child(till, QPushButton, "payCashButton").isEnabled()
    assert "0,00 €" in child(till, QLabel, "missingSumLabel").text()
    qtbot.keyClick(till.window, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: till.checkout.state is CheckoutState.PAID, timeout=10_000)
    assert till.checkout.transaction is not None
    assert till.checkout.transaction.payment_method == "loyalty"


def test_payment_without_answer_is_checked_before_anything_else(
    qtbot: QtBot, till: Till, sim_admin: httpx.Client
) -> None:
    build_seed_basket_with_card(qtbot, till)
    # start/cash is carried out but its answer is lost; the first read-backs fail too.
    lose_the_cash_answer(sim_admin, failed_reads=2)
    pay = child(till, QPushButton, "payCashButton")
    qtbot.waitUntil(pay.isEnabled)
    qtbot.mouseClick(pay, Qt.MouseButton.LeftButton)
    unknown = child(till, QLabel, "unknownLabel")
    qtbot.waitUntil(unknown.isVisible, timeout=10_000)
    assert "Zahlung wird geprüft" in unknown.text()
    assert not pay.isVisible()
    assert not child(till, QPushButton, "payCardButton").isVisible()
    # F12 while checking sends nothing.
    qtbot.keyClick(till.window, Qt.Key.Key_F12)
    preview = child(till, QTextBrowser, "receiptPreview")
    qtbot.waitUntil(lambda: "Umsatz erfasst" in preview.toPlainText(), timeout=15_000)
    assert till.checkout.state is CheckoutState.PAID
    state = sim_admin.get("/_sim/state").json()
    paid = [tx for tx in state.get("transactions", []) if tx.get("status") == "ok"]
    assert len(paid) == 1

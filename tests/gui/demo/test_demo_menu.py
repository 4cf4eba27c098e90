"""The presenter's Demo menu in the real window against the embedded simulator: reset, the demo
cards, the one-click scenarios, and no Demo menu outside demo mode."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMenu, QPushButton, QTableView, QTextBrowser
from pytestqt.qtbot import QtBot

from pos_gui.api.auth import ClientCredentials
from pos_gui.app import Connection, build_till
from pos_gui.app.window_extras import install_backoffice, install_demo_menu
from pos_gui.config.paths import resolve_paths
from pos_gui.config.settings import Settings
from pos_gui.services.checkout import CheckoutState
from tests.gui.demo.conftest import DemoTill
from tests.helpers.qt import child, enter, run_until_done

SEED_CARD = "9276004429942845"
BONUS_CARD = "9276000000000011"
LOCKED_CARD = "9276000000000045"


def sim_card(sim_admin: httpx.Client, number: str) -> dict[str, object]:
    cards = sim_admin.get("/_sim/state").json()["cards"]
    return next(card for card in cards if card["card"]["cardnumber"] == number)


def add_article(qtbot: QtBot, shop: DemoTill, code: str = "30037") -> None:
    enter(qtbot, child(shop.window, QLineEdit, "articleInput"), code)
    table = child(shop.window, QTableView, "basketTable")
    qtbot.waitUntil(lambda: table.model().rowCount() >= 1)


def pay_with_seed_card(qtbot: QtBot, shop: DemoTill) -> None:
    """Sandwich Romano (3,49 €) paid in full from the seed card's balance."""
    add_article(qtbot, shop)
    enter(qtbot, child(shop.window, QLineEdit, "cardInput"), SEED_CARD)
    qtbot.waitUntil(lambda: shop.till.checkout.card is not None)
    qtbot.waitUntil(child(shop.window, QPushButton, "applyCardButton").isEnabled)
    qtbot.keyClick(shop.window, Qt.Key.Key_F9)
    qtbot.waitUntil(child(shop.window, QPushButton, "payCardButton").isEnabled)
    qtbot.keyClick(shop.window, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: shop.till.checkout.state is CheckoutState.PAID, timeout=10_000)


def trigger(qtbot: QtBot, shop: DemoTill, name: str, wait_for: str | None = "Szenario") -> None:
    """Click a Demo menu entry as the presenter does; wait for its line in the message bar."""
    action = next(action for action in shop.demo_menu.menu.actions() if action.objectName() == name)
    action.trigger()
    if wait_for is not None:
        qtbot.waitUntil(lambda: wait_for in shop.message())


def test_the_demo_menu_sits_before_help_with_reset_cards_and_scenarios(demo_till: DemoTill) -> None:
    titles = [action.text() for action in demo_till.window.menuBar().actions()]
    entries = [action.text() for action in demo_till.demo_menu.menu.actions() if not action.isSeparator()]

    assert titles[-2:] == ["&Demo", "&Hilfe"]
    assert entries == [
        "Demo zurücksetzen …",
        "Demokarten …",
        "Antwort geht verloren",
        "Karte gesperrt",
        "Server nicht erreichbar",
        "Drucker aus",
    ]


def test_reset_restores_the_card_and_empties_todays_sales_list(
    qtbot: QtBot, demo_till: DemoTill, sim_admin: httpx.Client
) -> None:
    shop = demo_till
    pay_with_seed_card(qtbot, shop)
    assert sim_card(sim_admin, SEED_CARD)["cash_balance"] == 1000 - 349
    sales = shop.backoffice.show_sales_today()
    qtbot.waitUntil(lambda: sales.table.rowCount() == 1)

    trigger(qtbot, shop, "demoResetAction", wait_for=None)
    question = shop.demo_menu.reset_question
    assert question is not None
    qtbot.waitExposed(question)
    reset_button = next(button for button in question.buttons() if button.text() == "Zurücksetzen")
    qtbot.mouseClick(reset_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: "Demo zurückgesetzt" in shop.message())
    assert sim_card(sim_admin, SEED_CARD)["cash_balance"] == 1000
    assert sim_admin.get("/_sim/state").json()["transactions"] == []
    assert sales.table.rowCount() == 0
    assert shop.till.checkout.state is CheckoutState.EMPTY
    assert child(shop.window, QTableView, "basketTable").model().rowCount() == 0
    # The journal keeps the sale (append-only); the reset is recorded beside it.
    assert len(shop.till.journal.sales_of_day(shop.till.journal.sale(sales_id(shop)).time.date())) == 1
    assert (shop.paths.data_dir / "demo-resets.json").is_file()


def sales_id(shop: DemoTill) -> str:
    sale = shop.till.journal.last_completed()
    assert sale is not None
    return sale.sale_id


def test_escape_on_the_reset_question_changes_nothing(
    qtbot: QtBot, demo_till: DemoTill, sim_admin: httpx.Client
) -> None:
    shop = demo_till
    pay_with_seed_card(qtbot, shop)

    trigger(qtbot, shop, "demoResetAction", wait_for=None)
    question = shop.demo_menu.reset_question
    assert question is not None
    qtbot.waitExposed(question)
    qtbot.keyClick(question, Qt.Key.Key_Escape)

    qtbot.waitUntil(lambda: shop.demo_menu.reset_question is None)
    run_until_done(qtbot, shop.demo_menu.wait_idle())
    assert sim_card(sim_admin, SEED_CARD)["cash_balance"] == 1000 - 349
    assert shop.till.checkout.state is CheckoutState.PAID
    assert not (shop.paths.data_dir / "demo-resets.json").exists()


def test_lost_answer_is_checked_and_booked_exactly_once(
    qtbot: QtBot, demo_till: DemoTill, sim_admin: httpx.Client
) -> None:
    shop = demo_till
    said: list[str] = []
    shop.till.presenter.message.connect(lambda message: said.append(message.text))
    add_article(qtbot, shop)
    trigger(qtbot, shop, "demoLostAnswerAction")
    pay = child(shop.window, QPushButton, "payCashButton")
    qtbot.waitUntil(pay.isEnabled)

    qtbot.keyClick(shop.window, Qt.Key.Key_F12)

    preview = child(shop.window, QTextBrowser, "receiptPreview")
    qtbot.waitUntil(lambda: "Bar gegeben" in preview.toPlainText(), timeout=15_000)
    qtbot.waitUntil(lambda: len(said) >= 2)
    assert said[:2] == ["Zahlung wird geprüft …", "Die Zahlung ist angekommen. Der Beleg wird angezeigt."]
    assert shop.till.checkout.state is CheckoutState.PAID
    booked = [tx for tx in sim_admin.get("/_sim/state").json()["transactions"] if tx["status"] == "ok"]
    assert len(booked) == 1


def test_the_demo_cards_list_shows_what_each_card_does_and_scans_the_chosen_one(
    qtbot: QtBot, demo_till: DemoTill
) -> None:
    shop = demo_till
    trigger(qtbot, shop, "demoCardsAction", wait_for=None)
    dialog = shop.demo_menu.cards_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    rows = {
        dialog.table.item(row, 0).text(): [dialog.table.item(row, column).text() for column in range(5)]
        for row in range(dialog.table.rowCount())
    }
    assert rows[SEED_CARD][1:3] == ["Max Mustermann", "10,00 €"]
    assert rows["9276000000000052"][4] == "Passcode (PIN 1234)"
    assert rows[LOCKED_CARD][4] == "gesperrt"
    assert rows["9276000000000037"][4] == "leer"
    assert rows["9276000000009999"][4] == "unbekannt"
    assert not dialog.take_button.isEnabled()

    dialog.select_card(BONUS_CARD)
    qtbot.mouseClick(dialog.take_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: shop.till.checkout.card is not None)
    card = shop.till.checkout.card
    assert card is not None
    assert card.card is not None
    assert card.card.cardnumber == BONUS_CARD
    qtbot.waitUntil(lambda: "Erika Musterfrau" in _card_panel_text(shop))
    assert shop.demo_menu.cards_dialog is None


def _card_panel_text(shop: DemoTill) -> str:
    return " ".join(label.text() for label in shop.window.card_panel.findChildren(QLabel))


def test_locked_card_scenario_shows_the_cashier_the_locked_card(qtbot: QtBot, demo_till: DemoTill) -> None:
    trigger(qtbot, demo_till, "demoLockedCardAction", wait_for="Karte gesperrt")

    assert LOCKED_CARD[-4:] in demo_till.message()


def test_server_unreachable_shows_the_cashiers_server_message(qtbot: QtBot, demo_till: DemoTill) -> None:
    shop = demo_till
    add_article(qtbot, shop)
    trigger(qtbot, shop, "demoServerDownAction")

    enter(qtbot, child(shop.window, QLineEdit, "cardInput"), SEED_CARD)

    qtbot.waitUntil(lambda: "Keine Verbindung zum Server" in shop.message(), timeout=10_000)
    assert child(shop.window, QTableView, "basketTable").model().rowCount() == 1


def test_printer_off_shows_the_printer_failure_dialog_until_the_demo_is_reset(
    qtbot: QtBot, demo_till: DemoTill
) -> None:
    shop = demo_till
    output = shop.backoffice.output
    trigger(qtbot, shop, "demoPrinterOffAction")

    add_article(qtbot, shop)
    qtbot.waitUntil(child(shop.window, QPushButton, "payCashButton").isEnabled)
    qtbot.keyClick(shop.window, Qt.Key.Key_F12)

    qtbot.waitUntil(lambda: output.failure_dialog is not None and output.failure_dialog.isVisible())
    dialog = output.failure_dialog
    assert dialog is not None
    assert dialog.retry_button.isVisible()
    assert dialog.save_pdf_button.isVisible()
    assert dialog.continue_button.isVisible()
    qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)

    run_until_done(qtbot, shop.demo_menu.reset())
    assert shop.backoffice.printing.settings == shop.backoffice.settings.printer


def test_no_demo_menu_outside_demo_mode(
    qtbot: QtBot, qapp: QApplication, qloop: asyncio.AbstractEventLoop, sim_url: str, tmp_path: Path
) -> None:
    paths = resolve_paths(tmp_path / "till")
    connection = Connection("TESTING", sim_url, ClientCredentials("demo-till", "demo-secret"))
    till = build_till(qapp, connection, paths.journal_file, device_id="testing-till")  # type: ignore[arg-type]
    try:
        backoffice = install_backoffice(till, Settings(), paths, None)

        assert install_demo_menu(till, backoffice, connection, paths.data_dir) is None
        assert till.window.findChild(QMenu, "demoMenu") is None
        assert "&Demo" not in [action.text() for action in till.window.menuBar().actions()]
    finally:
        run_until_done(qtbot, till.aclose())

"""The day's screens in the real till window against the embedded simulator (issue 12).

Driven like a cashier: the login with the PIN, a cashier switch, a manager's PIN on the spot,
cash in and out, a Storno that gives the card its money back on the simulator, the Z closing
with a counted difference; asserted on what the screens show.
"""

from __future__ import annotations

import time

import httpx
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QLabel, QLineEdit, QPushButton, QTextBrowser
from pytestqt.qtbot import QtBot

from pos_gui.app import Till
from pos_gui.persistence.day_events import DayEventKind
from pos_gui.ui.day import ShopDayScreens, install_shop_day
from pos_gui.ui.day.storno_dialog import StornoDialog
from tests.gui.test_till_flow import FIVE_EURO_CARD, build_seed_basket, child, scan_card
from tests.helpers.qt import run_until_done

# Between two keys a person types (the scanner filter takes faster keys for a scan).
TYPING_DELAY_MS = 70


def enter(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    """Typed by hand: slower than a scanner, whose fast burst would go to the basket."""
    qtbot.keyClicks(field, text, delay=TYPING_DELAY_MS)
    qtbot.keyClick(field, Qt.Key.Key_Return, delay=TYPING_DELAY_MS)


def screens_of(till: Till) -> ShopDayScreens:
    return install_shop_day(till.window, till.day)


def login(qtbot: QtBot, screens: ShopDayScreens, name: str, pin: str) -> None:
    screens.overlay.select_cashier(name)
    enter(qtbot, screens.overlay.pin_input, pin)


def answer_override(qtbot: QtBot, till: Till, pin: str) -> None:
    def open_prompt() -> QInputDialog | None:
        shown = [d for d in till.window.findChildren(QInputDialog, "overrideDialog") if d.isVisible()]
        return shown[0] if shown else None

    qtbot.waitUntil(lambda: open_prompt() is not None)
    dialog = open_prompt()
    assert dialog is not None
    assert "Marktleitung" in dialog.labelText()
    dialog.setTextValue(pin)
    dialog.accept()


def test_login_wrong_pin_float_and_a_switch_under_two_seconds(qtbot: QtBot, till: Till) -> None:
    screens = screens_of(till)
    screens.open_login(switch=True)
    overlay = screens.overlay
    assert overlay.isVisible()
    assert overlay.cashier_list.count() == 2
    assert "Anna Demo: 1234" in child(till, QLabel, "demoCashiersHint").text()

    login(qtbot, screens, "Ben Demo", "9999")
    assert child(till, QLabel, "loginError").text() == "Falsche PIN."
    login(qtbot, screens, "Ben Demo", "1111")
    # First login of the day: the opening float is counted.
    assert overlay.pages.currentWidget().isAncestorOf(overlay.float_input)
    enter(qtbot, overlay.float_input, "150,00")
    assert overlay.float_error.text() == ""
    assert not overlay.isVisible()
    assert screens.cashier_status.text() == "Kasse: Ben Demo"
    assert till.checkout.cashier == "Ben Demo"

    started = time.monotonic()
    qtbot.keyClick(till.window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    login(qtbot, screens, "Anna Demo", "1234")
    assert time.monotonic() - started < 2.0
    assert not overlay.isVisible()
    assert screens.cashier_status.text() == "Kasse: Anna Demo"


def test_cash_out_needs_a_manager_pin_and_changes_the_expected_cash(qtbot: QtBot, till: Till) -> None:
    screens = screens_of(till)
    till.day.count_float("100,00")
    screens.open_login(switch=True)
    login(qtbot, screens, "Ben Demo", "1111")

    cash_in = screens.open_cash_move(taking_out=False)
    assert "100,00 €" in cash_in.expected_label.text()
    qtbot.keyClicks(cash_in.amount_input, "20,00", delay=TYPING_DELAY_MS)
    enter(qtbot, cash_in.reason_input, "Wechselgeld")
    assert not cash_in.isVisible()
    assert till.day.expected_cash() == 12000

    cash_out = screens.open_cash_move(taking_out=True)
    qtbot.keyClicks(cash_out.amount_input, "50", delay=TYPING_DELAY_MS)
    enter(qtbot, cash_out.reason_input, "Bank")
    answer_override(qtbot, till, "1111")  # Ben is no manager: asked again
    answer_override(qtbot, till, "1234")
    qtbot.waitUntil(lambda: not cash_out.isVisible())
    assert till.day.expected_cash() == 7000
    overrides = till.journal.all_events(kinds=["override_granted"])
    assert overrides[-1].payload["right"] == "cash_out"


def paid_card_sale(qtbot: QtBot, till: Till) -> int:
    """A sale paid with the 5-euro card's whole balance and the rest in cash; its Bon-Nr."""
    build_seed_basket(qtbot, till)
    scan_card(qtbot, till, FIVE_EURO_CARD)
    apply_button = child(till, QPushButton, "applyCardButton")
    qtbot.waitUntil(apply_button.isEnabled)
    qtbot.mouseClick(apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: till.checkout.state.name == "APPLIED" and not till.presenter.snapshot().busy)
    qtbot.mouseClick(child(till, QPushButton, "payCashButton"), Qt.MouseButton.LeftButton)
    preview = child(till, QTextBrowser, "receiptPreview")
    qtbot.waitUntil(lambda: "Umsatz erfasst" in preview.toPlainText(), timeout=10_000)
    return till.journal.last_completed().sale_number  # type: ignore[union-attr]


def card_balance(qtbot: QtBot, till: Till) -> int:
    async def balance() -> int:
        client = await till.server.client()
        return int((await client.find_merchant_card(FIVE_EURO_CARD)).balance)

    return run_until_done(qtbot, balance())


def test_storno_gives_the_card_its_money_back_and_prints_the_storno_receipt(qtbot: QtBot, till: Till) -> None:
    screens = screens_of(till)
    number = paid_card_sale(qtbot, till)
    assert "Es bediente Sie Anna Demo" in child(till, QTextBrowser, "receiptPreview").toPlainText()
    assert card_balance(qtbot, till) == 0
    dialog = screens.open_storno()
    assert dialog.sales_list.count() == 1
    dialog.number_input.clear()
    enter(qtbot, dialog.number_input, str(number))
    enter(qtbot, dialog.reason_input, "Falscher Artikel")
    qtbot.waitUntil(
        lambda: "gebucht" in dialog.status_label.text() or "Storno läuft" not in dialog.status_label.text(),
        timeout=10_000,
    )
    assert "gebucht" in dialog.status_label.text(), dialog.status_label.text()
    assert "Bar auszahlen: 2,96 €" in dialog.status_label.text()
    assert "Zurück auf die Karte: 5,00 €" in dialog.status_label.text()
    assert f"Storno zu Bon-Nr. {number}" in dialog.preview.toPlainText()
    assert card_balance(qtbot, till) == 500
    assert dialog.sales_list.count() == 0


def storno_with_no_answer(
    qtbot: QtBot, screens: ShopDayScreens, number: int
) -> tuple[StornoDialog, list[str]]:
    """Bon-Nr. ``number`` reversed in the dialog while the cancel's answer is lost; the dialog and
    what it said (the lost answer's message)."""
    dialog = screens.open_storno()
    said: list[str] = []
    dialog.presenter.refused.connect(said.append)
    dialog.number_input.clear()
    enter(qtbot, dialog.number_input, str(number))
    enter(qtbot, dialog.reason_input, "Falscher Artikel")
    qtbot.waitUntil(lambda: bool(said), timeout=10_000)
    return dialog, said


def test_a_storno_whose_answer_is_lost_is_asked_again_and_booked_once(
    qtbot: QtBot, till: Till, sim_admin: httpx.Client
) -> None:
    screens = screens_of(till)
    number = paid_card_sale(qtbot, till)
    # The server cancels the sale, but its answer never reaches the till.
    sim_admin.post(
        "/_sim/faults",
        json={"method": "POST", "path": "/api/v2/Smart/Transactions/*/cancel", "fault": "drop_after"},
    ).raise_for_status()
    dialog, said = storno_with_no_answer(qtbot, screens, number)
    assert said == ["Keine Antwort vom Server: der Storno wird nachgefragt."]

    # Asked again by itself: booked, its receipt shown, the card refunded once.
    qtbot.waitUntil(lambda: "gebucht" in dialog.status_label.text(), timeout=10_000)
    assert "Bar auszahlen: 2,96 €" in dialog.status_label.text()
    assert f"Storno zu Bon-Nr. {number}" in dialog.preview.toPlainText()
    assert "nachträglich gebucht" in till.window.message_bar.text()
    assert card_balance(qtbot, till) == 500
    assert [e.kind for e in till.journal.all_events(kinds=["storno_announced", "storno_booked"])] == [
        "storno_announced",
        "storno_booked",
    ]


def test_closing_the_till_stops_asking_about_an_open_storno_and_keeps_it_open(
    qtbot: QtBot, till: Till, sim_admin: httpx.Client
) -> None:
    screens = screens_of(till)
    number = paid_card_sale(qtbot, till)
    for fault in (
        {"method": "POST", "path": "/api/v2/Smart/Transactions/*/cancel", "fault": "drop_after"},
        {
            "method": "GET",
            "path": "/api/v2/Smart/Transactions/*",
            "fault": "status",
            "status": 503,
            "count": 100,
        },
    ):
        sim_admin.post("/_sim/faults", json=fault).raise_for_status()
    _dialog, said = storno_with_no_answer(qtbot, screens, number)
    assert said == ["Keine Antwort vom Server: der Storno wird nachgefragt."]
    qtbot.wait(1500)  # the first read-backs fail; the next one waits

    started = time.monotonic()
    assert till.day is not None
    run_until_done(qtbot, till.day.shutdown())
    assert time.monotonic() - started < 1.0
    # Still announced in the ledger: the next start asks again.
    assert [e.kind for e in till.journal.all_events(kinds=["storno_announced", "storno_booked"])] == [
        "storno_announced"
    ]
    sim_admin.delete("/_sim/faults").raise_for_status()


def test_a_storno_left_open_by_the_last_run_is_asked_at_start(
    qtbot: QtBot, till: Till, sim_admin: httpx.Client
) -> None:
    number = paid_card_sale(qtbot, till)
    sale = till.journal.last_completed()
    assert sale is not None
    assert sale.transaction_id is not None
    # As after a kill between the announcement and the answer: announced, cancelled on the server.
    till.journal.append_day_event(
        "storno-before-the-kill",
        DayEventKind.STORNO_ANNOUNCED,
        {
            "cashier_id": "anna",
            "manager_id": "anna",
            "original_sale_id": sale.sale_id,
            "original_number": number,
            "transaction_id": sale.transaction_id,
            "reason": "Kunde",
        },
    )

    async def cancel_on_the_server() -> None:
        client = await till.server.client()
        await client.cancel_transaction(sale.transaction_id)

    run_until_done(qtbot, cancel_on_the_server())
    screens_of(till)  # the day's screens installed, as at every start
    qtbot.waitUntil(lambda: "nachträglich gebucht" in till.window.message_bar.text(), timeout=10_000)
    assert f"Storno zu Bon-Nr. {number} nachträglich gebucht" in till.window.message_bar.text()
    assert card_balance(qtbot, till) == 500
    assert len(till.journal.all_events(kinds=["storno_booked"])) == 1


def test_z_closing_with_a_counted_difference(qtbot: QtBot, till: Till) -> None:
    screens = screens_of(till)
    till.day.count_float("100,00")
    x_report = screens.open_x_report()
    assert x_report is not None
    assert "Soll-Bestand Kasse  100,00 €" in x_report.report_text()

    z = screens.open_z_closing()
    assert z is not None
    z.count_fields[5000].setFocus()
    qtbot.keyClicks(z.count_fields[5000], "1")
    qtbot.keyClick(z.count_fields[5000], Qt.Key.Key_Return)
    assert z.focusWidget() is z.count_fields[2000]
    qtbot.keyClicks(z.count_fields[2000], "2")
    qtbot.keyClicks(z.count_fields[200], "4")
    assert z.counted_label.text() == "Gezählt: 98,00 €"
    assert z.difference_label.text().endswith("-2,00 €")
    qtbot.mouseClick(z.book_button, Qt.MouseButton.LeftButton)
    assert "Z-Nr. 1" in z.report_text()
    assert "Differenz (Ist - Soll)  -2,00 €" in z.report_text()
    assert not z.book_button.isEnabled()
    assert till.day.needs_float()  # the next period starts with a count again


def test_training_mode_needs_a_manager_and_shows_the_banner(qtbot: QtBot, till: Till) -> None:
    screens = screens_of(till)
    screens.open_login(switch=True)
    login(qtbot, screens, "Ben Demo", "1111")
    enter(qtbot, screens.overlay.float_input, "0")
    screens.training_action.trigger()
    answer_override(qtbot, till, "1234")
    banner = child(till, QLabel, "trainingBanner")
    qtbot.waitUntil(banner.isVisible)
    assert "TRAININGSBON – KEIN VERKAUF" in banner.text()
    assert till.checkout.training

"""Start-up after a crash: the presenter reconciles the journal with the server and shows it."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QTableView, QTextBrowser
from pytestqt.qtbot import QtBot

from pos_gui.api.auth import ClientCredentials
from pos_gui.app import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, Connection, Till, build_till
from pos_gui.services.checkout import CheckoutState
from pos_gui.simulator.embedded import EmbeddedSimulator
from tests.gui.conftest import run_until_done
from tests.gui.test_till_flow import SEED_CARD, build_seed_basket, child, scan_card


def open_till(qapp: QApplication, simulator: EmbeddedSimulator, journal: Path) -> Till:
    connection = Connection("DEMO", simulator.url, ClientCredentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET))
    till = build_till(qapp, connection, journal, device_id="recovery-test")
    till.window.show()
    return till


def test_paid_sale_whose_answer_was_lost_is_shown_after_restart(
    qtbot: QtBot,
    qapp: QApplication,
    qloop: asyncio.AbstractEventLoop,
    simulator: EmbeddedSimulator,
    sim_admin: httpx.Client,
    tmp_path: Path,
) -> None:
    journal = tmp_path / "journal.sqlite3"
    first = open_till(qapp, simulator, journal)
    try:
        build_seed_basket(qtbot, first)
        scan_card(qtbot, first, SEED_CARD)
        qtbot.waitUntil(lambda: first.checkout.card is not None)
        # The payment is booked but its answer is lost, and the server stays unreachable for reads.
        for fault in (
            {"method": "POST", "path": "/api/v2/Smart/Transactions/*/start/cash", "fault": "drop_after"},
            {
                "method": "GET",
                "path": "/api/v2/Smart/Transactions/*",
                "fault": "status",
                "status": 503,
                "count": 1000,
            },
        ):
            sim_admin.post("/_sim/faults", json=fault).raise_for_status()
        pay = child(first, QPushButton, "payCashButton")
        qtbot.waitUntil(pay.isEnabled)
        qtbot.mouseClick(pay, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: first.checkout.state is CheckoutState.UNKNOWN)
        qtbot.waitUntil(child(first, QLabel, "unknownLabel").isVisible)
    finally:
        # The till is closed (or crashes) while the outcome is still being checked.
        run_until_done(qtbot, first.aclose())
    sim_admin.delete("/_sim/faults").raise_for_status()

    second = open_till(qapp, simulator, journal)
    try:
        run_until_done(qtbot, second.presenter.start_up_now())
        preview = child(second, QTextBrowser, "receiptPreview")
        qtbot.waitUntil(lambda: "Umsatz erfasst" in preview.toPlainText())
        assert "7,96 EUR" in preview.toPlainText()
        assert "schon bezahlt" in second.window.message_bar.text()
        # The next sale starts from an empty basket.
        qtbot.mouseClick(child(second, QPushButton, "newSaleButton"), Qt.MouseButton.LeftButton)
        assert child(second, QTableView, "basketTable").model().rowCount() == 0
    finally:
        run_until_done(qtbot, second.aclose())
    paid = [tx for tx in sim_admin.get("/_sim/state").json()["transactions"] if tx["status"] == "ok"]
    assert len(paid) == 1


def test_unpaid_basket_is_restored_after_restart(
    qtbot: QtBot,
    qapp: QApplication,
    qloop: asyncio.AbstractEventLoop,
    simulator: EmbeddedSimulator,
    sim_admin: httpx.Client,
    tmp_path: Path,
) -> None:
    journal = tmp_path / "journal.sqlite3"
    first = open_till(qapp, simulator, journal)
    try:
        build_seed_basket(qtbot, first)
        scan_card(qtbot, first, SEED_CARD)
        qtbot.waitUntil(lambda: first.checkout.card is not None)
    finally:
        run_until_done(qtbot, first.aclose())

    second = open_till(qapp, simulator, journal)
    try:
        run_until_done(qtbot, second.presenter.start_up_now())
        table = child(second, QTableView, "basketTable")
        qtbot.waitUntil(lambda: table.model().rowCount() == 3)
        assert "wiederhergestellt" in second.window.message_bar.text()
        assert "10,00 €" in child(second, QLabel, "cardBalanceLabel").text()
        assert second.window.basket_view.total_label.text() == "7,96 €"
    finally:
        run_until_done(qtbot, second.aclose())

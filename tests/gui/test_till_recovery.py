"""Start-up after a crash: the presenter reconciles the journal with the server and shows it."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QTableView, QTextBrowser
from pytestqt.qtbot import QtBot

from pos_gui.app import Connection, Till, build_till
from pos_gui.services.checkout import CheckoutState
from pos_sim.embedded import EmbeddedSimulator
from pos_sim.settings import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET
from tests.gui.day.discard import answer_discard
from tests.gui.test_till_flow import build_seed_basket_with_card, child, lose_the_cash_answer
from tests.helpers.qt import run_until_done


@contextmanager
def open_till(
    qtbot: QtBot, qapp: QApplication, simulator: EmbeddedSimulator, journal: Path
) -> Iterator[Till]:
    """A till on ``journal``, shown; closed when the block ends (or the till "crashes")."""
    connection = Connection.demo(simulator.url)
    till = build_till(qapp, connection, journal, device_id="recovery-test")
    till.window.show()
    try:
        yield till
    finally:
        run_until_done(qtbot, till.aclose())


def _booked(sim_admin: httpx.Client) -> list[dict[str, object]]:
    """The simulator's paid transactions."""
    return [tx for tx in sim_admin.get("/_sim/state").json()["transactions"] if tx["status"] == "ok"]


def test_paid_sale_whose_answer_was_lost_is_shown_after_restart(
    qtbot: QtBot,
    qapp: QApplication,
    qloop: asyncio.AbstractEventLoop,
    simulator: EmbeddedSimulator,
    sim_admin: httpx.Client,
    tmp_path: Path,
) -> None:
    journal = tmp_path / "journal.sqlite3"
    # The till is closed (or crashes) while the outcome is still being checked.
    with open_till(qtbot, qapp, simulator, journal) as first:
        build_seed_basket_with_card(qtbot, first)
        # The payment is booked but its answer is lost, and the server stays unreachable for reads.
        lose_the_cash_answer(sim_admin, failed_reads=1000)
        pay = child(first, QPushButton, "payCashButton")
        qtbot.waitUntil(pay.isEnabled)
        qtbot.mouseClick(pay, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: first.checkout.state is CheckoutState.UNKNOWN)
        qtbot.waitUntil(child(first, QLabel, "unknownLabel").isVisible)
    sim_admin.delete("/_sim/faults").raise_for_status()

    with open_till(qtbot, qapp, simulator, journal) as second:
        run_until_done(qtbot, second.presenter.start_up_now())
        preview = child(second, QTextBrowser, "receiptPreview")
        qtbot.waitUntil(lambda: "Umsatz erfasst" in preview.toPlainText())
        assert "7,96 EUR" in preview.toPlainText()
        assert "schon bezahlt" in second.window.message_bar.text()
        # The next sale starts from an empty basket.
        qtbot.mouseClick(child(second, QPushButton, "newSaleButton"), Qt.MouseButton.LeftButton)
        assert child(second, QTableView, "basketTable").model().rowCount() == 0
    assert len(_booked(sim_admin)) == 1


def test_unpaid_basket_is_restored_after_restart(
    qtbot: QtBot,
    qapp: QApplication,
    qloop: asyncio.AbstractEventLoop,
    simulator: EmbeddedSimulator,
    sim_admin: httpx.Client,
    tmp_path: Path,
) -> None:
    journal = tmp_path / "journal.sqlite3"
    with open_till(qtbot, qapp, simulator, journal) as first:
        build_seed_basket_with_card(qtbot, first)

    with open_till(qtbot, qapp, simulator, journal) as second:
        run_until_done(qtbot, second.presenter.start_up_now())
        table = child(second, QTableView, "basketTable")
        qtbot.waitUntil(lambda: table.model().rowCount() == 3)
        assert "wiederhergestellt" in second.window.message_bar.text()
        assert "10,00 €" in child(second, QLabel, "cardBalanceLabel").text()
        assert second.window.basket_view.total_label.text() == "7,96 €"


def _late_start(sim_admin: httpx.Client, transaction_id: str) -> None:
    """The cash payment sent before the crash, reaching the server only now."""
    token = sim_admin.post(
        "/oauth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": DEMO_CLIENT_ID,
            "client_secret": DEMO_CLIENT_SECRET,
        },
    )
    token.raise_for_status()
    started = sim_admin.post(
        f"/api/v2/Smart/Transactions/{transaction_id}/start/cash",
        headers={"Authorization": f"Bearer {token.json()['access_token']}"},
    )
    started.raise_for_status()


def _restored_after_a_start_that_never_arrived(
    qtbot: QtBot, qapp: QApplication, simulator: EmbeddedSimulator, sim_admin: httpx.Client, journal: Path
) -> None:
    """The first run: seed sale with card, F12, and the till dies before start/cash arrives.

    The till reads the transaction back at once when a payment goes unanswered; those reads are
    dropped too, so that it dies not knowing (else it would be back at CARD before the test
    looks, and under load the test could miss the UNKNOWN in between).
    """
    with open_till(qtbot, qapp, simulator, journal) as first:
        build_seed_basket_with_card(qtbot, first)
        for method, path, count in (
            ("POST", "/api/v2/Smart/Transactions/*/start/cash", 1),
            ("GET", "/api/v2/Smart/Transactions/*", 1000),
        ):
            sim_admin.post(
                "/_sim/faults",
                json={"method": method, "path": path, "fault": "drop_before", "count": count},
            ).raise_for_status()
        qtbot.keyClick(first.window, Qt.Key.Key_F12)
        qtbot.waitUntil(lambda: first.checkout.state is CheckoutState.UNKNOWN)
    sim_admin.delete("/_sim/faults").raise_for_status()


def _server_status(sim_admin: httpx.Client, transaction_id: str) -> str:
    (transaction,) = [
        tx for tx in sim_admin.get("/_sim/state").json()["transactions"] if tx["id"] == transaction_id
    ]
    return str(transaction["status"])


@contextmanager
def restored_till(
    qtbot: QtBot, qapp: QApplication, simulator: EmbeddedSimulator, journal: Path
) -> Iterator[tuple[Till, str]]:
    """The restarted till with the first run's sale restored as unpaid, and its transaction id."""
    with open_till(qtbot, qapp, simulator, journal) as second:
        run_until_done(qtbot, second.presenter.start_up_now())
        qtbot.waitUntil(lambda: second.checkout.state is CheckoutState.CARD)
        assert second.checkout.transaction is not None
        yield second, second.checkout.transaction.id


def test_sale_booked_late_after_a_restart_is_shown_paid_instead_of_paid_twice(
    qtbot: QtBot,
    qapp: QApplication,
    qloop: asyncio.AbstractEventLoop,
    simulator: EmbeddedSimulator,
    sim_admin: httpx.Client,
    tmp_path: Path,
) -> None:
    journal = tmp_path / "journal.sqlite3"
    _restored_after_a_start_that_never_arrived(qtbot, qapp, simulator, sim_admin, journal)

    with restored_till(qtbot, qapp, simulator, journal) as (second, transaction_id):
        _late_start(sim_admin, transaction_id)
        # Not knowing that, the cashier adds a croissant and takes the money again.
        article_input = child(second, QLineEdit, "articleInput")
        qtbot.keyClicks(article_input, "1007")
        qtbot.keyClick(article_input, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: len(second.checkout.basket.lines) == 4)
        with qtbot.waitSignal(second.presenter.sale_paid, timeout=10_000):
            qtbot.keyClick(second.window, Qt.Key.Key_F12)
        assert "schon bezahlt" in second.window.message_bar.text()
        preview = child(second, QTextBrowser, "receiptPreview")
        qtbot.waitUntil(lambda: "Umsatz erfasst" in preview.toPlainText())
        assert "7,96" in preview.toPlainText()
        assert child(second, QTableView, "basketTable").model().rowCount() == 3
    assert len(_booked(sim_admin)) == 1


def test_giving_up_a_restored_sale_aborts_its_transaction(
    qtbot: QtBot,
    qapp: QApplication,
    qloop: asyncio.AbstractEventLoop,
    simulator: EmbeddedSimulator,
    sim_admin: httpx.Client,
    tmp_path: Path,
) -> None:
    journal = tmp_path / "journal.sqlite3"
    _restored_after_a_start_that_never_arrived(qtbot, qapp, simulator, sim_admin, journal)
    with restored_till(qtbot, qapp, simulator, journal) as (second, transaction_id):
        qtbot.keyClick(second.window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        answer_discard(qtbot, second.window, discard=True)  # "Verkauf verwerfen?"
        qtbot.waitUntil(lambda: _server_status(sim_admin, transaction_id) == "aborted")
        assert child(second, QTableView, "basketTable").model().rowCount() == 0


def test_a_given_up_sale_that_was_booked_late_is_reported_and_kept_as_paid(
    qtbot: QtBot,
    qapp: QApplication,
    qloop: asyncio.AbstractEventLoop,
    simulator: EmbeddedSimulator,
    sim_admin: httpx.Client,
    tmp_path: Path,
) -> None:
    journal = tmp_path / "journal.sqlite3"
    _restored_after_a_start_that_never_arrived(qtbot, qapp, simulator, sim_admin, journal)
    with restored_till(qtbot, qapp, simulator, journal) as (second, transaction_id):
        _late_start(sim_admin, transaction_id)
        qtbot.keyClick(second.window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        answer_discard(qtbot, second.window, discard=True)  # "Verkauf verwerfen?"
        qtbot.waitUntil(lambda: "war doch bezahlt" in second.window.message_bar.text())
        paid = [sale for sale in second.journal.all_sales() if sale.state == "PAID"]
        assert [(sale.sale_number, sale.total) for sale in paid] == [(1, 796)]

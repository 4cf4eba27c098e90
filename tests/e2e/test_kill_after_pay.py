"""The till process is killed (SIGKILL) mid-sale and started again: nothing is lost or booked twice.

The till under test is a real window in its own process (``till_under_test.py``), typed into like
a cashier would. The simulator lives in the pytest process and outlives it. After the kill, the
till is built again here, on the same journal file, and the tests look at what the cashier sees
and at what the server holds.
"""

from __future__ import annotations

import asyncio
import os
import queue
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QTableView, QTextBrowser
from pytestqt.qtbot import QtBot

from pos_sim.embedded import EmbeddedSimulator
from tests.e2e.till_under_test import F12_LINE, PAID_LINE, SEED_CARD, open_till
from tests.helpers.qt import child, run_until_done

pytestmark = pytest.mark.slow

TILL_SCRIPT = Path(__file__).with_name("till_under_test.py")
START_CASH = "/api/v2/Smart/Transactions/*/start/cash"
LATENCY_MS = 3000
PROCESS_TIMEOUT_SECONDS = 20.0
NOT_STARTED = ("created", "processing")


# -- the till process ----------------------------------------------------------------------------


class TillProcess:
    """``till_under_test.py`` in a subprocess; its stdout lines are collected on a thread."""

    def __init__(self, api_url: str, journal: Path, until: str, stderr_file: Path) -> None:
        self.stderr_file = stderr_file
        self.lines: list[str] = []
        self._incoming: queue.Queue[str] = queue.Queue()
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_API": "pyside6"}
        command = [sys.executable, str(TILL_SCRIPT), "--api-url", api_url, "--journal", str(journal)]
        command += ["--until", until, "--max-seconds", "60"]
        with stderr_file.open("w", encoding="utf-8") as stderr:
            self.process = subprocess.Popen(
                command,
                stdout=subprocess.PIPE,
                stderr=stderr,
                text=True,
                env=env,
            )
        self._reader = threading.Thread(target=self._read, name="till-stdout", daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._incoming.put(line.rstrip("\n"))

    def _collect(self) -> None:
        while True:
            try:
                self.lines.append(self._incoming.get_nowait())
            except queue.Empty:
                return

    def printed(self, first_word: str) -> bool:
        self._collect()
        return any(line.split(" ", 1)[0] == first_word for line in self.lines)

    def describe(self) -> str:
        self._collect()
        return f"stdout: {self.lines}\nstderr: {self.stderr_file.read_text(encoding='utf-8')[-3000:]}"

    def check_alive(self) -> None:
        if self.process.poll() is not None:
            raise AssertionError(
                f"the till process ended by itself ({self.process.returncode})\n{self.describe()}"
            )

    def kill(self) -> None:
        """SIGKILL: no Python cleanup, no closing of files or connections by the till."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)
        self._reader.join(timeout=5)
        self._collect()


@pytest.fixture
def start_till(tmp_path: Path) -> Iterator[Callable[[str, Path, str], TillProcess]]:
    started: list[TillProcess] = []

    def start(api_url: str, journal: Path, until: str) -> TillProcess:
        till = TillProcess(api_url, journal, until, tmp_path / f"till-{len(started)}.stderr")
        started.append(till)
        return till

    yield start
    for till in started:
        if till.process.poll() is None:
            till.kill()


def wait_for(condition: Callable[[], bool], what: str, till: TillProcess | None = None) -> None:
    """Poll ``condition`` (no Qt involved here) until it holds; fail after a while."""
    deadline = time.monotonic() + PROCESS_TIMEOUT_SECONDS
    while not condition():
        if till is not None:
            till.check_alive()
        if time.monotonic() > deadline:
            details = till.describe() if till is not None else ""
            raise AssertionError(f"waited in vain for {what}\n{details}")
        time.sleep(0.01)


# -- reading the journal and the server ------------------------------------------------------------


def journal_rows(journal: Path) -> list[dict[str, Any]]:
    """The journal's sales, read-only, while the till process may still be writing."""
    if not journal.exists():
        return []
    try:
        with closing(sqlite3.connect(f"{journal.as_uri()}?mode=ro", uri=True, timeout=5.0)) as db:
            db.row_factory = sqlite3.Row
            return [dict(row) for row in db.execute("SELECT * FROM sales ORDER BY sale_number")]
    except sqlite3.OperationalError:
        return []  # the till has not created its table yet


def the_only_sale(journal: Path) -> dict[str, Any]:
    rows = journal_rows(journal)
    assert len(rows) == 1, rows
    return rows[0]


def server_transactions(admin: httpx.Client) -> list[dict[str, Any]]:
    return admin.get("/_sim/state").json()["transactions"]


def server_transaction(admin: httpx.Client, transaction_id: str) -> dict[str, Any]:
    matching = [tx for tx in server_transactions(admin) if tx["id"] == transaction_id]
    assert len(matching) == 1, transaction_id
    return matching[0]


def armed_faults(admin: httpx.Client) -> list[dict[str, Any]]:
    return admin.get("/_sim/faults").json()["faults"]


def assert_exactly_one_booking(admin: httpx.Client, *, with_card: bool = True) -> dict[str, Any]:
    """One paid Smart Transaction; with a card, one loyalty transaction (the card's booking)."""
    paid = [tx for tx in server_transactions(admin) if tx["status"] == "ok"]
    assert len(paid) == 1, paid
    assert len(paid[0]["transactions"]) == (1 if with_card else 0), paid[0]["transactions"]
    return paid[0]


# -- the restarted till (in this process, on the qasync loop) ----------------------------------------


@pytest.fixture
def restart_till(
    qtbot: QtBot, qapp: QApplication, qloop: asyncio.AbstractEventLoop, simulator: EmbeddedSimulator
) -> Iterator[Callable[[Path], Any]]:
    """Start the till again on a journal, as the cashier would after the crash."""
    opened: list[Any] = []

    def restart(journal: Path) -> Any:
        till = open_till(qapp, simulator.url, journal)
        opened.append(till)
        till.window.resize(1366, 768)
        till.window.show()
        qtbot.waitExposed(till.window)
        run_until_done(qtbot, till.presenter.start_up_now())
        return till

    yield restart
    for till in opened:
        run_until_done(qtbot, till.aclose())


def pay_cash_with_f12(qtbot: QtBot, till: Any) -> str:
    """Press F12 like the cashier and wait for the receipt on screen; returns its text."""
    pay = child(till.window, QPushButton, "payCashButton")
    qtbot.waitUntil(lambda: pay.isEnabled() and not till.presenter.snapshot().busy)
    qtbot.keyClick(till.window, Qt.Key.Key_F12)
    preview = child(till.window, QTextBrowser, "receiptPreview")
    # The till's own receipt is there for every sale ("SUMME 7,96 EUR" or "Summe 7,96 €",
    # depending on the receipt layout); the server's only when a card took part.
    qtbot.waitUntil(lambda: shows_total(preview.toPlainText()), timeout=10_000)
    assert preview.isVisible()
    return preview.toPlainText()


def shows_total(receipt: str) -> bool:
    return re.search(r"(?i)summe\s+7,96", receipt) is not None


# -- the tests -------------------------------------------------------------------------------------


def test_kill_while_start_cash_is_slow_shows_the_paid_sale_after_restart(
    qtbot: QtBot,
    simulator: EmbeddedSimulator,
    sim_admin: httpx.Client,
    start_till: Callable[[str, Path, str], TillProcess],
    restart_till: Callable[[Path], Any],
    tmp_path: Path,
) -> None:
    journal = tmp_path / "journal.sqlite3"
    sim_admin.post(
        "/_sim/faults",
        json={"method": "POST", "path": START_CASH, "fault": "latency", "latency_ms": LATENCY_MS, "count": 1},
    ).raise_for_status()

    till_process = start_till(simulator.url, journal, "paying")
    wait_for(lambda: till_process.printed(F12_LINE), "F12 in the till process", till_process)
    wait_for(
        lambda: any(row["state"] == "PAYING" and row["transaction_id"] for row in journal_rows(journal)),
        "the journal to say PAYING",
        till_process,
    )
    # The start/cash request has reached the server once the latency fault has fired.
    wait_for(lambda: not armed_faults(sim_admin), "start/cash to reach the server", till_process)
    till_process.kill()
    assert not till_process.printed(PAID_LINE), "the answer came before the kill: " + till_process.describe()

    sale = the_only_sale(journal)
    assert sale["state"] == "PAYING"
    transaction_id = sale["transaction_id"]
    # The server finishes the request although the client is gone (at most the latency later).
    wait_for(
        lambda: server_transaction(sim_admin, transaction_id)["status"] not in NOT_STARTED,
        "the server to finish start/cash",
    )
    status = server_transaction(sim_admin, transaction_id)["status"]

    till = restart_till(journal)
    preview = child(till.window, QTextBrowser, "receiptPreview")
    if status != "ok":
        # Not what the simulator does today (it finishes a request whose client died), but if a
        # server dropped it, the truth is still: the sale comes back unpaid and is paid once.
        assert status in NOT_STARTED, status
        qtbot.waitUntil(lambda: child(till.window, QTableView, "basketTable").model().rowCount() == 3)
        assert "Umsatz erfasst" in pay_cash_with_f12(qtbot, till)
        assert_exactly_one_booking(sim_admin)
        return
    qtbot.waitUntil(lambda: "Umsatz erfasst" in preview.toPlainText())
    assert preview.isVisible()
    assert "7,96 EUR" in preview.toPlainText()
    assert "schon bezahlt" in till.window.message_bar.text()
    recovered = the_only_sale(journal)
    assert recovered["state"] == "PAID"
    assert recovered["payment"] is not None

    booked = assert_exactly_one_booking(sim_admin)
    assert booked["id"] == transaction_id

    # F12 again: the cashier cannot pay the recovered sale a second time.
    pay = child(till.window, QPushButton, "payCashButton")
    assert not (pay.isEnabled() and pay.isVisible())
    requests_before = till.client.request_count
    qtbot.keyClick(till.window, Qt.Key.Key_F12)
    # A payment F12 had started would be queued on the loop before this read-back and send first.
    run_until_done(qtbot, till.client.get_transaction(transaction_id))
    assert till.client.request_count == requests_before + 1
    assert not till.presenter.snapshot().busy
    assert_exactly_one_booking(sim_admin)
    assert "Umsatz erfasst" in preview.toPlainText()


@pytest.mark.parametrize("until", ["basket", "card"])
def test_kill_before_paying_restores_the_sale_and_it_is_paid_once(
    until: str,
    qtbot: QtBot,
    simulator: EmbeddedSimulator,
    sim_admin: httpx.Client,
    start_till: Callable[[str, Path, str], TillProcess],
    restart_till: Callable[[Path], Any],
    tmp_path: Path,
) -> None:
    journal = tmp_path / "journal.sqlite3"
    till_process = start_till(simulator.url, journal, until)
    expected_state = until.upper()  # the helper's line and the journal state have the same name
    wait_for(
        lambda: till_process.printed(expected_state), f"the till to print {expected_state}", till_process
    )
    till_process.kill()
    killed_at = the_only_sale(journal)
    assert killed_at["state"] == expected_state
    assert (killed_at["card_number"] == SEED_CARD) is (until == "card")

    till = restart_till(journal)
    table = child(till.window, QTableView, "basketTable")
    qtbot.waitUntil(lambda: table.model().rowCount() == 3)
    assert till.window.basket_view.total_label.text() == "7,96 €"
    assert "wiederhergestellt" in till.window.message_bar.text()
    balance = child(till.window, QLabel, "cardBalanceLabel")
    if until == "card":
        qtbot.waitUntil(lambda: "10,00 €" in balance.text())
    else:
        assert balance.text() == "Keine Karte"

    receipt = pay_cash_with_f12(qtbot, till)
    assert "Sandwich Romano" in receipt
    assert re.search(r"Bar\b.*7,96", receipt), receipt
    if until == "card":
        assert "Umsatz erfasst" in receipt
    assert the_only_sale(journal)["state"] == "PAID"
    assert_exactly_one_booking(sim_admin, with_card=until == "card")

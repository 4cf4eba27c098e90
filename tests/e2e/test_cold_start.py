"""The till's cold start: window first, server second, and nothing lost in between.

The till shows its window before the embedded simulator is up (``pos_gui.app.startup.run_till``). These
tests check what that promises: the window is on screen before FastAPI/uvicorn (or the printer
libraries) are even imported; a card scanned before the server is ready is looked up once the
server answers; and ``--smoke-test`` still fails when the till cannot sign in.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QTableView, QTextBrowser
from pytestqt.qtbot import QtBot

from pos_gui.app.cli import build_parser
from pos_gui.app.connection import Connection
from pos_gui.app.startup import show_till_window
from pos_gui.app.startup_times import STARTUP_REPORT_VARIABLE, StartupTimes
from pos_gui.app.wiring import Till, build_till, build_till_window
from pos_sim.embedded import EmbeddedSimulator
from tests.e2e.till_under_test import SEED_CARD
from tests.helpers.qt import child, enter, run_until_done

# What the till window does not need, and what each would cost the cold start if it crept back
# onto the way to the first paint: the server side, printing, the key store, HTTP, the API's
# pydantic models (~0.2 s), the event loop (asyncio loads ssl, ~75 ms).
NOT_BEFORE_THE_WINDOW = (
    "fastapi",
    "starlette",
    "uvicorn",
    "escpos",
    "PIL",
    "keyring",
    "httpx",
    "httpcore",
    "pydantic",
    "asyncio",
    "qasync",
    "ssl",
    "psycopg",
)


@pytest.fixture
def reserved_simulator() -> Iterator[EmbeddedSimulator]:
    """A simulator whose port is reserved but which does not serve yet."""
    simulator = EmbeddedSimulator()
    try:
        yield simulator
    finally:
        simulator.stop()


@pytest.fixture
def demo_connection(reserved_simulator: EmbeddedSimulator) -> Connection:
    """The demo sign-in at the reserved simulator, as ``pos-gui --demo`` connects."""
    return Connection.demo(reserved_simulator.url)


@pytest.fixture
def early_till(
    qtbot: QtBot,
    qapp: QApplication,
    qloop: asyncio.AbstractEventLoop,
    demo_connection: Connection,
    tmp_path: Path,
) -> Iterator[Till]:
    """The till window, shown against the reserved simulator, as ``run_till`` shows it."""
    till = build_till(qapp, demo_connection, tmp_path / "journal.sqlite3", device_id="cold-start-test")
    till.window.resize(1366, 768)
    till.window.show()
    qtbot.waitExposed(till.window)
    try:
        yield till
    finally:
        run_until_done(qtbot, till.aclose())


def _start_in_background(simulator: EmbeddedSimulator) -> threading.Thread:
    """Start the simulator off the GUI thread, as ``run_till`` does."""
    thread = threading.Thread(target=simulator.start, name="test-sim-start", daemon=True)
    thread.start()
    return thread


def test_card_scanned_before_the_server_is_ready_is_looked_up_once_it_is(
    qtbot: QtBot, early_till: Till, reserved_simulator: EmbeddedSimulator
) -> None:
    server_status = child(early_till.window, QLabel, "serverStatus")
    sign_in_status = child(early_till.window, QLabel, "signInStatus")
    assert server_status.text() == "Server: …"
    assert sign_in_status.text() == "Anmeldung …"

    # Articles go in at once: the basket is local.
    article_input = child(early_till.window, QLineEdit, "articleInput")
    enter(qtbot, article_input, "30037")
    table = child(early_till.window, QTableView, "basketTable")
    qtbot.waitUntil(lambda: table.model().rowCount() == 1)

    # The card's lookup waits for the server (nothing answers yet) ...
    card_input = child(early_till.window, QLineEdit, "cardInput")
    enter(qtbot, card_input, SEED_CARD)
    qtbot.waitUntil(lambda: early_till.presenter.snapshot().busy)
    balance = early_till.window.card_panel.balance_label
    assert "10,00 €" not in balance.text()

    # ... and is answered once the server is up; the basket is untouched.
    starting = _start_in_background(reserved_simulator)
    qtbot.waitUntil(lambda: "10,00 €" in balance.text(), timeout=20_000)
    starting.join(timeout=10)
    assert table.model().rowCount() == 1
    assert server_status.text() == "Server: erreichbar"
    assert sign_in_status.text() == "Angemeldet"

    run_until_done(qtbot, early_till.presenter.start_up_now())
    assert early_till.presenter.signed_in is True
    assert table.model().rowCount() == 1


def test_a_simulator_that_never_starts_is_reported_as_unreachable(
    qtbot: QtBot, early_till: Till, reserved_simulator: EmbeddedSimulator
) -> None:
    """What ``run_till`` does when the simulator fails: stop() closes the reserved socket."""
    reserved_simulator.stop()
    run_until_done(qtbot, early_till.presenter.start_up_now())
    assert "nicht erreichbar" in early_till.window.message_bar.text()


def test_a_simulator_that_never_starts_leaves_the_status_bar_unreachable(
    qtbot: QtBot, early_till: Till, reserved_simulator: EmbeddedSimulator
) -> None:
    reserved_simulator.stop()
    run_until_done(qtbot, early_till.presenter.start_up_now())
    server_status = child(early_till.window, QLabel, "serverStatus")
    assert server_status.text() == "Server: nicht erreichbar"


def test_a_stopped_simulator_cannot_be_started(reserved_simulator: EmbeddedSimulator) -> None:
    reserved_simulator.stop()
    with pytest.raises(RuntimeError):
        reserved_simulator.start()
    assert not reserved_simulator.running


def _smoke_test(tmp_path: Path, script: str | None = None) -> tuple[subprocess.CompletedProcess[str], Path]:
    report = tmp_path / "startup.json"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", STARTUP_REPORT_VARIABLE: str(report)}
    basedir = tmp_path / "base"
    command = [sys.executable, "-m", "pos_gui", "--smoke-test", "--basedir", str(basedir)]
    if script is not None:
        command = [sys.executable, "-c", script, str(basedir)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=90, env=env, check=False)
    return result, report


@pytest.mark.slow
def test_smoke_test_shows_the_window_before_the_simulator_starts(tmp_path: Path) -> None:
    result, report_file = _smoke_test(tmp_path)
    assert result.returncode == 0, result.stderr
    report = json.loads(report_file.read_text(encoding="utf-8"))
    reached = report["reached"]
    assert reached["window_shown"] <= reached["server_started"] <= reached["online"]
    loaded = set(report["modules_at_window_shown"])
    assert "PySide6" in loaded
    assert "pos_gui" in loaded
    assert loaded.isdisjoint(NOT_BEFORE_THE_WINDOW), loaded & set(NOT_BEFORE_THE_WINDOW)
    # People running it see the same milestones.
    assert "window shown" in result.stdout
    assert "online" in result.stdout


@pytest.mark.slow
def test_smoke_test_fails_when_the_till_cannot_sign_in(tmp_path: Path) -> None:
    """A simulator that never starts: the window is fine, but the smoke test must not pass."""
    script = (
        "import sys\n"
        "from pos_sim.embedded import EmbeddedSimulator\n"
        "def broken(self):\n"
        "    raise RuntimeError('simulator broken for the test')\n"
        "EmbeddedSimulator.start = broken\n"
        "from pos_gui.app import main\n"
        "sys.exit(main(['--smoke-test', '--basedir', sys.argv[1]]))\n"
    )
    result, report_file = _smoke_test(tmp_path, script)
    assert result.returncode != 0
    assert "did not sign in" in result.stderr
    reached = json.loads(report_file.read_text(encoding="utf-8"))["reached"]
    assert "window_shown" in reached
    assert "online" not in reached


def _leave_an_unpaid_sandwich(
    qtbot: QtBot, qapp: QApplication, connection: Connection, journal: Path
) -> None:
    """A run of the till that ends with article 30037 in the basket, unpaid."""
    first = build_till(qapp, connection, journal, device_id="cold-start-test")
    first.window.show()
    try:
        article_input = child(first.window, QLineEdit, "articleInput")
        enter(qtbot, article_input, "30037")
        qtbot.waitUntil(lambda: len(first.checkout.basket.lines) == 1)
    finally:
        run_until_done(qtbot, first.aclose())


def test_basket_of_the_last_run_comes_back_although_a_card_was_scanned_before_the_server_was_ready(
    qtbot: QtBot,
    qapp: QApplication,
    qloop: asyncio.AbstractEventLoop,
    reserved_simulator: EmbeddedSimulator,
    demo_connection: Connection,
    tmp_path: Path,
) -> None:
    journal = tmp_path / "journal.sqlite3"
    # The last run ended with an unpaid basket (articles need no server).
    _leave_an_unpaid_sandwich(qtbot, qapp, demo_connection, journal)

    # This run: the window is up, the cashier scans a card, then the server comes up (run_till).
    second = build_till(qapp, demo_connection, journal, device_id="cold-start-test")
    second.window.show()
    try:
        card_input = child(second.window, QLineEdit, "cardInput")
        enter(qtbot, card_input, SEED_CARD)
        # A plain thread: the qasync loop's own executor would leave QThreads behind in the session.
        starting = _start_in_background(reserved_simulator)
        qtbot.waitUntil(lambda: not starting.is_alive(), timeout=20_000)
        run_until_done(qtbot, second.presenter.start_up_now())
        qtbot.waitUntil(lambda: not second.presenter.snapshot().busy)
        assert [line.article.article_number for line in second.checkout.basket.lines] == ["30037"]
    finally:
        run_until_done(qtbot, second.aclose())


def test_basket_typed_before_the_event_loop_runs_waits_for_the_last_runs_basket(
    qtbot: QtBot,
    qapp: QApplication,
    qloop: asyncio.AbstractEventLoop,
    demo_connection: Connection,
    tmp_path: Path,
) -> None:
    """The cold start builds and paints the window before the event loop exists
    (``show_till_window``): the last run's unpaid basket is held for until the loop starts it."""
    journal = tmp_path / "journal.sqlite3"
    _leave_an_unpaid_sandwich(qtbot, qapp, demo_connection, journal)

    second = build_till_window(qapp, "DEMO", journal, device_id="cold-start-test", defer_recovery=True)
    second.window.show()
    try:
        article_input = child(second.window, QLineEdit, "articleInput")
        enter(qtbot, article_input, "30200")
        # Refused with a message, not added to an empty basket that would push the old one aside.
        assert second.checkout.basket.lines == []
        assert "startet noch" in second.window.message_bar.text()
        second.presenter.start_recovery_if_expected()
        qtbot.waitUntil(lambda: not second.presenter.recovering)
        assert [line.article.article_number for line in second.checkout.basket.lines] == ["30037"]
        enter(qtbot, article_input, "30200")
        qtbot.waitUntil(lambda: len(second.checkout.basket.lines) == 2)
    finally:
        run_until_done(qtbot, second.aclose())


@pytest.mark.slow
def test_the_real_start_restores_the_last_runs_basket(tmp_path: Path) -> None:
    """``pos-gui`` itself, with a demo journal holding an unpaid basket: restored, nothing lost."""
    from pos_gui.config.paths import resolve_paths
    from pos_gui.core.basket import Basket
    from pos_gui.services.catalog import Catalog
    from pos_gui.services.ledger import Ledger

    paths = resolve_paths(tmp_path / "base")
    basket = Basket()
    article = Catalog.demo().lookup("30037")
    assert article is not None
    basket.add(article, 2)
    with Ledger(paths.data_dir / "journal-demo.sqlite3") as journal:
        journal.open_sale(state="BASKET", basket=basket.lines)

    result, _ = _smoke_test(tmp_path)
    assert result.returncode == 0, result.stderr
    log_text = paths.log_file.read_text(encoding="utf-8")
    assert "recovery: sale 1 restored in BASKET" in log_text, log_text[-2000:]
    with Ledger(paths.data_dir / "journal-demo.sqlite3") as journal:
        (unfinished,) = journal.unfinished_sales()
    assert [line.quantity for line in unfinished.basket_lines()] == [2]


@pytest.mark.slow
def test_a_window_closed_before_the_event_loop_starts_shuts_the_till_down(tmp_path: Path) -> None:
    """Closed in the moment between the first paint and the event loop: no hang, no traceback."""
    script = (
        "import sys\n"
        "import pos_gui.app.startup as app_module\n"
        "show = app_module.show_till_window\n"
        "def show_then_close(*args, **kwargs):\n"
        "    till = show(*args, **kwargs)\n"
        "    till.window.close()\n"
        "    return till\n"
        "app_module.show_till_window = show_then_close\n"
        "sys.exit(app_module.main(['--demo', '--basedir', sys.argv[1]]))\n"
    )
    result, report_file = _smoke_test(tmp_path, script)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "shut_down" in json.loads(report_file.read_text(encoding="utf-8"))["reached"]


def test_the_cold_start_shows_the_basket_and_has_the_receipt_page_ready(
    qtbot: QtBot, qapp: QApplication, qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    """show_till_window paints the till first and builds the hidden receipt page right after."""
    from pos_gui.config.paths import resolve_paths
    from pos_gui.config.settings import load_settings

    args = build_parser().parse_args(["--demo", "--basedir", str(tmp_path)])
    paths = resolve_paths(tmp_path)
    startup = StartupTimes()
    till = show_till_window(qapp, args, paths, load_settings(paths), startup)
    try:
        assert "window_shown" in startup.reached
        assert till.window.isVisible()
        assert child(till.window, QLineEdit, "articleInput").isVisible()
        preview = child(till.window, QTextBrowser, "receiptPreview")
        assert not preview.isVisible()
        assert child(till.window, QPushButton, "newSaleButton").accessibleName() == "newSaleButton"
        # The TSE signing, attached right after the paint: the status bar says so, sales are signed.
        assert child(till.window, QLabel, "tseStatus").text() == "TSE: wird verbunden …"
        assert till.fiscal is not None
        assert till.checkout.fiscal is till.fiscal
    finally:
        qapp.removeEventFilter(till.scanner)
        run_until_done(qtbot, till.aclose())

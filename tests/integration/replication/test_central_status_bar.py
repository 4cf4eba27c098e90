"""The till's status bar while the central database is away and after it is back (pytest-qt,
the real replicator against the real PostgreSQL behind a line the test cuts)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from PySide6.QtWidgets import QLabel, QMainWindow
from pytestqt.qtbot import QtBot

from pos_gui.app.chain import start_chain
from pos_gui.config.settings import CentralSettings, Settings
from pos_gui.replication.central_schema import migrate
from pos_gui.ui.central_status import install_central_status
from tests.integration.replication.central_checks import central_received_seq, ledger_events
from tests.integration.replication.flaky_network import FlakyNetwork
from tests.integration.replication.postgres_server import SUPERUSER, PostgresServer
from tests.integration.replication.till_sales import make_sales


@pytest.fixture
def network(postgres_server: PostgresServer) -> Iterator[FlakyNetwork]:
    flaky = FlakyNetwork(postgres_server.port, seed=3)
    yield flaky
    flaky.close()


def test_the_status_bar_counts_what_waits_while_the_centre_is_down_and_says_synchron_after(
    qtbot: QtBot, central_dsn: str, network: FlakyNetwork, tmp_path: Path
) -> None:
    with psycopg.connect(central_dsn, autocommit=True) as connection:
        migrate(connection)
    dbname = central_dsn.split("dbname=")[1].split()[0]
    ledger = tmp_path / "journal.sqlite3"
    make_sales(ledger, 3)
    settings = Settings(
        device_uuid="till-1", central=CentralSettings(network.dsn(dbname, SUPERUSER), "store-1")
    )
    chain = start_chain(settings, lambda: None, ledger, poll_interval=0.1, backoff_maximum=0.3)
    assert chain is not None
    window = QMainWindow()
    qtbot.addWidget(window)
    try:
        install_central_status(window, chain.state)
        window.show()
        label = window.statusBar().findChild(QLabel, "centralStatus")
        assert label is not None
        qtbot.waitUntil(lambda: label.text() == "Zentrale: synchron", timeout=20_000)

        network.down()
        make_sales(ledger, 2, start=4)
        pending = len(ledger_events(ledger)) - central_received_seq(central_dsn, "till-1")
        chain.wake()
        qtbot.waitUntil(lambda: "nicht erreichbar seit" in label.text(), timeout=20_000)
        qtbot.waitUntil(lambda: label.text().endswith(f", {pending} Ereignisse ausstehend"), timeout=20_000)
        assert label.text().startswith("Zentrale nicht erreichbar seit ")

        network.up()
        qtbot.waitUntil(lambda: label.text() == "Zentrale: synchron", timeout=20_000)
    finally:
        chain.stop()
    assert central_received_seq(central_dsn, "till-1") == len(ledger_events(ledger))

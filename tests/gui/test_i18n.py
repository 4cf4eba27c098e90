"""German by default; English through the Qt Linguist catalogue (``--lang en``)."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from pos_gui.api.auth import ClientCredentials
from pos_gui.app import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, Connection, Till, build_till
from pos_gui.simulator.embedded import EmbeddedSimulator
from pos_gui.ui.i18n import install_translators
from tests.gui.conftest import run_until_done

TS_FILE = Path(__file__).resolve().parents[2] / "resources" / "translations" / "pos_gui_en.ts"


def compile_catalogue(target: Path) -> Path:
    lrelease = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent))
    assert lrelease is not None
    subprocess.run([lrelease, "-silent", str(TS_FILE), "-qm", str(target)], check=True)
    return target


def test_english_catalogue_translates_the_till(
    qtbot: QtBot,
    qapp: QApplication,
    qloop: asyncio.AbstractEventLoop,
    gui_simulator: EmbeddedSimulator,
    tmp_path: Path,
) -> None:
    qm_file = compile_catalogue(tmp_path / "pos_gui_en.qm")
    translators = install_translators(qapp, "en", qm_file=qm_file)
    try:
        connection = Connection(
            "DEMO", gui_simulator.url, ClientCredentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET)
        )
        till = build_till(qapp, connection, tmp_path / "journal.sqlite3", device_id="i18n-test")
        try:
            window = till.window
            assert window.findChild(QPushButton, "payCashButton").text() == "Pay cash (F12)"
            assert window.findChild(QPushButton, "applyCardButton").text() == "Apply card balance (F9)"
            assert (
                window.findChild(QLabel, "demoBanner").text() == "DEMO – demonstration mode, no real payments"
            )
            assert window.findChild(QLabel, "cardBalanceLabel").text() == "No card"
        finally:
            run_until_done(qtbot, till.aclose())
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)


def test_german_is_the_default(till: Till) -> None:
    window = till.window
    assert window.findChild(QPushButton, "payCashButton").text() == "Bar bezahlen (F12)"
    assert window.findChild(QLabel, "demoBanner").text() == "DEMO – Vorführmodus, keine echten Zahlungen"

"""The back office's DSFinV-K export dialog and the ELSTER data sheet, on a small demo day."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from pos_gui.app.connection import embedded_demo_connection
from pos_gui.app.demo_day import run_day
from pos_gui.config.paths import resolve_paths
from pos_gui.config.settings import Settings, ShopSettings
from pos_gui.export.checker import check_export
from pos_gui.ui.fiscal_export import DsfinvkExportDialog, TillDataSheetDialog


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("small-day")
    connection = embedded_demo_connection()
    connection.start()
    try:
        asyncio.run(run_day(connection, folder, sales=40, seed=3))
    finally:
        connection.stop()
    return folder / "journal-demo.sqlite3"


SETTINGS = Settings(shop=ShopSettings("Bäckerei Beispiel", "Hauptstraße 1", "01067 Dresden", "201/123/45678"))


def test_the_export_dialog_fills_the_progress_bar_and_shows_the_verdict(
    qtbot: QtBot, ledger: Path, tmp_path: Path
) -> None:
    dialog = DsfinvkExportDialog(None, ledger_path=ledger, settings=SETTINGS, paths=resolve_paths(tmp_path))
    qtbot.addWidget(dialog)
    dialog.first.setDate(QDate(2000, 1, 1))
    dialog.last.setDate(QDate(2100, 1, 1))
    dialog.target.setText(str(tmp_path / "export.zip"))
    assert dialog.run_export()
    assert dialog.progress.value() == dialog.progress.maximum() > 40
    assert "Prüfung bestanden." in dialog.verdict.text()
    assert check_export(tmp_path / "export.zip") == []


def test_the_export_dialog_says_when_the_range_has_no_closing(
    qtbot: QtBot, ledger: Path, tmp_path: Path
) -> None:
    dialog = DsfinvkExportDialog(None, ledger_path=ledger, settings=SETTINGS, paths=resolve_paths(tmp_path))
    qtbot.addWidget(dialog)
    dialog.first.setDate(QDate(2001, 1, 1))
    dialog.last.setDate(QDate(2001, 1, 2))
    assert not dialog.run_export()
    assert dialog.verdict.text() == "Keine abgeschlossenen Z-Abschlüsse in diesem Zeitraum."


def test_the_data_sheet_shows_saves_and_exports_the_elster_facts(
    qtbot: QtBot, ledger: Path, tmp_path: Path
) -> None:
    paths = resolve_paths(tmp_path)
    dialog = TillDataSheetDialog(None, ledger_path=ledger, settings=SETTINGS, paths=paths)
    qtbot.addWidget(dialog)
    dialog.fields["serial_number"].setText("KASSE-0815")
    dialog.fields["purchase_date"].setText("2026-03-01")
    shown = {
        dialog.table.item(row, 0).text(): dialog.table.item(row, 1).text()
        for row in range(dialog.table.rowCount())
    }
    assert shown["Seriennummer der Kasse"] == "KASSE-0815"
    assert shown["Anschaffungsdatum"] == "2026-03-01"
    assert shown["Software"] == "pos-gui"
    assert len(shown["Seriennummer der TSE"]) == 64  # the simulator's TSS serial, from the signed sales
    assert shown["Ablauf des TSE-Zertifikats"] == "(nicht erfasst)"
    dialog.save()
    again = TillDataSheetDialog(None, ledger_path=ledger, settings=SETTINGS, paths=paths)
    qtbot.addWidget(again)
    assert again.fields["serial_number"].text() == "KASSE-0815"
    text = dialog.export_to(tmp_path / "elster.csv").read_bytes().decode("utf-8")
    assert text.startswith("Angabe;Wert;Quelle\r\n")
    assert '"Seriennummer der Kasse";"KASSE-0815";"Kassendaten"' in text
    assert '"Steuernummer";"201/123/45678";"Einstellungen"' in text

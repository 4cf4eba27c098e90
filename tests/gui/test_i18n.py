"""German by default; English through the Qt Linguist catalogue (``--lang en``).

The catalogue checks guard the workflow: every string in ``pos_gui`` that goes through
``QCoreApplication.translate`` must be extractable by ``pyside6-lupdate`` (a literal context and
text, never a wrapper function: those land in an empty context and cannot be translated) and
must have a finished English translation in ``resources/translations/pos_gui_en.ts``.

After adding or changing a visible string, refresh the catalogue and translate the new entries:

    .venv/bin/pyside6-lupdate $(find pos_gui -name '*.py' | sort) -no-obsolete \
        -ts resources/translations/pos_gui_en.ts

then ``make translations`` compiles the ``.qm`` the till loads.
"""

from __future__ import annotations

import asyncio
import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from pos_gui.app import Connection, Till, build_till
from pos_gui.config.paths import AppPaths, resolve_paths
from pos_gui.config.secrets import SecretStore
from pos_gui.config.settings import PrinterSettings
from pos_gui.core.basket import Article, BasketLine
from pos_gui.services.ledger import EventKind, Ledger
from pos_gui.services.pairing import DevicePairing
from pos_gui.services.printing import PrintingService
from pos_gui.ui.presenters.receipt_output_presenter import ReceiptOutputPresenter
from pos_gui.ui.presenters.sales_today_presenter import SalesTodayPresenter
from pos_gui.ui.setup import SetupWindow
from pos_gui.ui.views.sales_today_view import SalesTodayDialog
from pos_sim.embedded import EmbeddedSimulator
from tests.helpers.keyrings import MemoryKeyring
from tests.helpers.qt import run_until_done
from tests.helpers.translations import REPO_ROOT, TS_FILE, tool

SOURCE_ROOT = REPO_ROOT / "pos_gui"

# ``{name}`` / ``{seconds:02d}`` (str.format) and ``%1`` / ``%n`` (Qt's arg) placeholders.
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*(?::[^}]*)?\}|%(?:\d+|n)")
# A keyboard accelerator: ``&`` before a letter (``&&`` is a literal ampersand).
ACCELERATOR = re.compile(r"(?<!&)&(?=\w)")


@dataclass(frozen=True)
class Entry:
    """One message of a ``.ts`` file."""

    context: str
    source: str
    translation: str
    kind: str  # the translation's ``type`` attribute: "" when finished, else "unfinished", ...
    location: str


def read_ts(path: Path) -> list[Entry]:
    entries = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            location = message.find("location")
            where = f"{location.get('filename')}:{location.get('line')}" if location is not None else "?"
            entries.append(
                Entry(
                    context=name,
                    source=message.findtext("source") or "",
                    translation=(translation.text or "") if translation is not None else "",
                    kind=translation.get("type", "") if translation is not None else "missing",
                    location=where,
                )
            )
    return entries


def extract_source_texts(target: Path) -> list[Entry]:
    """What ``pyside6-lupdate`` finds in the package's Python files right now."""
    sources = sorted(str(path) for path in SOURCE_ROOT.rglob("*.py"))
    subprocess.run([tool("pyside6-lupdate"), "-silent", *sources, "-ts", str(target)], check=True)
    return read_ts(target)


# -- the catalogue ------------------------------------------------------------------------------


def test_every_catalogue_entry_has_a_context_and_a_finished_translation() -> None:
    entries = read_ts(TS_FILE)
    assert len(entries) > 100  # the whole till, not an accidentally emptied file
    problems = []
    for entry in entries:
        if not entry.context:
            problems.append(f"no context (a translate wrapper?): {entry.source!r} at {entry.location}")
        if entry.kind:
            problems.append(f"{entry.kind}: [{entry.context}] {entry.source!r}")
        elif not entry.translation.strip():
            problems.append(f"empty translation: [{entry.context}] {entry.source!r}")
    assert problems == []


def test_translations_keep_placeholders_and_accelerators() -> None:
    problems = []
    for entry in read_ts(TS_FILE):
        if sorted(PLACEHOLDER.findall(entry.source)) != sorted(PLACEHOLDER.findall(entry.translation)):
            problems.append(
                f"placeholders differ: [{entry.context}] {entry.source!r} -> {entry.translation!r}"
            )
        if bool(ACCELERATOR.search(entry.source)) != bool(ACCELERATOR.search(entry.translation)):
            problems.append(
                f"accelerator differs: [{entry.context}] {entry.source!r} -> {entry.translation!r}"
            )
    assert problems == []


def test_catalogue_matches_the_source_texts(tmp_path: Path) -> None:
    """A new visible string without an English translation fails here (see the module docstring)."""
    extracted = extract_source_texts(tmp_path / "extracted.ts")
    assert len(extracted) > 100
    outside_a_context = [f"{entry.source!r} at {entry.location}" for entry in extracted if not entry.context]
    assert outside_a_context == [], "use QCoreApplication.translate('<Context>', '<text>') literally"

    translated = {(entry.context, entry.source) for entry in read_ts(TS_FILE) if not entry.kind}
    in_sources = {(entry.context, entry.source) for entry in extracted}
    assert sorted(in_sources - translated) == [], "not (yet) translated in pos_gui_en.ts"
    assert sorted(translated - in_sources) == [], "obsolete in pos_gui_en.ts (run lupdate -no-obsolete)"


# -- what the cashier sees ----------------------------------------------------------------------


@pytest.fixture
def till_paths(tmp_path: Path) -> AppPaths:
    return resolve_paths(tmp_path / "till")


def sales_today_dialog(qtbot: QtBot, tmp_path: Path) -> tuple[SalesTodayDialog, Ledger]:
    """Today's sales over a journal with one sale the cashier gave up."""
    journal = Ledger(tmp_path / "journal.sqlite3")
    voided = journal.open_sale(state="BASKET", basket=[BasketLine(1, Article("51", "", "Wasser", 99, 19), 1)])
    journal.append(voided.sale_id, EventKind.SALE_ABORTED)
    output = ReceiptOutputPresenter(
        PrintingService(PrinterSettings()), journal, dialog_parent=None, pdf_folder=tmp_path / "receipts"
    )
    dialog = SalesTodayDialog(SalesTodayPresenter(output, parent=output))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog, journal


def column_titles(dialog: SalesTodayDialog) -> list[str]:
    table = dialog.table
    items = [table.horizontalHeaderItem(column) for column in range(table.columnCount())]
    return [item.text() if item is not None else "" for item in items]


def status_cell(dialog: SalesTodayDialog, row: int) -> str:
    item = dialog.table.item(row, 5)
    return item.text() if item is not None else ""


@pytest.mark.usefixtures("english")
def test_english_catalogue_translates_the_till(
    qtbot: QtBot,
    qapp: QApplication,
    qloop: asyncio.AbstractEventLoop,
    simulator: EmbeddedSimulator,
    tmp_path: Path,
) -> None:
    connection = Connection.demo(simulator.url)
    till = build_till(qapp, connection, tmp_path / "journal.sqlite3", device_id="i18n-test")
    try:
        window = till.window
        assert window.findChild(QPushButton, "payCashButton").text() == "Pay cash (F12)"
        assert window.findChild(QPushButton, "applyCardButton").text() == "Apply balance (F9)"
        assert window.findChild(QLabel, "demoBanner").text() == "DEMO – demonstration mode, no real payments"
        assert window.findChild(QLabel, "cardBalanceLabel").text() == "No card"
    finally:
        run_until_done(qtbot, till.aclose())


@pytest.mark.usefixtures("english", "qloop")
def test_english_setup_window(qtbot: QtBot, till_paths: AppPaths) -> None:
    window = SetupWindow(DevicePairing(till_paths, SecretStore(till_paths, backend=MemoryKeyring())))
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle() == "pos-gui – Setup"
    assert window.next_button.text() == "Next"
    assert window.quit_button.text() == "Cancel"
    assert window.testing_option.text() == "Testing – pair with the secuconnect test system"


@pytest.mark.usefixtures("english")
def test_english_sales_today_dialog(qtbot: QtBot, tmp_path: Path) -> None:
    dialog, journal = sales_today_dialog(qtbot, tmp_path)
    try:
        assert dialog.windowTitle() == "Today's sales"
        assert column_titles(dialog) == ["Time", "No.", "Total", "Card", "Cash", "Status"]
        assert dialog.print_button.text() == "&Print"
        assert dialog.save_pdf_button.text() == "Save as &PDF"
        assert status_cell(dialog, 0) == "cancelled"
        assert dialog.summary_label.text().startswith("0 paid sales · total ")
        assert dialog.receipt_view.toPlainText() == "No receipt: the sale was not paid."
    finally:
        dialog.close()
        journal.close()


def test_german_is_the_default(till: Till) -> None:
    window = till.window
    assert window.findChild(QPushButton, "payCashButton").text() == "Bar bezahlen (F12)"
    assert window.findChild(QLabel, "demoBanner").text() == "DEMO – Vorführmodus, keine echten Zahlungen"


@pytest.mark.usefixtures("qloop")
def test_german_setup_window_and_sales_today_by_default(
    qtbot: QtBot, till_paths: AppPaths, tmp_path: Path
) -> None:
    window = SetupWindow(DevicePairing(till_paths, SecretStore(till_paths, backend=MemoryKeyring())))
    qtbot.addWidget(window)
    assert window.windowTitle() == "pos-gui – Einrichtung"
    dialog, journal = sales_today_dialog(qtbot, tmp_path)
    try:
        assert dialog.windowTitle() == "Heutige Verkäufe"
        assert column_titles(dialog) == ["Zeit", "Nr.", "Summe", "Karte", "Bar", "Status"]
        assert status_cell(dialog, 0) == "abgebrochen"
    finally:
        dialog.close()
        journal.close()

"""The Qt side of printing: PDF export, the failure dialog, the settings page, previews."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pos_gui.config.settings import PrinterSettings
from pos_gui.core.receipt_layout import LayoutLine, layout_server_receipt
from pos_gui.services.printer_errors import PrinterError
from pos_gui.ui.printing import (
    PrinterSettingsPage,
    PrintFailureAction,
    PrintFailureDialog,
    QtSystemPrinter,
    export_pdf,
    open_print_dialog,
    open_print_preview,
    open_save_pdf_dialog,
    receipt_document,
    receipt_html,
)

SEED_RECEIPT = [
    {"type": "separator", "value": {"caption": "Kundenkarte"}},
    {
        "type": "name-value",
        "value": {"name": "Kartennummer: ", "value": "9276004429942845", "decoration": []},
    },
    {"type": "textline", "value": {"text": "Größe & Grüße <7,96 €>", "decoration": ["important"]}},
]


@pytest.fixture
def receipt_lines() -> list[LayoutLine]:
    return layout_server_receipt(SEED_RECEIPT, 42)


def test_pdf_export_writes_a_pdf(qapp: QApplication, tmp_path: Path, receipt_lines: list[LayoutLine]) -> None:
    path = export_pdf(receipt_lines, tmp_path / "beleg.pdf", width=42)
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(data) > 1000
    assert data.rstrip().endswith(b"%%EOF")


def test_pdf_export_into_a_missing_folder_is_a_printer_error(
    qapp: QApplication, tmp_path: Path, receipt_lines: list[LayoutLine]
) -> None:
    with pytest.raises(PrinterError, match="PDF konnte nicht gespeichert werden"):
        export_pdf(receipt_lines, tmp_path / "missing" / "beleg.pdf")


def test_document_shows_the_receipt_text_in_a_fixed_font(
    qapp: QApplication, receipt_lines: list[LayoutLine]
) -> None:
    document = receipt_document(receipt_lines)
    plain = document.toPlainText().splitlines()
    assert plain[1] == "               Kundenkarte"
    assert plain[3] == "Kartennummer:             9276004429942845"
    assert "Größe & Grüße <7,96 €>" in plain
    assert (
        document.defaultFont().fixedPitch()
        or document.defaultFont().styleHint() == document.defaultFont().StyleHint.Monospace
    )
    assert "<b>Größe &amp; Grüße &lt;7,96 €&gt;</b>" in receipt_html(receipt_lines)


@pytest.mark.parametrize(
    ("button_name", "expected"),
    [
        ("retry_button", PrintFailureAction.RETRY),
        ("save_pdf_button", PrintFailureAction.SAVE_PDF),
        ("continue_button", PrintFailureAction.CONTINUE),
    ],
)
def test_failure_dialog_emits_the_chosen_action(qtbot: QtBot, button_name: str, expected: str) -> None:
    dialog = PrintFailureDialog("Drucker nicht erreichbar: Connection refused")
    qtbot.addWidget(dialog)
    dialog.open()
    assert dialog.detail_label.text() == "Drucker nicht erreichbar: Connection refused"
    with qtbot.waitSignal(dialog.action_chosen) as blocker:
        qtbot.mouseClick(getattr(dialog, button_name), Qt.MouseButton.LeftButton)
    assert blocker.args == [expected]
    assert not dialog.isVisible()


def test_failure_dialog_escape_means_continue_and_emits_only_once(qtbot: QtBot) -> None:
    dialog = PrintFailureDialog("Drucker nicht erreichbar")
    qtbot.addWidget(dialog)
    chosen: list[str] = []
    dialog.action_chosen.connect(chosen.append)
    dialog.open()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    dialog.reject()
    assert chosen == [PrintFailureAction.CONTINUE]
    assert dialog.result() == dialog.DialogCode.Rejected


@pytest.mark.parametrize(
    "settings",
    [
        PrinterSettings(),
        PrinterSettings(
            kind="network",
            address="192.168.1.50:9100",
            width=48,
            code_page="CP850",
            auto_print=False,
            ask_before_print=True,
            open_drawer_after_cash=False,
        ),
        PrinterSettings(kind="usb", address="04b8:0202", width=32, code_page="CP866"),
        PrinterSettings(kind="system", width=42, auto_print=False, ask_before_print=False),
    ],
)
def test_settings_page_round_trips_printer_settings(qtbot: QtBot, settings: PrinterSettings) -> None:
    page = PrinterSettingsPage()
    qtbot.addWidget(page)
    page.set_settings(settings)
    assert page.settings() == settings


def test_settings_page_edits_and_requests_a_test_print(qtbot: QtBot) -> None:
    page = PrinterSettingsPage()
    qtbot.addWidget(page)
    page.set_settings(PrinterSettings(kind="none"))
    assert not page.test_print_button.isEnabled()

    page.kind_combo.setCurrentIndex(page.kind_combo.findData("network"))
    assert not page.test_print_button.isEnabled()  # no address yet
    qtbot.keyClicks(page.address_edit, "10.0.0.7:abc")
    assert "ungültiger Port" in page.problem_label.text()
    page.address_edit.clear()
    qtbot.keyClicks(page.address_edit, "10.0.0.7")
    assert page.problem_label.text() == ""
    page.width_combo.setCurrentIndex(page.width_combo.findData(32))

    with qtbot.waitSignal(page.test_print_requested) as blocker:
        qtbot.mouseClick(page.test_print_button, Qt.MouseButton.LeftButton)
    requested = blocker.args[0]
    assert isinstance(requested, PrinterSettings)
    assert (requested.kind, requested.address, requested.width) == ("network", "10.0.0.7", 32)


def test_ask_before_print_only_matters_without_auto_print(qtbot: QtBot) -> None:
    page = PrinterSettingsPage()
    qtbot.addWidget(page)
    page.set_settings(PrinterSettings(auto_print=True))
    assert not page.ask_before_print_check.isEnabled()
    page.auto_print_check.setChecked(False)
    assert page.ask_before_print_check.isEnabled()


def test_print_preview_opens_without_blocking(qtbot: QtBot, receipt_lines: list[LayoutLine]) -> None:
    dialog = open_print_preview(None, receipt_lines, width=42)
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    dialog.reject()
    assert not dialog.isVisible()


def test_print_dialog_opens_without_blocking(qtbot: QtBot, receipt_lines: list[LayoutLine]) -> None:
    dialog = open_print_dialog(None, receipt_lines, width=42)
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    dialog.reject()
    assert not dialog.isVisible()


def test_save_pdf_dialog_saves_the_chosen_file(
    qtbot: QtBot, tmp_path: Path, receipt_lines: list[LayoutLine]
) -> None:
    saved: list[Path] = []
    dialog = open_save_pdf_dialog(None, receipt_lines, suggested_path=tmp_path, on_saved=saved.append)
    qtbot.addWidget(dialog)
    target = tmp_path / "beleg.pdf"
    dialog.fileSelected.emit(str(target))
    assert saved == [target]
    assert target.read_bytes().startswith(b"%PDF")
    dialog.reject()


@pytest.mark.asyncio
async def test_system_printer_that_does_not_exist_is_a_printer_error(
    qapp: QApplication, receipt_lines: list[LayoutLine]
) -> None:
    printer = QtSystemPrinter("no-such-printer-on-this-machine")
    with pytest.raises(PrinterError, match="kein Systemdrucker"):
        await printer(receipt_lines)

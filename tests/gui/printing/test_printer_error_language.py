"""Printer errors in the cashier's language: the service's German message template is translated
where the UI shows it (settings problem line, failure dialog), while ``str(error)`` stays German
for the log."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pos_gui.config.settings import PrinterSettings
from pos_gui.services.printer_devices import parse_network_address
from pos_gui.services.printer_errors import PrinterError
from pos_gui.ui.presenters.error_text import describe_error, printer_error_text
from pos_gui.ui.printing import PrinterSettingsPage, PrintFailureDialog


def bad_port_error() -> PrinterError:
    with pytest.raises(PrinterError) as caught:
        parse_network_address("10.0.0.7:abc")
    return caught.value


def test_german_by_default(qapp: QApplication) -> None:
    error = bad_port_error()
    assert printer_error_text(error) == "Drucker nicht erreichbar: ungültiger Port in „10.0.0.7:abc“"


@pytest.mark.usefixtures("english")
def test_printer_error_text_is_english_and_the_log_text_stays_german() -> None:
    error = bad_port_error()
    assert printer_error_text(error) == "Printer not reachable: invalid port in “10.0.0.7:abc”"
    assert str(error) == "Drucker nicht erreichbar: ungültiger Port in „10.0.0.7:abc“"
    unreachable = PrinterError("Drucker nicht erreichbar: {reason}", reason="[Errno 111] Connection refused")
    assert printer_error_text(unreachable) == "Printer not reachable: [Errno 111] Connection refused"
    message = describe_error(unreachable)
    assert message is not None
    assert (message.level, message.text) == ("error", "Printer not reachable: [Errno 111] Connection refused")


@pytest.mark.usefixtures("english")
def test_settings_problem_line_is_english(qtbot: QtBot) -> None:
    page = PrinterSettingsPage()
    qtbot.addWidget(page)
    page.set_settings(PrinterSettings(kind="usb", address="epson"))
    assert page.problem_label.text() == (
        "Printer not reachable: USB address “epson” is not vendor:product (hex)"
    )


@pytest.mark.usefixtures("english")
def test_failure_dialog_shows_a_printer_error_in_english(qtbot: QtBot) -> None:
    dialog = PrintFailureDialog(
        PrinterError("Drucker nicht erreichbar: keine Antwort nach {seconds} s", seconds="5")
    )
    qtbot.addWidget(dialog)
    dialog.open()
    assert dialog.windowTitle() == "Receipt not printed"
    assert dialog.detail_label.text() == "Printer not reachable: no answer after 5 s"
    dialog.reject()

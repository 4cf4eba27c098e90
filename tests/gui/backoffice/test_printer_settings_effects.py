"""What saving printer settings and a failed test print show: the receipt on screen as wide as
the paper, the failure in the cashier's language, and the back office's keys in the F1 help."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from pos_gui.config.paths import resolve_paths
from pos_gui.config.settings import PrinterSettings, Settings
from pos_gui.services.checkout import CheckoutState
from pos_gui.services.ledger import Ledger
from pos_gui.services.printing import PrintingService
from pos_gui.ui.backoffice import DRAWER_SHORTCUT, REPRINT_SHORTCUT, Backoffice
from pos_gui.ui.views.help_overlay import key_text
from tests.gui.backoffice.conftest import BackofficeTill
from tests.helpers.qt import run_until_done


def widest_line(shop: BackofficeTill) -> int:
    return max(len(line) for line in shop.window.receipt_preview.receipt_text().splitlines())


def test_saving_paper_width_32_lays_the_receipt_on_screen_out_at_32_columns(
    qtbot: QtBot, make_till: Callable[[PrinterSettings], BackofficeTill]
) -> None:
    shop = make_till(PrinterSettings(kind="none", width=48))
    preview = shop.window.receipt_preview
    assert preview.paper_width == 48  # as configured, from the start

    presenter = shop.till.presenter
    assert presenter.add_code("30037")
    assert presenter.add_code("4999012345678")
    assert run_until_done(qtbot, presenter.pay_cash_now())
    assert shop.till.checkout.state is CheckoutState.PAID
    qtbot.waitUntil(lambda: bool(preview.layout_lines))
    assert widest_line(shop) == 48

    dialog = shop.backoffice.show_printer_settings()
    dialog.page.width_combo.setCurrentIndex(dialog.page.width_combo.findData(32))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert preview.paper_width == 32
    assert widest_line(shop) == 32  # the paid sale on screen is laid out again
    assert "Sandwich Romano" in preview.receipt_text()


@pytest.mark.usefixtures("english", "worker_threads")
def test_failed_test_print_is_reported_in_english(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    paths = resolve_paths(tmp_path / "till")
    with Ledger(tmp_path / "journal.sqlite3") as journal:
        backoffice = Backoffice(
            window,
            journal=journal,
            printing=PrintingService(PrinterSettings(kind="none")),
            settings=Settings(),
            paths=paths,
            show_message=lambda message: None,
        )
        dialog = backoffice.show_printer_settings()
        dialog.page.kind_combo.setCurrentIndex(dialog.page.kind_combo.findData("file"))
        dialog.page.address_edit.setText(str(tmp_path / "no" / "such" / "folder" / "paper.bin"))
        qtbot.mouseClick(dialog.page.test_print_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "failed" in dialog.status_label.text(), timeout=10_000)
        status = dialog.status_label.text()
        assert status.startswith("Test print failed: Printer not reachable: ")
        assert "Drucker" not in status
        dialog.reject()
        run_until_done(qtbot, backoffice.wait_idle())


def test_f1_help_lists_the_back_office_shortcuts(
    qtbot: QtBot, make_till: Callable[[PrinterSettings], BackofficeTill]
) -> None:
    shop = make_till(PrinterSettings(kind="none"))
    overlay = shop.window.help_overlay
    overlay.toggle()  # what F1 does (the keys themselves are tested in test_till_keyboard)
    assert overlay.isVisible()
    rows = dict(overlay.rows())
    assert rows[key_text(REPRINT_SHORTCUT)] == "Letzten Beleg drucken"
    assert rows[key_text(DRAWER_SHORTCUT)] == "Schublade öffnen"
    assert rows[key_text("F6", "Ctrl+T")] == "Heutige Verkäufe"
    qtbot.keyClick(overlay, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not overlay.isVisible())

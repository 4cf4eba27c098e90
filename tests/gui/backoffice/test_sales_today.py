"""Today's sales list and receipt output on journal rows written through the Ledger API:
the columns the cashier reads, the receipt shown and printed (merchant copy included when
due), PDF from the list and from the failure dialog, and the printer settings dialog."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from pos_gui.config.paths import AppPaths, resolve_paths
from pos_gui.config.settings import PrinterSettings, Settings, load_settings
from pos_gui.core.basket import Article, BasketLine
from pos_gui.core.payment import Payment
from pos_gui.services.ledger import EventKind, Ledger
from pos_gui.services.printing import PrintingService
from pos_gui.ui.backoffice import Backoffice
from pos_gui.ui.presenters.receipt_output_presenter import ReceiptOutputPresenter
from pos_gui.ui.presenters.sales_today_presenter import SalesTodayPresenter
from pos_gui.ui.views.sales_today_view import SalesTodayDialog
from tests.helpers.network import closed_port

SANDWICH = Article("30037", "", "Sandwich Romano", 349, 7)
WATER = Article("51", "4999012345678", "Water, mildly sprinkling, 0.25 ltr.", 99, 19)
SALAD = Article("30200", "", "Fruit salad, small bowl", 249, 7)
TODAY = date(2025, 3, 14)
CUT = b"\x1dV"

SERVER_RECEIPT = [
    {"type": "separator", "value": {"caption": "Kundenkarte"}},
    {
        "type": "name-value",
        "value": {"name": "Kartennummer: ", "value": "9276004429942845", "decoration": []},
    },
    {"type": "textline", "value": {"text": "Umsatz erfasst:", "decoration": []}},
    {"type": "textline", "value": {"text": "7,96 EUR", "decoration": ["important"]}},
]
MERCHANT_RECEIPT = [
    {"type": "separator", "value": {"caption": "Händlerkopie"}},
    {"type": "name-value", "value": {"name": "TA Code: ", "value": "29187332", "decoration": []}},
    {"type": "textline", "value": {"text": "Unterschrift Kunde: ________", "decoration": []}},
]


class StepClock:
    """The journal's clock: whatever time the test sets."""

    def __init__(self) -> None:
        self.now = datetime.combine(TODAY, time(9, 15)).astimezone()

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> StepClock:
    return StepClock()


@pytest.fixture
def journal(tmp_path: Path, clock: StepClock) -> Iterator[Ledger]:
    with Ledger(tmp_path / "journal.sqlite3", clock=clock) as opened:
        yield opened


def paid_sale(
    journal: Ledger,
    lines: list[BasketLine],
    *,
    card_share: int,
    tendered: int,
    transaction: dict[str, Any],
) -> str:
    """A paid sale as the checkout journals it: opened, then PAID with the server's transaction."""
    total = sum(line.total for line in lines)
    record = journal.open_sale(state="BASKET", basket=lines)
    cash = total - card_share
    payment = Payment.of(total=total, cash_due=cash, tendered=tendered)
    journal.append(record.sale_id, EventKind.TRANSACTION_CREATED, transaction_id=transaction["id"])
    journal.append(
        record.sale_id,
        EventKind.PAYMENT_ANNOUNCED,
        transaction_id=transaction["id"],
        method="cash",
        payment=payment,
    )
    journal.append(record.sale_id, EventKind.PAYMENT_CONFIRMED, transaction=transaction, payment=payment)
    return record.sale_id


def seed_transaction(**extra: Any) -> dict[str, Any]:
    return {
        "id": "STX_KJXJDUN542NR3WMRHRVU5WWM6ZQEA2",
        "status": "ok",
        "trans_id": "29187332",
        "merchant": {"id": "MRC_1", "companyname": "Bäckerei Krümel"},
        "payment_method": "cash",
        "is_demo": False,
        "receipt": SERVER_RECEIPT,
        **extra,
    }


@pytest.fixture
def day(journal: Ledger, clock: StepClock) -> dict[str, str]:
    """A morning: a sale paid partly by card, one given up, one paid in cash; one from yesterday."""
    clock.now = datetime.combine(date(2025, 3, 13), time(18, 0)).astimezone()
    journal.open_sale(state="BASKET", basket=[BasketLine(1, SALAD, 1)])
    clock.now = datetime.combine(TODAY, time(9, 15, 4)).astimezone()
    card_sale = paid_sale(
        journal,
        [BasketLine(1, SANDWICH, 1), BasketLine(2, SALAD, 1), BasketLine(3, WATER, 2)],
        card_share=500,
        tendered=500,
        transaction=seed_transaction(),
    )
    clock.now = datetime.combine(TODAY, time(9, 40)).astimezone()
    voided = journal.open_sale(state="BASKET", basket=[BasketLine(1, WATER, 1)])
    journal.append(voided.sale_id, EventKind.SALE_ABORTED)
    clock.now = datetime.combine(TODAY, time(10, 2, 30)).astimezone()
    cash_sale = paid_sale(
        journal,
        [BasketLine(1, SALAD, 1)],
        card_share=0,
        tendered=1000,
        transaction=seed_transaction(
            id="STX_SECOND",
            trans_id=None,
            receipt=[],
            receipt_merchant=MERCHANT_RECEIPT,
            receipt_merchant_print=True,
        ),
    )
    return {"card": card_sale, "voided": voided.sale_id, "cash": cash_sale}


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return resolve_paths(tmp_path / "till")


def make_output(journal: Ledger, printer: PrinterSettings, paths: AppPaths) -> ReceiptOutputPresenter:
    return ReceiptOutputPresenter(
        PrintingService(printer, timeout=2.0),
        journal,
        dialog_parent=None,
        pdf_folder=paths.data_dir / "receipts",
    )


def wait_idle(qtbot: QtBot, output: ReceiptOutputPresenter) -> None:
    qtbot.waitUntil(lambda: not output.busy, timeout=10_000)


@pytest.mark.usefixtures("qloop")
def test_list_shows_the_days_sales_with_time_total_card_cash_and_status(
    qtbot: QtBot, journal: Ledger, day: dict[str, str], paths: AppPaths
) -> None:
    output = make_output(journal, PrinterSettings(kind="none"), paths)
    presenter = SalesTodayPresenter(output, today=lambda: TODAY)
    dialog = SalesTodayDialog(presenter)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)

    table = dialog.table
    cells = [
        [table.item(row, column).text() for column in range(table.columnCount())]
        for row in range(table.rowCount())
    ]
    assert cells == [
        ["09:15:04", "2", "7,96 €", "5,00 €", "2,96 €", "bezahlt"],
        ["09:40:00", "3", "0,99 €", "0,00 €", "0,99 €", "abgebrochen"],
        ["10:02:30", "4", "2,49 €", "0,00 €", "2,49 €", "bezahlt"],
    ]
    headers = [table.horizontalHeaderItem(column).text() for column in range(table.columnCount())]
    assert headers == ["Zeit", "Nr.", "Summe", "Karte", "Bar", "Status"]
    assert dialog.summary_label.text() == "2 bezahlte Verkäufe · Summe 10,45 € · Karte 5,00 € · Bar 5,45 €"
    assert not dialog.isModal()

    # The newest sale is selected; its receipt has the merchant copy after the customer's.
    assert dialog.selected_sale_id() == day["cash"]
    shown = dialog.receipt_view.toPlainText()
    assert "Fruit salad, small bowl" in shown
    assert "Bon-Nr. 4" in shown  # the till's sale number
    assert shown.index("Bar gegeben") < shown.index("Händlerbeleg") < shown.index("Unterschrift Kunde")
    assert "Bäckerei Krümel" in shown

    dialog.select_sale(day["card"])
    shown = dialog.receipt_view.toPlainText()
    lines = shown.splitlines()
    assert "Karte".ljust(42 - len("5,00 €")) + "5,00 €" in lines  # 42 columns, as on paper
    # A card sale too has the till's sale number; the server's TA code is not the Bon-Nr.
    assert [line.split()[-1] for line in lines if "Bon-Nr." in line] == ["2"]
    assert "Bon-Nr. 29187332" not in shown
    assert "Kartennummer:             9276004429942845" in lines
    assert dialog.print_button.isEnabled()

    dialog.select_sale(day["voided"])
    assert dialog.receipt_view.toPlainText() == "Kein Beleg: Der Verkauf wurde nicht bezahlt."
    assert not dialog.print_button.isEnabled()
    assert not dialog.save_pdf_button.isEnabled()


@pytest.mark.usefixtures("qloop")
def test_printing_from_the_list_prints_the_selected_receipt(
    qtbot: QtBot, journal: Ledger, day: dict[str, str], paths: AppPaths, tmp_path: Path
) -> None:
    paper = tmp_path / "printer.bin"
    output = make_output(journal, PrinterSettings(kind="file", address=str(paper)), paths)
    dialog = SalesTodayDialog(SalesTodayPresenter(output, today=lambda: TODAY))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.select_sale(day["card"])

    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: paper.exists() and CUT in paper.read_bytes())
    wait_idle(qtbot, output)
    data = paper.read_bytes()
    assert "Sandwich Romano".encode("cp858") in data
    assert "Kartennummer: ".encode("cp858") in data
    assert "Händlerbeleg".encode("cp858") not in data  # a reprint is the customer's receipt
    assert data.count(CUT) == 1


@pytest.mark.usefixtures("qloop")
def test_paid_sale_prints_the_merchant_copy_when_the_server_asks(
    qtbot: QtBot, journal: Ledger, day: dict[str, str], paths: AppPaths, tmp_path: Path
) -> None:
    paper = tmp_path / "printer.bin"
    output = make_output(journal, PrinterSettings(kind="file", address=str(paper)), paths)
    output.on_sale_paid(day["cash"])
    qtbot.waitUntil(lambda: paper.exists() and paper.read_bytes().count(CUT) == 2)
    wait_idle(qtbot, output)
    data = paper.read_bytes()
    customer, merchant = data.split(CUT)[:2]
    assert "Fruit salad, small bowl".encode("cp858") in customer
    assert "Händlerbeleg".encode("cp858") in merchant
    assert "Unterschrift Kunde".encode("cp858") in merchant
    assert b"\x1bp" in customer  # cash sale: drawer kick with the customer receipt
    assert b"\x1bp" not in merchant

    # Paid once is printed once, however often the window redraws.
    output.on_sale_paid(day["cash"])
    wait_idle(qtbot, output)
    assert paper.read_bytes() == data


@pytest.mark.usefixtures("qloop")
def test_failed_print_saved_as_pdf_counts_as_issued(
    qtbot: QtBot, journal: Ledger, day: dict[str, str], paths: AppPaths, tmp_path: Path
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    output = ReceiptOutputPresenter(
        PrintingService(PrinterSettings(kind="network", address=f"127.0.0.1:{closed_port()}"), timeout=2.0),
        journal,
        dialog_parent=parent,
        pdf_folder=paths.data_dir / "receipts",
    )
    messages: list[Any] = []
    output.message.connect(messages.append)
    output.on_sale_paid(day["cash"])
    qtbot.waitUntil(lambda: output.failure_dialog is not None)
    assert output.unprinted == {day["cash"]}
    dialog = output.failure_dialog
    assert dialog is not None

    qtbot.mouseClick(dialog.save_pdf_button, Qt.MouseButton.LeftButton)
    pdf_dialog = output.pdf_dialog
    assert pdf_dialog is not None
    assert pdf_dialog.isVisible()
    target = tmp_path / "beleg.pdf"
    pdf_dialog.fileSelected.emit(str(target))  # the cashier picked a file name
    assert target.read_bytes().startswith(b"%PDF")
    assert output.unprinted == set()
    assert messages[-1].text == "Beleg als PDF gespeichert."
    assert messages[-1].details == str(target)
    pdf_dialog.close()


@pytest.mark.usefixtures("qloop")
def test_save_pdf_from_the_list(
    qtbot: QtBot, journal: Ledger, day: dict[str, str], paths: AppPaths, tmp_path: Path
) -> None:
    output = make_output(journal, PrinterSettings(kind="none"), paths)
    dialog = SalesTodayDialog(SalesTodayPresenter(output, today=lambda: TODAY))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.select_sale(day["card"])

    qtbot.mouseClick(dialog.save_pdf_button, Qt.MouseButton.LeftButton)
    file_dialog = dialog.pdf_dialog
    assert file_dialog is not None
    assert file_dialog.isVisible()
    assert file_dialog.selectedFiles()[0].endswith("Beleg-2.pdf")
    target = tmp_path / "kopie.pdf"
    file_dialog.fileSelected.emit(str(target))
    assert target.read_bytes().startswith(b"%PDF")
    file_dialog.close()


def test_printer_settings_dialog_saves_on_ok_and_keeps_the_file_on_cancel(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, journal: Ledger, paths: AppPaths
) -> None:
    printing = PrintingService(PrinterSettings(kind="none"))
    backoffice = _backoffice_without_till(qtbot, journal, printing, paths, Settings(client_id="till-7"))
    dialog = backoffice.show_printer_settings()
    assert not dialog.isModal()
    page = dialog.page
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("network"))
    page.address_edit.setText("10.0.0.7:abc")
    assert not dialog.ok_button.isEnabled()  # an unusable address cannot be saved
    page.address_edit.setText("10.0.0.7")
    page.width_combo.setCurrentIndex(page.width_combo.findData(32))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    saved = load_settings(paths)
    assert (saved.printer.kind, saved.printer.address, saved.printer.width) == ("network", "10.0.0.7", 32)
    assert saved.client_id == "till-7"  # the rest of the settings is kept
    assert printing.settings == saved.printer
    assert backoffice.printer_dialog is None

    dialog = backoffice.show_printer_settings()
    dialog.page.width_combo.setCurrentIndex(dialog.page.width_combo.findData(48))
    dialog.reject()
    assert load_settings(paths).printer.width == 32
    assert printing.settings.width == 32


def test_test_print_uses_the_settings_as_shown_before_saving(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, journal: Ledger, paths: AppPaths, tmp_path: Path
) -> None:
    printing = PrintingService(PrinterSettings(kind="none"))
    backoffice = _backoffice_without_till(qtbot, journal, printing, paths, Settings())
    dialog = backoffice.show_printer_settings()
    paper = tmp_path / "test.bin"
    dialog.page.kind_combo.setCurrentIndex(dialog.page.kind_combo.findData("file"))
    dialog.page.address_edit.setText(str(paper))
    qtbot.mouseClick(dialog.page.test_print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.status_label.text() == "Testdruck gesendet.", timeout=10_000)
    assert "Testdruck".encode("cp858") in paper.read_bytes()
    assert printing.settings.kind == "none"  # nothing saved yet
    assert not paths.settings_file.exists()
    dialog.reject()


def _backoffice_without_till(
    qtbot: QtBot, journal: Ledger, printing: PrintingService, paths: AppPaths, settings: Settings
) -> Backoffice:
    """The back office on a bare main window: enough for its dialogs."""
    from PySide6.QtWidgets import QMainWindow

    window = QMainWindow()
    qtbot.addWidget(window)
    return Backoffice(
        window,
        journal=journal,
        printing=printing,
        settings=settings,
        paths=paths,
        show_message=lambda message: None,
    )


@pytest.mark.usefixtures("qloop", "english")
def test_pdf_that_cannot_be_written_is_reported_in_english(
    journal: Ledger, day: dict[str, str], paths: AppPaths, tmp_path: Path
) -> None:
    presenter = SalesTodayPresenter(
        make_output(journal, PrinterSettings(kind="none"), paths), today=lambda: TODAY
    )
    messages: list[Any] = []
    presenter.message.connect(messages.append)

    assert presenter.save_pdf(day["cash"], tmp_path / "no-such-folder" / "receipt.pdf") is None

    assert messages[-1].level == "error"
    assert messages[-1].text.startswith("PDF could not be saved: ")


@pytest.mark.usefixtures("qloop", "till_style_sheet")
def test_whole_receipt_is_readable_beside_the_list_under_the_till_style_sheet(
    qtbot: QtBot, journal: Ledger, day: dict[str, str], paths: AppPaths
) -> None:
    output = make_output(journal, PrinterSettings(kind="none"), paths)
    dialog = SalesTodayDialog(SalesTodayPresenter(output, today=lambda: TODAY))
    qtbot.addWidget(dialog)
    dialog.resize(1000, 640)  # as it opens over a 1366×768 till
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.select_sale(day["card"])

    view = dialog.receipt_view
    assert view.font().pointSize() == 10
    assert QFontInfo(view.font()).fixedPitch()
    widest = max(view.toPlainText().splitlines(), key=len)
    assert len(widest) == 42
    # The widest printed line fits: nothing is cut off on the right, no sideways scrolling.
    assert view.fontMetrics().horizontalAdvance(widest) <= view.viewport().width()
    assert view.horizontalScrollBar().maximum() == 0

"""Receipts leaving the real till window after real sales on the embedded simulator: automatic
printing, the cash drawer, "Beleg drucken?", an unreachable printer, reprint and "no sale"."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from pos_gui.config.settings import PrinterSettings, load_settings
from pos_gui.services.checkout import CheckoutState
from pos_gui.services.escpos_bytes import encode_drawer_kick
from tests.gui.backoffice.conftest import BackofficeTill, NetworkPrinterSink
from tests.helpers.network import closed_port
from tests.helpers.qt import run_until_done

SEED_CARD = "9276004429942845"
CUT = b"\x1dV"
ESC_P = b"\x1bp"


def cp858(text: str) -> bytes:
    return text.encode("cp858")


def pay_cash(qtbot: QtBot, shop: BackofficeTill, codes: list[str], tendered: str = "") -> str:
    """Ring up ``codes`` and pay in cash through the checkout presenter; returns the sale id."""
    presenter = shop.till.presenter
    if shop.till.checkout.state is CheckoutState.PAID:
        presenter.new_sale()
    for code in codes:
        assert presenter.add_code(code)
    presenter.set_tendered(tendered)
    assert run_until_done(qtbot, presenter.pay_cash_now())
    assert shop.till.checkout.state is CheckoutState.PAID
    sale_id = shop.till.checkout.sale_id
    assert sale_id is not None
    return str(sale_id)


def focus_till(qtbot: QtBot, shop: BackofficeTill) -> None:
    """The cashier is back in the till window (shortcuts belong to the active window)."""
    shop.window.activateWindow()
    qtbot.waitUntil(shop.window.isActiveWindow)


def file_printer(path: Path, **options: object) -> PrinterSettings:
    return PrinterSettings(kind="file", address=str(path), **options)  # type: ignore[arg-type]


def wait_for_cut(qtbot: QtBot, path: Path, count: int = 1) -> bytes:
    qtbot.waitUntil(lambda: path.exists() and path.read_bytes().count(CUT) >= count, timeout=10_000)
    return path.read_bytes()


@pytest.mark.parametrize("drawer_setting", [True, False])
def test_cash_sale_prints_the_receipt_and_kicks_the_drawer(
    qtbot: QtBot, make_till: Callable[[PrinterSettings], BackofficeTill], tmp_path: Path, drawer_setting: bool
) -> None:
    paper = tmp_path / "printer.bin"
    shop = make_till(file_printer(paper, open_drawer_after_cash=drawer_setting))

    pay_cash(qtbot, shop, ["30037", "2*4999012345678"], tendered="10,00")

    data = wait_for_cut(qtbot, paper)
    assert data.startswith(b"\x1b@")  # the printer is initialised first
    for text in ("Sandwich Romano", "Summe", "5,47 €", "Bar gegeben", "10,00 €", "Rückgeld", "4,53 €"):
        assert cp858(text) in data, text
    assert cp858("DEMO - keine echte Zahlung") in data  # demo mode says so on paper
    assert len(data) - data.rindex(CUT) <= 3  # the cut (GS V m) is the last command
    kick = encode_drawer_kick()
    if drawer_setting:
        assert data.count(kick) == 1
        assert data.index(kick) < data.index(cp858("Sandwich Romano"))  # opens while printing
    else:
        assert ESC_P not in data
    assert shop.backoffice.output.failure_dialog is None


def test_sale_paid_by_card_prints_without_drawer_kick(
    qtbot: QtBot, make_till: Callable[[PrinterSettings], BackofficeTill], tmp_path: Path
) -> None:
    paper = tmp_path / "printer.bin"
    shop = make_till(file_printer(paper))
    presenter = shop.till.presenter
    presenter.add_code("30037")
    assert run_until_done(qtbot, presenter.scan_card_now(SEED_CARD))
    assert run_until_done(qtbot, presenter.apply_card_balance_now())
    assert run_until_done(qtbot, presenter.pay_card_now())

    data = wait_for_cut(qtbot, paper)
    assert cp858("Kundenkarte") in data  # the server's receipt lines follow the till's
    assert cp858(SEED_CARD) in data
    # The Bon-Nr. is the till's running sale number, as on a cash sale's receipt; the server's
    # TA code appears only in its own loyalty lines.
    transaction = shop.till.checkout.transaction
    assert transaction is not None
    assert transaction.trans_id
    assert cp858(f"Bon-Nr. {shop.till.checkout.sale_number}\n") in data.replace(b"\r", b"")
    assert cp858(f"Bon-Nr. {transaction.trans_id}") not in data
    assert cp858("TA Code:") in data
    assert data.index(cp858("Kundenkarte")) < data.index(cp858(str(transaction.trans_id)))
    assert cp858("Karte") in data
    assert ESC_P not in data


def test_unreachable_printer_never_blocks_and_the_receipt_prints_later_from_todays_sales(
    qtbot: QtBot, make_till: Callable[[PrinterSettings], BackofficeTill], tmp_path: Path
) -> None:
    shop = make_till(PrinterSettings(kind="network", address=f"127.0.0.1:{closed_port()}"))
    output = shop.backoffice.output

    sale_id = pay_cash(qtbot, shop, ["30037"])

    # The sale is complete and journaled; the cashier is offered the retry.
    qtbot.waitUntil(lambda: output.failure_dialog is not None and output.failure_dialog.isVisible())
    dialog = output.failure_dialog
    assert dialog is not None
    assert "Drucker nicht erreichbar" in dialog.detail_label.text()
    assert dialog.retry_button.text() == "Erneut versuchen"
    assert dialog.isVisible()
    assert dialog.save_pdf_button.isVisible()
    assert dialog.continue_button.isVisible()
    assert shop.till.journal.sale(sale_id).state == "PAID"
    assert not dialog.isModal()

    # The till is not blocked: the next customer's basket can be rung up meanwhile.
    shop.till.presenter.new_sale()
    assert shop.till.presenter.add_code("30200")
    assert shop.till.checkout.state is CheckoutState.BASKET

    qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Heutige Verkäufe" in shop.message())
    assert output.failure_dialog is None

    # Store IT fixes the printer: a file printer, chosen in "Einstellungen → Drucker …".
    paper = tmp_path / "printer.bin"
    shop.backoffice.printer_settings_action.trigger()
    settings_dialog = shop.backoffice.printer_dialog
    assert settings_dialog is not None
    assert settings_dialog.isVisible()
    assert not settings_dialog.isModal()
    page = settings_dialog.page
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("file"))
    page.address_edit.setText(str(paper))
    qtbot.mouseClick(settings_dialog.ok_button, Qt.MouseButton.LeftButton)
    assert load_settings(shop.paths).printer.kind == "file"
    assert shop.printing.settings.address == str(paper)

    # Today's sales (F6) shows the paid sale as not printed, with its receipt.
    focus_till(qtbot, shop)
    qtbot.keyClick(shop.window, Qt.Key.Key_F6)
    qtbot.waitUntil(
        lambda: shop.backoffice.sales_dialog is not None and shop.backoffice.sales_dialog.isVisible()
    )
    sales = shop.backoffice.sales_dialog
    assert sales is not None
    assert sales.select_sale(sale_id)
    row = sales.table.currentRow()
    assert sales.table.item(row, 5).text() == "bezahlt – Beleg nicht gedruckt"
    assert sales.table.item(row, 2).text() == "3,49 €"
    assert "Sandwich Romano" in sales.receipt_view.toPlainText()
    assert not paper.exists()

    qtbot.mouseClick(sales.print_button, Qt.MouseButton.LeftButton)
    data = wait_for_cut(qtbot, paper)
    assert cp858("Sandwich Romano") in data
    assert ESC_P not in data  # a later print does not open the drawer again
    qtbot.waitUntil(lambda: sales.table.item(sales.table.currentRow(), 5).text() == "bezahlt")


@pytest.mark.usefixtures("english")
def test_print_failure_after_a_sale_speaks_english_with_lang_en(
    qtbot: QtBot, make_till: Callable[[PrinterSettings], BackofficeTill]
) -> None:
    address = f"127.0.0.1:{closed_port()}"
    shop = make_till(PrinterSettings(kind="network", address=address))
    output = shop.backoffice.output

    with qtbot.waitSignal(output.print_failed, timeout=10_000) as failed:
        pay_cash(qtbot, shop, ["30037"])

    expected = (
        f"Printer not reachable: {address} refuses the connection. "
        "Is the printer switched on and the address right?"
    )
    assert failed.args[1] == expected
    qtbot.waitUntil(lambda: output.failure_dialog is not None and output.failure_dialog.isVisible())
    dialog = output.failure_dialog
    assert dialog is not None
    assert dialog.message_label.text() == "The receipt could not be printed."
    assert dialog.detail_label.text() == expected
    qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: output.failure_dialog is None)


@pytest.mark.usefixtures("english")
def test_drawer_failure_details_speak_english_with_lang_en(
    qtbot: QtBot, make_till: Callable[[PrinterSettings], BackofficeTill]
) -> None:
    address = f"127.0.0.1:{closed_port()}"
    shop = make_till(PrinterSettings(kind="network", address=address))
    focus_till(qtbot, shop)

    qtbot.keyClick(shop.window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)

    qtbot.waitUntil(lambda: shop.message() == "The cash drawer did not open.", timeout=10_000)
    assert shop.message_details().startswith(f"Printer not reachable: {address} refuses the connection.")


def test_retry_prints_once_the_network_printer_is_back(
    qtbot: QtBot, make_till: Callable[[PrinterSettings], BackofficeTill]
) -> None:
    port = closed_port()
    shop = make_till(PrinterSettings(kind="network", address=f"127.0.0.1:{port}"))
    output = shop.backoffice.output
    pay_cash(qtbot, shop, ["30037"], tendered="5,00")
    qtbot.waitUntil(lambda: output.failure_dialog is not None)
    dialog = output.failure_dialog
    assert dialog is not None

    printer = NetworkPrinterSink(port)  # paper refilled, printer switched on again
    try:
        qtbot.mouseClick(dialog.retry_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: CUT in printer.data, timeout=10_000)
        qtbot.waitUntil(lambda: not output.busy)
        data = printer.data
    finally:
        printer.stop()
    assert cp858("Sandwich Romano") in data
    assert cp858("Rückgeld") in data
    assert data.count(encode_drawer_kick()) == 1  # the change is still in the closed drawer
    assert output.failure_dialog is None
    assert output.unprinted == set()


def test_ctrl_p_reprints_the_last_paid_sale_not_the_one_in_progress(
    qtbot: QtBot, make_till: Callable[[PrinterSettings], BackofficeTill], tmp_path: Path
) -> None:
    paper = tmp_path / "printer.bin"
    shop = make_till(file_printer(paper))
    pay_cash(qtbot, shop, ["30037"])
    wait_for_cut(qtbot, paper)
    pay_cash(qtbot, shop, ["30200"])
    wait_for_cut(qtbot, paper, count=2)
    transaction = shop.till.checkout.transaction
    assert transaction is not None
    receipt_number = shop.till.checkout.sale_number  # the till's own number
    shop.till.presenter.new_sale()
    shop.till.presenter.add_code("30037")  # the next customer is being served
    qtbot.waitUntil(lambda: not shop.backoffice.output.busy)
    paper.unlink()

    focus_till(qtbot, shop)
    qtbot.keyClick(shop.window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)

    data = wait_for_cut(qtbot, paper)
    assert cp858("Fruit salad, small bowl") in data
    assert cp858(f"Bon-Nr. {receipt_number}") in data
    assert cp858("Sandwich Romano") not in data
    assert ESC_P not in data


def test_ctrl_d_opens_the_drawer_without_a_sale(
    qtbot: QtBot, make_till: Callable[[PrinterSettings], BackofficeTill], tmp_path: Path
) -> None:
    paper = tmp_path / "printer.bin"
    shop = make_till(file_printer(paper))
    focus_till(qtbot, shop)

    qtbot.keyClick(shop.window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)

    qtbot.waitUntil(lambda: paper.exists() and paper.read_bytes() != b"")
    assert paper.read_bytes() == encode_drawer_kick()
    assert paper.read_bytes().startswith(ESC_P)
    qtbot.waitUntil(lambda: shop.message() == "Schublade geöffnet.")


def test_drawer_without_receipt_printer_says_so(
    qtbot: QtBot, make_till: Callable[[PrinterSettings], BackofficeTill]
) -> None:
    shop = make_till(PrinterSettings(kind="none"))
    pay_cash(qtbot, shop, ["30037"])
    qtbot.waitUntil(lambda: not shop.backoffice.output.busy)
    assert shop.backoffice.output.failure_dialog is None
    assert shop.backoffice.output.question_box is None

    shop.backoffice.drawer_action.trigger()
    qtbot.waitUntil(lambda: "kein Bondrucker" in shop.message())


def test_ask_before_print_is_a_non_modal_question(
    qtbot: QtBot, make_till: Callable[[PrinterSettings], BackofficeTill], tmp_path: Path
) -> None:
    paper = tmp_path / "printer.bin"
    shop = make_till(file_printer(paper, auto_print=False, ask_before_print=True))
    output = shop.backoffice.output

    pay_cash(qtbot, shop, ["30037"])
    qtbot.waitUntil(lambda: output.question_box is not None and output.question_box.isVisible())
    box = output.question_box
    assert box is not None
    assert box.text() == "Beleg drucken?"
    assert box.windowModality() == Qt.WindowModality.NonModal
    # The drawer opens at once for the change; the receipt waits for the answer.
    qtbot.waitUntil(lambda: paper.exists() and paper.read_bytes() == encode_drawer_kick())

    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    data = wait_for_cut(qtbot, paper)
    assert cp858("Sandwich Romano") in data
    assert data.count(ESC_P) == 1

    pay_cash(qtbot, shop, ["30200"])
    qtbot.waitUntil(lambda: output.question_box is not None and output.question_box.isVisible())
    box = output.question_box
    assert box is not None
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.No), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: output.question_box is None and not output.busy)
    data = paper.read_bytes()
    assert cp858("Fruit salad") not in data
    assert data.count(ESC_P) == 2  # the second cash sale opened the drawer too


def test_support_bundle_from_the_menu_tells_where_the_zip_is(
    qtbot: QtBot, make_till: Callable[[PrinterSettings], BackofficeTill]
) -> None:
    import zipfile

    shop = make_till(PrinterSettings())
    pay_cash(qtbot, shop, ["30037"])
    shop.backoffice.support_action.trigger()

    qtbot.waitUntil(lambda: "Support-Paket gespeichert" in shop.message(), timeout=10_000)
    bundle = shop.backoffice.last_support_bundle
    assert bundle is not None
    assert bundle.exists()
    assert str(bundle) in shop.message()
    assert bundle.parent == shop.paths.data_dir / "support"
    with zipfile.ZipFile(bundle) as archive:
        names = archive.namelist()
    assert {"README.txt", "settings.json", "versions.json", "journal.sqlite3"} <= set(names)


def test_menus_offer_the_back_office_with_their_shortcuts(
    make_till: Callable[[PrinterSettings], BackofficeTill],
) -> None:
    shop = make_till(PrinterSettings())
    window = shop.window
    till_entries = [action.text() for action in window.till_menu.actions()]
    assert till_entries.index("Letzten Beleg drucken") < till_entries.index("Schublade öffnen")
    assert till_entries[-1] == "Beenden"  # quitting stays the last entry
    assert "Heutige Verkäufe" in [action.text() for action in window.sales_menu.actions()]
    assert "Drucker …" in [action.text() for action in window.settings_menu.actions()]
    assert "Support-Paket erstellen" in [action.text() for action in window.help_menu.actions()]
    backoffice = shop.backoffice
    assert backoffice.reprint_action.shortcut().toString() == "Ctrl+P"
    assert backoffice.drawer_action.shortcut().toString() == "Ctrl+D"
    assert [key.toString() for key in backoffice.sales_today_action.shortcuts()] == ["F6", "Ctrl+T"]

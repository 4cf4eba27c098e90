"""Open-price articles ask for their price; an empty catalogue says how to import one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QTableView
from pytestqt.qtbot import QtBot

from pos_gui.app import Till
from pos_gui.services.catalog import HOW_TO_IMPORT, Catalog
from pos_gui.ui.catalog.open_price_dialog import OpenPriceDialog
from tests.gui.catalog.test_article_search import enter
from tests.helpers.qt import child

CATALOG_WITH_OPEN_PRICE = """article_number;ean;name;price_cents;vat_rate;group;unit;open_price;active
30037;;Sandwich Romano;349;7;Snacks;Stk;0;1
9001;2009001000005;Kuchen nach Gewicht;0;7;Kuchen;Stk;1;1
9002;;Gutschein;1000;0;;Stk;1;1
"""


def basket_rows(till: Till) -> list[tuple[str, str, str]]:
    model = child(till.window, QTableView, "basketTable").model()
    return [
        (model.index(row, 0).data(), model.index(row, 1).data(), model.index(row, 4).data())
        for row in range(model.rowCount())
    ]


def open_price_till(till: Till) -> Till:
    till.presenter.catalog = Catalog.from_text(CATALOG_WITH_OPEN_PRICE)
    return till


def price_dialog(qtbot: QtBot, till: Till) -> OpenPriceDialog:
    qtbot.waitUntil(lambda: till.window.basket_view.price_dialog is not None)
    dialog = till.window.basket_view.price_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_an_open_price_article_asks_for_the_price_and_adds_it(qtbot: QtBot, till: Till) -> None:
    open_price_till(till)
    enter(qtbot, child(till.window, QLineEdit, "articleInput"), "9001")
    dialog = price_dialog(qtbot, till)
    assert not dialog.isModal()
    assert "Kuchen nach Gewicht" in dialog.prompt_label.text()
    assert basket_rows(till) == []
    qtbot.keyClicks(dialog.amount_input, "3,45")
    qtbot.keyClick(dialog.amount_input, Qt.Key.Key_Return)
    assert basket_rows(till) == [("Kuchen nach Gewicht", "1", "3,45 €")]
    assert till.window.basket_view.price_dialog is None


def test_esc_in_the_price_dialog_adds_nothing(qtbot: QtBot, till: Till) -> None:
    open_price_till(till)
    enter(qtbot, child(till.window, QLineEdit, "articleInput"), "9001")
    dialog = price_dialog(qtbot, till)
    qtbot.keyClicks(dialog.amount_input, "3,45")
    qtbot.keyClick(dialog.amount_input, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert basket_rows(till) == []


def test_a_price_that_is_not_an_amount_is_refused_and_the_dialog_stays(qtbot: QtBot, till: Till) -> None:
    open_price_till(till)
    enter(qtbot, child(till.window, QLineEdit, "articleInput"), "9001")
    dialog = price_dialog(qtbot, till)
    for typed in ("drei", "0", "-2,00"):
        dialog.amount_input.setText(typed)
        qtbot.keyClick(dialog.amount_input, Qt.Key.Key_Return)
        assert dialog.isVisible()
        assert "Bitte einen Betrag über 0 € eingeben" in dialog.problem_label.text()
    assert basket_rows(till) == []


def test_the_suggested_price_is_offered_and_a_quantity_prefix_applies(qtbot: QtBot, till: Till) -> None:
    open_price_till(till)
    enter(qtbot, child(till.window, QLineEdit, "articleInput"), "2*gutschein")
    dialog = price_dialog(qtbot, till)
    assert dialog.amount_input.text() == "10,00"
    assert "2 × Gutschein" in dialog.prompt_label.text()
    qtbot.keyClick(dialog.amount_input, Qt.Key.Key_Return)
    assert basket_rows(till) == [("Gutschein", "2", "20,00 €")]


def test_an_empty_catalogue_says_how_to_import_one(qtbot: QtBot, till: Till, tmp_path: Path) -> None:
    hint = child(till.window, QLabel, "emptyCatalogHint")
    # The demo catalogue is not empty: no hint once the till has looked.
    qtbot.wait(400)
    assert not hint.isVisible()
    till.presenter.catalog = Catalog.open(tmp_path / "catalog.sqlite3")
    till.window.basket_view.check_catalog()
    assert hint.isVisible()
    assert "Der Artikelkatalog ist leer" in hint.text()
    assert HOW_TO_IMPORT in hint.text()

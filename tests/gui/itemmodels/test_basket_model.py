"""The basket table model: German money, VAT column, editable quantity, small updates."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pos_gui.core.basket import Article, Basket
from pos_gui.ui.itemmodels.basket_model import BasketTableModel

SANDWICH = Article("30037", "", "Sandwich Romano", 349, 7)
WATER = Article("51", "4999012345678", "Water", 99, 19)


def test_rows_show_german_money_and_vat(qtbot: QtBot) -> None:
    basket = Basket()
    basket.add(SANDWICH)
    basket.add(WATER, 2)
    model = BasketTableModel()
    model.sync(basket.lines)
    assert model.rowCount() == 2
    row = [model.index(1, column).data() for column in range(model.columnCount())]
    assert row == ["Water", "2", "0,99 €", "19 %", "1,98 €"]
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Artikel"


def test_adding_a_line_inserts_one_row_without_reset(qtbot: QtBot) -> None:
    basket = Basket()
    basket.add(SANDWICH)
    model = BasketTableModel()
    model.sync(basket.lines)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    with qtbot.waitSignal(model.rowsInserted) as inserted:
        basket.add(WATER)
        model.sync(basket.lines)
    assert inserted.args[1:] == [1, 1]
    assert not resets


def test_quantity_change_and_void_are_small_updates(qtbot: QtBot) -> None:
    basket = Basket()
    first = basket.add(SANDWICH)
    basket.add(WATER)
    model = BasketTableModel()
    model.sync(basket.lines)
    with qtbot.waitSignal(model.dataChanged):
        basket.set_quantity(first.line_id, 3)
        model.sync(basket.lines)
    assert model.index(0, 1).data() == "3"
    assert model.index(0, 4).data() == "10,47 €"
    with qtbot.waitSignal(model.rowsRemoved):
        basket.void(first.line_id)
        model.sync(basket.lines)
    assert model.rowCount() == 1
    assert model.index(0, 0).data() == "Water"


def test_editing_the_quantity_asks_the_presenter(qtbot: QtBot) -> None:
    basket = Basket()
    line = basket.add(SANDWICH)
    model = BasketTableModel()
    model.sync(basket.lines)
    assert model.flags(model.index(0, 1)) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    with qtbot.waitSignal(model.quantity_edited) as edited:
        assert model.setData(model.index(0, 1), "4")
    assert edited.args == [line.line_id, 4]
    assert not model.setData(model.index(0, 1), "vier")

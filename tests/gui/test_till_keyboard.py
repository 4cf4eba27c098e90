"""Keyboard operation of the till: F-keys, Ctrl+N, Del, +/-, quantity prefix, help overlay."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QTranslator
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QTableView
from pytestqt.qtbot import QtBot

from pos_gui.app import Till
from tests.gui.conftest import installed_translators
from tests.gui.day.discard import answer_discard
from tests.gui.test_till_flow import child, enter


@pytest.fixture
def german_qt(qapp: QApplication) -> Iterator[list[QTranslator]]:
    """Qt's German catalogue, as the till installs it at start-up for a German cashier; request
    it before ``till`` so the window is built with it."""
    with installed_translators(qapp, "de") as translators:
        assert translators, "Qt's qtbase_de catalogue is missing from the PySide6 installation"
        yield translators


def basket_rows(till: Till) -> list[tuple[str, str]]:
    model = child(till, QTableView, "basketTable").model()
    return [(model.index(row, 0).data(), model.index(row, 1).data()) for row in range(model.rowCount())]


def test_function_keys_move_the_focus(qtbot: QtBot, till: Till) -> None:
    window = till.window
    window.activateWindow()
    for key, name in (
        (Qt.Key.Key_F4, "cardInput"),
        (Qt.Key.Key_F8, "tenderedInput"),
        (Qt.Key.Key_F2, "articleInput"),
    ):
        qtbot.keyClick(window, key)
        qtbot.waitUntil(lambda name=name: QApplication.focusWidget() is child(till, QLineEdit, name))


def test_help_overlay_lists_the_shortcuts_as_a_german_keyboard_names_them(
    qtbot: QtBot, german_qt: list[QTranslator], till: Till
) -> None:
    overlay = till.window.help_overlay
    qtbot.keyClick(till.window, Qt.Key.Key_F1)
    qtbot.waitUntil(overlay.isVisible)
    keys = [label.text() for label in overlay.findChildren(QLabel, "helpKey")]
    for key in ("F1", "F2", "F4", "F8", "F9", "F11", "F12", "Strg+N", "Entf", "+ / −"):
        assert key in keys
    assert not [key for key in keys if "Ctrl" in key or key == "Del"]
    # The same name as on the window's own button.
    assert "(Strg+N)" in child(till, QPushButton, "newSaleButton").text()
    qtbot.keyClick(overlay, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not overlay.isVisible())


def test_quantity_prefix_plus_minus_and_delete(qtbot: QtBot, till: Till) -> None:
    article = child(till, QLineEdit, "articleInput")
    enter(qtbot, article, "3*30037")
    enter(qtbot, article, "30200")
    assert basket_rows(till) == [("Sandwich Romano", "3"), ("Fruit salad, small bowl", "1")]
    # The added line is selected; + and - in the empty article field change it.
    qtbot.keyClick(article, Qt.Key.Key_Plus)
    qtbot.keyClick(article, Qt.Key.Key_Plus)
    qtbot.keyClick(article, Qt.Key.Key_Minus)
    assert basket_rows(till)[1] == ("Fruit salad, small bowl", "2")
    # Del voids the selected line.
    table = child(till, QTableView, "basketTable")
    table.selectRow(0)
    qtbot.keyClick(article, Qt.Key.Key_Delete)
    assert basket_rows(till) == [("Fruit salad, small bowl", "2")]
    assert till.window.basket_view.total_label.text() == "4,98 €"


# The suggestion popup grabs the keyboard, which the offscreen platform cannot do.
@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")
def test_article_search_by_name(qtbot: QtBot, till: Till) -> None:
    article = child(till, QLineEdit, "articleInput")
    enter(qtbot, article, "Sandwich Romano")
    enter(qtbot, article, "Gibtsnicht")
    assert basket_rows(till) == [("Sandwich Romano", "1")]
    assert "Artikel nicht gefunden" in till.window.message_bar.text()


def test_ctrl_n_starts_a_new_sale(qtbot: QtBot, till: Till) -> None:
    enter(qtbot, child(till, QLineEdit, "articleInput"), "30037")
    assert basket_rows(till)
    qtbot.keyClick(till.window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    answer_discard(qtbot, till.window, discard=True)  # "Verkauf verwerfen?"
    assert basket_rows(till) == []
    assert till.window.basket_view.total_label.text() == "0,00 €"


def test_automation_names(till: Till) -> None:
    for name in (
        "articleInput",
        "basketTable",
        "cardInput",
        "cardBalanceLabel",
        "applyCardButton",
        "missingSumLabel",
        "tenderedInput",
        "changeLabel",
        "payCashButton",
        "payCardButton",
        "receiptPreview",
        "newSaleButton",
        "demoBanner",
    ):
        widget = till.window.findChild(object, name)
        assert widget is not None, name
        assert widget.accessibleName() == name
    banner = child(till, QLabel, "demoBanner")
    assert banner.isVisible()
    assert "DEMO" in banner.text()

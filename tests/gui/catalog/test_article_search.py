"""The cashier finds articles by name: the search popup under the article field, the unknown code
that offers a search, and the quantity typed too large."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton, QTableView
from pytestqt.qtbot import QtBot

from pos_gui.app import Till
from pos_gui.ui.catalog.search_popup import ArticleSearchPopup
from tests.helpers.qt import child

# A person's Enter comes well after the last letter; a scanner's within MAX_KEY_GAP.
HUMAN_PAUSE_MS = 80


def enter(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    """Type ``text`` into ``field``, pause as a person does, then press Enter."""
    qtbot.keyClicks(field, text)
    qtbot.wait(HUMAN_PAUSE_MS)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def basket_rows(till: Till) -> list[tuple[str, str]]:
    model = child(till.window, QTableView, "basketTable").model()
    return [(model.index(row, 0).data(), model.index(row, 1).data()) for row in range(model.rowCount())]


def popup_rows(till: Till) -> list[tuple[str, str]]:
    table = child(till.window, QTableView, "articleSearchHits")
    model = table.model()
    return [(model.index(row, 0).data(), model.index(row, 1).data()) for row in range(model.rowCount())]


def popup(till: Till) -> ArticleSearchPopup:
    return child(till.window, ArticleSearchPopup, "articleSearchPopup")


def article_field(till: Till) -> QLineEdit:
    return child(till.window, QLineEdit, "articleInput")


def test_typing_letters_lists_the_matching_articles_with_their_prices(qtbot: QtBot, till: Till) -> None:
    qtbot.keyClicks(article_field(till), "kuchen")
    assert popup(till).isVisible()
    assert popup_rows(till)[:3] == [
        ("Käsekuchen, Stück", "2,80 €"),
        ("Apfelkuchen, Stück", "2,60 €"),
        ("Streuselkuchen, Stück", "2,20 €"),
    ]
    assert basket_rows(till) == []


def test_enter_adds_the_first_hit_of_several(qtbot: QtBot, till: Till) -> None:
    enter(qtbot, article_field(till), "kuchen")
    assert basket_rows(till) == [("Käsekuchen, Stück", "1")]
    assert article_field(till).text() == ""
    assert not popup(till).isVisible()


def test_down_and_up_move_the_highlight_and_enter_adds_that_article(qtbot: QtBot, till: Till) -> None:
    field = article_field(till)
    qtbot.keyClicks(field, "kuchen")
    qtbot.keyClick(field, Qt.Key.Key_Down)
    qtbot.keyClick(field, Qt.Key.Key_Down)
    qtbot.keyClick(field, Qt.Key.Key_Down)
    qtbot.keyClick(field, Qt.Key.Key_Up)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert basket_rows(till) == [("Streuselkuchen, Stück", "1")]


def test_up_on_the_first_hit_stays_there(qtbot: QtBot, till: Till) -> None:
    field = article_field(till)
    qtbot.keyClicks(field, "kuchen")
    qtbot.keyClick(field, Qt.Key.Key_Up)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert basket_rows(till) == [("Käsekuchen, Stück", "1")]


def test_esc_closes_the_popup_and_adds_nothing(qtbot: QtBot, till: Till) -> None:
    field = article_field(till)
    qtbot.keyClicks(field, "kuchen")
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert not popup(till).isVisible()
    assert basket_rows(till) == []
    assert field.text() == "kuchen"


def test_a_quantity_before_the_name_applies_to_the_chosen_article(qtbot: QtBot, till: Till) -> None:
    enter(qtbot, article_field(till), "3*brezel")
    assert basket_rows(till) == [("Laugenbrezel", "3")]


def test_touching_a_hit_adds_it(qtbot: QtBot, till: Till) -> None:
    qtbot.keyClicks(article_field(till), "kuchen")
    table = child(till.window, QTableView, "articleSearchHits")
    second = table.visualRect(table.model().index(1, 0)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=second)
    assert basket_rows(till) == [("Apfelkuchen, Stück", "1")]
    assert not popup(till).isVisible()


def test_digits_close_the_popup_and_are_read_as_a_code(qtbot: QtBot, till: Till) -> None:
    field = article_field(till)
    qtbot.keyClicks(field, "kuchen")
    assert popup(till).isVisible()
    field.selectAll()
    qtbot.keyClicks(field, "30037")
    assert not popup(till).isVisible()
    qtbot.wait(HUMAN_PAUSE_MS)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert basket_rows(till) == [("Sandwich Romano", "1")]


def test_a_name_without_hits_says_so_and_enter_adds_nothing(qtbot: QtBot, till: Till) -> None:
    field = article_field(till)
    qtbot.keyClicks(field, "Gibtsnicht")
    assert popup(till).isVisible()
    assert popup(till).hint_label.text() == "Kein Artikel gefunden."
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert basket_rows(till) == []
    assert "Artikel nicht gefunden: Gibtsnicht" in till.window.message_bar.text()


def test_an_unknown_code_adds_nothing_and_offers_a_search(qtbot: QtBot, till: Till) -> None:
    field = article_field(till)
    button = child(till.window, QPushButton, "articleSearchButton")
    assert not button.isVisible()
    enter(qtbot, field, "4000000000017")
    assert basket_rows(till) == []
    assert "Artikel nicht gefunden: 4000000000017" in till.window.message_bar.text()
    assert button.isVisible()
    assert button.text() == "Artikel suchen"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert popup(till).isVisible()
    assert "„4000000000017“ ist nicht im Katalog" in popup(till).hint_label.text()
    # The cashier types the name instead and adds the article; the offer goes.
    enter(qtbot, field, "brezel")
    assert basket_rows(till) == [("Laugenbrezel", "1")]
    assert not button.isVisible()


def test_a_scanned_unknown_ean_offers_the_search_too(qtbot: QtBot, till: Till) -> None:
    till.scanner.code_scanned.emit("4000000000017")
    assert basket_rows(till) == []
    assert child(till.window, QPushButton, "articleSearchButton").isVisible()


def test_a_quantity_far_too_large_is_refused_with_its_own_message(qtbot: QtBot, till: Till) -> None:
    enter(qtbot, article_field(till), "99999*30037")
    assert basket_rows(till) == []
    assert till.window.message_bar.text() == "Menge zu groß: höchstens 999"
    enter(qtbot, article_field(till), "999*30037")
    assert basket_rows(till) == [("Sandwich Romano", "999")]

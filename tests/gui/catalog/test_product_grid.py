"""The touch grid (F7): product groups and favourites as large buttons; a touch sells the article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from pos_gui.app import Till
from pos_gui.app.window_extras import install_backoffice
from pos_gui.config.paths import resolve_paths
from pos_gui.config.settings import Settings
from pos_gui.services.catalog import Catalog
from pos_gui.ui.catalog.product_grid import TOUCH_HEIGHT, ProductGrid
from tests.gui.catalog.test_open_price_and_empty_catalog import basket_rows, open_price_till, price_dialog
from tests.gui.test_small_screens import fill_till, text_width_missing

pytestmark = pytest.mark.usefixtures("till_style_sheet")

DEMO_GROUPS = ["Snacks", "Getränke", "Brot & Brötchen", "Kuchen & Gebäck", "Heißgetränke", "Molkerei"]


def press_f7(qtbot: QtBot, till: Till) -> None:
    qtbot.keyClick(till.window, Qt.Key.Key_F7)


def shown_grid(till: Till) -> ProductGrid:
    grid = till.window.findChild(ProductGrid, "productGrid")
    assert isinstance(grid, ProductGrid)
    assert grid.isVisible()
    return grid


def touch(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isVisible(), button.accessibleName()
    assert button.isEnabled(), button.accessibleName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def names_on_page(grid: ProductGrid) -> list[str]:
    return [button.name_label.text() for button in grid.article_buttons]


def rect_in_window(widget: QWidget) -> QRect:
    return QRect(widget.mapTo(widget.window(), QPoint(0, 0)), widget.size())


def test_f7_shows_the_grid_and_a_touch_on_a_group_then_an_article_adds_it(qtbot: QtBot, till: Till) -> None:
    window = till.window
    # Nothing is built, and the catalogue not read, before the cashier asks for the grid.
    assert window.product_grid.grid is None
    press_f7(qtbot, till)
    grid = shown_grid(till)
    assert list(grid.group_buttons) == ["", *DEMO_GROUPS]
    assert grid.group_buttons[""].text() == "★ Favoriten"
    assert grid.group_buttons["Brot & Brötchen"].text() == "Brot && Brötchen"  # "&" shown, not a shortcut
    # No favourites chosen yet: the first group is shown.
    assert grid.group_buttons["Snacks"].isChecked()

    touch(qtbot, grid.group_buttons["Heißgetränke"])
    assert names_on_page(grid)[:3] == ["Kaffee", "Kaffee groß", "Espresso"]
    kaffee = grid.article_buttons[0]
    assert kaffee.price_label.text() == "2,20 €"
    for button in [*grid.article_buttons, *grid.group_buttons.values(), grid.next_button]:
        assert button.height() >= TOUCH_HEIGHT, button.accessibleName()
    touch(qtbot, kaffee)
    assert basket_rows(till) == [("Kaffee", "1", "2,20 €")]
    # The article field keeps the keyboard (the scanner types into it).
    assert window.basket_view.article_input.hasFocus()

    # A quantity typed first applies, as before a scan.
    qtbot.keyClicks(window.basket_view.article_input, "3*")
    touch(qtbot, grid.article_buttons[2])
    assert basket_rows(till)[-1] == ("Espresso", "3", "5,70 €")
    assert window.basket_view.article_input.text() == ""

    press_f7(qtbot, till)
    assert not grid.isVisible()
    press_f7(qtbot, till)
    assert grid.isVisible()
    assert grid.group_buttons["Heißgetränke"].isChecked()  # where the cashier left it


def test_an_open_price_article_in_the_grid_asks_for_its_price(qtbot: QtBot, till: Till) -> None:
    open_price_till(till)
    press_f7(qtbot, till)
    grid = shown_grid(till)
    assert list(grid.group_buttons) == ["", "Snacks", "Kuchen"]  # the voucher has no group
    touch(qtbot, grid.group_buttons["Kuchen"])
    [kuchen] = grid.article_buttons
    assert (kuchen.name_label.text(), kuchen.price_label.text()) == ("Kuchen nach Gewicht", "Preis eingeben")
    touch(qtbot, kuchen)
    dialog = price_dialog(qtbot, till)
    assert basket_rows(till) == []
    qtbot.keyClicks(dialog.amount_input, "3,45")
    qtbot.keyClick(dialog.amount_input, Qt.Key.Key_Return)
    assert basket_rows(till) == [("Kuchen nach Gewicht", "1", "3,45 €")]


def test_a_big_group_pages_with_weiter_and_zurueck(qtbot: QtBot, till: Till) -> None:
    rows = "".join(f"{number};;Brötchen {number};50;7;Brot\n" for number in range(1, 101))
    till.presenter.catalog = Catalog.from_text("article_number;ean;name;price_cents;vat_rate;group\n" + rows)
    press_f7(qtbot, till)
    grid = shown_grid(till)
    size = grid.page_size
    assert 12 <= size < 100  # a page is what fits the panel at 1366×768
    assert names_on_page(grid)[0] == "Brötchen 1"
    assert len(grid.article_buttons) == size
    assert not grid.back_button.isEnabled()
    assert grid.page_label.text() == "Seite 1"

    touch(qtbot, grid.next_button)
    assert names_on_page(grid)[0] == f"Brötchen {size + 1}"
    assert grid.page_label.text() == "Seite 2"
    while grid.next_button.isEnabled():
        touch(qtbot, grid.next_button)
    assert names_on_page(grid)[-1] == "Brötchen 100"
    touch(qtbot, grid.back_button)
    assert grid.back_button.isEnabled() == (grid.offset > 0)
    assert len(grid.article_buttons) == size

    touch(qtbot, grid.article_buttons[0])
    assert basket_rows(till) == [(names_on_page(grid)[0], "1", "0,50 €")]


def test_favourites_from_the_settings_appear_and_the_dialog_saves_them(
    qtbot: QtBot, till: Till, tmp_path: Path
) -> None:
    paths = resolve_paths(tmp_path / "till")
    backoffice = install_backoffice(
        till, Settings(favourite_articles=("4001", "1005", "gibt-es-nicht")), paths, None
    )
    press_f7(qtbot, till)
    grid = shown_grid(till)
    assert grid.group_buttons[""].isChecked()
    # An article number the catalogue no longer has is left out.
    assert names_on_page(grid) == ["Kaffee", "Laugenbrezel"]

    action = next(a for a in till.window.settings_menu.actions() if a.objectName() == "favouritesAction")
    assert action.text() == "Favoriten …"
    action.trigger()
    dialog = backoffice.favourites.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.article_numbers() == ["4001", "1005", "gibt-es-nicht"]
    assert dialog.chosen.item(2).text() == "gibt-es-nicht (nicht im Katalog)"
    dialog.chosen.setCurrentRow(2)
    dialog.remove_button.click()
    qtbot.keyClicks(dialog.search_input, "orangen")
    assert dialog.hits.item(0).text() == "Orangensaft 0,33 l – 2,50 € (5001)"
    dialog.add_button.click()
    dialog.add_button.click()  # once is enough: no doubles
    dialog.chosen.setCurrentRow(2)
    dialog.up_button.click()
    assert dialog.article_numbers() == ["4001", "5001", "1005"]
    dialog.grid_at_start.setChecked(True)
    dialog.save_button.click()

    saved = json.loads(paths.settings_file.read_text(encoding="utf-8"))
    assert saved["favourite_articles"] == ["4001", "5001", "1005"]
    assert saved["product_grid_at_start"] is True
    assert names_on_page(grid) == ["Kaffee", "Orangensaft 0,33 l", "Laugenbrezel"]
    assert till.window.message_bar.text() == "Favoriten gespeichert: 3 Artikel."


@pytest.mark.parametrize("size", [(1366, 768), (1024, 768)])
def test_the_grid_fits_beside_basket_and_payment(qtbot: QtBot, till: Till, size: tuple[int, int]) -> None:
    fill_till(qtbot, till, size)  # the longest demo names and a card: the fullest payment panel
    press_f7(qtbot, till)
    grid = shown_grid(till)
    window = till.window
    panels = [window.basket_view, grid, window.payment_panel, window.card_panel]
    for index, panel in enumerate(panels):
        assert rect_in_window(window.centralWidget()).contains(rect_in_window(panel))
        for other in panels[index + 1 :]:
            if {panel, other} != {window.payment_panel, window.card_panel}:
                assert not rect_in_window(panel).intersects(rect_in_window(other))
    for button in grid.article_buttons:
        assert grid.rect().contains(QRect(button.mapTo(grid, QPoint(0, 0)), button.size()))
    payment = window.payment_panel
    for button in (payment.pay_cash_button, payment.pay_card_button, payment.apply_card_button):
        assert rect_in_window(payment).contains(rect_in_window(button)), button.text()
        assert text_width_missing(button) == 0, f"{button.text()!r} is cut at {size}"


def test_on_an_800_wide_window_the_grid_stays_hidden_and_says_why(qtbot: QtBot, till: Till) -> None:
    till.window.resize(800, 600)
    qtbot.wait(20)
    press_f7(qtbot, till)
    assert till.window.product_grid.grid is None
    assert (
        till.window.message_bar.text()
        == "Das Produktraster braucht ein mindestens 1024 Pixel breites Fenster."
    )
    # Wider again, the grid the cashier asked for appears.
    till.window.resize(1024, 768)
    qtbot.waitUntil(lambda: till.window.product_grid.shown)

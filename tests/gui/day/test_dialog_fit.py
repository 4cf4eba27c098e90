"""The Z closing and the Storno dialog on a store's screen (1024x768, 1366x768): all of the
dialog on the screen, its buttons inside; the Z count's keypad order; the Storno receipt tall
enough to read its heading and its TSE block.

Run with the till's style sheet: the store's fields and buttons are taller than Qt's own.
"""

from __future__ import annotations

from itertools import pairwise

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QDialog, QPushButton
from pytestqt.qtbot import QtBot

from pos_gui.app import Till
from pos_gui.services.closing import EURO_DENOMINATIONS
from tests.gui.day.test_day_screens import enter, screens_of
from tests.gui.test_till_flow import build_seed_basket, child

STORE_SCREENS = [(1024, 768), (1366, 768)]
# What a window's content keeps of a screen's height: a taskbar and the title bar take the rest.
TASKBAR_AND_TITLE = 70


def fit_on(dialog: QDialog, qtbot: QtBot, screen: tuple[int, int]) -> QRect:
    """Show ``dialog`` at its size cut down to what ``screen`` leaves; its visible rect."""
    width, height = screen[0], screen[1] - TASKBAR_AND_TITLE
    dialog.resize(min(dialog.width(), width), min(dialog.height(), height))
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog.visibleRegion().boundingRect()


def assert_inside(dialog: QDialog, visible: QRect, button: QPushButton) -> None:
    where = QRect(button.mapTo(dialog, QPoint(0, 0)), button.size())
    assert visible.contains(where), (button.text(), where, visible)
    assert button.isVisible()
    assert button.height() >= button.minimumSizeHint().height()  # not squeezed


@pytest.mark.parametrize("screen", STORE_SCREENS)
def test_z_closing_fits_a_store_screen(
    qtbot: QtBot, till: Till, till_style_sheet: None, screen: tuple[int, int]
) -> None:
    z = screens_of(till).open_z_closing()
    assert z is not None
    usable = (screen[0], screen[1] - TASKBAR_AND_TITLE)
    assert z.minimumSizeHint().width() <= usable[0]
    assert z.minimumSizeHint().height() <= usable[1]
    assert z.sizeHint().height() <= usable[1]
    visible = fit_on(z, qtbot, screen)
    assert visible.height() <= usable[1]
    assert visible.width() <= usable[0]
    assert_inside(z, visible, z.book_button)
    assert_inside(z, visible, z.close_button)
    for field in z.count_fields.values():
        assert visible.contains(QRect(field.mapTo(z, QPoint(0, 0)), field.size()))
    z.grab().save(f"/tmp/z-{screen[0]}x{screen[1]}.png")


def test_z_count_goes_by_value_with_tab_and_enter_and_adds_up_live(
    qtbot: QtBot, till: Till, till_style_sheet: None
) -> None:
    till.day.count_float("100,00")
    z = screens_of(till).open_z_closing()
    assert z is not None
    fit_on(z, qtbot, STORE_SCREENS[0])
    fields = [z.count_fields[denomination] for denomination in EURO_DENOMINATIONS]
    # Notes in one column, coins in the other, side by side.
    assert fields[0].x() < z.count_fields[200].x()
    assert fields[0].mapTo(z, QPoint(0, 0)).y() == z.count_fields[200].mapTo(z, QPoint(0, 0)).y()
    fields[0].setFocus()
    qtbot.waitUntil(fields[0].hasFocus)
    # Tab from 500 € to 0,01 €, from the 5 € note over to the 2 € coin.
    for field, following in pairwise(fields):
        assert z.focusWidget() is field
        qtbot.keyClick(field, Qt.Key.Key_Tab)
        assert z.focusWidget() is following
    # Enter does the same (a keypad has no Tab): the last coin hands on to "Z-Abschluss buchen".
    fields[5].setFocus()
    qtbot.keyClicks(fields[5], "9")  # 10 €
    qtbot.keyClick(fields[5], Qt.Key.Key_Return)
    assert z.focusWidget() is z.count_fields[500]
    qtbot.keyClicks(z.count_fields[500], "2")
    qtbot.keyClick(z.count_fields[500], Qt.Key.Key_Enter)
    assert z.focusWidget() is z.count_fields[200]
    qtbot.keyClicks(z.count_fields[200], "4")
    assert z.counted_label.text() == "Gezählt: 108,00 €"
    assert z.difference_label.text() == "Differenz zum Soll (100,00 €): 8,00 €"
    # An empty field is a count of none: Enter goes on from it, too.
    fields[-2].setFocus()
    qtbot.keyClick(fields[-2], Qt.Key.Key_Return)
    assert z.focusWidget() is fields[-1]
    qtbot.keyClick(fields[-1], Qt.Key.Key_Return)
    assert z.focusWidget() is z.book_button


@pytest.mark.parametrize("screen", STORE_SCREENS)
def test_storno_receipt_shows_its_heading_and_tse_block(
    qtbot: QtBot, till: Till, till_style_sheet: None, screen: tuple[int, int]
) -> None:
    build_seed_basket(qtbot, till)
    qtbot.mouseClick(child(till, QPushButton, "payCashButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: till.journal.last_completed() is not None, timeout=10_000)
    number = till.journal.last_completed().sale_number  # type: ignore[union-attr]
    dialog = screens_of(till).open_storno()
    visible = fit_on(dialog, qtbot, screen)
    dialog.number_input.clear()
    enter(qtbot, dialog.number_input, str(number))
    enter(qtbot, dialog.reason_input, "Falscher Artikel")
    qtbot.waitUntil(lambda: "gebucht" in dialog.status_label.text(), timeout=10_000)
    assert visible.height() <= screen[1] - TASKBAR_AND_TITLE
    assert visible.width() <= screen[0]
    assert_inside(dialog, visible, dialog.storno_button)
    assert_inside(dialog, visible, dialog.close_button)
    storno = dialog.preview
    viewport = storno.viewport().rect()
    heading = storno.cursorRect(storno.document().find(f"Storno zu Bon-Nr. {number}"))
    assert viewport.contains(heading), (heading, viewport)
    # The whole TSE block (Transaktion down to the signature) fits the preview at once.
    tse_top = storno.cursorRect(storno.document().find("TSE-Transaktion")).top()
    tse_bottom = storno.cursorRect(storno.document().find("TSE-PublicKey")).top()
    assert tse_bottom - tse_top < viewport.height()
    dialog.grab().save(f"/tmp/storno-{screen[0]}x{screen[1]}.png")

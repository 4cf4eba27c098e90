"""The till on the small screens of many POS terminals: 1024×768 and 800×600.

Every pay button shows its whole text, the basket shows the demo articles' full names (wrapped
onto more lines rather than cut to "Sand…"), and the panels do not overlap each other.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QPushButton, QStyle, QStyleOptionButton, QWidget
from pytestqt.qtbot import QtBot

from pos_gui.app import Till
from pos_gui.ui.itemmodels.basket_model import COLUMN_DESCRIPTION
from tests.helpers.qt import enter

pytestmark = pytest.mark.usefixtures("till_style_sheet")

# The seed basket and the longest demo names.
ARTICLES = ("30037", "30200", "2*4999012345678", "2005", "3003")
BONUS_CARD = "9276000000000011"


def text_width_missing(button: QPushButton) -> int:
    """How many pixels the button's text is wider than the room inside its padding (0: fits)."""
    option = QStyleOptionButton()
    option.initFrom(button)
    option.text = button.text()
    room = button.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, button)
    return max(QFontMetrics(button.font()).horizontalAdvance(button.text()) - room.width(), 0)


def rect_in_window(widget: QWidget) -> QRect:
    return QRect(widget.mapTo(widget.window(), QPoint(0, 0)), widget.size())


def fill_till(qtbot: QtBot, till: Till, size: tuple[int, int]) -> None:
    till.window.resize(*size)
    for code in ARTICLES:
        enter(qtbot, till.window.basket_view.article_input, code)
    enter(qtbot, till.window.card_panel.card_input, BONUS_CARD)
    qtbot.waitUntil(lambda: till.checkout.card is not None and not till.presenter.snapshot().busy)
    qtbot.wait(50)


@pytest.mark.parametrize("size", [(1024, 768), (800, 600)])
def test_pay_buttons_show_their_whole_text_and_fit_the_window(
    qtbot: QtBot, till: Till, size: tuple[int, int]
) -> None:
    fill_till(qtbot, till, size)
    window = till.window
    assert (window.width(), window.height()) == size
    payment = window.payment_panel
    buttons = [payment.pay_cash_button, payment.pay_card_button, payment.apply_card_button]
    buttons += [payment.exact_button, *payment.quick_buttons]
    for button in buttons:
        assert button.isVisible(), button.text()
        assert text_width_missing(button) == 0, f"{button.text()!r} is cut at {size}"
        # Inside the payment panel and the window's drawing area, not under the status bar.
        assert payment.rect().contains(QRect(button.mapTo(payment, QPoint(0, 0)), button.size())), (
            button.text()
        )
        assert rect_in_window(window.centralWidget()).contains(rect_in_window(button)), button.text()
    # The pay buttons do not overlap each other or the change line above them.
    assert not rect_in_window(payment.pay_cash_button).intersects(rect_in_window(payment.pay_card_button))
    assert not rect_in_window(payment.change_label).intersects(rect_in_window(payment.pay_cash_button))
    # Basket, card and payment side by side, without overlapping.
    assert not rect_in_window(window.basket_view).intersects(rect_in_window(payment))
    assert not rect_in_window(window.card_panel).intersects(rect_in_window(payment))


@pytest.mark.parametrize("size", [(1024, 768), (800, 600)])
def test_the_basket_shows_the_full_article_names(qtbot: QtBot, till: Till, size: tuple[int, int]) -> None:
    fill_till(qtbot, till, size)
    table = till.window.basket_view.table
    assert table.textElideMode() == Qt.TextElideMode.ElideNone
    metrics = QFontMetrics(table.font())
    model = table.model()
    assert model.rowCount() == len(ARTICLES)
    for row in range(model.rowCount()):
        name = model.index(row, COLUMN_DESCRIPTION).data()
        cell = table.visualRect(model.index(row, COLUMN_DESCRIPTION))
        # Wrapped at the cell's width, the whole name is as tall as the row at most.
        needed = metrics.boundingRect(
            QRect(0, 0, cell.width() - 8, 10_000), int(Qt.TextFlag.TextWordWrap), name
        )
        assert needed.width() <= cell.width(), name
        assert needed.height() <= cell.height(), f"{name!r} is cut at {size}"


@pytest.mark.parametrize("size", [(1024, 768), (800, 600)])
def test_the_basket_buttons_show_their_whole_text(qtbot: QtBot, till: Till, size: tuple[int, int]) -> None:
    fill_till(qtbot, till, size)
    view = till.window.basket_view
    for button in (view.void_button, view.clear_button):
        assert button.isVisible()
        assert text_width_missing(button) == 0, f"{button.text()!r} is cut at {size}"
        assert view.rect().contains(QRect(button.mapTo(view, QPoint(0, 0)), button.size()))

"""'Verkauf verwerfen?' before Ctrl+N, 'Warenkorb leeren' and closing drop an unpaid sale; an
emptied basket given up is not listed in 'Heutige Verkäufe'."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from pos_gui.app import Till
from pos_gui.config.settings import PrinterSettings
from pos_gui.core.basket import Article, BasketLine
from pos_gui.services.ledger import EventKind, Ledger
from pos_gui.services.printing import PrintingService
from pos_gui.ui.presenters.receipt_output_presenter import ReceiptOutputPresenter
from pos_gui.ui.presenters.sales_today_presenter import SalesTodayPresenter
from tests.gui.day.discard import answer_discard, open_discard_question
from tests.gui.test_till_flow import build_seed_basket, child, enter

WATER = Article("51", "4999012345678", "Wasser 0,25 l", 99, 19)


def basket_count(till: Till) -> int:
    return len(till.presenter.snapshot().lines)


def action(till: Till, name: str) -> QAction:
    found = till.window.findChild(QAction, name)
    assert found is not None
    return found


def test_ctrl_n_asks_before_dropping_a_sale_with_lines(qtbot: QtBot, till: Till) -> None:
    enter(qtbot, child(till, QLineEdit, "articleInput"), "30037")
    qtbot.keyClick(till.window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    question = open_discard_question(till.window)
    assert question is not None
    assert question.text().startswith("Verkauf verwerfen? (1 Artikel, Summe 3,49 €")
    # Esc means "Nein": the sale stays.
    qtbot.keyClick(question, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: open_discard_question(till.window) is None)
    assert basket_count(till) == 1

    qtbot.keyClick(till.window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    answer_discard(qtbot, till.window, discard=True)
    assert basket_count(till) == 0
    assert till.window.basket_view.total_label.text() == "0,00 €"


def test_ctrl_n_on_an_empty_basket_asks_nothing(qtbot: QtBot, till: Till) -> None:
    qtbot.keyClick(till.window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert open_discard_question(till.window) is None


def test_clearing_the_basket_asks_and_nein_keeps_it(qtbot: QtBot, till: Till) -> None:
    build_seed_basket(qtbot, till)
    lines = basket_count(till)
    assert lines > 0
    action(till, "clearBasketAction").trigger()
    answer_discard(qtbot, till.window, discard=False)
    assert basket_count(till) == lines
    action(till, "clearBasketAction").trigger()
    answer_discard(qtbot, till.window, discard=True)
    assert basket_count(till) == 0


def test_closing_the_till_asks_before_dropping_the_sale(qtbot: QtBot, till: Till) -> None:
    enter(qtbot, child(till, QLineEdit, "articleInput"), "30037")
    action(till, "quitAction").trigger()
    answer_discard(qtbot, till.window, discard=False)
    assert till.window.isVisible()
    with qtbot.waitSignal(till.window.close_requested, timeout=2000):
        action(till, "quitAction").trigger()
        answer_discard(qtbot, till.window, discard=True)
    assert not till.window.isVisible()


def test_closing_with_an_empty_basket_asks_nothing(qtbot: QtBot, till: Till) -> None:
    with qtbot.waitSignal(till.window.close_requested, timeout=2000):
        action(till, "quitAction").trigger()
    assert open_discard_question(till.window) is None


def test_an_emptied_basket_given_up_is_not_listed_today(tmp_path: Path) -> None:
    journal = Ledger(tmp_path / "journal.sqlite3")
    try:
        emptied = journal.open_sale(state="BASKET")
        journal.append(emptied.sale_id, EventKind.SALE_ABORTED)
        given_up = journal.open_sale(state="BASKET", basket=[BasketLine(1, WATER, 2)])
        journal.append(given_up.sale_id, EventKind.SALE_ABORTED)
        output = ReceiptOutputPresenter(
            PrintingService(PrinterSettings()), journal, dialog_parent=None, pdf_folder=tmp_path / "pdf"
        )
        presenter = SalesTodayPresenter(output, today=date.today)
        presenter.refresh()
        assert [(row.sale_number, row.total, row.status) for row in presenter.rows] == [
            (given_up.sale_number, 198, "abgebrochen")
        ]
    finally:
        journal.close()

"""The scanner filter: fast bursts ending in Enter are scans, wherever the focus is."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from pos_gui.core.card_number import clean_code
from pos_gui.ui.widgets.scanner_filter import ScannerFilter, classify_code


class FakeClock:
    """Seconds that only move when the test says so."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Form(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.article = QLineEdit(self)
        self.cash = QLineEdit(self)
        self.card = QLineEdit(self)
        layout = QVBoxLayout(self)
        for field in (self.article, self.cash, self.card):
            layout.addWidget(field)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def setup(
    qtbot: QtBot, qapp: QApplication, clock: FakeClock
) -> Iterator[tuple[Form, ScannerFilter, list[str]]]:
    form = Form()
    qtbot.addWidget(form)
    scanner = ScannerFilter(clock=clock)
    scanner.protect(form.cash)
    scanner.card_field(form.card)
    scans: list[str] = []
    scanner.card_scanned.connect(lambda code: scans.append(f"card:{code}"))
    scanner.code_scanned.connect(lambda code: scans.append(f"code:{code}"))
    qapp.installEventFilter(scanner)
    form.show()
    try:
        yield form, scanner, scans
    finally:
        qapp.removeEventFilter(scanner)


def type_slowly(qtbot: QtBot, clock: FakeClock, field: QLineEdit, text: str) -> None:
    for char in text:
        clock.now += 0.2
        qtbot.keyClicks(field, char)


def test_classify_and_strip() -> None:
    assert classify_code("9276004429942845") == "card"
    assert classify_code("4999012345678") == "article"
    assert classify_code("92760044299428") == "article"
    assert clean_code("\t4999012345678\r\n") == "4999012345678"


def test_burst_in_article_field_is_a_scan_and_leaves_no_text(qtbot: QtBot, setup: tuple) -> None:
    form, _scanner, scans = setup
    qtbot.keyClicks(form.article, "4999012345678")
    qtbot.keyClick(form.article, Qt.Key.Key_Return)
    assert scans == ["code:4999012345678"]
    assert form.article.text() == ""


def test_card_burst_anywhere_is_the_card(qtbot: QtBot, setup: tuple) -> None:
    form, _scanner, scans = setup
    qtbot.keyClicks(form.article, "9276004429942845")
    qtbot.keyClick(form.article, Qt.Key.Key_Return)
    assert scans == ["card:9276004429942845"]


def test_burst_never_lands_in_the_cash_field(qtbot: QtBot, setup: tuple) -> None:
    form, scanner, scans = setup
    qtbot.keyClicks(form.cash, "9276000000000029")
    qtbot.keyClick(form.cash, Qt.Key.Key_Return)
    assert scans == ["card:9276000000000029"]
    scanner.flush()  # nothing is held back that could be replayed later either
    assert form.cash.text() == ""


def test_typing_in_the_cash_field_arrives(qtbot: QtBot, setup: tuple, clock: FakeClock) -> None:
    form, scanner, scans = setup
    type_slowly(qtbot, clock, form.cash, "20,00")
    scanner.flush()
    assert form.cash.text() == "20,00"
    assert scans == []


def test_short_fast_input_is_replayed_into_the_cash_field(qtbot: QtBot, setup: tuple) -> None:
    form, _scanner, scans = setup
    qtbot.keyClicks(form.cash, "5,00")
    qtbot.waitUntil(lambda: form.cash.text() == "5,00")
    assert scans == []


def test_slow_typing_then_enter_is_not_a_scan(qtbot: QtBot, setup: tuple, clock: FakeClock) -> None:
    form, _scanner, scans = setup
    entered: list[str] = []
    form.article.returnPressed.connect(lambda: entered.append(form.article.text()))
    type_slowly(qtbot, clock, form.article, "4999012345678")
    clock.now += 0.2
    qtbot.keyClick(form.article, Qt.Key.Key_Return)
    assert scans == []
    assert entered == ["4999012345678"]


def test_burst_in_card_field_is_a_card_even_when_malformed(qtbot: QtBot, setup: tuple) -> None:
    form, _scanner, scans = setup
    qtbot.keyClicks(form.card, "92761234")
    qtbot.keyClick(form.card, Qt.Key.Key_Return)
    assert scans == ["card:92761234"]


def test_quantity_typed_before_the_burst_stays_in_the_field(
    qtbot: QtBot, setup: tuple, clock: FakeClock
) -> None:
    form, _scanner, scans = setup
    type_slowly(qtbot, clock, form.article, "3*")
    clock.now += 0.2
    qtbot.keyClicks(form.article, "4999012345678")
    qtbot.keyClick(form.article, Qt.Key.Key_Return)
    assert scans == ["code:4999012345678"]
    assert form.article.text() == "3*"


def test_a_burst_into_a_dialogs_field_stays_in_that_field(qtbot: QtBot, setup: tuple) -> None:
    # The favourites search, a PIN prompt, ...: a scanned EAN there is the dialog's, not a sale's.
    form, _scanner, scans = setup
    dialog = QDialog(form)
    search = QLineEdit(dialog)
    dialog.show()
    qtbot.keyClicks(search, "4006381333931")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert scans == []
    assert search.text() == "4006381333931"

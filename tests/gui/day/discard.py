"""Answering "Verkauf verwerfen?" in GUI tests (the question is non-modal, opened over the window)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from pos_gui.ui.views.discard_question import QUESTION_NAME


def open_discard_question(window: QWidget) -> QMessageBox | None:
    shown = [box for box in window.findChildren(QMessageBox, QUESTION_NAME) if box.isVisible()]
    return shown[0] if shown else None


def answer_discard(qtbot: QtBot, window: QWidget, *, discard: bool) -> None:
    """Wait for the question and click "Ja" (``discard``) or "Nein"."""
    qtbot.waitUntil(lambda: open_discard_question(window) is not None)
    question = open_discard_question(window)
    assert question is not None
    name = "discardYesButton" if discard else "discardNoButton"
    button = question.findChild(QPushButton, name)
    assert button is not None
    button.click()
    qtbot.waitUntil(lambda: open_discard_question(window) is None)

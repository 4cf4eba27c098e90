"""The status bar tells the cashier in colour whether the server answers and the till is signed in."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from pos_gui.app import Till
from tests.helpers.qt import run_until_done

GREEN = "#006b3c"  # the style sheet's colour for a good status
RED = "#b00020"


def text_colour(label: QLabel) -> str:
    return label.palette().color(QPalette.ColorRole.WindowText).name()


def test_status_turns_green_once_signed_in(qtbot: QtBot, till: Till, till_style_sheet: None) -> None:
    server = till.window.findChild(QLabel, "serverStatus")
    signed_in = till.window.findChild(QLabel, "signInStatus")
    assert server is not None
    assert signed_in is not None

    run_until_done(qtbot, till.presenter.check_connection())

    assert signed_in.text() == "Angemeldet"
    assert server.text() == "Server: erreichbar"
    # A changed property alone restyles nothing: before the fix both stayed red after sign-in.
    qtbot.waitUntil(lambda: text_colour(signed_in) == GREEN)
    assert text_colour(server) == GREEN
    assert RED not in (text_colour(server), text_colour(signed_in))

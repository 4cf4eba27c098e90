"""Einstellungen → Sprache …: the choice is saved in the settings file, and a till started with
those settings speaks that language (the translators the start-up installs for the setting)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pos_gui.app import Connection, build_till
from pos_gui.config.settings import load_settings
from tests.gui.conftest import installed_translators
from tests.gui.demo.conftest import DemoTill
from tests.helpers.qt import run_until_done


def choose_language(qtbot: QtBot, shop: DemoTill, name: str) -> None:
    action = next(
        action for action in shop.window.settings_menu.actions() if action.objectName() == "languageAction"
    )
    assert action.text() == "Sprache …"
    action.trigger()
    dialog = shop.backoffice.language.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    button = dialog.buttons_by_language[name]
    # On the round indicator: a radio button reacts to clicks on its indicator and text only.
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(6, button.height() // 2))
    assert button.isChecked()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def test_choosing_english_saves_it_for_the_next_start(qtbot: QtBot, demo_till: DemoTill) -> None:
    shop = demo_till
    printer_before = shop.backoffice.settings.printer

    choose_language(qtbot, shop, "en")

    qtbot.waitUntil(lambda: "Wird beim nächsten Start übernommen." in shop.message())
    saved = load_settings(shop.paths)
    assert saved.language == "en"
    assert saved.printer == printer_before
    # Not applied live: this till keeps speaking German until it is started again.
    assert shop.window.till_menu.title() == "&Kasse"


def test_a_till_started_with_the_saved_language_speaks_english(
    qtbot: QtBot,
    qapp: QApplication,
    qloop: asyncio.AbstractEventLoop,
    demo_till: DemoTill,
    english_catalogue: Path,
    sim_url: str,
    tmp_path: Path,
) -> None:
    choose_language(qtbot, demo_till, "en")
    qtbot.waitUntil(lambda: load_settings(demo_till.paths).language == "en")

    # What pos_gui.app.startup does: install_translators(app, args.lang or settings.language).
    with installed_translators(qapp, load_settings(demo_till.paths).language, english_catalogue):
        restarted = build_till(qapp, Connection.demo(sim_url), tmp_path / "again.sqlite3", device_id="again")
        try:
            assert restarted.window.till_menu.title() == "&Till"
            assert restarted.window.windowTitle() == "Till – pos-gui"
        finally:
            run_until_done(qtbot, restarted.aclose())

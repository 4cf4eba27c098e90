"""Fixtures for the Demo menu tests: the till as the composition root builds it in demo mode.

``demo_till`` builds the window against the session's simulator (reset for each test), adds the
back office and the Demo menu through :mod:`pos_gui.app.wiring`, the very functions ``pos-gui
--demo`` calls, and closes everything afterwards.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pos_gui.app import Connection, Till, build_till
from pos_gui.app.window_extras import install_backoffice, install_demo_menu
from pos_gui.config.paths import AppPaths, resolve_paths
from pos_gui.config.settings import Settings
from pos_gui.ui.backoffice import Backoffice
from pos_gui.ui.demo_menu import DemoMenu
from tests.helpers.qt import run_until_done


@dataclass
class DemoTill:
    """A demo till window with back office and Demo menu, and its parts for assertions."""

    till: Till
    backoffice: Backoffice
    demo_menu: DemoMenu
    paths: AppPaths

    @property
    def window(self) -> Any:
        return self.till.window

    def message(self) -> str:
        return str(self.till.window.message_bar.text())


@pytest.fixture
def demo_till(
    qtbot: QtBot,
    qapp: QApplication,
    qloop: asyncio.AbstractEventLoop,
    worker_threads: ThreadPoolExecutor,
    sim_url: str,
    tmp_path: Path,
) -> Iterator[DemoTill]:
    paths = resolve_paths(tmp_path / "till")
    connection = Connection.demo(sim_url)
    till = build_till(qapp, connection, paths.data_dir / "journal-demo.sqlite3", device_id="demo-test-till")
    backoffice = install_backoffice(till, Settings(), paths, None)
    demo_menu = install_demo_menu(till, backoffice, connection, paths.data_dir)
    assert isinstance(demo_menu, DemoMenu)
    till.window.resize(1366, 768)
    till.window.show()
    qtbot.waitExposed(till.window)
    till.window.activateWindow()
    try:
        yield DemoTill(till, backoffice, demo_menu, paths)
    finally:
        run_until_done(qtbot, demo_menu.wait_idle())
        run_until_done(qtbot, backoffice.wait_idle())
        for dialog in (demo_menu.cards_dialog, demo_menu.reset_question, backoffice.sales_dialog):
            if dialog is not None:
                dialog.close()
        run_until_done(qtbot, till.aclose())

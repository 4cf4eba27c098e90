"""Fixtures for the till window tests: a fully built till against the session's simulator, and
translations installed for one test.

``till`` builds the real composition (HTTP client, authenticator, API client, journal, checkout
service, presenter, scanner filter, main window, the day's services with the demo manager
logged in) exactly as ``pos_gui.app`` does, against the
session's embedded simulator (``tests/conftest.py``) with demo data reset for each test.
``english`` installs the English catalogue compiled from the committed ``.ts``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pos_gui.app import Connection, Till, build_till
from pos_gui.app.window_extras import build_shop_day
from pos_gui.ui.i18n import install_translators
from pos_sim.embedded import EmbeddedSimulator
from tests.helpers.qt import run_until_done
from tests.helpers.translations import compile_catalogue


@pytest.fixture
def till(
    qtbot: QtBot,
    qapp: object,
    qloop: asyncio.AbstractEventLoop,
    simulator: EmbeddedSimulator,
    sim_admin: httpx.Client,
    tmp_path: Path,
) -> Iterator[Till]:
    connection = Connection.demo(simulator.url)
    built = build_till(qapp, connection, tmp_path / "journal.sqlite3", device_id="gui-test-till")  # type: ignore[arg-type]
    # A logged-in demo manager (Anna Demo), as after the login screen: every sale carries her.
    day = build_shop_day(built)
    anna = day.cashiers()[0]
    assert day.log_in(anna.cashier_id, "1234") is None
    built.window.resize(1366, 768)
    built.window.show()
    qtbot.waitExposed(built.window)
    try:
        yield built
    finally:
        run_until_done(qtbot, built.aclose())


@pytest.fixture
def till_style_sheet(qapp: QApplication) -> Iterator[None]:
    """The till's style sheet on the application, applied as ``pos-gui`` applies it; removed after."""
    from pos_gui.app import apply_style_sheet

    apply_style_sheet(qapp)
    try:
        yield
    finally:
        qapp.setStyleSheet("")


@contextmanager
def installed_translators(
    qapp: QApplication, language: str, qm_file: Path | None = None
) -> Iterator[list[QTranslator]]:
    """``install_translators`` for one test: removed again afterwards, and the default locale
    (which ``install_translators`` sets too) back to the one before, for the tests after."""
    previous_locale = QLocale()
    translators = install_translators(qapp, language, qm_file=qm_file)
    try:
        yield translators
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(previous_locale)


@pytest.fixture(scope="session")
def english_catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The English ``.qm``, compiled once per session from the committed ``.ts``."""
    return compile_catalogue(tmp_path_factory.mktemp("translations") / "pos_gui_en.qm")


@pytest.fixture
def english(qapp: QApplication, english_catalogue: Path) -> Iterator[list[QTranslator]]:
    """The English catalogue, installed for one test."""
    with installed_translators(qapp, "en", english_catalogue) as translators:
        assert any(translator.filePath() == str(english_catalogue) for translator in translators)
        yield translators

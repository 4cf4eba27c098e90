""" "Einstellungen → TSE …" against the embedded simulator's fiskaly: "TSE prüfen" reads the TSS
with what is typed on the page and says ready with its serial and the certificate's expiry; a
certificate that runs out within 90 days is warned about; Speichern puts the settings in the
settings file and the API secret in the key store, never in the file."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pos_gui.app import Connection, build_till
from pos_gui.app.tse_setup import check_tse_settings
from pos_gui.app.window_extras import install_backoffice
from pos_gui.config.paths import resolve_paths
from pos_gui.config.secrets import TSE_API_SECRET, SecretStore
from pos_gui.config.settings import Settings, TseSettings, load_settings
from pos_gui.ui.tse_dialog import TseSettingsDialog
from pos_sim.fiskaly import FISKALY_API
from pos_sim.fiskaly.state import (
    DEMO_API_KEY,
    DEMO_API_SECRET,
    DEMO_CLIENT_ID,
    DEMO_CLIENT_SERIAL,
    DEMO_TSS_ID,
)
from tests.helpers.keyrings import MemoryKeyring
from tests.helpers.qt import run_until_done


def demo_tse(sim_url: str) -> TseSettings:
    return TseSettings(
        api_url=sim_url + FISKALY_API,
        api_key=DEMO_API_KEY,
        tss_id=DEMO_TSS_ID,
        client_id=DEMO_CLIENT_ID,
        client_serial=DEMO_CLIENT_SERIAL,
    )


@pytest.fixture
def certificate_days(sim_admin: httpx.Client) -> Iterator[httpx.Client]:
    """The simulator's admin client; the TSS's certificate is 5 years valid again afterwards."""
    try:
        yield sim_admin
    finally:
        sim_admin.post("/_sim/fiskaly/certificate", json={"valid_days": 5 * 365}).raise_for_status()


def open_page(qtbot: QtBot, tse: TseSettings, secret: str) -> TseSettingsDialog:
    dialog = TseSettingsDialog(tse, secret, check_tse_settings)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def press_check(qtbot: QtBot, dialog: TseSettingsDialog) -> None:
    assert dialog.check_button.text() == "TSE prüfen"
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.check_button.isEnabled() and dialog.last_check is not None, timeout=5000)


def test_tse_pruefen_says_ready_with_the_serial_and_the_certificate_expiry(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, sim_url: str, certificate_days: httpx.Client
) -> None:
    certificate_days.post("/_sim/fiskaly/certificate", json={"valid_days": 5 * 365}).raise_for_status()
    dialog = open_page(qtbot, demo_tse(sim_url), DEMO_API_SECRET)

    press_check(qtbot, dialog)

    assert dialog.last_check is not None
    serial = dialog.last_check.serial_number
    assert len(serial) == 64
    assert dialog.result_label.text() == f"TSE bereit (TSS {DEMO_TSS_ID}, Seriennummer {serial})."
    assert dialog.expiry_label.text().startswith("Zertifikat gültig bis ")
    assert (
        "(noch 1824 Tage)" in dialog.expiry_label.text() or "(noch 1825 Tage)" in dialog.expiry_label.text()
    )
    assert dialog.warning_label.isHidden()


def test_a_certificate_valid_for_30_days_shows_the_warning(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, sim_url: str, certificate_days: httpx.Client
) -> None:
    certificate_days.post("/_sim/fiskaly/certificate", json={"valid_days": 30}).raise_for_status()
    dialog = open_page(qtbot, demo_tse(sim_url), DEMO_API_SECRET)

    press_check(qtbot, dialog)

    assert dialog.result_label.text().startswith("TSE bereit (TSS ")
    assert dialog.warning_label.isVisible()
    text = dialog.warning_label.text()
    assert text.startswith("Achtung: Das Zertifikat der TSE läuft in ")
    assert "in 29 Tagen ab" in text or "in 30 Tagen ab" in text


def test_a_wrong_secret_and_a_missing_one_say_why_not(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, sim_url: str
) -> None:
    dialog = open_page(qtbot, demo_tse(sim_url), "wrong")
    press_check(qtbot, dialog)
    assert dialog.result_label.text().startswith("TSE lehnt ab: ")
    assert dialog.expiry_label.text() == ""

    dialog.fields["api_secret"].clear()
    press_check(qtbot, dialog)
    assert dialog.result_label.text() == "Keine TSE eingerichtet: API-Secret fehlt."


def test_speichern_writes_the_settings_file_and_the_secret_to_the_key_store(
    qtbot: QtBot, qapp: QApplication, qloop: asyncio.AbstractEventLoop, sim_url: str, tmp_path: Path
) -> None:
    paths = resolve_paths(tmp_path / "till")
    till = build_till(
        qapp, Connection.demo(sim_url), paths.data_dir / "journal.sqlite3", device_id="tse-page"
    )
    backoffice = install_backoffice(till, Settings(), paths, None)
    store = SecretStore(paths, backend=MemoryKeyring())
    setting = backoffice.tse_setting
    assert setting is not None
    setting._secrets = lambda: store  # the test's key store instead of the system's
    try:
        action = next(a for a in till.window.settings_menu.actions() if a.objectName() == "tseSettingsAction")
        assert action.text() == "TSE …"
        action.trigger()
        dialog = setting.dialog
        assert dialog is not None
        qtbot.waitExposed(dialog)
        for name, value in (
            ("api_url", sim_url + FISKALY_API),
            ("api_key", DEMO_API_KEY),
            ("api_secret", DEMO_API_SECRET),
            ("tss_id", DEMO_TSS_ID),
            ("client_id", DEMO_CLIENT_ID),
            ("client_serial", DEMO_CLIENT_SERIAL),
        ):
            dialog.fields[name].clear()
            qtbot.keyClicks(dialog.fields[name], value)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

        qtbot.waitUntil(lambda: "TSE-Einstellungen gespeichert." in till.window.message_bar.text())
        assert load_settings(paths).tse == demo_tse(sim_url)
        assert store.get(TSE_API_SECRET) == DEMO_API_SECRET
        assert DEMO_API_SECRET not in paths.settings_file.read_text(encoding="utf-8")
    finally:
        run_until_done(qtbot, backoffice.wait_idle())
        run_until_done(qtbot, till.aclose())

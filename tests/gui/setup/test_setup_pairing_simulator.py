"""The first-run setup pairs with the simulator's real device flow (HTTP on loopback)."""

from __future__ import annotations

import httpx
import keyring.backends.fail
import pytest
from pytestqt.qtbot import QtBot

from pos_gui.config.paths import AppPaths
from pos_gui.config.secrets import CLIENT_SECRET, REFRESH_TOKEN, SecretStore
from pos_gui.config.settings import Profile, load_settings
from pos_gui.services.pairing import DevicePairing
from pos_gui.ui.setup import SetupWindow
from pos_sim.embedded import EmbeddedSimulator
from pos_sim.settings import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET
from tests.helpers.keyrings import MemoryKeyring


@pytest.fixture
def sim_admin(sim_admin: httpx.Client) -> httpx.Client:
    """The session's admin client, with the device flow polling every second.

    Approval comes only through ``POST /_sim/devices/approve`` (a person in SecuOffice).
    """
    sim_admin.post("/_sim/settings", json={"device_poll_interval": 1}).raise_for_status()
    return sim_admin


def _start_testing_pairing(qtbot: QtBot, window: SetupWindow, url: str) -> None:
    qtbot.addWidget(window)
    window.show()
    window.testing_option.setChecked(True)
    window.next_button.click()
    window.server_url_edit.setText(url)
    window.client_id_edit.setText(DEMO_CLIENT_ID)
    window.client_secret_edit.setText(DEMO_CLIENT_SECRET)
    window.pair_button.click()


@pytest.mark.parametrize("key_store", ["os", "file"])
@pytest.mark.usefixtures("qloop")
def test_setup_pairs_with_the_simulator(
    qtbot: QtBot,
    till_paths: AppPaths,
    simulator: EmbeddedSimulator,
    sim_admin: httpx.Client,
    key_store: str,
) -> None:
    backend = MemoryKeyring() if key_store == "os" else keyring.backends.fail.Keyring()
    secrets = SecretStore(till_paths, backend=backend)
    window = SetupWindow(DevicePairing(till_paths, secrets))
    _start_testing_pairing(qtbot, window, simulator.url)

    qtbot.waitUntil(lambda: window.user_code_label.text() != "", timeout=10_000)
    user_code = window.user_code_label.text()
    assert len(user_code) >= 4
    assert window.verification_url_label.text() != ""

    with qtbot.waitSignal(window.finished, timeout=15_000) as finished:
        assert sim_admin.post("/_sim/devices/approve").json()["approved"] == 1
    assert finished.args[0].profile is Profile.TESTING
    assert "erfolgreich" in window.done_label.text()

    settings = load_settings(till_paths)
    assert (settings.profile, settings.api_url, settings.client_id) == (
        Profile.TESTING,
        simulator.url,
        DEMO_CLIENT_ID,
    )
    refresh_token = secrets.get(REFRESH_TOKEN)
    assert refresh_token
    assert secrets.get(CLIENT_SECRET) == DEMO_CLIENT_SECRET
    if key_store == "os":
        assert isinstance(backend, MemoryKeyring)
        assert refresh_token in backend.passwords.values()
        assert not till_paths.secrets_fallback_file.exists()
    else:
        assert refresh_token in till_paths.secrets_fallback_file.read_text(encoding="utf-8")
    settings_text = till_paths.settings_file.read_text(encoding="utf-8")
    log_text = till_paths.log_file.read_text(encoding="utf-8")
    assert "device pairing approved" in log_text  # the log is really being written
    for secret in (refresh_token, DEMO_CLIENT_SECRET):
        assert secret not in settings_text
        assert secret not in log_text


@pytest.mark.usefixtures("qloop")
def test_code_that_expires_unapproved_gives_the_german_message(
    qtbot: QtBot, till_paths: AppPaths, simulator: EmbeddedSimulator, sim_admin: httpx.Client
) -> None:
    sim_admin.post("/_sim/settings", json={"device_code_expires_in": 1}).raise_for_status()
    window = SetupWindow(DevicePairing(till_paths, SecretStore(till_paths, backend=MemoryKeyring())))
    _start_testing_pairing(qtbot, window, simulator.url)
    qtbot.waitUntil(lambda: "abgelaufen" in window.status_label.text(), timeout=10_000)
    assert window.restart_button.isVisible()
    assert not load_settings(till_paths).is_configured

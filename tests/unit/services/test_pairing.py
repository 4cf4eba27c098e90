"""DevicePairing against the simulator's real device flow (HTTP on loopback), without any window."""

from __future__ import annotations

from pathlib import Path

import httpx
import keyring.backends.fail
import pytest

from pos_gui.config.paths import AppPaths, resolve_paths
from pos_gui.config.secrets import CLIENT_SECRET, REFRESH_TOKEN, SecretStore
from pos_gui.config.settings import PrinterSettings, Profile, Settings, load_settings
from pos_gui.services.pairing import (
    DevicePairing,
    PairingCodes,
    PairingFailed,
    PairingFailure,
    PairingRequest,
)
from pos_sim.embedded import EmbeddedSimulator
from pos_sim.settings import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET
from tests.helpers.keyrings import MemoryKeyring
from tests.helpers.network import closed_port


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return resolve_paths(tmp_path / "till")


@pytest.fixture
def secrets(paths: AppPaths) -> SecretStore:
    return SecretStore(paths, backend=MemoryKeyring())


def _request(url: str, *, client_secret: str = DEMO_CLIENT_SECRET) -> PairingRequest:
    return PairingRequest(Profile.TESTING, url, DEMO_CLIENT_ID, client_secret, Settings().device_uuid)


@pytest.mark.asyncio
async def test_approved_pairing_saves_settings_and_keeps_the_secrets_out_of_the_file(
    paths: AppPaths, secrets: SecretStore, simulator: EmbeddedSimulator, sim_admin: httpx.Client
) -> None:
    printer = PrinterSettings(kind="file", address="/tmp/paper.bin")
    pairing = DevicePairing(paths, secrets, settings=Settings(printer=printer))
    shown: list[PairingCodes] = []

    def approve_when_shown(codes: PairingCodes) -> None:
        shown.append(codes)
        # The person in SecuOffice types the user code.
        assert sim_admin.post("/_sim/devices/approve").json()["approved"] == 1

    settings = await pairing.pair(_request(simulator.url), approve_when_shown)

    assert len(shown) == 1
    assert len(shown[0].user_code) >= 4
    assert shown[0].expires_in > 0
    saved = load_settings(paths)
    assert (saved.profile, saved.api_url, saved.client_id) == (Profile.TESTING, simulator.url, DEMO_CLIENT_ID)
    assert saved == settings
    assert saved.printer == printer  # what the setup did not ask about is kept
    refresh_token = secrets.get(REFRESH_TOKEN)
    assert refresh_token
    assert secrets.get(CLIENT_SECRET) == DEMO_CLIENT_SECRET
    settings_text = paths.settings_file.read_text(encoding="utf-8")
    assert refresh_token not in settings_text
    assert DEMO_CLIENT_SECRET not in settings_text


@pytest.fixture
def short_lived_codes(sim_admin: httpx.Client) -> None:
    """Device codes that expire after one second (the next reset undoes it)."""
    sim_admin.post("/_sim/settings", json={"device_code_expires_in": 1}).raise_for_status()


@pytest.mark.asyncio
@pytest.mark.usefixtures("short_lived_codes")
async def test_code_nobody_approves_expires_and_nothing_is_saved(
    paths: AppPaths, secrets: SecretStore, simulator: EmbeddedSimulator
) -> None:
    pairing = DevicePairing(paths, secrets)
    with pytest.raises(PairingFailed) as failed:
        await pairing.pair(_request(simulator.url), lambda codes: None)
    assert failed.value.reason is PairingFailure.EXPIRED
    assert not load_settings(paths).is_configured
    assert secrets.get(REFRESH_TOKEN) is None


@pytest.mark.asyncio
async def test_wrong_client_secret_is_named_as_such(
    paths: AppPaths, secrets: SecretStore, simulator: EmbeddedSimulator, sim_admin: httpx.Client
) -> None:
    pairing = DevicePairing(paths, secrets)
    with pytest.raises(PairingFailed) as failed:
        await pairing.pair(_request(simulator.url, client_secret="wrong"), lambda codes: None)
    assert failed.value.reason is PairingFailure.INVALID_CLIENT
    assert not load_settings(paths).is_configured


@pytest.mark.asyncio
async def test_server_nobody_listens_on_is_unreachable(paths: AppPaths, secrets: SecretStore) -> None:
    pairing = DevicePairing(paths, secrets)
    with pytest.raises(PairingFailed) as failed:
        await pairing.pair(_request(f"http://127.0.0.1:{closed_port()}"), lambda codes: None)
    assert failed.value.reason is PairingFailure.UNREACHABLE


def test_demo_choice_is_saved_without_any_secret(paths: AppPaths) -> None:
    secrets = SecretStore(paths, backend=keyring.backends.fail.Keyring())
    settings = DevicePairing(paths, secrets).choose_demo()
    assert settings.profile is Profile.DEMO
    assert settings.api_url is None
    assert load_settings(paths).profile is Profile.DEMO
    assert secrets.get(REFRESH_TOKEN) is None

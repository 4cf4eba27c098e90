"""Pairing with a server the till cannot reach: the setup window says what is wrong and what to
check, shows no empty code, and offers to try again or go back to the inputs."""

from __future__ import annotations

import httpx
import pytest
from pytestqt.qtbot import QtBot

from pos_gui.api.transport import build_http_client
from pos_gui.config.paths import AppPaths
from pos_gui.config.secrets import SecretStore
from pos_gui.services.pairing import DevicePairing
from pos_gui.ui.setup import SetupWindow
from tests.helpers.keyrings import MemoryKeyring

SERVER = "https://connect-testing.secuconnect.com"


class Network:
    """The network between till and server; ``up`` is whether requests get through."""

    def __init__(self) -> None:
        self.up = False
        self.requests = 0

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        if not self.up:
            raise httpx.ConnectError("connection refused", request=request)
        return httpx.Response(
            200,
            json={
                "device_code": "dc-1",
                "user_code": "XY98ZW76",
                "verification_url": "https://secuoffice.example/device",
                "expires_in": 1200,
                "interval": 5,
            },
        )


def open_pairing(qtbot: QtBot, till_paths: AppPaths, network: Network) -> SetupWindow:
    pairing = DevicePairing(
        till_paths,
        SecretStore(till_paths, backend=MemoryKeyring()),
        http_client_factory=lambda url: build_http_client(url, transport=httpx.MockTransport(network.handle)),
    )
    window = SetupWindow(pairing)
    qtbot.addWidget(window)
    window.show()
    window.testing_option.setChecked(True)
    window.next_button.click()
    window.client_id_edit.setText("till-client")
    window.client_secret_edit.setText("client-secret-9f8e")
    window.pair_button.click()
    qtbot.waitUntil(lambda: "nicht erreichbar" in window.status_label.text(), timeout=10_000)
    return window


@pytest.mark.usefixtures("qloop")
def test_an_unreachable_server_is_named_with_its_address_and_what_to_check(
    qtbot: QtBot, till_paths: AppPaths
) -> None:
    window = open_pairing(qtbot, till_paths, Network())

    text = window.status_label.text()
    assert "Der Server ist nicht erreichbar" in text
    assert SERVER in text
    assert "Firewall" in text
    assert "Netzwerk" in text
    # No empty code page: the code, its instruction and the address are not shown.
    assert not window.user_code_label.isVisible()
    assert not window.verification_url_label.isVisible()
    assert window.restart_button.isVisible()
    assert window.restart_button.text() == "Erneut versuchen"
    assert window.cancel_pairing_button.text() == "Zurück"


@pytest.mark.usefixtures("qloop")
def test_trying_again_once_the_network_is_back_shows_the_code(qtbot: QtBot, till_paths: AppPaths) -> None:
    network = Network()
    window = open_pairing(qtbot, till_paths, network)

    network.up = True
    window.restart_button.click()

    qtbot.waitUntil(lambda: window.user_code_label.text() == "XY98ZW76", timeout=10_000)
    assert window.user_code_label.isVisible()
    assert window.cancel_pairing_button.text() == "Abbrechen"
    window.cancel_pairing_button.click()


@pytest.mark.usefixtures("qloop")
def test_back_returns_to_the_inputs_to_correct_the_address(qtbot: QtBot, till_paths: AppPaths) -> None:
    window = open_pairing(qtbot, till_paths, Network())

    window.cancel_pairing_button.click()

    assert window.pair_button.isVisible()
    assert window.server_url_edit.text() == SERVER

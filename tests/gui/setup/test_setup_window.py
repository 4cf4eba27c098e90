"""The first-run setup window against a fake token endpoint (httpx.MockTransport)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable

import httpx
import keyring.backends.fail
import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QFontInfo
from pytestqt.qtbot import QtBot

from pos_gui.api.transport import build_http_client
from pos_gui.config.paths import AppPaths
from pos_gui.config.secrets import CLIENT_SECRET, REFRESH_TOKEN, SecretStore
from pos_gui.config.settings import API_URLS, Profile, load_settings
from pos_gui.services.pairing import DevicePairing
from pos_gui.ui.setup import SetupResult, SetupWindow
from tests.helpers.keyrings import MemoryKeyring

REFRESH_TOKEN_VALUE = "rt-fake-7d1c0e9a"


class FakeTokenEndpoint:
    """The server's ``/oauth/token`` for the device flow; ``approved`` plays the person in SecuOffice."""

    def __init__(self, *, expire_on_poll: bool = False, refuse_client: bool = False) -> None:
        self.expire_on_poll = expire_on_poll
        self.refuse_client = refuse_client
        self.approved = False
        self.polls = 0

    def handle(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        if self.refuse_client:
            return httpx.Response(401, json={"error": "invalid_client", "error_description": "bad"})
        if "uuid" in body:
            return httpx.Response(
                200,
                json={
                    "device_code": "dc-secret-1",
                    "user_code": "AB12CD34",
                    "verification_url": "https://secuoffice.example/device",
                    "expires_in": 1200,
                    "interval": 1,
                },
            )
        self.polls += 1
        if self.expire_on_poll:
            return httpx.Response(401, json={"error": "expired_token", "error_description": "expired"})
        if not self.approved:
            return httpx.Response(401, json={"error": "authorization_pending"})
        return httpx.Response(
            200,
            json={
                "access_token": "at-fake-1",
                "expires_in": 1200,
                "token_type": "bearer",
                "refresh_token": REFRESH_TOKEN_VALUE,
            },
        )

    def client_factory(self) -> Callable[[str], httpx.AsyncClient]:
        return lambda url: build_http_client(url, transport=httpx.MockTransport(self.handle))


def _window(
    qtbot: QtBot, paths: AppPaths, secrets: SecretStore, endpoint: FakeTokenEndpoint | None = None
) -> SetupWindow:
    endpoint = endpoint or FakeTokenEndpoint()
    window = SetupWindow(DevicePairing(paths, secrets, http_client_factory=endpoint.client_factory()))
    qtbot.addWidget(window)
    window.show()
    return window


def _fill_in_testing(window: SetupWindow) -> None:
    window.testing_option.setChecked(True)
    window.next_button.click()
    window.client_id_edit.setText("till-client")
    window.client_secret_edit.setText("client-secret-9f8e")


@pytest.fixture
def secrets(till_paths: AppPaths) -> SecretStore:
    return SecretStore(till_paths, backend=MemoryKeyring())


@pytest.mark.usefixtures("qloop")
def test_demo_is_preselected_and_needs_one_click(
    qtbot: QtBot, till_paths: AppPaths, secrets: SecretStore
) -> None:
    window = _window(qtbot, till_paths, secrets)
    assert window.demo_option.isChecked()
    with qtbot.waitSignal(window.finished) as finished:
        window.next_button.click()
    result = finished.args[0]
    assert isinstance(result, SetupResult)
    assert result.profile is Profile.DEMO
    assert load_settings(till_paths).profile is Profile.DEMO
    assert "Demo" in window.done_label.text()


@pytest.mark.usefixtures("qloop")
def test_testing_pairs_and_keeps_the_refresh_token_in_the_key_store(
    qtbot: QtBot, till_paths: AppPaths, secrets: SecretStore
) -> None:
    endpoint = FakeTokenEndpoint()
    window = _window(qtbot, till_paths, secrets, endpoint)
    window.testing_option.setChecked(True)
    window.next_button.click()
    assert window.server_url_edit.text() == API_URLS[Profile.TESTING]
    window.server_url_edit.setText("http://127.0.0.1:9")  # MockTransport: never on the network
    window.client_id_edit.setText("till-client")
    window.client_secret_edit.setText("client-secret-9f8e")

    window.pair_button.click()
    qtbot.waitUntil(lambda: window.user_code_label.text() == "AB12CD34")
    assert "secuoffice.example/device" in window.verification_url_label.text()
    assert window.user_code_label.font().pointSize() >= 30
    assert "Freigabe" in window.status_label.text()
    assert "gültig" in window.countdown_label.text()

    with qtbot.waitSignal(window.finished, timeout=10_000) as finished:
        endpoint.approved = True
    assert finished.args[0].profile is Profile.TESTING
    assert "erfolgreich" in window.done_label.text()

    saved = load_settings(till_paths)
    assert (saved.profile, saved.api_url, saved.client_id) == (
        Profile.TESTING,
        "http://127.0.0.1:9",
        "till-client",
    )
    assert secrets.get(REFRESH_TOKEN) == REFRESH_TOKEN_VALUE
    assert secrets.get(CLIENT_SECRET) == "client-secret-9f8e"
    for file in (till_paths.settings_file, till_paths.log_file):
        text = file.read_text(encoding="utf-8")
        assert REFRESH_TOKEN_VALUE not in text
        assert "client-secret-9f8e" not in text
        assert "dc-secret-1" not in text


@pytest.mark.usefixtures("qloop")
def test_expired_code_says_so_in_german_and_offers_a_restart(
    qtbot: QtBot, till_paths: AppPaths, secrets: SecretStore
) -> None:
    endpoint = FakeTokenEndpoint(expire_on_poll=True)
    window = _window(qtbot, till_paths, secrets, endpoint)
    _fill_in_testing(window)
    window.pair_button.click()
    qtbot.waitUntil(lambda: "abgelaufen" in window.status_label.text(), timeout=10_000)
    assert "neu" in window.status_label.text()
    assert window.restart_button.isVisible()
    assert not load_settings(till_paths).is_configured

    endpoint.expire_on_poll = False
    endpoint.approved = True
    with qtbot.waitSignal(window.finished, timeout=10_000):
        window.restart_button.click()
    assert secrets.get(REFRESH_TOKEN) == REFRESH_TOKEN_VALUE


@pytest.mark.usefixtures("qloop")
def test_cancel_stops_polling_and_saves_nothing(
    qtbot: QtBot, till_paths: AppPaths, secrets: SecretStore
) -> None:
    endpoint = FakeTokenEndpoint()
    window = _window(qtbot, till_paths, secrets, endpoint)
    _fill_in_testing(window)
    window.pair_button.click()
    qtbot.waitUntil(lambda: window.user_code_label.text() != "")
    window.cancel_pairing_button.click()
    assert not window.is_pairing
    assert window.pair_button.isVisible()  # back on the input page
    polls = endpoint.polls
    endpoint.approved = True
    with qtbot.assertNotEmitted(window.finished, wait=1500):
        pass
    assert endpoint.polls == polls
    assert not load_settings(till_paths).is_configured
    assert secrets.get(REFRESH_TOKEN) is None


@pytest.mark.usefixtures("qloop")
def test_wrong_client_credentials_are_named(qtbot: QtBot, till_paths: AppPaths, secrets: SecretStore) -> None:
    window = _window(qtbot, till_paths, secrets, FakeTokenEndpoint(refuse_client=True))
    _fill_in_testing(window)
    window.pair_button.click()
    qtbot.waitUntil(lambda: "Client-Secret ist falsch" in window.status_label.text())
    assert window.restart_button.isVisible()


@pytest.mark.usefixtures("qloop")
def test_missing_inputs_are_named_before_anything_is_sent(
    qtbot: QtBot, till_paths: AppPaths, secrets: SecretStore
) -> None:
    endpoint = FakeTokenEndpoint()
    window = _window(qtbot, till_paths, secrets, endpoint)
    window.live_option.setChecked(True)
    window.next_button.click()
    assert window.server_url_edit.text() == API_URLS[Profile.LIVE]
    window.pair_button.click()
    assert "Client-ID" in window.credentials_error_label.text()
    window.server_url_edit.setText("connect.example")
    window.pair_button.click()
    assert "https://" in window.credentials_error_label.text()
    assert not window.is_pairing
    assert endpoint.polls == 0


@pytest.mark.usefixtures("qloop")
def test_without_key_store_the_token_goes_to_the_private_file(qtbot: QtBot, till_paths: AppPaths) -> None:
    secrets = SecretStore(till_paths, backend=keyring.backends.fail.Keyring())
    endpoint = FakeTokenEndpoint()
    endpoint.approved = True
    window = _window(qtbot, till_paths, secrets, endpoint)
    _fill_in_testing(window)
    with qtbot.waitSignal(window.finished, timeout=10_000):
        window.pair_button.click()
    assert REFRESH_TOKEN_VALUE in till_paths.secrets_fallback_file.read_text(encoding="utf-8")
    assert REFRESH_TOKEN_VALUE not in till_paths.settings_file.read_text(encoding="utf-8")


@pytest.mark.usefixtures("qloop")
def test_closing_the_window_while_pairing_cancels(
    qtbot: QtBot, till_paths: AppPaths, secrets: SecretStore
) -> None:
    window = _window(qtbot, till_paths, secrets)
    _fill_in_testing(window)
    window.pair_button.click()
    qtbot.waitUntil(lambda: window.user_code_label.text() != "")
    with qtbot.waitSignal(window.cancelled):
        window.close()
    assert not window.is_pairing
    # Let the cancelled task close its HTTP client before the test's loop is released.
    qtbot.waitUntil(lambda: all(task.done() for task in asyncio.all_tasks(asyncio.get_event_loop())))


@pytest.mark.usefixtures("qloop")
def test_window_deleted_while_pairing_ends_the_pairing_quietly(
    qtbot: QtBot, till_paths: AppPaths, secrets: SecretStore
) -> None:
    endpoint = FakeTokenEndpoint()
    # Not handed to qtbot: the test deletes the window itself, as app.py's first-run setup does.
    window = SetupWindow(DevicePairing(till_paths, secrets, http_client_factory=endpoint.client_factory()))
    window.show()
    _fill_in_testing(window)
    window.pair_button.click()
    qtbot.waitUntil(lambda: window.user_code_label.text() != "")
    pairing = asyncio.all_tasks(asyncio.get_event_loop())
    assert pairing

    # Close, then delete before the cancelled pairing task runs again.
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(window)

    qtbot.waitUntil(lambda: all(task.done() for task in pairing))
    # Cancelled, not ended by an error from touching the deleted window's timer.
    assert all(task.cancelled() for task in pairing)
    assert not load_settings(till_paths).is_configured


@pytest.mark.usefixtures("qloop", "till_style_sheet")
def test_pairing_code_is_large_under_the_till_style_sheet(
    qtbot: QtBot, till_paths: AppPaths, secrets: SecretStore
) -> None:
    window = _window(qtbot, till_paths, secrets)
    window.resize(800, 600)
    _fill_in_testing(window)
    window.pair_button.click()
    qtbot.waitUntil(lambda: window.user_code_label.text() == "AB12CD34")

    code = window.user_code_label
    assert code.font().pointSize() == 40
    assert code.font().bold()
    assert QFontInfo(code.font()).fixedPitch()
    assert window.verification_url_label.font().pointSize() == 20
    # Read from across the counter: the code stands out against the 15pt instruction text.
    assert code.height() >= 2 * window.status_label.height()
    assert code.fontMetrics().horizontalAdvance(code.text()) <= code.width()
    window.cancel_pairing()

"""OAuth: client credentials, token caching and expiry, the device flow, refresh tokens."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from pos_gui.api.auth import (
    Authenticator,
    ClientCredentials,
    DeviceCredentials,
    poll_device_token,
    request_device_codes,
)
from pos_gui.api.errors import (
    ApiConnectionError,
    ApiTimeoutError,
    DeviceCodeExpiredError,
    DevicePairingRequiredError,
    InvalidResponseError,
    OAuthError,
    ServerError,
)
from pos_gui.api.models import DeviceCodes, TokenResponse
from pos_gui.api.transport import build_http_client
from tests.unit.api.fake_server import (
    BASE_URL,
    CLIENT_ID,
    CLIENT_SECRET,
    FakeClock,
    FakeServer,
    body_of,
    json_response,
    token_answer,
)

pytestmark = pytest.mark.asyncio

UUID = "/vendor/pos-gui/cashier/1"


def _http(server: FakeServer) -> httpx.AsyncClient:
    return build_http_client(BASE_URL, transport=server.transport)


def _pending() -> httpx.Response:
    return json_response(401, {"error": "authorization_pending", "error_description": "not yet approved"})


def _codes(expires_in: int = 1200, interval: int = 5) -> DeviceCodes:
    return DeviceCodes(
        device_code="device-code-secret",
        user_code="aa63q9k9",
        verification_url="http://www.secuoffice.com",
        expires_in=expires_in,
        interval=interval,
    )


async def test_client_credentials_grant_sends_the_documented_body() -> None:
    server = FakeServer().tokens("token-1")
    auth = Authenticator(_http(server), ClientCredentials(CLIENT_ID, CLIENT_SECRET))

    assert await auth.access_token() == "token-1"

    (request,) = server.token_requests
    assert request.method == "POST"
    assert body_of(request) == {
        "grant_type": "client_credentials",
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
    }


async def test_token_is_cached_until_thirty_seconds_before_expiry() -> None:
    server = FakeServer().tokens("token-1", "token-2")
    clock = FakeClock()
    auth = Authenticator(_http(server), ClientCredentials(CLIENT_ID, CLIENT_SECRET), clock=clock)

    assert await auth.access_token() == "token-1"
    clock.now += 1200 - 31
    assert await auth.access_token() == "token-1"
    assert len(server.token_requests) == 1

    clock.now += 2  # now 29 s before the server's expiry
    assert await auth.access_token() == "token-2"
    assert len(server.token_requests) == 2
    assert auth.request_count == 2


async def test_concurrent_callers_share_one_token_request() -> None:
    server = FakeServer().tokens("token-1", "token-2")
    auth = Authenticator(_http(server), ClientCredentials(CLIENT_ID, CLIENT_SECRET))

    tokens = await asyncio.gather(*(auth.access_token() for _ in range(5)))

    assert tokens == ["token-1"] * 5
    assert len(server.token_requests) == 1


async def test_invalidate_drops_only_the_rejected_token() -> None:
    server = FakeServer().tokens("token-1", "token-2", "token-3")
    auth = Authenticator(_http(server), ClientCredentials(CLIENT_ID, CLIENT_SECRET))
    await auth.access_token()

    auth.invalidate("token-1")
    assert await auth.access_token() == "token-2"
    auth.invalidate("token-1")  # a late rejection of the old token: keep the new one
    assert await auth.access_token() == "token-2"
    auth.invalidate()
    assert await auth.access_token() == "token-3"


async def test_invalid_client_raises_oauth_error() -> None:
    server = FakeServer().on(
        "POST",
        "/oauth/token",
        json_response(
            400, {"error": "invalid_client", "error_description": "The client credentials are invalid"}
        ),
    )
    auth = Authenticator(_http(server), ClientCredentials(CLIENT_ID, "wrong"))

    with pytest.raises(OAuthError) as caught:
        await auth.access_token()

    assert caught.value.error == "invalid_client"
    assert caught.value.description == "The client credentials are invalid"
    assert caught.value.status_code == 400


@pytest.mark.parametrize(
    ("answer", "error_class"),
    [
        (httpx.Response(200, text="<html>proxy</html>"), InvalidResponseError),
        (json_response(200, {"token_type": "bearer"}), InvalidResponseError),
        (httpx.Response(502, text="bad gateway"), ServerError),
        (httpx.Response(400, text="nope"), InvalidResponseError),
        (httpx.ConnectError("refused"), ApiConnectionError),
        (httpx.ReadTimeout("slow"), ApiTimeoutError),
    ],
)
async def test_token_endpoint_failures_map_to_api_errors(
    answer: httpx.Response | Exception, error_class: type[Exception]
) -> None:
    server = FakeServer().on("POST", "/oauth/token", answer)
    auth = Authenticator(_http(server), ClientCredentials(CLIENT_ID, CLIENT_SECRET))

    with pytest.raises(error_class):
        await auth.access_token()


async def test_device_codes_are_requested_with_the_device_grant() -> None:
    server = FakeServer().on(
        "POST",
        "/oauth/token",
        json_response(
            200,
            {
                "device_code": "device-code-secret",
                "user_code": "aa63q9k9",
                "verification_url": "http://www.secuoffice.com",
                "expires_in": 1200,
                "interval": 5,
            },
        ),
    )

    codes = await request_device_codes(_http(server), CLIENT_ID, CLIENT_SECRET, UUID)

    assert (codes.user_code, codes.verification_url, codes.interval) == (
        "aa63q9k9",
        "http://www.secuoffice.com",
        5,
    )
    assert codes.device_code == "device-code-secret"
    assert body_of(server.token_requests[0]) == {
        "grant_type": "device",
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "uuid": UUID,
    }


async def test_device_poll_waits_while_pending_then_returns_the_token() -> None:
    approved = token_answer("device-access", refresh_token="refresh-secret")
    server = FakeServer().on("POST", "/oauth/token", _pending(), _pending(), approved)
    clock = FakeClock()

    token = await poll_device_token(
        _http(server), CLIENT_ID, CLIENT_SECRET, _codes(), sleep=clock.sleep, clock=clock
    )

    assert token.access_token == "device-access"
    assert token.refresh_token == "refresh-secret"
    assert clock.sleeps == [5, 5, 5]
    assert len(server.token_requests) == 3
    assert body_of(server.token_requests[0]) == {
        "grant_type": "device",
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "code": "device-code-secret",
    }


async def test_device_poll_gives_up_when_the_code_expires() -> None:
    server = FakeServer().on("POST", "/oauth/token", _pending())
    clock = FakeClock()

    with pytest.raises(DeviceCodeExpiredError):
        await poll_device_token(
            _http(server),
            CLIENT_ID,
            CLIENT_SECRET,
            _codes(expires_in=60, interval=5),
            sleep=clock.sleep,
            clock=clock,
        )

    assert len(server.token_requests) == 12  # one poll every 5 s for 60 s
    assert sum(clock.sleeps) <= 60


async def test_device_poll_stops_on_a_server_side_expiry() -> None:
    expired = json_response(400, {"error": "expired_token", "error_description": "code expired"})
    server = FakeServer().on("POST", "/oauth/token", _pending(), expired)
    clock = FakeClock()

    with pytest.raises(DeviceCodeExpiredError):
        await poll_device_token(
            _http(server), CLIENT_ID, CLIENT_SECRET, _codes(), sleep=clock.sleep, clock=clock
        )

    assert len(server.token_requests) == 2


async def test_device_poll_raises_other_refusals() -> None:
    refused = json_response(401, {"error": "invalid_device", "error_description": "device not configured"})
    server = FakeServer().on("POST", "/oauth/token", refused)
    clock = FakeClock()

    with pytest.raises(OAuthError) as caught:
        await poll_device_token(
            _http(server), CLIENT_ID, CLIENT_SECRET, _codes(), sleep=clock.sleep, clock=clock
        )

    assert caught.value.error == "invalid_device"
    assert not isinstance(caught.value, DeviceCodeExpiredError)


async def test_device_session_is_renewed_with_the_stored_refresh_token() -> None:
    server = FakeServer().tokens("session-1", "session-2")
    clock = FakeClock()
    stored: list[str] = []
    credentials = DeviceCredentials(CLIENT_ID, CLIENT_SECRET, UUID, refresh_token="refresh-secret")
    auth = Authenticator(_http(server), credentials, clock=clock, on_refresh_token=stored.append)

    assert await auth.access_token() == "session-1"
    clock.now += 1200
    assert await auth.access_token() == "session-2"

    for request in server.token_requests:
        assert body_of(request) == {
            "grant_type": "refresh_token",
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "refresh_token": "refresh-secret",
        }
    # The server sends no new refresh token on renewal, so there is nothing new to store.
    assert stored == []


async def test_token_from_pairing_is_adopted_and_its_refresh_token_handed_over() -> None:
    server = FakeServer().tokens("renewed")
    clock = FakeClock()
    stored: list[str] = []
    auth = Authenticator(
        _http(server),
        DeviceCredentials(CLIENT_ID, CLIENT_SECRET, UUID),
        clock=clock,
        on_refresh_token=stored.append,
    )

    auth.use_token(TokenResponse(access_token="paired", expires_in=1200, refresh_token="new-refresh"))

    assert stored == ["new-refresh"]
    assert await auth.access_token() == "paired"
    assert server.token_requests == []
    clock.now += 1200
    assert await auth.access_token() == "renewed"
    assert body_of(server.token_requests[0])["refresh_token"] == "new-refresh"


async def test_unpaired_device_needs_pairing_without_asking_the_server() -> None:
    server = FakeServer().tokens("never")
    auth = Authenticator(_http(server), DeviceCredentials(CLIENT_ID, CLIENT_SECRET, UUID))

    with pytest.raises(DevicePairingRequiredError):
        await auth.access_token()

    assert server.requests == []


async def test_refused_refresh_token_means_pairing_again() -> None:
    refused = json_response(400, {"error": "invalid_grant", "error_description": "refresh token unknown"})
    server = FakeServer().on("POST", "/oauth/token", refused)
    auth = Authenticator(
        _http(server), DeviceCredentials(CLIENT_ID, CLIENT_SECRET, UUID, refresh_token="old")
    )

    with pytest.raises(DevicePairingRequiredError):
        await auth.access_token()

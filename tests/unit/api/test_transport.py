"""Transport: JSON headers, the User-Agent, and TLS verification for every non-loopback host."""

from __future__ import annotations

import ssl

import httpx
import pytest

from pos_gui import __version__
from pos_gui.api.transport import build_http_client, is_loopback_host


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.5.6.7", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("LOCALHOST", True),
        ("connect-testing.secuconnect.com", False),
        ("10.0.0.1", False),
        ("192.168.1.10", False),
        ("128.0.0.1", False),
        ("localhost.example.com", False),
    ],
)
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert is_loopback_host(host) is loopback


def _verify_mode(client: httpx.AsyncClient) -> ssl.VerifyMode:
    # httpx keeps the SSL context on the connection pool of its default transport.
    context: ssl.SSLContext = client._transport._pool._ssl_context  # type: ignore[attr-defined]
    return context.verify_mode


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("url", "verified"),
    [
        ("https://connect-testing.secuconnect.com", True),
        ("https://connect.secucard.com", True),
        ("https://192.168.1.10:8443", True),
        ("https://127.0.0.1:8765", False),
        ("http://localhost:8765", False),
    ],
)
async def test_tls_is_verified_except_on_loopback(url: str, verified: bool) -> None:
    client = build_http_client(url)
    try:
        expected = ssl.CERT_REQUIRED if verified else ssl.CERT_NONE
        assert _verify_mode(client) == expected
    finally:
        await client.aclose()


@pytest.mark.asyncio
async def test_requests_carry_json_headers_and_user_agent() -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={})

    client = build_http_client(
        "https://connect.secucard.com", transport=httpx.MockTransport(answer), timeout=3.0
    )
    try:
        await client.get("/api/v2/General/Merchants/me")
    finally:
        await client.aclose()

    assert seen[0].url == "https://connect.secucard.com/api/v2/General/Merchants/me"
    assert seen[0].headers["User-Agent"] == f"pos-gui/{__version__}"
    assert seen[0].headers["Accept"] == "application/json"
    assert client.timeout == httpx.Timeout(3.0)


@pytest.mark.parametrize("url", ["ftp://example.com", "connect.secucard.com", ""])
def test_rejects_urls_that_are_not_http(url: str) -> None:
    with pytest.raises(ValueError):
        build_http_client(url)

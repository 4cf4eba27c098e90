"""OAuth against the simulator: client credentials, device pairing, refresh, token expiry."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.integration.pos_sim.helpers import assert_api_error

CREDENTIALS = {"client_id": "demo-till", "client_secret": "demo-secret"}
PROBE = "/api/v2/General/Merchants/me"


@pytest.fixture
def http(sim_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=sim_url, timeout=10.0, verify=False) as client:
        yield client


def token(http: httpx.Client, **fields: Any) -> httpx.Response:
    return http.post("/oauth/token", json={**CREDENTIALS, **fields})


def bearer(access_token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {access_token}"}


def test_client_credentials_from_json_and_form_bodies(http: httpx.Client) -> None:
    from_json = token(http, grant_type="client_credentials")
    from_form = http.post("/oauth/token", data={**CREDENTIALS, "grant_type": "client_credentials"})

    for answer in (from_json, from_form):
        assert answer.status_code == 200, answer.text
        body = answer.json()
        assert body["expires_in"] == 1200
        assert body["token_type"] == "bearer"
        assert body["scope"] == "https://scope.secucard.com/e/api"
        assert "refresh_token" not in body
        assert http.get(PROBE, headers=bearer(body["access_token"])).status_code == 200


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        (
            {"grant_type": "client_credentials", "client_id": "demo-till", "client_secret": "wrong"},
            "invalid_client",
        ),
        ({"grant_type": "client_credentials"}, "invalid_client"),
        ({"grant_type": "password", **CREDENTIALS}, "unsupported_grant_type"),
        (CREDENTIALS, "invalid_request"),
        ({"grant_type": "device", **CREDENTIALS}, "invalid_request"),
        ({"grant_type": "refresh_token", "refresh_token": "nonsense", **CREDENTIALS}, "invalid_grant"),
    ],
)
def test_token_endpoint_refusals_are_oauth_errors(
    http: httpx.Client, fields: dict[str, str], error: str
) -> None:
    answer = http.post("/oauth/token", json=fields)

    assert answer.status_code == 400
    assert answer.json()["error"] == error
    assert set(answer.json()) == {"error", "error_description"}


def test_api_without_or_with_a_bad_token_is_401(http: httpx.Client) -> None:
    assert_api_error(http.get(PROBE), 401, "ProductNotAllowedException", 2003)
    assert_api_error(http.get(PROBE, headers=bearer("nonsense")), 401, "ProductNotAllowedException", 2003)


def test_expired_token_in_the_middle_of_a_sale_is_401(http: httpx.Client, sim_admin: httpx.Client) -> None:
    access = token(http, grant_type="client_credentials").json()["access_token"]
    assert http.get(PROBE, headers=bearer(access)).status_code == 200

    assert sim_admin.post("/_sim/tokens/expire").json()["expired"] >= 1

    assert_api_error(http.get(PROBE, headers=bearer(access)), 401, "ProductNotAllowedException", 2003)
    fresh = token(http, grant_type="client_credentials").json()["access_token"]
    assert http.get(PROBE, headers=bearer(fresh)).status_code == 200


def test_expired_token_403_variant(http: httpx.Client, sim_admin: httpx.Client) -> None:
    sim_admin.post("/_sim/settings", json={"expired_token_style": "403"}).raise_for_status()
    access = token(http, grant_type="client_credentials").json()["access_token"]
    sim_admin.post("/_sim/tokens/expire")

    body = assert_api_error(http.get(PROBE, headers=bearer(access)), 403, "ProductNotAllowedException", 2003)
    assert body["error_details"] == "Valid auth token required"


def test_token_lifetime_follows_the_settings(http: httpx.Client, sim_admin: httpx.Client) -> None:
    sim_admin.post("/_sim/settings", json={"token_ttl_seconds": 0}).raise_for_status()
    answer = token(http, grant_type="client_credentials").json()

    assert answer["expires_in"] == 0
    assert http.get(PROBE, headers=bearer(answer["access_token"])).status_code == 401


def test_device_flow_pending_then_approved_then_refreshed(
    http: httpx.Client, sim_admin: httpx.Client
) -> None:
    codes = token(http, grant_type="device", uuid="/vendor/demo/cashier/1").json()
    assert set(codes) == {"device_code", "user_code", "verification_url", "expires_in", "interval"}
    assert (codes["expires_in"], codes["interval"]) == (1200, 0)
    assert len(codes["user_code"]) == 8

    pending = token(http, grant_type="device", code=codes["device_code"])
    assert pending.status_code == 401
    assert pending.json()["error"] == "authorization_pending"

    assert sim_admin.post("/_sim/devices/approve").json()["approved"] >= 1
    granted = token(http, grant_type="device", code=codes["device_code"])
    assert granted.status_code == 200, granted.text
    session = granted.json()
    assert session["scope"] is None
    assert http.get(PROBE, headers=bearer(session["access_token"])).status_code == 200

    renewed = token(http, grant_type="refresh_token", refresh_token=session["refresh_token"])
    assert renewed.status_code == 200, renewed.text
    assert "refresh_token" not in renewed.json()
    assert renewed.json()["access_token"] != session["access_token"]
    assert http.get(PROBE, headers=bearer(renewed.json()["access_token"])).status_code == 200


def test_device_approves_itself_after_the_configured_polls(
    http: httpx.Client, sim_admin: httpx.Client
) -> None:
    sim_admin.post("/_sim/settings", json={"device_approve_after_polls": 2}).raise_for_status()
    codes = token(http, grant_type="device", uuid="/vendor/demo/cashier/2").json()

    first = token(http, grant_type="device", code=codes["device_code"])
    second = token(http, grant_type="device", code=codes["device_code"])

    assert (first.status_code, second.status_code) == (401, 200)
    assert "refresh_token" in second.json()


def test_expired_device_code_is_expired_token(http: httpx.Client, sim_admin: httpx.Client) -> None:
    sim_admin.post("/_sim/settings", json={"device_code_expires_in": 0}).raise_for_status()
    codes = token(http, grant_type="device", uuid="/vendor/demo/cashier/3").json()

    answer = token(http, grant_type="device", code=codes["device_code"])

    assert answer.status_code == 400
    assert answer.json()["error"] == "expired_token"


def test_bad_settings_are_refused(sim_admin: httpx.Client) -> None:
    assert sim_admin.post("/_sim/settings", json={"expired_token_style": "418"}).status_code == 400
    assert sim_admin.post("/_sim/settings", json={"no_such_setting": 1}).status_code == 400
    assert sim_admin.get("/_sim/settings").json()["expired_token_style"] == "401"

"""Small helpers shared by the simulator's integration tests (raw httpx, no API client)."""

from __future__ import annotations

import re
from typing import Any

import httpx

from tests.helpers.seed import seed_response

SEED_CARD = "9276004429942845"


def seed_basket_body(cardnumber: str | None = SEED_CARD, **extra: Any) -> dict[str, Any]:
    """A create body with the seed's three articles (7,96 €) and optionally a card."""
    products = [
        {k: p[k] for k in ("id", "articleNumber", "ean", "desc", "quantity", "priceOne", "tax")}
        for p in seed_response()["basket"]["products"]
    ]
    for product in products:
        if product["ean"] == "":
            del product["ean"]
    body: dict[str, Any] = {
        "is_demo": True,
        "basket": {"products": products},
        "basket_info": {"sum": 796, "currency": "EUR"},
    }
    if cardnumber is not None:
        body["idents"] = [{"type": "card", "value": cardnumber}]
    body.update(extra)
    return body


def api_client(base_url: str) -> httpx.Client:
    """A client on ``base_url`` that already holds a client-credentials token."""
    # Plain HTTP on loopback: no TLS context to build (saves ~50 ms per client).
    client = httpx.Client(base_url=base_url, timeout=10.0, verify=False)
    answer = client.post(
        "/oauth/token",
        json={"grant_type": "client_credentials", "client_id": "demo-till", "client_secret": "demo-secret"},
    )
    answer.raise_for_status()
    client.headers["Authorization"] = f"Bearer {answer.json()['access_token']}"
    return client


def assert_api_error(
    response: httpx.Response, status: int, error: str, code: int | None = None
) -> dict[str, Any]:
    """Check the API's error shape and return the body."""
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert list(body) == ["status", "error", "error_details", "error_user", "code", "supportId"]
    assert body["status"] == "error"
    assert body["error"] == error
    assert isinstance(body["error_user"], str)
    assert body["error_user"]
    assert re.fullmatch(r"[0-9a-f]{32}", body["supportId"])
    if code is not None:
        assert body["code"] == code
    return body

"""Fault injection: each mode as a raw HTTP client experiences it, and what the server did."""

from __future__ import annotations

import json
import time
from typing import Any

import httpx
import pytest

from tests.integration.pos_sim.helpers import assert_api_error, seed_basket_body

LOW_BALANCE_CARD = "9276000000000029"
TX = "/api/v2/Smart/Transactions"
START_CASH = "/api/v2/Smart/Transactions/*/start/cash"


def arm(sim_admin: httpx.Client, **fault: Any) -> None:
    answer = sim_admin.post("/_sim/faults", json={"method": "POST", "path": START_CASH, **fault})
    assert answer.status_code == 200, answer.text


def applied_sale(client: httpx.Client) -> str:
    """A sale with the 5,00 € card applied (missing_sum 296), ready for start/cash."""
    transaction_id: str = client.post(TX, json=seed_basket_body(LOW_BALANCE_CARD)).json()["id"]
    client.post(f"{TX}/{transaction_id}/preTransaction").raise_for_status()
    return transaction_id


def card_balance(client: httpx.Client) -> int:
    found = client.get("/api/v2/Loyalty/MerchantCards", params={"q": f"card.cardnumber:{LOW_BALANCE_CARD}"})
    balance: int = found.json()["data"][0]["balance"]
    return balance


def test_drop_before_closes_the_connection_and_nothing_happens(
    client: httpx.Client, sim_admin: httpx.Client
) -> None:
    transaction_id = applied_sale(client)
    arm(sim_admin, fault="drop_before")

    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        client.post(f"{TX}/{transaction_id}/start/cash", json={})

    assert client.get(f"{TX}/{transaction_id}").json()["status"] == "processing"
    assert card_balance(client) == 500


def test_drop_after_books_the_payment_but_never_answers(
    client: httpx.Client, sim_admin: httpx.Client
) -> None:
    transaction_id = applied_sale(client)
    arm(sim_admin, fault="drop_after")

    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        client.post(f"{TX}/{transaction_id}/start/cash", json={})

    after = client.get(f"{TX}/{transaction_id}").json()
    assert after["status"] == "ok"
    assert len(after["transactions"]) == 1
    assert card_balance(client) == 0


def test_malformed_answer_is_200_with_a_body_that_is_not_json(
    client: httpx.Client, sim_admin: httpx.Client
) -> None:
    transaction_id = applied_sale(client)
    arm(sim_admin, fault="malformed")

    answer = client.post(f"{TX}/{transaction_id}/start/cash", json={})

    assert answer.status_code == 200
    with pytest.raises(json.JSONDecodeError):
        json.loads(answer.content)
    assert client.get(f"{TX}/{transaction_id}").json()["status"] == "ok"


def test_status_fault_answers_in_the_api_error_shape_without_processing(
    client: httpx.Client, sim_admin: httpx.Client
) -> None:
    transaction_id = applied_sale(client)
    arm(sim_admin, fault="status", status=503)

    answer = client.post(f"{TX}/{transaction_id}/start/cash", json={})

    assert_api_error(answer, 503, "ProductInternalException")
    assert client.get(f"{TX}/{transaction_id}").json()["status"] == "processing"
    # count 1: the fault is used up, the retry after reading the status back goes through.
    assert client.post(f"{TX}/{transaction_id}/start/cash", json={}).json()["status"] == "ok"


def test_latency_delays_and_then_processes(client: httpx.Client, sim_admin: httpx.Client) -> None:
    transaction_id = applied_sale(client)
    arm(sim_admin, fault="latency", latency_ms=600)

    with pytest.raises(httpx.ReadTimeout):
        client.post(f"{TX}/{transaction_id}/start/cash", json={}, timeout=0.2)

    # The server finishes the slow request after the client gave up: read it back until it shows.
    deadline = time.monotonic() + 5
    status = client.get(f"{TX}/{transaction_id}").json()["status"]
    while status != "ok" and time.monotonic() < deadline:
        time.sleep(0.05)
        status = client.get(f"{TX}/{transaction_id}").json()["status"]
    assert status == "ok"


def test_latency_without_client_timeout_still_answers(client: httpx.Client, sim_admin: httpx.Client) -> None:
    transaction_id = applied_sale(client)
    arm(sim_admin, fault="latency", latency_ms=300)

    started = time.monotonic()
    answer = client.post(f"{TX}/{transaction_id}/start/cash", json={})

    assert time.monotonic() - started >= 0.3
    assert answer.json()["status"] == "ok"


def test_faults_match_method_segments_and_count(client: httpx.Client, sim_admin: httpx.Client) -> None:
    arm(sim_admin, fault="status", status=500, count=2)
    sim_admin.post(
        "/_sim/faults",
        json={"method": "GET", "path": "/API/V2/smart/transactions/*", "fault": "status", "status": 502},
    ).raise_for_status()
    transaction_id = client.post(TX, json=seed_basket_body(None)).json()["id"]

    assert client.get(f"{TX}/{transaction_id}").status_code == 502
    assert client.get(f"{TX}/{transaction_id}").status_code == 200  # used up
    assert client.post(f"{TX}/{transaction_id}/abort").status_code == 200  # other path
    assert (
        client.post(f"{TX}/{transaction_id}/start/cash/extra", json={}).status_code == 404
    )  # * is one segment
    assert [f["count"] for f in sim_admin.get("/_sim/faults").json()["faults"]] == [2]
    other = client.post(TX, json=seed_basket_body(None)).json()["id"]
    assert client.post(f"{TX}/{other}/START/CASH", json={}).status_code == 500
    assert client.post(f"{TX}/{other}/start/cash", json={}).status_code == 500
    assert client.post(f"{TX}/{other}/start/cash", json={}).status_code == 200


def test_delete_disarms_every_fault(client: httpx.Client, sim_admin: httpx.Client) -> None:
    arm(sim_admin, fault="drop_before", count=5)
    sim_admin.delete("/_sim/faults").raise_for_status()
    transaction_id = client.post(TX, json=seed_basket_body(None)).json()["id"]

    assert client.post(f"{TX}/{transaction_id}/start/cash", json={}).json()["status"] == "ok"


@pytest.mark.parametrize(
    "fault",
    [
        {"path": START_CASH, "fault": "explode"},
        {"path": "no-slash", "fault": "latency"},
        {"path": START_CASH, "fault": "status", "status": 42},
        {"path": START_CASH, "fault": "latency", "latency_ms": -1},
    ],
)
def test_bad_fault_definitions_are_refused(sim_admin: httpx.Client, fault: dict[str, Any]) -> None:
    assert sim_admin.post("/_sim/faults", json=fault).status_code == 400
    assert sim_admin.get("/_sim/faults").json()["faults"] == []

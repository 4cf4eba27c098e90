"""``--state FILE``: sales, card balances and device sessions survive a restart of the simulator."""

from __future__ import annotations

from pathlib import Path

import httpx

from pos_sim.embedded import start_embedded
from pos_sim.settings import SimulatorSettings
from tests.integration.pos_sim.helpers import api_client, seed_basket_body

LOW_BALANCE_CARD = "9276000000000029"
TX = "/api/v2/Smart/Transactions"
CREDENTIALS = {"client_id": "demo-till", "client_secret": "demo-secret"}


def test_state_file_keeps_sales_cards_and_device_session_across_restarts(tmp_path: Path) -> None:
    state_file = tmp_path / "sim.sqlite"
    with start_embedded(
        state_file=state_file, settings=SimulatorSettings(device_approve_after_polls=1)
    ) as first:
        client = api_client(first.url)
        transaction_id = client.post(TX, json=seed_basket_body(LOW_BALANCE_CARD)).json()["id"]
        client.post(f"{TX}/{transaction_id}/preTransaction").raise_for_status()
        paid = client.post(f"{TX}/{transaction_id}/start/cash", json={}).json()
        codes = client.post(
            "/oauth/token", json={**CREDENTIALS, "grant_type": "device", "uuid": "/v/demo/cashier/9"}
        )
        session = client.post(
            "/oauth/token", json={**CREDENTIALS, "grant_type": "device", "code": codes.json()["device_code"]}
        ).json()
        client.close()

    with (
        start_embedded(state_file=state_file) as second,
        httpx.Client(base_url=second.url, verify=False) as http,
    ):
        headers = {"Authorization": f"Bearer {session['access_token']}"}
        assert http.get(f"{TX}/{transaction_id}", headers=headers).json() == paid
        found = http.get(
            "/api/v2/Loyalty/MerchantCards",
            params={"q": f"card.cardnumber:{LOW_BALANCE_CARD}"},
            headers=headers,
        )
        assert found.json()["data"][0]["balance"] == 0
        renewed = http.post(
            "/oauth/token",
            json={**CREDENTIALS, "grant_type": "refresh_token", "refresh_token": session["refresh_token"]},
        )
        assert renewed.status_code == 200
        next_sale = http.post(TX, json=seed_basket_body(), headers=headers).json()
        next_paid = http.post(f"{TX}/{next_sale['id']}/start/cash", json={}, headers=headers).json()
        assert int(next_paid["trans_id"]) == int(paid["trans_id"]) + 1

        http.post("/_sim/reset").raise_for_status()

    with (
        start_embedded(state_file=state_file) as third,
        httpx.Client(base_url=third.url, verify=False) as http,
    ):
        assert http.get("/_sim/state").json()["transactions"] == []


def test_without_a_state_file_a_restart_starts_from_the_demo_data() -> None:
    with start_embedded() as first:
        client = api_client(first.url)
        client.post(TX, json=seed_basket_body()).raise_for_status()
        client.close()
    with start_embedded() as second, httpx.Client(base_url=second.url, verify=False) as http:
        assert http.get("/_sim/state").json()["transactions"] == []


def test_stop_joins_the_thread_and_frees_the_port() -> None:
    sim = start_embedded()
    url = sim.url
    assert sim.running
    sim.stop()
    assert not sim.running
    with httpx.Client(verify=False) as http:
        try:
            http.get(f"{url}/_sim/health", timeout=1.0)
            answered = True
        except httpx.ConnectError:
            answered = False
    assert not answered

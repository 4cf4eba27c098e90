"""The admin endpoints answer only to this machine (issue 15 #10), unless pos-sim is told otherwise.

The requests go through the simulator's ASGI app with a chosen client address, as uvicorn would
hand it over for a connection from that address.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from pos_sim.app import create_app
from pos_sim.cli import exposure_warning
from pos_sim.faults import FaultBoard
from pos_sim.state import SimulatorState
from tests.integration.pos_sim.helpers import assert_api_error

LAN_CLIENT = ("192.168.1.20", 51234)
RICH_CARD = {"cardnumber": "9276000000000011", "cash_balance": 99_999_999}


async def send(
    state: SimulatorState,
    client: tuple[str, int],
    method: str,
    path: str,
    *,
    allow_remote: bool = False,
    **kw: Any,
) -> httpx.Response:
    app = create_app(state, FaultBoard(), allow_remote_admin=allow_remote)
    transport = httpx.ASGITransport(app=app, client=client)
    async with httpx.AsyncClient(transport=transport, base_url="http://sim") as http:
        return await http.request(method, path, **kw)


def cash_balance(state: SimulatorState, cardnumber: str) -> int:
    balance: int = state.find_cards(f"card.cardnumber:{cardnumber}", None, 0)["data"][0]["cash_balance"]
    return balance


@pytest.mark.asyncio
async def test_a_card_cannot_be_set_from_the_lan() -> None:
    state = SimulatorState()

    answer = await send(state, LAN_CLIENT, "POST", "/_sim/cards", json=RICH_CARD)

    body = assert_api_error(answer, 403, "ProductNotAllowedException", 1003)
    assert "only answer requests from this machine" in body["error_details"]
    assert "192.168.1.20" in body["error_details"]
    assert "--allow-remote-admin" in body["error_details"]
    assert cash_balance(state, "9276000000000011") == 2000


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/_sim/reset"),
        ("GET", "/_sim/state"),
        ("POST", "/_sim/devices/approve"),
        ("POST", "/_sim/tokens/expire"),
        ("POST", "/_sim/settings"),
        ("POST", "/_sim/faults"),
        ("GET", "/_sim/health"),
        ("GET", "/_SIM/state"),
    ],
)
async def test_every_admin_endpoint_refuses_a_lan_client(method: str, path: str) -> None:
    answer = await send(SimulatorState(), LAN_CLIENT, method, path, json={})

    assert_api_error(answer, 403, "ProductNotAllowedException", 1003)


@pytest.mark.asyncio
@pytest.mark.parametrize("client", [("127.0.0.1", 40000), ("127.8.9.10", 40000), ("::1", 40000)])
async def test_loopback_clients_may_use_the_admin_endpoints(client: tuple[str, int]) -> None:
    state = SimulatorState()

    answer = await send(state, client, "POST", "/_sim/cards", json=RICH_CARD)

    assert answer.status_code == 200, answer.text
    assert cash_balance(state, "9276000000000011") == 99_999_999


@pytest.mark.asyncio
async def test_with_allow_remote_admin_the_lan_may_use_them_too() -> None:
    state = SimulatorState()

    answer = await send(state, LAN_CLIENT, "POST", "/_sim/cards", allow_remote=True, json=RICH_CARD)

    assert answer.status_code == 200, answer.text
    assert cash_balance(state, "9276000000000011") == 99_999_999


@pytest.mark.asyncio
async def test_the_api_itself_still_answers_lan_clients() -> None:
    answer = await send(
        SimulatorState(),
        LAN_CLIENT,
        "POST",
        "/oauth/token",
        json={"grant_type": "client_credentials", "client_id": "demo-till", "client_secret": "demo-secret"},
    )

    assert answer.status_code == 200
    assert answer.json()["token_type"] == "bearer"


def test_pos_sim_warns_when_it_listens_beyond_this_machine() -> None:
    assert exposure_warning("127.0.0.1", allow_remote_admin=False) is None
    assert exposure_warning("localhost", allow_remote_admin=True) is None

    warning = exposure_warning("0.0.0.0", allow_remote_admin=False)
    assert warning is not None
    assert "listening on 0.0.0.0" in warning
    assert "only to this machine" in warning

    loud = exposure_warning("0.0.0.0", allow_remote_admin=True)
    assert loud is not None
    assert "WARNING" in loud
    assert "NO authentication" in loud

"""Fixtures for the checkout against the real simulator: a till (client, journal, checkout) and
helpers to arm faults and count the server's bookings."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest_asyncio

from pos_gui.api.auth import Authenticator, ClientCredentials
from pos_gui.api.client import SecuconnectClient
from pos_gui.api.transport import build_http_client
from pos_gui.services.checkout import CheckoutService
from pos_gui.services.ledger import Ledger
from pos_gui.services.server_connection import ServerConnection
from pos_sim.settings import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET

DEVICE_ID = "SDV_INTEGRATIONTILL"
# Short enough that a latency fault of LATENCY_MS turns into a time-out.
HTTP_TIMEOUT_S = 1.0
LATENCY_MS = 1500

PATHS = {
    "create": ("POST", "/api/v2/Smart/Transactions"),
    "pre": ("POST", "/api/v2/Smart/Transactions/*/preTransaction"),
    "start/cash": ("POST", "/api/v2/Smart/Transactions/*/start/cash"),
    "start/loyalty": ("POST", "/api/v2/Smart/Transactions/*/start/loyalty"),
    "get": ("GET", "/api/v2/Smart/Transactions/*"),
}


@dataclass
class Till:
    checkout: CheckoutService
    client: SecuconnectClient
    journal: Ledger
    http: httpx.AsyncClient


def build_till(sim_url: str, journal_path: Path) -> Till:
    http = build_http_client(sim_url, timeout=HTTP_TIMEOUT_S)
    client = SecuconnectClient(
        http, Authenticator(http, ClientCredentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET))
    )
    journal = Ledger(journal_path)
    checkout = CheckoutService(
        ServerConnection.of(client), journal, device_id=DEVICE_ID, is_demo=True, backoff=(0.05, 0.1, 0.2, 0.5)
    )
    return Till(checkout, client, journal, http)


@pytest_asyncio.fixture
async def till(sim_url: str, tmp_path: Path) -> AsyncIterator[Till]:
    built = build_till(sim_url, tmp_path / "journal.sqlite3")
    try:
        yield built
    finally:
        await built.http.aclose()
        built.journal.close()


def arm(sim_admin: httpx.Client, request: str, fault: str, **extra: Any) -> None:
    method, path = PATHS[request]
    sim_admin.post(
        "/_sim/faults", json={"method": method, "path": path, "fault": fault, **extra}
    ).raise_for_status()


def sim_state(sim_admin: httpx.Client) -> dict[str, Any]:
    """The simulator's whole state (transactions, cards, ...) as its admin endpoint reports it."""
    response = sim_admin.get("/_sim/state")
    response.raise_for_status()
    state: dict[str, Any] = response.json()
    return state


def server_transactions(sim_admin: httpx.Client) -> list[dict[str, Any]]:
    transactions: list[dict[str, Any]] = sim_state(sim_admin)["transactions"]
    return transactions


def bookings(sim_admin: httpx.Client, transaction_ref: str | None = None) -> list[dict[str, Any]]:
    """The server's paid transactions (of one sale, given its transactionRef)."""
    return [
        t
        for t in server_transactions(sim_admin)
        if t["status"] == "ok" and (transaction_ref is None or t.get("transactionRef") == transaction_ref)
    ]


def card_cash_balance(sim_admin: httpx.Client, cardnumber: str) -> int:
    for card in sim_state(sim_admin)["cards"]:
        if card["card"]["cardnumber"] == cardnumber:
            return int(card["cash_balance"])
    raise KeyError(cardnumber)


def expire_tokens(sim_admin: httpx.Client) -> None:
    """Make the server reject every access token it has handed out (the till must log in again)."""
    sim_admin.post("/_sim/tokens/expire").raise_for_status()

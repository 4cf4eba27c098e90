"""The real API client and the checkout against a fake HTTP server whose answer to ``start/cash``
cannot be adopted: the checkout must end UNKNOWN, then settle by reading the transaction back,
never adopt another transaction nor send the booked sale back to the basket."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from pos_gui.api.errors import OutcomeUnknownError
from pos_gui.core.basket import Article
from pos_gui.services.checkout import CheckoutService, CheckoutState
from pos_gui.services.ledger import Ledger
from pos_gui.services.server_connection import ServerConnection
from tests.unit.api.fake_server import FakeServer, json_response, make_client

pytestmark = pytest.mark.asyncio

STX = "STX_KJXJDUN542NR3WMRHRVU5WWM6ZQEA2"
OTHER_STX = "STX_ANOTHERTRANSACTIONOFANOTHERTILL"
TRANSACTIONS = "/api/v2/Smart/Transactions"
BREZEL = Article("30040", "", "Brezel", 85, 7)


class BookingServer:
    """Holds one transaction: created by POST, booked by start/cash (whose answer is spoiled by
    ``spoil``), read by GET."""

    def __init__(self, spoil: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
        self.transaction: dict[str, Any] = {}
        self.spoil = spoil
        self.bookings = 0
        self.fake = (
            FakeServer()
            .tokens("token-1")
            .on("POST", TRANSACTIONS, self.create)
            .on("PUT", f"{TRANSACTIONS}/{STX}", self.update)
            .on("POST", f"{TRANSACTIONS}/{STX}/start/cash", self.start_cash)
            .on("GET", f"{TRANSACTIONS}/{STX}", lambda _request: json_response(200, self.transaction))
        )

    def create(self, request: httpx.Request) -> httpx.Response:
        self.transaction = {**json.loads(request.content), "object": "smart.transactions", "id": STX}
        self.transaction["status"] = "created"
        return json_response(200, self.transaction)

    def update(self, request: httpx.Request) -> httpx.Response:
        self.transaction.update(json.loads(request.content))
        return json_response(200, self.transaction)

    def start_cash(self, _request: httpx.Request) -> httpx.Response:
        self.bookings += 1
        self.transaction.update(status="ok", payment_method="cash", trans_id=29187333)
        return json_response(200, self.spoil(dict(self.transaction)))


def _another_transaction(answer: dict[str, Any]) -> dict[str, Any]:
    return {**answer, "id": OTHER_STX}


def _without_status(answer: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in answer.items() if key != "status"}


def _impossible_missing_sum(answer: dict[str, Any]) -> dict[str, Any]:
    return {**answer, "basket_info": {**answer["basket_info"], "missing_sum": -415}}


@pytest.mark.parametrize(
    "spoil",
    [_another_transaction, _without_status, _impossible_missing_sum],
    ids=["another transaction", "no status", "negative missing_sum"],
)
async def test_unusable_start_answer_ends_unknown_then_reads_back_paid(
    tmp_path: Path, spoil: Callable[[dict[str, Any]], dict[str, Any]]
) -> None:
    server = BookingServer(spoil)
    client, _ = make_client(server.fake)
    ledger = Ledger(tmp_path / "journal.sqlite3")

    async def no_wait(_seconds: float) -> None:
        return None

    checkout = CheckoutService(
        ServerConnection.of(client), ledger, device_id="SDV_TESTTILL", is_demo=True, sleep=no_wait
    )
    checkout.add_article(BREZEL, 2)

    with pytest.raises(OutcomeUnknownError):
        await checkout.pay_cash(500)

    assert checkout.state is CheckoutState.UNKNOWN

    assert await checkout.resolve_unknown(max_reads=3) is CheckoutState.PAID
    assert checkout.transaction is not None
    assert checkout.transaction.id == STX
    assert checkout.payment is not None
    assert checkout.payment.change == 330
    assert server.bookings == 1
    assert len(server.fake.sent("POST", f"{TRANSACTIONS}/{STX}/start/cash")) == 1
    await client.aclose()

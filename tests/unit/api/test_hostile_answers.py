"""Answers a server should never send: another transaction, no status, impossible amounts, bodies
too deep, too large or too slow. The client refuses them as invalid answers (for a payment action:
outcome unknown, so the checkout reads back) instead of adopting them or crashing."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest

from pos_gui.api.auth import Authenticator, ClientCredentials, request_token
from pos_gui.api.client import SecuconnectClient
from pos_gui.api.errors import (
    ApiTimeoutError,
    BadRequestError,
    InvalidResponseError,
    OutcomeUnknownError,
)
from pos_gui.api.models import BasketInfo, BasketProduct, SmartTransactionDraft, TransactionBasket
from pos_gui.api.transport import MAX_ANSWER_BYTES, build_http_client
from tests.unit.api.fake_server import CLIENT_ID, CLIENT_SECRET, FakeServer, json_response, make_client

pytestmark = pytest.mark.asyncio

STX = "STX_KJXJDUN542NR3WMRHRVU5WWM6ZQEA2"
OTHER_STX = "STX_ANOTHERTRANSACTIONOFANOTHERTILL"
TX_PATH = f"/api/v2/Smart/Transactions/{STX}"

Call = Callable[[SecuconnectClient], Awaitable[object]]

DRAFT = SmartTransactionDraft(
    basket=TransactionBasket(products=[BasketProduct(id=1, desc="Brezel", quantity=1, price_one=85, tax=7)]),
    basket_info=BasketInfo(sum=85),
)


def _transaction(transaction_id: str = STX, **fields: Any) -> dict[str, Any]:
    return {"object": "smart.transactions", "id": transaction_id, "basket_info": {"sum": 796}, **fields}


def _deeply_nested(depth: int = 100_000) -> bytes:
    return b'{"error": ' + b"[" * depth + b"]" * depth + b"}"


# -- another transaction, no status ---------------------------------------------------------------

# Requests about one transaction: (name, call, method, path).
ABOUT_ONE_TRANSACTION: list[tuple[str, Call, str, str]] = [
    ("get", lambda c: c.get_transaction(STX), "GET", TX_PATH),
    ("abort", lambda c: c.abort_transaction(STX), "POST", f"{TX_PATH}/abort"),
]

PAYMENT_ACTIONS: list[tuple[str, Call, str]] = [
    ("start/cash", lambda c: c.start_transaction(STX, "cash"), f"{TX_PATH}/start/cash"),
    ("start/loyalty", lambda c: c.start_transaction(STX, "loyalty"), f"{TX_PATH}/start/loyalty"),
    ("cancel", lambda c: c.cancel_transaction(STX), f"{TX_PATH}/cancel"),
]

WRONG_TRANSACTIONS = [
    _transaction(OTHER_STX, status="ok"),
    _transaction(),  # no status: it must not read as "created"
]


@pytest.mark.parametrize(("action", "call", "path"), PAYMENT_ACTIONS, ids=[a[0] for a in PAYMENT_ACTIONS])
@pytest.mark.parametrize("answer", WRONG_TRANSACTIONS, ids=["another id", "no status"])
async def test_payment_answer_about_another_transaction_or_without_status_is_outcome_unknown(
    action: str, call: Call, path: str, answer: dict[str, Any]
) -> None:
    server = FakeServer().tokens("token-1").on("POST", path, json_response(200, answer))
    client, _ = make_client(server)

    with pytest.raises(OutcomeUnknownError) as caught:
        await call(client)

    assert caught.value.transaction_id == STX
    assert caught.value.action == action
    assert len(server.sent("POST", path)) == 1  # never resent


@pytest.mark.parametrize(
    ("call", "method", "path"),
    [a[1:] for a in ABOUT_ONE_TRANSACTION],
    ids=[a[0] for a in ABOUT_ONE_TRANSACTION],
)
@pytest.mark.parametrize("answer", WRONG_TRANSACTIONS, ids=["another id", "no status"])
async def test_answer_about_another_transaction_or_without_status_is_invalid(
    call: Call, method: str, path: str, answer: dict[str, Any]
) -> None:
    server = FakeServer().tokens("token-1").on(method, path, json_response(200, answer))
    client, _ = make_client(server)

    with pytest.raises(InvalidResponseError, match=r"another transaction|no status"):
        await call(client)


@pytest.mark.parametrize("answer", WRONG_TRANSACTIONS, ids=["another id", "no status"])
async def test_update_answer_about_another_transaction_or_without_status_is_invalid(
    answer: dict[str, Any],
) -> None:
    server = FakeServer().tokens("token-1").on("PUT", TX_PATH, json_response(200, answer))
    client, _ = make_client(server)

    with pytest.raises(InvalidResponseError):
        await client.update_transaction(STX, DRAFT)


async def test_pre_transaction_answer_naming_another_transaction_is_invalid() -> None:
    answer = {"id": OTHER_STX, "missing_sum": 296, "bonus_products": []}
    server = (
        FakeServer().tokens("token-1").on("POST", f"{TX_PATH}/preTransaction", json_response(200, answer))
    )
    client, _ = make_client(server)

    with pytest.raises(InvalidResponseError, match="another transaction"):
        await client.pre_transaction(STX)


async def test_the_requested_transaction_with_its_status_is_adopted() -> None:
    server = (
        FakeServer()
        .tokens("token-1")
        .on("POST", f"{TX_PATH}/start/cash", json_response(200, _transaction(status="ok")))
        .on("GET", TX_PATH, json_response(200, _transaction(status="created")))
    )
    client, _ = make_client(server)

    assert (await client.start_transaction(STX, "cash")).is_paid
    assert (await client.get_transaction(STX)).status == "created"


# -- impossible amounts ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "basket_info",
    [{"sum": 796, "missing_sum": -204}, {"sum": 796, "missing_sum": 1796}, {"sum": 10**20}],
    ids=["negative missing_sum", "missing_sum above sum", "10^20"],
)
async def test_impossible_amounts_make_start_outcome_unknown_and_a_read_invalid(
    basket_info: dict[str, Any],
) -> None:
    answer = _transaction(status="ok", basket_info=basket_info)
    server = (
        FakeServer()
        .tokens("token-1")
        .on("POST", f"{TX_PATH}/start/cash", json_response(200, answer))
        .on("GET", TX_PATH, json_response(200, answer))
    )
    client, _ = make_client(server)

    with pytest.raises(OutcomeUnknownError, match="basket_info"):
        await client.start_transaction(STX, "cash")
    with pytest.raises(InvalidResponseError, match="basket_info"):
        await client.get_transaction(STX)


async def test_negative_missing_sum_from_pre_transaction_is_invalid() -> None:
    answer = {"missing_sum": -296, "bonus_products": []}
    server = (
        FakeServer().tokens("token-1").on("POST", f"{TX_PATH}/preTransaction", json_response(200, answer))
    )
    client, _ = make_client(server)

    with pytest.raises(InvalidResponseError, match="missing_sum"):
        await client.pre_transaction(STX)


# -- too deep, too large ----------------------------------------------------------------------------


async def test_deeply_nested_error_answer_is_a_plain_status_error() -> None:
    server = FakeServer().tokens("token-1").on("GET", TX_PATH, httpx.Response(400, content=_deeply_nested()))
    client, _ = make_client(server)

    with pytest.raises(BadRequestError) as caught:
        await client.get_transaction(STX)

    assert caught.value.status_code == 400
    assert caught.value.support_id is None


@pytest.mark.parametrize("status", [200, 400])
async def test_deeply_nested_token_answer_is_invalid(status: int) -> None:
    server = FakeServer().on("POST", "/oauth/token", httpx.Response(status, content=_deeply_nested()))
    http = build_http_client("https://connect-testing.secuconnect.com", transport=server.transport)

    with pytest.raises(InvalidResponseError):
        await request_token(http, {"grant_type": "client_credentials"})


async def test_huge_error_code_is_no_number() -> None:
    answer = json_response(400, {"error": "ProductFormatException", "code": "9" * 5000})
    server = FakeServer().tokens("token-1").on("GET", TX_PATH, answer)
    client, _ = make_client(server)

    with pytest.raises(BadRequestError) as caught:
        await client.get_transaction(STX)

    assert caught.value.code is None


async def test_error_texts_of_megabytes_are_cut() -> None:
    answer = json_response(
        400, {"error": "E" * 100_000, "error_user": "Bitte " * 100_000, "supportId": "1" * 100_000}
    )
    server = FakeServer().tokens("token-1").on("GET", TX_PATH, answer)
    client, _ = make_client(server)

    with pytest.raises(BadRequestError) as caught:
        await client.get_transaction(STX)

    error = caught.value
    assert error.error_user is not None
    assert error.error_user.startswith("Bitte Bitte")
    assert len(error.error_user) <= 500
    assert len(error.error) <= 500
    assert error.support_id is not None
    assert len(error.support_id) <= 100


def _endless_answer(chunks_sent: list[int]) -> httpx.Response:
    """A 200 whose body never ends (64 KiB chunks); ``chunks_sent`` counts what was produced."""

    async def body() -> AsyncIterator[bytes]:
        yield b'{"id": "' + STX.encode() + b'", "status": "ok", "padding": "'
        while True:
            chunks_sent.append(1)
            yield b"x" * 65536

    return httpx.Response(200, content=body())


async def test_answer_larger_than_the_limit_is_refused_after_reading_the_limit() -> None:
    chunks_sent: list[int] = []
    server = FakeServer().tokens("token-1").on("GET", TX_PATH, lambda _request: _endless_answer(chunks_sent))
    client, _ = make_client(server)

    with pytest.raises(InvalidResponseError, match="larger than 2 MB"):
        await client.get_transaction(STX)

    assert len(chunks_sent) * 65536 <= MAX_ANSWER_BYTES + 65536


async def test_too_large_answer_to_start_is_outcome_unknown() -> None:
    server = (
        FakeServer()
        .tokens("token-1")
        .on("POST", f"{TX_PATH}/start/cash", lambda _request: _endless_answer([]))
    )
    client, _ = make_client(server)

    with pytest.raises(OutcomeUnknownError, match="larger than 2 MB"):
        await client.start_transaction(STX, "cash")


async def test_answer_announcing_a_huge_length_is_refused_before_reading() -> None:
    huge = httpx.Response(200, headers={"Content-Length": str(50 * 1024 * 1024)}, content=b"{}")
    server = FakeServer().tokens("token-1").on("GET", TX_PATH, huge)
    client, _ = make_client(server)

    with pytest.raises(InvalidResponseError, match="larger than 2 MB"):
        await client.get_transaction(STX)


# -- too slow: a server that trickles its answer -----------------------------------------------------

TRICKLE_INTERVAL_S = 0.1
TRICKLE_BYTES = 40  # the server gives up after 4 s, so a test can never hang


async def _trickling_server(*, trickle_tokens: bool = False) -> tuple[asyncio.Server, str]:
    """A loopback HTTP server that answers token requests at once (unless ``trickle_tokens``) and
    every other request with headers, then one body byte per ``TRICKLE_INTERVAL_S``."""

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for header in head.split(b"\r\n"):
                    name, _, value = header.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value)
                await reader.readexactly(length)
                if b"/oauth/token" in head.split(b"\r\n")[0] and not trickle_tokens:
                    body = json.dumps({"access_token": "token-1", "expires_in": 1200}).encode()
                    writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body))
                    await writer.drain()
                    continue
                writer.write(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
                )
                for _ in range(TRICKLE_BYTES):
                    writer.write(b" ")
                    await writer.drain()
                    await asyncio.sleep(TRICKLE_INTERVAL_S)
                break
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    return server, f"http://127.0.0.1:{port}"


def _client_for(base_url: str, timeout: float) -> SecuconnectClient:
    http = build_http_client(base_url, timeout=timeout)
    return SecuconnectClient(http, Authenticator(http, ClientCredentials(CLIENT_ID, CLIENT_SECRET)))


@pytest.mark.parametrize(
    ("call", "error_class"),
    [
        (lambda c: c.get_transaction(STX), ApiTimeoutError),
        (lambda c: c.start_transaction(STX, "cash"), OutcomeUnknownError),
    ],
    ids=["get", "start/cash"],
)
async def test_a_trickling_answer_hits_the_overall_deadline(call: Call, error_class: type[Exception]) -> None:
    server, base_url = await _trickling_server()
    client = _client_for(base_url, timeout=0.5)  # each byte comes well within the read time-out
    try:
        started = time.monotonic()
        with pytest.raises(error_class):
            await call(client)
        elapsed = time.monotonic() - started
    finally:
        await client.aclose()
        server.close()
        await server.wait_closed()

    assert elapsed < 1.5


async def test_a_trickling_token_answer_hits_the_overall_deadline() -> None:
    server, base_url = await _trickling_server(trickle_tokens=True)
    http = build_http_client(base_url, timeout=0.5)
    try:
        started = time.monotonic()
        with pytest.raises(ApiTimeoutError):
            await request_token(http, {"grant_type": "client_credentials"})
        elapsed = time.monotonic() - started
    finally:
        await http.aclose()
        server.close()
        await server.wait_closed()

    assert elapsed < 1.5

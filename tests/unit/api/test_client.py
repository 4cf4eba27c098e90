"""SecuconnectClient against a fake server: paths, bodies, auth retry, error mapping, payments."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest

from pos_gui.api.client import SecuconnectClient
from pos_gui.api.errors import (
    ApiConnectionError,
    ApiStatusError,
    ApiTimeoutError,
    AuthenticationError,
    BadRequestError,
    InvalidResponseError,
    NotAllowedError,
    NotFoundError,
    OutcomeUnknownError,
    ServerError,
)
from pos_gui.api.models import (
    BasketInfo,
    BasketProduct,
    Ident,
    SmartTransaction,
    SmartTransactionDraft,
    TransactionBasket,
)
from tests.unit.api.fake_server import FakeServer, api_error, body_of, json_response, make_client

pytestmark = pytest.mark.asyncio

STX = "STX_KJXJDUN542NR3WMRHRVU5WWM6ZQEA2"
TX_PATH = f"/api/v2/Smart/Transactions/{STX}"
CARD = "9276000000000029"


def _transaction(status: str = "created", **extra: Any) -> dict[str, Any]:
    return {
        "object": "smart.transactions",
        "id": STX,
        "status": status,
        "basket_info": {"sum": 796, "currency": "EUR"},
        **extra,
    }


def _merchant_card(number: str = CARD, balance: int = 500) -> dict[str, Any]:
    return {
        "object": "loyalty.merchantcards",
        "id": "MCD_1",
        "card": {"object": "loyalty.cards", "id": "CRD_1", "cardnumber": number},
        "balance": balance,
        "cash_balance": balance,
        "bonus_balance": 0,
        "lock_status": "unlocked",
        "stock_status": "active",
    }


def _draft() -> SmartTransactionDraft:
    return SmartTransactionDraft(
        merchant_ref="KASSE1",
        transaction_ref="BON-1",
        is_demo=True,
        basket=TransactionBasket(
            products=[
                BasketProduct(
                    id=1, desc="Sandwich Romano", article_number="30037", quantity=1, price_one=349, tax=7
                ),
                BasketProduct(
                    id=2, desc="Fruit salad", article_number="30200", quantity=1, price_one=249, tax=7
                ),
                BasketProduct(id=3, desc="Water", article_number="51", quantity=2, price_one=99, tax=19),
            ]
        ),
        basket_info=BasketInfo(sum=796),
        idents=[Ident.card(CARD)],
    )


Call = Callable[[SecuconnectClient], Awaitable[object]]

# (description, call, method, path, expected JSON body (None: no body), answer)
ENDPOINTS: list[tuple[str, Call, str, str, Any, Any]] = [
    (
        "create",
        lambda c: c.create_transaction(_draft()),
        "POST",
        "/api/v2/Smart/Transactions",
        _draft().to_wire(),
        _transaction(),
    ),
    ("get", lambda c: c.get_transaction(STX), "GET", TX_PATH, None, _transaction()),
    (
        "update",
        lambda c: c.update_transaction(STX, _draft()),
        "PUT",
        TX_PATH,
        _draft().to_wire(),
        _transaction(),
    ),
    (
        "preTransaction",
        lambda c: c.pre_transaction(STX),
        "POST",
        f"{TX_PATH}/preTransaction",
        None,
        {"missing_sum": 296, "bonus_products": []},
    ),
    (
        "start/cash",
        lambda c: c.start_transaction(STX, "cash"),
        "POST",
        f"{TX_PATH}/start/cash",
        {},
        _transaction("ok"),
    ),
    (
        "start/loyalty",
        lambda c: c.start_transaction(STX, "loyalty"),
        "POST",
        f"{TX_PATH}/start/loyalty",
        {},
        _transaction("ok"),
    ),
    (
        "cancel",
        lambda c: c.cancel_transaction(STX),
        "POST",
        f"{TX_PATH}/cancel",
        None,
        _transaction("cancelled"),
    ),
    ("abort", lambda c: c.abort_transaction(STX), "POST", f"{TX_PATH}/abort", None, _transaction("aborted")),
    (
        "get card",
        lambda c: c.get_merchant_card("MCD_1"),
        "GET",
        "/api/v2/Loyalty/MerchantCards/MCD_1",
        None,
        _merchant_card(),
    ),
    (
        "validate card",
        lambda c: c.validate_merchant_card(CARD),
        "POST",
        "/api/v2/Loyalty/MerchantCards/me/validateMerchantcard",
        {"cardnumber": CARD},
        {"isValid": True, "hasPasscode": False, "isLocked": False},
    ),
]


@pytest.mark.parametrize(
    ("call", "method", "path", "body", "answer"),
    [entry[1:] for entry in ENDPOINTS],
    ids=[entry[0] for entry in ENDPOINTS],
)
async def test_endpoint_sends_method_path_body_and_bearer_token(
    call: Call, method: str, path: str, body: Any, answer: Any
) -> None:
    server = FakeServer().tokens("token-1").on(method, path, json_response(200, answer))
    client, _ = make_client(server)

    await call(client)

    (request,) = server.api_requests
    assert (request.method, request.url.path) == (method, path)
    assert body_of(request) == body
    assert request.headers["Authorization"] == "Bearer token-1"
    assert client.request_count == 1


async def test_results_are_parsed_into_models() -> None:
    server = (
        FakeServer()
        .tokens("token-1")
        .on(
            "POST",
            f"{TX_PATH}/preTransaction",
            json_response(200, {"missing_sum": 296, "bonus_products": []}),
        )
        .on("POST", f"{TX_PATH}/start/cash", json_response(200, _transaction("ok", trans_id=29187330)))
    )
    client, _ = make_client(server)

    applied = await client.pre_transaction(STX)
    paid = await client.start_transaction(STX, "cash")

    assert applied.missing_sum == 296
    assert isinstance(paid, SmartTransaction)
    assert paid.is_paid
    assert paid.trans_id == 29187330


async def test_list_transactions_sends_search_parameters() -> None:
    answer = {"count": 2, "data": [_transaction("ok"), _transaction("created")]}
    server = (
        FakeServer().tokens("token-1").on("GET", "/api/v2/Smart/Transactions", json_response(200, answer))
    )
    client, _ = make_client(server)

    found = await client.list_transactions(query="status:ok", count=10, offset=20, sort="created:desc")

    assert found.count == 2
    assert [t.status for t in found.data] == ["ok", "created"]
    params = server.api_requests[0].url.params
    assert dict(params) == {"q": "status:ok", "count": "10", "offset": "20", "sort": "created:desc"}


async def test_find_merchant_card_is_one_request_by_card_number() -> None:
    answer = {"count": 1, "data": [_merchant_card(balance=500)]}
    server = (
        FakeServer().tokens("token-1").on("GET", "/api/v2/Loyalty/MerchantCards", json_response(200, answer))
    )
    client, _ = make_client(server)

    card = await client.find_merchant_card(CARD)

    assert card is not None
    assert card.cardnumber == CARD
    assert card.balance == 500
    (request,) = server.api_requests
    assert request.url.params["q"] == f"card.cardnumber:{CARD}"
    assert client.request_count == 1


async def test_find_merchant_card_returns_none_for_an_unknown_number() -> None:
    server = (
        FakeServer()
        .tokens("token-1")
        .on("GET", "/api/v2/Loyalty/MerchantCards", json_response(200, {"count": 0, "data": []}))
    )
    client, _ = make_client(server)

    assert await client.find_merchant_card("9276999999999999") is None
    assert client.request_count == 1


@pytest.mark.parametrize("number", ["9276 0000 0000 0029", "9276*", "card.cardnumber:1 OR x", ""])
async def test_find_merchant_card_refuses_non_digits_without_a_request(number: str) -> None:
    server = FakeServer().tokens("token-1")
    client, _ = make_client(server)

    with pytest.raises(ValueError):
        await client.find_merchant_card(number)

    assert server.requests == []


async def test_ids_cannot_change_the_path() -> None:
    server = FakeServer().tokens("token-1")
    client, _ = make_client(server)

    with pytest.raises(NotFoundError):
        await client.get_transaction("../../Loyalty/MerchantCards")

    assert (
        server.api_requests[0].url.raw_path == b"/api/v2/Smart/Transactions/..%2F..%2FLoyalty%2FMerchantCards"
    )


@pytest.mark.parametrize(
    "rejection",
    [
        api_error(401, "ProductSecurityException", None),
        httpx.Response(401, text="Unauthorized"),
        api_error(403, "ProductNotAllowedException", 2003, details="Valid auth token required"),
    ],
    ids=["401", "401 without body", "403 code 2003"],
)
async def test_auth_rejection_reauthenticates_and_retries_once(rejection: httpx.Response) -> None:
    server = (
        FakeServer()
        .tokens("expired-token", "fresh-token")
        .on("GET", TX_PATH, rejection, json_response(200, _transaction()))
    )
    client, _ = make_client(server)

    transaction = await client.get_transaction(STX)

    assert transaction.id == STX
    assert [r.headers["Authorization"] for r in server.api_requests] == [
        "Bearer expired-token",
        "Bearer fresh-token",
    ]
    assert len(server.token_requests) == 2
    assert client.request_count == 2


async def test_start_is_retried_once_after_an_auth_rejection() -> None:
    server = (
        FakeServer()
        .tokens("expired-token", "fresh-token")
        .on(
            "POST",
            f"{TX_PATH}/start/cash",
            api_error(401, "ProductSecurityException", None),
            json_response(200, _transaction("ok")),
        )
    )
    client, _ = make_client(server)

    paid = await client.start_transaction(STX, "cash")

    assert paid.is_paid
    assert len(server.sent("POST", f"{TX_PATH}/start/cash")) == 2


async def test_second_auth_rejection_raises_authentication_error() -> None:
    rejection = api_error(403, "ProductNotAllowedException", 2003, user="Bitte neu anmelden")
    server = FakeServer().tokens("token-1", "token-2", "token-3").on("GET", TX_PATH, rejection)
    client, _ = make_client(server)

    with pytest.raises(AuthenticationError) as caught:
        await client.get_transaction(STX)

    assert caught.value.code == 2003
    assert caught.value.error_user == "Bitte neu anmelden"
    assert len(server.api_requests) == 2


@pytest.mark.parametrize(
    ("answer", "error_class", "status"),
    [
        (api_error(400, "ProductFormatException", 1001), BadRequestError, 400),
        (api_error(403, "ProductNotAllowedException", 1003), NotAllowedError, 403),
        (api_error(404, "ProductNotFoundException", None), NotFoundError, 404),
        (api_error(500, "ProductInternalException", None), ServerError, 500),
        (api_error(409, "ProductDuplicateException", None), ApiStatusError, 409),
    ],
)
async def test_status_errors_carry_the_server_payload(
    answer: httpx.Response, error_class: type[ApiStatusError], status: int
) -> None:
    server = FakeServer().tokens("token-1").on("GET", TX_PATH, answer)
    client, _ = make_client(server)

    with pytest.raises(error_class) as caught:
        await client.get_transaction(STX)

    error = caught.value
    assert type(error) is error_class
    assert error.status_code == status
    assert error.error == answer.json()["error"]
    assert error.error_details == answer.json()["error_details"]
    assert error.error_user == "Es ist ein Fehler aufgetreten"
    assert error.code == answer.json()["code"]
    assert error.support_id == "0123456789abcdef0123456789abcdef"
    assert len(server.api_requests) == 1  # a "no" is not retried


async def test_error_status_without_json_still_maps_by_status() -> None:
    server = (
        FakeServer()
        .tokens("token-1")
        .on("GET", TX_PATH, httpx.Response(502, text="<html>Bad Gateway</html>"))
    )
    client, _ = make_client(server)

    with pytest.raises(ServerError) as caught:
        await client.get_transaction(STX)

    assert caught.value.status_code == 502
    assert caught.value.support_id is None


@pytest.mark.parametrize(
    "answer",
    [
        httpx.Response(200, text="<html>captive portal</html>"),
        httpx.Response(200, text='{"id": "STX_1", "status": "ok"'),  # cut off
        json_response(200, {"status": "ok"}),  # no id
        json_response(200, [1, 2, 3]),
        json_response(200, {"id": STX, "basket_info": {"sum": "seven"}}),
    ],
    ids=["html", "cut", "no id", "list", "wrong type"],
)
async def test_unusable_success_body_raises_invalid_response(answer: httpx.Response) -> None:
    server = FakeServer().tokens("token-1").on("GET", TX_PATH, answer)
    client, _ = make_client(server)

    with pytest.raises(InvalidResponseError) as caught:
        await client.get_transaction(STX)

    assert caught.value.status_code == 200


@pytest.mark.parametrize(
    ("failure", "error_class"),
    [
        (httpx.ReadTimeout("slow"), ApiTimeoutError),
        (httpx.ConnectTimeout("slow connect"), ApiTimeoutError),
        (httpx.ConnectError("refused"), ApiConnectionError),
        (httpx.RemoteProtocolError("peer closed"), ApiConnectionError),
        (httpx.ReadError("reset"), ApiConnectionError),
    ],
)
async def test_transport_failures_map_to_connection_errors(
    failure: Exception, error_class: type[Exception]
) -> None:
    server = FakeServer().tokens("token-1").on("GET", TX_PATH, failure)
    client, _ = make_client(server)

    with pytest.raises(error_class):
        await client.get_transaction(STX)

    assert len(server.api_requests) == 1


PAYMENT_ACTIONS: list[tuple[str, Call, str]] = [
    ("start/cash", lambda c: c.start_transaction(STX, "cash"), f"{TX_PATH}/start/cash"),
    ("start/loyalty", lambda c: c.start_transaction(STX, "loyalty"), f"{TX_PATH}/start/loyalty"),
    ("cancel", lambda c: c.cancel_transaction(STX), f"{TX_PATH}/cancel"),
]


@pytest.mark.parametrize(("action", "call", "path"), PAYMENT_ACTIONS, ids=[a[0] for a in PAYMENT_ACTIONS])
@pytest.mark.parametrize(
    "failure",
    [
        httpx.ReadTimeout("no answer"),
        httpx.WriteTimeout("stuck while sending"),
        httpx.RemoteProtocolError("server disconnected without sending a response"),
        httpx.ReadError("connection reset"),
        api_error(500, "ProductInternalException", None),
        httpx.Response(503, text="Service Unavailable"),
        httpx.Response(200, text="<html>proxy</html>"),
        json_response(200, {"status": "ok"}),
    ],
    ids=["read timeout", "write timeout", "dropped", "reset", "500", "503 html", "html 200", "no id"],
)
async def test_payment_action_without_usable_answer_is_outcome_unknown_and_not_retried(
    action: str, call: Call, path: str, failure: httpx.Response | Exception
) -> None:
    server = FakeServer().tokens("token-1").on("POST", path, failure, json_response(200, _transaction("ok")))
    client, _ = make_client(server)

    with pytest.raises(OutcomeUnknownError) as caught:
        await call(client)

    assert caught.value.transaction_id == STX
    assert caught.value.action == action
    assert len(server.sent("POST", path)) == 1


@pytest.mark.parametrize(("action", "call", "path"), PAYMENT_ACTIONS, ids=[a[0] for a in PAYMENT_ACTIONS])
async def test_payment_action_refused_by_the_server_is_a_plain_status_error(
    action: str, call: Call, path: str
) -> None:
    server = (
        FakeServer().tokens("token-1").on("POST", path, api_error(403, "ProductNotAllowedException", 1003))
    )
    client, _ = make_client(server)

    with pytest.raises(NotAllowedError):
        await call(client)

    assert len(server.sent("POST", path)) == 1


async def test_payment_action_that_never_connected_is_a_connection_error() -> None:
    server = FakeServer().tokens("token-1").on("POST", f"{TX_PATH}/start/cash", httpx.ConnectError("refused"))
    client, _ = make_client(server)

    with pytest.raises(ApiConnectionError) as caught:
        await client.start_transaction(STX, "cash")

    assert not isinstance(caught.value, OutcomeUnknownError)


async def test_logs_method_path_status_and_support_id_but_no_secrets(
    caplog: pytest.LogCaptureFixture,
) -> None:
    server = (
        FakeServer()
        .tokens("token-secret-value")
        .on(
            "GET",
            "/api/v2/Loyalty/MerchantCards",
            json_response(200, {"count": 1, "data": [_merchant_card()]}),
        )
        .on("POST", f"{TX_PATH}/start/cash", json_response(200, _transaction("ok")))
        .on("GET", TX_PATH, api_error(404, "ProductNotFoundException", None))
    )
    client, _ = make_client(server)
    caplog.set_level(logging.DEBUG)

    await client.find_merchant_card(CARD)
    await client.start_transaction(STX, "cash")
    with pytest.raises(NotFoundError):
        await client.get_transaction(STX)

    api_lines = [r.getMessage() for r in caplog.records if r.name == "pos_gui.api"]
    assert any("GET /api/v2/Loyalty/MerchantCards -> 200" in line for line in api_lines)
    assert any(f"POST {TX_PATH}/start/cash -> 200" in line for line in api_lines)
    assert any("404" in line and "supportId=0123456789abcdef0123456789abcdef" in line for line in api_lines)
    everything = "\n".join(r.getMessage() for r in caplog.records)
    assert "token-secret-value" not in everything
    assert "s3cr3t-client-secret-value" not in everything
    assert CARD not in everything  # query strings stay out of the log


async def test_aclose_closes_the_http_client() -> None:
    server = FakeServer().tokens("token-1")
    client, _ = make_client(server)

    await client.aclose()

    assert client._http.is_closed

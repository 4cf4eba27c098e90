"""The fiskaly client's error mapping, token handling and revision bookkeeping, on httpx.MockTransport."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from pos_gui.fiscal.fiskaly import FiskalySigner
from pos_gui.fiscal.process_data import KassenbelegV1, ReceiptType
from pos_gui.fiscal.signer import TseRefusedError, TseUnavailableError, TxState

pytestmark = pytest.mark.asyncio

BASE = "https://tse.example/api/v2"
TX = "7d3c3c59-6f43-4a8b-9d0c-2f4cc8b1a001"
Answer = Callable[[httpx.Request], httpx.Response]


def tx_answer(state: str, revision: int, *, number: int = 17) -> dict[str, Any]:
    body: dict[str, Any] = {
        "_id": TX,
        "number": number,
        "state": state,
        "latest_revision": revision,
        "time_start": 1_780_000_000,
        "signature": {
            "value": "c2ln",
            "algorithm": "ecdsa-plain-SHA256",
            "counter": 40 + revision,
            "public_key": "cGs=",
        },
        "log": {"operation": "X", "timestamp": 1_780_000_005, "timestamp_format": "unixTime"},
        "tss_serial_number": "abc123",
        "client_serial_number": "KASSE-1",
        "schema": {"raw": {"process_type": "", "process_data": ""}},
    }
    if state != "ACTIVE":
        data = "Beleg^0.00_2.55_0.00_0.00_0.00^2.55:Bar"
        body["time_end"] = 1_780_000_005
        body["schema"]["raw"] = {
            "process_type": "Kassenbeleg-V1",
            "process_data": base64.b64encode(data.encode()).decode(),
        }
        body["qr_code_data"] = "V0;..."
    return body


class FakeFiskaly:
    """Answers /auth itself; every other request gets the next scripted answer (and is recorded)."""

    def __init__(self, *answers: Answer) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []
        self.tokens_issued = 0

    def handle(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/auth"):
            self.tokens_issued += 1
            return httpx.Response(
                200, json={"access_token": f"token-{self.tokens_issued}", "access_token_expires_in": 3600}
            )
        self.requests.append(request)
        return self.answers.pop(0)(request)

    def signer(self, clock: Callable[[], float] = lambda: 0.0) -> FiskalySigner:
        http = httpx.AsyncClient(base_url=BASE, transport=httpx.MockTransport(self.handle))
        return FiskalySigner(
            http, api_key="key", api_secret="secret", tss_id="tss-1", client_id="client-1", clock=clock
        )


def ok(body: dict[str, Any]) -> Answer:
    return lambda request: httpx.Response(200, json=body)


def status(code: int, body: Any = None) -> Answer:
    return lambda request: httpx.Response(code, json=body)


def raises(error: type[httpx.RequestError]) -> Answer:
    def answer(request: httpx.Request) -> httpx.Response:
        raise error("simulated", request=request)

    return answer


def sale() -> KassenbelegV1:
    return KassenbelegV1.of_rates(ReceiptType.BELEG, {7: 255}, cash=255)


@pytest.mark.parametrize(
    "answer",
    [
        raises(httpx.ConnectError),
        raises(httpx.ReadTimeout),
        raises(httpx.RemoteProtocolError),
        status(500, {"message": "boom"}),
        status(503),
        lambda request: httpx.Response(200, content=b"{not json"),
        status(200, {"number": "not a tx"}),
    ],
    ids=["refused connection", "time-out", "dropped", "500", "503", "not json", "not a tx"],
)
async def test_no_usable_answer_is_unavailable(answer: Answer) -> None:
    signer = FakeFiskaly(answer).signer()

    with pytest.raises(TseUnavailableError):
        await signer.start(TX)


async def test_a_4xx_is_refused_with_the_servers_code_and_message() -> None:
    error = {
        "status_code": 409,
        "error": "Conflict",
        "code": "E_TX_REVISION_CONFLICT",
        "message": "tx_revision 3 ...",
    }
    signer = FakeFiskaly(status(409, error)).signer()

    with pytest.raises(TseRefusedError) as refused:
        await signer.start(TX)

    assert (refused.value.status, refused.value.code, refused.value.message) == (
        409,
        "E_TX_REVISION_CONFLICT",
        "tx_revision 3 ...",
    )


async def test_wrong_credentials_are_refused() -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            401, json={"status_code": 401, "error": "Unauthorized", "code": "E_UNAUTHORIZED", "message": "no"}
        )

    http = httpx.AsyncClient(base_url=BASE, transport=httpx.MockTransport(handle))
    signer = FiskalySigner(http, api_key="key", api_secret="wrong", tss_id="t", client_id="c")

    with pytest.raises(TseRefusedError, match="E_UNAUTHORIZED"):
        await signer.start(TX)


async def test_one_401_gets_a_new_token_and_one_more_try() -> None:
    fake = FakeFiskaly(status(401, {"code": "E_UNAUTHORIZED"}), ok(tx_answer("ACTIVE", 1)))
    signer = fake.signer()

    started = await signer.start(TX)

    assert started.number == 17
    assert [request.headers["Authorization"] for request in fake.requests] == [
        "Bearer token-1",
        "Bearer token-2",
    ]


async def test_a_second_401_in_a_row_is_refused() -> None:
    fake = FakeFiskaly(status(401, {"code": "E_UNAUTHORIZED"}), status(401, {"code": "E_UNAUTHORIZED"}))

    with pytest.raises(TseRefusedError):
        await fake.signer().start(TX)
    assert fake.tokens_issued == 2


async def test_the_token_is_renewed_a_minute_before_it_expires() -> None:
    now = [0.0]
    fake = FakeFiskaly(ok(tx_answer("ACTIVE", 1)), ok(tx_answer("ACTIVE", 1)), ok(tx_answer("ACTIVE", 1)))
    signer = fake.signer(clock=lambda: now[0])

    await signer.start(TX)
    now[0] = 3600 - 61
    await signer.start(TX)
    now[0] = 3600 - 60
    await signer.start(TX)

    assert [request.headers["Authorization"] for request in fake.requests] == [
        "Bearer token-1",
        "Bearer token-1",
        "Bearer token-2",
    ]


async def test_a_lost_answer_is_retried_with_the_same_revision_and_body() -> None:
    fake = FakeFiskaly(ok(tx_answer("ACTIVE", 1)), raises(httpx.ReadTimeout), ok(tx_answer("FINISHED", 2)))
    signer = fake.signer()
    await signer.start(TX)

    with pytest.raises(TseUnavailableError):
        await signer.finish(TX, sale())
    finished = await signer.finish(TX, sale())

    lost, retry = fake.requests[1], fake.requests[2]
    assert lost.url.params["tx_revision"] == retry.url.params["tx_revision"] == "2"
    assert lost.content == retry.content
    assert json.loads(retry.content)["state"] == "FINISHED"
    assert (finished.state, finished.number, finished.process_data) == (
        TxState.FINISHED,
        17,
        "Beleg^0.00_2.55_0.00_0.00_0.00^2.55:Bar",
    )


async def test_after_a_restart_finish_reads_the_revision_first() -> None:
    fake = FakeFiskaly(ok(tx_answer("ACTIVE", 3)), ok(tx_answer("FINISHED", 4)))

    finished = await fake.signer().finish(TX, sale())

    read, finish = fake.requests
    assert (read.method, read.url.path) == ("GET", f"/api/v2/tss/tss-1/tx/{TX}")
    assert (finish.method, finish.url.params["tx_revision"]) == ("PUT", "4")
    assert finished.signature.counter == 44


async def test_cancel_sends_state_cancelled_with_an_abort_receipt() -> None:
    fake = FakeFiskaly(ok(tx_answer("ACTIVE", 1)), ok(tx_answer("CANCELLED", 2)))
    signer = fake.signer()
    await signer.start(TX)

    cancelled = await signer.cancel(TX)

    body = json.loads(fake.requests[1].content)
    assert body["state"] == "CANCELLED"
    assert body["schema"]["standard_v1"]["receipt"]["receipt_type"] == "CANCELLATION"
    assert cancelled.state is TxState.CANCELLED

"""The fiskaly client against the simulated fiskaly SIGN DE v2 on loopback: real signatures,
gapless numbers and counters, revisions, a lost answer, cancel, recovery, export, tokens."""

from __future__ import annotations

import io
import json
import tarfile

import httpx
import pytest
from cryptography.exceptions import InvalidSignature

from pos_gui.fiscal.fiskaly import FiskalySigner
from pos_gui.fiscal.process_data import KassenbelegV1, ReceiptType
from pos_gui.fiscal.qr import qr_code_payload
from pos_gui.fiscal.signer import TseRefusedError, TseUnavailableError, TxState, new_tx_id
from pos_sim.fiskaly.state import (
    DEMO_ADMIN_PIN,
    DEMO_API_KEY,
    DEMO_API_SECRET,
    DEMO_CLIENT_SERIAL,
    DEMO_TSS_ID,
)
from tests.integration.fiscal.conftest import AnswerLog, arm, signer_on, signing_data, verify_signature

pytestmark = pytest.mark.asyncio


def sale(cents: int = 255) -> KassenbelegV1:
    return KassenbelegV1.of_rates(ReceiptType.BELEG, {7: cents}, cash=cents)


async def test_a_sale_is_signed_and_every_answer_verifies_with_the_public_key(
    fiskaly_http: httpx.AsyncClient,
    answer_log: AnswerLog,
) -> None:
    signer = signer_on(fiskaly_http)
    tx_id = new_tx_id()

    started = await signer.start(tx_id)
    finished = await signer.finish(tx_id, sale())

    assert finished.number == started.number
    assert finished.signature.counter == started.signature_counter + 1
    assert finished.process_type == "Kassenbeleg-V1"
    assert finished.process_data == "Beleg^0.00_2.55_0.00_0.00_0.00^2.55:Bar"
    assert finished.client_serial_number == DEMO_CLIENT_SERIAL
    assert finished.time_start <= finished.time_end
    start_answer, finish_answer = answer_log.transactions
    assert [start_answer["log"]["operation"], finish_answer["log"]["operation"]] == [
        "START_TRANSACTION",
        "FINISH_TRANSACTION",
    ]
    for answer in (start_answer, finish_answer):
        verify_signature(
            answer["signature"]["value"], answer["signature"]["public_key"], signing_data(answer)
        )
    tampered = signing_data(finish_answer).replace(b"2.55", b"2.56")
    with pytest.raises(InvalidSignature):  # the check is real: another amount does not verify
        verify_signature(finished.signature.value, finished.signature.public_key, tampered)


async def test_the_qr_payload_the_till_builds_equals_the_tses(fiskaly_http: httpx.AsyncClient) -> None:
    signer = signer_on(fiskaly_http)
    tx_id = new_tx_id()
    await signer.start(tx_id)

    finished = await signer.finish(
        tx_id, KassenbelegV1.of_rates(ReceiptType.BELEG, {19: 119, 7: 107}, non_cash=226)
    )

    assert finished.qr_code_data == qr_code_payload(
        client_serial_number=finished.client_serial_number,
        process_type=finished.process_type,
        process_data=finished.process_data,
        number=finished.number,
        signature_counter=finished.signature.counter,
        time_start=finished.time_start,
        time_end=finished.time_end,
        algorithm=finished.signature.algorithm,
        timestamp_format=finished.timestamp_format,
        signature=finished.signature.value,
        public_key=finished.signature.public_key,
    )
    assert ";Beleg^1.19_1.07_0.00_0.00_0.00^2.26:Unbar;" in finished.qr_code_data


async def test_numbers_and_signature_counters_are_gapless_over_50_transactions(
    fiskaly_http: httpx.AsyncClient,
    answer_log: AnswerLog,
) -> None:
    signer = signer_on(fiskaly_http)

    for cents in range(1, 51):
        tx_id = new_tx_id()
        await signer.start(tx_id)
        await signer.finish(tx_id, sale(cents))

    numbers = [answer["number"] for answer in answer_log.transactions[::2]]
    counters = [answer["signature"]["counter"] for answer in answer_log.transactions]
    assert numbers == list(range(numbers[0], numbers[0] + 50))
    assert counters == list(range(counters[0], counters[0] + 100))


async def test_an_abandoned_basket_is_cancelled_as_avbelegabbruch(
    fiskaly_http: httpx.AsyncClient, answer_log: AnswerLog
) -> None:
    signer = signer_on(fiskaly_http)
    tx_id = new_tx_id()
    await signer.start(tx_id)

    cancelled = await signer.cancel(tx_id, KassenbelegV1.abort({19: 500}))

    assert cancelled.state is TxState.CANCELLED
    assert cancelled.process_data == "AVBelegabbruch^5.00_0.00_0.00_0.00_0.00^"
    answer = answer_log.transactions[-1]
    verify_signature(answer["signature"]["value"], answer["signature"]["public_key"], signing_data(answer))
    with pytest.raises(TseRefusedError) as refused:
        await signer.finish(tx_id, sale())
    assert refused.value.code == "E_TX_ALREADY_FINISHED"


async def test_a_wrong_revision_is_refused_with_fiskalys_error_shape(fiskaly_http: httpx.AsyncClient) -> None:
    signer, other_till_process = signer_on(fiskaly_http), signer_on(fiskaly_http)
    tx_id = new_tx_id()
    await signer.start(tx_id)
    await other_till_process.read(tx_id)  # learns revision 1
    await signer.update(tx_id, sale())  # now at revision 2

    with pytest.raises(TseRefusedError) as refused:
        await other_till_process.finish(tx_id, sale())  # sends revision 2 again, with another body

    assert (refused.value.status, refused.value.code) == (409, "E_TX_REVISION_CONFLICT")
    token = (
        await fiskaly_http.post("/auth", json={"api_key": DEMO_API_KEY, "api_secret": DEMO_API_SECRET})
    ).json()
    raw = await fiskaly_http.put(
        f"/tss/{DEMO_TSS_ID}/tx/{tx_id}",
        params={"tx_revision": 7},
        json={"state": "FINISHED", "client_id": signer.client_id},
        headers={"Authorization": f"Bearer {token['access_token']}"},
    )
    assert raw.status_code == 409
    assert set(raw.json()) == {"status_code", "error", "code", "message"}
    assert raw.json()["error"] == "Conflict"


async def test_a_lost_finish_answer_then_the_same_call_gives_the_same_transaction(
    fiskaly_http: httpx.AsyncClient, admin: httpx.AsyncClient
) -> None:
    signer = signer_on(fiskaly_http)
    tx_id = new_tx_id()
    started = await signer.start(tx_id)
    await arm(admin, "drop_after")

    with pytest.raises(TseUnavailableError):
        await signer.finish(tx_id, sale())  # the TSE signed it; the answer never came
    finished = await signer.finish(tx_id, sale())
    recovered = await signer_on(fiskaly_http).read(tx_id)  # e.g. after a crash
    next_tx = new_tx_id()
    next_started = await signer.start(next_tx)

    assert finished.number == started.number
    assert finished.signature.counter == started.signature_counter + 1  # signed once, not twice
    assert recovered.state is TxState.FINISHED
    assert recovered.finished == finished
    assert next_started.number == started.number + 1
    assert next_started.signature_counter == finished.signature.counter + 1


async def test_a_lost_start_answer_then_the_same_call_takes_no_second_number(
    fiskaly_http: httpx.AsyncClient, admin: httpx.AsyncClient
) -> None:
    signer = signer_on(fiskaly_http)
    before = await signer.start(new_tx_id())
    tx_id = new_tx_id()
    await arm(admin, "drop_after")

    with pytest.raises(TseUnavailableError):
        await signer.start(tx_id)
    started = await signer.start(tx_id)

    assert started.number == before.number + 1
    assert (await signer.start(new_tx_id())).number == before.number + 2


async def test_a_tse_that_answers_503_is_unavailable(
    fiskaly_http: httpx.AsyncClient, admin: httpx.AsyncClient
) -> None:
    signer = signer_on(fiskaly_http)
    await arm(admin, "status", status=503)

    with pytest.raises(TseUnavailableError):
        await signer.start(new_tx_id())


async def test_an_expired_token_is_renewed_once(
    fiskaly_http: httpx.AsyncClient, admin: httpx.AsyncClient
) -> None:
    signer = signer_on(fiskaly_http)
    await signer.start(new_tx_id())
    assert (await admin.post("/_sim/fiskaly/tokens/expire")).json()["expired"] >= 1

    started = await signer.start(new_tx_id())

    assert started.revision == 1


async def test_registering_the_till_needs_the_admin_pin(fiskaly_http: httpx.AsyncClient) -> None:
    new_till = FiskalySigner(
        fiskaly_http,
        api_key=DEMO_API_KEY,
        api_secret=DEMO_API_SECRET,
        tss_id=DEMO_TSS_ID,
        client_id=new_tx_id(),
    )
    with pytest.raises(TseRefusedError):
        await new_till.start(new_tx_id())  # not registered yet
    with pytest.raises(TseRefusedError, match="E_ADMIN_PIN_INVALID"):
        await new_till.register_client("KASSE-2", admin_pin="00000")

    assert await new_till.register_client("KASSE-2", admin_pin=DEMO_ADMIN_PIN) == "KASSE-2"
    tx_id = new_tx_id()
    await new_till.start(tx_id)
    assert (await new_till.finish(tx_id, sale())).client_serial_number == "KASSE-2"


async def test_the_export_is_a_tar_of_verifiable_log_messages(fiskaly_http: httpx.AsyncClient) -> None:
    signer = signer_on(fiskaly_http)
    tx_id = new_tx_id()
    await signer.start(tx_id)
    finished = await signer.finish(tx_id, sale(349))

    tar_bytes = await signer.export_tar(new_tx_id(), poll_seconds=0.01)

    with tarfile.open(fileobj=io.BytesIO(tar_bytes)) as archive:
        info = json.load(archive.extractfile("info.json"))  # type: ignore[arg-type]
        ours = [
            json.load(archive.extractfile(member))  # type: ignore[arg-type]
            for member in archive.getmembers()
            if f"_Log-Tra_No-{finished.number}_" in member.name
        ]
    assert info["public_key"] == finished.signature.public_key
    assert [message["operation"] for message in ours] == ["START_TRANSACTION", "FINISH_TRANSACTION"]
    assert ours[1]["process_data"] == "Beleg^0.00_3.49_0.00_0.00_0.00^3.49:Bar"
    for message in ours:
        verify_signature(message["signature"], info["public_key"], message["signing_data"].encode("utf-8"))

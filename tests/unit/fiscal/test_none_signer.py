"""The demo-only "no TSE" signer: numbers and counts like a TSE, but says plainly it is none."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pos_gui.fiscal.none import NO_TSE_SERIAL, NoTseSigner
from pos_gui.fiscal.process_data import KassenbelegV1, ReceiptType
from pos_gui.fiscal.signer import TseRefusedError, TxState

pytestmark = pytest.mark.asyncio

NOON = datetime(2026, 3, 2, 12, 0, 0, tzinfo=UTC)


def sale(cents: int) -> KassenbelegV1:
    return KassenbelegV1.of_rates(ReceiptType.BELEG, {7: cents}, cash=cents)


async def test_it_is_not_certified_and_its_result_says_so() -> None:
    signer = NoTseSigner("KASSE-1", now=lambda: NOON)

    await signer.start("tx-1")
    finished = await signer.finish("tx-1", sale(255))

    assert signer.is_certified is False
    assert finished.tss_serial_number == NO_TSE_SERIAL == "KEINE TSE (Demo)"
    assert finished.signature.value == ""
    assert finished.process_data == "Beleg^0.00_2.55_0.00_0.00_0.00^2.55:Bar"
    assert finished.qr_code_data == (
        "V0;KASSE-1;Kassenbeleg-V1;Beleg^0.00_2.55_0.00_0.00_0.00^2.55:Bar;1;2;"
        "2026-03-02T12:00:00.000Z;2026-03-02T12:00:00.000Z;none;unixTime;;"
    )


async def test_numbers_and_counters_go_up_without_gaps_and_a_repeated_start_takes_none() -> None:
    signer = NoTseSigner("KASSE-1")

    first = await signer.start("a")
    again = await signer.start("a")
    await signer.finish("a", sale(100))
    second = await signer.start("b")
    cancelled = await signer.cancel("b")

    assert (first.number, again.number, second.number) == (1, 1, 2)
    assert (first.signature_counter, second.signature_counter, cancelled.signature.counter) == (1, 3, 4)
    assert cancelled.state is TxState.CANCELLED
    assert cancelled.process_data == "AVBelegabbruch^0.00_0.00_0.00_0.00_0.00^"


async def test_read_finds_open_and_closed_transactions() -> None:
    signer = NoTseSigner("KASSE-1")
    await signer.start("open")
    await signer.start("closed")
    finished = await signer.finish("closed", sale(100))

    open_record = await signer.read("open")
    closed_record = await signer.read("closed")

    assert (open_record.state, open_record.finished) == (TxState.ACTIVE, None)
    assert (closed_record.state, closed_record.finished) == (TxState.FINISHED, finished)


async def test_a_closed_transaction_takes_no_other_close() -> None:
    signer = NoTseSigner("KASSE-1")
    await signer.start("a")
    first = await signer.finish("a", sale(100))

    assert await signer.finish("a", sale(100)) == first
    with pytest.raises(TseRefusedError):
        await signer.finish("a", sale(999))
    with pytest.raises(TseRefusedError):
        await signer.finish("never-started", sale(100))


async def test_an_abort_with_a_payment_is_refused() -> None:
    signer = NoTseSigner("KASSE-1")
    await signer.start("a")

    with pytest.raises(ValueError, match="without payments"):
        await signer.cancel("a", KassenbelegV1(ReceiptType.AV_BELEGABBRUCH, cash=100))

"""A Storno's TSE transaction in the DSFinV-K export, as the tax auditor reads transactions_tse.csv.

A till on the simulator (its fiskaly TSE, the till's own Storno signing and reconciliation) sells,
reverses the sale, closes the day with a Z and exports it. A Storno signed on time shows the
TSE's transaction like a signed sale; a Storno signed during an outage and not retried says in
TSE_TA_FEHLER that the TSE failed, and when; the same Storno after the reconciliation (which
runs after the Z here) shows its late signature. A sale of an outage signed after the Z, the
same. The checker accepts every one of these ZIPs.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime
from pathlib import Path

import httpx
import pytest

from pos_gui.config.settings import Settings
from pos_gui.fiscal.signer import TseFinished
from pos_gui.persistence.day_events import LedgerEvent
from pos_gui.services.closing import Closing
from pos_gui.services.dsfinvk_export import plan_export, signed_client_serial, write_export
from pos_gui.services.till_registration import TillRegistration, till_master_data
from tests.integration.fiscal.conftest import admin, answer_log, arm, fiskaly_http
from tests.integration.fiscal.test_storno_retry import Till, a_paid_sale, storno_during_an_outage, till

pytestmark = pytest.mark.asyncio

# Fixtures of the fiscal tests, used here as they are (pytest finds them in this module's names).
__all__ = ["admin", "answer_log", "fiskaly_http", "till"]

WHOLE_RANGE = (date(2000, 1, 1), date(2100, 12, 31))
OUTAGE = {"fault": "status", "status": 503, "count": 10}


def _z_close(one: Till) -> int:
    """The day closed (nothing counted: a DifferenzSollIst receipt too); the Z event's seq."""
    return Closing(one.ledger, one.session).z_close({}).seq


def _export(one: Till, out: Path) -> dict[str, dict[str, str]]:
    """The ledger's export, checked; its transactions_tse.csv rows by BON_ID."""
    settings_till = till_master_data(
        Settings(), TillRegistration(), signed_serial=signed_client_serial(one.path)
    )
    result = write_export(plan_export(one.path, settings_till, *WHOLE_RANGE), out)
    assert result.findings == []
    with zipfile.ZipFile(out) as archive:
        text = archive.read("transactions_tse.csv").decode("utf-8")
    return {row["BON_ID"]: row for row in _rows(text)}


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))


def _storno_answer(one: Till, booked: LedgerEvent) -> LedgerEvent:
    """The Storno's one ``storno_tse_finished`` event."""
    [finished] = [
        e
        for e in one.ledger.all_events(after_seq=booked.seq)
        if e.subject_id == booked.subject_id and e.kind == "storno_tse_finished"
    ]
    return finished


def _answer(finished: LedgerEvent) -> TseFinished:
    return TseFinished.from_json(finished.payload["tse_result"])


def _assert_signed_row(row: dict[str, str], answer: TseFinished) -> None:
    assert row["TSE_ID"] == "1"  # in tse.csv (the checker made sure)
    assert row["TSE_TANR"] == str(answer.number)
    assert row["TSE_TA_START"] == str(int(answer.time_start.timestamp()))  # the TSE's unixTime
    assert row["TSE_TA_ENDE"] == str(int(answer.time_end.timestamp()))
    assert row["TSE_TA_VORGANGSART"] == "Kassenbeleg-V1"
    assert row["TSE_TA_SIGZ"] == str(answer.signature.counter)
    assert row["TSE_TA_SIG"] == answer.signature.value
    assert row["TSE_TA_FEHLER"] == ""
    # The processData exactly as signed: the Storno's amounts, negated.
    assert row["TSE_VORGANGSDATEN"] == answer.process_data
    assert row["TSE_VORGANGSDATEN"].startswith("Beleg^-2.20_-6.98_")


async def test_a_storno_signed_on_time_shows_its_tse_transaction_like_a_sale(
    till: list[Till], tmp_path: Path
) -> None:
    one = till[0]
    one.attach()
    sale_id = await a_paid_sale(one)
    result = await one.storno.storno(sale_id, "Kunde")
    _z_close(one)

    rows = _export(one, tmp_path / "on-time.zip")

    storno_row = rows[str(result.event.payload["receipt_number"])]
    _assert_signed_row(storno_row, _answer(_storno_answer(one, result.event)))
    sale_row = next(row for bon, row in rows.items() if row is not storno_row and row["TSE_TA_SIG"])
    assert int(sale_row["TSE_TANR"]) < int(
        storno_row["TSE_TANR"]
    )  # the sale's transaction, then the Storno's


async def test_a_storno_of_an_outage_says_so_until_the_reconciliation_signs_it_late(
    till: list[Till], admin: httpx.AsyncClient, tmp_path: Path
) -> None:
    one = till[0]
    one.attach()
    booked = await storno_during_an_outage(one, admin, OUTAGE)
    [failed] = [e for e in one.ledger.all_events(after_seq=booked.seq) if e.kind == "storno_tse_failed"]
    z_seq = _z_close(one)

    before = _export(one, tmp_path / "outage.zip")[str(booked.payload["receipt_number"])]

    failed_at = datetime.fromisoformat(failed.payload["tse_failed_at"]).isoformat()
    assert before["TSE_TA_FEHLER"].startswith(f"TSE ausgefallen (finish, {failed_at}): ")
    assert [before[c] for c in ("TSE_TANR", "TSE_TA_START", "TSE_TA_SIGZ", "TSE_TA_SIG")] == ["", "", "", ""]

    # The TSE answers again after the Z: the reconciliation signs the Storno with its planned tx id.
    assert await one.fiscal.reconcile() == 1
    after = _export(one, tmp_path / "signed-late.zip")[str(booked.payload["receipt_number"])]

    finished = _storno_answer(one, booked)
    assert finished.payload["tse_signed_late_at"]
    assert finished.seq > z_seq  # signed after the Z: the export reads past its closing for it
    _assert_signed_row(after, _answer(finished))


async def test_a_sale_of_an_outage_signed_after_the_z_is_exported_signed(
    till: list[Till], admin: httpx.AsyncClient, tmp_path: Path
) -> None:
    one = till[0]
    one.attach()
    await arm(admin, **OUTAGE)
    try:
        sale_id = await a_paid_sale(one)
    finally:
        (await admin.delete("/_sim/faults")).raise_for_status()
    sale = one.ledger.sale(sale_id)
    assert sale is not None
    number = str(sale.sale_number)
    z_seq = _z_close(one)
    assert _export(one, tmp_path / "outage.zip")[number]["TSE_TA_FEHLER"].startswith("TSE ausgefallen (")

    assert await one.fiscal.reconcile() == 1

    [finished] = [e for e in one.ledger.all_events(after_seq=z_seq) if e.kind == "tse_finished"]
    row = _export(one, tmp_path / "signed-late.zip")[number]
    assert row["TSE_TA_SIG"] == finished.payload["tse_result"]["signature"]["value"]
    assert row["TSE_TA_FEHLER"] == ""

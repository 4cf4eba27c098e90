"""A demo day on the simulator, then its DSFinV-K export: the checker accepts it, it ties out to the Z.

One day of 400 sales (with Storno, cash movements, training, given-up baskets, an X report and
the Z closing) is run once for the module, in this process, so the simulator's TSE that signed
the day also serves the TAR export. The ZIP is read back here with the csv module, on its own.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import sqlite3
import tarfile
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from pos_gui.app.connection import embedded_demo_connection
from pos_gui.app.demo_day import run_day
from pos_gui.app.export_command import export_command, fetch_demo_tar
from pos_gui.config.settings import Settings
from pos_gui.core.money import format_eur
from pos_gui.export.checker import check_export
from pos_gui.export.model import ExportInput, ZClosing
from pos_gui.services.dsfinvk_closing import UNSIGNED_MOVEMENT
from pos_gui.services.dsfinvk_export import plan_export, signed_client_serial, write_export
from pos_gui.services.till_registration import TillRegistration, till_master_data

WHOLE_RANGE = (date(2000, 1, 1), date(2100, 12, 31))


class Day:
    def __init__(self, folder: Path, z_rows: list[tuple[str, str]], tar: tuple[str, bytes]) -> None:
        self.folder = folder
        self.ledger = folder / "journal-demo.sqlite3"
        self.z_rows = dict(z_rows)
        self.tar = tar


@pytest.fixture(scope="module")
def day(tmp_path_factory: pytest.TempPathFactory) -> Day:
    folder = tmp_path_factory.mktemp("demo-day")
    connection = embedded_demo_connection()
    connection.start()
    try:
        rows = asyncio.run(run_day(connection, folder, sales=400, seed=7))
        assert connection.tse is not None
        tar = asyncio.run(fetch_demo_tar(connection.tse))
    finally:
        connection.stop()
    return Day(folder, rows, tar)


def _plan(day: Day, tars: tuple[tuple[str, bytes], ...] = ()) -> Any:
    till = till_master_data(Settings(), TillRegistration(), signed_serial=signed_client_serial(day.ledger))
    return plan_export(day.ledger, till, *WHOLE_RANGE, tse_exports=tars)


def _table(archive: zipfile.ZipFile, name: str) -> list[dict[str, str]]:
    text = archive.read(name).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))


def _euros(text: str) -> Decimal:
    return Decimal(text.replace(",", ".")) if text else Decimal(0)


def _cents(euros: Decimal) -> int:
    return int(euros * 100)


@pytest.fixture(scope="module")
def exported(day: Day, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export") / "dsfinvk.zip"
    result = write_export(_plan(day, (day.tar,)), out)
    assert result.findings == []
    return out


def test_the_day_has_the_events_the_issue_asks_for(day: Day) -> None:
    with sqlite3.connect(day.ledger) as db:
        kinds = dict(db.execute("SELECT kind, COUNT(*) FROM events GROUP BY kind").fetchall())
    assert sum(kinds.values()) >= 500
    assert kinds["storno_booked"] >= 1
    assert kinds["cash_moved"] >= 2
    assert kinds["x_report_taken"] == 1
    assert kinds["z_closing"] == 1


def test_the_export_command_writes_a_zip_the_checker_accepts(
    day: Day, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "auditor.zip"
    code = export_command(
        [
            "dsfinvk",
            "--basedir",
            str(day.folder),
            "--from",
            "2000-01-01",
            "--to",
            "2100-12-31",
            "--out",
            str(out),
        ]
    )
    printed = capsys.readouterr().out
    assert code == 0, printed
    assert "Prüfung bestanden." in printed
    assert check_export(out) == []
    with zipfile.ZipFile(out) as archive:
        assert any(name.startswith("tse-export-") and name.endswith(".tar") for name in archive.namelist())


def test_a_range_without_a_closing_exports_nothing(
    day: Day, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "none.zip"
    code = export_command(
        [
            "dsfinvk",
            "--basedir",
            str(day.folder),
            "--from",
            "1999-01-01",
            "--to",
            "1999-01-31",
            "--out",
            str(out),
        ]
    )
    assert code == 2
    assert "Keine Z-Abschlüsse" in capsys.readouterr().out
    assert not out.exists()


def test_the_zip_ties_out_to_the_printed_z_closing(day: Day, exported: Path) -> None:
    z = day.z_rows
    with zipfile.ZipFile(exported) as archive:
        payments = {
            row["ZAHLART_TYP"]: _euros(row["Z_ZAHLART_BETRAG"]) for row in _table(archive, "payment.csv")
        }
        cases = _table(archive, "businesscases.csv")
        closing = _table(archive, "cashpointclosing.csv")[0]
    umsatz = sum((_euros(r["Z_UMS_BRUTTO"]) for r in cases if r["GV_TYP"] == "Umsatz"), Decimal(0))
    float_ = sum((_euros(r["Z_UMS_BRUTTO"]) for r in cases if r["GV_TYP"] == "Anfangsbestand"), Decimal(0))
    assert format_eur(_cents(umsatz)) == z["Umsatz brutto"]
    assert format_eur(_cents(float_)) == z["Anfangsbestand"]
    # The cash the export's receipts took in is the cash counted in the drawer at the Z.
    assert format_eur(_cents(payments["Bar"])) == z["Ist-Bestand gezählt"]
    assert _euros(closing["Z_SE_BARZAHLUNGEN"]) == payments["Bar"]
    storno_card = 0  # the card balance given back by Stornos is in "Guthabenkarte" too
    with sqlite3.connect(day.ledger) as db:
        for (payload,) in db.execute("SELECT payload FROM events WHERE kind = 'storno_booked'"):
            storno_card += json.loads(payload)["card_share"]
    card = _cents(payments.get("Guthabenkarte", Decimal(0)))
    assert format_eur(card - storno_card) == z["davon Kartenguthaben"]


def test_the_gross_per_vat_rate_is_the_z_closings(day: Day, exported: Path) -> None:
    with zipfile.ZipFile(exported) as archive:
        cases = _table(archive, "businesscases.csv")
    by_key: dict[str, Decimal] = defaultdict(Decimal)
    for row in cases:
        if row["GV_TYP"] == "Umsatz":
            by_key[row["UST_SCHLUESSEL"]] += _euros(row["Z_UMS_BRUTTO"])
    assert format_eur(_cents(by_key["1"])) == day.z_rows["  19 % brutto"]
    assert format_eur(_cents(by_key["2"])) == day.z_rows["  7 % brutto"]


def test_every_storno_refers_to_its_original_with_the_amounts_negated(day: Day, exported: Path) -> None:
    with zipfile.ZipFile(exported) as archive:
        receipts = {row["BON_ID"]: row for row in _table(archive, "transactions.csv")}
        references = _table(archive, "references.csv")
    with sqlite3.connect(day.ledger) as db:
        booked = [
            json.loads(p) for (p,) in db.execute("SELECT payload FROM events WHERE kind = 'storno_booked'")
        ]
    assert len(references) == len(booked) >= 1
    for reference in references:
        storno, original = receipts[reference["BON_ID"]], receipts[reference["REF_BON_ID"]]
        assert original["BON_TYP"] == storno["BON_TYP"] == "Beleg"
        assert _euros(storno["UMS_BRUTTO"]) == -_euros(original["UMS_BRUTTO"])
        assert reference["REF_Z_NR"] == original["Z_NR"]
    assert sorted(str(b["original_number"]) for b in booked) == sorted(r["REF_BON_ID"] for r in references)


def test_signed_sales_carry_the_tse_answer_and_the_tar_is_inside(day: Day, exported: Path) -> None:
    with zipfile.ZipFile(exported) as archive:
        tse_rows = _table(archive, "transactions_tse.csv")
        serial = _table(archive, "tse.csv")[0]["TSE_SERIAL"]
        tar_bytes = archive.read(day.tar[0])
    signed = [row for row in tse_rows if row["TSE_TA_SIG"]]
    assert len(signed) >= 400
    with tarfile.open(fileobj=io.BytesIO(tar_bytes)) as tar:
        info = json.loads(tar.extractfile("info.json").read())  # type: ignore[union-attr]
        logged = {name.split("_No-")[1].split("_")[0] for name in tar.getnames() if "_No-" in name}
    assert info["tss_serial_number"] == serial
    assert {row["TSE_TANR"] for row in signed} <= logged
    # Unsigned receipts say so instead of a signature, and only cash movements are unsigned (never
    # signed yet): the demo day's sales and Stornos all carry their TSE transaction.
    unsigned_notes = {row["TSE_TA_FEHLER"] for row in tse_rows if not row["TSE_TA_SIG"]}
    assert unsigned_notes == {UNSIGNED_MOVEMENT}


def _without_one_receipt(closings: Iterator[ZClosing]) -> Iterator[ZClosing]:
    for closing in closings:
        yield replace(closing, receipts=closing.receipts[:10] + closing.receipts[11:])


def test_a_receipt_lost_between_ledger_and_zip_is_caught(day: Day, tmp_path: Path) -> None:
    plan = _plan(day)
    export: ExportInput = plan.export
    plan.export = replace(export, closings=_without_one_receipt(iter(export.closings)))
    result = write_export(plan, tmp_path / "damaged.zip")
    assert any("receipt numbers of till" in finding and "jump from" in finding for finding in result.findings)

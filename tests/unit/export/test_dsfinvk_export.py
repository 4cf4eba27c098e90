"""The DSFinV-K export: the ZIP a generated day gives passes our checker, its CSVs have the spec's
form, and deliberately broken exports give the exact finding."""

from __future__ import annotations

import csv
import dataclasses
import io
import zipfile
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest

from bench.generated_day import BERLIN, KASSE_ID, TILL, TSE_MASTER, generate_export
from pos_gui.export.checker import check_export
from pos_gui.export.dsfinvk_tables import TABLES
from pos_gui.export.dsfinvk_writer import ExportError, write_dsfinvk_zip
from pos_gui.export.model import (
    CARD_BALANCE_PAYMENT_NAME,
    BusinessCase,
    CashMovement,
    ExportInput,
    PaymentType,
    Receipt,
    ReceiptLine,
    ReceiptPayment,
    ReceiptType,
    StornoReference,
    TseTransaction,
    ZClosing,
)

Z1_CREATED = datetime(2026, 8, 18, 22, 0, tzinfo=BERLIN)


def _tse(number: int) -> TseTransaction:
    return TseTransaction(
        1, number, "1787000000", "1787000030", "Kassenbeleg-V1", 2 * number, "c2ln", "Beleg^..."
    )


def _at(hour: int, minute: int) -> datetime:
    return datetime(2026, 8, 18, hour, minute, tzinfo=BERLIN)


SANDWICHES = ReceiptLine(1, "Sandwich Romano", 2, 349, 7, article_number="30037")
WATER = ReceiptLine(
    2, 'Water, "mildly" sprinkling; 0.25 ltr.', 1, 99, 19, article_number="51", gtin="4999012345678"
)
SALE = Receipt(
    "B2", 2, ReceiptType.BELEG, _at(9, 0), _at(9, 1), "1", "Anna Müller", (SANDWICHES, WATER),
    (ReceiptPayment(PaymentType.BAR, 500, "Bar"), ReceiptPayment(PaymentType.GUTHABENKARTE, 297, CARD_BALANCE_PAYMENT_NAME)),
    tse=_tse(2),
)  # fmt: skip
CANCELLATION = Receipt(
    "B3", 3, ReceiptType.BELEG, _at(9, 5), _at(9, 5), "1", "Anna Müller",
    tuple(dataclasses.replace(line, quantity=-line.quantity) for line in SALE.lines),
    tuple(dataclasses.replace(payment, amount=-payment.amount) for payment in SALE.payments),
    storno_of=StornoReference(KASSE_ID, 1, Z1_CREATED, "B2"), tse=_tse(3),
)  # fmt: skip
ABORT = Receipt(
    "B4", 4, ReceiptType.AV_BELEGABBRUCH, _at(9, 7), _at(9, 8), "1", "Anna Müller", (WATER,), tse=_tse(4)
)
TRAINING = Receipt(
    "B5", 5, ReceiptType.AV_TRAINING, _at(9, 9), _at(9, 9), "2", "Jörg Schmidt", (SANDWICHES,),
    tse_error="TSE nicht erreichbar",
)  # fmt: skip
FLOAT = CashMovement(
    "B1", 1, BusinessCase.ANFANGSBESTAND, 15000, _at(8, 0), "1", "Anna Müller", "Wechselgeld", _tse(1)
)
SMALL_DAY = ZClosing(1, Z1_CREATED, date(2026, 8, 18), (SALE, CANCELLATION, ABORT, TRAINING), (FLOAT,))


def _export(tmp_path: Path, *closings: ZClosing, name: str = "export.zip") -> Path:
    target = tmp_path / name
    write_dsfinvk_zip(target, ExportInput(TILL, (TSE_MASTER,), closings, (("tse/export.tar", b"tar bytes"),)))
    return target


def _rewritten(source: Path, file: str, change: Callable[[str], str] | None) -> Path:
    """A copy of the ZIP with ``file`` changed by ``change`` (or left out when ``change`` is None)."""
    target = source.with_name(f"broken-{file}")
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for name in original.namelist():
            data = original.read(name)
            if name == file:
                if change is None:
                    continue
                data = change(data.decode()).encode()
            copy.writestr(name, data)
    return target


def _rows(archive: Path, file: str) -> list[list[str]]:
    with zipfile.ZipFile(archive) as opened:
        text = opened.read(file).decode()
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def test_a_generated_day_of_more_than_500_events_passes_the_checker(tmp_path: Path) -> None:
    export = generate_export(seed=13, events=560, closings=2)
    target = tmp_path / "day.zip"

    written = write_dsfinvk_zip(target, export)

    assert written == 560
    assert check_export(target) == []
    transactions = _rows(target, "transactions.csv")
    assert Counter(row[5] for row in transactions[1:]).keys() == {"Beleg", "AVTraining", "AVBelegabbruch"}
    cases = {row[3] for row in _rows(target, "businesscases.csv")[1:]}
    assert {"Umsatz", "Anfangsbestand", "Geldtransit", "DifferenzSollIst", "TrinkgeldAN"} <= cases
    assert len(_rows(target, "references.csv")) > 10  # cancellations, each pointing at its original
    assert {row[3] for row in _rows(target, "payment.csv")[1:]} == {"Bar", "ECKarte", "Guthabenkarte"}


def test_the_zip_holds_index_xml_the_dtd_every_table_and_the_tse_export(tmp_path: Path) -> None:
    target = _export(tmp_path, SMALL_DAY)

    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        empty_table = archive.read("slaves.csv")

    assert names == [
        "index.xml", "gdpdu-01-09-2004.dtd", *(table.file for table in TABLES), "tse/export.tar"
    ]  # fmt: skip
    assert empty_table == (
        b"Z_KASSE_ID;Z_ERSTELLUNG;Z_NR;TERMINAL_ID;TERMINAL_BRAND;TERMINAL_MODELL;"
        b"TERMINAL_SERIENNR;TERMINAL_SW_BRAND;TERMINAL_SW_VERSION\r\n"
    )
    assert check_export(target) == []


def test_the_csv_form_quotes_text_uses_comma_decimals_and_crlf(tmp_path: Path) -> None:
    target = _export(tmp_path, SMALL_DAY)

    with zipfile.ZipFile(target) as archive:
        lines = archive.read("lines.csv").decode().split("\r\n")
        payments = archive.read("datapayment.csv").decode().split("\r\n")
        closing = archive.read("cashpointclosing.csv").decode().split("\r\n")

    key = '"SDV-KASSE-1";2026-08-18T22:00:00;1'
    assert lines[3] == (
        f'{key};"B2";"2";;"Water, ""mildly"" sprinkling; 0.25 ltr.";;"Umsatz";;0;0;;"51";"4999012345678";;;'
        "1,000;1,000;;0,99000"
    )
    assert lines[4] == f'{key};"B3";"1";;"Sandwich Romano";;"Umsatz";;0;0;;"30037";;;;-2,000;1,000;;3,49000'
    assert payments[1:4] == [
        f'{key};"B1";"Bar";"Bar";"EUR";;150,00',
        f'{key};"B2";"Bar";"Bar";"EUR";;5,00',
        f'{key};"B2";"Guthabenkarte";"secucard Guthaben";"EUR";;2,97',
    ]
    # Payments of the closing: the float and the sale, minus the cancellation; training and abort take none.
    assert closing[1].endswith(";150,00;150,00")


def test_a_cancellation_is_a_negated_beleg_with_a_reference_to_its_original(tmp_path: Path) -> None:
    target = _export(tmp_path, SMALL_DAY)

    transactions = {row[3]: row for row in _rows(target, "transactions.csv")[1:]}
    references = _rows(target, "references.csv")[1:]

    assert transactions["B3"][5] == "Beleg"
    assert transactions["B3"][13] == "-7,97"
    assert transactions["B3"][8] == "0"  # BON_STORNO stays 0 unless the tax adviser says otherwise
    assert references == [
        ["SDV-KASSE-1", "2026-08-18T22:00:00", "1", "B3", "", "Transaktion", "", "2026-08-18T22:00:00", "SDV-KASSE-1", "1", "B2"]
    ]  # fmt: skip


def test_the_tse_outage_note_goes_into_the_tse_table(tmp_path: Path) -> None:
    target = _export(tmp_path, SMALL_DAY)

    rows = {row[3]: row for row in _rows(target, "transactions_tse.csv")[1:]}

    assert rows["B5"][4:] == ["1", "", "", "", "", "", "", "TSE nicht erreichbar", ""]
    assert rows["B2"][4:7] == ["1", "2", "1787000000"]


def test_a_changed_amount_is_found_in_the_receipt_and_in_its_closing(tmp_path: Path) -> None:
    good = _export(tmp_path, SMALL_DAY)
    broken = _rewritten(good, "transactions.csv", lambda text: text.replace(";7,97;", ";7,98;"))

    assert check_export(broken) == [
        "transactions.csv line 3: receipt B2 has UMS_BRUTTO 7,98, but its lines (lines_vat.csv) add up to 7,97",
        "transactions.csv line 3: receipt B2 has UMS_BRUTTO 7,98, but its VAT breakdown (transactions_vat.csv) "
        "add up to 7,97",
        "transactions.csv line 3: receipt B2 has UMS_BRUTTO 7,98, but its payments (datapayment.csv) add up to 7,97",
        "cashpointclosing.csv line 2: Z 1 does not tie out: receipts' gross (transactions.csv) 150,01, business "
        "cases (businesscases.csv) 150,00, payments (payment.csv) 150,00, Z_SE_ZAHLUNGEN 150,00",
    ]


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    broken = _rewritten(_export(tmp_path, SMALL_DAY), "lines_vat.csv", None)

    assert check_export(broken) == ["lines_vat.csv is named in index.xml but missing from the ZIP"]


def test_a_gap_in_the_receipt_numbers_is_found(tmp_path: Path) -> None:
    gap = dataclasses.replace(
        SMALL_DAY, receipts=(SALE, CANCELLATION, ABORT, dataclasses.replace(TRAINING, number=7))
    )

    assert check_export(_export(tmp_path, gap)) == [
        "transactions.csv: receipt numbers of till SDV-KASSE-1 jump from 4 to 7"
    ]


def test_a_gap_in_the_z_numbers_is_found(tmp_path: Path) -> None:
    later = ZClosing(3, datetime(2026, 8, 20, 22, 0, tzinfo=BERLIN), date(2026, 8, 20), (
        dataclasses.replace(TRAINING, receipt_id="B6", number=6),))  # fmt: skip

    assert check_export(_export(tmp_path, SMALL_DAY, later)) == [
        "cashpointclosing.csv: Z numbers of till SDV-KASSE-1 jump from 1 to 3"
    ]


def test_a_dangling_storno_reference_is_found(tmp_path: Path) -> None:
    good = _export(tmp_path, SMALL_DAY)
    broken = _rewritten(good, "references.csv", lambda text: text.replace(';1;"B2"', ';1;"B9"'))

    assert check_export(broken) == [
        "references.csv line 2: receipt B3 refers to receipt B9 of Z 1, which is not in transactions.csv"
    ]


def test_values_out_of_format_header_changes_and_dtd_breaks_are_named(tmp_path: Path) -> None:
    good = _export(tmp_path, SMALL_DAY)
    bad_decimals = _rewritten(good, "datapayment.csv", lambda text: text.replace(";5,00\r\n", ";5,0\r\n"))
    bad_header = _rewritten(good, "vat.csv", lambda text: text.replace("UST_SATZ", "UST_PROZENT"))
    bad_index = _rewritten(good, "index.xml", lambda text: text.replace("  <Version>1.0</Version>\r\n", ""))

    assert check_export(bad_decimals) == [
        "datapayment.csv line 3 column BASISWAEH_BETRAG: '5,0' is not a number with 2 decimals"
    ]
    assert check_export(bad_header) == [
        "vat.csv line 1: the header is Z_KASSE_ID;Z_ERSTELLUNG;Z_NR;UST_SCHLUESSEL;UST_PROZENT;UST_BESCHR, "
        "but index.xml declares Z_KASSE_ID;Z_ERSTELLUNG;Z_NR;UST_SCHLUESSEL;UST_SATZ;UST_BESCHR"
    ]
    assert check_export(bad_index) == [
        "index.xml: <DataSet> holds DataSupplier;Media, which gdpdu-01-09-2004.dtd does not allow"
    ]


def test_too_long_free_text_is_cut_but_a_too_long_id_is_refused(tmp_path: Path) -> None:
    long_text = dataclasses.replace(SALE, lines=(dataclasses.replace(SANDWICHES, text="x" * 300, quantity=3),),
                                    payments=(ReceiptPayment(PaymentType.BAR, 1047),))  # fmt: skip
    target = _export(tmp_path, dataclasses.replace(SMALL_DAY, receipts=(long_text, ABORT, TRAINING),
                                                   cash_movements=(FLOAT, dataclasses.replace(FLOAT, receipt_id="B3", number=3))))  # fmt: skip
    long_id = dataclasses.replace(SMALL_DAY, receipts=(dataclasses.replace(SALE, receipt_id="B" * 41),))

    assert _rows(target, "lines.csv")[2][6] == "x" * 255
    assert check_export(target) == []
    with pytest.raises(
        ExportError, match=r"transactions.csv column BON_ID: 'BBBB.* is longer than 40 characters"
    ):
        _export(tmp_path, long_id, name="refused.zip")


def test_a_beleg_whose_payments_do_not_add_up_is_refused(tmp_path: Path) -> None:
    unpaid = dataclasses.replace(SMALL_DAY, receipts=(dataclasses.replace(SALE, payments=()),))

    with pytest.raises(ExportError, match="receipt B2: payments of 0,00 do not add up to its gross of 7,97"):
        _export(tmp_path, unpaid)


def test_progress_is_reported_with_the_running_receipt_count(tmp_path: Path) -> None:
    seen: list[int] = []
    write_dsfinvk_zip(tmp_path / "p.zip", generate_export(seed=2, events=2500), on_receipt=seen.append)

    assert seen == [1000, 2000, 2500]

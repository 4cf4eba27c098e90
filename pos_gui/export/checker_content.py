"""The content half of the DSFinV-K checker: sums, references and numbering across the tables.

Runs on tables whose form already passed (:mod:`pos_gui.export.checker`). Checks:

* every receipt: its gross (UMS_BRUTTO) equals its lines' gross (lines_vat.csv) and its VAT
  breakdown (transactions_vat.csv); a ``Beleg`` also equals its payments (datapayment.csv);
* every Z: the gross of its ``Beleg`` receipts = its business-case totals (businesscases.csv) =
  its payment totals (payment.csv) = Z_SE_ZAHLUNGEN (cashpointclosing.csv), to the cent;
* every row of a receipt's detail tables names a receipt in transactions.csv, and every receipt
  has its TSE row; every receipt's Z is in cashpointclosing.csv;
* every TSE row is signed (number, times, counter, signature, by a TSE of tse.csv, no error
  note) or says in TSE_TA_FEHLER why not: never neither, never both;
* every Storno reference names a receipt in this export, in the Z at the time it gives;
* receipt numbers (BON_NR) and Z numbers run without a gap per till.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

from pos_gui.export import dsfinvk_tables as t
from pos_gui.export.dsfinvk_tables import Table

ZKey = tuple[str, str]  # (Z_KASSE_ID, Z_NR)
ReceiptKey = tuple[str, str, str]  # (Z_KASSE_ID, Z_NR, BON_ID)


@dataclass(frozen=True)
class TableRows:
    """One CSV's data rows (header removed), read by column name; line numbers count the header."""

    table: Table
    rows: list[list[str]]

    def values(self, *names: str) -> list[tuple[int, list[str]]]:
        """``(line number, [value per name])`` for every row."""
        positions = [self.table.column_names.index(name) for name in names]
        return [(line, [row[p] for p in positions]) for line, row in enumerate(self.rows, start=2)]


def _amount(text: str) -> Decimal:
    return Decimal(text.replace(",", ".")) if text else Decimal(0)


def _euros(amount: Decimal) -> str:
    return f"{amount:.2f}".replace(".", ",")


def content_findings(tables: dict[str, TableRows]) -> list[str]:
    findings: list[str] = []
    receipts = _receipt_findings(tables, findings)
    findings += _closing_findings(tables, receipts)
    findings += _tse_findings(tables)
    findings += _reference_findings(tables, receipts)
    findings += _numbering_findings(tables)
    return findings


@dataclass
class _Receipt:
    line: int
    receipt_type: str
    gross: Decimal
    z_created: str


def _receipt_findings(tables: dict[str, TableRows], findings: list[str]) -> dict[ReceiptKey, _Receipt]:
    receipts: dict[ReceiptKey, _Receipt] = {}
    for line, (kasse, created, z, bon, bon_type, gross) in tables[t.TRANSACTIONS.file].values(
        "Z_KASSE_ID", "Z_ERSTELLUNG", "Z_NR", "BON_ID", "BON_TYP", "UMS_BRUTTO"
    ):
        receipts[(kasse, z, bon)] = _Receipt(line, bon_type, _amount(gross), created)
    detail_sums = {
        (t.LINES_VAT.file, "POS_BRUTTO", "its lines"): _sums(
            tables[t.LINES_VAT.file], "POS_BRUTTO", receipts, findings
        ),
        (t.TRANSACTIONS_VAT.file, "BON_BRUTTO", "its VAT breakdown"): _sums(
            tables[t.TRANSACTIONS_VAT.file], "BON_BRUTTO", receipts, findings
        ),
        (t.DATA_PAYMENT.file, "BASISWAEH_BETRAG", "its payments"): _sums(
            tables[t.DATA_PAYMENT.file], "BASISWAEH_BETRAG", receipts, findings
        ),
    }
    for table in (t.LINES, t.REFERENCES):
        _sums(tables[table.file], None, receipts, findings)
    signed = {key for key, _ in _receipt_rows(tables[t.TRANSACTIONS_TSE.file])}
    _sums(tables[t.TRANSACTIONS_TSE.file], None, receipts, findings)
    for key, receipt in receipts.items():
        for (file, _, what), sums in detail_sums.items():
            if file == t.DATA_PAYMENT.file and receipt.receipt_type != "Beleg":
                continue
            if sums.get(key, Decimal(0)) != receipt.gross:
                findings.append(
                    f"transactions.csv line {receipt.line}: receipt {key[2]} has UMS_BRUTTO {_euros(receipt.gross)}, "
                    f"but {what} ({file}) add up to {_euros(sums.get(key, Decimal(0)))}"
                )
        if key not in signed:
            findings.append(
                f"transactions.csv line {receipt.line}: receipt {key[2]} has no row in transactions_tse.csv"
            )
    return receipts


def _receipt_rows(rows: TableRows) -> list[tuple[ReceiptKey, int]]:
    return [((kasse, z, bon), line) for line, (kasse, z, bon) in rows.values("Z_KASSE_ID", "Z_NR", "BON_ID")]


def _sums(
    rows: TableRows, column: str | None, receipts: dict[ReceiptKey, _Receipt], findings: list[str]
) -> dict[ReceiptKey, Decimal]:
    """Per receipt, the sum of ``column``; a row whose receipt is not in transactions.csv is a finding."""
    sums: dict[ReceiptKey, Decimal] = defaultdict(Decimal)
    names = ("Z_KASSE_ID", "Z_NR", "BON_ID", column) if column else ("Z_KASSE_ID", "Z_NR", "BON_ID")
    for line, values in rows.values(*names):
        key = (values[0], values[1], values[2])
        if key not in receipts:
            findings.append(
                f"{rows.table.file} line {line}: receipt {key[2]} of Z {key[1]} is not in transactions.csv"
            )
        elif column:
            sums[key] += _amount(values[3])
    return sums


def _closing_findings(tables: dict[str, TableRows], receipts: dict[ReceiptKey, _Receipt]) -> list[str]:
    findings: list[str] = []
    gross: dict[ZKey, Decimal] = defaultdict(Decimal)
    for (kasse, z, _), receipt in receipts.items():
        if receipt.receipt_type == "Beleg":
            gross[(kasse, z)] += receipt.gross
    cases = _z_sums(tables[t.BUSINESS_CASES.file], "Z_UMS_BRUTTO")
    payments = _z_sums(tables[t.PAYMENT.file], "Z_ZAHLART_BETRAG")
    declared: dict[ZKey, tuple[int, Decimal]] = {}
    for line, (kasse, z, declared_total) in tables[t.CASHPOINT_CLOSING.file].values(
        "Z_KASSE_ID", "Z_NR", "Z_SE_ZAHLUNGEN"
    ):
        declared[(kasse, z)] = (line, _amount(declared_total))
    for kasse, z in sorted({*gross, *cases, *payments}):
        key = (kasse, z)
        if key not in declared:
            findings.append(
                f"Z {z} of till {kasse} has receipts or totals but no row in cashpointclosing.csv"
            )
    for key, (line, total) in declared.items():
        amounts = (
            gross.get(key, Decimal(0)),
            cases.get(key, Decimal(0)),
            payments.get(key, Decimal(0)),
            total,
        )
        if len(set(amounts)) > 1:
            findings.append(
                f"cashpointclosing.csv line {line}: Z {key[1]} does not tie out: receipts' gross (transactions.csv) "
                f"{_euros(amounts[0])}, business cases (businesscases.csv) {_euros(amounts[1])}, payments "
                f"(payment.csv) {_euros(amounts[2])}, Z_SE_ZAHLUNGEN {_euros(amounts[3])}"
            )
    return findings


def _z_sums(rows: TableRows, column: str) -> dict[ZKey, Decimal]:
    sums: dict[ZKey, Decimal] = defaultdict(Decimal)
    for _, (kasse, z, amount) in rows.values("Z_KASSE_ID", "Z_NR", column):
        sums[(kasse, z)] += _amount(amount)
    return sums


def _tse_findings(tables: dict[str, TableRows]) -> list[str]:
    findings = []
    known_tses = {
        (kasse, z, tse_id)
        for _, (kasse, z, tse_id) in tables[t.TSE.file].values("Z_KASSE_ID", "Z_NR", "TSE_ID")
    }
    signature_columns = ("TSE_TANR", "TSE_TA_START", "TSE_TA_ENDE", "TSE_TA_SIGZ", "TSE_TA_SIG")
    for line, (kasse, z, bon, tse_id, error, *signed) in tables[t.TRANSACTIONS_TSE.file].values(
        "Z_KASSE_ID", "Z_NR", "BON_ID", "TSE_ID", "TSE_TA_FEHLER", *signature_columns
    ):
        where = f"transactions_tse.csv line {line}: receipt {bon}"
        missing = [name for name, value in zip(signature_columns, signed, strict=True) if not value]
        if len(missing) == len(signature_columns):
            if not error:
                findings.append(f"{where} has neither a TSE signature nor a TSE_TA_FEHLER note")
        elif missing:
            findings.append(f"{where} is signed without {', '.join(missing)}")
        elif error:
            findings.append(f"{where} is signed and yet has a TSE_TA_FEHLER note ({error!r})")
        elif (kasse, z, tse_id) not in known_tses:
            findings.append(f"{where} is signed by TSE_ID {tse_id}, which tse.csv does not list for Z {z}")
    return findings


def _reference_findings(tables: dict[str, TableRows], receipts: dict[ReceiptKey, _Receipt]) -> list[str]:
    findings = []
    for line, (bon, ref_type, ref_date, ref_kasse, ref_z, ref_bon) in tables[t.REFERENCES.file].values(
        "BON_ID", "REF_TYP", "REF_DATUM", "REF_Z_KASSE_ID", "REF_Z_NR", "REF_BON_ID"
    ):
        if ref_type != "Transaktion":
            continue
        original = receipts.get((ref_kasse, ref_z, ref_bon))
        if original is None:
            findings.append(
                f"references.csv line {line}: receipt {bon} refers to receipt {ref_bon} of Z {ref_z}, "
                "which is not in transactions.csv"
            )
        elif ref_date and ref_date != original.z_created:
            findings.append(
                f"references.csv line {line}: REF_DATUM {ref_date} is not the time of Z {ref_z} ({original.z_created})"
            )
    return findings


def _numbering_findings(tables: dict[str, TableRows]) -> list[str]:
    findings = []
    receipt_numbers: dict[str, list[int]] = defaultdict(list)
    for _, (kasse, number) in tables[t.TRANSACTIONS.file].values("Z_KASSE_ID", "BON_NR"):
        receipt_numbers[kasse].append(int(number))
    z_numbers: dict[str, list[int]] = defaultdict(list)
    for _, (kasse, number) in tables[t.CASHPOINT_CLOSING.file].values("Z_KASSE_ID", "Z_NR"):
        z_numbers[kasse].append(int(number))
    for file, what, numbers_per_till in (
        (t.TRANSACTIONS.file, "receipt numbers", receipt_numbers),
        (t.CASHPOINT_CLOSING.file, "Z numbers", z_numbers),
    ):
        for kasse, numbers in sorted(numbers_per_till.items()):
            numbers.sort()
            for before, after in pairwise(numbers):
                if after == before:
                    findings.append(f"{file}: {what} of till {kasse} repeat {after}")
                elif after != before + 1:
                    findings.append(f"{file}: {what} of till {kasse} jump from {before} to {after}")
    return findings

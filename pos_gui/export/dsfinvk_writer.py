"""Write a DSFinV-K export: the model in, one ZIP out (index.xml, the DTD, every CSV, the TSE TARs).

The CSVs are the spec's form: UTF-8, a header row, ``;`` between columns, ``"`` around text (a
``"`` inside is doubled), ``,`` as the decimal symbol with the column's exact number of decimals,
CR LF after every record. Tables without rows are written with their header. Line breaks inside a
text become spaces, so every record is one line.

Lengths: free text (``Column.cut``: article texts, names, addresses) is cut to the column's
maximum; any other too-long value (ids, TSE data) raises :class:`ExportError`, since a cut id
or signature would be false.

Streaming: the closings are iterated once, every table is written row by row to its own
temporary file, and the files are then copied into the ZIP, so memory stays flat for any range.

Sums of a closing count the ``Beleg`` receipts (sales, cancellations, cash movements) only:
training and aborted receipts are listed with their lines but take no money (fiscal-de.md b.5).
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from pos_gui.core.basket import vat_share
from pos_gui.core.money import Cents
from pos_gui.export import dsfinvk_tables as t
from pos_gui.export.dsfinvk_tables import DTD_FILE, TABLES, Column, Kind, Table
from pos_gui.export.gdpdu_dtd import GDPDU_DTD
from pos_gui.export.index_xml import index_xml
from pos_gui.export.model import ExportInput, PaymentType, Receipt, ReceiptType, TillMasterData, ZClosing

Formatter = Callable[[Any], str]


class ExportError(ValueError):
    """The model cannot be exported as it is (a value too long, a receipt that does not add up)."""


def write_dsfinvk_zip(
    target: Path | IO[bytes],
    export: ExportInput,
    *,
    mark_cancellations: bool = False,
    on_receipt: Callable[[int], None] | None = None,
) -> int:
    """Write ``export`` as a DSFinV-K ZIP to ``target``; returns the number of receipts written.

    ``mark_cancellations`` sets BON_STORNO=1 on cancelling receipts (a tax-adviser question,
    docs/fiscal.md). ``on_receipt`` is called with the running count every 1000 receipts and at
    the end (a progress bar).
    """
    with tempfile.TemporaryDirectory(prefix="dsfinvk-") as folder:
        files = {table.file: _TableFile(Path(folder) / table.file, table) for table in TABLES}
        written = 0
        zip_time: datetime | None = None  # the first closing's time: a reproducible archive
        try:
            for closing in export.closings:
                zip_time = zip_time or closing.created
                written = _write_closing(files, export, closing, mark_cancellations, written, on_receipt)
        finally:
            for file in files.values():
                file.close()
        if on_receipt is not None:
            on_receipt(written)
        comment = (
            f"DSFinV-K {t.TAXONOMY_VERSION}, {export.till.software_brand} {export.till.software_version}"
        )
        stamp = (zip_time or datetime(1980, 1, 1)).timetuple()[:6]
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(zipfile.ZipInfo("index.xml", stamp), index_xml(export.till, comment).encode())
            archive.writestr(zipfile.ZipInfo(DTD_FILE, stamp), GDPDU_DTD.encode())
            for table in TABLES:
                info = zipfile.ZipInfo(table.file, stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                with open(files[table.file].path, "rb") as source, archive.open(info, "w") as sink:
                    shutil.copyfileobj(source, sink, 1 << 20)
            for name, tar in export.tse_exports:
                archive.writestr(zipfile.ZipInfo(name, stamp), tar)
    return written


class _TableFile:
    """One table's CSV being written: header first, then one formatted record per ``row``."""

    def __init__(self, path: Path, table: Table) -> None:
        self.path = path
        self.table = table
        self._formatters = [_formatter(table, column) for column in table.columns]
        self._file = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115 (closed by close())
        self._file.write(";".join(table.column_names) + "\r\n")

    def row(self, *values: Any) -> None:
        formatted = [
            format_value(value) for format_value, value in zip(self._formatters, values, strict=True)
        ]
        self._file.write(";".join(formatted) + "\r\n")

    def close(self) -> None:
        self._file.close()


def _formatter(table: Table, column: Column) -> Formatter:
    """The function that turns a model value (str, int, cents, datetime, None) into the column's text."""
    if column.kind is Kind.ALPHA:
        return _text_formatter(table, column)
    if column.kind is Kind.TIMESTAMP:
        # The wall-clock time of the datetime given: the till's local time, as the spec wants it.
        return lambda value: "" if value is None else value.isoformat(timespec="seconds")[:19]
    if column.kind is Kind.DATE:
        return lambda value: "" if value is None else date.isoformat(value)
    if column.money:
        return lambda cents: "" if cents is None else decimal_text(cents, column.accuracy)
    suffix = "," + "0" * column.accuracy if column.accuracy else ""
    return lambda number: "" if number is None else f"{number}{suffix}"


def _text_formatter(table: Table, column: Column) -> Formatter:
    limit = column.max_length

    def format_text(value: str | None) -> str:
        if not value:
            return ""
        if "\r" in value or "\n" in value:
            value = " ".join(value.splitlines())
        if limit is not None and len(value) > limit:
            if not column.cut:
                raise ExportError(
                    f"{table.file} column {column.name}: {value!r} is longer than {limit} characters"
                )
            value = value[:limit]
        return '"' + value.replace('"', '""') + '"'

    return format_text


def decimal_text(cents: Cents, places: int) -> str:
    """Cents as the CSV writes amounts: ``-1234`` with 5 places → ``"-12,34000"``."""
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    return f"{sign}{euros},{rest:02d}{'0' * (places - 2)}"


def _vat_key(rate: int, receipt: Receipt) -> int:
    try:
        return t.VAT_KEY_OF_RATE[rate]
    except KeyError:
        raise ExportError(
            f"receipt {receipt.receipt_id}: no USt-Schlüssel for a VAT rate of {rate} %"
        ) from None


def _write_closing(
    files: dict[str, _TableFile],
    export: ExportInput,
    closing: ZClosing,
    mark_cancellations: bool,
    written: int,
    on_receipt: Callable[[int], None] | None,
) -> int:
    till = export.till
    key = (till.kasse_id, closing.created, closing.number)
    outage_tse_id = export.tses[0].tse_id if export.tses else None
    # Sums of the closing's Beleg receipts: (GV_TYP, USt key) → [gross, net, vat]; payments.
    cases: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0, 0])
    payments: dict[tuple[str, str], int] = defaultdict(int)
    receipts = closing.all_receipts()
    for receipt in receipts:
        _check_receipt(receipt)
        counts = receipt.receipt_type is ReceiptType.BELEG
        bon = (*key, receipt.receipt_id)
        storno = 1 if mark_cancellations and receipt.is_cancellation else 0
        files[t.TRANSACTIONS.file].row(
            *bon, receipt.number, receipt.receipt_type.value, None, receipt.terminal_id, storno,
            receipt.start, receipt.end, receipt.cashier_id, receipt.cashier_name, receipt.gross,
            None, None, None, None, None, None, None, None, None,
        )  # fmt: skip
        gross_by_key: dict[int, int] = defaultdict(int)
        for line in receipt.lines:
            vat_key = _vat_key(line.vat_rate, receipt)
            share = vat_share(line.vat_rate, line.gross)
            gross_by_key[vat_key] += line.gross
            files[t.LINES.file].row(
                *bon, str(line.line_number), None, line.text, None, line.business_case.value, None, 0,
                1 if line.voided else 0, None, line.article_number, line.gtin, None, None,
                line.quantity, 1, None, line.unit_price,
            )  # fmt: skip
            files[t.LINES_VAT.file].row(
                *bon, str(line.line_number), vat_key, share.gross, share.net, share.vat
            )
            if counts:
                totals = cases[(line.business_case.value, vat_key)]
                totals[0] += share.gross
                totals[1] += share.net
                totals[2] += share.vat
        rates = {key_: rate for rate, key_ in t.VAT_KEY_OF_RATE.items()}
        for vat_key, gross in sorted(gross_by_key.items()):
            share = vat_share(rates[vat_key], gross)  # the receipt's own rounding, as printed
            files[t.TRANSACTIONS_VAT.file].row(*bon, vat_key, share.gross, share.net, share.vat)
        by_payment: dict[tuple[str, str], int] = defaultdict(int)
        for payment in receipt.payments:
            by_payment[(payment.payment_type.value, payment.name or payment.payment_type.value)] += (
                payment.amount
            )
        for (payment_type, name), amount in by_payment.items():
            files[t.DATA_PAYMENT.file].row(*bon, payment_type, name, till.base_currency, None, amount)
            if counts:
                payments[(payment_type, name)] += amount
        if receipt.storno_of is not None:
            ref = receipt.storno_of
            files[t.REFERENCES.file].row(
                *bon, None, "Transaktion", None, ref.z_created, ref.kasse_id, ref.z_number, ref.receipt_id
            )
        if receipt.tse is not None:
            tse = receipt.tse
            files[t.TRANSACTIONS_TSE.file].row(
                *bon, tse.tse_id, tse.number, tse.start, tse.end, tse.process_type,
                tse.signature_counter, tse.signature, None, tse.process_data,
            )  # fmt: skip
        else:
            files[t.TRANSACTIONS_TSE.file].row(
                *bon, outage_tse_id, None, None, None, None, None, None, receipt.tse_error, None
            )
        written += 1
        if on_receipt is not None and written % 1000 == 0:
            on_receipt(written)
    _write_closing_tables(files, export, closing, receipts, cases, payments)
    return written


def _check_receipt(receipt: Receipt) -> None:
    if (receipt.tse is None) == (not receipt.tse_error):
        raise ExportError(
            f"receipt {receipt.receipt_id}: needs either TSE data or a TSE error text, not both"
        )
    if receipt.receipt_type is ReceiptType.BELEG:
        paid = sum(payment.amount for payment in receipt.payments)
        if paid != receipt.gross:
            raise ExportError(
                f"receipt {receipt.receipt_id}: payments of {decimal_text(paid, 2)} do not add up "
                f"to its gross of {decimal_text(receipt.gross, 2)}"
            )


def _write_closing_tables(
    files: dict[str, _TableFile],
    export: ExportInput,
    closing: ZClosing,
    receipts: Sequence[Receipt],
    cases: dict[tuple[str, int], list[int]],
    payments: dict[tuple[str, str], int],
) -> None:
    """The closing's master data (written per closing, as the spec wants) and its sums."""
    till: TillMasterData = export.till
    key = (till.kasse_id, closing.created, closing.number)
    business, place = till.business, till.location
    all_payments = sum(payments.values())
    cash_payments = sum(amount for (kind, _), amount in payments.items() if kind == PaymentType.BAR.value)
    files[t.CASHPOINT_CLOSING.file].row(
        *key, closing.business_day, t.TAXONOMY_VERSION,
        receipts[0].receipt_id if receipts else None, receipts[-1].receipt_id if receipts else None,
        business.name, business.street, business.postcode, business.city, business.country,
        till.tax_number, till.vat_id, all_payments, cash_payments,
    )  # fmt: skip
    files[t.LOCATION.file].row(
        *key, place.name, place.street, place.postcode, place.city, place.country, till.vat_id
    )
    files[t.CASH_REGISTER.file].row(
        *key, till.brand, till.model, till.serial_number, till.software_brand, till.software_version,
        till.base_currency, "0",
    )  # fmt: skip
    for rate, vat_key in sorted(t.VAT_KEY_OF_RATE.items(), key=lambda item: item[1]):
        files[t.VAT.file].row(*key, vat_key, rate, t.VAT_DESCRIPTIONS[vat_key])
    for tse in export.tses:
        parts = [tse.certificate[start : start + 1000] or None for start in range(0, 7000, 1000)]
        if len(tse.certificate) > 7000:
            raise ExportError(f"TSE {tse.tse_id}: the certificate is longer than 7000 characters")
        files[t.TSE.file].row(
            *key, tse.tse_id, tse.serial_number, tse.signature_algorithm, tse.time_format,
            tse.process_data_encoding, tse.public_key, *parts,
        )  # fmt: skip
    for (case, vat_key), (gross, net, vat) in sorted(cases.items()):
        files[t.BUSINESS_CASES.file].row(*key, case, None, 0, vat_key, gross, net, vat)
    for (payment_type, name), amount in sorted(payments.items()):
        files[t.PAYMENT.file].row(*key, payment_type, name, amount)
    files[t.CASH_PER_CURRENCY.file].row(*key, till.base_currency, cash_payments)

"""Reading a shop's article list (CSV) into catalogue records, and writing the till's own format.

Shops export their articles from a merchandise system or a spreadsheet, so the reader is
forgiving where it can be and precise where it cannot: the columns are found by their header
(German or English, see :data:`COLUMN_NAMES`), the separator is ``;``, ``,`` or TAB (whatever the
header uses), prices are euros with German or English decimals ("3,49", "1.234,56 €") or whole
cents in a ``price_cents``/"Preis in Cent" column. A row that cannot be used becomes an
:class:`ImportProblem` (line, column, reason) and the import goes on with the next row. Every
reason is a :class:`~pos_gui.services.catalog_problems.CatalogMessage`: German as ``str()``,
translated by the UI. The format is described in ``docs/catalog.md``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pos_gui.core.card_number import clean_code
from pos_gui.core.money import parse_amount
from pos_gui.persistence.catalog_store import CatalogRecord
from pos_gui.services import catalog_problems as texts
from pos_gui.services.catalog_problems import CatalogError, CatalogMessage, ImportProblem, message

ALLOWED_VAT_RATES = frozenset({0, 7, 19})
EAN_LENGTHS = (8, 12, 13, 14)

# The till's own format: what `pos-gui catalog export` writes (the demo catalogue's first six).
OWN_COLUMNS = (
    "article_number",
    "ean",
    "name",
    "price_cents",
    "vat_rate",
    "group",
    "unit",
    "open_price",
    "active",
)

# Header names (lower case, without spaces and punctuation) of each field. "price" is in euros,
# "price_cents" in whole cents.
COLUMN_NAMES: dict[str, frozenset[str]] = {
    "article_number": frozenset(
        {"articlenumber", "artikelnummer", "artikelnr", "artnr", "plu", "sku", "itemnumber", "nummer"}
    ),
    "ean": frozenset({"ean", "eans", "gtin", "ean13", "barcode", "strichcode"}),
    "name": frozenset(
        {
            "name",
            "bezeichnung",
            "artikelbezeichnung",
            "artikelname",
            "beschreibung",
            "description",
            "kurztext",
        }
    ),
    "price_cents": frozenset({"pricecents", "preiscent", "preisincent", "priceincents", "cent"}),
    "price": frozenset(
        {"price", "preis", "vk", "vkpreis", "verkaufspreis", "bruttopreis", "preisbrutto", "vkbrutto"}
    ),
    "vat_rate": frozenset(
        {"vatrate", "vat", "mwst", "mwstsatz", "ust", "ustsatz", "steuersatz", "steuer", "tax"}
    ),
    "group": frozenset({"group", "warengruppe", "gruppe", "productgroup", "kategorie", "category"}),
    "unit": frozenset({"unit", "einheit", "mengeneinheit"}),
    "open_price": frozenset({"openprice", "offenerpreis", "preiseingabe", "freierpreis"}),
    "active": frozenset({"active", "aktiv"}),
}
REQUIRED_FIELDS = ("article_number", "name", "vat_rate")

_YES = frozenset({"1", "ja", "j", "yes", "y", "true", "wahr", "x"})
_NO = frozenset({"0", "nein", "n", "no", "false", "falsch", ""})
_NOT_A_NAME_CHARACTER = re.compile(r"[^0-9a-z]")


@dataclass
class ImportResult:
    """What an import did: ``imported`` articles written, ``problems`` rows left out."""

    imported: int = 0
    problems: list[ImportProblem] = field(default_factory=list)
    lines: int = 0


class _RowProblem(Exception):
    def __init__(self, column: str, reason: CatalogMessage) -> None:
        super().__init__(str(reason))
        self.column = column
        self.reason = reason


def read_text(path: Path) -> str:
    """A CSV file's text: UTF-8 (with or without byte-order mark), else Windows-1252 (Excel)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise CatalogError(message(texts.FILE_MISSING), source=str(path)) from error
    except PermissionError as error:
        raise CatalogError(message(texts.FILE_NOT_ALLOWED), source=str(path)) from error
    except IsADirectoryError as error:
        raise CatalogError(message(texts.FILE_IS_A_FOLDER), source=str(path)) from error
    except OSError as error:
        # The system's own words (e.g. an I/O error of a failing USB stick), as they are.
        reason = error.strerror or str(error)
        raise CatalogError(message(texts.FILE_UNREADABLE, reason=reason), source=str(path)) from error
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _header_key(name: str) -> str:
    return _NOT_A_NAME_CHARACTER.sub(
        "", name.casefold().replace("ä", "a").replace("ü", "u").replace("ö", "o")
    )


def _field_of(header: str) -> str | None:
    key = _header_key(header)
    return next((field_name for field_name, names in COLUMN_NAMES.items() if key in names), None)


class CatalogReader:
    """Reads records from CSV text; :attr:`problems` collects the rows left out.

    Attributes:
        problems: rows that could not be used, in file order.
        line: the line the reader has reached (progress).
        lines: the number of lines in the text.
    """

    def __init__(self, text: str) -> None:
        self.problems: list[ImportProblem] = []
        self.line = 0
        self.lines = text.count("\n") + (0 if text.endswith("\n") else 1)
        first_line = text.split("\n", 1)[0]
        delimiter = max((";", "\t", ","), key=first_line.count)
        self._reader = csv.reader(io.StringIO(text), delimiter=delimiter)
        self._delimiter = delimiter
        header = next(self._reader, None)
        if header is None or not any(cell.strip() for cell in header):
            raise CatalogError(message(texts.FILE_EMPTY))
        self._header = [cell.strip() for cell in header]
        self._columns: dict[str, int] = {}
        for index, name in enumerate(self._header):
            field_name = _field_of(name)
            if field_name is not None and field_name not in self._columns:
                self._columns[field_name] = index
        missing = [name for name in REQUIRED_FIELDS if name not in self._columns]
        if "price" not in self._columns and "price_cents" not in self._columns:
            missing.append("price")
        if missing:
            reason = message(
                texts.HEADER_MISSING_COLUMNS,
                missing=tuple(message(texts.FIELD_LABELS[name]) for name in missing),
                found=tuple(message(texts.HEADER_NAME, name=name) for name in self._header),
            )
            raise CatalogError(reason, line=1)

    def records(self) -> Iterator[CatalogRecord]:
        """The usable rows as records; a row that is not usable is added to :attr:`problems`."""
        seen_numbers: dict[str, int] = {}
        seen_eans: dict[str, int] = {}
        while True:
            first_line = self._reader.line_num + 1
            try:
                row = next(self._reader)
            except StopIteration:
                return
            except csv.Error as error:
                # The csv module cannot go on after this (usually a quote opened and never closed).
                reason = message(texts.ROW_NOT_CSV, detail=str(error))
                self.problems.append(ImportProblem(first_line, "", reason))
                return
            self.line = self._reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            try:
                record = self._record(row)
                _check_unique(record, first_line, seen_numbers, seen_eans, self._name_of("ean"))
            except _RowProblem as problem:
                self.problems.append(ImportProblem(first_line, problem.column, problem.reason))
                continue
            yield record

    def _name_of(self, field_name: str) -> str:
        index = self._columns.get(field_name)
        return self._header[index] if index is not None else field_name

    def _record(self, row: list[str]) -> CatalogRecord:
        if len(row) != len(self._header):
            separator = (
                message(texts.SEPARATOR_TAB)
                if self._delimiter == "\t"
                else message(texts.SEPARATOR, character=self._delimiter)
            )
            reason = message(
                texts.ROW_FIELD_COUNT, found=len(row), expected=len(self._header), separator=separator
            )
            raise _RowProblem("", reason)

        def cell(field_name: str) -> str:
            index = self._columns.get(field_name)
            return "" if index is None else row[index].strip()

        number = cell("article_number")
        if not number:
            raise _RowProblem(self._name_of("article_number"), message(texts.ARTICLE_NUMBER_EMPTY))
        if clean_code(number) != number:
            raise _RowProblem(
                self._name_of("article_number"), message(texts.ARTICLE_NUMBER_SPACES, number=number)
            )
        name = cell("name")
        if not name:
            raise _RowProblem(self._name_of("name"), message(texts.NAME_EMPTY))
        return CatalogRecord(
            article_number=number,
            name=name,
            price=self._price(cell("price_cents") if "price_cents" in self._columns else cell("price")),
            vat_rate=_vat_rate(cell("vat_rate"), self._name_of("vat_rate")),
            eans=_eans(cell("ean"), self._name_of("ean")),
            group=cell("group"),
            unit=cell("unit"),
            open_price=_flag(cell("open_price"), self._name_of("open_price"), default=False),
            active=_flag(cell("active"), self._name_of("active"), default=True),
        )

    def _price(self, text: str) -> int:
        in_cents = "price_cents" in self._columns
        column = self._name_of("price_cents" if in_cents else "price")
        if not text:
            raise _RowProblem(column, message(texts.PRICE_EMPTY))
        if in_cents:
            if not (text.isascii() and text.isdigit()):
                raise _RowProblem(column, message(texts.PRICE_NOT_CENTS, text=text))
            return int(text)
        try:
            price = parse_euros(text)
        except ValueError:
            raise _RowProblem(column, message(texts.PRICE_NOT_EUROS, text=text)) from None
        if price < 0:
            raise _RowProblem(column, message(texts.PRICE_NEGATIVE, text=text))
        return price


def parse_euros(text: str) -> int:
    """Cents of a euro amount as files write it: "3,49", "3.49", "1.234,56 €", "1,234.56", "3"."""
    cleaned = text.replace("€", "").replace("EUR", "").replace(" ", "").replace("\u00a0", "")
    if "," in cleaned and "." in cleaned:
        # Both: the one that comes first groups thousands.
        thousands = "." if cleaned.index(".") < cleaned.index(",") else ","
        cleaned = cleaned.replace(thousands, "")
    elif re.fullmatch(r"-?\d{1,3}(\.\d{3})+", cleaned):
        cleaned = cleaned.replace(".", "")  # "1.234": German thousands, not 1,234 €
    if not cleaned:
        raise ValueError("empty")
    return parse_amount(cleaned)


def _vat_rate(text: str, column: str) -> int:
    allowed = ", ".join(f"{allowed} %" for allowed in sorted(ALLOWED_VAT_RATES))
    if not text:
        raise _RowProblem(column, message(texts.VAT_RATE_EMPTY, allowed=allowed))
    cleaned = text.replace("%", "").replace(" ", "").replace(",", ".")
    try:
        number = float(cleaned)
    except ValueError:
        raise _RowProblem(column, message(texts.VAT_RATE_NOT_A_NUMBER, text=text, allowed=allowed)) from None
    rate = int(number)
    if rate != number or rate not in ALLOWED_VAT_RATES:
        raise _RowProblem(column, message(texts.VAT_RATE_NOT_ALLOWED, text=text, allowed=allowed))
    return rate


# An EAN a spreadsheet stored as a number and wrote back as "4,00638E+12" (German) or
# "4.00638E+12": its digits are lost, and its decimal comma must not be read as a separator.
_SCIENTIFIC_NUMBER = re.compile(r"\d+(?:[.,]\d+)?[eE][+-]?\d+")


def _eans(text: str, column: str) -> tuple[str, ...]:
    # Looked for before splitting at "," (the German decimal comma would cut it in two).
    scientific = _SCIENTIFIC_NUMBER.search(text)
    if scientific is not None:
        raise _RowProblem(column, message(texts.EAN_SCIENTIFIC, text=scientific.group()))
    eans = tuple(code for code in re.split(r"[,|/\s]+", text) if code)
    lengths = ", ".join(str(length) for length in EAN_LENGTHS)
    for ean in eans:
        if not (ean.isascii() and ean.isdigit()):
            raise _RowProblem(column, message(texts.EAN_NOT_DIGITS, ean=ean, lengths=lengths))
        if len(ean) not in EAN_LENGTHS:
            raise _RowProblem(
                column, message(texts.EAN_WRONG_LENGTH, ean=ean, digits=len(ean), lengths=lengths)
            )
    return eans


def _flag(text: str, column: str, *, default: bool) -> bool:
    if not text:
        return default
    key = text.casefold()
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise _RowProblem(column, message(texts.FLAG_NOT_YES_OR_NO, text=text))


def _check_unique(
    record: CatalogRecord, line: int, seen_numbers: dict[str, int], seen_eans: dict[str, int], ean_column: str
) -> None:
    """A file names each article number and EAN once; a repeat is most likely a mistake."""
    if record.article_number in seen_numbers:
        reason = message(
            texts.ARTICLE_NUMBER_REPEATED,
            number=record.article_number,
            line=seen_numbers[record.article_number],
        )
        raise _RowProblem("", reason)
    for ean in record.eans:
        if ean in seen_eans:
            raise _RowProblem(ean_column, message(texts.EAN_REPEATED, ean=ean, line=seen_eans[ean]))
    seen_numbers[record.article_number] = line
    for ean in record.eans:
        seen_eans[ean] = line


def export_text(records: Iterable[CatalogRecord]) -> str:
    """The records in the till's own format (``;``-separated, header :data:`OWN_COLUMNS`)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(OWN_COLUMNS)
    for record in records:
        writer.writerow(
            (
                record.article_number, ",".join(record.eans), record.name, record.price, record.vat_rate,
                record.group, record.unit, "1" if record.open_price else "0", "1" if record.active else "0",
            )
        )  # fmt: skip
    return out.getvalue()

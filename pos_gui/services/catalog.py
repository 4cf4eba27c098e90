"""The article catalogue: loading it from a CSV file, and finding articles by code or name.

The till looks an article up on every scan, so :meth:`Catalog.lookup` is a dictionary access; the
search behind the article search field is a linear scan over pre-folded names, which is fast enough
for the few thousand articles of a bakery or café. The file format is described in
``docs/catalog.md`` so that a shop can replace the demo catalogue with its own.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pos_gui.core.basket import Article
from pos_gui.resource_files import resource_file

CSV_COLUMNS = ("article_number", "ean", "name", "price_cents", "vat_rate", "group")
ALLOWED_VAT_RATES = frozenset({0, 7, 19})
DEMO_CATALOG_RESOURCE = ("catalog", "demo_catalog.csv")

# Scanners in keyboard-wedge mode send control characters (CR, LF, TAB, GS for GS1 codes) along
# with the digits; none of them belong to a code.
_CONTROL_CATEGORIES = frozenset({"Cc", "Cf"})

# German umlauts and ß written out, as people type them on a keyboard without umlauts.
_GERMAN_FOLDS = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}


class CatalogError(Exception):
    """The catalogue file cannot be used; the message names the file and line."""


class Catalog:
    """The articles the till sells, indexed by EAN and by article number.

    Attributes:
        articles: all articles in file order.
    """

    def __init__(self, articles: Iterable[Article]) -> None:
        self.articles: list[Article] = list(articles)
        self._by_code: dict[str, Article] = {}
        # EANs first, then article numbers: when an article number happens to equal some other
        # article's EAN, the scanned EAN wins because a scanner only ever sends EANs.
        for article in self.articles:
            self._by_code.setdefault(article.article_number, article)
        for article in self.articles:
            if article.ean:
                self._by_code[article.ean] = article
        self._search_keys = [
            (_fold(article.name, spelled_out=True), _fold(article.name, spelled_out=False), article)
            for article in self.articles
        ]

    def __len__(self) -> int:
        return len(self.articles)

    @classmethod
    def load_csv(cls, path: str | Path) -> Catalog:
        """Read a catalogue file (UTF-8, ``;``-separated, with header; see ``docs/catalog.md``).

        Raises:
            CatalogError: the file cannot be read, or a row is malformed (the message names the
                line), or two rows use the same article number or EAN.
        """
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CatalogError(f"{path}: cannot read the catalogue: {error}") from error
        return cls.from_text(text, source=str(path))

    @classmethod
    def from_text(cls, text: str, *, source: str = "<catalogue>") -> Catalog:
        """Parse catalogue CSV text; ``source`` names the file in error messages."""
        reader = csv.reader(io.StringIO(text), delimiter=";")
        rows = _rows(reader, source)
        header = next(rows, None)
        if header is None:
            raise CatalogError(f"{source}: the file is empty")
        header = [column.strip() for column in header]
        if tuple(header) != CSV_COLUMNS:
            raise CatalogError(
                f"{source}, line 1: the header must be {';'.join(CSV_COLUMNS)!r}, not {';'.join(header)!r}"
            )
        articles: list[Article] = []
        seen_numbers: dict[str, int] = {}
        seen_eans: dict[str, int] = {}
        for row in rows:
            line_number = reader.line_num
            if not row or all(not cell.strip() for cell in row):
                continue
            article = _parse_row(row, f"{source}, line {line_number}")
            if article.article_number in seen_numbers:
                raise CatalogError(
                    f"{source}, line {line_number}: article number {article.article_number} "
                    f"is already used on line {seen_numbers[article.article_number]}"
                )
            seen_numbers[article.article_number] = line_number
            if article.ean:
                if article.ean in seen_eans:
                    raise CatalogError(
                        f"{source}, line {line_number}: EAN {article.ean} "
                        f"is already used on line {seen_eans[article.ean]}"
                    )
                seen_eans[article.ean] = line_number
            articles.append(article)
        return cls(articles)

    @classmethod
    def demo(cls) -> Catalog:
        """The demo catalogue shipped inside the package (works installed and frozen)."""
        text = resource_file(*DEMO_CATALOG_RESOURCE).read_text(encoding="utf-8")
        return cls.from_text(text, source="demo_catalog.csv")

    def lookup(self, code: str) -> Article | None:
        """The article whose EAN or article number is exactly ``code``, or ``None``.

        Whitespace and control characters (scanner suffixes) are removed first.
        """
        return self._by_code.get(clean_code(code))

    def search(self, text: str, limit: int = 20) -> list[Article]:
        """Articles whose name contains ``text``, ignoring case and umlaut spelling.

        Names that start with the text come first (in catalogue order), then the other matches.
        An empty text finds nothing.
        """
        needle_spelled_out = _fold(text.strip(), spelled_out=True)
        needle_plain = _fold(text.strip(), spelled_out=False)
        if not needle_plain or limit <= 0:
            return []
        prefix_matches: list[Article] = []
        other_matches: list[Article] = []
        for key_spelled_out, key_plain, article in self._search_keys:
            positions = [
                position
                for position in (key_spelled_out.find(needle_spelled_out), key_plain.find(needle_plain))
                if position >= 0
            ]
            if not positions:
                continue
            if min(positions) == 0:
                prefix_matches.append(article)
                if len(prefix_matches) >= limit:
                    break
            else:
                other_matches.append(article)
        return (prefix_matches + other_matches)[:limit]


def _rows(reader: Any, source: str) -> Iterator[list[str]]:
    """The rows of ``reader`` (a ``csv.reader``). A row the csv module cannot split becomes a
    :class:`CatalogError` naming the line the row starts on, instead of a raw ``_csv.Error``.

    The usual cause is a quote left open: the csv module then reads on over every following line
    until the field exceeds its size limit, so the line it stopped at says nothing useful.
    """
    while True:
        first_line = reader.line_num + 1
        try:
            row: list[str] = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise CatalogError(
                f"{source}, line {first_line}: this line cannot be read as CSV ({error}); "
                'is a quote (") opened and not closed?'
            ) from None
        yield row


def clean_code(code: str) -> str:
    """``code`` without whitespace and control characters (what a scanner adds around a code)."""
    return "".join(
        char for char in code if not char.isspace() and unicodedata.category(char) not in _CONTROL_CATEGORIES
    )


def _fold(text: str, *, spelled_out: bool) -> str:
    """A search key: lower case, accents removed; umlauts spelled out (``ä`` → ``ae``) or not (→ ``a``).

    The till searches both forms, so "Kase", "Kaese" and "Käse" all find "Käsekuchen".
    """
    folded = text.casefold()
    if spelled_out:
        for umlaut, replacement in _GERMAN_FOLDS.items():
            folded = folded.replace(umlaut, replacement)
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _parse_row(row: list[str], where: str) -> Article:
    if len(row) != len(CSV_COLUMNS):
        raise CatalogError(f"{where}: expected {len(CSV_COLUMNS)} fields separated by ';', found {len(row)}")
    article_number, ean, name, price_text, vat_text, group = (cell.strip() for cell in row)
    if not article_number:
        raise CatalogError(f"{where}: the article number is empty")
    if clean_code(article_number) != article_number:
        raise CatalogError(f"{where}: the article number {article_number!r} contains spaces")
    if ean and not (ean.isascii() and ean.isdigit() and len(ean) in (8, 12, 13, 14)):
        raise CatalogError(f"{where}: the EAN {ean!r} must be 8, 12, 13 or 14 digits")
    if not name:
        raise CatalogError(f"{where}: the name is empty")
    try:
        price = int(price_text)
    except ValueError:
        raise CatalogError(
            f"{where}: the price must be whole cents (e.g. 349 for 3,49 €), not {price_text!r}"
        ) from None
    if price < 0:
        raise CatalogError(f"{where}: the price must not be negative ({price})")
    try:
        vat_rate = int(vat_text)
    except ValueError:
        raise CatalogError(f"{where}: the VAT rate must be a whole percent, not {vat_text!r}") from None
    if vat_rate not in ALLOWED_VAT_RATES:
        allowed = ", ".join(str(rate) for rate in sorted(ALLOWED_VAT_RATES))
        raise CatalogError(f"{where}: the VAT rate must be one of {allowed}, not {vat_rate}")
    return Article(
        article_number=article_number, ean=ean, name=name, price=price, vat_rate=vat_rate, group=group
    )

"""The catalogue store's schema and its row: :class:`CatalogRecord` (what an import writes)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pos_gui.core.basket import Article
from pos_gui.core.money import Cents

# 2: the index for the touch grid's product groups (a store of version 1 gets it on opening).
SCHEMA_VERSION = 2

SCHEMA = """
CREATE TABLE IF NOT EXISTS article (
    id INTEGER PRIMARY KEY,
    article_number TEXT NOT NULL UNIQUE,
    eans TEXT NOT NULL DEFAULT '',          -- all EANs, comma-separated; the first one is shown
    name TEXT NOT NULL,
    price INTEGER NOT NULL,                 -- gross cents; per kg for weight codes
    vat_rate INTEGER NOT NULL,
    product_group TEXT NOT NULL DEFAULT '',
    unit TEXT NOT NULL DEFAULT '',
    open_price INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS article_ean (
    code TEXT PRIMARY KEY,
    article_id INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS article_ean_by_article ON article_ean (article_id);
CREATE INDEX IF NOT EXISTS article_by_group ON article (product_group, id);
CREATE VIRTUAL TABLE IF NOT EXISTS article_words USING fts5 (
    plain, spelled, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
CREATE VIRTUAL TABLE IF NOT EXISTS article_text USING fts5 (text, tokenize = 'trigram');
CREATE TABLE IF NOT EXISTS undo_article (
    article_number TEXT PRIMARY KEY,
    previous TEXT                           -- the row before the import as JSON; NULL: it was new
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
"""

COLUMNS = "article_number, eans, name, price, vat_rate, product_group, unit, open_price, active"


@dataclass(frozen=True)
class CatalogRecord:
    """One article as the store keeps it (what an import writes and an export reads).

    Attributes:
        article_number: the shop's article number, unique.
        name: the text on screen and receipt.
        price: gross cents (per kilogram for an article sold by weight code).
        vat_rate: VAT rate in percent.
        eans: the article's EANs, the first one shown and sent to the server.
        group: product group name; unit: sales unit; open_price: price typed at the sale;
        active: sold at all (an inactive article is kept but never found).
    """

    article_number: str
    name: str
    price: Cents
    vat_rate: int
    eans: tuple[str, ...] = ()
    group: str = ""
    unit: str = ""
    open_price: bool = False
    active: bool = True

    def article(self) -> Article:
        """The till's :class:`Article` of this record."""
        return Article(
            article_number=self.article_number,
            ean=self.eans[0] if self.eans else "",
            name=self.name,
            price=self.price,
            vat_rate=self.vat_rate,
            group=self.group,
            unit=self.unit,
            open_price=self.open_price,
        )

    def row(self) -> tuple[Any, ...]:
        return (
            self.article_number,
            ",".join(self.eans),
            self.name,
            self.price,
            self.vat_rate,
            self.group,
            self.unit,
            int(self.open_price),
            int(self.active),
        )

    @classmethod
    def of_row(cls, row: Iterable[Any]) -> CatalogRecord:
        number, eans, name, price, vat_rate, group, unit, open_price, active = row
        return cls(
            number, name, price, vat_rate, tuple(eans.split(",")) if eans else (), group, unit,
            bool(open_price), bool(active),
        )  # fmt: skip

"""The article catalogue on disk: a SQLite file with indexes for codes and FTS5 for names.

A shop's catalogue has up to ~100,000 articles; the till must find a scanned EAN at once and
search names while the cashier types, without loading the catalogue into memory at start. So:

- ``article``: one row per article number (upserted by it), the first EAN, price in cents, VAT
  rate, group, unit, open-price and active flags; ``article_ean`` maps every EAN to its article
  (an article may have several).
- ``article_words`` (FTS5, word tokens with prefix indexes) answers "a word starts with …",
  ``article_text`` (FTS5, trigrams) answers "the name contains …"; both index the folded names of
  :mod:`.catalog_store_text` and hold active articles only.
- ``undo_article`` keeps, for the last import, each touched article's previous row (or that it
  was new) until :meth:`CatalogStore.forget_undo` (the next sale) clears it.

The connection opens on first use, so building a till with a catalogue costs nothing at start.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from pos_gui.core.basket import Article
from pos_gui.persistence.catalog_store_codes import decode_embedded, price_of_weight
from pos_gui.persistence.catalog_store_record import COLUMNS as _COLUMNS
from pos_gui.persistence.catalog_store_record import SCHEMA, SCHEMA_VERSION, CatalogRecord
from pos_gui.persistence.catalog_store_text import (
    name_start_query,
    search_keys,
    substring_query,
    typed_forms,
    word_start_query,
)

IMPORT_BATCH_ROWS = 5_000
# A text shorter than a trigram is looked for inside the names of this many articles only.
SHORT_TEXT_SCAN_ROWS = 5_000


class CatalogStore:
    """The catalogue file. Not thread-safe: a worker thread (an import) opens its own store."""

    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        self._db: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    # -- connection ---------------------------------------------------------------------------

    @property
    def db(self) -> sqlite3.Connection:
        """The connection, opened (and the schema created) on first use."""
        if self._db is None:
            with self._lock:
                if self._db is None:
                    self._db = self._open()
        return self._db

    def _open(self) -> sqlite3.Connection:
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        if self.path != ":memory:":
            db.execute("PRAGMA journal_mode=WAL")
        # The catalogue can always be imported again: no fsync per commit, only at checkpoints.
        db.execute("PRAGMA synchronous=NORMAL")
        if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            db.executescript(SCHEMA + f"PRAGMA user_version={SCHEMA_VERSION};")
        return db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> CatalogStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading ------------------------------------------------------------------------------

    def count(self) -> int:
        """How many articles the store holds, active or not."""
        return int(self.db.execute("SELECT count(*) FROM article").fetchone()[0])

    def is_empty(self) -> bool:
        return self.db.execute("SELECT 1 FROM article LIMIT 1").fetchone() is None

    def record(self, article_number: str) -> CatalogRecord | None:
        """The stored record of ``article_number`` (active or not), or ``None``."""
        row = self.db.execute(
            f"SELECT {_COLUMNS} FROM article WHERE article_number = ?", (article_number,)
        ).fetchone()
        return None if row is None else CatalogRecord.of_row(row)

    def records(self) -> Iterator[CatalogRecord]:
        """Every record in the order they were first imported (export, small catalogues)."""
        for row in self.db.execute(f"SELECT {_COLUMNS} FROM article ORDER BY id"):
            yield CatalogRecord.of_row(row)

    def groups(self) -> list[str]:
        """The product groups of the active articles, in catalogue order (the first article of
        each); articles without a group are in none."""
        rows = self.db.execute(
            "SELECT product_group FROM article WHERE active = 1 AND product_group != '' "
            "GROUP BY product_group ORDER BY min(id)"
        )
        return [str(row[0]) for row in rows]

    def group_articles(self, group: str, offset: int = 0, limit: int = 48) -> list[Article]:
        """One page of the active articles of ``group``, in catalogue order."""
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM article WHERE product_group = ? AND active = 1 "
            "ORDER BY id LIMIT ? OFFSET ?",
            (group, limit, offset),
        )
        return [CatalogRecord.of_row(row).article() for row in rows]

    def lookup(self, code: str) -> Article | None:
        """The active article with this EAN, else this article number, else the article of an
        in-store code with embedded price or weight (priced accordingly), else ``None``.

        An EAN wins over an equal article number: a scanner only ever sends EANs.
        """
        if not code:
            return None
        row = self.db.execute(
            f"SELECT {_COLUMNS} FROM article_ean JOIN article ON article.id = article_ean.article_id "
            "WHERE article_ean.code = ? AND active = 1",
            (code,),
        ).fetchone()
        if row is None:
            row = self.db.execute(
                f"SELECT {_COLUMNS} FROM article WHERE article_number = ? AND active = 1", (code,)
            ).fetchone()
        if row is not None:
            return CatalogRecord.of_row(row).article()
        return self._embedded(code)

    def _embedded(self, code: str) -> Article | None:
        embedded = decode_embedded(code)
        if embedded is None:
            return None
        # The catalogue's base code with any last digit: shops do not always get its check digit right.
        row = self.db.execute(
            f"SELECT {_COLUMNS} FROM article_ean JOIN article ON article.id = article_ean.article_id "
            "WHERE article_ean.code BETWEEN ? AND ? AND active = 1 LIMIT 1",
            (embedded.base_code[:12] + "0", embedded.base_code[:12] + "9"),
        ).fetchone()
        if row is None:
            return None
        article = CatalogRecord.of_row(row).article()
        if not embedded.is_weight:
            return replace(article, ean=code, price=embedded.value, open_price=False)
        kilograms = f"{embedded.value / 1000:.3f}".replace(".", ",")
        return replace(
            article,
            ean=code,
            name=f"{article.name} {kilograms} kg",
            price=price_of_weight(article.price, embedded.value),
            open_price=False,
        )

    def search(self, text: str, limit: int = 20) -> list[Article]:
        """Active articles whose name matches ``text``, ignoring case, accents and umlaut spelling.

        First the names that begin with the text, then those where every typed word begins a
        word, then those containing the text anywhere; each group in catalogue order. Each
        step stops at ``limit``, so a search costs about the same at 100 or 100,000 articles.
        """
        forms = typed_forms(text)
        if not forms[0] or limit <= 0:
            return []
        found: dict[int, Article] = {}
        steps: list[tuple[str, str | None]] = [
            ("article_words", name_start_query(forms)),
            ("article_words", word_start_query(forms)),
            ("article_text", substring_query(forms)),
        ]
        for table, query in steps:
            if query is not None and len(found) < limit:
                self._add_matches(found, table, query, limit)
        if len(found) < limit and len(forms[0]) < 3:
            # Shorter than a trigram: a scan, bounded so that it stays quick at 100,000
            # articles (a bakery's whole catalogue is scanned; a big one finds word starts).
            pattern = " OR ".join("first.text LIKE ? ESCAPE '\\'" for _ in forms)
            escaped = [
                "%" + form.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
                for form in forms
            ]
            self._collect(
                found,
                f"SELECT article.id, {_COLUMNS} FROM "
                "(SELECT rowid, text FROM article_text ORDER BY rowid LIMIT ?) AS first "
                f"JOIN article ON article.id = first.rowid WHERE {pattern} ORDER BY first.rowid LIMIT ?",
                (SHORT_TEXT_SCAN_ROWS, *escaped, limit + len(found)),
            )
        return list(found.values())[:limit]

    def _add_matches(self, found: dict[int, Article], table: str, query: str, limit: int) -> None:
        """Add the articles of an FTS5 ``query`` over ``table`` to ``found``, in catalogue order."""
        self._collect(
            found,
            f"SELECT article.id, {_COLUMNS} FROM {table} JOIN article ON article.id = {table}.rowid "
            f"WHERE {table} MATCH ? ORDER BY {table}.rowid LIMIT ?",
            (query, limit + len(found)),
        )

    def _collect(self, found: dict[int, Article], sql: str, parameters: tuple[object, ...]) -> None:
        for article_id, *columns in self.db.execute(sql, parameters):
            if article_id not in found:
                found[article_id] = CatalogRecord.of_row(columns).article()

    # -- writing ------------------------------------------------------------------------------

    def import_records(
        self,
        records: Iterable[CatalogRecord],
        *,
        source: str = "",
        progress: Callable[[int], None] | None = None,
        batch_rows: int = IMPORT_BATCH_ROWS,
    ) -> int:
        """Upsert ``records`` by article number, ``batch_rows`` per transaction; returns how many.

        The previous state of every touched article is kept for :meth:`undo_last_import`; a new
        import first forgets the undo of the one before. ``progress(count)`` after each batch.
        """
        db = self.db
        db.execute("DELETE FROM undo_article")
        count = 0
        batch: list[CatalogRecord] = []

        def write_batch() -> None:
            db.execute("BEGIN IMMEDIATE")
            try:
                for record in batch:
                    self._upsert(record, remember=True)
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
            batch.clear()
            if progress is not None:
                progress(count)

        for record in records:
            batch.append(record)
            count += 1
            if len(batch) >= batch_rows:
                write_batch()
        write_batch()
        self._set_meta("last_import", json.dumps({"source": source, "articles": count}))
        return count

    def _upsert(self, record: CatalogRecord, *, remember: bool) -> None:
        db = self.db
        existing = db.execute(
            f"SELECT id, {_COLUMNS} FROM article WHERE article_number = ?", (record.article_number,)
        ).fetchone()
        if remember:
            previous = None if existing is None else json.dumps(existing[1:])
            db.execute("INSERT OR IGNORE INTO undo_article VALUES (?, ?)", (record.article_number, previous))
        article_id: int
        if existing is None:
            inserted = db.execute(
                f"INSERT INTO article ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?)", record.row()
            )
            article_id = int(inserted.lastrowid or 0)
        else:
            article_id = existing[0]
            db.execute(
                "UPDATE article SET (" + _COLUMNS + ") = (?,?,?,?,?,?,?,?,?) WHERE id = ?",
                (*record.row(), article_id),
            )
            self._unindex(article_id)
        for ean in record.eans:
            self._take_ean(ean, article_id, remember=remember)
        if record.active:
            plain, spelled = search_keys(record.name)
            db.execute(
                "INSERT INTO article_words (rowid, plain, spelled) VALUES (?, ?, ?)",
                (article_id, plain, spelled),
            )
            text = plain if not spelled else f"{plain}\n{spelled}"
            db.execute("INSERT INTO article_text (rowid, text) VALUES (?, ?)", (article_id, text))

    def _unindex(self, article_id: int) -> None:
        self.db.execute("DELETE FROM article_words WHERE rowid = ?", (article_id,))
        self.db.execute("DELETE FROM article_text WHERE rowid = ?", (article_id,))
        self.db.execute("DELETE FROM article_ean WHERE article_id = ?", (article_id,))

    def _take_ean(self, ean: str, article_id: int, *, remember: bool) -> None:
        """Give ``ean`` to ``article_id``; an article that had it loses it (the newer row wins)."""
        owner = self.db.execute(
            "SELECT article.id, article_number, eans FROM article_ean JOIN article ON article.id = article_id "
            "WHERE code = ?",
            (ean,),
        ).fetchone()
        if owner is not None and owner[0] != article_id:
            if remember:
                previous = self.db.execute(
                    f"SELECT {_COLUMNS} FROM article WHERE id = ?", (owner[0],)
                ).fetchone()
                self.db.execute(
                    "INSERT OR IGNORE INTO undo_article VALUES (?, ?)", (owner[1], json.dumps(previous))
                )
            remaining = ",".join(code for code in owner[2].split(",") if code != ean)
            self.db.execute("UPDATE article SET eans = ? WHERE id = ?", (remaining, owner[0]))
        self.db.execute("INSERT OR REPLACE INTO article_ean VALUES (?, ?)", (ean, article_id))

    def can_undo(self) -> bool:
        """Whether the last import can still be undone (no sale since)."""
        return self.db.execute("SELECT 1 FROM undo_article LIMIT 1").fetchone() is not None

    def undo_last_import(self) -> int:
        """Put every article the last import touched back as it was; returns how many."""
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            saved = db.execute("SELECT article_number, previous FROM undo_article").fetchall()
            for article_number, _ in saved:
                row = db.execute(
                    "SELECT id FROM article WHERE article_number = ?", (article_number,)
                ).fetchone()
                if row is not None:
                    self._unindex(row[0])
                    db.execute("DELETE FROM article WHERE id = ?", (row[0],))
            for _, previous in saved:
                if previous is not None:
                    self._upsert(CatalogRecord.of_row(json.loads(previous)), remember=False)
            db.execute("DELETE FROM undo_article")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return len(saved)

    def clear(self) -> None:
        """Remove every article (the demo store before the demo file is imported again)."""
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        for table in ("article", "article_ean", "article_words", "article_text", "undo_article"):
            db.execute(f"DELETE FROM {table}")
        db.execute("COMMIT")

    def forget_undo(self) -> None:
        """The undo of the last import is no longer offered (a sale has been made since)."""
        if self._db is not None or Path(self.path).exists():
            self.db.execute("DELETE FROM undo_article")

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def _set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def set_meta(self, key: str, value: str) -> None:
        """Remember a small fact about the catalogue (e.g. which demo file filled it)."""
        self._set_meta(key, value)

"""The article catalogue the till sells from: finding articles by code or name, importing a
shop's article list, the demo catalogue.

The articles live in a SQLite store (:mod:`pos_gui.persistence.catalog_store`), not in memory:
a shop's 100,000 articles cost nothing at start, a scan is an index lookup and a name search
an FTS5 query. The store opens on first use. Demo mode sells from its own store, filled from the
bundled demo file; live and testing mode from the shop's store, empty until the shop imports its
list (``pos-gui catalog import FILE.csv`` or the back office). ``docs/catalog.md`` describes the
file format and the codes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pos_gui.core.basket import Article
from pos_gui.core.card_number import clean_code
from pos_gui.resource_files import resource_file

if TYPE_CHECKING:
    from pos_gui.persistence.catalog_store import CatalogRecord, CatalogStore
    from pos_gui.services.catalog_import import CatalogReader, ImportResult

# The CSV reading (pos_gui.services.catalog_import, its messages in catalog_problems) is
# imported where a file is read, and the store's modules (SQL, codes, name folding) where the
# store is first used: neither is on the way to the till's first paint (~4 ms).

__all__ = ["CATALOG_FILE", "DEMO_CATALOG_FILE", "HOW_TO_IMPORT", "Catalog", "clean_code"]

DEMO_CATALOG_RESOURCE = ("catalog", "demo_catalog.csv")
CATALOG_FILE = "catalog.sqlite3"  # the shop's catalogue, in the till's data folder
DEMO_CATALOG_FILE = "catalog-demo.sqlite3"  # demo mode's, beside the demo journal
HOW_TO_IMPORT = "pos-gui catalog import ARTIKEL.csv"
_DEMO_VERSION_KEY = "demo_catalog_sha256"
_SALE_BEFORE_IMPORT_KEY = "sale_before_import"
# The version of the chain's centrally published catalogue applied last (docs/chains.md).
_CENTRAL_VERSION_KEY = "central_catalog_version"

# progress(lines read, lines in the file)
Progress = Callable[[int, int], None]


class Catalog:
    """The articles the till sells: :meth:`lookup` by code, :meth:`search` by name."""

    def __init__(
        self,
        store: CatalogStore | str | Path,
        *,
        fill_with_demo: bool = False,
        last_sale_id: Callable[[], str | None] | None = None,
    ) -> None:
        """``last_sale_id``: the sale paid last (the ledger's); an import can be undone only
        until the next sale, so that a sold line always has the prices it was sold at.

        ``store``: the store, or the path of its file, opened (and its module loaded) on first use.
        """
        self._store = store
        self._last_sale_id = last_sale_id or (lambda: None)
        # The demo store is (re)filled on first use, not when the till is built (cold start).
        self._fill_with_demo = fill_with_demo

    # -- opening ------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, last_sale_id: Callable[[], str | None] | None = None) -> Catalog:
        """The shop's catalogue in ``path`` (created empty when missing; opened on first use)."""
        return cls(path, last_sale_id=last_sale_id)

    @classmethod
    def open_demo(cls, path: str | Path) -> Catalog:
        """Demo mode's catalogue in ``path``: the bundled demo file, imported again on first use
        when the store is empty or the demo file has changed since."""
        return cls(path, fill_with_demo=True)

    @classmethod
    def demo(cls) -> Catalog:
        """The demo catalogue in memory (tests, the headless till, benches)."""
        return cls.from_text(_demo_text(), source="demo_catalog.csv")

    @classmethod
    def load_csv(cls, path: str | Path) -> Catalog:
        """A catalogue file read strictly into memory: any bad row raises.

        Raises:
            CatalogError: the file cannot be read, or a row is not usable (the message names
                the file and line).
        """
        from pos_gui.services.catalog_import import read_text

        path = Path(path)
        return cls.from_text(read_text(path), source=str(path))

    @classmethod
    def from_text(cls, text: str, *, source: str = "<catalogue>") -> Catalog:
        """Catalogue CSV text in memory; ``source`` names the file in error messages."""
        from pos_gui.services.catalog_problems import CatalogError

        reader = _reader(text, source)
        records = list(reader.records())
        if reader.problems:
            problem = reader.problems[0]
            raise CatalogError(problem.reason, source=source, line=problem.line, column=problem.column)
        from pos_gui.persistence.catalog_store import CatalogStore

        store = CatalogStore(":memory:")
        store.import_records(records, source=source)
        store.forget_undo()
        return cls(store)

    @property
    def store(self) -> CatalogStore:
        """The SQLite store; built on first use (its file opens on its first query)."""
        if isinstance(self._store, (str, Path)):
            from pos_gui.persistence.catalog_store import CatalogStore

            self._store = CatalogStore(self._store)
        return self._store

    # -- finding ------------------------------------------------------------------------------

    def lookup(self, code: str) -> Article | None:
        """The article whose EAN or article number is ``code`` (or the priced article of an
        in-store code with embedded price or weight), or ``None``. Scanner whitespace and
        control characters are removed first."""
        self._ready()
        return self.store.lookup(clean_code(code))

    def search(self, text: str, limit: int = 20) -> list[Article]:
        """Articles whose name matches ``text`` ignoring case and umlaut spelling: names that
        begin with it first, then names with words that begin with it, then names containing it."""
        self._ready()
        return self.store.search(text, limit)

    def groups(self) -> list[str]:
        """The product groups, in catalogue order (the touch grid's group buttons)."""
        self._ready()
        return self.store.groups()

    def group_articles(self, group: str, offset: int = 0, limit: int = 48) -> list[Article]:
        """One page of ``group``'s articles in catalogue order: ``limit`` from ``offset`` on."""
        self._ready()
        return self.store.group_articles(group, offset, limit)

    def favourites(self, article_numbers: Sequence[str]) -> list[Article]:
        """The active articles of ``article_numbers`` in that order; unknown or inactive ones
        are left out (a favourite the last import took away)."""
        self._ready()
        records = (self.store.record(number) for number in article_numbers)
        return [record.article() for record in records if record is not None and record.active]

    @property
    def articles(self) -> list[Article]:
        """Every active article in catalogue order (reads the whole store: small catalogues only)."""
        self._ready()
        return [record.article() for record in self.store.records() if record.active]

    def __len__(self) -> int:
        self._ready()
        return self.store.count()

    def is_empty(self) -> bool:
        """No article at all: live mode before the shop's first import (the till says how)."""
        self._ready()
        return self.store.is_empty()

    # -- import, export, undo -----------------------------------------------------------------

    def import_csv(self, path: str | Path, progress: Progress | None = None) -> ImportResult:
        """Upsert the usable rows of a CSV file by article number; rows that cannot be used are
        listed in the result, never abort the import. The last import can be undone until the
        next sale (:meth:`undo_last_import`).

        Raises:
            CatalogError: nothing could be read (missing file, empty file, unknown header).
        """
        from pos_gui.services.catalog_import import ImportResult, read_text

        path = Path(path)
        reader = _reader(read_text(path), str(path))

        def report(_count: int) -> None:
            if progress is not None:
                progress(reader.line, reader.lines)

        imported = self.store.import_records(reader.records(), source=path.name, progress=report)
        self.store.set_meta(_SALE_BEFORE_IMPORT_KEY, self._last_sale_id() or "")
        if progress is not None:
            progress(reader.lines, reader.lines)
        return ImportResult(imported=imported, problems=reader.problems, lines=reader.lines)

    def export_csv(self, path: str | Path) -> int:
        """Write every article (inactive ones too) in the till's own format; returns how many."""
        from pos_gui.services.catalog_import import export_text

        records = list(self.store.records())
        Path(path).write_text(export_text(records), encoding="utf-8")
        return len(records)

    def can_undo_import(self) -> bool:
        """Whether the last import can still be undone: no sale has been paid since."""
        if not self.store.can_undo():
            return False
        if self.store.meta(_SALE_BEFORE_IMPORT_KEY) != (self._last_sale_id() or ""):
            self.store.forget_undo()  # a sale since: the undo is gone for good
            return False
        return True

    def undo_last_import(self) -> int:
        """Put the articles of the last import back as they were; returns how many were touched
        (0: nothing to undo, or a sale has been paid since the import)."""
        if not self.can_undo_import():
            return 0
        return self.store.undo_last_import()

    # -- the chain's central catalogue (docs/chains.md) -----------------------------------------

    def central_version(self) -> int:
        """The version of the centrally published catalogue applied last (0: none yet)."""
        return int(self.store.meta(_CENTRAL_VERSION_KEY) or 0)

    def apply_published(self, version: int, text: str, *, source: str = "") -> int:
        """Upsert a centrally published catalogue (checked when it was published) once; returns
        how many articles were written (0: this version or a newer one is applied already).

        The caller applies it between sales only. A sold line keeps its price: the sale holds a
        copy of the article. The undo of a local import is gone afterwards, as after a sale.
        """
        if version <= self.central_version():
            return 0
        self._ready()
        reader = _reader(text, source or f"central catalogue {version}")
        written = self.store.import_records(reader.records(), source=source)
        self.store.forget_undo()
        self.store.set_meta(_CENTRAL_VERSION_KEY, str(version))
        return written

    def close(self) -> None:
        if not isinstance(self._store, (str, Path)):  # never opened: nothing to close
            self._store.close()

    def _ready(self) -> None:
        if self._fill_with_demo:
            self._fill_with_demo = False
            _fill_with_demo(self.store)


def _reader(text: str, source: str) -> CatalogReader:
    from pos_gui.services.catalog_import import CatalogReader
    from pos_gui.services.catalog_problems import CatalogError

    try:
        return CatalogReader(text)
    except CatalogError as error:
        raise error.in_file(source) from None


def _demo_text() -> str:
    return resource_file(*DEMO_CATALOG_RESOURCE).read_text(encoding="utf-8")


def _fill_with_demo(store: CatalogStore) -> None:
    """Import the demo file into ``store`` unless it already holds this very version."""
    text = _demo_text()
    import hashlib  # loads OpenSSL: only here (demo catalogue filled), not before the first paint

    version = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if not store.is_empty() and store.meta(_DEMO_VERSION_KEY) == version:
        return
    from pos_gui.services.catalog_import import CatalogReader

    store.clear()
    records = list(CatalogReader(text).records())
    store.import_records(records, source="demo_catalog.csv")
    store.forget_undo()
    store.set_meta(_DEMO_VERSION_KEY, version)


def demo_records() -> list[CatalogRecord]:
    """The demo catalogue's records (tests, benches)."""
    from pos_gui.services.catalog_import import CatalogReader

    return list(CatalogReader(_demo_text()).records())

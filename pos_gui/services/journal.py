"""The till's write-ahead journal: one SQLite row per sale, written before every request it announces.

The checkout writes the sale's state here *before* it sends the request that the state announces
(``PAYING`` with the transaction id before ``start/cash``), so after a crash or a power cut the till
knows which sales may have been paid and reads them back from the server instead of guessing
(:meth:`pos_gui.services.checkout.CheckoutService.recover`). The same rows are the day's sales list.

The file is opened with ``journal_mode=WAL`` and ``synchronous=FULL``: every :meth:`Journal.update`
is one committed transaction that is on disk when the call returns. Schema and guarantees are
described in ``docs/journal.md``.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Final

from pos_gui.core.basket import Article, BasketLine
from pos_gui.core.money import Cents

# States a journal row can be in: the checkout states, plus VOIDED for a sale given up before
# any payment was started. PAID and VOIDED rows are finished; every other row is unfinished.
VOIDED: Final = "VOIDED"
FINISHED_STATES: Final = frozenset({"PAID", VOIDED})

SCHEMA_VERSION: Final = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sales (
    sale_id        TEXT PRIMARY KEY,
    sale_number    INTEGER NOT NULL UNIQUE,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    state          TEXT NOT NULL,
    basket         TEXT NOT NULL DEFAULT '[]',
    card_number    TEXT,
    transaction_id TEXT,
    tendered       INTEGER,
    total          INTEGER NOT NULL DEFAULT 0,
    card_share     INTEGER NOT NULL DEFAULT 0,
    cash           INTEGER NOT NULL DEFAULT 0,
    receipt        TEXT,
    error          TEXT
);
CREATE INDEX IF NOT EXISTS sales_by_state ON sales (state);
CREATE INDEX IF NOT EXISTS sales_by_day ON sales (substr(created_at, 1, 10));
"""

_COLUMNS: Final = (
    "sale_id, sale_number, created_at, updated_at, state, basket, card_number, transaction_id, "
    "tendered, total, card_share, cash, receipt, error"
)


class _Unset:
    """Marks an :meth:`Journal.update` argument that was not given (``None`` means "clear it")."""

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Final = _Unset()


@dataclass(frozen=True)
class SaleRecord:
    """One sale as the journal holds it.

    Attributes:
        sale_id: the till's id of the sale (a UUID), never reused.
        sale_number: the till's running sale number (1, 2, 3, ...), part of the transactionRef.
        created_at, updated_at: local time with UTC offset, ISO 8601.
        state: a :class:`~pos_gui.services.checkout.CheckoutState` value, or ``VOIDED``.
        basket: the basket lines (see :func:`basket_lines_to_json`).
        card_number: the scanned card, or ``None``.
        transaction_id: the Smart Transaction (``STX_...``) once created, else ``None``.
        tendered: the cash the customer handed over (cents), once paying.
        total: the basket total (cents).
        card_share: what the card pays (cents): the applied balance, 0 when not applied.
        cash: what is paid in cash (cents): ``total - card_share``.
        receipt: once paid: ``{"transaction": <server JSON>, "payment": {...}}``.
        error: the last error text, or ``None``.
    """

    sale_id: str
    sale_number: int
    created_at: str
    updated_at: str
    state: str
    basket: list[dict[str, Any]]
    card_number: str | None
    transaction_id: str | None
    tendered: Cents | None
    total: Cents
    card_share: Cents
    cash: Cents
    receipt: dict[str, Any] | None
    error: str | None

    @property
    def time(self) -> datetime:
        """When the sale was opened (timezone-aware)."""
        return datetime.fromisoformat(self.created_at)

    @property
    def is_finished(self) -> bool:
        return self.state in FINISHED_STATES

    def basket_lines(self) -> list[BasketLine]:
        """The basket as :class:`BasketLine` objects, for :meth:`Basket.restore`."""
        return basket_lines_from_json(self.basket)


def basket_lines_to_json(lines: Iterable[BasketLine]) -> list[dict[str, Any]]:
    """Basket lines as JSON-ready dicts: line id, the article's fields and the quantity."""
    return [
        {
            "line_id": line.line_id,
            "article_number": line.article.article_number,
            "ean": line.article.ean,
            "name": line.article.name,
            "price": line.article.price,
            "vat_rate": line.article.vat_rate,
            "group": line.article.group,
            "quantity": line.quantity,
        }
        for line in lines
    ]


def basket_lines_from_json(data: Iterable[dict[str, Any]]) -> list[BasketLine]:
    """The inverse of :func:`basket_lines_to_json`."""
    return [
        BasketLine(
            line_id=int(item["line_id"]),
            article=Article(
                article_number=str(item["article_number"]),
                ean=str(item.get("ean", "")),
                name=str(item["name"]),
                price=int(item["price"]),
                vat_rate=int(item["vat_rate"]),
                group=str(item.get("group", "")),
            ),
            quantity=int(item["quantity"]),
        )
        for item in data
    ]


def _local_now() -> datetime:
    return datetime.now().astimezone()


class Journal:
    """The SQLite journal of one till.

    One connection, guarded by a lock, so the journal may be used from the UI thread and a worker
    thread of the same process. Opening the file again after a crash (or from another process
    once the first is gone) sees every committed update.

    Args:
        path: the SQLite file; its folder is created if missing.
        clock: returns the current time (timezone-aware); tests pass a fake.
    """

    def __init__(self, path: Path | str, *, clock: Callable[[], datetime] = _local_now) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._clock = clock
        self._lock = threading.Lock()
        # isolation_level=None: autocommit; every write below runs in its own explicit
        # BEGIN IMMEDIATE ... COMMIT so that it is durable when the method returns.
        self._db = sqlite3.connect(
            str(self.path), check_same_thread=False, isolation_level=None, timeout=10.0
        )
        self._db.row_factory = sqlite3.Row
        with self._lock:
            mode = self._db.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise sqlite3.OperationalError(f"cannot put {self.path} into WAL mode (got {mode})")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.executescript(_SCHEMA)
            # Written only when it changes: every write is a synchronous commit, and the till
            # opens its journal at every start.
            if self._db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------------

    def open_sale(
        self,
        *,
        state: str,
        basket: list[dict[str, Any]] | None = None,
        card_number: str | None = None,
        total: Cents = 0,
    ) -> SaleRecord:
        """Start a new sale row with the next sale number; returns it."""
        import uuid  # here, not at the top: it loads `platform`, a few ms of every cold start

        sale_id = str(uuid.uuid4())
        now = self._clock().isoformat()
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                number = self._db.execute("SELECT COALESCE(MAX(sale_number), 0) + 1 FROM sales").fetchone()[0]
                self._db.execute(
                    "INSERT INTO sales (sale_id, sale_number, created_at, updated_at, state, basket, "
                    "card_number, total, cash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (sale_id, number, now, now, state, json.dumps(basket or []), card_number, total, total),
                )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return self.sale(sale_id)

    def update(
        self,
        sale_id: str,
        *,
        state: str | _Unset = UNSET,
        basket: list[dict[str, Any]] | _Unset = UNSET,
        card_number: str | _Unset | None = UNSET,
        transaction_id: str | _Unset | None = UNSET,
        tendered: Cents | _Unset | None = UNSET,
        total: Cents | _Unset = UNSET,
        card_share: Cents | _Unset = UNSET,
        cash: Cents | _Unset = UNSET,
        receipt: dict[str, Any] | _Unset | None = UNSET,
        error: str | _Unset | None = UNSET,
    ) -> None:
        """Change the given fields of a sale (``None`` clears a field); durable on return."""
        changes: dict[str, Any] = {}
        for name, value in (
            ("state", state),
            ("card_number", card_number),
            ("transaction_id", transaction_id),
            ("tendered", tendered),
            ("total", total),
            ("card_share", card_share),
            ("cash", cash),
            ("error", error),
        ):
            if not isinstance(value, _Unset):
                changes[name] = value
        if not isinstance(basket, _Unset):
            changes["basket"] = json.dumps(basket)
        if not isinstance(receipt, _Unset):
            changes["receipt"] = None if receipt is None else json.dumps(receipt)
        changes["updated_at"] = self._clock().isoformat()
        assignments = ", ".join(f"{name} = ?" for name in changes)
        with self._lock:
            cursor = self._db.execute(
                f"UPDATE sales SET {assignments} WHERE sale_id = ?", (*changes.values(), sale_id)
            )
        if cursor.rowcount != 1:
            raise KeyError(sale_id)

    # -- reading ---------------------------------------------------------------------------------

    def sale(self, sale_id: str) -> SaleRecord:
        rows = self._select("WHERE sale_id = ?", (sale_id,))
        if not rows:
            raise KeyError(sale_id)
        return rows[0]

    def unfinished_sales(self) -> list[SaleRecord]:
        """Sales neither paid nor voided, oldest first."""
        placeholders = ", ".join("?" for _ in FINISHED_STATES)
        return self._select(
            f"WHERE state NOT IN ({placeholders}) ORDER BY sale_number", tuple(sorted(FINISHED_STATES))
        )

    def sales_of_day(self, day: date) -> list[SaleRecord]:
        """Every sale opened on ``day`` (the till's local date), in order, voided ones included."""
        return self._select("WHERE substr(created_at, 1, 10) = ? ORDER BY sale_number", (day.isoformat(),))

    def last_completed(self) -> SaleRecord | None:
        """The most recently paid sale (for "reprint last receipt"), or ``None``."""
        rows = self._select("WHERE state = 'PAID' ORDER BY updated_at DESC, sale_number DESC LIMIT 1", ())
        return rows[0] if rows else None

    def all_sales(self) -> list[SaleRecord]:
        return self._select("ORDER BY sale_number", ())

    def _select(self, where: str, params: tuple[Any, ...]) -> list[SaleRecord]:
        with self._lock:
            rows = self._db.execute(f"SELECT {_COLUMNS} FROM sales {where}", params).fetchall()
        return [_record(row) for row in rows]


def _record(row: sqlite3.Row) -> SaleRecord:
    return SaleRecord(
        sale_id=row["sale_id"],
        sale_number=row["sale_number"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        state=row["state"],
        basket=json.loads(row["basket"]),
        card_number=row["card_number"],
        transaction_id=row["transaction_id"],
        tendered=row["tendered"],
        total=row["total"],
        card_share=row["card_share"],
        cash=row["cash"],
        receipt=None if row["receipt"] is None else json.loads(row["receipt"]),
        error=row["error"],
    )

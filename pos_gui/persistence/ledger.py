"""The till's append-only sale ledger: every step of every sale, in order, on disk before it is acted on.

Each step is one event row (``events``): a per-till gapless sequence number, the sale, what
happened (:class:`~pos_gui.persistence.sale_events.EventKind`), its facts as JSON and the local
time. Event rows are never changed or deleted (SQLite triggers refuse it). The current state of
each sale is derived from its events; the ``sales`` table caches it (the read model) and is
written in the same transaction as the event, so the two never disagree, and
:meth:`Ledger.read_model_from_events` can rebuild it from the events alone.

The checkout appends the event that announces a request *before* it sends that request
(``payment_announced`` before ``start/cash``), so after a crash or a power cut the till knows which
sales may have been paid and reads them back from the server instead of guessing. The file is
opened with ``journal_mode=WAL`` and ``synchronous=FULL``: an append is on disk when it returns.
Schema, event kinds and guarantees: ``docs/ledger.md``.

The same table and sequence hold the shop day's events that are not steps of one sale (logins,
cash movements, X/Z, Storno: :mod:`pos_gui.persistence.day_events`); their subject id is not a
sale id, and they do not touch the ``sales`` read model.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

from pos_gui.core.basket import BasketLine
from pos_gui.persistence.day_events import DayEventKind, LedgerEvent
from pos_gui.persistence.ledger_day import insert_day_event, next_receipt_number, select_events
from pos_gui.persistence.ledger_schema import (
    SALES_COLUMNS,
    SCHEMA_VERSION,
    add_tse_column,
    sale_record_of,
    sales_placeholders,
    sales_row_of,
    upgrade_schema,
)
from pos_gui.persistence.sale_events import (
    FINISHED_STATES,
    PAID,
    EventKind,
    SaleEvent,
    SaleRecord,
    apply_event,
    check_payload,
    payload_to_json,
)

WriteResult = TypeVar("WriteResult")


class LedgerWriteError(Exception):
    """An event could not be written (disk full, read-only file, ...). Nothing of it was kept:
    the caller must not act on it (for a payment: not send the request).

    ``path`` is the ledger file (support looks at its folder), when known.
    """

    def __init__(self, message: str, *, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


def _local_now() -> datetime:
    return datetime.now().astimezone()


class Ledger:
    """The SQLite ledger of one till.

    One connection, guarded by a lock, so the ledger may be used from the UI thread and a worker
    thread of the same process; other processes on the same file see every committed event. A
    file of the first schema (one updated row per sale) is migrated to events on first open
    (:mod:`pos_gui.persistence.ledger_migration`).

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
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            if version != SCHEMA_VERSION:
                self._upgrade(version)
            self._add_tse_column()

    def _upgrade(self, version: int) -> None:
        upgrade_schema(self._db, self.path, version, self._append_in_transaction)

    def _add_tse_column(self) -> None:
        add_tse_column(self._db)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------------

    def open_sale(
        self,
        *,
        state: str,
        basket: Iterable[BasketLine] = (),
        card_number: str | None = None,
        cashier: str | None = None,
        training: bool = False,
    ) -> SaleRecord:
        """Start a new sale with the next receipt number (``sale_opened``); returns it.

        ``cashier`` (the logged-in cashier's name) and ``training`` are written only when set, so
        a till without cashiers writes the same facts as before.
        """
        import uuid  # here, not at the top: it loads `platform`, a few ms of every cold start

        sale_id = str(uuid.uuid4())

        def facts(db: sqlite3.Connection) -> dict[str, Any]:
            number = next_receipt_number(db)
            opened: dict[str, Any] = {
                "sale_number": number,
                "state": state,
                "basket": list(basket),
                "card_number": card_number,
            }
            if cashier is not None:
                opened["cashier"] = cashier
            if training:
                opened["training"] = True
            return opened

        return self._append(sale_id, EventKind.SALE_OPENED, facts)

    def append(self, sale_id: str, kind: EventKind, **facts: Any) -> SaleRecord:
        """Append one event of ``sale_id``; durable on return. Returns the sale afterwards.

        Raises ``KeyError`` for a sale that was never opened, ``ValueError`` for a fact ``kind``
        does not carry, :class:`LedgerWriteError` when the file cannot be written.
        """
        return self.append_all(sale_id, [(kind, facts)])

    def append_all(self, sale_id: str, events: Sequence[tuple[EventKind, dict[str, Any]]]) -> SaleRecord:
        """Append several events of ``sale_id`` in one transaction: all of them or none.

        One edit of the basket can be several events (clearing it voids every line); a write
        that fails half-way must not leave half an edit in the ledger. Raises as :meth:`append`.
        """
        if not events:
            raise ValueError("no events to append")
        for kind, facts in events:
            check_payload(kind, facts)
        recorded_at = self._clock().isoformat()

        def append_each() -> SaleRecord:
            record = None
            for kind, facts in events:
                record = self._append_in_transaction(sale_id, kind, facts, recorded_at)
            assert record is not None
            return record

        return self._write(append_each)

    def append_day_event(
        self, subject_id: str, kind: DayEventKind, facts: dict[str, Any], *, numbered: str | None = None
    ) -> LedgerEvent:
        """Append one day event (not a sale step) to the one sequence; durable on return.

        ``numbered="receipt_number"`` gives it the next Bon-Nr. (a Storno receipt's own),
        ``"number"`` the next Z number; both gapless (:mod:`pos_gui.persistence.ledger_day`).
        """
        recorded_at = self._clock().isoformat()
        return self._write(
            lambda: insert_day_event(
                self._db, subject_id, kind, facts, numbered=numbered, recorded_at=recorded_at
            )
        )

    def receipt_printed(self, sale_id: str) -> SaleRecord:
        """Record that the receipt of ``sale_id`` was printed (once per printout)."""
        return self.append(sale_id, EventKind.RECEIPT_PRINTED)

    def check_writable(self) -> None:
        """Raise :class:`LedgerWriteError` unless a write reaches the file now.

        The checkout asks before the first request of a payment action: a payment the till
        could not record is not taken at all. A real, committed write (the schema version
        written again, the same value) so that a full disk or a read-only file shows here.
        """

        def rewrite_version() -> None:
            self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

        self._write(rewrite_version)

    def _append(
        self, sale_id: str, kind: EventKind, facts: Callable[[sqlite3.Connection], dict[str, Any]]
    ) -> SaleRecord:
        recorded_at = self._clock().isoformat()
        return self._write(lambda: self._append_in_transaction(sale_id, kind, facts(self._db), recorded_at))

    def _write(self, work: Callable[[], WriteResult]) -> WriteResult:
        """Run ``work`` in one BEGIN IMMEDIATE ... COMMIT; every SQLite failure of it is a
        :class:`LedgerWriteError` and leaves nothing behind."""
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
            except sqlite3.DatabaseError as exc:
                raise LedgerWriteError(str(exc), path=self.path) from exc
            try:
                result = work()
                self._db.execute("COMMIT")
            except BaseException as exc:
                self._roll_back()
                if isinstance(exc, sqlite3.DatabaseError):
                    raise LedgerWriteError(str(exc), path=self.path) from exc
                raise
        return result

    def _roll_back(self) -> None:
        # A failed COMMIT (disk full) may have rolled back already; a second error here would
        # hide the first one, so it is only ignored.
        if self._db.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")

    def _append_in_transaction(
        self, sale_id: str, kind: EventKind, facts: dict[str, Any], recorded_at: str
    ) -> SaleRecord:
        """Insert the event with seq = MAX(seq) + 1 and write the sale's read-model row.

        Runs inside the caller's BEGIN IMMEDIATE, which holds the write lock: no other writer can
        take the same number, and a rolled-back append leaves no gap.
        """
        seq = self._db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM events").fetchone()[0]
        payload = payload_to_json(facts)
        event = SaleEvent(seq, sale_id, kind, json.loads(payload), recorded_at)
        current = None if kind is EventKind.SALE_OPENED else self._sale_in_transaction(sale_id)
        record = apply_event(current, event)
        self._db.execute(
            "INSERT INTO events (seq, subject_id, kind, payload, recorded_at) VALUES (?, ?, ?, ?, ?)",
            (seq, sale_id, kind.value, payload, recorded_at),
        )
        self._db.execute(
            f"INSERT OR REPLACE INTO sales ({SALES_COLUMNS}) VALUES ({sales_placeholders()})",
            sales_row_of(record),
        )
        return record

    def _sale_in_transaction(self, sale_id: str) -> SaleRecord:
        row = self._db.execute(f"SELECT {SALES_COLUMNS} FROM sales WHERE sale_id = ?", (sale_id,)).fetchone()
        if row is None:
            raise KeyError(sale_id)
        return sale_record_of(row)

    # -- reading ---------------------------------------------------------------------------------

    def sale(self, sale_id: str) -> SaleRecord:
        rows = self._select("WHERE sale_id = ?", (sale_id,))
        if not rows:
            raise KeyError(sale_id)
        return rows[0]

    def unfinished_sales(self) -> list[SaleRecord]:
        """Sales neither paid nor voided, oldest first."""
        states = tuple(sorted(FINISHED_STATES))
        return self._select(
            f"WHERE state NOT IN ({', '.join('?' for _ in states)}) ORDER BY sale_number", states
        )

    def sales_of_day(self, day: date) -> list[SaleRecord]:
        """Every sale opened on ``day`` (the till's local date), in order, voided ones included."""
        return self._select("WHERE substr(created_at, 1, 10) = ? ORDER BY sale_number", (day.isoformat(),))

    def last_completed(self) -> SaleRecord | None:
        """The sale paid last (for "reprint the last receipt"), or ``None``.

        By the ledger's sequence number, never by wall time: after the clock was set back, the
        sale paid last still is the one paid last.
        """
        rows = self._select(
            "WHERE state = ? AND paid_seq IS NOT NULL ORDER BY paid_seq DESC LIMIT 1", (PAID,)
        )
        return rows[0] if rows else None

    def sales_with_open_tse(self) -> list[SaleRecord]:
        """Sales whose TSE transaction is planned or started but neither finished nor cancelled,
        oldest first (the fiscal reconciliation closes them)."""
        return self._select(
            "WHERE tse_json IS NOT NULL AND json_extract(tse_json, '$.state') IN ('planned', 'started') "
            "ORDER BY sale_number",
            (),
        )

    def all_sales(self) -> list[SaleRecord]:
        return self._select("ORDER BY sale_number", ())

    def events(self, sale_id: str | None = None) -> list[SaleEvent]:
        """Every sale event (of one sale, or of all), in sequence order; day events left out."""
        kinds = tuple(kind.value for kind in EventKind)
        where = f"WHERE kind IN ({', '.join('?' for _ in kinds)})"
        params: tuple[Any, ...] = kinds
        if sale_id is not None:
            where, params = "WHERE subject_id = ?", (sale_id,)
        with self._lock:
            rows = self._db.execute(
                f"SELECT seq, subject_id, kind, payload, recorded_at FROM events {where} ORDER BY seq", params
            ).fetchall()
        return [
            SaleEvent(
                row["seq"],
                row["subject_id"],
                EventKind(row["kind"]),
                json.loads(row["payload"]),
                row["recorded_at"],
            )
            for row in rows
        ]

    def all_events(self, *, after_seq: int = 0, kinds: Iterable[str] | None = None) -> list[LedgerEvent]:
        """Every event after ``after_seq``, sale steps and day events (only ``kinds`` if given)."""
        with self._lock:
            return select_events(self._db, after_seq=after_seq, kinds=kinds)

    def read_model_from_events(self) -> list[SaleRecord]:
        """Every sale as its events alone say, ordered by sale number (the cache is not read)."""
        sales: dict[str, SaleRecord] = {}
        for event in self.events():
            sales[event.sale_id] = apply_event(sales.get(event.sale_id), event)
        return sorted(sales.values(), key=lambda record: record.sale_number)

    def rebuild_read_model(self) -> None:
        """Replace the cached ``sales`` table with :meth:`read_model_from_events` (one transaction)."""
        records = self.read_model_from_events()
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.execute("DELETE FROM sales")
                self._db.executemany(
                    f"INSERT INTO sales ({SALES_COLUMNS}) VALUES ({sales_placeholders()})",
                    [sales_row_of(r) for r in records],
                )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def _select(self, where: str, params: tuple[Any, ...]) -> list[SaleRecord]:
        with self._lock:
            rows = self._db.execute(f"SELECT {SALES_COLUMNS} FROM sales {where}", params).fetchall()
        return [sale_record_of(row) for row in rows]

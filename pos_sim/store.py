"""Where the simulator keeps its state between restarts: nowhere (memory) or an SQLite file.

The in-memory objects are the truth while the simulator runs; :class:`SqliteStore` mirrors every
change right away (write-through), so ``pos-sim --state FILE`` survives a restart or a kill.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path
from typing import Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS cards (cardnumber TEXT PRIMARY KEY, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS transactions (id TEXT PRIMARY KEY, seq INTEGER NOT NULL, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, record TEXT NOT NULL);
"""


class MemoryStore:
    """Keeps nothing: the state lives and dies with the process."""

    def load(self) -> dict[str, Any] | None:
        """The saved state, or ``None`` when there is none."""
        return None

    def save_card(self, cardnumber: str, record: dict[str, Any]) -> None:
        pass

    def save_transaction(self, transaction_id: str, seq: int, record: dict[str, Any]) -> None:
        pass

    def save_meta(self, key: str, record: Any) -> None:
        pass

    def replace_all(self, snapshot: dict[str, Any]) -> None:
        pass

    def close(self) -> None:
        pass


class SqliteStore(MemoryStore):
    """Mirrors the state into an SQLite file (one row per card, per transaction, per meta key)."""

    def __init__(self, path: str | Path) -> None:
        self._lock = threading.Lock()
        # The embedded simulator serves from its own thread; every use is under self._lock.
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)

    def load(self) -> dict[str, Any] | None:
        with self._lock:
            meta = {key: json.loads(text) for key, text in self._db.execute("SELECT key, record FROM meta")}
            if not meta:
                return None
            cards = [json.loads(text) for (text,) in self._db.execute("SELECT record FROM cards")]
            transactions = [
                json.loads(text)
                for (text,) in self._db.execute("SELECT record FROM transactions ORDER BY seq")
            ]
        return {"cards": cards, "transactions": transactions, "meta": meta}

    def save_card(self, cardnumber: str, record: dict[str, Any]) -> None:
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO cards (cardnumber, record) VALUES (?, ?)",
                (cardnumber, json.dumps(record)),
            )

    def save_transaction(self, transaction_id: str, seq: int, record: dict[str, Any]) -> None:
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO transactions (id, seq, record) VALUES (?, ?, ?)",
                (transaction_id, seq, json.dumps(record)),
            )

    def save_meta(self, key: str, record: Any) -> None:
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO meta (key, record) VALUES (?, ?)", (key, json.dumps(record))
            )

    def replace_all(self, snapshot: dict[str, Any]) -> None:
        """Write a whole state (after a reset), in one SQLite transaction."""
        with self._lock:
            self._db.execute("BEGIN")
            try:
                for table in ("cards", "transactions", "meta"):
                    self._db.execute(f"DELETE FROM {table}")
                self._db.executemany(
                    "INSERT INTO cards (cardnumber, record) VALUES (?, ?)",
                    [(card["cardnumber"], json.dumps(card)) for card in snapshot["cards"]],
                )
                self._db.executemany(
                    "INSERT INTO transactions (id, seq, record) VALUES (?, ?, ?)",
                    [(t["public"]["id"], t["seq"], json.dumps(t)) for t in snapshot["transactions"]],
                )
                self._db.executemany(
                    "INSERT INTO meta (key, record) VALUES (?, ?)",
                    [(key, json.dumps(value)) for key, value in snapshot["meta"].items()],
                )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def close(self) -> None:
        with self._lock:
            self._db.close()

"""The till's cashiers: name, role and PIN, in a small SQLite file beside the ledger.

A PIN is 4 to 6 digits and is kept only as a slow, salted hash (``hashlib.scrypt``): a copy of the
file does not give the PINs away cheaply, and a PIN is never logged or returned. Who may do what
(the rights of a role) is the services' business (:mod:`pos_gui.services.cashiers`); this module
only stores and checks.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Final

# scrypt cost: about 50 ms per check on a till's CPU, which makes guessing a copied file's
# 4-digit PINs take minutes instead of microseconds while a login stays instant for a person.
SCRYPT_N: Final = 2**14
SCRYPT_R: Final = 8
SCRYPT_P: Final = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS cashiers (
    cashier_id TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    role       TEXT NOT NULL,
    pin_salt   BLOB NOT NULL,
    pin_hash   BLOB NOT NULL,
    active     INTEGER NOT NULL DEFAULT 1,
    position   INTEGER NOT NULL
);
"""


class InvalidPinError(ValueError):
    """A PIN that is not 4 to 6 digits."""


@dataclass(frozen=True)
class Cashier:
    """A cashier as the till shows them: never the PIN."""

    cashier_id: str
    name: str
    role: str


def check_pin_format(pin: str) -> None:
    if not (pin.isascii() and pin.isdigit() and 4 <= len(pin) <= 6):
        raise InvalidPinError("Die PIN hat 4 bis 6 Ziffern.")


def hash_pin(pin: str, salt: bytes) -> bytes:
    return hashlib.scrypt(pin.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)


class CashierStore:
    """The cashiers of one till (``cashiers.sqlite3`` in the data folder)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(self.path), check_same_thread=False, isolation_level=None)
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def add(self, name: str, role: str, pin: str) -> Cashier:
        """A new cashier with a fresh id; raises :class:`InvalidPinError` for a bad PIN."""
        check_pin_format(pin)
        if not name.strip():
            raise ValueError("a cashier needs a name")
        salt = secrets.token_bytes(16)
        cashier = Cashier(str(uuid.uuid4()), name.strip(), role)
        with self._lock:
            position = self._db.execute("SELECT COALESCE(MAX(position), 0) + 1 FROM cashiers").fetchone()[0]
            self._db.execute(
                "INSERT INTO cashiers (cashier_id, name, role, pin_salt, pin_hash, position) VALUES (?, ?, ?, ?, ?, ?)",
                (cashier.cashier_id, cashier.name, role, salt, hash_pin(pin, salt), position),
            )
        return cashier

    def change_pin(self, cashier_id: str, pin: str) -> None:
        check_pin_format(pin)
        salt = secrets.token_bytes(16)
        with self._lock:
            self._db.execute(
                "UPDATE cashiers SET pin_salt = ?, pin_hash = ? WHERE cashier_id = ?",
                (salt, hash_pin(pin, salt), cashier_id),
            )

    def all(self) -> list[Cashier]:
        """The active cashiers in the order they were added."""
        with self._lock:
            rows = self._db.execute(
                "SELECT cashier_id, name, role FROM cashiers WHERE active = 1 ORDER BY position"
            ).fetchall()
        return [Cashier(*row) for row in rows]

    def check_pin(self, cashier_id: str, pin: str) -> Cashier | None:
        """The cashier if ``pin`` is theirs, else ``None`` (constant-time comparison)."""
        with self._lock:
            row = self._db.execute(
                "SELECT cashier_id, name, role, pin_salt, pin_hash FROM cashiers WHERE cashier_id = ? AND active = 1",
                (cashier_id,),
            ).fetchone()
        if row is None:
            return None
        cashier_id, name, role, salt, stored = row
        if not hmac.compare_digest(hash_pin(pin, salt), stored):
            return None
        return Cashier(cashier_id, name, role)

    def find_by_pin(self, pin: str, *, role: str | None = None) -> Cashier | None:
        """The (first) cashier whose PIN this is, of ``role`` if given (a manager's override)."""
        for cashier in self.all():
            if role is not None and cashier.role != role:
                continue
            found = self.check_pin(cashier.cashier_id, pin)
            if found is not None:
                return found
        return None

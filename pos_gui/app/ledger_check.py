"""Opening the till's ledger at start, and refusing clearly when it cannot be read.

A damaged or unreadable ledger must stop the till (selling on without its record would lose the
day and break the exactly-once guarantees), but never with a raw traceback: the cashier and store
IT are told what is wrong, where the file is, and what support needs. Nothing is repaired or
replaced here: the damaged file is evidence and stays as it is.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pos_gui.services.ledger import Ledger

# The exit code of a start refused because the ledger cannot be read.
EXIT_LEDGER_UNREADABLE = 4


class LedgerUnreadableError(Exception):
    """The ledger file exists but cannot be opened or read; ``str()`` is the message for people."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(
            f"Das Kassenjournal kann nicht gelesen werden: {path}\n"
            f"Grund: {reason}\n\n"
            "Die Kasse startet nicht, damit keine Verkäufe verloren gehen. Bitte die Datei weder "
            "löschen noch verschieben und den Support rufen. Für den Support: den ganzen Ordner "
            f"{path.parent} sichern (mit allen Dateien, die mit {path.name} beginnen)."
        )


def open_ledger(path: Path) -> Ledger:
    """The ledger at ``path``, opened and read once; :class:`LedgerUnreadableError` when it cannot be.

    The read (the unfinished sales, which the start-up needs anyway) finds damage that opening
    alone does not (a valid header over broken pages).
    """
    from pos_gui.services.ledger import Ledger

    try:
        ledger = Ledger(path)
    except (sqlite3.DatabaseError, OSError) as error:
        raise LedgerUnreadableError(path, _reason(error)) from error
    try:
        ledger.unfinished_sales()
    except (sqlite3.DatabaseError, OSError, ValueError, KeyError) as error:
        ledger.close()
        raise LedgerUnreadableError(path, _reason(error)) from error
    return ledger


def _reason(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    if "not a database" in text or "malformed" in text:
        return f"die Datei ist beschädigt ({text})"
    if isinstance(error, PermissionError) or "readonly" in text or "unable to open" in text:
        return f"keine Berechtigung oder Datei nicht erreichbar ({text})"
    return text

"""The till's sale ledger as the layers above the services see it.

The ledger itself lives in :mod:`pos_gui.persistence.ledger`; the UI never imports persistence, so
presenters and the back office take the ledger, its sale records and its states from here.
"""

from __future__ import annotations

from pos_gui.persistence.ledger import Ledger, LedgerWriteError
from pos_gui.persistence.sale_events import PAID, VOIDED, EventKind, SaleEvent, SaleRecord, basket_to_json

__all__ = [
    "PAID",
    "VOIDED",
    "EventKind",
    "Ledger",
    "LedgerWriteError",
    "SaleEvent",
    "SaleRecord",
    "basket_to_json",
]

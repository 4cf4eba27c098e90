"""The simulator's state behind one lock: settings, persistence, admin, and the three desks.

The work is done by :class:`pos_sim.oauth.OAuthDesk` (tokens, device pairing),
:class:`pos_sim.card_book.CardBook` (cards) and
:class:`pos_sim.smart_transactions.TransactionDesk` (Smart Transactions). They have no lock of
their own: every public method here takes the state's lock, so the embedded simulator (serving
from its own thread) and anything else in the process see consistent state. Changes are mirrored
to the store right away.
"""

from __future__ import annotations

import copy
import threading
import time
from collections.abc import Callable
from typing import Any

from pos_sim import demo_data
from pos_sim.card_book import CardBook, merchant_json
from pos_sim.cards import SimCard
from pos_sim.errors import SimApiError
from pos_sim.oauth import OAuthDesk
from pos_sim.settings import SimulatorSettings
from pos_sim.smart_transactions import StoredTransaction, TransactionDesk
from pos_sim.store import MemoryStore


class SimulatorState:
    """Everything the simulator knows, behind one lock.

    Args:
        settings: the behaviour knobs; :meth:`reset` returns to these.
        store: where changes are mirrored (default: nowhere).
        clock: wall-clock seconds, for token and device-code expiry (tests may pass a fake).
    """

    def __init__(
        self,
        settings: SimulatorSettings | None = None,
        store: MemoryStore | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._lock = threading.RLock()
        self._initial_settings = copy.deepcopy(settings or SimulatorSettings())
        self._initial_settings.validate()
        self.settings = copy.deepcopy(self._initial_settings)
        self._store = store or MemoryStore()
        self._oauth = OAuthDesk(self._store, lambda: self.settings, clock)
        self._cards = CardBook(self._store)
        self._transactions = TransactionDesk(self._store, self._cards, lambda: self.settings)
        saved = self._store.load()
        if saved is None:
            self._load_demo_data()
            self._store.replace_all(self._snapshot())
        else:
            self._restore(saved)

    # ----------------------------------------------------------------- persistence

    def _load_demo_data(self) -> None:
        self._cards.replace_all(demo_data.demo_cards())
        self._transactions.clear()

    def _snapshot(self) -> dict[str, Any]:
        return {
            "cards": self._cards.records(),
            "transactions": self._transactions.records(),
            "meta": {"counters": self._transactions.counters(), **self._oauth.as_meta()},
        }

    def _restore(self, saved: dict[str, Any]) -> None:
        self._cards.replace_all([SimCard.from_record(c) for c in saved["cards"]])
        meta = saved["meta"]
        self._transactions.restore(saved["transactions"], meta.get("counters", {}))
        self._oauth.restore(meta)

    def close(self) -> None:
        """Close the store (the state file)."""
        with self._lock:
            self._store.close()

    # ----------------------------------------------------------------- admin

    def reset(self) -> None:
        """Back to the demo data and the start settings.

        Access tokens, refresh tokens and approved device codes survive (a till stays paired);
        pending device codes are dropped, so an approval after a reset concerns only new ones.
        """
        with self._lock:
            self.settings = copy.deepcopy(self._initial_settings)
            self._load_demo_data()
            self._oauth.drop_pending_devices()
            self._store.replace_all(self._snapshot())

    def update_settings(self, changes: dict[str, Any]) -> SimulatorSettings:
        """Change settings at run time (until the next reset); raises ``ValueError``."""
        with self._lock:
            self.settings = self.settings.updated(changes)
            return self.settings

    def admin_state(self) -> dict[str, Any]:
        """Every transaction as the API returns it, and every merchant card."""
        with self._lock:
            return {"transactions": self._transactions.all_public(), "cards": self._cards.all_json()}

    def put_card(self, data: Any) -> dict[str, Any]:
        """Create or replace a card from the admin body; the same number keeps its ids."""
        with self._lock:
            return self._cards.put(data)

    def approve_devices(self) -> int:
        """Approve every pending device code; returns how many."""
        with self._lock:
            return self._oauth.approve_devices()

    def expire_tokens(self) -> int:
        """Let every access token expire now; returns how many were still valid."""
        with self._lock:
            return self._oauth.expire_tokens()

    # ----------------------------------------------------------------- OAuth

    def oauth_token(self, fields: dict[str, Any]) -> dict[str, Any]:
        """Answer ``POST /oauth/token``; raises :class:`pos_sim.errors.OAuthFailure`."""
        with self._lock:
            return self._oauth.token(fields)

    def check_access(self, token: str | None) -> None:
        """Raise the configured 401/403 auth error unless ``token`` is a live access token."""
        with self._lock:
            self._oauth.check_access(token)

    # ----------------------------------------------------------------- Loyalty and General

    def find_cards(self, query: str | None, count: int | None, offset: int) -> dict[str, Any]:
        """``GET /Loyalty/MerchantCards``."""
        with self._lock:
            return self._cards.find(query, count, offset)

    def get_card(self, merchantcard_id: str) -> dict[str, Any]:
        with self._lock:
            return self._cards.get(merchantcard_id)

    def validate_card(self, body: Any) -> dict[str, Any]:
        """``validateMerchantcard``."""
        with self._lock:
            return self._cards.validate(body)

    def check_passcode(self, merchantcard_id: str, body: Any) -> dict[str, Any]:
        """``checkPasscode``."""
        with self._lock:
            return self._cards.check_passcode(merchantcard_id, body)

    def merchant(self) -> dict[str, Any]:
        return merchant_json()

    # ----------------------------------------------------------------- Smart Transactions

    def create_transaction(self, body: Any) -> dict[str, Any]:
        with self._lock:
            return self._transactions.create(body)

    def get_transaction(self, transaction_id: str) -> dict[str, Any]:
        with self._lock:
            return self._transactions.get(transaction_id)

    def list_transactions(
        self, query: str | None, count: int | None, offset: int, sort: str | None
    ) -> dict[str, Any]:
        with self._lock:
            return self._transactions.find(query, count, offset, sort)

    def update_transaction(self, transaction_id: str, body: Any) -> dict[str, Any]:
        with self._lock:
            return self._transactions.update(transaction_id, body)

    def pre_transaction(self, transaction_id: str) -> dict[str, Any]:
        with self._lock:
            return self._transactions.pre_transaction(transaction_id)

    def start(self, transaction_id: str, method: str) -> dict[str, Any]:
        with self._lock:
            return self._transactions.start(transaction_id, method)

    def cancel(self, transaction_id: str) -> dict[str, Any]:
        with self._lock:
            return self._transactions.cancel(transaction_id)

    def abort(self, transaction_id: str) -> dict[str, Any]:
        with self._lock:
            return self._transactions.abort(transaction_id)


__all__ = ["SimApiError", "SimulatorState", "StoredTransaction"]

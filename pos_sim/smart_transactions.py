"""The simulator's Smart Transactions desk: create, change, apply a card, pay, cancel, abort.

The business rules follow reference §7 and §8 (where the seed files disagree, the seed wins); the
card's share comes from :mod:`pos_sim.card_share`, the pure request rules from
:mod:`pos_sim.transactions`. :class:`TransactionDesk` holds no lock of its own:
:class:`pos_sim.state.SimulatorState` calls it under the state's lock. Every change is mirrored
to the store at once.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pos_sim import demo_data, receipts
from pos_sim import transactions as rules
from pos_sim.card_book import CardBook, card_json, merchant_json, page
from pos_sim.card_share import card_payment
from pos_sim.cards import SimCard
from pos_sim.errors import bad_request, not_allowed, not_found
from pos_sim.ids import berlin_timestamp, new_id
from pos_sim.settings import SimulatorSettings
from pos_sim.store import MemoryStore

START_METHODS = ("cash", "loyalty")


@dataclass
class StoredTransaction:
    """A Smart Transaction: its API object plus what the simulator must remember about it.

    Attributes:
        seq: creation order (lists are returned in this order).
        public: the object exactly as the API returns it.
        idents_in: the idents as the client sent them (re-resolved on every change).
        applied: the preTransaction result while the card is applied:
            ``{"bonus_by_rate": [[rate, cents], ...], "cash_used": int, "missing_sum": int}``.
        booked: the card movement of a completed payment, for ``cancel``:
            ``{"cardnumber": str, "bonus_used": int, "cash_used": int}``.
    """

    seq: int
    public: dict[str, Any]
    idents_in: list[dict[str, str]]
    applied: dict[str, Any] | None = None
    booked: dict[str, Any] | None = None

    def as_record(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "public": self.public,
            "idents_in": self.idents_in,
            "applied": self.applied,
            "booked": self.booked,
        }

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> StoredTransaction:
        return cls(**record)

    @property
    def status(self) -> str:
        return str(self.public["status"])


def _new_public(
    products: list[dict[str, Any]], basket_info: dict[str, Any], refs: dict[str, Any], *, is_demo: bool
) -> dict[str, Any]:
    """A new Smart Transaction's API object, from the parts of its create body."""
    now = berlin_timestamp()
    return {
        "object": "smart.transactions",
        "id": new_id("STX"),
        "merchant": merchant_json(),
        "device_source": {"object": "smart.devices", "id": demo_data.DEVICE_ID},
        "transactions": [],
        "created": now,
        "updated": now,
        "status": "created",
        **refs,
        "basket": {"products": products, "texts": [], "type": "default"},
        "receipt": [],
        "basket_info": basket_info,
        "idents": [],
        "payment_method": None,
        "trans_id": None,
        "is_demo": is_demo,
        "application_context": {
            "locks": {"customer": False},
            "return_urls": None,
            "iframe_opts": None,
        },
        "checkout_links": None,
        "payment_links": None,
    }


class TransactionDesk:
    """Every Smart Transaction, and the TA codes of the card bookings.

    Args:
        store: where every change is mirrored.
        cards: the card store the idents are resolved against and the money moves on.
        settings: returns the current settings (they may change at run time).
    """

    def __init__(
        self, store: MemoryStore, cards: CardBook, settings: Callable[[], SimulatorSettings]
    ) -> None:
        self._store = store
        self._cards = cards
        self._settings = settings
        self._transactions: dict[str, StoredTransaction] = {}
        self._next_seq = 1
        self._next_trans_id = demo_data.FIRST_TRANS_ID

    # ----------------------------------------------------------------- persistence

    def clear(self) -> None:
        """No transactions, counters from the start (the store is not touched)."""
        self._transactions = {}
        self._next_seq = 1
        self._next_trans_id = demo_data.FIRST_TRANS_ID

    def counters(self) -> dict[str, int]:
        return {"next_seq": self._next_seq, "next_trans_id": self._next_trans_id}

    def records(self) -> list[dict[str, Any]]:
        return [t.as_record() for t in self._transactions.values()]

    def restore(self, records: list[dict[str, Any]], counters: dict[str, int]) -> None:
        loaded = [StoredTransaction.from_record(t) for t in records]
        self._transactions = {t.public["id"]: t for t in loaded}
        self._next_seq = counters.get("next_seq", len(loaded) + 1)
        self._next_trans_id = counters.get("next_trans_id", demo_data.FIRST_TRANS_ID)

    def _save(self, transaction: StoredTransaction) -> None:
        self._store.save_transaction(transaction.public["id"], transaction.seq, transaction.as_record())

    def _save_counters(self) -> None:
        self._store.save_meta("counters", self.counters())

    def all_public(self) -> list[dict[str, Any]]:
        """Every transaction as the API returns it, in creation order."""
        ordered = sorted(self._transactions.values(), key=lambda t: t.seq)
        return [copy.deepcopy(t.public) for t in ordered]

    # ----------------------------------------------------------------- helpers

    def _resolve_ident(self, ident: dict[str, str]) -> dict[str, Any]:
        card = self._cards.usable(ident)
        return {
            "object": "smart.idents",
            "id": demo_data.IDENT_TYPE_ID,
            "prefix": demo_data.IDENT_PREFIX,
            "name": demo_data.IDENT_NAME,
            "type": ident["type"],
            "value": ident["value"],
            "valid": card is not None,
            "merchantcard": card_json(card) if card else None,
            "customer": card.customer_json() if card else None,
        }

    def _valid_card(self, transaction: StoredTransaction) -> SimCard | None:
        """The first valid card among the transaction's idents, or ``None``."""
        for ident in transaction.idents_in:
            card = self._cards.usable(ident)
            if card is not None:
                return card
        return None

    def _refresh_idents(self, transaction: StoredTransaction) -> None:
        transaction.public["idents"] = [self._resolve_ident(i) for i in transaction.idents_in]

    def _get(self, transaction_id: str) -> StoredTransaction:
        transaction = self._transactions.get(transaction_id)
        if transaction is None:
            raise not_found(f"Smart transaction {transaction_id} not found")
        return transaction

    def _touch_and_save(self, transaction: StoredTransaction) -> dict[str, Any]:
        transaction.public["updated"] = berlin_timestamp()
        self._save(transaction)
        return copy.deepcopy(transaction.public)

    def _require_status(self, transaction: StoredTransaction, allowed: tuple[str, ...], action: str) -> None:
        if transaction.status not in allowed:
            raise not_allowed(
                f"The current status of the transaction ({transaction.status}) does not allow to {action} it",
                f"Die Transaktion hat den Status '{transaction.status}'; {action} ist nicht möglich "
                "(Code 1003)",
            )

    def _book_on_card(self, card: SimCard, public: dict[str, Any], *, bonus: int, cash: int) -> str:
        """Move money on the card (negative: spent) as one loyalty transaction of the Smart
        Transaction ``public``; returns the booking's TA code."""
        self._cards.move_money(card, bonus=bonus, cash=cash)
        ta_code = str(self._next_trans_id)
        self._next_trans_id += 1
        self._save_counters()
        public["transactions"] = [
            *public["transactions"],
            {"object": "loyalty.transactions", "id": new_id("LTX")},
        ]
        return ta_code

    # ----------------------------------------------------------------- the endpoints

    def create(self, body: Any) -> dict[str, Any]:
        """``POST /Smart/Transactions``."""
        if not isinstance(body, dict):
            raise bad_request("The request body must be a JSON object")
        products = rules.parse_basket(body)
        basket_info = rules.parse_basket_info(body, products, strict=self._settings().strict_basket_sum)
        idents_in = rules.parse_idents(body)
        refs = rules.parse_refs(body)
        public = _new_public(products, basket_info, refs, is_demo=rules.parse_is_demo(body))
        transaction = StoredTransaction(seq=self._next_seq, public=public, idents_in=idents_in)
        self._next_seq += 1
        self._refresh_idents(transaction)
        self._transactions[public["id"]] = transaction
        self._save_counters()
        self._save(transaction)
        return copy.deepcopy(public)

    def get(self, transaction_id: str) -> dict[str, Any]:
        return copy.deepcopy(self._get(transaction_id).public)

    def find(self, query: str | None, count: int | None, offset: int, sort: str | None) -> dict[str, Any]:
        """``GET /Smart/Transactions`` → ``{count, data}``."""
        hits = [public for public in self.all_public() if rules.matches_query(public, query)]
        sorting = rules.sort_key_for(sort)
        if sorting is not None:
            field, descending = sorting
            hits.sort(key=lambda h: str(h.get(field) or ""), reverse=descending)
        return page(hits, count, offset)

    def update(self, transaction_id: str, body: Any) -> dict[str, Any]:
        """``PUT /Smart/Transactions/{id}``: full replacement of basket and basket_info.

        Drops an applied card (status back to ``created``, bonus lines gone). Idents and refs are
        replaced when sent and kept otherwise; ``is_demo`` cannot change after creation.
        """
        if not isinstance(body, dict):
            raise bad_request("The request body must be a JSON object")
        transaction = self._get(transaction_id)
        self._require_status(transaction, ("created", "processing"), "update")
        products = rules.parse_basket(body)
        basket_info = rules.parse_basket_info(body, products, strict=self._settings().strict_basket_sum)
        if "idents" in body:
            transaction.idents_in = rules.parse_idents(body)
        refs = rules.parse_refs(body)
        public = transaction.public
        for key, value in refs.items():
            if key in body:
                public[key] = value
        public["basket"]["products"] = products
        public["basket_info"] = basket_info
        public["status"] = "created"
        transaction.applied = None
        self._refresh_idents(transaction)
        return self._touch_and_save(transaction)

    def pre_transaction(self, transaction_id: str) -> dict[str, Any]:
        """``preTransaction``: apply the card (bonus first, then cash) → ``{missing_sum, bonus_products}``."""
        transaction = self._get(transaction_id)
        self._require_status(transaction, ("created", "processing"), "apply a card to")
        card = self._valid_card(transaction)
        if card is None:
            raise not_allowed(
                "No valid card in idents", "Keine gültige Kundenkarte in der Transaktion (Code 1003)"
            )
        public = transaction.public
        products = [p for p in public["basket"]["products"] if not rules.is_bonus_line(p)]
        payment = card_payment(
            rules.gross_by_rate(products), bonus_balance=card.bonus_balance, cash_balance=card.cash_balance
        )
        first_bonus_id = max((int(p["id"]) for p in products), default=0) + 1
        bonus_products = rules.bonus_lines(payment, first_bonus_id)
        public["basket"]["products"] = products + bonus_products
        public["basket_info"]["missing_sum"] = payment.missing_sum
        public["status"] = "processing"
        transaction.applied = {
            "bonus_by_rate": sorted([rate, cents] for rate, cents in payment.bonus_by_rate.items()),
            "cash_used": payment.cash_used,
            "missing_sum": payment.missing_sum,
        }
        self._refresh_idents(transaction)
        self._touch_and_save(transaction)
        return {"missing_sum": payment.missing_sum, "bonus_products": copy.deepcopy(bonus_products)}

    def start(self, transaction_id: str, method: str) -> dict[str, Any]:
        """``start/cash`` or ``start/loyalty``: book the applied card money, record the revenue."""
        method = method.lower()
        transaction = self._get(transaction_id)
        if method not in START_METHODS:
            raise not_allowed(
                f"Payment method {method} is not enabled for this device",
                f"Die Zahlart '{method}' ist nicht freigeschaltet (Code 1003)",
            )
        self._require_status(transaction, ("created", "processing"), f"start/{method}")
        applied = transaction.applied
        if method == "loyalty" and (applied is None or applied["missing_sum"] != 0):
            raise not_allowed(
                "start/loyalty needs an applied card that covers the whole sum (missing_sum 0)",
                "Das Kartenguthaben deckt den Betrag nicht; der Rest muss anders bezahlt werden (Code 1003)",
            )
        card = self._valid_card(transaction)
        bonus_used = sum(cents for _, cents in applied["bonus_by_rate"]) if applied else 0
        cash_used = applied["cash_used"] if applied else 0
        if applied and (card is None or card.bonus_balance < bonus_used or card.cash_balance < cash_used):
            raise not_allowed(
                "The card balance changed since preTransaction; apply the card again",
                "Das Kartenguthaben hat sich geändert; bitte die Karte erneut anwenden (Code 1003)",
            )
        public = transaction.public
        if card is not None:
            ta_code = self._book_on_card(card, public, bonus=-bonus_used, cash=-cash_used)
            public["trans_id"] = ta_code
            public["receipt"] = receipts.sale_receipt(
                cardnumber=card.cardnumber,
                ta_code=ta_code,
                revenue=public["basket_info"]["sum"],
                redeemed=bonus_used + cash_used,
                balance=card.balance,
            )
            transaction.booked = {
                "cardnumber": card.cardnumber,
                "bonus_used": bonus_used,
                "cash_used": cash_used,
            }
        else:
            public["receipt"] = []
            transaction.booked = {"cardnumber": None, "bonus_used": 0, "cash_used": 0}
        # The seed shows missing_sum 0 after start/cash without preTransaction.
        public["basket_info"]["missing_sum"] = applied["missing_sum"] if applied else 0
        public["status"] = "ok"
        public["payment_method"] = method
        transaction.applied = None
        self._refresh_idents(transaction)
        return self._touch_and_save(transaction)

    def cancel(self, transaction_id: str) -> dict[str, Any]:
        """``cancel``: only from ``ok``; gives the card back what the payment took ("STORNO")."""
        transaction = self._get(transaction_id)
        self._require_status(transaction, ("ok",), "cancel")
        booked = transaction.booked or {"cardnumber": None, "bonus_used": 0, "cash_used": 0}
        public = transaction.public
        card = self._cards.by_number(booked["cardnumber"])
        ta_code = None
        if card is not None:
            ta_code = self._book_on_card(card, public, bonus=booked["bonus_used"], cash=booked["cash_used"])
        public["receipt"] = receipts.storno_receipt(
            cardnumber=card.cardnumber if card else None,
            ta_code=ta_code,
            cancelled=public["basket_info"]["sum"],
            refunded=booked["bonus_used"] + booked["cash_used"],
            balance=card.balance if card else None,
        )
        public["status"] = "cancelled"
        self._refresh_idents(transaction)
        return self._touch_and_save(transaction)

    def abort(self, transaction_id: str) -> dict[str, Any]:
        """``abort``: only before payment (``created``/``processing``); nothing was booked."""
        transaction = self._get(transaction_id)
        self._require_status(transaction, ("created", "processing"), "abort")
        transaction.applied = None
        transaction.public["status"] = "aborted"
        return self._touch_and_save(transaction)

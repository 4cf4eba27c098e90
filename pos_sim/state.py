"""The simulator's state and business rules: cards, Smart Transactions, tokens, device pairing.

Every public method takes the lock, so the embedded simulator (serving from its own thread) and
anything else in the process see consistent state. Changes are mirrored to the store right away.
Business rules follow reference §7 and §8; where the seed files disagree, the seed wins.
"""

from __future__ import annotations

import copy
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pos_gui.core.card_share import predict_card_share
from pos_sim import demo_data, receipts
from pos_sim import transactions as rules
from pos_sim.cards import SimCard, new_card
from pos_sim.errors import (
    OAuthFailure,
    SimApiError,
    auth_required,
    bad_request,
    not_allowed,
    not_found,
)
from pos_sim.ids import berlin_timestamp, new_id, new_token, new_user_code
from pos_sim.settings import SimulatorSettings
from pos_sim.store import MemoryStore

CLIENT_CREDENTIALS_SCOPE = "https://scope.secucard.com/e/api"
VERIFICATION_URL = "http://www.secuoffice.com"
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


def _page(hits: list[dict[str, Any]], count: int | None, offset: int) -> dict[str, Any]:
    """A list endpoint's answer: every hit counted, ``count`` of them (all without) from ``offset``."""
    page = hits[offset:] if count is None else hits[offset : offset + count]
    return {"count": len(hits), "data": page}


def _merchant_json() -> dict[str, Any]:
    return {
        "object": "general.merchants",
        "id": demo_data.MERCHANT_ID,
        "companyname": demo_data.MERCHANT_NAME,
    }


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
        self._clock = clock
        self._cards: dict[str, SimCard] = {}
        self._transactions: dict[str, StoredTransaction] = {}
        self._next_seq = 1
        self._next_trans_id = demo_data.FIRST_TRANS_ID
        self._tokens: dict[str, dict[str, Any]] = {}
        self._refresh_tokens: dict[str, dict[str, Any]] = {}
        self._device_codes: dict[str, dict[str, Any]] = {}
        saved = self._store.load()
        if saved is None:
            self._load_demo_data()
            self._store.replace_all(self._snapshot())
        else:
            self._restore(saved)

    # ----------------------------------------------------------------- persistence

    def _load_demo_data(self) -> None:
        self._cards = {card.cardnumber: card for card in demo_data.demo_cards()}
        self._transactions = {}
        self._next_seq = 1
        self._next_trans_id = demo_data.FIRST_TRANS_ID

    def _counters(self) -> dict[str, int]:
        return {"next_seq": self._next_seq, "next_trans_id": self._next_trans_id}

    def _snapshot(self) -> dict[str, Any]:
        return {
            "cards": [card.as_record() for card in self._cards.values()],
            "transactions": [t.as_record() for t in self._transactions.values()],
            "meta": {
                "counters": self._counters(),
                "tokens": self._tokens,
                "refresh_tokens": self._refresh_tokens,
                "device_codes": self._device_codes,
            },
        }

    def _restore(self, saved: dict[str, Any]) -> None:
        self._cards = {c["cardnumber"]: SimCard.from_record(c) for c in saved["cards"]}
        loaded = [StoredTransaction.from_record(t) for t in saved["transactions"]]
        self._transactions = {t.public["id"]: t for t in loaded}
        meta = saved["meta"]
        counters = meta.get("counters", {})
        self._next_seq = counters.get("next_seq", len(loaded) + 1)
        self._next_trans_id = counters.get("next_trans_id", demo_data.FIRST_TRANS_ID)
        self._tokens = meta.get("tokens", {})
        self._refresh_tokens = meta.get("refresh_tokens", {})
        self._device_codes = meta.get("device_codes", {})

    def _save_transaction(self, transaction: StoredTransaction) -> None:
        self._store.save_transaction(transaction.public["id"], transaction.seq, transaction.as_record())

    def _save_card(self, card: SimCard) -> None:
        self._store.save_card(card.cardnumber, card.as_record())

    def _save_auth(self) -> None:
        self._store.save_meta("tokens", self._tokens)
        self._store.save_meta("refresh_tokens", self._refresh_tokens)
        self._store.save_meta("device_codes", self._device_codes)

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
            self._device_codes = {code: d for code, d in self._device_codes.items() if d["approved"]}
            self._store.replace_all(self._snapshot())

    def update_settings(self, changes: dict[str, Any]) -> SimulatorSettings:
        """Change settings at run time (until the next reset); raises ``ValueError``."""
        with self._lock:
            self.settings = self.settings.updated(changes)
            return self.settings

    def admin_state(self) -> dict[str, Any]:
        """Every transaction as the API returns it, and every merchant card."""
        with self._lock:
            ordered = sorted(self._transactions.values(), key=lambda t: t.seq)
            return {
                "transactions": [copy.deepcopy(t.public) for t in ordered],
                "cards": [self._card_json(card) for card in self._cards.values()],
            }

    def put_card(self, data: Any) -> dict[str, Any]:
        """Create or replace a card from the admin body; the same number keeps its ids."""
        if not isinstance(data, dict) or not isinstance(data.get("cardnumber"), str | int):
            raise bad_request("cardnumber is required")
        cardnumber = str(data["cardnumber"])
        numbers = {}
        for key in ("cash_balance", "bonus_balance", "points", "passcode"):
            value = data.get(key, 0)
            if isinstance(value, bool) or not isinstance(value, int):
                raise bad_request(f"{key} must be an integer")
            numbers[key] = value
        lock_status = data.get("lock_status", "unlocked")
        if lock_status not in ("locked", "unlocked"):
            raise bad_request('lock_status must be "locked" or "unlocked"')
        holder = data.get("holder")
        if holder is not None and not isinstance(holder, str):
            raise bad_request("holder must be a string")
        cardgroup = data.get("cardgroup", demo_data.BAKERY_CARDGROUP_NAME)
        if not isinstance(cardgroup, str):
            raise bad_request("cardgroup must be a string")
        group_id = (
            demo_data.GIFT_CARDGROUP_ID
            if cardgroup == demo_data.GIFT_CARDGROUP_NAME
            else demo_data.BAKERY_CARDGROUP_ID
            if cardgroup == demo_data.BAKERY_CARDGROUP_NAME
            else new_id("CRG")
        )
        with self._lock:
            card = new_card(
                cardnumber,
                holder=holder,
                cardgroup_id=group_id,
                cardgroup_name=cardgroup,
                lock_status=lock_status,
                **numbers,
            )
            existing = self._cards.get(cardnumber)
            if existing is not None:
                card.merchantcard_id, card.card_id = existing.merchantcard_id, existing.card_id
                if card.customer_id is not None and existing.customer_id is not None:
                    card.customer_id = existing.customer_id
            self._cards[cardnumber] = card
            self._save_card(card)
            return self._card_json(card)

    def approve_devices(self) -> int:
        """Approve every pending device code; returns how many."""
        with self._lock:
            pending = [d for d in self._device_codes.values() if not d["approved"]]
            for device in pending:
                device["approved"] = True
            self._save_auth()
            return len(pending)

    def expire_tokens(self) -> int:
        """Let every access token expire now; returns how many were still valid."""
        with self._lock:
            now = self._clock()
            alive = [t for t in self._tokens.values() if t["expires_at"] > now]
            for token in alive:
                token["expires_at"] = now - 1
            self._save_auth()
            return len(alive)

    # ----------------------------------------------------------------- OAuth

    def oauth_token(self, fields: dict[str, Any]) -> dict[str, Any]:
        """Answer ``POST /oauth/token``; raises :class:`OAuthFailure` with the OAuth error."""
        grant_type = fields.get("grant_type")
        if not grant_type:
            raise OAuthFailure(400, "invalid_request", "The grant type was not specified in the request")
        if grant_type not in ("client_credentials", "device", "refresh_token"):
            raise OAuthFailure(400, "unsupported_grant_type", f'Grant type "{grant_type}" not supported')
        if not fields.get("client_id") or not fields.get("client_secret"):
            raise OAuthFailure(
                400, "invalid_client", "Client credentials were not found in the headers or body"
            )
        with self._lock:
            settings = self.settings
            if fields["client_id"] != settings.client_id or fields["client_secret"] != settings.client_secret:
                raise OAuthFailure(400, "invalid_client", "The client credentials are invalid")
            if grant_type == "client_credentials":
                return self._issue_access_token(kind="client", scope=CLIENT_CREDENTIALS_SCOPE)
            if grant_type == "refresh_token":
                return self._refresh(fields.get("refresh_token"))
            if fields.get("code"):
                return self._poll_device(str(fields["code"]))
            if fields.get("uuid"):
                return self._new_device_codes(str(fields["uuid"]))
            raise OAuthFailure(400, "invalid_request", 'Missing parameters: "uuid" or "code" required')

    def _issue_access_token(
        self, *, kind: str, scope: str | None, refresh_token: str | None = None
    ) -> dict[str, Any]:
        token = new_token()
        ttl = self.settings.token_ttl_seconds
        self._tokens[token] = {"expires_at": self._clock() + ttl, "kind": kind}
        self._drop_dead_tokens()
        self._save_auth()
        answer: dict[str, Any] = {
            "access_token": token,
            "expires_in": ttl,
            "token_type": "bearer",
            "scope": scope,
        }
        if refresh_token is not None:
            answer["refresh_token"] = refresh_token
        return answer

    def _drop_dead_tokens(self) -> None:
        # Keep the token table small in long demo sessions: forget tokens expired an hour ago.
        horizon = self._clock() - 3600
        for token in [t for t, info in self._tokens.items() if info["expires_at"] < horizon]:
            del self._tokens[token]

    def _new_device_codes(self, uuid: str) -> dict[str, Any]:
        device_code = new_token(32)
        user_code = new_user_code()
        expires_in = self.settings.device_code_expires_in
        self._device_codes[device_code] = {
            "uuid": uuid,
            "user_code": user_code,
            "expires_at": self._clock() + expires_in,
            "approved": False,
            "polls": 0,
            "refresh_token": None,
        }
        self._save_auth()
        return {
            "device_code": device_code,
            "user_code": user_code,
            "verification_url": VERIFICATION_URL,
            "expires_in": expires_in,
            "interval": self.settings.device_poll_interval,
        }

    def _poll_device(self, device_code: str) -> dict[str, Any]:
        device = self._device_codes.get(device_code)
        if device is None:
            raise OAuthFailure(400, "invalid_grant", "The device code is unknown")
        if not device["approved"] and device["expires_at"] <= self._clock():
            raise OAuthFailure(400, "expired_token", "The device code has expired")
        device["polls"] += 1
        approve_after = self.settings.device_approve_after_polls
        if not device["approved"] and approve_after is not None and device["polls"] >= approve_after:
            device["approved"] = True
        if not device["approved"]:
            self._save_auth()
            raise OAuthFailure(401, "authorization_pending", "The device has not been approved yet")
        refresh_token: str | None = device["refresh_token"]
        if refresh_token is None:
            refresh_token = device["refresh_token"] = new_token(32)
            self._refresh_tokens[refresh_token] = {"uuid": device["uuid"]}
        return self._issue_access_token(kind="device", scope=None, refresh_token=refresh_token)

    def _refresh(self, refresh_token: Any) -> dict[str, Any]:
        if not refresh_token:
            raise OAuthFailure(400, "invalid_request", 'Missing parameter: "refresh_token" required')
        if str(refresh_token) not in self._refresh_tokens:
            raise OAuthFailure(400, "invalid_grant", "Invalid refresh token")
        return self._issue_access_token(kind="device", scope=None)

    def check_access(self, token: str | None) -> None:
        """Raise the configured 401/403 auth error unless ``token`` is a live access token."""
        with self._lock:
            info = self._tokens.get(token or "")
            if info is None or info["expires_at"] <= self._clock():
                raise auth_required(int(self.settings.expired_token_style))

    # ----------------------------------------------------------------- cards

    def _card_json(self, card: SimCard) -> dict[str, Any]:
        return card.merchantcard_json(demo_data.MERCHANT_ID, demo_data.STORE_ID)

    def find_cards(self, query: str | None, count: int | None, offset: int) -> dict[str, Any]:
        """``GET /Loyalty/MerchantCards`` with the ``q`` subset of :func:`rules.matches_query`."""
        with self._lock:
            hits = [self._card_json(c) for c in self._cards.values()]
        return _page([h for h in hits if rules.matches_query(h, query)], count, offset)

    def get_card(self, merchantcard_id: str) -> dict[str, Any]:
        with self._lock:
            for card in self._cards.values():
                if card.merchantcard_id == merchantcard_id:
                    return self._card_json(card)
        raise not_found(f"Loyalty merchant card {merchantcard_id} not found")

    def validate_card(self, body: Any) -> dict[str, Any]:
        """``validateMerchantcard``: ``hasPasscode`` and ``isLocked`` only for valid cards."""
        if not isinstance(body, dict) or not isinstance(body.get("cardnumber"), str | int):
            raise bad_request("cardnumber is required")
        with self._lock:
            card = self._cards.get(str(body["cardnumber"]))
            if card is None:
                return {"isValid": False}
            return {"isValid": True, "hasPasscode": card.passcode != 0, "isLocked": card.is_locked}

    def merchant(self) -> dict[str, Any]:
        return _merchant_json()

    # ----------------------------------------------------------------- transactions

    def _ident_card(self, ident: dict[str, str]) -> SimCard | None:
        """The card a ``card`` ident names, when it is known, unlocked and active; else ``None``."""
        card = self._cards.get(ident["value"]) if ident["type"] == "card" else None
        if card is not None and not card.is_locked and card.stock_status == "active":
            return card
        return None

    def _resolve_ident(self, ident: dict[str, str]) -> dict[str, Any]:
        card = self._ident_card(ident)
        return {
            "object": "smart.idents",
            "id": demo_data.IDENT_TYPE_ID,
            "prefix": demo_data.IDENT_PREFIX,
            "name": demo_data.IDENT_NAME,
            "type": ident["type"],
            "value": ident["value"],
            "valid": card is not None,
            "merchantcard": self._card_json(card) if card else None,
            "customer": card.customer_json() if card else None,
        }

    def _valid_card(self, transaction: StoredTransaction) -> SimCard | None:
        """The first valid card among the transaction's idents, or ``None``."""
        for ident in transaction.idents_in:
            card = self._ident_card(ident)
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
        self._save_transaction(transaction)
        return copy.deepcopy(transaction.public)

    def _require_status(self, transaction: StoredTransaction, allowed: tuple[str, ...], action: str) -> None:
        if transaction.status not in allowed:
            raise not_allowed(
                f"The current status of the transaction ({transaction.status}) does not allow to {action} it",
                f"Die Transaktion hat den Status '{transaction.status}'; {action} ist nicht möglich "
                "(Code 1003)",
            )

    def create_transaction(self, body: Any) -> dict[str, Any]:
        """``POST /Smart/Transactions``."""
        if not isinstance(body, dict):
            raise bad_request("The request body must be a JSON object")
        with self._lock:
            products = rules.parse_basket(body)
            basket_info = rules.parse_basket_info(body, products, strict=self.settings.strict_basket_sum)
            idents_in = rules.parse_idents(body)
            refs = rules.parse_refs(body)
            is_demo = rules.parse_is_demo(body)
            now = berlin_timestamp()
            public: dict[str, Any] = {
                "object": "smart.transactions",
                "id": new_id("STX"),
                "merchant": _merchant_json(),
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
            transaction = StoredTransaction(seq=self._next_seq, public=public, idents_in=idents_in)
            self._next_seq += 1
            self._refresh_idents(transaction)
            self._transactions[public["id"]] = transaction
            self._store.save_meta("counters", self._counters())
            self._save_transaction(transaction)
            return copy.deepcopy(public)

    def get_transaction(self, transaction_id: str) -> dict[str, Any]:
        with self._lock:
            return copy.deepcopy(self._get(transaction_id).public)

    def list_transactions(
        self, query: str | None, count: int | None, offset: int, sort: str | None
    ) -> dict[str, Any]:
        """``GET /Smart/Transactions`` → ``{count, data}``."""
        with self._lock:
            ordered = sorted(self._transactions.values(), key=lambda t: t.seq)
            hits = [copy.deepcopy(t.public) for t in ordered if rules.matches_query(t.public, query)]
        sorting = rules.sort_key_for(sort)
        if sorting is not None:
            field, descending = sorting
            hits.sort(key=lambda h: str(h.get(field) or ""), reverse=descending)
        return _page(hits, count, offset)

    def update_transaction(self, transaction_id: str, body: Any) -> dict[str, Any]:
        """``PUT /Smart/Transactions/{id}``: full replacement of basket and basket_info.

        Drops an applied card (status back to ``created``, bonus lines gone). Idents and refs are
        replaced when sent and kept otherwise; ``is_demo`` cannot change after creation.
        """
        if not isinstance(body, dict):
            raise bad_request("The request body must be a JSON object")
        with self._lock:
            transaction = self._get(transaction_id)
            self._require_status(transaction, ("created", "processing"), "update")
            products = rules.parse_basket(body)
            basket_info = rules.parse_basket_info(body, products, strict=self.settings.strict_basket_sum)
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
        with self._lock:
            transaction = self._get(transaction_id)
            self._require_status(transaction, ("created", "processing"), "apply a card to")
            card = self._valid_card(transaction)
            if card is None:
                raise not_allowed(
                    "No valid card in idents", "Keine gültige Kundenkarte in der Transaktion (Code 1003)"
                )
            public = transaction.public
            products = [p for p in public["basket"]["products"] if not rules.is_bonus_line(p)]
            share = predict_card_share(
                rules.gross_by_rate(products),
                cash_balance=card.cash_balance,
                bonus_balance=card.bonus_balance,
            )
            first_bonus_id = max((int(p["id"]) for p in products), default=0) + 1
            bonus_products = rules.bonus_lines(share, first_bonus_id)
            public["basket"]["products"] = products + bonus_products
            public["basket_info"]["missing_sum"] = share.missing_sum
            public["status"] = "processing"
            transaction.applied = {
                "bonus_by_rate": sorted([rate, cents] for rate, cents in share.bonus_by_rate.items()),
                "cash_used": share.cash_used,
                "missing_sum": share.missing_sum,
            }
            self._refresh_idents(transaction)
            self._touch_and_save(transaction)
            return {"missing_sum": share.missing_sum, "bonus_products": copy.deepcopy(bonus_products)}

    def _next_ta_code(self) -> str:
        code = str(self._next_trans_id)
        self._next_trans_id += 1
        self._store.save_meta("counters", self._counters())
        return code

    def _book_on_card(self, card: SimCard, public: dict[str, Any], *, bonus: int, cash: int) -> str:
        """Move money on the card (negative: spent) as one loyalty transaction of the Smart
        Transaction ``public``; returns the booking's TA code."""
        card.bonus_balance += bonus
        card.cash_balance += cash
        card.last_usage = berlin_timestamp()
        self._save_card(card)
        ta_code = self._next_ta_code()
        public["transactions"] = [
            *public["transactions"],
            {"object": "loyalty.transactions", "id": new_id("LTX")},
        ]
        return ta_code

    def start(self, transaction_id: str, method: str) -> dict[str, Any]:
        """``start/cash`` or ``start/loyalty``: book the applied card money, record the revenue."""
        method = method.lower()
        with self._lock:
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
        with self._lock:
            transaction = self._get(transaction_id)
            self._require_status(transaction, ("ok",), "cancel")
            booked = transaction.booked or {"cardnumber": None, "bonus_used": 0, "cash_used": 0}
            public = transaction.public
            card = self._cards.get(booked["cardnumber"]) if booked["cardnumber"] else None
            refunded = booked["bonus_used"] + booked["cash_used"]
            ta_code = None
            if card is not None:
                ta_code = self._book_on_card(
                    card, public, bonus=booked["bonus_used"], cash=booked["cash_used"]
                )
            public["receipt"] = receipts.storno_receipt(
                cardnumber=card.cardnumber if card else None,
                ta_code=ta_code,
                cancelled=public["basket_info"]["sum"],
                refunded=refunded,
                balance=card.balance if card else None,
            )
            public["status"] = "cancelled"
            self._refresh_idents(transaction)
            return self._touch_and_save(transaction)

    def abort(self, transaction_id: str) -> dict[str, Any]:
        """``abort``: only before payment (``created``/``processing``); nothing was booked."""
        with self._lock:
            transaction = self._get(transaction_id)
            self._require_status(transaction, ("created", "processing"), "abort")
            transaction.applied = None
            transaction.public["status"] = "aborted"
            return self._touch_and_save(transaction)


__all__ = ["SimApiError", "SimulatorState", "StoredTransaction"]

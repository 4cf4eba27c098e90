"""Loyalty cards as the simulator stores them, and their ``loyalty.merchantcards`` JSON form."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from pos_sim.ids import stable_id

DEFAULT_PICTURE = "https://connect.secucard.com/ds_g/8e79737df1e2513db48908b342c3cc436edf501a"


@dataclass
class SimCard:
    """One card of the simulator's card store (money in cents).

    ``passcode`` uses the current SDK meaning: 0 = none, 1 = before any operation, 2–6 = before a
    specific action (reference §5.7); ``pin`` is the customer's passcode that ``checkPasscode``
    compares with (``None``: none set, every PIN is wrong). A card without a holder has no customer.
    """

    cardnumber: str
    merchantcard_id: str
    card_id: str
    cardgroup_id: str
    cardgroup_name: str
    customer_id: str | None
    forename: str
    surname: str
    dob: str | None = None
    cash_balance: int = 0
    bonus_balance: int = 0
    points: int = 0
    lock_status: str = "unlocked"
    stock_status: str = "active"
    passcode: int = 0
    pin: str | None = None
    card_created: str = "2024-01-15T10:00:00+01:00"
    customer_created: str = "2024-01-15T10:05:00+01:00"
    last_usage: str | None = None
    last_charge: str | None = None
    consent_for_communication: bool = True
    picture: str = DEFAULT_PICTURE

    @property
    def balance(self) -> int:
        """The total money balance: cash plus bonus."""
        return self.cash_balance + self.bonus_balance

    @property
    def is_locked(self) -> bool:
        return self.lock_status == "locked"

    @property
    def holder_name(self) -> str:
        return f"{self.forename} {self.surname}".strip()

    def as_record(self) -> dict[str, Any]:
        """Plain data for the state file."""
        return dataclasses.asdict(self)

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> SimCard:
        return cls(**record)

    def customer_json(self) -> dict[str, Any] | None:
        """The ``loyalty.customers`` object, or ``None`` for a card without a holder."""
        if self.customer_id is None:
            return None
        return {
            "object": "loyalty.customers",
            "id": self.customer_id,
            "contact": {
                "name": self.holder_name,
                "forename": self.forename,
                "surname": self.surname,
                "dob": self.dob,
            },
            "created": self.customer_created,
            "consent_for_communication": self.consent_for_communication,
        }

    def merchantcard_json(self, merchant_id: str, store_id: str) -> dict[str, Any]:
        """The ``loyalty.merchantcards`` object, fields in the seed's order."""
        merchant_ref = {"object": "general.merchants", "id": merchant_id}
        return {
            "object": "loyalty.merchantcards",
            "id": self.merchantcard_id,
            "merchant": dict(merchant_ref),
            "created_for_merchant": dict(merchant_ref),
            "card": {
                "object": "loyalty.cards",
                "id": self.card_id,
                "cardnumber": self.cardnumber,
                "created": self.card_created,
            },
            "cardgroup": {
                "object": "loyalty.cardgroups",
                "id": self.cardgroup_id,
                "display_name": self.cardgroup_name,
                "display_name_raw": self.cardgroup_name,
                "stock_warn_limit": 0,
                "picture": self.picture,
            },
            "created_for_store": {"object": "general.stores", "id": store_id},
            "customer": self.customer_json(),
            "is_base_card": True,
            "points": self.points,
            "cash_balance": self.cash_balance,
            "bonus_balance": self.bonus_balance,
            "balance": self.balance,
            "last_usage": self.last_usage,
            "last_charge": self.last_charge,
            "stock_status": self.stock_status,
            "lock_status": self.lock_status,
            "passcode": self.passcode,
            "expiry_date": None,
        }


def split_holder(holder: str | None) -> tuple[str, str]:
    """``"Erika Musterfrau"`` → ``("Erika", "Musterfrau")``; the last word is the surname."""
    if not holder or not holder.strip():
        return "", ""
    forename, _, surname = holder.strip().rpartition(" ")
    return (forename, surname) if forename else ("", surname)


def new_card(
    cardnumber: str,
    *,
    holder: str | None,
    cardgroup_id: str,
    cardgroup_name: str,
    cash_balance: int = 0,
    bonus_balance: int = 0,
    points: int = 0,
    lock_status: str = "unlocked",
    passcode: int = 0,
    pin: str | None = None,
) -> SimCard:
    """A card with ids derived from its number, so the same number always gets the same ids."""
    forename, surname = split_holder(holder)
    has_holder = bool(forename or surname)
    return SimCard(
        cardnumber=cardnumber,
        merchantcard_id=stable_id("MCD", cardnumber),
        card_id=stable_id("CRD", cardnumber),
        cardgroup_id=cardgroup_id,
        cardgroup_name=cardgroup_name,
        customer_id=stable_id("CUS", cardnumber) if has_holder else None,
        forename=forename,
        surname=surname,
        cash_balance=cash_balance,
        bonus_balance=bonus_balance,
        points=points,
        lock_status=lock_status,
        passcode=passcode,
        pin=pin,
    )

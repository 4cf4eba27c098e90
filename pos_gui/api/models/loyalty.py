"""Loyalty wire models: merchant cards (a customer's card at this merchant) and card validation.

Balances are integer cents (bounded, see :data:`~pos_gui.api.models.common.Cents`). ``balance`` is
the total, ``cash_balance`` + ``bonus_balance``.
"""

from __future__ import annotations

from pydantic import Field

from pos_gui.api.models.common import Cents, ProductRef, WireModel


class LoyaltyCard(WireModel):
    """The physical card (``loyalty.cards``): its number and when it was made."""

    object_type: str | None = Field(default=None, alias="object")
    id: str | None = None
    cardnumber: str | None = None
    created: str | None = None


class CardGroup(WireModel):
    """The card programme (``loyalty.cardgroups``), e.g. "Geschenkgutschein"."""

    object_type: str | None = Field(default=None, alias="object")
    id: str | None = None
    display_name: str | None = None
    display_name_raw: str | None = None
    stock_warn_limit: int | None = None
    picture: str | None = None


class CustomerContact(WireModel):
    """Name and contact details of a loyalty customer."""

    name: str | None = None
    forename: str | None = None
    surname: str | None = None
    dob: str | None = None


class LoyaltyCustomer(WireModel):
    """The customer a card is registered to (``loyalty.customers``)."""

    object_type: str | None = Field(default=None, alias="object")
    id: str | None = None
    contact: CustomerContact | None = None
    created: str | None = None

    @property
    def display_name(self) -> str | None:
        """ "Max Mustermann": the contact's full name, or forename + surname, or ``None``."""
        if self.contact is None:
            return None
        if self.contact.name:
            return self.contact.name
        parts = [p for p in (self.contact.forename, self.contact.surname) if p]
        return " ".join(parts) or None


class MerchantCard(WireModel):
    """A customer's card at this merchant (``loyalty.merchantcards``, ``MCD_...``).

    Attributes:
        balance: total money on the card in cents (cash + bonus).
        cash_balance: money loaded onto the card.
        bonus_balance: money earned as bonus from earlier purchases.
        points: points balance.
        lock_status: ``locked`` / ``unlocked``.
        stock_status: ``active`` / ``inactive`` / ``stored``.
        passcode: when a passcode check is required (0 = never).
    """

    object_type: str | None = Field(default=None, alias="object")
    id: str | None = None
    merchant: ProductRef | None = None
    created_for_merchant: ProductRef | None = None
    card: LoyaltyCard | None = None
    cardgroup: CardGroup | None = None
    created_for_store: ProductRef | None = None
    customer: LoyaltyCustomer | None = None
    is_base_card: bool | None = None
    points: Cents = 0
    cash_balance: Cents = 0
    bonus_balance: Cents = 0
    balance: Cents = 0
    last_usage: str | None = None
    last_charge: str | None = None
    stock_status: str | None = None
    lock_status: str | None = None
    passcode: int | None = None
    expiry_date: str | None = None

    @property
    def cardnumber(self) -> str | None:
        return self.card.cardnumber if self.card else None

    @property
    def holder_name(self) -> str | None:
        """The registered customer's name, or ``None`` for an anonymous card."""
        return self.customer.display_name if self.customer else None

    @property
    def cardgroup_name(self) -> str | None:
        return self.cardgroup.display_name if self.cardgroup else None

    @property
    def is_locked(self) -> bool:
        return self.lock_status == "locked"

    @property
    def is_active(self) -> bool:
        """True unless the card is explicitly ``inactive`` or ``stored`` (not yet handed out)."""
        return self.stock_status in (None, "active")


class CardValidation(WireModel):
    """The answer of ``validateMerchantcard``. ``has_passcode`` and ``is_locked`` come only for
    valid cards."""

    is_valid: bool = Field(alias="isValid")
    has_passcode: bool | None = Field(default=None, alias="hasPasscode")
    is_locked: bool | None = Field(default=None, alias="isLocked")


class PasscodeCheck(WireModel):
    """The answer of ``checkPasscode``: whether the PIN fits the card."""

    result: bool

"""Smart Transactions wire models: the transaction, its basket and idents, receipts, preTransaction.

A Smart Transaction is one sale: created with basket, basket_info and the card ident, optionally
``preTransaction`` (apply the card balance, sets ``missing_sum``), then ``start/cash`` or
``start/loyalty``. Amounts are integer cents; receipt text is server-formatted and printed verbatim.

What cannot be true on its own is refused (the client turns that into an invalid answer): an
amount out of range, a ``missing_sum`` below zero or above the transaction's ``sum``, a bonus line
that adds to the bill. A receipt line of a shape we do not know is skipped instead: the receipt is
decoration, and refusing the whole answer would leave a booked sale unconfirmed.
"""

from __future__ import annotations

import logging
from typing import Any

from pydantic import Field, field_validator, model_validator

from pos_gui.api.models.common import Cents, NonNegativeCents, ProductRef, Quantity, WireModel
from pos_gui.api.models.loyalty import LoyaltyCustomer, MerchantCard

log = logging.getLogger("pos_gui.api")

# Both spellings occur in the sources (§6.1 of the reference); the simulator emits "cancelled".
CANCELLED_STATUSES = frozenset({"cancelled", "canceled"})


class BasketProduct(WireModel):
    """One basket line. ``price_one`` is the gross unit price; bonus lines have it negative.

    Attributes:
        id: the line id, unique in the basket.
        article_number: the merchant's SKU (``articleNumber``).
        ean: the EAN/GTIN; leave unset when there is none (the server reads special EANs).
        desc: the article name.
        quantity: whole units.
        price_one: gross unit price in cents (``priceOne``).
        tax: VAT rate in percent (7, 19, 0).
        item_type: ``article`` (default), ``coupon``, ...
    """

    id: int | None = None
    parent: int | None = None
    article_number: str | None = Field(default=None, alias="articleNumber")
    ean: str | None = None
    desc: str | None = None
    quantity: Quantity = 1
    price_one: Cents = Field(default=0, alias="priceOne")
    tax: int | None = Field(default=None, ge=0, le=100)
    group: list[dict[str, Any]] | None = None
    serial_number: str | None = Field(default=None, alias="serialNumber")
    item_type: str | None = None
    reference_id: str | None = None
    contract_id: str | None = None
    sum: Cents | None = None

    @property
    def total(self) -> int:
        """Line total in cents (negative for bonus lines)."""
        return self.price_one * self.quantity


class TransactionBasket(WireModel):
    """The basket: its lines; the server adds ``type`` and ``texts``."""

    products: list[BasketProduct] = Field(default_factory=list)
    texts: list[Any] | None = None
    type: str | None = None


class BasketInfo(WireModel):
    """Totals: ``sum`` must equal the basket total; ``missing_sum`` appears after preTransaction."""

    sum: Cents = 0
    currency: str = "EUR"
    gratuity: Cents | None = None
    missing_sum: NonNegativeCents | None = None

    @model_validator(mode="after")
    def _missing_sum_within_sum(self) -> BasketInfo:
        # What is left to pay is a part of the total: never more.
        if self.missing_sum is not None and self.missing_sum > max(self.sum, 0):
            raise ValueError("missing_sum is larger than sum")
        return self


class Ident(WireModel):
    """A customer identification in the transaction; for us: the secucard card.

    In a request only ``type`` and ``value`` are sent (see :meth:`card`); the server fills in
    ``valid`` and the full ``merchantcard``.
    """

    object_type: str | None = Field(default=None, alias="object")
    id: str | None = None
    prefix: str | None = None
    name: str | None = None
    type: str = "card"
    value: str | None = None
    valid: bool | None = None
    merchantcard: MerchantCard | None = None
    customer: LoyaltyCustomer | None = None

    @classmethod
    def card(cls, cardnumber: str) -> Ident:
        """The request form ``{"type": "card", "value": cardnumber}``."""
        return cls(type="card", value=cardnumber)


class ReceiptLine(WireModel):
    """One server receipt line: ``separator``, ``textline``, ``name-value``, ``space``, or a type
    we do not know (kept, so the printer can skip it).

    ``value`` is kept as the server sent it; the properties read it without parsing any text.
    """

    type: str
    value: dict[str, Any] | None = None

    def _text_field(self, key: str) -> str:
        if not self.value:
            return ""
        found = self.value.get(key)
        return found if isinstance(found, str) else ""

    @property
    def caption(self) -> str:
        """A separator's caption ("" for none)."""
        return self._text_field("caption")

    @property
    def text(self) -> str:
        """A textline's text."""
        return self._text_field("text")

    @property
    def name(self) -> str:
        """A name-value line's name (left column)."""
        return self._text_field("name")

    @property
    def shown_value(self) -> str:
        """A name-value line's value (right column)."""
        return self._text_field("value")

    @property
    def decorations(self) -> frozenset[str]:
        """The decorations, normalised to the hyphen form (``align_left`` → ``align-left``)."""
        if not self.value:
            return frozenset()
        raw = self.value.get("decoration") or []
        if not isinstance(raw, list):
            return frozenset()
        return frozenset(str(item).replace("_", "-") for item in raw)

    @property
    def is_important(self) -> bool:
        return "important" in self.decorations

    @property
    def alignment(self) -> str:
        """``left``, ``center`` or ``right`` (left unless a decoration says otherwise)."""
        for side in ("center", "right", "left"):
            if f"align-{side}" in self.decorations:
                return side
        return "left"


class PreTransactionResult(WireModel):
    """The answer of ``preTransaction``: what is left to pay and the bonus lines it added."""

    missing_sum: NonNegativeCents
    bonus_products: list[BasketProduct] = Field(default_factory=list)

    @field_validator("bonus_products")
    @classmethod
    def _bonus_lines_reduce_the_bill(cls, products: list[BasketProduct]) -> list[BasketProduct]:
        if any(product.total > 0 for product in products):
            raise ValueError("a bonus line must not add to the bill")
        return products

    @property
    def bonus_used(self) -> int:
        """Bonus balance spent, in cents (positive)."""
        return -sum(product.total for product in self.bonus_products)


class SmartTransaction(WireModel):
    """A Smart Transaction as the server returns it (``smart.transactions``, ``STX_...``).

    Attributes:
        status: ``created``, ``processing``, ``ok``, ``failed``, ``cancelled`` (or ``canceled``),
            ``aborted``, ... kept as sent; see :attr:`is_paid`, :attr:`is_cancelled`.
        trans_id: the "TA Code"; a string in the seed, a number in other examples.
        transactions: references to the bookings, e.g. ``loyalty.transactions``.
        receipt: the customer receipt lines.
    """

    object_type: str | None = Field(default=None, alias="object")
    id: str
    merchant: ProductRef | None = None
    device_source: ProductRef | None = None
    transactions: list[ProductRef] = Field(default_factory=list)
    created: str | None = None
    updated: str | None = None
    status: str = "created"
    merchant_ref: str | None = Field(default=None, alias="merchantRef")
    transaction_ref: str | None = Field(default=None, alias="transactionRef")
    intent: str | None = None
    basket: TransactionBasket | None = None
    receipt: list[ReceiptLine] = Field(default_factory=list)
    receipt_merchant: list[ReceiptLine] | None = None
    receipt_merchant_print: bool | None = None
    basket_info: BasketInfo | None = None
    idents: list[Ident] = Field(default_factory=list)
    payment_method: str | None = None
    trans_id: str | int | None = None
    receipt_number: int | str | None = None
    is_demo: bool | None = None

    @field_validator("receipt", mode="before")
    @classmethod
    def _receipt_lines_we_can_read(cls, lines: Any) -> Any:
        return _known_receipt_lines(lines, "receipt") or []

    @field_validator("receipt_merchant", mode="before")
    @classmethod
    def _merchant_lines_we_can_read(cls, lines: Any) -> Any:
        return None if lines is None else _known_receipt_lines(lines, "receipt_merchant")

    @property
    def card_ident(self) -> Ident | None:
        """The first ``card`` ident, or ``None`` when no card is in the transaction."""
        return next((ident for ident in self.idents if ident.type == "card"), None)

    @property
    def merchant_card(self) -> MerchantCard | None:
        """The card as the server resolved it in the card ident."""
        ident = self.card_ident
        return ident.merchantcard if ident else None

    @property
    def normalized_status(self) -> str:
        """The status with the one-L spelling ``canceled`` mapped to ``cancelled``."""
        return "cancelled" if self.status in CANCELLED_STATUSES else self.status

    @property
    def is_paid(self) -> bool:
        return self.status == "ok"

    @property
    def is_cancelled(self) -> bool:
        return self.status in CANCELLED_STATUSES

    @property
    def missing_sum(self) -> int | None:
        return self.basket_info.missing_sum if self.basket_info else None

    @property
    def loyalty_transaction_ids(self) -> list[str]:
        return [ref.id for ref in self.transactions if ref.object_type == "loyalty.transactions" and ref.id]


def _known_receipt_lines(lines: Any, field: str) -> list[Any]:
    """The receipt lines of a shape :class:`ReceiptLine` can hold; the others are skipped."""
    if not isinstance(lines, list):
        log.debug("%s is a %s, not a list of lines: ignored", field, type(lines).__name__)
        return []
    known = [line for line in lines if _is_receipt_line(line)]
    if len(known) != len(lines):
        log.debug(
            "%s: %d of %d lines have an unknown shape, skipped", field, len(lines) - len(known), len(lines)
        )
    return known


def _is_receipt_line(line: Any) -> bool:
    if isinstance(line, ReceiptLine):
        return True
    return (
        isinstance(line, dict)
        and isinstance(line.get("type"), str)
        and (line.get("value") is None or isinstance(line.get("value"), dict))
    )


class SmartTransactionDraft(WireModel):
    """The body of ``POST /Smart/Transactions`` and ``PUT /Smart/Transactions/{id}``.

    A PUT replaces basket and basket_info, so the draft always carries both. ``None`` fields are
    left out of the body (:meth:`to_wire`), while ``intent`` and ``is_demo`` are always sent.
    """

    intent: str = "sale"
    is_demo: bool = False
    merchant_ref: str | None = Field(default=None, alias="merchantRef")
    transaction_ref: str | None = Field(default=None, alias="transactionRef")
    # The cashier who sells (free text; API reference §5.1); left out when nobody is logged in.
    cashier: str | None = None
    basket: TransactionBasket
    basket_info: BasketInfo
    idents: list[Ident] = Field(default_factory=list)

    def to_wire(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)

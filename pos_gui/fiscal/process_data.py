"""What a sale tells the TSE: the DSFinV-K ``Kassenbeleg-V1`` processData and fiskaly's receipt schema.

``processData`` is ``<BON_TYP>^<gross 19 %>_<7 %>_<10.7 %>_<5.5 %>_<0 %>^<payments>``: five gross
slots in that fixed order, amounts with two decimals and a ``.``, ``-`` for negatives, and the
payments as ``<amount>:Bar`` / ``<amount>:Unbar`` joined with ``_``, cash first. Example:
``Beleg^0.00_2.55_0.00_0.00_0.00^2.55:Bar``.

fiskaly SIGN DE v2 builds that string itself from ``schema.standard_v1.receipt``;
:func:`fiskaly_receipt_schema` writes that body from the same :class:`KassenbelegV1`, so both
forms always describe the same amounts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from pos_gui.core.money import Cents

PROCESS_TYPE_KASSENBELEG = "Kassenbeleg-V1"
CURRENCY = "EUR"


class ReceiptType(StrEnum):
    """The DSFinV-K BON_TYP of a signed event (the value is the text in processData)."""

    BELEG = "Beleg"  # a sale or refund: changes the business's assets
    AV_TRAINING = "AVTraining"  # training mode: signed, no real payment, not in the Z closing
    AV_BELEGABBRUCH = "AVBelegabbruch"  # a basket abandoned after its TSE transaction started


# fiskaly's ``receipt_type`` for each BON_TYP (developer.fiskaly.com, process types).
FISKALY_RECEIPT_TYPES: Mapping[ReceiptType, str] = {
    ReceiptType.BELEG: "RECEIPT",
    ReceiptType.AV_TRAINING: "TRAINING",
    ReceiptType.AV_BELEGABBRUCH: "CANCELLATION",
}


class VatSlot(StrEnum):
    """The five VAT slots of processData, in their fixed order (the value is fiskaly's name)."""

    NORMAL = "NORMAL"  # 19 %
    REDUCED_1 = "REDUCED_1"  # 7 %
    SPECIAL_RATE_1 = "SPECIAL_RATE_1"  # 10.7 % (average rate, agriculture)
    SPECIAL_RATE_2 = "SPECIAL_RATE_2"  # 5.5 % (average rate, forestry)
    NULL = "NULL"  # 0 %: not taxable or exempt


# The till's articles carry whole-percent rates; the two average rates never occur in a basket.
SLOT_OF_RATE: Mapping[int, VatSlot] = {19: VatSlot.NORMAL, 7: VatSlot.REDUCED_1, 0: VatSlot.NULL}


def decimal_amount(cents: Cents) -> str:
    """``cents`` as processData writes amounts: ``255`` → ``"2.55"``, ``-5`` → ``"-0.05"``."""
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    return f"{sign}{euros}.{rest:02d}"


@dataclass(frozen=True)
class KassenbelegV1:
    """One signed event's content: its type, the gross per VAT slot and the payments.

    Attributes:
        receipt_type: the BON_TYP.
        gross_by_slot: gross cents per VAT slot; missing slots are 0.
        cash: cents paid in cash (``Bar``), negative for a cash refund.
        non_cash: cents paid any other way (``Unbar``): card balance, bank card.
    """

    receipt_type: ReceiptType
    gross_by_slot: Mapping[VatSlot, Cents] = field(default_factory=dict)
    cash: Cents = 0
    non_cash: Cents = 0

    @classmethod
    def of_rates(
        cls,
        receipt_type: ReceiptType,
        gross_by_rate: Mapping[int, Cents],
        *,
        cash: Cents = 0,
        non_cash: Cents = 0,
    ) -> KassenbelegV1:
        """Build from gross cents per whole-percent VAT rate (``Basket.gross_by_rate()``).

        Raises:
            ValueError: for a rate that has no processData slot.
        """
        by_slot: dict[VatSlot, Cents] = {}
        for rate, gross in gross_by_rate.items():
            if rate not in SLOT_OF_RATE:
                raise ValueError(f"no processData slot for a VAT rate of {rate} %")
            slot = SLOT_OF_RATE[rate]
            by_slot[slot] = by_slot.get(slot, 0) + gross
        return cls(receipt_type, by_slot, cash=cash, non_cash=non_cash)

    @classmethod
    def abort(cls, gross_by_rate: Mapping[int, Cents] | None = None) -> KassenbelegV1:
        """An ``AVBelegabbruch`` of a basket with these totals: no payment is allowed on it."""
        return cls.of_rates(ReceiptType.AV_BELEGABBRUCH, gross_by_rate or {})

    def gross(self, slot: VatSlot) -> Cents:
        return self.gross_by_slot.get(slot, 0)

    def payments(self) -> list[tuple[Cents, str]]:
        """The non-zero payments as ``(cents, "Bar" | "Unbar")``, cash first."""
        both = [(self.cash, "Bar"), (self.non_cash, "Unbar")]
        return [(cents, kind) for cents, kind in both if cents != 0]


def process_data(receipt: KassenbelegV1) -> str:
    """The ``Kassenbeleg-V1`` processData string of ``receipt``."""
    slots = "_".join(decimal_amount(receipt.gross(slot)) for slot in VatSlot)
    payments = "_".join(f"{decimal_amount(cents)}:{kind}" for cents, kind in receipt.payments())
    return f"{receipt.receipt_type.value}^{slots}^{payments}"


def fiskaly_receipt_schema(receipt: KassenbelegV1) -> dict[str, Any]:
    """The ``schema`` body of a fiskaly tx update: ``{"standard_v1": {"receipt": {...}}}``.

    Only non-zero VAT slots and payments are listed (fiskaly counts a missing one as 0).
    """
    payment_types = {"Bar": "CASH", "Unbar": "NON_CASH"}
    return {
        "standard_v1": {
            "receipt": {
                "receipt_type": FISKALY_RECEIPT_TYPES[receipt.receipt_type],
                "amounts_per_vat_rate": [
                    {"vat_rate": slot.value, "amount": decimal_amount(receipt.gross(slot))}
                    for slot in VatSlot
                    if receipt.gross(slot) != 0
                ],
                "amounts_per_payment_type": [
                    {
                        "payment_type": payment_types[kind],
                        "amount": decimal_amount(cents),
                        "currency_code": CURRENCY,
                    }
                    for cents, kind in receipt.payments()
                ],
            }
        }
    }

"""What the simulated TSS derives from a finish request: processData and the receipt's QR payload.

fiskaly builds the DSFinV-K ``Kassenbeleg-V1`` processData from ``schema.standard_v1.receipt``;
so does the simulator, with its own code (it imports nothing of the till), so that a test catches
the till's formatting and the server's disagreeing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from pos_sim.fiskaly.errors import FiskalyError

PROCESS_TYPE = "Kassenbeleg-V1"

BON_TYP_OF_RECEIPT_TYPE: Mapping[str, str] = {
    "RECEIPT": "Beleg",
    "TRAINING": "AVTraining",
    "TRANSFER": "AVTransfer",
    "ORDER": "AVBestellung",
    "CANCELLATION": "AVBelegabbruch",
    "ABORT": "AVBelegabbruch",
    "BENEFIT_IN_KIND": "AVSachbezug",
    "INVOICE": "AVRechnung",
    "OTHER": "AVSonstige",
}
# processData's five slots, in their fixed order: 19 %, 7 %, 10.7 %, 5.5 %, 0 %.
VAT_SLOTS = ("NORMAL", "REDUCED_1", "SPECIAL_RATE_1", "SPECIAL_RATE_2", "NULL")
PAYMENT_KINDS: Mapping[str, str] = {"CASH": "Bar", "NON_CASH": "Unbar"}
EMPTY_ABORT = "AVBelegabbruch^0.00_0.00_0.00_0.00_0.00^"

_AMOUNT = re.compile(r"^(-?)(\d+)\.(\d{2})$")


def _cents(amount: Any) -> int:
    match = _AMOUNT.match(amount) if isinstance(amount, str) else None
    if match is None:
        raise FiskalyError(400, "E_SCHEMA_INVALID", f"amount must be a string like '4.20', not {amount!r}")
    sign, euros, cents = match.groups()
    value = int(euros) * 100 + int(cents)
    return -value if sign else value


def _decimal(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    return f"{sign}{abs(cents) // 100}.{abs(cents) % 100:02d}"


def _list(receipt: Mapping[str, Any], name: str) -> list[Mapping[str, Any]]:
    items = receipt.get(name, [])
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise FiskalyError(400, "E_SCHEMA_INVALID", f"{name} must be a list of objects")
    return items


def process_data_of(schema: Any) -> str:
    """The processData of ``schema`` = ``{"standard_v1": {"receipt": {...}}}``; 400 if it is not one."""
    receipt = schema.get("standard_v1", {}).get("receipt") if isinstance(schema, dict) else None
    if not isinstance(receipt, dict):
        raise FiskalyError(400, "E_SCHEMA_INVALID", "schema.standard_v1.receipt is required")
    receipt_type = str(receipt.get("receipt_type"))
    if receipt_type == "ANNULATION":
        raise FiskalyError(400, "E_SCHEMA_INVALID", "receipt_type ANNULATION is not allowed with a TSE")
    if receipt_type not in BON_TYP_OF_RECEIPT_TYPE:
        raise FiskalyError(400, "E_SCHEMA_INVALID", f"unknown receipt_type {receipt.get('receipt_type')!r}")
    gross = dict.fromkeys(VAT_SLOTS, 0)
    for item in _list(receipt, "amounts_per_vat_rate"):
        if item.get("vat_rate") not in gross:
            raise FiskalyError(400, "E_SCHEMA_INVALID", f"unknown vat_rate {item.get('vat_rate')!r}")
        gross[item["vat_rate"]] += _cents(item.get("amount"))
    payments = []
    for item in _list(receipt, "amounts_per_payment_type"):
        kind = PAYMENT_KINDS.get(str(item.get("payment_type")))
        if kind is None:
            raise FiskalyError(400, "E_SCHEMA_INVALID", f"unknown payment_type {item.get('payment_type')!r}")
        text = f"{_decimal(_cents(item.get('amount')))}:{kind}"
        currency = item.get("currency_code", "EUR")
        if currency != "EUR":
            text += f":{currency}"
        payments.append((kind != "Bar", text))  # cash first, otherwise in the given order
    slots = "_".join(_decimal(gross[slot]) for slot in VAT_SLOTS)
    paid = "_".join(text for _, text in sorted(payments, key=lambda payment: payment[0]))
    return f"{BON_TYP_OF_RECEIPT_TYPE[receipt_type]}^{slots}^{paid}"


def iso_millis_z(unix_seconds: int) -> str:
    return datetime.fromtimestamp(unix_seconds, UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def qr_code_data(
    *,
    client_serial_number: str,
    process_type: str,
    process_data: str,
    number: int,
    counter: int,
    time_start: int,
    time_end: int,
    algorithm: str,
    timestamp_format: str,
    signature: str,
    public_key: str,
) -> str:
    """The DSFinV-K Anhang I ``V0`` QR payload of a closed transaction."""
    return ";".join(
        [
            "V0",
            client_serial_number,
            process_type,
            process_data,
            str(number),
            str(counter),
            iso_millis_z(time_start),
            iso_millis_z(time_end),
            algorithm,
            timestamp_format,
            signature,
            public_key,
        ]
    )

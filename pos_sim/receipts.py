"""Receipt lines in the API's format (reference §10), with the server's German texts.

Amounts inside receipts are pre-formatted German text ("7,96 EUR"), exactly as the server sends
them; the till prints them verbatim.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

ReceiptLine = dict[str, Any]

IMPORTANT = "important"
ALIGN_CENTER = "align-center"


def format_eur_code(cents: int) -> str:
    """An amount as the server writes it on receipts: ``123456`` → ``"1.234,56 EUR"``."""
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    # German grouping: a dot between thousands, a comma before the cents.
    return f"{sign}{euros:,}".replace(",", ".") + f",{rest:02d} EUR"


def separator(caption: str | None = None) -> ReceiptLine:
    """A section start with an optional headline (no caption: a horizontal rule)."""
    return {"type": "separator", "value": {"caption": caption} if caption is not None else {}}


def name_value(name: str, value: str, decoration: Sequence[str] = ()) -> ReceiptLine:
    return {"type": "name-value", "value": {"name": name, "value": value, "decoration": list(decoration)}}


def textline(text: str, decoration: Sequence[str] = ()) -> ReceiptLine:
    return {"type": "textline", "value": {"text": text, "decoration": list(decoration)}}


def space() -> ReceiptLine:
    return {"type": "space"}


def _amount_block(label: str, cents: int) -> list[ReceiptLine]:
    return [space(), textline(label), textline(format_eur_code(cents), [IMPORTANT])]


def sale_receipt(
    *, cardnumber: str, ta_code: str, revenue: int, redeemed: int, balance: int
) -> list[ReceiptLine]:
    """The loyalty receipt of a sale: revenue recorded, card money spent (if any), balance after.

    Without redemption this is exactly the seed's receipt (start/cash with the card only scanned).
    """
    lines = [
        separator("Kundenkarte"),
        name_value("Kartennummer: ", cardnumber),
        name_value("TA Code: ", ta_code),
        *_amount_block("Umsatz erfasst:", revenue),
    ]
    if redeemed:
        lines += _amount_block("Mit Karte bezahlt:", redeemed)
    lines += _amount_block("Aktuelles Guthaben", balance)
    return lines


def storno_receipt(
    *, cardnumber: str | None, ta_code: str | None, cancelled: int, refunded: int, balance: int | None
) -> list[ReceiptLine]:
    """The receipt of a cancellation ("STORNO"), after PHP-DEMO's ``sample.json`` (reference §7.7)."""
    lines = [separator("Kundenkarte" if cardnumber else None), textline("STORNO", [IMPORTANT, ALIGN_CENTER])]
    if cardnumber is not None:
        lines.append(name_value("Kartennummer: ", cardnumber))
    if ta_code is not None:
        lines.append(name_value("TA Code: ", ta_code))
    lines += _amount_block("Storniert:", cancelled)
    if refunded:
        lines += _amount_block("Der Karte gutgeschrieben:", refunded)
    if balance is not None:
        lines += _amount_block("Aktuelles Guthaben", balance)
    return lines

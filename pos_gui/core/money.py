"""Money as integer cents, and the German text form cashiers read and type.

Every amount in the till is an ``int`` of euro cents. Only this module turns cents into text and
text into cents, so the screen, the receipt and the API always agree.
"""

from __future__ import annotations

import re

Cents = int

_AMOUNT_PATTERN = re.compile(r"^(?P<sign>-)?(?P<euros>\d{1,7})(?:[.,](?P<cents>\d{0,2}))?$")


def format_amount(cents: Cents) -> str:
    """Return ``cents`` as a German decimal number with two places, e.g. ``1234`` → ``"12,34"``.

    Thousands are grouped with a dot (``123456`` → ``"1.234,56"``), as German tills print them.
    """
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    grouped = f"{euros:,}".replace(",", ".")
    return f"{sign}{grouped},{rest:02d}"


def format_eur(cents: Cents) -> str:
    """Return ``cents`` as a German euro amount for the screen, e.g. ``796`` → ``"7,96 €"``."""
    return f"{format_amount(cents)} €"


def format_eur_code(cents: Cents) -> str:
    """Return ``cents`` in the server's receipt style, e.g. ``796`` → ``"7,96 EUR"``."""
    return f"{format_amount(cents)} EUR"


def parse_amount(text: str) -> Cents:
    """Parse what a cashier typed into cents.

    Accepts ``"5"``, ``"5,"``, ``"5,5"``, ``"5,50"``, ``"5.50"``, an optional ``€``/``EUR`` and
    surrounding spaces. Raises ``ValueError`` with a short reason for anything else (more than two
    decimal places, letters, thousands separators that make the value ambiguous).
    """
    cleaned = text.strip().replace("€", "").replace("EUR", "").replace(" ", "")
    match = _AMOUNT_PATTERN.match(cleaned)
    if not match:
        raise ValueError(f"not an amount: {text!r}")
    euros = int(match["euros"])
    cent_digits = (match["cents"] or "").ljust(2, "0")
    value = euros * 100 + int(cent_digits)
    return -value if match["sign"] else value

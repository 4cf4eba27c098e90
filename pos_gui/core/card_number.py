"""The one rule for a secucard number: what a scanned or typed text is, and how it is cleaned.

A secucard number is 16 digits starting with 9276 (reference §8). Scanners add CR, LF, TAB or a
GS; people type spaces between the blocks. Every place that looks at a card number (the scanner
filter, the card field, the checkout) asks this module, so they can never disagree.
"""

from __future__ import annotations

import re
from typing import Final

CARD_NUMBER_PATTERN: Final = re.compile(r"9276\d{12}")


def clean_code(text: str) -> str:
    """``text`` without control characters and white space: what a scanner or a person meant."""
    return "".join(char for char in text if char.isprintable() and not char.isspace())


def is_card_number(text: str) -> bool:
    """Whether ``text`` (already cleaned) has the shape of a secucard number."""
    return CARD_NUMBER_PATTERN.fullmatch(text) is not None


def masked(cardnumber: str) -> str:
    """The card number as a receipt or a log may show it: only the last four digits."""
    digits = clean_code(cardnumber)
    if len(digits) <= 4:
        return digits
    return "•" * (len(digits) - 4) + digits[-4:]

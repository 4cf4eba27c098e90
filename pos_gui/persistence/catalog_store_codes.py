"""EAN check digits and the in-store codes with an embedded price or weight (prefixes 20–29).

A scale or a price labeller prints an EAN-13 that carries the article and the amount:

    P P A A A A A V V V V V C
    └─┘ └───────┘ └───────┘ └ check digit (the usual EAN-13 one, over all 13 digits)
   prefix article   value
   20–29  code      prefix 20–24: the price in cents; prefix 25–29: the weight in grams

The catalogue holds such an article with the value digits zero: ``PPAAAAA00000C``. For a weight
code its price is the price per kilogram. This is one common layout of GS1 Germany's in-store
numbers; ``docs/catalog.md`` describes it for the shop's scale set-up.
"""

from __future__ import annotations

from dataclasses import dataclass

PRICE_PREFIXES = frozenset(range(20, 25))
WEIGHT_PREFIXES = frozenset(range(25, 30))


def ean_check_digit(digits: str) -> str:
    """The EAN/GTIN check digit for ``digits`` (the code without its last digit)."""
    total = sum(
        int(digit) * (3 if position % 2 == 0 else 1) for position, digit in enumerate(reversed(digits))
    )
    return str((10 - total % 10) % 10)


def has_valid_check_digit(code: str) -> bool:
    """Whether ``code`` (8–14 digits) ends with its correct check digit."""
    return code.isascii() and code.isdigit() and len(code) >= 8 and ean_check_digit(code[:-1]) == code[-1]


@dataclass(frozen=True)
class EmbeddedCode:
    """A decoded in-store code.

    Attributes:
        base_code: the article's code in the catalogue, value digits zero (check digit included).
        value: cents (``is_weight`` false) or grams (``is_weight`` true).
        is_weight: the value is a weight in grams, not a price.
    """

    base_code: str
    value: int
    is_weight: bool


def decode_embedded(code: str) -> EmbeddedCode | None:
    """The article and amount of an in-store EAN-13 with embedded price or weight, or ``None``
    when ``code`` is not one (other length or prefix, or a wrong check digit: a misread label
    must never sell the wrong amount)."""
    if len(code) != 13 or not has_valid_check_digit(code):
        return None
    prefix = int(code[:2])
    if prefix not in PRICE_PREFIXES and prefix not in WEIGHT_PREFIXES:
        return None
    base = code[:7] + "00000"
    return EmbeddedCode(
        base_code=base + ean_check_digit(base), value=int(code[7:12]), is_weight=prefix in WEIGHT_PREFIXES
    )


def price_of_weight(price_per_kg: int, grams: int) -> int:
    """The price in cents of ``grams`` at ``price_per_kg`` cents per kilogram, half a cent up."""
    return (price_per_kg * grams + 500) // 1000

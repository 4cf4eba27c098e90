"""What the cashier typed or scanned, read: the article field and the cash field.

Pure functions, no Qt and no signals: the checkout presenter asks them and decides what to do.
The card-number rule is :mod:`pos_gui.core.card_number`'s, the same one the scanner filter uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from pos_gui.core.basket import Article
from pos_gui.core.card_number import clean_code, is_card_number
from pos_gui.core.money import Cents, parse_amount

# "3*", "3x" or "3×" before a code: that many of the article. Any number of digits is read,
# so that "99999*" is refused as too many instead of being looked up as an article code.
QUANTITY_PREFIX_PATTERN = re.compile(r"^\s*(?P<quantity>\d+)\s*[*xX×]\s*(?P<rest>.*)$")

# The most a quantity prefix may ask for: a slip of the finger ("99999*") must not sell
# 99,999 rolls. Larger amounts are typed into the basket table's quantity column.
MAX_TYPED_QUANTITY = 999


class CatalogLike(Protocol):
    def lookup(self, code: str) -> Article | None: ...

    def search(self, text: str, limit: int = 20) -> list[Article]: ...


@dataclass(frozen=True)
class ArticleFieldEntry:
    """The article field's text, read.

    Attributes:
        quantity: how many (the ``3*`` prefix; 1 without one).
        text: the EAN, article number or name, without control characters and outer spaces.
        card_number: the cleaned card number when the text is one (the cashier meant the card).
    """

    quantity: int
    text: str
    card_number: str | None

    @property
    def quantity_too_large(self) -> bool:
        """The ``99999*`` slip: more than :data:`MAX_TYPED_QUANTITY` asked for."""
        return self.quantity > MAX_TYPED_QUANTITY


def read_article_field(text: str) -> ArticleFieldEntry:
    """Split an optional quantity prefix off the article field's text and recognise a card."""
    quantity = 1
    match = QUANTITY_PREFIX_PATTERN.match(text)
    if match:
        quantity = int(match["quantity"])
        text = match["rest"]
    # An article name may contain spaces: only control characters and the outer spaces go.
    text = "".join(char for char in text if char.isprintable()).strip()
    code = clean_code(text)
    return ArticleFieldEntry(quantity, text, code if is_card_number(code) else None)


def find_article(catalog: CatalogLike, text: str) -> Article | None:
    """The article with this code; else of exactly this name; else the only one whose name
    contains it."""
    article = catalog.lookup(text)
    if article is not None:
        return article
    matches = catalog.search(text, limit=50)
    exact = [candidate for candidate in matches if candidate.name.casefold() == text.casefold()]
    if exact:
        return exact[0]
    if len(matches) == 1:
        return matches[0]
    return None


def parse_tendered(text: str) -> tuple[Cents | None, bool]:
    """The cash field's amount (German comma input) and whether the text is valid.

    An empty field means the exact amount: ``(None, True)``.
    """
    text = text.strip()
    if not text:
        return None, True
    try:
        value = parse_amount(text)
    except ValueError:
        return None, False
    return (value, True) if value >= 0 else (None, False)

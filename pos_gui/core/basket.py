"""The cashier's basket: articles, lines, quantities, totals and the VAT breakdown.

The basket lives only in the till until payment; at payment the checkout service turns it into
the Smart Transaction's ``basket`` and ``basket_info`` in one request. Prices are gross (VAT
included) integer cents, as the API wants them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pos_gui.core.money import Cents

MAX_QUANTITY = 9999


@dataclass(frozen=True)
class Article:
    """One sellable article of the catalogue.

    Attributes:
        article_number: the merchant's article number (the API's ``articleNumber``).
        ean: the EAN/GTIN, or ``""`` when the article has none.
        name: the text on screen and receipt (the API's ``desc``).
        price: gross unit price in cents.
        vat_rate: VAT rate in percent (7, 19, 0).
        group: an optional product group name.
        unit: the sales unit as the receipt shows it (``"Stk"``, ``"kg"``), or ``""``.
        open_price: the price is typed at the sale (``price`` is then only a suggestion, often 0).
    """

    article_number: str
    ean: str
    name: str
    price: Cents
    vat_rate: int
    group: str = ""
    unit: str = ""
    open_price: bool = False


@dataclass
class BasketLine:
    """One line of the basket: an article and how many of it."""

    line_id: int
    article: Article
    quantity: int

    @property
    def total(self) -> Cents:
        return self.article.price * self.quantity


@dataclass(frozen=True)
class VatShare:
    """Gross, net and VAT amount of the basket for one VAT rate."""

    rate: int
    gross: Cents
    net: Cents
    vat: Cents


class Basket:
    """An ordered list of basket lines with stable line ids.

    Scanning an article that is already in the basket adds to that line's quantity, as cashiers
    expect; line ids are never reused within a sale, so the API's product ``id`` stays stable.
    """

    def __init__(self) -> None:
        self._lines: list[BasketLine] = []
        self._next_line_id = 1

    @property
    def lines(self) -> list[BasketLine]:
        return list(self._lines)

    def __len__(self) -> int:
        return len(self._lines)

    @property
    def is_empty(self) -> bool:
        return not self._lines

    @property
    def total(self) -> Cents:
        return sum(line.total for line in self._lines)

    def line(self, line_id: int) -> BasketLine:
        for line in self._lines:
            if line.line_id == line_id:
                return line
        raise KeyError(line_id)

    def add(self, article: Article, quantity: int = 1) -> BasketLine:
        """Add ``quantity`` of ``article``: to its existing line if there is one, else a new line."""
        _check_quantity(quantity)
        for line in self._lines:
            if line.article == article:
                _check_quantity(line.quantity + quantity)
                line.quantity += quantity
                return line
        line = BasketLine(line_id=self._next_line_id, article=article, quantity=quantity)
        self._next_line_id += 1
        self._lines.append(line)
        return line

    def set_quantity(self, line_id: int, quantity: int) -> None:
        """Set a line's quantity; zero removes the line."""
        if quantity == 0:
            self.void(line_id)
            return
        _check_quantity(quantity)
        self.line(line_id).quantity = quantity

    def void(self, line_id: int) -> None:
        """Remove a line from the basket."""
        self._lines.remove(self.line(line_id))

    def clear(self) -> None:
        self._lines.clear()

    def restore(self, lines: list[BasketLine]) -> None:
        """Replace the content with ``lines`` (crash recovery), keeping their line ids."""
        self._lines = [BasketLine(line.line_id, line.article, line.quantity) for line in lines]
        self._next_line_id = max((line.line_id for line in self._lines), default=0) + 1

    def gross_by_rate(self) -> dict[int, Cents]:
        """The gross total per VAT rate, in the order the rates first appear."""
        totals: dict[int, Cents] = {}
        for line in self._lines:
            totals[line.article.vat_rate] = totals.get(line.article.vat_rate, 0) + line.total
        return totals

    def vat_breakdown(self) -> list[VatShare]:
        """Net and VAT per rate, highest rate first, as a German receipt's VAT table lists them."""
        return vat_breakdown_of(self.gross_by_rate())


def vat_breakdown_of(gross_by_rate: Mapping[int, Cents]) -> list[VatShare]:
    """Net and VAT per rate of gross totals per rate, highest rate first (see ``vat_breakdown``)."""
    return [vat_share(rate, gross) for rate, gross in sorted(gross_by_rate.items(), reverse=True)]


def vat_share(rate: int, gross: Cents) -> VatShare:
    """Split a gross amount into net and VAT, rounding the VAT half up to the cent."""
    vat = (
        (gross * rate * 2 + (100 + rate)) // (2 * (100 + rate))
        if gross >= 0
        else -vat_share(rate, -gross).vat
    )
    return VatShare(rate=rate, gross=gross, net=gross - vat, vat=vat)


def _check_quantity(quantity: int) -> None:
    if not 1 <= quantity <= MAX_QUANTITY:
        raise ValueError(f"quantity must be between 1 and {MAX_QUANTITY}, not {quantity}")

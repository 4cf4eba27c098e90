"""Editing the basket as the cashier does it: codes and names typed or scanned, quantities, voids.

Part of the checkout presenter (:mod:`.checkout_presenter`), which owns the signals and decides
whether the basket may change now (``may_change_basket``: not while the start-up reconciliation
runs, a payment is under way, or the till refuses to sell); this part reads the article field
(:mod:`.sale_input`) and calls the checkout's local basket methods. Nothing here talks to the
server.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication

from pos_gui.core.basket import MAX_QUANTITY, Article
from pos_gui.services.checkout import CheckoutState
from pos_gui.ui.presenters.error_text import CashierMessage
from pos_gui.ui.presenters.sale_input import MAX_TYPED_QUANTITY, CatalogLike, find_article, read_article_field
from pos_gui.ui.presenters.till_snapshot import SaleScreen


class BasketEditing:
    """The basket part of the checkout presenter.

    Attributes:
        catalog: where codes and names are looked up (replaceable: a new catalogue).

    Args:
        checkout: the checkout service (or a fake with its API).
        catalog: where codes and names are looked up.
        screen: the presenter's screen state (the recovered sale's note is cleared on an edit).
        may_change_basket: whether the basket may change now (``allow_paid``: a paid sale's
            basket counts as changeable, a new article starts the next sale).
        start_new_sale: starts the next sale after a paid one.
        scan_card: looks a card number up (typed into the article field by mistake).
        say: shows a message to the cashier.
        changed: the views must redraw.
        line_added: a line was added (its line id), for the view to select it.
        price_needed: an open-price article (article, quantity) needs its price first.
        article_not_found: a code or name found nothing (the text), to offer "Artikel suchen".
    """

    def __init__(
        self,
        checkout: Any,
        catalog: CatalogLike,
        screen: SaleScreen,
        *,
        may_change_basket: Callable[..., bool],
        start_new_sale: Callable[[], None],
        scan_card: Callable[[str], object],
        say: Callable[[CashierMessage], None],
        changed: Callable[[], None],
        line_added: Callable[[int], None],
        price_needed: Callable[[Article, int], None],
        article_not_found: Callable[[str], None],
    ) -> None:
        self._checkout = checkout
        self.catalog = catalog
        self._screen = screen
        self._may_change_basket = may_change_basket
        self._start_new_sale = start_new_sale
        self._scan_card = scan_card
        self._say = say
        self._changed = changed
        self._line_added = line_added
        self._price_needed = price_needed
        self._article_not_found = article_not_found

    def add_code(self, text: str) -> bool:
        """Add what the cashier typed or scanned into the article field.

        ``text`` is an EAN, an article number or a name; an optional quantity prefix (``3*``)
        adds that many. Returns whether an article was added.
        """
        entry = read_article_field(text)
        if not entry.text:
            return False
        if entry.card_number is not None:
            # A card number typed into the article field: the cashier meant the card.
            self._scan_card(entry.card_number)
            return True
        if entry.quantity_too_large:
            text = QCoreApplication.translate("CheckoutPresenter", "Menge zu groß: höchstens {maximum}")
            self._say(CashierMessage("warning", text.format(maximum=MAX_TYPED_QUANTITY)))
            return False
        article = find_article(self.catalog, entry.text)
        if article is None:
            text = QCoreApplication.translate("CheckoutPresenter", "Artikel nicht gefunden: {code}")
            self._say(CashierMessage("warning", text.format(code=entry.text)))
            self._article_not_found(entry.text)
            return False
        return self.add_article(article, entry.quantity)

    def add_article(self, article: Article, quantity: int = 1) -> bool:
        """Add ``quantity`` of ``article``; an open-price article first asks for its price
        (``price_needed``), and the view adds it priced, with ``open_price`` off."""
        if not self._may_change_basket():
            return False
        if article.open_price:
            self._price_needed(article, quantity)
            return False
        if not 1 <= quantity <= MAX_QUANTITY:
            self._say_invalid_quantity(quantity)
            return False
        if self._checkout.state is CheckoutState.PAID:
            self._start_new_sale()
        self._screen.recovered = None
        try:
            self._checkout.add_article(article, quantity)
        except ValueError:
            self._say_invalid_quantity(quantity)
            return False
        self._changed()
        line = next((line for line in self._checkout.basket.lines if line.article == article), None)
        if line is not None:
            self._line_added(line.line_id)
        return True

    def set_quantity(self, line_id: int, quantity: int) -> None:
        if not self._may_change_basket(allow_paid=False):
            return
        if not 0 <= quantity <= MAX_QUANTITY:
            self._say_invalid_quantity(quantity)
            self._changed()
            return
        try:
            self._checkout.set_quantity(line_id, quantity)
        except (KeyError, ValueError):
            self._say_invalid_quantity(quantity)
        self._changed()

    def change_quantity(self, line_id: int, delta: int) -> None:
        """``+``/``-``: one more or one less of a line (one less of a single item voids it)."""
        try:
            line = self._checkout.basket.line(line_id)
        except KeyError:
            return
        self.set_quantity(line_id, max(line.quantity + delta, 0))

    def void_line(self, line_id: int) -> None:
        if not self._may_change_basket(allow_paid=False):
            return
        try:
            self._checkout.void_line(line_id)
        except KeyError:
            return
        self._changed()

    def clear_basket(self) -> None:
        if not self._may_change_basket(allow_paid=False):
            return
        self._checkout.clear_basket()
        self._changed()

    def remove_card(self) -> None:
        if not self._may_change_basket(allow_paid=False):
            return
        self._checkout.remove_card()
        self._changed()

    def _say_invalid_quantity(self, quantity: int) -> None:
        text = QCoreApplication.translate("CheckoutPresenter", "Ungültige Menge: {quantity}")
        self._say(CashierMessage("warning", text.format(quantity=quantity)))

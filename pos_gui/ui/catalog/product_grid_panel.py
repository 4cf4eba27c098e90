"""The touch grid's place in the till window: shown and hidden with F7, between basket and payment.

:class:`ProductGridPanel` is created with the window but builds nothing: the grid
(:mod:`.product_grid`) is built the first time it is shown, and only then reads the catalogue
store, so neither costs the cold start anything (the store is never opened before the first
paint). Shown, it takes a column of the window's splitter and shares the width out again; on an
800 pixels wide window there is no room for a third column beside basket and payment, so it
stays hidden there and says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from pos_gui.core.basket import Article
from pos_gui.ui.itemmodels.basket_model import COLUMN_UNIT_PRICE, COLUMN_VAT
from pos_gui.ui.presenters.error_text import CashierMessage
from pos_gui.ui.presenters.sale_input import read_article_field
from pos_gui.ui.screen_fit import LEFT_SHARE

if TYPE_CHECKING:
    from pos_gui.ui.catalog.product_grid import ProductGrid
    from pos_gui.ui.main_window import MainWindow

PRODUCT_GRID_SHORTCUT = "F7"
# Per width band: the grid's width (three columns of buttons on a store screen, two on a
# 1024 pixels wide terminal) and the basket's share (percent) of what is left beside it.
GRID_WIDTH = {"wide": 390, "compact": 256}
BASKET_SHARE_BESIDE_GRID = {"wide": 45, "compact": 50}


class ProductGridPanel:
    """Shows, hides and places the touch grid of ``window``; a touched article is added to the
    sale like a scanned one (a quantity typed first, ``3*``, applies)."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        self.grid: ProductGrid | None = None
        self.wanted = False  # the cashier's choice; the window may be too narrow to follow it
        self._favourites: tuple[str, ...] = ()
        self._placed_for: tuple[str, bool] | None = None

    @property
    def shown(self) -> bool:
        return self.grid is not None and self.grid.isVisible()

    def toggle(self) -> None:
        """F7 and "Kasse → Produktraster": show the grid, or hide it."""
        self.set_wanted(not self.wanted)

    def set_wanted(self, wanted: bool, *, say_why: bool = True) -> None:
        """Show (``True``) or hide the grid; ``say_why``: tell the cashier when the window is
        too narrow for it (not at start, from the settings)."""
        self.wanted = wanted
        if wanted and say_why and self._too_narrow():
            self._window.show_message(
                CashierMessage(
                    "info",
                    QCoreApplication.translate(
                        "ProductGrid",
                        "Das Produktraster braucht ein mindestens 1024 Pixel breites Fenster.",
                    ),
                )
            )
        self.fit()

    def set_favourites(self, article_numbers: Sequence[str]) -> None:
        """The article numbers of the "Favoriten" page (from the settings)."""
        self._favourites = tuple(article_numbers)
        if self.grid is not None:
            self.grid.set_favourites(self._favourites)

    def fit(self) -> None:
        """Show or hide the grid as wanted and as the window's width allows, and share the
        width out again when that, or the window's width band, changed (from ``resizeEvent``)."""
        visible = self.wanted and not self._too_narrow()
        band = self._window.screen_fit.band
        if self.grid is None:
            if not visible:
                return
            self._build()
        assert self.grid is not None
        became_visible = visible and not self.grid.isVisible()
        self.grid.setVisible(visible)
        if (band, visible) != self._placed_for:
            self._placed_for = (band, visible)
            self._share_width(band, visible)
        if became_visible:
            self.grid.refresh()  # reads the store: the groups, then one page
            self._window.basket_view.article_input.setFocus()

    # -- inside -------------------------------------------------------------------------------

    def _too_narrow(self) -> bool:
        return self._window.screen_fit.band == "narrow"

    def _build(self) -> None:
        from pos_gui.ui.catalog.product_grid import ProductGrid

        splitter = self._window.splitter
        self.grid = ProductGrid(lambda: self._window.presenter.catalog, splitter)
        self.grid.hide()
        splitter.insertWidget(1, self.grid)
        splitter.setCollapsible(1, False)
        self.grid.set_favourites(self._favourites)
        self.grid.article_touched.connect(self._add)

    def _share_width(self, band: str, visible: bool) -> None:
        """Basket, grid and payment widths for ``band`` (the window's ScreenFit shares the
        width between basket and payment only, and does so when the band changes)."""
        # Beside the grid the basket drops its unit price and VAT columns, as on an 800 pixels
        # wide window (ScreenFit): the names keep their room, the line total stays.
        for column in (COLUMN_UNIT_PRICE, COLUMN_VAT):
            self._window.basket_view.table.setColumnHidden(column, visible or band == "narrow")
        splitter = self._window.splitter
        total = sum(splitter.sizes())
        if not visible:
            left = total * LEFT_SHARE[band] // 100
            splitter.setSizes([left, 0, total - left])
            return
        grid = GRID_WIDTH.get(band, GRID_WIDTH["compact"])
        # The basket never narrower than its totals line needs; the payment panel gets the rest.
        basket_least = self._window.left_pages.minimumSizeHint().width()
        left = max((total - grid) * BASKET_SHARE_BESIDE_GRID.get(band, 50) // 100, basket_least)
        splitter.setSizes([left, grid, total - grid - left])

    def _add(self, article: Article) -> None:
        # A quantity typed before the touch ("3*") applies, as before a scan.
        field = self._window.basket_view.article_input
        prefix = field.text().strip()
        quantity = 1
        if prefix.endswith(("*", "x", "X")) and prefix[:-1].strip().isdigit():
            quantity = read_article_field(prefix + article.article_number).quantity
            field.clear()
        self._window.presenter.add_article(article, quantity)
        field.setFocus()

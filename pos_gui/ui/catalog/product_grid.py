"""The touch grid: the shop's favourites and the catalogue's product groups as large buttons.

On a touch till the cashier sells without scanner or keyboard. A row of group buttons
("Favoriten" first, then the product groups in catalogue order) chooses a page; under it that
page's articles are buttons big enough for a finger, the name wrapped and the price under it.
"Weiter" and "Zurück" page through a big group. A page holds as many buttons as the panel has
room for, so nothing needs scrolling, and only that page is read from the catalogue store.

The grid only shows and reports: a touched article goes out through ``article_touched`` and is
added like a scanned one (an open-price article asks for its price first). Where the grid sits
in the window, and when it reads the store, is :mod:`.product_grid_panel`'s business.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pos_gui.core.basket import Article
from pos_gui.core.money import format_eur
from pos_gui.ui.widgets.button_flow import ButtonFlow

# The least height of every button here: a fingertip is not a mouse pointer.
TOUCH_HEIGHT = 64
# The least size of an article button: two lines of a name and the price.
ARTICLE_BUTTON = QSize(120, 80)
SPACING = 6
# Narrower than this (two columns of buttons) the grid leaves the page number out.
NARROWEST_WITH_PAGE_NUMBER = 320
# The smallest type a long article name is shrunk to (points).
MIN_NAME_POINTS = 7.0
# The page key of the favourites (no product group is named "": an article without one has none).
FAVOURITES = ""

# The checked group must be visible on the till's flat style sheet (which styles no :checked).
_GRID_STYLE = """
QPushButton:checked { background: #0057b8; color: #ffffff; border-color: #003f86; }
QPushButton#productGridGroup, QPushButton#productGridFavourites { padding: 4px 10px; }
QPushButton#gridArticleButton { padding: 0px; }
QPushButton#productGridBack, QPushButton#productGridNext { padding: 4px 8px; }
QLabel#gridArticlePrice { font-weight: bold; }
"""


@runtime_checkable
class GridCatalog(Protocol):
    """What the grid reads from the catalogue (:class:`pos_gui.services.catalog.Catalog`)."""

    def groups(self) -> list[str]: ...

    def group_articles(self, group: str, offset: int = 0, limit: int = 48) -> list[Article]: ...

    def favourites(self, article_numbers: Sequence[str]) -> list[Article]: ...


class TouchButton(QPushButton):
    """A push button at least :data:`TOUCH_HEIGHT` high that never takes the keyboard focus
    (the article field keeps it for the scanner)."""

    def __init__(self, text: str, parent: QWidget) -> None:
        super().__init__(text, parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMinimumHeight(TOUCH_HEIGHT)

    def sizeHint(self) -> QSize:
        # ButtonFlow places its buttons at their size hint, not their minimum.
        return super().sizeHint().expandedTo(QSize(0, TOUCH_HEIGHT))


class ArticleButton(TouchButton):
    """One article: its name wrapped over up to three lines, its price (or "Preis eingeben")."""

    def __init__(self, article: Article, parent: QWidget) -> None:
        super().__init__("", parent)
        self.article = article
        self.setObjectName("gridArticleButton")
        self.setMinimumSize(ARTICLE_BUTTON)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        price = (
            QCoreApplication.translate("ProductGrid", "Preis eingeben")
            if article.open_price
            else format_eur(article.price)
        )
        self.name_label = QLabel(article.name, self)
        self.name_label.setObjectName("gridArticleName")
        self.name_label.setWordWrap(True)
        self.price_label = QLabel(price, self)
        self.price_label.setObjectName("gridArticlePrice")
        for label in (self.name_label, self.price_label):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            # The touch belongs to the button, not to the text on it.
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(2)
        layout.addWidget(self.name_label, 1)
        layout.addWidget(self.price_label)
        self.setAccessibleName(f"{article.name}, {price}")

    def sizeHint(self) -> QSize:
        return ARTICLE_BUTTON

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_name()

    def _fit_name(self) -> None:
        """A smaller type for a name whose longest word is wider than the button ("Frikadellen-
        brötchen"): a label wraps between words only, and would cut the word."""
        label = self.name_label
        label.ensurePolished()
        font = QFont(label.font())
        room = self.width() - 14
        longest = max(label.text().split() or [""], key=len)
        size = full_size = font.pointSizeF()
        while size > MIN_NAME_POINTS and QFontMetrics(font).horizontalAdvance(longest) > room:
            size -= 0.5
            font.setPointSizeF(size)
        # The till's style sheet sets the type, so a smaller one must be a style sheet too.
        label.setStyleSheet(f"font-size: {size}pt;" if size < full_size else "")


class _ArticlePage(QWidget):
    """The area the article buttons fill; says when its size changed (a page holds what fits)."""

    resized = Signal()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size() != event.oldSize():
            self.resized.emit()


class ProductGrid(QFrame):
    """Group buttons, one page of article buttons, "Zurück" / "Weiter".

    Args:
        catalog: gives the catalogue to read (asked again on every page: the till's catalogue
            object may be replaced, e.g. by tests).

    Signals:
        article_touched(Article): an article button was touched.
    """

    article_touched = Signal(object)

    def __init__(self, catalog: Callable[[], object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("productGrid")
        self.setAccessibleName(QCoreApplication.translate("ProductGrid", "Produktraster"))
        self.setStyleSheet(_GRID_STYLE)
        self._catalog = catalog
        self._favourites: tuple[str, ...] = ()
        self.page_key: str | None = None  # FAVOURITES or a group; None: not chosen yet
        self.offset = 0
        self.page_size = 0
        self.article_buttons: list[ArticleButton] = []
        self.group_buttons: dict[str, TouchButton] = {}
        self._group_choice = QButtonGroup(self)
        self._group_choice.setExclusive(True)
        self.group_row = ButtonFlow(self, spacing=SPACING)

        self.page = _ArticlePage(self)
        self.page.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._page_layout = QGridLayout(self.page)
        self._page_layout.setContentsMargins(0, 0, 0, 0)
        self._page_layout.setSpacing(SPACING)
        self.empty_label = QLabel(self.page)
        self.empty_label.setObjectName("productGridEmpty")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.hide()

        self.back_button = TouchButton(QCoreApplication.translate("ProductGrid", "◀ Zurück"), self)
        self.back_button.setObjectName("productGridBack")
        self.next_button = TouchButton(QCoreApplication.translate("ProductGrid", "Weiter ▶"), self)
        self.next_button.setObjectName("productGridNext")
        self.page_label = QLabel(self)
        self.page_label.setObjectName("productGridPage")
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        paging = QHBoxLayout()
        paging.setSpacing(SPACING)
        paging.addWidget(self.back_button)
        paging.addWidget(self.page_label, 1)
        paging.addWidget(self.next_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)
        layout.addWidget(self.group_row)
        layout.addWidget(self.page, 1)
        layout.addLayout(paging)

        self.back_button.clicked.connect(lambda: self._turn(-1))
        self.next_button.clicked.connect(lambda: self._turn(1))
        self.page.resized.connect(self._on_page_resized)

    # -- what is shown ------------------------------------------------------------------------

    def set_favourites(self, article_numbers: Sequence[str]) -> None:
        """The "Favoriten" page's articles (article numbers, in this order)."""
        self._favourites = tuple(article_numbers)
        if self.isVisible() and self.page_key == FAVOURITES:
            self.show_page(FAVOURITES)

    def refresh(self) -> None:
        """Read the groups again and show the page chosen before (at first: the favourites
        when there are any, else the first group). Reads the catalogue store."""
        catalog = self._grid_catalog()
        groups = catalog.groups() if catalog is not None else []
        self._build_group_buttons(groups)
        key = self.page_key
        if key is None or key not in self.group_buttons:
            key = FAVOURITES if self._favourites or not groups else groups[0]
        self.show_page(key, offset=self.offset if key == self.page_key else 0)

    def show_page(self, key: str, offset: int = 0) -> None:
        """Show the articles of group ``key`` (or the favourites) from ``offset`` on."""
        self.page_key = key
        self.offset = max(offset, 0)
        button = self.group_buttons.get(key)
        if button is not None:
            button.setChecked(True)
        self.page_size = self._fitting_page_size()
        articles, more = self._read_page(key, self.offset, self.page_size)
        self._show_articles(articles, key)
        self.back_button.setEnabled(self.offset > 0)
        self.next_button.setEnabled(more)
        self.page_label.setText(
            QCoreApplication.translate("ProductGrid", "Seite {number}").format(
                number=self.offset // max(self.page_size, 1) + 1
            )
        )

    # -- reading ------------------------------------------------------------------------------

    def _grid_catalog(self) -> GridCatalog | None:
        catalog = self._catalog()
        return catalog if isinstance(catalog, GridCatalog) else None

    def _read_page(self, key: str, offset: int, size: int) -> tuple[list[Article], bool]:
        """``size`` articles from ``offset`` on, and whether there are more after them."""
        catalog = self._grid_catalog()
        if catalog is None or size <= 0:
            return [], False
        if key == FAVOURITES:
            favourites = catalog.favourites(self._favourites)
            return favourites[offset : offset + size], len(favourites) > offset + size
        # One more than shown tells whether "Weiter" leads anywhere.
        articles = catalog.group_articles(key, offset, size + 1)
        return articles[:size], len(articles) > size

    def _fitting_page_size(self) -> int:
        """How many article buttons fit the page area at their least size (at least one)."""
        columns, rows = self._columns_and_rows()
        return columns * rows

    def _columns_and_rows(self) -> tuple[int, int]:
        width, height = self.page.width(), self.page.height()
        columns = max((width + SPACING) // (ARTICLE_BUTTON.width() + SPACING), 1)
        rows = max((height + SPACING) // (ARTICLE_BUTTON.height() + SPACING), 1)
        return columns, rows

    # -- building -----------------------------------------------------------------------------

    def _build_group_buttons(self, groups: Sequence[str]) -> None:
        wanted = [FAVOURITES, *groups]
        if list(self.group_buttons) == wanted:
            return
        # Groups change only with an import: build the row again rather than patch it.
        self.group_buttons = {}
        old_row = self.group_row
        self.group_row = ButtonFlow(self, spacing=SPACING)
        for key in wanted:
            # "&" would underline the next letter as a shortcut: "Brot & Brötchen" shows it.
            text = (
                QCoreApplication.translate("ProductGrid", "★ Favoriten")
                if key == FAVOURITES
                else key.replace("&", "&&")
            )
            button = TouchButton(text, self.group_row)
            button.setObjectName("productGridFavourites" if key == FAVOURITES else "productGridGroup")
            button.setCheckable(True)
            button.clicked.connect(lambda _checked=False, key=key: self.show_page(key))
            self._group_choice.addButton(button)
            button.show()
            self.group_buttons[key] = button
            self.group_row.add(button)
        layout = self.layout()
        if isinstance(layout, QVBoxLayout):
            layout.replaceWidget(old_row, self.group_row)
        old_row.hide()
        old_row.deleteLater()
        self.group_row.show()

    def _show_articles(self, articles: Sequence[Article], key: str) -> None:
        for button in self.article_buttons:
            self._page_layout.removeWidget(button)
            button.hide()
            button.deleteLater()
        self.article_buttons = []
        self._page_layout.removeWidget(self.empty_label)
        columns, rows = self._columns_and_rows()
        for index, article in enumerate(articles):
            button = ArticleButton(article, self.page)
            button.clicked.connect(lambda _checked=False, article=article: self.article_touched.emit(article))
            self._page_layout.addWidget(button, index // columns, index % columns)
            button.show()  # at once: a layout shows a new child only on the next event loop turn
            self.article_buttons.append(button)
        # Empty cells keep their size: a short last page does not blow its buttons up.
        for column in range(max(columns, self._page_layout.columnCount())):
            self._page_layout.setColumnStretch(column, 1 if column < columns else 0)
        for row in range(max(rows, self._page_layout.rowCount())):
            self._page_layout.setRowStretch(row, 1 if row < rows else 0)
        if articles:
            self.empty_label.hide()
            return
        self.empty_label.setText(
            QCoreApplication.translate(
                "ProductGrid", "Noch keine Favoriten. Auswählen: Einstellungen → Favoriten …"
            )
            if key == FAVOURITES
            else QCoreApplication.translate("ProductGrid", "Diese Warengruppe hat keine Artikel.")
        )
        self._page_layout.addWidget(self.empty_label, 0, 0, rows, columns)
        self.empty_label.show()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # Two columns beside a 1024 pixels wide window's basket: the page number gives way.
        self.page_label.setVisible(event.size().width() >= NARROWEST_WITH_PAGE_NUMBER)

    def _turn(self, step: int) -> None:
        if self.page_key is not None:
            self.show_page(self.page_key, self.offset + step * self.page_size)

    def _on_page_resized(self) -> None:
        # Another size holds another number of buttons: the same first article, a new page size.
        if self.isVisible() and self.page_key is not None and self._fitting_page_size() != self.page_size:
            self.show_page(self.page_key, self.offset)

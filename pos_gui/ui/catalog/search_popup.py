"""The search-as-you-type popup under the article field: the articles whose names match.

It is a plain child of the till window laid over the basket, not a window of its own: a popup
window would take the keyboard from the article field (and the offscreen platform cannot grab
it), while the cashier must go on typing. The article field keeps the focus and drives the
popup: Down/Up move the highlight, Enter adds the highlighted article, Esc closes it. A touch or
click on a hit adds it too.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_gui.core.basket import Article
from pos_gui.core.money import format_eur

SEARCH_LIMIT = 12  # hits shown; more would hide the basket, and a longer name narrows them down
ROW_HEIGHT = 40  # a finger's width: the hits are touched on a touch screen
MINIMUM_WIDTH = 420


class ArticleSearchPopup(QFrame):
    """The hits (name, price) of the text in the article field, or one line of advice.

    Signals:
        chosen(Article): a hit was clicked or touched.
    """

    chosen = Signal(object)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("articleSearchPopup")
        self.setAccessibleName(QCoreApplication.translate("ArticleSearch", "Artikelsuche"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self._hits: list[Article] = []
        self.hint_label = QLabel(self)
        self.hint_label.setObjectName("articleSearchHint")
        self.hint_label.setWordWrap(True)
        self.table = QTableWidget(0, 2, self)
        self.table.setObjectName("articleSearchHits")
        # The article field keeps the keyboard; the table only shows and takes clicks.
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().hide()
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.table.setShowGrid(False)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.cellClicked.connect(self._on_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(2)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.table)
        self.hide()

    # -- what is shown ------------------------------------------------------------------------

    def show_hits(self, articles: Sequence[Article], anchor: QWidget) -> None:
        """List ``articles`` under ``anchor`` (the article field), the first one highlighted;
        with no articles a line says that nothing matches."""
        self._hits = list(articles)
        if not self._hits:
            self.show_hint(QCoreApplication.translate("ArticleSearch", "Kein Artikel gefunden."), anchor)
            return
        self.hint_label.hide()
        self.table.setRowCount(len(self._hits))
        for row, article in enumerate(self._hits):
            name = QTableWidgetItem(article.name)
            price_text = (
                QCoreApplication.translate("ArticleSearch", "Preis eingeben")
                if article.open_price
                else format_eur(article.price)
            )
            price = QTableWidgetItem(price_text)
            price.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, price)
        self.table.show()
        self.table.selectRow(0)
        self._place(anchor, len(self._hits))

    def show_hint(self, text: str, anchor: QWidget) -> None:
        """One line of advice instead of hits (nothing found, how to search)."""
        self._hits = []
        self.table.setRowCount(0)
        self.table.hide()
        self.hint_label.setText(text)
        self.hint_label.show()
        self._place(anchor, 0)

    def close_popup(self) -> None:
        self._hits = []
        self.table.setRowCount(0)
        self.hide()

    # -- the cashier's choice -----------------------------------------------------------------

    @property
    def hits(self) -> list[Article]:
        return list(self._hits)

    def has_hits(self) -> bool:
        return self.isVisible() and bool(self._hits)

    def highlighted(self) -> Article | None:
        """The highlighted hit (the first one unless the cashier moved), or ``None``."""
        rows = self.table.selectionModel().selectedRows()
        if not self._hits or not rows:
            return None
        return self._hits[rows[0].row()]

    def move_highlight(self, step: int) -> None:
        """Down (``+1``) or Up (``-1``), stopping at the first and the last hit."""
        if not self._hits:
            return
        rows = self.table.selectionModel().selectedRows()
        current = rows[0].row() if rows else 0
        row = min(max(current + step, 0), len(self._hits) - 1)
        self.table.selectRow(row)
        self.table.scrollTo(self.table.model().index(row, 0))

    def _on_clicked(self, row: int, _column: int) -> None:
        if 0 <= row < len(self._hits):
            article = self._hits[row]
            self.close_popup()
            self.chosen.emit(article)

    # -- placement ----------------------------------------------------------------------------

    def _place(self, anchor: QWidget, rows: int) -> None:
        """Right under ``anchor``, as wide as it (at least :data:`MINIMUM_WIDTH`), as high as
        the rows need, but never beyond the window's bottom edge."""
        window = self.parentWidget()
        if window is None:
            return
        top_left = anchor.mapTo(window, QPoint(0, anchor.height()))
        width = min(max(anchor.width(), MINIMUM_WIDTH), window.width() - top_left.x())
        if rows:
            height = rows * ROW_HEIGHT + 2 * self.table.frameWidth() + 6
        else:
            self.hint_label.setFixedWidth(width - 6)
            height = self.hint_label.heightForWidth(width - 6) + 12
        height = min(height, window.height() - top_left.y())
        self.setGeometry(top_left.x(), top_left.y(), width, height)
        self.show()
        self.raise_()

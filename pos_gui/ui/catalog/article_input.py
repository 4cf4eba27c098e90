"""The article field: a scanned or typed code, or a name searched as the cashier types.

Letters typed into the field open the search popup (:mod:`.search_popup`) with up to a dozen
hits; Down/Up move its highlight, Enter adds the highlighted article (the first one unless the
cashier moved), Esc closes it. Digits open nothing: they are a scan or an article number on its
way. A quantity typed first (``3*käse``) applies to the chosen article too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from pos_gui.core.basket import Article
from pos_gui.ui.catalog.search_popup import SEARCH_LIMIT, ArticleSearchPopup
from pos_gui.ui.presenters.sale_input import read_article_field

if TYPE_CHECKING:
    from pos_gui.ui.presenters.checkout_presenter import CheckoutPresenter

# The keys that step the selected line's quantity, in the article field and in the table.
QUANTITY_STEPS: dict[int, int] = {Qt.Key.Key_Plus: 1, Qt.Key.Key_Minus: -1}

# The keys the field uses while the popup is open (instead of the window's shortcuts).
_POPUP_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Enter)


class ArticleInput(QLineEdit):
    """The article field: EAN, article number or name; ``3*`` before a code adds three.

    With the field empty, ``+``/``-`` change the selected line's quantity and Del voids it.

    Signals:
        code_entered(str): Enter with a code (or a name no hit is highlighted for).
        article_chosen(Article, int): an article and quantity picked from the search popup.
        quantity_step(int): ``+1`` or ``-1``.
        void_requested(): Del in the empty field.
    """

    code_entered = Signal(str)
    article_chosen = Signal(object, int)
    quantity_step = Signal(int)
    void_requested = Signal()

    def __init__(self, presenter: CheckoutPresenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._presenter = presenter
        self._popup: ArticleSearchPopup | None = None
        self.textEdited.connect(self._update_search)
        # A scan puts back what the field held before it (setText, no textEdited): no hits then.
        self.textChanged.connect(lambda text: None if text.strip() else self.close_popup())

    # -- the popup ----------------------------------------------------------------------------

    @property
    def popup(self) -> ArticleSearchPopup:
        """The search popup, built on first use as a child of the till window (over the basket)."""
        if self._popup is None:
            self._popup = ArticleSearchPopup(self.window())
            self._popup.chosen.connect(self._on_clicked_hit)
        return self._popup

    def popup_is_open(self) -> bool:
        return self._popup is not None and self._popup.isVisible()

    def close_popup(self) -> None:
        if self._popup is not None:
            self._popup.close_popup()

    def offer_search(self, unknown_code: str = "") -> None:
        """ "Artikel suchen": the field focused and the popup saying how to search by name."""
        self.setFocus()
        self.selectAll()
        if unknown_code:
            text = QCoreApplication.translate(
                "ArticleSearch", "„{code}“ ist nicht im Katalog. Namen tippen, um den Artikel zu suchen."
            ).format(code=unknown_code)
        else:
            text = QCoreApplication.translate("ArticleSearch", "Namen tippen, um den Artikel zu suchen.")
        self.popup.show_hint(text, self)

    def _update_search(self, text: str) -> None:
        search_text = read_article_field(text).text
        # Digits are codes being typed: no popup in the way of a scan or an article number.
        if len(search_text) < 2 or not any(char.isalpha() for char in search_text):
            self.close_popup()
            return
        self.popup.show_hits(self._presenter.catalog.search(search_text, limit=SEARCH_LIMIT), self)

    # -- Enter --------------------------------------------------------------------------------

    def _enter(self) -> None:
        text = self.text()
        if not text.strip():
            self.close_popup()
            return
        entry = read_article_field(text)
        highlighted = self._popup.highlighted() if self.popup_is_open() and self._popup else None
        self.clear()
        self.close_popup()
        # A code typed in full wins over the name search (article numbers may hold letters).
        if highlighted is not None and self._presenter.catalog.lookup(entry.text) is None:
            self.article_chosen.emit(highlighted, entry.quantity)
        else:
            self.code_entered.emit(text)

    def _on_clicked_hit(self, article: Article) -> None:
        quantity = read_article_field(self.text()).quantity
        self.clear()
        self.setFocus()
        self.article_chosen.emit(article, quantity)

    # -- keys ---------------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        # While the popup is open its keys belong to the field, not to a window shortcut.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() in _POPUP_KEYS
            and self.popup_is_open()
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._enter()
            return
        if self.popup_is_open() and self._popup is not None:
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self._popup.move_highlight(1 if key == Qt.Key.Key_Down else -1)
                return
            if key == Qt.Key.Key_Escape:
                self.close_popup()
                return
        if not self.text():
            step = QUANTITY_STEPS.get(key)
            if step is not None:
                self.quantity_step.emit(step)
                return
            if key == Qt.Key.Key_Delete:
                self.void_requested.emit()
                return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        # Clicking a hit does not take the focus (the hits take none); anything else closes it.
        self.close_popup()
        super().focusOutEvent(event)

"""The left half of the till: the article field, the basket table, the total and the VAT lines."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos_gui.core.basket import Article
from pos_gui.core.money import format_eur
from pos_gui.ui.itemmodels.basket_model import (
    COLUMN_DESCRIPTION,
    COLUMN_QUANTITY,
    LINE_ID_ROLE,
    BasketTableModel,
)
from pos_gui.ui.presenters.checkout_presenter import CheckoutPresenter, TillSnapshot
from pos_gui.ui.widgets.button_flow import ButtonFlow

# The keys that step the selected line's quantity, in the article field and in the table.
_QUANTITY_STEPS: dict[int, int] = {Qt.Key.Key_Plus: 1, Qt.Key.Key_Minus: -1}


def name_automation(widget: QWidget, name: str) -> None:
    """The same name for UI automation (objectName) and screen readers (accessibleName)."""
    widget.setObjectName(name)
    widget.setAccessibleName(name)


class ArticleInput(QLineEdit):
    """The article field: EAN, article number or name; ``3*`` before a code adds three.

    With the field empty, ``+``/``-`` change the selected line's quantity and Del voids it.

    Signals:
        code_entered(str): Enter with text that is not a suggestion.
        article_chosen(object): an :class:`Article` was picked from the suggestions.
        quantity_step(int): ``+1`` or ``-1``.
        void_requested(): Del in the empty field.
    """

    code_entered = Signal(str)
    article_chosen = Signal(object)
    quantity_step = Signal(int)
    void_requested = Signal()

    def __init__(self, presenter: CheckoutPresenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._presenter = presenter
        self._suggestions: dict[str, Article] = {}
        self._suggestion_model = QStringListModel(self)
        completer = QCompleter(self._suggestion_model, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(10)
        completer.activated.connect(self._on_suggestion_activated)
        self.setCompleter(completer)
        self.textEdited.connect(self._update_suggestions)
        self.returnPressed.connect(self._on_return)

    def _update_suggestions(self, text: str) -> None:
        # Digits are codes being typed: no popup in the way of a scan or an article number.
        if len(text.strip()) < 2 or not any(char.isalpha() for char in text):
            self._suggestions = {}
            self._suggestion_model.setStringList([])
            return
        articles = self._presenter.catalog.search(text.strip(), limit=12)
        self._suggestions = {f"{article.name} – {format_eur(article.price)}": article for article in articles}
        self._suggestion_model.setStringList(list(self._suggestions))

    def _on_suggestion_activated(self, text: str) -> None:
        article = self._suggestions.get(text)
        if article is not None:
            self._suggestions = {}
            self.clear()
            self.article_chosen.emit(article)

    def _on_return(self) -> None:
        text = self.text()
        if not text.strip():
            return
        article = self._suggestions.get(text)
        self.clear()
        self._suggestions = {}
        self._suggestion_model.setStringList([])
        if article is not None:
            self.article_chosen.emit(article)
        else:
            self.code_entered.emit(text)
        # The completer may put its text back after activation; keep the field empty.
        QTimer.singleShot(0, self._clear_if_suggestion)

    def _clear_if_suggestion(self) -> None:
        if self.text() and self.text() in self._suggestions:
            self.clear()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.text():
            step = _QUANTITY_STEPS.get(event.key())
            if step is not None:
                self.quantity_step.emit(step)
                return
            if event.key() == Qt.Key.Key_Delete:
                self.void_requested.emit()
                return
        super().keyPressEvent(event)


class BasketTable(QTableView):
    """The basket lines; ``+``/``-`` change the selected line's quantity.

    Signals:
        quantity_step(int): ``+1`` or ``-1`` for the selected line.
    """

    quantity_step = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = _QUANTITY_STEPS.get(event.key())
        if step is not None:
            self.quantity_step.emit(step)
            return
        super().keyPressEvent(event)


class BasketView(QFrame):
    """Article entry, basket table, total and VAT breakdown."""

    def __init__(self, presenter: CheckoutPresenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("basketView")
        self._presenter = presenter

        self.article_input = ArticleInput(presenter, self)
        name_automation(self.article_input, "articleInput")
        self.article_input.setPlaceholderText(
            QCoreApplication.translate("BasketView", "Artikel: EAN, Artikelnummer oder Name (F2)")
        )
        article_label = QLabel(QCoreApplication.translate("BasketView", "&Artikel"), self)
        article_label.setBuddy(self.article_input)

        self.model = BasketTableModel(self)
        self.table = BasketTable(self)
        name_automation(self.table, "basketTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(44)
        # A long name ("Water, mildly sprinkling, 0.25 ltr.") wraps onto a second line instead
        # of shrinking to "Water, mildly…" on a narrow screen; its row grows to show it.
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.verticalHeader().setMinimumSectionSize(44)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMN_DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)

        # On a narrow screen (1024×768, 800×600) the buttons wrap instead of cutting their texts.
        self.button_row = ButtonFlow(self, fill=False)
        self.clear_button = QPushButton(
            QCoreApplication.translate("BasketView", "Warenkorb leeren"), self.button_row
        )
        self.clear_button.setObjectName("clearBasketButton")
        self.void_button = QPushButton(
            QCoreApplication.translate("BasketView", "Position stornieren (Entf)"), self.button_row
        )
        self.void_button.setObjectName("voidLineButton")
        self.minus_button = QPushButton("−", self.button_row)
        self.minus_button.setObjectName("quantityMinusButton")
        self.minus_button.setAccessibleName(QCoreApplication.translate("BasketView", "Menge verringern"))
        self.plus_button = QPushButton("+", self.button_row)
        self.plus_button.setObjectName("quantityPlusButton")
        self.plus_button.setAccessibleName(QCoreApplication.translate("BasketView", "Menge erhöhen"))
        for button in (self.clear_button, self.void_button, self.minus_button, self.plus_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.total_caption = QLabel(QCoreApplication.translate("BasketView", "Summe"), self)
        self.total_caption.setObjectName("basketTotalCaption")
        self.total_label = QLabel(format_eur(0), self)
        name_automation(self.total_label, "basketTotalLabel")
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.vat_label = QLabel(self)
        self.vat_label.setObjectName("vatLabel")
        self.vat_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)

        entry = QHBoxLayout()
        entry.addWidget(article_label)
        entry.addWidget(self.article_input, 1)
        for button in (self.minus_button, self.plus_button, self.void_button, self.clear_button):
            self.button_row.add(button)
        totals = QHBoxLayout()
        totals.addWidget(self.vat_label, 1)
        total_box = QVBoxLayout()
        total_box.addWidget(self.total_caption, 0, Qt.AlignmentFlag.AlignRight)
        total_box.addWidget(self.total_label)
        totals.addLayout(total_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(entry)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.button_row)
        layout.addLayout(totals)

        self.article_input.code_entered.connect(presenter.add_code)
        self.article_input.article_chosen.connect(presenter.add_article)
        self.article_input.quantity_step.connect(self.step_selected_quantity)
        self.article_input.void_requested.connect(self.void_selected_line)
        self.table.quantity_step.connect(self.step_selected_quantity)
        self.model.quantity_edited.connect(presenter.set_quantity)
        self.clear_button.clicked.connect(presenter.clear_basket)
        self.void_button.clicked.connect(self.void_selected_line)
        self.minus_button.clicked.connect(lambda: self.step_selected_quantity(-1))
        self.plus_button.clicked.connect(lambda: self.step_selected_quantity(1))
        presenter.line_added.connect(self.select_line)

    def show_snapshot(self, snapshot: TillSnapshot) -> None:
        self.model.sync(snapshot.lines)
        self.total_label.setText(format_eur(snapshot.total))
        self.vat_label.setText(
            "\n".join(
                QCoreApplication.translate("BasketView", "MwSt. {rate} %: {vat} (netto {net})").format(
                    rate=share.rate, vat=format_eur(share.vat), net=format_eur(share.net)
                )
                for share in snapshot.vat
            )
        )
        editable = not snapshot.busy and not snapshot.unknown and snapshot.payment is None
        has_lines = bool(snapshot.lines) and editable
        for button in (self.clear_button, self.void_button, self.minus_button, self.plus_button):
            button.setEnabled(has_lines)

    def selected_line_id(self) -> int | None:
        """The selected line, or the last line when nothing is selected."""
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].row() if rows else self.model.rowCount() - 1
        if row < 0:
            return None
        line_id = self.model.index(row, 0).data(LINE_ID_ROLE)
        return int(line_id) if line_id is not None else None

    def select_line(self, line_id: int) -> None:
        row = self.model.row_of(line_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, COLUMN_QUANTITY))

    def step_selected_quantity(self, delta: int) -> None:
        line_id = self.selected_line_id()
        if line_id is not None:
            self._presenter.change_quantity(line_id, delta)
            self.select_line(line_id)

    def void_selected_line(self) -> None:
        line_id = self.selected_line_id()
        if line_id is not None:
            self._presenter.void_line(line_id)

"""The left half of the till: the article field, the basket table, the total and the VAT lines."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos_gui.core.basket import Article
from pos_gui.core.money import format_eur
from pos_gui.ui.catalog.article_input import QUANTITY_STEPS, ArticleInput
from pos_gui.ui.itemmodels.basket_model import (
    COLUMN_DESCRIPTION,
    COLUMN_QUANTITY,
    LINE_ID_ROLE,
    BasketTableModel,
)
from pos_gui.ui.presenters.checkout_presenter import CheckoutPresenter, TillSnapshot
from pos_gui.ui.widgets.button_flow import ButtonFlow

if TYPE_CHECKING:
    from pos_gui.ui.catalog.open_price_dialog import OpenPriceDialog


def name_automation(widget: QWidget, name: str) -> None:
    """The same name for UI automation (objectName) and screen readers (accessibleName)."""
    widget.setObjectName(name)
    widget.setAccessibleName(name)


# How long after the window is first shown the empty catalogue is looked for: after the first
# paint, which the cold start promises comes before the store is opened.
CATALOG_CHECK_DELAY_MS = 300


class BasketTable(QTableView):
    """The basket lines; ``+``/``-`` change the selected line's quantity.

    Signals:
        quantity_step(int): ``+1`` or ``-1`` for the selected line.
    """

    quantity_step = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = QUANTITY_STEPS.get(event.key())
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
        # Shown after a code that found nothing: search by name instead of guessing the code.
        self.search_button = QPushButton(QCoreApplication.translate("BasketView", "Artikel suchen"), self)
        self.search_button.setObjectName("articleSearchButton")
        self.search_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.search_button.hide()
        self._unknown_code = ""
        # Live mode before the shop's first import: the cashier is told how to get articles.
        self.empty_catalog_label = QLabel(self)
        self.empty_catalog_label.setObjectName("emptyCatalogHint")
        self.empty_catalog_label.setWordWrap(True)
        self.empty_catalog_label.hide()
        self._catalog_checked = False
        self.price_dialog: OpenPriceDialog | None = None

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
        entry.addWidget(self.search_button)
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
        layout.addWidget(self.empty_catalog_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.button_row)
        layout.addLayout(totals)

        self.article_input.code_entered.connect(presenter.add_code)
        self.article_input.article_chosen.connect(presenter.add_article)
        self.article_input.textEdited.connect(lambda _text: self.search_button.hide())
        self.search_button.clicked.connect(lambda: self.article_input.offer_search(self._unknown_code))
        presenter.article_not_found.connect(self.offer_search)
        presenter.price_needed.connect(self.ask_price)
        self.article_input.quantity_step.connect(self.step_selected_quantity)
        self.article_input.void_requested.connect(self.void_selected_line)
        self.table.quantity_step.connect(self.step_selected_quantity)
        self.model.quantity_edited.connect(presenter.set_quantity)
        self.clear_button.clicked.connect(presenter.clear_basket)
        self.void_button.clicked.connect(self.void_selected_line)
        self.minus_button.clicked.connect(lambda: self.step_selected_quantity(-1))
        self.plus_button.clicked.connect(lambda: self.step_selected_quantity(1))
        presenter.line_added.connect(self.select_line)
        presenter.line_added.connect(lambda _line_id: self.search_button.hide())

    # -- the catalogue ------------------------------------------------------------------------

    def offer_search(self, unknown_code: str) -> None:
        """A code found nothing: offer "Artikel suchen" (never a guessed line)."""
        self._unknown_code = unknown_code
        self.search_button.show()

    def ask_price(self, article: Article, quantity: int) -> OpenPriceDialog:
        """An open-price article: the price dialog; its price adds the line, Esc adds nothing."""
        # Imported with the first open-price article, not on the way to the first paint.
        from pos_gui.ui.catalog.open_price_dialog import ask_open_price

        if self.price_dialog is not None:
            self.price_dialog.close()
        dialog = ask_open_price(self, article, quantity)
        dialog.priced.connect(self._presenter.add_article)
        dialog.finished.connect(lambda _result: self._price_dialog_closed(dialog))
        self.price_dialog = dialog
        return dialog

    def _price_dialog_closed(self, dialog: OpenPriceDialog) -> None:
        if self.price_dialog is dialog:
            self.price_dialog = None
        self.article_input.setFocus()

    def check_catalog(self) -> None:
        """Show how to import articles while the catalogue is empty (live mode before the
        shop's first import); hide it once there are articles."""
        is_empty = getattr(self._presenter.catalog, "is_empty", None)
        empty = bool(is_empty()) if is_empty is not None else False
        if empty:
            from pos_gui.services.catalog import HOW_TO_IMPORT

            self.empty_catalog_label.setText(
                QCoreApplication.translate(
                    "BasketView",
                    "Der Artikelkatalog ist leer. Artikel importieren: Einstellungen → Artikel importieren … "
                    "oder auf der Kommandozeile: {command}",
                ).format(command=HOW_TO_IMPORT)
            )
        self.empty_catalog_label.setVisible(empty)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._catalog_checked:
            self._catalog_checked = True
            # Opening the store reads the disk: not on the way to the first paint (cold start).
            QTimer.singleShot(CATALOG_CHECK_DELAY_MS, self.check_catalog)

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

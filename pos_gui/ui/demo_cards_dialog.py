"""The presenter's "Demokarten" list: every demo card with its holder, balance and what it shows.

Non-modal, so the till stays usable behind it. A double click on a card or "Übernehmen" scans
the chosen card into the till (the owner connects :attr:`DemoCardsDialog.card_chosen`).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_gui.core.money import format_eur
from pos_gui.services.demo_control import DemoCard

NUMBER_ROLE = Qt.ItemDataRole.UserRole


def feature_text(card: DemoCard) -> str:
    """What the card demonstrates, in the presenter's words."""
    if card.feature == "passcode":
        return QCoreApplication.translate("DemoCardsDialog", "Passcode (PIN {pin})").format(
            pin=card.pin or "–"
        )
    texts = {
        "normal": QCoreApplication.translate("DemoCardsDialog", "deckt den Beispielkorb"),
        "bonus": QCoreApplication.translate("DemoCardsDialog", "Bonus und Guthaben"),
        "bonus_only": QCoreApplication.translate("DemoCardsDialog", "nur Bonus"),
        "low": QCoreApplication.translate("DemoCardsDialog", "zu wenig Guthaben"),
        "empty": QCoreApplication.translate("DemoCardsDialog", "leer"),
        "locked": QCoreApplication.translate("DemoCardsDialog", "gesperrt"),
        "unknown": QCoreApplication.translate("DemoCardsDialog", "unbekannt"),
    }
    return texts[card.feature]


def _column_titles() -> list[str]:
    return [
        QCoreApplication.translate("DemoCardsDialog", "Kartennummer"),
        QCoreApplication.translate("DemoCardsDialog", "Inhaber"),
        QCoreApplication.translate("DemoCardsDialog", "Guthaben"),
        QCoreApplication.translate("DemoCardsDialog", "Bonus"),
        QCoreApplication.translate("DemoCardsDialog", "Zeigt"),
    ]


class DemoCardsDialog(QDialog):
    """The demo cards in a table; "Übernehmen" (or a double click) emits the chosen number.

    Signals:
        card_chosen(str): the card number to scan into the till.

    Attributes:
        table: one row per card (number, holder, balance, bonus, what it shows).
        take_button: "Übernehmen", enabled while a card is selected.
    """

    card_chosen = Signal(str)

    def __init__(self, cards: Sequence[DemoCard], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("demoCardsDialog")
        self.setWindowTitle(QCoreApplication.translate("DemoCardsDialog", "Demokarten"))
        self.setModal(False)
        hint = QLabel(
            QCoreApplication.translate(
                "DemoCardsDialog", "Doppelklick oder „Übernehmen“ scannt die Karte in die Kasse."
            ),
            self,
        )
        hint.setWordWrap(True)
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("demoCardsTable")
        self.table.setHorizontalHeaderLabels(_column_titles())
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        buttons = QDialogButtonBox(self)
        self.take_button = QPushButton(QCoreApplication.translate("DemoCardsDialog", "Übernehmen"), self)
        self.take_button.setObjectName("takeDemoCardButton")
        self.take_button.setDefault(True)
        close_button = QPushButton(QCoreApplication.translate("DemoCardsDialog", "Schließen"), self)
        buttons.addButton(self.take_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(close_button, QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.take_button.clicked.connect(self.take_selected)
        close_button.clicked.connect(self.reject)
        self.table.itemDoubleClicked.connect(lambda _item: self.take_selected())
        self.table.itemSelectionChanged.connect(self._update_take_button)
        self.show_cards(cards)
        self._fit_to_cards()

    def show_cards(self, cards: Sequence[DemoCard]) -> None:
        """Fill the table (again, e.g. with the balances the simulator holds now)."""
        selected = self.selected_number()
        self.table.setRowCount(len(cards))
        for row, card in enumerate(cards):
            known = card.feature != "unknown"
            cells = (
                card.number,
                card.holder or "–",
                format_eur(card.cash) if known else "–",
                format_eur(card.bonus) if known else "–",
                feature_text(card),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(NUMBER_ROLE, card.number)
                if column in (2, 3):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
            if card.number == selected:
                self.table.selectRow(row)
        self._update_take_button()

    def _fit_to_cards(self) -> None:
        """As wide as the columns and as tall as the rows need: every card in view, nothing cut."""
        header = self.table.horizontalHeader()
        rows_height = sum(self.table.rowHeight(row) for row in range(self.table.rowCount()))
        # Each column's own need (the stretched last section would only report what is left).
        columns_width = sum(
            max(self.table.sizeHintForColumn(column), header.sectionSizeHint(column))
            for column in range(self.table.columnCount())
        )
        table_width = columns_width + 2 * self.table.frameWidth() + 4
        table_height = header.height() + rows_height + 2 * self.table.frameWidth() + 4
        self.table.setMinimumSize(table_width, table_height)

    def select_card(self, number: str) -> None:
        """Select the row of ``number`` (keyboard and tests)."""
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.data(NUMBER_ROLE) == number:
                self.table.selectRow(row)
                return

    def selected_number(self) -> str | None:
        items = self.table.selectedItems()
        return str(items[0].data(NUMBER_ROLE)) if items else None

    def take_selected(self) -> None:
        """Scan the selected card into the till and close the list."""
        number = self.selected_number()
        if number is None:
            return
        self.card_chosen.emit(number)
        self.accept()

    def _update_take_button(self) -> None:
        self.take_button.setEnabled(self.selected_number() is not None)

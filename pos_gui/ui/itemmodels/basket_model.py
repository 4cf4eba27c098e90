"""The basket as a Qt table model: one row per basket line.

The model does not own the basket; :meth:`BasketTableModel.sync` is called with the current lines
after every change and works out the smallest update (rows appended, one quantity changed, rows
removed), so that a scan into a long basket does not reset the whole table.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from pos_gui.core.basket import BasketLine
from pos_gui.core.money import format_eur

ModelIndex = QModelIndex | QPersistentModelIndex

COLUMN_DESCRIPTION = 0
COLUMN_QUANTITY = 1
COLUMN_UNIT_PRICE = 2
COLUMN_VAT = 3
COLUMN_TOTAL = 4
COLUMN_COUNT = 5

LINE_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _headers() -> list[str]:
    return [
        QCoreApplication.translate("BasketTableModel", "Artikel"),
        QCoreApplication.translate("BasketTableModel", "Menge"),
        QCoreApplication.translate("BasketTableModel", "Einzelpreis"),
        QCoreApplication.translate("BasketTableModel", "MwSt."),
        QCoreApplication.translate("BasketTableModel", "Summe"),
    ]


class BasketTableModel(QAbstractTableModel):
    """Basket lines: description, quantity, unit price, VAT rate, line total.

    The quantity cell is editable; an edit is not applied here but emitted as
    ``quantity_edited(line_id, quantity)`` for the presenter, which then calls :meth:`sync`.

    Signals:
        quantity_edited(int, int): the cashier typed a new quantity into a line.
    """

    quantity_edited = Signal(int, int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: list[BasketLine] = []
        # Snapshot of (line_id, quantity) per row, to see what changed between two syncs; the
        # BasketLine objects themselves may be mutated in place by the basket.
        self._keys: list[tuple[int, int]] = []
        self._headers = _headers()

    def line_at(self, row: int) -> BasketLine | None:
        return self._lines[row] if 0 <= row < len(self._lines) else None

    def row_of(self, line_id: int) -> int:
        for row, (key, _quantity) in enumerate(self._keys):
            if key == line_id:
                return row
        return -1

    def sync(self, lines: list[BasketLine]) -> None:
        """Show ``lines``, with the smallest model update that gets there."""
        new_keys = [(line.line_id, line.quantity) for line in lines]
        old_keys = self._keys
        if new_keys == old_keys:
            self._lines = list(lines)
            return
        old_ids = [key for key, _ in old_keys]
        new_ids = [key for key, _ in new_keys]
        if new_ids[: len(old_ids)] == old_ids and len(new_ids) > len(old_ids):
            # Lines appended (the usual scan), maybe with quantity changes in old rows.
            changed = [row for row in range(len(old_keys)) if old_keys[row] != new_keys[row]]
            self._lines = list(lines)
            self._keys = new_keys[: len(old_keys)]
            self._emit_rows_changed(changed)
            self.beginInsertRows(QModelIndex(), len(old_keys), len(new_keys) - 1)
            self._keys = new_keys
            self.endInsertRows()
            return
        if new_ids == old_ids:
            changed = [row for row in range(len(new_keys)) if old_keys[row] != new_keys[row]]
            self._lines = list(lines)
            self._keys = new_keys
            self._emit_rows_changed(changed)
            return
        if len(new_ids) == len(old_ids) - 1:
            removed = next((row for row in range(len(new_ids)) if new_ids[row] != old_ids[row]), len(new_ids))
            if old_ids[:removed] + old_ids[removed + 1 :] == new_ids:
                self.beginRemoveRows(QModelIndex(), removed, removed)
                self._lines = list(lines)
                self._keys = new_keys
                self.endRemoveRows()
                return
        self.beginResetModel()
        self._lines = list(lines)
        self._keys = new_keys
        self.endResetModel()

    def _emit_rows_changed(self, rows: list[int]) -> None:
        for row in rows:
            self.dataChanged.emit(self.index(row, 0), self.index(row, COLUMN_COUNT - 1))

    # Qt overrides -------------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._keys)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < COLUMN_COUNT:
            if role == Qt.ItemDataRole.DisplayRole:
                return self._headers[section]
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return _alignment(section)
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        line = self.line_at(index.row()) if index.isValid() else None
        if line is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == COLUMN_DESCRIPTION:
                return line.article.name
            if column == COLUMN_QUANTITY:
                return str(line.quantity)
            if column == COLUMN_UNIT_PRICE:
                return format_eur(line.article.price)
            if column == COLUMN_VAT:
                return f"{line.article.vat_rate} %"
            if column == COLUMN_TOTAL:
                return format_eur(line.total)
        if role == Qt.ItemDataRole.EditRole and column == COLUMN_QUANTITY:
            return line.quantity
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _alignment(column)
        if role == LINE_ID_ROLE:
            return line.line_id
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == COLUMN_QUANTITY:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: ModelIndex, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        line = self.line_at(index.row()) if index.isValid() else None
        if line is None or role != Qt.ItemDataRole.EditRole or index.column() != COLUMN_QUANTITY:
            return False
        try:
            quantity = int(str(value).strip())
        except ValueError:
            return False
        self.quantity_edited.emit(line.line_id, quantity)
        return True


def _alignment(column: int) -> Qt.AlignmentFlag:
    if column == COLUMN_DESCRIPTION:
        return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

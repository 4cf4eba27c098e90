"""The "Heutige Verkäufe" window: the day's sales on the left, the selected sale's receipt on the right.

Non-modal, so the till stays usable behind it. The receipt is drawn from the printer layout in a
monospace font (what the paper shows); "Drucken" sends it to the receipt printer and "Als PDF
speichern" asks for a file name.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFontMetrics, QHideEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from pos_gui.core.money import format_eur
from pos_gui.ui.fonts import receipt_font
from pos_gui.ui.presenters.sales_today_presenter import SaleRow, SalesTodayPresenter
from pos_gui.ui.printing.receipt_document import receipt_html

COLUMNS = ("time", "number", "total", "card_share", "cash", "status")
SALE_ID_ROLE = Qt.ItemDataRole.UserRole


def _column_titles() -> list[str]:
    return [
        QCoreApplication.translate("SalesTodayDialog", "Zeit"),
        QCoreApplication.translate("SalesTodayDialog", "Nr."),
        QCoreApplication.translate("SalesTodayDialog", "Summe"),
        QCoreApplication.translate("SalesTodayDialog", "Karte"),
        QCoreApplication.translate("SalesTodayDialog", "Bar"),
        QCoreApplication.translate("SalesTodayDialog", "Status"),
    ]


class SalesTodayDialog(QDialog):
    """Today's sales with the receipt of the selected one.

    Attributes:
        table: one row per sale (time, number, total, card share, cash, status).
        receipt_view: the selected sale's receipt, monospace.
        print_button, save_pdf_button, refresh_button, close_button: the actions.
        summary_label: count and sums of the paid sales.
        pdf_dialog: the open "save as PDF" file dialog, or ``None``.
    """

    def __init__(self, presenter: SalesTodayPresenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self.pdf_dialog: QFileDialog | None = None
        self.setObjectName("salesTodayDialog")
        self.setWindowTitle(QCoreApplication.translate("SalesTodayDialog", "Heutige Verkäufe"))
        self.setModal(False)
        self.resize(1000, 620)

        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("salesTable")
        self.table.setAccessibleName(QCoreApplication.translate("SalesTodayDialog", "Verkäufe von heute"))
        self.table.setHorizontalHeaderLabels(_column_titles())
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        self.receipt_view = QTextBrowser(self)
        self.receipt_view.setObjectName("salesReceiptView")
        self.receipt_view.setAccessibleName(
            QCoreApplication.translate("SalesTodayDialog", "Beleg des Verkaufs")
        )
        self.receipt_view.setFont(receipt_font(10.0))
        self.receipt_view.document().setDefaultFont(receipt_font(10.0))
        self._fit_receipt_width()

        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("salesSummary")
        self.summary_label.setWordWrap(True)
        self.print_button = QPushButton(QCoreApplication.translate("SalesTodayDialog", "&Drucken"), self)
        self.print_button.setObjectName("salesPrintButton")
        self.save_pdf_button = QPushButton(
            QCoreApplication.translate("SalesTodayDialog", "Als &PDF speichern"), self
        )
        self.save_pdf_button.setObjectName("salesSavePdfButton")
        self.refresh_button = QPushButton(
            QCoreApplication.translate("SalesTodayDialog", "&Aktualisieren"), self
        )
        self.refresh_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.close_button = QPushButton(QCoreApplication.translate("SalesTodayDialog", "Schließen"), self)
        self.print_button.setDefault(True)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.receipt_view)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.save_pdf_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        # The day's sums on their own line: beside the buttons they would widen the window
        # past a small store screen.
        layout.addWidget(self.summary_label)
        layout.addLayout(buttons)

        self.table.itemSelectionChanged.connect(self._show_selected)
        self.print_button.clicked.connect(self._print_selected)
        self.save_pdf_button.clicked.connect(self._save_selected)
        self.refresh_button.clicked.connect(presenter.refresh)
        self.close_button.clicked.connect(self.close)
        presenter.rows_changed.connect(self._render_rows)
        self._render_rows()

    # -- drawing ------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        # Polished by now: the style sheet may have given the receipt view another font.
        self._fit_receipt_width()
        self.presenter.watching = True
        self.presenter.refresh()
        if self.table.rowCount() and self.selected_sale_id() is None:
            # The newest sale is the one the cashier most likely wants.
            self.table.selectRow(self.table.rowCount() - 1)
        self.table.setFocus()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        # Closed: no journal reads for it until it is shown again (showEvent reloads).
        self.presenter.watching = False
        super().hideEvent(event)

    def _fit_receipt_width(self) -> None:
        """Make the receipt view wide enough for a whole printed line: no line is cut off."""
        view = self.receipt_view
        text_width = QFontMetrics(view.font()).horizontalAdvance("0" * self.presenter.paper_width)
        margins = 2 * (view.document().documentMargin() + view.frameWidth())
        scroll_bar = view.verticalScrollBar().sizeHint().width()
        view.setMinimumWidth(int(text_width + margins) + scroll_bar)

    def _render_rows(self) -> None:
        selected = self.selected_sale_id()
        self.table.setRowCount(len(self.presenter.rows))
        for row_index, row in enumerate(self.presenter.rows):
            for column, text in enumerate(self._cells(row)):
                item = QTableWidgetItem(text)
                item.setData(SALE_ID_ROLE, row.sale_id)
                if column in (1, 2, 3, 4):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row_index, column, item)
        if selected is not None:
            self.select_sale(selected)
        summary = self.presenter.summary()
        self.summary_label.setText(
            QCoreApplication.translate(
                "SalesTodayDialog", "{count} bezahlte Verkäufe · Summe {total} · Karte {card} · Bar {cash}"
            ).format(
                count=summary.paid_count,
                total=format_eur(summary.total),
                card=format_eur(summary.card_share),
                cash=format_eur(summary.cash),
            )
        )
        self._show_selected()

    @staticmethod
    def _cells(row: SaleRow) -> list[str]:
        return [
            row.time.strftime("%H:%M:%S"),
            str(row.sale_number),
            format_eur(row.total),
            format_eur(row.card_share),
            format_eur(row.cash),
            row.status,
        ]

    def _show_selected(self) -> None:
        sale_id = self.selected_sale_id()
        lines = self.presenter.receipt_lines(sale_id) if sale_id is not None else []
        if lines:
            self.receipt_view.setHtml(receipt_html(lines))
        elif sale_id is not None:
            self.receipt_view.setPlainText(
                QCoreApplication.translate("SalesTodayDialog", "Kein Beleg: Der Verkauf wurde nicht bezahlt.")
            )
        else:
            self.receipt_view.setPlainText(
                QCoreApplication.translate("SalesTodayDialog", "Kein Verkauf ausgewählt.")
            )
        self.print_button.setEnabled(bool(lines))
        self.save_pdf_button.setEnabled(bool(lines))

    # -- selection ----------------------------------------------------------------------------

    def selected_sale_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        if item is None:
            return None
        value = item.data(SALE_ID_ROLE)
        return str(value) if value is not None else None

    def select_sale(self, sale_id: str) -> bool:
        for row_index in range(self.table.rowCount()):
            item = self.table.item(row_index, 0)
            if item is not None and item.data(SALE_ID_ROLE) == sale_id:
                self.table.selectRow(row_index)
                return True
        return False

    # -- actions ------------------------------------------------------------------------------

    def _print_selected(self) -> None:
        sale_id = self.selected_sale_id()
        if sale_id is not None:
            self.presenter.print_sale(sale_id)

    def _save_selected(self) -> None:
        sale_id = self.selected_sale_id()
        if sale_id is None:
            return
        dialog = QFileDialog(
            self,
            QCoreApplication.translate("SalesTodayDialog", "Beleg als PDF speichern"),
            str(self.presenter.suggested_pdf_path(sale_id)),
            QCoreApplication.translate("SalesTodayDialog", "PDF-Dateien (*.pdf)"),
        )
        dialog.setObjectName("salesPdfDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("pdf")
        dialog.fileSelected.connect(lambda path: self.presenter.save_pdf(sale_id, path))
        self.pdf_dialog = dialog
        dialog.open()

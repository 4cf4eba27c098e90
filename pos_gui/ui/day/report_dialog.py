"""The X report and the Z closing on screen, the Z with the count by denomination.

The report's rows (:func:`pos_gui.services.closing.report_lines`) are the same on screen, on
paper and in the PDF. The Z count is keypad-friendly: one field per euro note and coin, Tab or
Enter to the next, the counted total and the difference to the expected cash live.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_gui.core.money import format_eur
from pos_gui.services.closing import EURO_DENOMINATIONS
from pos_gui.ui.day.day_presenter import DayPresenter, lines_of_rows
from pos_gui.ui.views.basket_view import name_automation
from pos_gui.ui.widgets.scanner_filter import mark_scanner_free

# The 5 € note is the smallest note; the count shows the notes and the coins side by side.
SMALLEST_NOTE = 500
NOTE_COUNT = sum(1 for denomination in EURO_DENOMINATIONS if denomination >= SMALLEST_NOTE)


class ReportDialog(QDialog):
    """An X report (``closing=False``) or the Z closing with its count (``closing=True``).

    Non-modal. "Drucken" prints the report as shown, "PDF" saves it beside the receipts.
    """

    def __init__(
        self,
        presenter: DayPresenter,
        *,
        closing: bool,
        pdf_folder: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self.closing = closing
        self.pdf_folder = pdf_folder
        self.setObjectName("zClosingDialog" if closing else "xReportDialog")
        mark_scanner_free(self)  # the count fields
        self.setWindowTitle(
            QCoreApplication.translate("ReportDialog", "Z-Abschluss")
            if closing
            else QCoreApplication.translate("ReportDialog", "X-Bericht")
        )
        self.setModal(False)
        self.rows: list[tuple[str, str]] = []
        self.table = QTableWidget(0, 2, self)
        name_automation(self.table, "reportTable")
        self.table.horizontalHeader().setVisible(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        name_automation(self.status_label, "reportStatus")
        self.print_button = QPushButton(QCoreApplication.translate("ReportDialog", "Drucken"), self)
        self.pdf_button = QPushButton(QCoreApplication.translate("ReportDialog", "Als PDF speichern"), self)
        self.close_button = QPushButton(QCoreApplication.translate("ReportDialog", "Schließen"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.pdf_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)

        body = QHBoxLayout()
        body.addWidget(self.table, 3)
        self.count_fields: dict[int, QLineEdit] = {}
        if closing:
            body.addWidget(self._build_count(), 2)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.status_label)
        layout.addLayout(buttons)
        self.print_button.clicked.connect(self.print_report)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.close_button.clicked.connect(self.close)
        self.resize(940 if closing else 520, 680)
        # Enter belongs to the fields (next field, book): no default button takes it too.
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
        if closing:
            self.show_rows(presenter.z_preview_rows())
            self.update_count()
        else:
            self.show_rows(presenter.x_report_rows())

    def _build_count(self) -> QWidget:
        panel = QWidget(self)
        grid = QGridLayout(panel)
        title = QLabel(QCoreApplication.translate("ReportDialog", "Zählung nach Stückelung"), panel)
        title.setObjectName("panelTitle")
        grid.addWidget(title, 0, 0, 1, 7)
        # Notes on the left, coins on the right: fifteen fields in one column need about 1000
        # px, more than a 768 px store screen. The fields are made in order of value, so Tab
        # and Enter go from 500 € down the notes, then from 2 € down the coins.
        for index, denomination in enumerate(EURO_DENOMINATIONS):
            is_coin = denomination < SMALLEST_NOTE
            row = 1 + (index - NOTE_COUNT if is_coin else index)
            column = 4 if is_coin else 0
            field = QLineEdit(panel)
            # Digits only, empty allowed: an empty field is none of that note or coin, and Enter
            # in it still goes on (Qt sends no returnPressed while a validator finds it short).
            field.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,5}"), field))
            field.setPlaceholderText("0")
            field.setMinimumWidth(72)
            name_automation(field, f"count{denomination}")
            amount = QLabel(format_eur(denomination), panel)
            amount.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(amount, row, column)
            grid.addWidget(QLabel("×", panel), row, column + 1)
            grid.addWidget(field, row, column + 2)
            field.textChanged.connect(self.update_count)
            self.count_fields[denomination] = field
        grid.setColumnMinimumWidth(3, 16)  # a gap between the notes and the coins
        grid.setColumnStretch(2, 1)
        grid.setColumnStretch(6, 1)
        fields = list(self.count_fields.values())
        # Enter goes on to the next field, as Tab does (a keypad has no Tab key).
        for field, following in zip(fields, [*fields[1:], None], strict=True):
            field.returnPressed.connect(following.setFocus if following else self._focus_book)
        self.counted_label = QLabel(panel)
        name_automation(self.counted_label, "countedTotal")
        self.difference_label = QLabel(panel)
        self.difference_label.setWordWrap(True)
        name_automation(self.difference_label, "countDifference")
        self.book_button = QPushButton(
            QCoreApplication.translate("ReportDialog", "Z-Abschluss buchen"), panel
        )
        self.book_button.setProperty("primary", True)
        name_automation(self.book_button, "bookZButton")
        last = 1 + max(NOTE_COUNT, len(EURO_DENOMINATIONS) - NOTE_COUNT)
        grid.addWidget(self.counted_label, last, 0, 1, 7)
        grid.addWidget(self.difference_label, last + 1, 0, 1, 7)
        grid.setRowStretch(last + 2, 1)  # the totals stay under the fields, the button at the foot
        grid.addWidget(self.book_button, last + 3, 0, 1, 7)
        self.book_button.clicked.connect(self.book)
        return panel

    def _focus_book(self) -> None:
        self.book_button.setFocus()

    def counted(self) -> dict[int, int]:
        return {d: int(field.text() or 0) for d, field in self.count_fields.items() if field.text()}

    def update_count(self) -> None:
        total = self.presenter.counted_total(self.counted())
        difference = total - self.presenter.expected_cash()
        self.counted_label.setText(
            QCoreApplication.translate("ReportDialog", "Gezählt: {amount}").format(amount=format_eur(total))
        )
        self.difference_label.setText(
            QCoreApplication.translate(
                "ReportDialog", "Differenz zum Soll ({expected}): {difference}"
            ).format(expected=format_eur(self.presenter.expected_cash()), difference=format_eur(difference))
        )

    def book(self) -> None:
        self.presenter.z_close(self.counted(), self._booked)

    def _booked(self, rows: list[tuple[str, str]]) -> None:
        self.show_rows(rows)
        for field in self.count_fields.values():
            field.setEnabled(False)
        self.book_button.setEnabled(False)
        self.status_label.setText(
            QCoreApplication.translate(
                "ReportDialog", "Gebucht und gedruckt. Der nächste Verkauf gehört zum nächsten Abschluss."
            )
        )

    def show_rows(self, rows: Sequence[tuple[str, str]]) -> None:
        self.rows = list(rows)
        self.table.setRowCount(len(self.rows))
        for index, (label, value) in enumerate(self.rows):
            self.table.setItem(index, 0, QTableWidgetItem(label))
            self.table.setItem(index, 1, QTableWidgetItem(value))
        self.table.resizeColumnToContents(0)

    def report_text(self) -> str:
        """The report as the cashier sees it (tests)."""
        return "\n".join(f"{label}  {value}".rstrip() for label, value in self.rows)

    def print_report(self) -> None:
        self.presenter.print_lines(lines_of_rows(self.rows, self.presenter.paper_width()))

    def save_pdf(self) -> Path | None:
        from pos_gui.ui.printing.receipt_document import export_pdf

        if self.pdf_folder is None:
            return None
        name = "z-abschluss" if self.closing else "x-bericht"
        path = self.pdf_folder / f"{name}-{datetime.now():%Y%m%d-%H%M%S}.pdf"
        path.parent.mkdir(parents=True, exist_ok=True)
        written = export_pdf(lines_of_rows(self.rows, self.presenter.paper_width()), path)
        self.status_label.setText(
            QCoreApplication.translate("ReportDialog", "PDF gespeichert: {path}").format(path=written)
        )
        return written

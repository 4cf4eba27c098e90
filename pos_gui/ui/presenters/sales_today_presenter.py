"""Today's sales: the list the cashier opens to look at, reprint or save a receipt of the day.

The rows come from the journal (:meth:`pos_gui.services.ledger.Ledger.sales_of_day`), the
receipts from the same journal rows through the receipt output presenter, so the list shows
exactly what was (or would be) printed. Printing goes through the same path as after a sale,
with the same failure dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal

from pos_gui.core.money import Cents
from pos_gui.core.receipt_layout import LayoutLine
from pos_gui.services.ledger import SaleRecord
from pos_gui.services.printer_errors import PrinterError
from pos_gui.ui.presenters.error_text import CashierMessage, printer_error_text
from pos_gui.ui.presenters.receipt_output_presenter import ReceiptOutputPresenter
from pos_gui.ui.printing.receipt_document import export_pdf


def status_text(state: str, *, unprinted: bool = False) -> str:
    """A journal state as the cashier reads it."""
    if state == "PAID":
        return (
            QCoreApplication.translate("SalesTodayPresenter", "bezahlt – Beleg nicht gedruckt")
            if unprinted
            else QCoreApplication.translate("SalesTodayPresenter", "bezahlt")
        )
    texts = {
        "VOIDED": QCoreApplication.translate("SalesTodayPresenter", "abgebrochen"),
        "FAILED": QCoreApplication.translate("SalesTodayPresenter", "fehlgeschlagen"),
        "UNKNOWN": QCoreApplication.translate("SalesTodayPresenter", "ungeklärt – wird geprüft"),
        "PAYING": QCoreApplication.translate("SalesTodayPresenter", "Zahlung läuft"),
    }
    return texts.get(state, QCoreApplication.translate("SalesTodayPresenter", "offen"))


@dataclass(frozen=True)
class SaleRow:
    """One line of the list (money in cents; the view formats it).

    Attributes:
        sale_id, sale_number: the journal's sale.
        time: when the sale was opened (local time).
        total, card_share, cash: the sale's total, what the card paid, what was paid in cash.
        state: the journal state (``PAID``, ``VOIDED``, ...).
        status: the state as text for the cashier.
        has_receipt: the sale was paid, so it has a receipt to show and print.
        unprinted: paid, but its receipt never reached the printer.
    """

    sale_id: str
    sale_number: int
    time: datetime
    total: Cents
    card_share: Cents
    cash: Cents
    state: str
    status: str
    has_receipt: bool
    unprinted: bool


@dataclass(frozen=True)
class DaySummary:
    """The paid sales of the day added up."""

    paid_count: int
    total: Cents
    card_share: Cents
    cash: Cents


def _local_today() -> date:
    return datetime.now().astimezone().date()


class SalesTodayPresenter(QObject):
    """Today's sales from the journal, the selected sale's receipt, printing and PDF.

    Args:
        output: the receipt output presenter (journal, printer settings, printing, failures).
        today: returns the till's current date; tests pass a fixed one.

    Signals:
        rows_changed(): :attr:`rows` was reloaded.
        message(CashierMessage): a line for the message bar.

    Attributes:
        rows: the sales of the day, in order.
        watching: the list is on screen: a sale paid or printed reloads :attr:`rows` at once.
    """

    rows_changed = Signal()
    message = Signal(object)

    def __init__(
        self,
        output: ReceiptOutputPresenter,
        *,
        today: Callable[[], date] = _local_today,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.output = output
        self._today = today
        self.rows: list[SaleRow] = []
        # Demo mode: only the sales after the presenter's last "Demo zurücksetzen" (the
        # journal keeps the earlier ones; see pos_gui.services.demo_control).
        self.shown_since: datetime | None = None
        # Set by the list while it is on screen. A hidden list is reloaded when it is shown
        # again, so a paid or printed sale costs no journal read while nobody looks at it.
        self.watching = False
        output.receipts_changed.connect(self._on_receipts_changed)

    @property
    def paper_width(self) -> int:
        """Characters per printed receipt line (the printer settings' width)."""
        return self.output.printer_settings.width

    def refresh(self) -> None:
        """Reload the day's sales from the journal."""
        records = self.output.journal.sales_of_day(self._today())
        if self.shown_since is not None:
            records = [record for record in records if record.time >= self.shown_since]
        # A basket emptied and then given up sold nothing: not a "0,00 € abgebrochen" row.
        records = [record for record in records if record.basket or record.state != "VOIDED"]
        self.rows = [self._row(record) for record in records]
        self.rows_changed.emit()

    def _on_receipts_changed(self) -> None:
        if self.watching:
            self.refresh()

    def _row(self, record: SaleRecord) -> SaleRow:
        paid = record.state == "PAID" and record.receipt is not None
        unprinted = record.sale_id in self.output.unprinted
        return SaleRow(
            sale_id=record.sale_id,
            sale_number=record.sale_number,
            time=record.time,
            total=record.total,
            card_share=record.card_share,
            cash=record.cash,
            state=record.state,
            status=status_text(record.state, unprinted=unprinted),
            has_receipt=paid,
            unprinted=unprinted,
        )

    def summary(self) -> DaySummary:
        paid = [row for row in self.rows if row.state == "PAID"]
        return DaySummary(
            paid_count=len(paid),
            total=sum(row.total for row in paid),
            card_share=sum(row.card_share for row in paid),
            cash=sum(row.cash for row in paid),
        )

    def receipt_lines(self, sale_id: str) -> list[LayoutLine]:
        """The sale's receipt as the printer lays it out (merchant copy after it, when due);
        empty for a sale that was not paid."""
        receipts = self.output.receipts(sale_id)
        if receipts is None:
            return []
        return receipts.all_lines(self.paper_width)

    def print_sale(self, sale_id: str) -> None:
        """ "Drucken": the sale's receipt to the printer (a failure opens the failure dialog)."""
        self.output.print_sale(sale_id)

    def suggested_pdf_path(self, sale_id: str) -> Path:
        row = next((row for row in self.rows if row.sale_id == sale_id), None)
        return self.output.suggested_pdf_path(row.sale_number if row else 0)

    def save_pdf(self, sale_id: str, path: Path | str) -> Path | None:
        """ "Als PDF speichern": write the receipt to ``path``; returns it, or ``None`` on failure."""
        lines = self.receipt_lines(sale_id)
        if not lines:
            self._say(
                "warning",
                QCoreApplication.translate("SalesTodayPresenter", "Für diesen Verkauf gibt es keinen Beleg."),
            )
            return None
        try:
            written = export_pdf(lines, path, width=self.paper_width)
        except PrinterError as error:
            self._say("error", printer_error_text(error))
            return None
        self.output.pdf_saved(sale_id, written)
        return written

    def _say(self, level: str, text: str, details: str = "") -> None:
        self.message.emit(CashierMessage(level, text, details))

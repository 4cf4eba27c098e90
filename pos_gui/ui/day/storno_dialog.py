"""The Storno dialog: pick one of today's paid sales (or scan / type its Bon-Nr.), give a reason,
reverse it with a manager's right; it shows the cash to pay out and the Storno receipt.

:class:`StornoPresenter` turns the Storno service's answers and exceptions into cashier text;
:class:`StornoDialog` is non-modal (a modal ``exec()`` would block the qasync loop).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from pos_gui.core.money import format_eur
from pos_gui.core.receipt_barcode import receipt_number_of
from pos_gui.core.receipt_layout import LayoutLine
from pos_gui.core.sales_receipt import layout_sales_receipt
from pos_gui.services.cashiers import Cashier, Right
from pos_gui.services.ledger import PAID
from pos_gui.services.storno import StornoRefusedError, StornoResult, StornoUnknownError, storno_receipt
from pos_gui.ui.day.day_presenter import DayPresenter
from pos_gui.ui.presenters.error_text import CashierMessage, describe_error
from pos_gui.ui.views.basket_view import name_automation
from pos_gui.ui.views.receipt_preview import ReceiptPreview
from pos_gui.ui.widgets.scanner_filter import mark_scanner_free

log = logging.getLogger("pos_gui.ui.day.storno")

# Seconds between read-backs of a Storno whose answer was lost, the last one repeated.
READ_BACK_WAITS = (1.0, 3.0, 10.0, 30.0, 60.0)


@dataclass(frozen=True)
class StornoCandidate:
    """A paid sale of today that may be reversed."""

    sale_id: str
    number: int
    total: int
    time: str


class StornoPresenter(QObject):
    """Today's sales to choose from and the Storno itself.

    Signals:
        booked(object, object): the :class:`StornoResult` and the Storno receipt's lines.
        refused(str): why nothing was reversed (or that the outcome is being checked).
    """

    booked = Signal(object, object)
    refused = Signal(str)

    def __init__(
        self,
        day: DayPresenter,
        *,
        shop_lines: Sequence[str] = (),
        today: Callable[[], date] = date.today,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.day = day
        self.storno = day.services.storno
        self.shop_lines = tuple(shop_lines)
        self._today = today
        self.read_back_waits: Sequence[float] = READ_BACK_WAITS
        self._reading_back = False

    def candidates(self) -> list[StornoCandidate]:
        """Today's paid sales not reversed yet, the latest first."""
        sales = self.storno.ledger.sales_of_day(self._today())
        found = [
            StornoCandidate(sale.sale_id, sale.sale_number, sale.total, sale.time.strftime("%H:%M"))
            for sale in sales
            if sale.state == PAID and self.storno.storno_state(sale.sale_id) is None
        ]
        return list(reversed(found))

    def sale_for_number(self, text: str) -> str | None:
        """The sale id of Bon-Nr. ``text`` (typed or scanned), or ``None`` after saying why."""
        scanned = receipt_number_of(text)
        digits = str(scanned) if scanned is not None else text.strip().lstrip("#")
        if not digits.isdigit():
            self.refused.emit(
                QCoreApplication.translate("StornoDialog", "Bitte eine Bon-Nr. eingeben oder scannen.")
            )
            return None
        sale = self.storno.sale_by_number(int(digits))
        if sale is None:
            self.refused.emit(
                QCoreApplication.translate("StornoDialog", "Bon-Nr. {number} gibt es nicht.").format(
                    number=int(digits)
                )
            )
            return None
        return sale.sale_id

    def reverse(self, sale_id: str, reason: str) -> None:
        """Reverse the sale: needs the Storno right, else a manager's PIN on the spot."""
        if not reason.strip():
            self.refused.emit(QCoreApplication.translate("StornoDialog", "Bitte einen Grund angeben."))
            return
        try:
            self.storno.check_reversible(self.storno.ledger.sale(sale_id))
        except StornoRefusedError as refused:
            self.refused.emit(str(refused))
            self.read_back_pending_soon()  # "wird noch geklärt": asked again now
            return

        def run(manager: Cashier | None) -> None:
            self.day.spawn(self._reverse_now(sale_id, reason, manager))

        self.day.with_right(Right.STORNO, run)

    async def _reverse_now(self, sale_id: str, reason: str, manager: Cashier | None) -> None:
        # The logged-in cashier's own right, or the manager who just typed their PIN.
        manager_id = manager.cashier_id if manager else None
        try:
            result = await self.storno.storno(sale_id, reason, manager_id=manager_id)
        except StornoRefusedError as refused:
            self.refused.emit(str(refused))
            return
        except StornoUnknownError:
            self.refused.emit(
                QCoreApplication.translate(
                    "StornoDialog", "Keine Antwort vom Server: der Storno wird nachgefragt."
                )
            )
            self.read_back_pending_soon()
            return
        except Exception as error:  # the server refused: its text for the cashier
            message = describe_error(error) or CashierMessage("error", str(error))
            self.refused.emit(message.text)
            return
        self._show_booked(result)

    def _show_booked(self, result: StornoResult) -> None:
        """The Storno receipt printed, and the booking to the dialog."""
        lines = self.receipt_lines(result)
        self.day.print_lines(lines)
        self.booked.emit(result, lines)

    def read_back_pending_soon(self) -> None:
        """Ask the server about the Stornos whose answer never came (a lost connection, a till
        killed or closed meanwhile) until it has answered: the cancelled ones are booked and
        their receipt printed, the others end as not reversed. Stopped at shutdown; the ledger
        keeps them announced, so the next start asks again."""
        if self._reading_back or not self.storno.pending():
            return
        self._reading_back = True
        self.day.spawn_until_shutdown(self._read_back_pending())

    async def _read_back_pending(self) -> None:
        try:
            tries = 0
            while self.storno.pending():
                if tries:
                    await asyncio.sleep(self.read_back_waits[min(tries, len(self.read_back_waits)) - 1])
                tries += 1
                asked = [int(event.payload["original_number"]) for event in self.storno.pending()]
                try:
                    results = await self.storno.resolve_pending()
                except StornoUnknownError:
                    continue  # still no answer: the next try after the next wait
                except Exception as error:  # a refused read: logged, tried again later
                    log.warning("reading back the open Stornos failed: %s", error)
                    continue
                self._tell_read_back(asked, results)
        finally:
            self._reading_back = False

    def _tell_read_back(self, asked: Sequence[int], results: Sequence[StornoResult]) -> None:
        for result in results:
            self._show_booked(result)
            self.day.say(
                "info",
                QCoreApplication.translate(
                    "StornoDialog",
                    "Storno zu Bon-Nr. {original} nachträglich gebucht. Bar auszahlen: {cash}.",
                ).format(original=result.original_number, cash=format_eur(result.cash_to_pay_out)),
            )
        booked = {result.original_number for result in results}
        for number in asked:
            if number not in booked:
                text = QCoreApplication.translate(
                    "StornoDialog",
                    "Storno von Bon-Nr. {original} nicht ausgeführt: der Server hat den Verkauf nicht storniert.",
                ).format(original=number)
                self.refused.emit(text)
                self.day.say("error", text)

    def receipt_lines(self, result: StornoResult) -> list[LayoutLine]:
        receipt = storno_receipt(
            result.event,
            shop_lines=self.shop_lines,
            cashier_name=self.day.session.name or "",
            tse=result.tse,  # signed before it is printed (or "TSE ausgefallen")
        )
        return layout_sales_receipt(receipt, self.day.paper_width())


class StornoDialog(QDialog):
    """Choose a sale, give the reason, reverse it; then the cash to pay out and the receipt."""

    def __init__(self, presenter: StornoPresenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stornoDialog")
        # The scanned receipt barcode and the reason are the dialog's, not the basket's.
        mark_scanner_free(self)
        self.setWindowTitle(QCoreApplication.translate("StornoDialog", "Storno"))
        self.setModal(False)
        self.resize(900, 680)
        self.presenter = presenter
        self.sales_list = QListWidget(self)
        name_automation(self.sales_list, "stornoSales")
        self.number_input = QLineEdit(self)
        self.number_input.setPlaceholderText(
            QCoreApplication.translate("StornoDialog", "Bon-Nr. scannen oder eingeben")
        )
        name_automation(self.number_input, "stornoNumber")
        self.reason_input = QLineEdit(self)
        self.reason_input.setPlaceholderText(
            QCoreApplication.translate("StornoDialog", "z. B. Kunde hat es sich anders überlegt")
        )
        name_automation(self.reason_input, "stornoReason")
        self.storno_button = QPushButton(QCoreApplication.translate("StornoDialog", "Stornieren"), self)
        name_automation(self.storno_button, "stornoButton")
        self.storno_button.setProperty("primary", True)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        name_automation(self.status_label, "stornoStatus")
        self.preview = ReceiptPreview(self, paper_width=presenter.day.paper_width())
        self.close_button = QPushButton(QCoreApplication.translate("StornoDialog", "Schließen"), self)

        form = QFormLayout()
        form.addRow(QCoreApplication.translate("StornoDialog", "Bon-Nr.:"), self.number_input)
        form.addRow(QCoreApplication.translate("StornoDialog", "Grund:"), self.reason_input)
        choice = QWidget(self)
        choice_layout = QVBoxLayout(choice)
        choice_layout.setContentsMargins(0, 0, 0, 0)
        choice_layout.addWidget(
            QLabel(QCoreApplication.translate("StornoDialog", "Heutige bezahlte Verkäufe:"), choice)
        )
        choice_layout.addWidget(self.sales_list, 1)
        choice_layout.addLayout(form)
        choice_layout.addWidget(self.storno_button)
        choice_layout.addWidget(self.status_label)
        # The Storno receipt beside the choice, the dialog's full height: under the choice it
        # had a strip too short to read its heading ("Storno zu Bon-Nr. …") and its TSE block.
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(choice)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)  # the receipt keeps its paper width, the rest to the choice
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(buttons)

        self.sales_list.itemClicked.connect(self._picked)
        self.sales_list.itemActivated.connect(self._picked)
        # A scanned receipt barcode ("BON…") or a typed number, then Enter: that sale.
        self.number_input.returnPressed.connect(self._number_entered)
        self.reason_input.returnPressed.connect(self.reverse)
        self.storno_button.clicked.connect(self.reverse)
        self.close_button.clicked.connect(self.close)
        presenter.booked.connect(self._booked)
        presenter.refused.connect(self._refused)
        # Enter belongs to the fields (next field, book): no default button takes it too.
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
        self.refresh()

    def refresh(self) -> None:
        self.sales_list.clear()
        for sale in self.presenter.candidates():
            text = QCoreApplication.translate("StornoDialog", "Bon-Nr. {number}  {time}  {total}").format(
                number=sale.number, time=sale.time, total=format_eur(sale.total)
            )
            item = QListWidgetItem(text, self.sales_list)
            item.setData(256, sale.number)

    def _picked(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.number_input.setText(str(item.data(256)))

    def _number_entered(self) -> None:
        text = self.number_input.text().strip()
        number = receipt_number_of(text)
        if number is None and text.lstrip("#").isdigit():
            number = int(text.lstrip("#"))
        if number is not None:
            self.choose_number(number)
        self.reason_input.setFocus()

    def choose_number(self, number: int) -> None:
        """Bon-Nr. ``number`` in the field, and its sale selected in the list when listed."""
        self.number_input.setText(str(number))
        self.sales_list.setCurrentRow(-1)
        for row in range(self.sales_list.count()):
            if self.sales_list.item(row).data(256) == number:
                self.sales_list.setCurrentRow(row)
                break
        self.reason_input.setFocus()

    def reverse(self) -> None:
        sale_id = self.presenter.sale_for_number(self.number_input.text())
        if sale_id is not None:
            self.status_label.setText(QCoreApplication.translate("StornoDialog", "Storno läuft …"))
            self.presenter.reverse(sale_id, self.reason_input.text())

    def _booked(self, result: StornoResult, lines: list[LayoutLine]) -> None:
        self.status_label.setText(
            QCoreApplication.translate(
                "StornoDialog",
                "Storno zu Bon-Nr. {original} gebucht (Bon-Nr. {number}). Bar auszahlen: {cash}. Zurück auf die Karte: {card}.",
            ).format(
                original=result.original_number,
                number=result.receipt_number,
                cash=format_eur(result.cash_to_pay_out),
                card=format_eur(result.card_given_back),
            )
        )
        self.preview.show_layout(lines)
        self.reason_input.clear()
        self.number_input.clear()
        self.refresh()

    def _refused(self, text: str) -> None:
        self.status_label.setText(text)

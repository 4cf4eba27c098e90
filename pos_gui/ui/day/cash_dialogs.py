"""Small non-modal dialogs of the day: a manager's PIN on the spot, cash in / cash out.

Both are opened with ``open()``/``show()`` and answer through the presenter, never with
``exec()`` (a nested event loop inside a qasync coroutine deadlocks).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_gui.core.money import format_eur
from pos_gui.ui.day.day_presenter import DayPresenter
from pos_gui.ui.views.basket_view import name_automation
from pos_gui.ui.widgets.scanner_filter import mark_scanner_free


def show_override_prompt(
    parent: QWidget, presenter: DayPresenter, action: str, wrong_before: bool
) -> QInputDialog:
    """Ask for a manager's PIN for ``action``; the answer goes to the presenter (Esc: cancelled)."""
    dialog = QInputDialog(parent)
    dialog.setObjectName("overrideDialog")
    mark_scanner_free(dialog)
    dialog.setWindowTitle(QCoreApplication.translate("CashDialogs", "Freigabe durch die Marktleitung"))
    text = QCoreApplication.translate(
        "CashDialogs", "Für „{action}“ ist die PIN einer Marktleitung nötig:"
    ).format(action=action)
    if wrong_before:
        text = QCoreApplication.translate("CashDialogs", "Das war keine PIN einer Marktleitung. ") + text
    dialog.setLabelText(text)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
    dialog.setInputMode(QInputDialog.InputMode.TextInput)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    answered: list[bool] = []

    def answer(pin: str | None) -> None:
        # textValueSelected and then finished both fire on OK: answer once.
        if not answered:
            answered.append(True)
            presenter.answer_override(pin)

    dialog.textValueSelected.connect(answer)
    dialog.rejected.connect(lambda: answer(None))
    dialog.open()
    return dialog


class CashMoveDialog(QDialog):
    """Cash put in or taken out: the DSFinV-K type, the amount, the reason; the cash expected.

    OK books it (taking out asks for a manager's PIN when the cashier lacks the right) and the
    slip is printed; the dialog closes once booked.
    """

    def __init__(self, presenter: DayPresenter, *, taking_out: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self.taking_out = taking_out
        self.setObjectName("cashOutDialog" if taking_out else "cashInDialog")
        mark_scanner_free(self)
        self.setWindowTitle(
            QCoreApplication.translate("CashDialogs", "Geld entnehmen")
            if taking_out
            else QCoreApplication.translate("CashDialogs", "Geld einlegen")
        )
        self.setModal(False)
        self.type_box = QComboBox(self)
        name_automation(self.type_box, "cashMoveType")
        wanted = -1 if taking_out else +1
        for gv_type, label, direction in presenter.cash_move_types():
            if direction in (0, wanted):
                self.type_box.addItem(_move_name(gv_type, label), gv_type)
        self.amount_input = QLineEdit(self)
        self.amount_input.setPlaceholderText(QCoreApplication.translate("CashDialogs", "Betrag, z. B. 20,00"))
        name_automation(self.amount_input, "cashMoveAmount")
        self.reason_input = QLineEdit(self)
        name_automation(self.reason_input, "cashMoveReason")
        self.expected_label = QLabel(self)
        name_automation(self.expected_label, "expectedCash")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            QCoreApplication.translate("CashDialogs", "Buchen")
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            QCoreApplication.translate("CashDialogs", "Abbrechen")
        )
        form = QFormLayout()
        form.addRow(QCoreApplication.translate("CashDialogs", "Art:"), self.type_box)
        form.addRow(QCoreApplication.translate("CashDialogs", "Betrag:"), self.amount_input)
        form.addRow(QCoreApplication.translate("CashDialogs", "Grund:"), self.reason_input)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.expected_label)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.book)
        self.buttons.rejected.connect(self.reject)
        self.amount_input.returnPressed.connect(self.reason_input.setFocus)
        self.reason_input.returnPressed.connect(self.book)
        # The move is booked after a manager's PIN too: the presenter then says so.
        presenter.message.connect(self._on_message)
        self._before = presenter.expected_cash()
        # Enter belongs to the fields (next field, book): no default button takes it too.
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
        self.show_expected()

    def show_expected(self) -> None:
        self.expected_label.setText(
            QCoreApplication.translate("CashDialogs", "Soll-Bestand in der Kasse: {amount}").format(
                amount=format_eur(self.presenter.expected_cash())
            )
        )

    def book(self) -> None:
        """Book the movement; closes once the cash expected has changed (the move is booked)."""
        self.presenter.move_cash(
            str(self.type_box.currentData()),
            self.amount_input.text(),
            self.reason_input.text(),
            taking_out=self.taking_out,
        )
        self._close_if_booked()

    def _on_message(self, _message: object) -> None:
        self._close_if_booked()

    def _close_if_booked(self) -> None:
        if self.isVisible() and self.presenter.expected_cash() != self._before:
            self.accept()


def _move_name(gv_type: str, german: str) -> str:
    """The cash movement's name on screen (the service's German name as the fallback)."""
    names = {
        "Einzahlung": QCoreApplication.translate("CashDialogs", "Einlage"),
        "Auszahlung": QCoreApplication.translate("CashDialogs", "Entnahme"),
        "Geldtransit": QCoreApplication.translate("CashDialogs", "Geldtransit (Bank/Tresor)"),
        "Privateinlage": QCoreApplication.translate("CashDialogs", "Privateinlage"),
        "Privatentnahme": QCoreApplication.translate("CashDialogs", "Privatentnahme"),
        "TrinkgeldAN": QCoreApplication.translate("CashDialogs", "Trinkgeld ausgezahlt"),
    }
    return names.get(gv_type, german)

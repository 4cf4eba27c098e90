""" "Verkauf verwerfen?": asked before Ctrl+N, "Warenkorb leeren" or closing the till drop a sale.

Only a sale with something to lose asks: basket lines or an applied card balance, not yet paid.
A paid sale, an empty basket and a payment under way (the presenter refuses those itself) go
on at once. The question is non-modal (``open()``): a nested ``exec()`` event loop inside the
qasync loop deadlocks. Esc and the default answer are "Nein".
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from pos_gui.core.money import format_eur
from pos_gui.services.checkout import CheckoutState
from pos_gui.ui.presenters.till_snapshot import TillSnapshot

QUESTION_NAME = "discardSaleQuestion"
# The sale is being paid or its outcome checked: nothing may drop it, the presenter says so.
_PAYMENT_STATES = (CheckoutState.PAYING, CheckoutState.UNKNOWN)


def has_sale_to_lose(snapshot: TillSnapshot) -> bool:
    """The current sale has lines or an applied card, is not paid and no payment is under way."""
    if snapshot.showing_receipt or snapshot.state is CheckoutState.PAID:
        return False
    if snapshot.busy or snapshot.state in _PAYMENT_STATES:
        return False
    return bool(snapshot.lines) or snapshot.card_applied


def ask_before_discarding(
    parent: QWidget, snapshot: TillSnapshot, proceed: Callable[[], object], *, closing: bool = False
) -> QMessageBox | None:
    """Call ``proceed`` now when nothing would be lost, else after the cashier's "Ja".

    Returns the open question (``None`` when nothing was asked). A question already open is
    raised instead of opening a second one.
    """
    if not has_sale_to_lose(snapshot):
        proceed()
        return None
    for open_question in parent.findChildren(QMessageBox, QUESTION_NAME):
        if open_question.isVisible():
            open_question.raise_()
            open_question.activateWindow()
            return open_question
    count = sum(line.quantity for line in snapshot.lines)
    details = QCoreApplication.translate("DiscardQuestion", "{count} Artikel, Summe {total}").format(
        count=count, total=format_eur(snapshot.total)
    )
    if snapshot.card_applied:
        details += QCoreApplication.translate("DiscardQuestion", ", Kartenguthaben angerechnet")
    if closing:
        text = QCoreApplication.translate(
            "DiscardQuestion", "Verkauf verwerfen und die Kasse beenden? ({details})"
        ).format(details=details)
    else:
        text = QCoreApplication.translate("DiscardQuestion", "Verkauf verwerfen? ({details})").format(
            details=details
        )
    question = QMessageBox(parent)
    question.setObjectName(QUESTION_NAME)
    question.setIcon(QMessageBox.Icon.Question)
    question.setWindowTitle(QCoreApplication.translate("DiscardQuestion", "Verkauf verwerfen?"))
    question.setText(text)
    yes = question.addButton(
        QCoreApplication.translate("DiscardQuestion", "Ja"), QMessageBox.ButtonRole.YesRole
    )
    no = question.addButton(
        QCoreApplication.translate("DiscardQuestion", "Nein"), QMessageBox.ButtonRole.NoRole
    )
    yes.setObjectName("discardYesButton")
    no.setObjectName("discardNoButton")
    # A cashier's reflex Enter keeps the sale; Esc too.
    question.setDefaultButton(no)
    question.setEscapeButton(no)
    question.setWindowModality(Qt.WindowModality.WindowModal)
    question.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def answered(button: object) -> None:
        if button is yes:
            proceed()

    question.buttonClicked.connect(answered)
    question.open()
    return question

"""The small price dialog for an open-price article (cake by the piece, a voucher, a deposit).

Non-modal and opened with ``show()``, never ``exec()``: a nested event loop inside the qasync
loop deadlocks (see :mod:`pos_gui.ui.printing.dialogs`). It reports the typed price through a
signal; Esc or "Abbrechen" adds nothing.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from pos_gui.core.basket import Article
from pos_gui.core.money import Cents, format_eur, parse_amount
from pos_gui.ui.widgets.scanner_filter import mark_scanner_free

# The most an open price may be: a typo ("2500" for 25,00) must not sell for 2,500 euros
# unnoticed; a larger amount is not what an open-price article is for.
MAX_OPEN_PRICE: Cents = 100_000


class OpenPriceDialog(QDialog):
    """Asks for the price of one open-price article (German decimals: ``2,50``).

    Signals:
        priced(Article, int): the article with the typed price (``open_price`` off) and the
            quantity; emitted once, when the cashier confirms a valid amount.
    """

    priced = Signal(object, int)

    def __init__(self, article: Article, quantity: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("openPriceDialog")
        # A price typed fast is still a price, not a scanned article.
        mark_scanner_free(self)
        self.setWindowTitle(QCoreApplication.translate("OpenPriceDialog", "Preis eingeben"))
        self.setModal(False)
        self.setMinimumWidth(440)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.article = article
        self.quantity = quantity
        prompt = QCoreApplication.translate("OpenPriceDialog", "Preis für {name} (in €, z. B. 2,50):")
        if quantity != 1:
            prompt = QCoreApplication.translate(
                "OpenPriceDialog", "Preis je Stück für {quantity} × {name} (in €, z. B. 2,50):"
            )
        self.prompt_label = QLabel(prompt.format(name=article.name, quantity=quantity), self)
        self.prompt_label.setWordWrap(True)
        self.amount_input = QLineEdit(self)
        self.amount_input.setObjectName("openPriceInput")
        self.amount_input.setAccessibleName(QCoreApplication.translate("OpenPriceDialog", "Preis"))
        self.amount_input.setAlignment(Qt.AlignmentFlag.AlignRight)
        if article.price > 0:
            # The catalogue's price is a suggestion: typing replaces it.
            self.amount_input.setText(format_eur(article.price).removesuffix(" €"))
            self.amount_input.selectAll()
        self.prompt_label.setBuddy(self.amount_input)
        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("openPriceProblem")
        self.problem_label.setWordWrap(True)
        self.problem_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            QCoreApplication.translate("OpenPriceDialog", "Hinzufügen")
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            QCoreApplication.translate("OpenPriceDialog", "Abbrechen")
        )
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt_label)
        layout.addWidget(self.amount_input)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.amount_input.setFocus()

    def confirm(self) -> None:
        """OK / Enter: a valid amount adds the article; anything else says why and stays open."""
        price = self.typed_price()
        if price is None:
            self.problem_label.setText(
                QCoreApplication.translate(
                    "OpenPriceDialog", "Bitte einen Betrag über 0 € eingeben, höchstens {maximum}."
                ).format(maximum=format_eur(MAX_OPEN_PRICE))
            )
            self.problem_label.show()
            self.adjustSize()  # room for the new line, instead of squeezing the others
            self.amount_input.setFocus()
            self.amount_input.selectAll()
            return
        self.priced.emit(replace(self.article, price=price, open_price=False), self.quantity)
        self.accept()

    def typed_price(self) -> Cents | None:
        """The amount typed, or ``None`` when it is not an amount between 0,01 € and the maximum."""
        try:
            price = parse_amount(self.amount_input.text())
        except ValueError:
            return None
        return price if 0 < price <= MAX_OPEN_PRICE else None


def ask_open_price(parent: QWidget, article: Article, quantity: int) -> OpenPriceDialog:
    """Open the price dialog for ``article`` over ``parent``; connect to ``priced`` to add it."""
    dialog = OpenPriceDialog(article, quantity, parent)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog

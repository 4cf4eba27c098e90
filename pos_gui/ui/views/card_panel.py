"""The card panel: the card field and what the scanned card holds."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from pos_gui.core.money import format_eur
from pos_gui.ui.presenters.checkout_presenter import CheckoutPresenter, TillSnapshot
from pos_gui.ui.views.basket_view import name_automation


class CardPanel(QFrame):
    """Card number entry, holder, card group, balance (cash and bonus), points and lock state."""

    def __init__(self, presenter: CheckoutPresenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cardPanel")
        self._presenter = presenter
        title = QLabel(QCoreApplication.translate("CardPanel", "Karte"), self)
        title.setObjectName("panelTitle")
        self.card_input = QLineEdit(self)
        name_automation(self.card_input, "cardInput")
        self.card_input.setPlaceholderText(QCoreApplication.translate("CardPanel", "Karte scannen (F4)"))
        self.card_input.setMaxLength(24)
        self.remove_button = QPushButton(QCoreApplication.translate("CardPanel", "Karte entfernen"), self)
        self.remove_button.setObjectName("removeCardButton")
        self.remove_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.holder_label = QLabel(self)
        self.holder_label.setObjectName("cardHolderLabel")
        self.balance_label = QLabel(QCoreApplication.translate("CardPanel", "Keine Karte"), self)
        name_automation(self.balance_label, "cardBalanceLabel")
        self.balance_label.setWordWrap(True)
        self.details_label = QLabel(self)
        self.details_label.setObjectName("cardDetailsLabel")
        self.details_label.setWordWrap(True)

        entry = QHBoxLayout()
        entry.addWidget(title)
        entry.addWidget(self.card_input, 1)
        entry.addWidget(self.remove_button)
        layout = QGridLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setVerticalSpacing(4)
        layout.addLayout(entry, 0, 0)
        layout.addWidget(self.holder_label, 1, 0)
        layout.addWidget(self.balance_label, 2, 0)
        layout.addWidget(self.details_label, 3, 0)

        self.card_input.returnPressed.connect(self._on_return)
        self.remove_button.clicked.connect(presenter.remove_card)

    def _on_return(self) -> None:
        number = self.card_input.text()
        self.card_input.clear()
        if number.strip():
            self._presenter.scan_card(number)

    def show_snapshot(self, snapshot: TillSnapshot) -> None:
        card = snapshot.card
        self.remove_button.setEnabled(
            card is not None and not snapshot.busy and not snapshot.unknown and snapshot.payment is None
        )
        if card is None:
            self.holder_label.setText("")
            self.balance_label.setText(QCoreApplication.translate("CardPanel", "Keine Karte"))
            self.balance_label.setProperty("locked", False)
            self.details_label.setText("")
            return
        holder = card.holder or QCoreApplication.translate("CardPanel", "Anonyme Karte")
        self.holder_label.setText(f"{holder} · {card.group}" if card.group else holder)
        self.balance_label.setText(
            QCoreApplication.translate("CardPanel", "Guthaben {balance} (Bar {cash} · Bonus {bonus})").format(
                balance=format_eur(card.balance),
                cash=format_eur(card.cash_balance),
                bonus=format_eur(card.bonus_balance),
            )
        )
        state = (
            QCoreApplication.translate("CardPanel", "gesperrt")
            if card.locked
            else QCoreApplication.translate("CardPanel", "aktiv")
        )
        self.details_label.setText(
            QCoreApplication.translate("CardPanel", "Karte {number} · {points} Punkte · {state}").format(
                number=card.number, points=card.points, state=state
            )
        )

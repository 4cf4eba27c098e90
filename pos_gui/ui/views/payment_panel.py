"""The payment panel: total, card share, cash due, tendered cash, change and the pay buttons.

While a payment's outcome is unknown the panel shows only "Zahlung wird geprüft …" and a button
to check again: nothing on it could pay twice.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from pos_gui.core.money import format_amount, format_eur
from pos_gui.ui.presenters.checkout_presenter import CheckoutPresenter, TillSnapshot
from pos_gui.ui.views.basket_view import name_automation
from pos_gui.ui.widgets.button_flow import ButtonFlow

QUICK_AMOUNTS = (500, 1000, 2000, 5000)


class PaymentPanel(QFrame):
    """Everything needed to take the money."""

    def __init__(self, presenter: CheckoutPresenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paymentPanel")
        self._presenter = presenter
        self._amount_due = 0

        self.total_label = QLabel(format_eur(0), self)
        name_automation(self.total_label, "totalLabel")
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        total_caption = QLabel(QCoreApplication.translate("PaymentPanel", "Zu zahlen"), self)
        total_caption.setObjectName("totalCaption")

        # The buttons page; its widgets are created in it (moving a styled widget into another
        # parent re-styles it).
        pay_page = QWidget(self)
        self.card_share_label = QLabel(pay_page)
        name_automation(self.card_share_label, "cardShareLabel")
        self.card_share_label.setWordWrap(True)
        self.apply_card_button = QPushButton(
            QCoreApplication.translate("PaymentPanel", "Guthaben einlösen (F9)"), pay_page
        )
        name_automation(self.apply_card_button, "applyCardButton")
        self.missing_sum_label = QLabel(pay_page)
        name_automation(self.missing_sum_label, "missingSumLabel")
        self.missing_sum_label.setWordWrap(True)

        self.tendered_input = QLineEdit(pay_page)
        name_automation(self.tendered_input, "tenderedInput")
        self.tendered_input.setPlaceholderText(
            QCoreApplication.translate("PaymentPanel", "Gegeben (F8), leer = passend")
        )
        self.tendered_input.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.tendered_input.setMaxLength(12)
        tendered_label = QLabel(QCoreApplication.translate("PaymentPanel", "&Gegeben"), pay_page)
        tendered_label.setBuddy(self.tendered_input)
        # Quick amounts and pay buttons wrap onto another line where the panel is narrow.
        self.quick_row = ButtonFlow(pay_page, spacing=4)
        self.exact_button = QPushButton(QCoreApplication.translate("PaymentPanel", "passend"), self.quick_row)
        self.exact_button.setObjectName("quickAmountExact")
        self.quick_buttons: list[QPushButton] = []
        for cents in QUICK_AMOUNTS:
            button = QPushButton(format_eur(cents).replace(",00", ""), self.quick_row)
            button.setObjectName(f"quickAmount{cents // 100}")
            button.clicked.connect(lambda _checked=False, cents=cents: self._set_tendered(cents))
            self.quick_buttons.append(button)
        self.exact_button.clicked.connect(lambda: self._set_tendered(self._amount_due))
        for button in (self.exact_button, *self.quick_buttons):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setProperty("quick", True)

        self.change_label = QLabel(pay_page)
        name_automation(self.change_label, "changeLabel")
        self.pay_row = ButtonFlow(pay_page)
        self.pay_cash_button = QPushButton(
            QCoreApplication.translate("PaymentPanel", "Bar bezahlen (F12)"), self.pay_row
        )
        name_automation(self.pay_cash_button, "payCashButton")
        self.pay_cash_button.setProperty("primary", True)
        self.pay_card_button = QPushButton(
            QCoreApplication.translate("PaymentPanel", "Mit Karte bezahlen (F11)"), self.pay_row
        )
        name_automation(self.pay_card_button, "payCardButton")
        self.pay_card_button.setProperty("primary", True)

        # The "payment is being checked" page replaces the buttons while the outcome is unknown.
        self.unknown_panel = QFrame(self)
        self.unknown_panel.setObjectName("unknownPanel")
        self.unknown_label = QLabel(
            QCoreApplication.translate("PaymentPanel", "Zahlung wird geprüft …"), self.unknown_panel
        )
        name_automation(self.unknown_label, "unknownLabel")
        self.unknown_label.setWordWrap(True)
        unknown_hint = QLabel(
            QCoreApplication.translate(
                "PaymentPanel",
                "Die Kasse fragt den Server, ob die Zahlung angekommen ist. Bitte nicht erneut kassieren.",
            ),
            self.unknown_panel,
        )
        unknown_hint.setWordWrap(True)
        self.check_again_button = QPushButton(
            QCoreApplication.translate("PaymentPanel", "Erneut prüfen"), self.unknown_panel
        )
        self.check_again_button.setObjectName("checkAgainButton")
        unknown_layout = QVBoxLayout(self.unknown_panel)
        unknown_layout.addWidget(self.unknown_label)
        unknown_layout.addWidget(unknown_hint)
        unknown_layout.addWidget(self.check_again_button)
        unknown_layout.addStretch(1)

        self.quick_row.add(self.exact_button)
        for button in self.quick_buttons:
            self.quick_row.add(button)
        grid = QGridLayout(pay_page)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.card_share_label, 0, 0, 1, 2)
        grid.addWidget(self.apply_card_button, 1, 0, 1, 2)
        grid.addWidget(self.missing_sum_label, 2, 0, 1, 2)
        grid.addWidget(tendered_label, 3, 0)
        grid.addWidget(self.tendered_input, 3, 1)
        grid.addWidget(self.quick_row, 4, 0, 1, 2)
        grid.addWidget(self.change_label, 5, 0, 1, 2)
        # Side by side where there is room (1366×768), one under the other on a narrow screen:
        # a pay button never cuts its text.
        self.pay_row.add(self.pay_cash_button)
        self.pay_row.add(self.pay_card_button)
        grid.setRowStretch(6, 1)
        grid.addWidget(self.pay_row, 7, 0, 1, 2)
        # Tight rows: at 1366×768 with the message bar and a card shown, the pay buttons must
        # still fit below them.
        grid.setVerticalSpacing(4)
        self._grid = grid
        self.pages = QStackedLayout()
        self.pages.addWidget(pay_page)
        self.pages.addWidget(self.unknown_panel)

        total_row = QHBoxLayout()
        total_row.addWidget(total_caption)
        total_row.addWidget(self.total_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 8)
        self._layout = layout
        layout.addLayout(total_row)
        layout.addLayout(self.pages, 1)

        self.apply_card_button.clicked.connect(presenter.apply_card_balance)
        self.pay_cash_button.clicked.connect(presenter.pay_cash)
        self.pay_card_button.clicked.connect(presenter.pay_card)
        self.check_again_button.clicked.connect(presenter.resolve_unknown)
        self.tendered_input.textChanged.connect(presenter.set_tendered)

    def set_compact(self, compact: bool) -> None:
        """Tighter rows on a low screen (800×600), where the pay buttons stand one under the other."""
        self._grid.setVerticalSpacing(2 if compact else 4)
        if compact:
            self._layout.setContentsMargins(8, 2, 8, 4)
        else:
            self._layout.setContentsMargins(10, 4, 10, 8)

    def _set_tendered(self, cents: int) -> None:
        self.tendered_input.setText(format_amount(cents))

    def show_snapshot(self, snapshot: TillSnapshot) -> None:
        self._amount_due = snapshot.amount_due
        paid = snapshot.payment
        self.pages.setCurrentIndex(1 if snapshot.unknown else 0)
        self.check_again_button.setEnabled(not snapshot.busy)
        self.total_label.setText(format_eur(snapshot.total))

        # Card share: predicted at once, confirmed by preTransaction.
        prediction = snapshot.prediction
        if paid is not None:
            self.card_share_label.setText(
                QCoreApplication.translate("PaymentPanel", "Karte hat {amount} bezahlt").format(
                    amount=format_eur(paid.card_paid)
                )
                if paid.card_paid
                else ""
            )
        elif snapshot.card is None or prediction is None:
            self.card_share_label.setText(QCoreApplication.translate("PaymentPanel", "Keine Karte gescannt"))
        elif snapshot.card_applied:
            self.card_share_label.setText(
                QCoreApplication.translate("PaymentPanel", "Karte zahlt {amount} (eingelöst)").format(
                    amount=format_eur(snapshot.total - snapshot.amount_due)
                )
            )
        else:
            self.card_share_label.setText(
                QCoreApplication.translate("PaymentPanel", "Karte kann {amount} zahlen").format(
                    amount=format_eur(prediction.card_pays)
                )
            )

        if paid is not None:
            self.missing_sum_label.setText(
                QCoreApplication.translate("PaymentPanel", "Bar bezahlt: {amount}").format(
                    amount=format_eur(paid.cash_due)
                )
            )
        elif snapshot.applying and prediction is not None:
            self.missing_sum_label.setText(
                QCoreApplication.translate(
                    "PaymentPanel", "Bar zu zahlen: {amount} (wird bestätigt …)"
                ).format(amount=format_eur(prediction.missing_sum))
            )
        else:
            self.missing_sum_label.setText(
                QCoreApplication.translate("PaymentPanel", "Bar zu zahlen: {amount}").format(
                    amount=format_eur(snapshot.amount_due)
                )
            )

        if paid is None and not snapshot.tendered_valid:
            self.change_label.setText(
                QCoreApplication.translate("PaymentPanel", "Betrag nicht lesbar, z. B. 20,00")
            )
        elif paid is None and snapshot.short_by:
            self.change_label.setText(
                QCoreApplication.translate("PaymentPanel", "Es fehlen: {amount}").format(
                    amount=format_eur(snapshot.short_by)
                )
            )
        else:
            # The snapshot's change is 0 while nothing is tendered.
            self.change_label.setText(
                QCoreApplication.translate("PaymentPanel", "Rückgeld: {amount}").format(
                    amount=format_eur(paid.change if paid is not None else snapshot.change)
                )
            )

        if self.tendered_input.text() != snapshot.tendered_text:
            # The presenter cleared it (paid, new sale); the field follows without echoing back.
            self.tendered_input.blockSignals(True)
            self.tendered_input.setText(snapshot.tendered_text)
            self.tendered_input.blockSignals(False)
        open_sale = paid is None and not snapshot.unknown
        self.tendered_input.setEnabled(open_sale)
        for button in (self.exact_button, *self.quick_buttons):
            button.setEnabled(open_sale and not snapshot.busy)
        self.apply_card_button.setEnabled(snapshot.can_apply)
        self.pay_cash_button.setEnabled(snapshot.can_pay_cash)
        self.pay_card_button.setEnabled(snapshot.can_pay_card)

"""The till window: basket on the left, card and payment on the right, receipt after payment.

Built by :mod:`pos_gui.app` with its presenter; it only wires widgets to the presenter and draws
the presenter's snapshot. The menus ("Kasse", "Verkäufe", "Einstellungen", "Hilfe", built by
:mod:`pos_gui.ui.till_menus`) are attributes; with :meth:`MainWindow.show_message`,
:meth:`MainWindow.add_help_rows` and :meth:`MainWindow.set_receipt_paper_width` they are all the
back office (:mod:`pos_gui.ui.backoffice`) uses of the window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos_gui.config.settings import PrinterSettings
from pos_gui.core.receipt_barcode import receipt_number_of
from pos_gui.ui.catalog.product_grid_panel import ProductGridPanel
from pos_gui.ui.presenters.checkout_presenter import CheckoutPresenter, TillSnapshot
from pos_gui.ui.presenters.error_text import CashierMessage
from pos_gui.ui.screen_fit import ScreenFit
from pos_gui.ui.till_menus import build_till_menus
from pos_gui.ui.views.basket_view import BasketView, name_automation
from pos_gui.ui.views.card_panel import CardPanel
from pos_gui.ui.views.payment_panel import PaymentPanel
from pos_gui.ui.views.status_labels import StatusLabels
from pos_gui.ui.widgets.message_bar import MessageBar
from pos_gui.ui.widgets.scanner_filter import ScannerFilter

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QCloseEvent, QKeyEvent, QResizeEvent
    from PySide6.QtWidgets import QMessageBox

    from pos_gui.core.sales_receipt import SalesReceipt
    from pos_gui.ui.views.help_overlay import HelpOverlay
    from pos_gui.ui.views.receipt_preview import ReceiptPreview

PAGE_BASKET, PAGE_RECEIPT = 0, 1


class MainWindow(QMainWindow):
    """The cashier's window.

    Args:
        presenter: the checkout presenter.
        scanner: the application-wide scanner filter (installed by the caller on the QApplication).
        profile: ``DEMO``, ``TESTING`` or ``LIVE`` (status bar; DEMO also shows the banner).
        paper_width: characters per printed receipt line (the printer settings' ``width``); the
            receipt preview lays the receipt out at this width, as the printer does.

    Signals:
        close_requested(): the cashier closed the window; the application shuts down in order.
        receipt_scanned(int): a receipt's Bon-Nr. barcode was scanned (the Storno opens with it).
    """

    close_requested = Signal()
    receipt_scanned = Signal(int)

    def __init__(
        self,
        presenter: CheckoutPresenter,
        scanner: ScannerFilter,
        *,
        profile: str,
        paper_width: int = PrinterSettings.width,
        receipt_page: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.presenter = presenter
        self.scanner = scanner
        self.profile = profile.upper()
        self.is_demo = self.profile == "DEMO"
        self.setWindowTitle(QCoreApplication.translate("MainWindow", "Kasse – pos-gui"))
        # Down to an 800×600 terminal (tests/gui/test_small_screens.py).
        self.setMinimumSize(800, 600)

        # Every widget is created in its final parent: with the application's style sheet set,
        # moving a built widget into another parent re-styles its whole subtree (~20 ms here).
        central = QWidget(self)
        self.demo_banner = QLabel(
            QCoreApplication.translate("MainWindow", "DEMO – Vorführmodus, keine echten Zahlungen"), central
        )
        name_automation(self.demo_banner, "demoBanner")
        self.demo_banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.demo_banner.setVisible(self.is_demo)
        self.message_bar = MessageBar(central)

        splitter = QSplitter(Qt.Orientation.Horizontal, central)
        self.left_pages = QStackedWidget(splitter)
        self.basket_view = BasketView(presenter, self.left_pages)
        self.left_pages.addWidget(self.basket_view)
        self._paper_width = paper_width
        # The receipt page (preview and "Neuer Verkauf"); built by build_receipt_page().
        self.receipt_preview: ReceiptPreview
        self.new_sale_button: QPushButton
        self._receipt_page_built = False
        # The receipt the preview shows: it is laid out again only when the sale changes.
        self._shown_receipt: SalesReceipt | None = None

        right = QWidget(splitter)
        self.card_panel = CardPanel(presenter, right)
        self.payment_panel = PaymentPanel(presenter, right)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.card_panel)
        right_layout.addWidget(self.payment_panel, 1)

        splitter.addWidget(self.left_pages)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        # Room for both pay buttons side by side on a 1366 pixels wide screen.
        splitter.setSizes([720, 620])
        self.splitter = splitter

        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 0, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(self.demo_banner)
        layout.addWidget(self.message_bar)
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)
        self._central = central
        self._help_overlay: HelpOverlay | None = None
        self._extra_help_rows: list[tuple[str, str]] = []
        # What the last drawn snapshot showed, to notice a success that makes an old warning
        # untrue (see _clear_superseded_problem).
        self._was_busy = False
        # Smaller screens than 1366×768: compact type, fewer basket columns.
        self.screen_fit = ScreenFit(self)
        # The touch grid (F7): built, and the catalogue read, only when first shown.
        self.product_grid = ProductGridPanel(self)
        self._message_serial_at_start = -1
        self._shown_card: str | None = None
        self._showed_receipt = False
        # "Verkauf verwerfen?" was answered with "Ja": the close goes through without asking again.
        self._close_confirmed_by_cashier = False

        self.status_labels = StatusLabels(self, self.profile)
        menus = build_till_menus(self)
        self.till_menu = menus.till
        self.sales_menu = menus.sales
        self.settings_menu = menus.settings
        self.help_menu = menus.help
        self.new_sale_action = menus.new_sale

        if receipt_page:
            self.build_receipt_page()
        presenter.state_changed.connect(self.refresh)
        presenter.message.connect(self.show_message)
        presenter.connection_changed.connect(self._update_status)
        presenter.passcode_prompt.requested.connect(self._ask_passcode)
        scanner.card_scanned.connect(self._on_card_scanned)
        scanner.code_scanned.connect(self._on_code_scanned)
        scanner.protect(self.payment_panel.tendered_input)
        scanner.card_field(self.card_panel.card_input)
        self.refresh()
        self.basket_view.article_input.setFocus()

    # -- building ----------------------------------------------------------------------------

    def build_receipt_page(self) -> None:
        """Build the page shown after a payment: the receipt preview and "Neuer Verkauf".

        The window builds it itself unless told not to (``receipt_page=False``): the cold start
        builds it right after the first paint, since it is hidden until a sale is paid and its
        text browser is the costliest widget of the window (~9 ms). Built at most once.
        """
        if self._receipt_page_built:
            return
        self._receipt_page_built = True
        # Imported here: the receipt preview (layout, fonts, QR and barcode images) is not on the
        # way to the first paint.
        from pos_gui.ui.views.receipt_preview import ReceiptPreview

        receipt_page = QWidget(self.left_pages)
        paid_title = QLabel(QCoreApplication.translate("MainWindow", "Bezahlt – Beleg"), receipt_page)
        paid_title.setObjectName("panelTitle")
        self.receipt_preview = ReceiptPreview(receipt_page, paper_width=self._paper_width)
        self.new_sale_button = QPushButton(
            QCoreApplication.translate("MainWindow", "Neuer Verkauf (Strg+N)"), receipt_page
        )
        name_automation(self.new_sale_button, "newSaleButton")
        self.new_sale_button.setProperty("primary", True)
        receipt_layout = QVBoxLayout(receipt_page)
        receipt_layout.setContentsMargins(0, 0, 0, 0)
        receipt_layout.addWidget(paid_title)
        receipt_layout.addWidget(self.receipt_preview, 1)
        receipt_layout.addWidget(self.new_sale_button)
        self.left_pages.addWidget(receipt_page)
        self.new_sale_button.clicked.connect(self.new_sale)

    @property
    def help_overlay(self) -> HelpOverlay:
        """The F1 panel listing the shortcuts, built when first needed.

        Not on the way to the first window: it watches the window's resizes through a Python
        event filter, and every event of the first show and paint would pass through it.
        """
        if self._help_overlay is None:
            from pos_gui.ui.views.help_overlay import HelpOverlay

            self._help_overlay = HelpOverlay(self._central)
            self._help_overlay.add_rows(self._extra_help_rows)
        return self._help_overlay

    def add_help_rows(self, rows: list[tuple[str, str]]) -> None:
        """Add (key, what it does) rows to the F1 panel, e.g. the back office's shortcuts."""
        self._extra_help_rows.extend(rows)
        if self._help_overlay is not None:
            self._help_overlay.add_rows(rows)

    # -- what the back office uses (pos_gui.ui.backoffice) ------------------------------------

    def set_receipt_paper_width(self, paper_width: int) -> None:
        """Lay receipts out at the printer's paper width (now, and on a receipt page built later)."""
        self._paper_width = paper_width
        if self._receipt_page_built:
            self.receipt_preview.set_paper_width(paper_width)

    # -- drawing ------------------------------------------------------------------------------

    def refresh(self) -> None:
        snapshot = self.presenter.snapshot()
        self.basket_view.show_snapshot(snapshot)
        self.card_panel.show_snapshot(snapshot)
        self.payment_panel.show_snapshot(snapshot)
        self._render_receipt(snapshot)
        self._clear_superseded_problem(snapshot)

    def _clear_superseded_problem(self, snapshot: TillSnapshot) -> None:
        """Take an old warning away once a success has made it untrue.

        "Karte gesperrt …0045" must not stay while another card is loaded fine, nor over the
        paid receipt or the next sale. Only a message that was already on screen when the
        successful action started goes: what the action itself said (e.g. "Zahlung wird
        geprüft …", a printer failure) stays.
        """
        if snapshot.busy and not self._was_busy:
            self._message_serial_at_start = self.message_bar.serial
        card = snapshot.card.number if snapshot.card is not None and not snapshot.card.locked else None
        card_loaded = card is not None and card != self._shown_card
        receipt_shown = snapshot.showing_receipt and not self._showed_receipt
        next_sale = self._showed_receipt and not snapshot.showing_receipt
        said_nothing_since_start = self.message_bar.serial == self._message_serial_at_start
        if next_sale or ((card_loaded or receipt_shown) and said_nothing_since_start):
            self.message_bar.clear_problem()
        self._was_busy = snapshot.busy
        self._shown_card = card
        self._showed_receipt = snapshot.showing_receipt

    def _render_receipt(self, snapshot: TillSnapshot) -> None:
        if not self._receipt_page_built:
            if not snapshot.showing_receipt:
                return
            self.build_receipt_page()
        if snapshot.showing_receipt:
            if snapshot.sales_receipt is not self._shown_receipt:
                self._shown_receipt = snapshot.sales_receipt
                if snapshot.sales_receipt is None:
                    self.receipt_preview.clear()
                else:
                    # What the printer prints for this sale: the till's receipt from the sale's
                    # journal row, then the server's lines.
                    self.receipt_preview.show_sale(snapshot.sales_receipt, snapshot.server_receipt)
            if self.left_pages.currentIndex() != PAGE_RECEIPT:
                self.left_pages.setCurrentIndex(PAGE_RECEIPT)
                self.new_sale_button.setFocus()
        elif self.left_pages.currentIndex() != PAGE_BASKET:
            self._shown_receipt = None
            self.receipt_preview.clear()
            self.left_pages.setCurrentIndex(PAGE_BASKET)
            self.basket_view.article_input.setFocus()
        self.new_sale_button.setEnabled(not snapshot.busy)

    def show_message(self, message: CashierMessage) -> None:
        self.message_bar.show_message(message.level, message.text, message.details)

    def _update_status(self) -> None:
        self.status_labels.show_connection(self.presenter.server_reachable, self.presenter.signed_in)

    # -- actions ------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.screen_fit.fit(event.size().width(), event.size().height())
        self.product_grid.fit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Esc reaches the window only when the focused widget had no use for it (an open
        # completer, the help overlay and dialogs keep theirs): then it closes the message bar.
        if event.key() == Qt.Key.Key_Escape and self.message_bar.isVisible():
            self.message_bar.clear()
            return
        super().keyPressEvent(event)

    def new_sale(self) -> None:
        """Ctrl+N and "Neuer Verkauf": the next customer; the last sale's messages go.

        An unpaid sale with lines or an applied card is only dropped after "Verkauf verwerfen?".
        """
        self._ask_before_discarding(self.presenter.snapshot(), self._start_next_sale)

    def _start_next_sale(self) -> None:
        self.presenter.new_sale()
        self.message_bar.clear()

    def clear_basket(self) -> None:
        """ "Warenkorb leeren", after "Verkauf verwerfen?" when there is something to lose."""
        self._ask_before_discarding(self.presenter.snapshot(), self.presenter.clear_basket)

    def close_asking(self) -> None:
        """ "Beenden": close the till, after "Verkauf verwerfen?" when a sale would be lost."""
        self._ask_before_discarding(self.presenter.snapshot(), self._close_confirmed, closing=True)

    def _close_confirmed(self) -> None:
        self._close_confirmed_by_cashier = True
        self.close()

    def _on_card_scanned(self, number: str) -> None:
        self.presenter.scan_card(number)

    def _on_code_scanned(self, code: str) -> None:
        receipt_number = receipt_number_of(code)
        if receipt_number is not None:
            self.receipt_scanned.emit(receipt_number)
            return
        # A quantity typed before the scan ("3*") applies to the scanned article.
        field = self.basket_view.article_input
        prefix = field.text().strip()
        if prefix.endswith(("*", "x", "X")) and prefix[:-1].strip().isdigit():
            field.clear()
            self.presenter.add_code(f"{prefix}{code}")
        else:
            self.presenter.add_code(code)

    # The question and the PIN dialog are imported when first needed: not on the way to the
    # first paint.
    def _ask_before_discarding(
        self, snapshot: TillSnapshot, proceed: Callable[[], object], *, closing: bool = False
    ) -> QMessageBox | None:
        from pos_gui.ui.views.discard_question import ask_before_discarding

        return ask_before_discarding(self, snapshot, proceed, closing=closing)

    def _ask_passcode(self, wrong_before: bool) -> None:
        from pos_gui.ui.views.passcode_dialog import show_passcode_dialog

        show_passcode_dialog(self, self.presenter.passcode_prompt, wrong_before)

    def closeEvent(self, event: QCloseEvent) -> None:
        # The cashier's own close (the window's X) asks first; the application's close at
        # shutdown does not (it is not spontaneous).
        if event.spontaneous() and not self._close_confirmed_by_cashier:
            question = self._ask_before_discarding(
                self.presenter.snapshot(), self._close_confirmed, closing=True
            )
            if question is not None:
                event.ignore()
                return
        self.scanner.flush()
        self.close_requested.emit()
        super().closeEvent(event)

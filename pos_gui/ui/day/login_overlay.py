"""The login screen over the till window: PIN login, the first run's manager, the opening float.

An overlay over the whole window (not a modal dialog: a modal ``exec()`` blocks the qasync
loop), shown at start, after the idle lock and for a cashier switch. Three pages:

- the first run (no cashier yet): a small form creating the manager;
- login: the cashiers to choose from, the PIN (Enter logs in); demo mode lists the demo
  cashiers with their PINs;
- the opening float, at the first login after a Z closing.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos_gui.services.cashiers import DEMO_CASHIERS
from pos_gui.ui.day.day_presenter import DayPresenter, role_text
from pos_gui.ui.views.basket_view import name_automation
from pos_gui.ui.widgets.scanner_filter import mark_scanner_free

PAGE_FIRST_RUN, PAGE_LOGIN, PAGE_FLOAT = 0, 1, 2


class LoginOverlay(QFrame):
    """Covers ``window`` until a cashier is logged in (and the float is counted)."""

    def __init__(self, presenter: DayPresenter, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("loginOverlay")
        # PINs and the float typed fast stay in their fields.
        mark_scanner_free(self)
        self.setAutoFillBackground(True)
        self.presenter = presenter
        self._window = window
        self.pages = QStackedWidget(self)
        self.pages.setMaximumWidth(520)
        self._build_first_run()
        self._build_login()
        self._build_float()
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.pages, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        window.installEventFilter(self)
        self.setGeometry(window.rect())

    # -- pages ---------------------------------------------------------------------------------------

    def _page(self, title: str) -> tuple[QWidget, QVBoxLayout]:
        page = QWidget(self.pages)
        layout = QVBoxLayout(page)
        heading = QLabel(title, page)
        heading.setObjectName("panelTitle")
        layout.addWidget(heading)
        self.pages.addWidget(page)
        return page, layout

    def _build_first_run(self) -> None:
        page, layout = self._page(
            QCoreApplication.translate("LoginOverlay", "Erste Einrichtung: Marktleitung anlegen")
        )
        self.manager_name = QLineEdit(page)
        name_automation(self.manager_name, "firstManagerName")
        self.manager_pin = _pin_field(page, "firstManagerPin")
        self.manager_pin_again = _pin_field(page, "firstManagerPinAgain")
        form = QFormLayout()
        form.addRow(QCoreApplication.translate("LoginOverlay", "Name:"), self.manager_name)
        form.addRow(QCoreApplication.translate("LoginOverlay", "PIN (4–6 Ziffern):"), self.manager_pin)
        form.addRow(QCoreApplication.translate("LoginOverlay", "PIN wiederholen:"), self.manager_pin_again)
        layout.addLayout(form)
        self.first_run_error = _error_label(page, "firstRunError")
        layout.addWidget(self.first_run_error)
        create = QPushButton(QCoreApplication.translate("LoginOverlay", "Anlegen und anmelden"), page)
        create.setProperty("primary", True)
        name_automation(create, "createManagerButton")
        layout.addWidget(create)
        create.clicked.connect(self._create_manager)
        self.manager_pin_again.returnPressed.connect(self._create_manager)

    def _build_login(self) -> None:
        page, layout = self._page(QCoreApplication.translate("LoginOverlay", "Anmelden"))
        self.cashier_list = QListWidget(page)
        name_automation(self.cashier_list, "cashierList")
        self.cashier_list.setMinimumHeight(140)
        layout.addWidget(self.cashier_list)
        self.pin_input = _pin_field(page, "loginPin")
        self.pin_input.setPlaceholderText(QCoreApplication.translate("LoginOverlay", "PIN"))
        layout.addWidget(self.pin_input)
        self.login_error = _error_label(page, "loginError")
        layout.addWidget(self.login_error)
        self.login_button = QPushButton(QCoreApplication.translate("LoginOverlay", "Anmelden (Enter)"), page)
        self.login_button.setProperty("primary", True)
        name_automation(self.login_button, "loginButton")
        layout.addWidget(self.login_button)
        self.demo_hint = QLabel(page)
        self.demo_hint.setWordWrap(True)
        name_automation(self.demo_hint, "demoCashiersHint")
        layout.addWidget(self.demo_hint)
        self.login_button.clicked.connect(self._log_in)
        self.pin_input.returnPressed.connect(self._log_in)
        self.cashier_list.itemActivated.connect(lambda _item: self.pin_input.setFocus())

    def _build_float(self) -> None:
        page, layout = self._page(QCoreApplication.translate("LoginOverlay", "Anfangsbestand zählen"))
        explain = QLabel(
            QCoreApplication.translate(
                "LoginOverlay",
                "Erste Anmeldung seit dem letzten Z-Abschluss: Bitte das Wechselgeld in der Schublade zählen.",
            ),
            page,
        )
        explain.setWordWrap(True)
        layout.addWidget(explain)
        self.float_input = QLineEdit(page)
        self.float_input.setPlaceholderText(
            QCoreApplication.translate("LoginOverlay", "Betrag, z. B. 150,00")
        )
        name_automation(self.float_input, "floatInput")
        layout.addWidget(self.float_input)
        self.float_error = _error_label(page, "floatError")
        layout.addWidget(self.float_error)
        confirm = QPushButton(QCoreApplication.translate("LoginOverlay", "Anfangsbestand buchen"), page)
        confirm.setProperty("primary", True)
        name_automation(confirm, "floatButton")
        layout.addWidget(confirm)
        confirm.clicked.connect(self._count_float)
        self.float_input.returnPressed.connect(self._count_float)

    # -- showing -------------------------------------------------------------------------------------

    def open(self) -> None:
        """Show the page the till needs now (first run, login or float) over the window."""
        if self.presenter.needs_first_manager():
            self.pages.setCurrentIndex(PAGE_FIRST_RUN)
            focus: QWidget = self.manager_name
        elif self.presenter.cashier is None:
            self._fill_cashiers()
            self.pages.setCurrentIndex(PAGE_LOGIN)
            focus = self.pin_input
        elif self.presenter.needs_float():
            self.float_input.clear()
            self.pages.setCurrentIndex(PAGE_FLOAT)
            focus = self.float_input
        else:
            self.hide()
            return
        self.setGeometry(self._window.rect())
        self.show()
        self.raise_()
        focus.setFocus()

    def _fill_cashiers(self) -> None:
        self.cashier_list.clear()
        for cashier in self.presenter.cashiers():
            item = QListWidgetItem(f"{cashier.name} ({role_text(cashier.role)})", self.cashier_list)
            item.setData(Qt.ItemDataRole.UserRole, cashier.cashier_id)
        if self.cashier_list.count():
            self.cashier_list.setCurrentRow(0)
        self.pin_input.clear()
        self.login_error.clear()
        if self.presenter.demo:
            pins = ", ".join(f"{name}: {pin}" for name, _role, pin in DEMO_CASHIERS)
            self.demo_hint.setText(
                QCoreApplication.translate("LoginOverlay", "Demo-Kassierer (PIN): {pins}").format(pins=pins)
            )
        self.demo_hint.setVisible(self.presenter.demo)

    def select_cashier(self, name: str) -> None:
        """Choose the cashier named ``name`` in the list (tests, and a tap on the name)."""
        for row in range(self.cashier_list.count()):
            if self.cashier_list.item(row).text().startswith(name):
                self.cashier_list.setCurrentRow(row)
                return

    # -- answers -------------------------------------------------------------------------------------

    def _create_manager(self) -> None:
        problem = self.presenter.create_first_manager(
            self.manager_name.text(), self.manager_pin.text(), self.manager_pin_again.text()
        )
        self.first_run_error.setText(problem or "")
        if problem is None:
            self.open()

    def _log_in(self) -> None:
        item = self.cashier_list.currentItem()
        if item is None:
            self.login_error.setText(QCoreApplication.translate("LoginOverlay", "Bitte einen Namen wählen."))
            return
        problem = self.presenter.log_in(str(item.data(Qt.ItemDataRole.UserRole)), self.pin_input.text())
        self.pin_input.clear()
        self.login_error.setText(problem or "")
        if problem is None:
            self.open()

    def _count_float(self) -> None:
        problem = self.presenter.count_float(self.float_input.text())
        self.float_error.setText(problem or "")
        if problem is None:
            self.open()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Follow the window's size so the overlay always covers it.
        if watched is self._window and event.type() == QEvent.Type.Resize and self.isVisible():
            self.setGeometry(self._window.rect())
        return False


def _pin_field(parent: QWidget, name: str) -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(6)
    name_automation(field, name)
    return field


def _error_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setProperty("ok", False)
    name_automation(label, name)
    return label

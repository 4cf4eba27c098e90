"""The printer page of the settings: connection, paper width, code page, when to print."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_gui.config.settings import PrinterSettings
from pos_gui.services.printer_devices import parse_network_address, parse_usb_address
from pos_gui.services.printer_errors import PrinterError
from pos_gui.ui.presenters.error_text import printer_error_text

# Code pages with € and German umlauts first; CP437 lacks €, but some old printers know no other.
CODE_PAGES = ("CP858", "CP850", "CP1252", "CP437")
WIDTHS = (32, 42, 48)


def _kind_labels() -> list[tuple[str, str]]:
    return [
        ("none", QCoreApplication.translate("PrinterSettingsPage", "Kein Drucker (nur Vorschau)")),
        ("network", QCoreApplication.translate("PrinterSettingsPage", "Bondrucker im Netzwerk")),
        ("usb", QCoreApplication.translate("PrinterSettingsPage", "Bondrucker an USB")),
        (
            "serial",
            QCoreApplication.translate("PrinterSettingsPage", "Bondrucker an serieller Schnittstelle"),
        ),
        ("system", QCoreApplication.translate("PrinterSettingsPage", "Systemdrucker")),
        ("file", QCoreApplication.translate("PrinterSettingsPage", "Datei (ESC/POS-Rohdaten)")),
    ]


def _address_hint(kind: str) -> str:
    hints = {
        "network": QCoreApplication.translate(
            "PrinterSettingsPage", "z. B. 192.168.1.50 oder 192.168.1.50:9100"
        ),
        "usb": QCoreApplication.translate("PrinterSettingsPage", "Hersteller:Produkt, z. B. 04b8:0202"),
        "serial": QCoreApplication.translate("PrinterSettingsPage", "z. B. /dev/ttyUSB0 oder COM3"),
        "file": QCoreApplication.translate("PrinterSettingsPage", "Pfad der Datei, z. B. /tmp/belege.bin"),
    }
    return hints.get(kind, "")


class PrinterSettingsPage(QWidget):
    """Edits a :class:`PrinterSettings`; the owner saves it.

    Signals:
        test_print_requested(object): the cashier pressed "Testdruck"; carries the settings as
            currently shown (not yet saved), so a printer can be tried before saving.
        changed(): any field changed.
    """

    test_print_requested = Signal(object)
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind_combo = QComboBox()
        for kind, label in _kind_labels():
            self.kind_combo.addItem(label, kind)
        self.address_edit = QLineEdit()
        self.width_combo = QComboBox()
        for width, paper in zip(WIDTHS, ("58 mm", "80 mm", "80 mm"), strict=True):
            label = QCoreApplication.translate("PrinterSettingsPage", "{width} Zeichen ({paper})")
            self.width_combo.addItem(label.format(width=width, paper=paper), width)
        self.code_page_combo = QComboBox()
        for code_page in CODE_PAGES:
            self.code_page_combo.addItem(code_page, code_page)
        self.auto_print_check = QCheckBox(
            QCoreApplication.translate("PrinterSettingsPage", "Beleg nach jedem Verkauf drucken")
        )
        self.ask_before_print_check = QCheckBox(
            QCoreApplication.translate("PrinterSettingsPage", "Vor dem Drucken fragen")
        )
        self.drawer_check = QCheckBox(
            QCoreApplication.translate("PrinterSettingsPage", "Schublade nach Barzahlung öffnen")
        )
        self.test_print_button = QPushButton(QCoreApplication.translate("PrinterSettingsPage", "Testdruck"))
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)

        form = QFormLayout()
        form.addRow(QCoreApplication.translate("PrinterSettingsPage", "Drucker:"), self.kind_combo)
        form.addRow(QCoreApplication.translate("PrinterSettingsPage", "Adresse:"), self.address_edit)
        form.addRow(QCoreApplication.translate("PrinterSettingsPage", "Papierbreite:"), self.width_combo)
        form.addRow(QCoreApplication.translate("PrinterSettingsPage", "Codepage:"), self.code_page_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.auto_print_check)
        layout.addWidget(self.ask_before_print_check)
        layout.addWidget(self.drawer_check)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.test_print_button)
        layout.addStretch(1)

        self.kind_combo.currentIndexChanged.connect(self._update_enabled)
        self.auto_print_check.toggled.connect(self._update_enabled)
        self.address_edit.textChanged.connect(self._update_enabled)
        for signal in (
            self.kind_combo.currentIndexChanged,
            self.width_combo.currentIndexChanged,
            self.code_page_combo.currentIndexChanged,
            self.address_edit.textChanged,
            self.auto_print_check.toggled,
            self.ask_before_print_check.toggled,
            self.drawer_check.toggled,
        ):
            signal.connect(self.changed)
        self.test_print_button.clicked.connect(self._request_test_print)
        self.set_settings(PrinterSettings())

    def set_settings(self, settings: PrinterSettings) -> None:
        """Show ``settings``."""
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(settings.kind), 0))
        self.address_edit.setText(settings.address)
        self.width_combo.setCurrentIndex(max(self.width_combo.findData(settings.width), 0))
        if self.code_page_combo.findData(settings.code_page) < 0:
            # A code page set by hand in the settings file stays selectable.
            self.code_page_combo.addItem(settings.code_page, settings.code_page)
        self.code_page_combo.setCurrentIndex(self.code_page_combo.findData(settings.code_page))
        self.auto_print_check.setChecked(settings.auto_print)
        self.ask_before_print_check.setChecked(settings.ask_before_print)
        self.drawer_check.setChecked(settings.open_drawer_after_cash)
        self._update_enabled()

    def settings(self) -> PrinterSettings:
        """The settings as shown."""
        return PrinterSettings(
            kind=self.kind_combo.currentData(),
            address=self.address_edit.text().strip(),
            width=self.width_combo.currentData(),
            code_page=self.code_page_combo.currentData(),
            auto_print=self.auto_print_check.isChecked(),
            ask_before_print=self.ask_before_print_check.isChecked(),
            open_drawer_after_cash=self.drawer_check.isChecked(),
        )

    def address_problem(self) -> str:
        """What is wrong with the address for the chosen printer kind, or ``""``."""
        kind = self.kind_combo.currentData()
        address = self.address_edit.text().strip()
        if kind not in ("network", "usb", "serial", "file"):
            return ""
        if not address:
            return QCoreApplication.translate("PrinterSettingsPage", "Bitte eine Adresse eingeben.")
        try:
            if kind == "network":
                parse_network_address(address)
            elif kind == "usb":
                parse_usb_address(address)
        except PrinterError as error:
            return printer_error_text(error)
        return ""

    def _update_enabled(self) -> None:
        kind = self.kind_combo.currentData()
        needs_address = kind in ("network", "usb", "serial", "file")
        self.address_edit.setEnabled(needs_address)
        self.address_edit.setPlaceholderText(_address_hint(kind))
        escpos = kind in ("network", "usb", "serial", "file")
        self.code_page_combo.setEnabled(escpos)
        self.drawer_check.setEnabled(escpos)
        self.ask_before_print_check.setEnabled(not self.auto_print_check.isChecked())
        problem = self.address_problem()
        self.problem_label.setText(problem)
        self.test_print_button.setEnabled(kind != "none" and not problem)

    def _request_test_print(self) -> None:
        self.test_print_requested.emit(self.settings())

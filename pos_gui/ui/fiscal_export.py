"""Back office: "DSFinV-K-Export …" (the auditor's ZIP) and "Kassendaten (ELSTER) …" (§146a(4) AO).

The export dialog takes a date range and a target file, writes the closed Z closings of that
range with a progress bar driven by the writer's ``on_receipt``, and shows the checker's verdict
on the ZIP written. It runs on the GUI thread and keeps the window painting between progress
steps (the writer reports every 1,000 receipts; a year of a small shop takes seconds).

The data sheet shows the facts the tax office wants for the till (ELSTER, §146a Abs. 4 AO), lets
store IT type the ones the till cannot know, saves them, and writes them as a CSV file to type
into ELSTER. The texts are German, with English translations (``pos_gui_en.ts``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_gui.config.paths import AppPaths
from pos_gui.config.settings import Settings
from pos_gui.services.till_registration import TillRegistration
from pos_gui.ui.till_menus import add_window_action


class DsfinvkExportDialog(QDialog):
    """Date range, target file, "Exportieren", a progress bar and the checker's verdict."""

    def __init__(
        self, parent: QWidget | None, *, ledger_path: Path, settings: Settings, paths: AppPaths
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dsfinvkExportDialog")
        self.setWindowTitle(QCoreApplication.translate("FiscalExport", "DSFinV-K-Export"))
        self._ledger_path, self._settings, self._paths = ledger_path, settings, paths
        today = QDate.currentDate()
        self.first = QDateEdit(today.addDays(-today.day() + 1))
        self.last = QDateEdit(today)
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.target = QLineEdit(str(paths.data_dir / f"dsfinvk-{today.toString('yyyy-MM-dd')}.zip"))
        browse = QPushButton(QCoreApplication.translate("FiscalExport", "Durchsuchen …"))
        browse.clicked.connect(self._choose_target)
        target_row = QHBoxLayout()
        target_row.addWidget(self.target)
        target_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(QCoreApplication.translate("FiscalExport", "Von (Geschäftstag)"), self.first)
        form.addRow(QCoreApplication.translate("FiscalExport", "Bis (Geschäftstag)"), self.last)
        form.addRow(QCoreApplication.translate("FiscalExport", "Zieldatei"), target_row)
        self.progress = QProgressBar()
        self.progress.setObjectName("exportProgress")
        self.verdict = QLabel(
            QCoreApplication.translate(
                "FiscalExport", "Exportiert werden die abgeschlossenen Z-Abschlüsse des Zeitraums."
            )
        )
        self.verdict.setObjectName("exportVerdict")
        self.verdict.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = buttons.addButton(
            QCoreApplication.translate("FiscalExport", "Exportieren"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.export_button.setObjectName("exportButton")
        self.export_button.clicked.connect(self.run_export)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.verdict)
        layout.addWidget(buttons)

    def _choose_target(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, QCoreApplication.translate("FiscalExport", "Zieldatei"), self.target.text(), "ZIP (*.zip)"
        )
        if name:
            self.target.setText(name)

    def run_export(self) -> bool:
        """Export and check; the verdict label says what happened. Returns whether the checker accepted."""
        from pos_gui.export.dsfinvk_writer import ExportError
        from pos_gui.services.dsfinvk_export import plan_export, signed_client_serial, write_export
        from pos_gui.services.till_registration import load_registration, till_master_data

        first, last = _date_of(self.first.date()), _date_of(self.last.date())
        till = till_master_data(
            self._settings,
            load_registration(self._paths.config_dir),
            signed_serial=signed_client_serial(self._ledger_path),
        )
        plan = plan_export(self._ledger_path, till, first, last)
        if not plan.closings:
            self.verdict.setText(
                QCoreApplication.translate(
                    "FiscalExport", "Keine abgeschlossenen Z-Abschlüsse in diesem Zeitraum."
                )
            )
            return False
        self.progress.setRange(0, max(plan.receipt_count, 1))
        self.progress.setValue(0)
        self.export_button.setEnabled(False)

        def on_receipt(count: int) -> None:
            self.progress.setValue(count)
            QCoreApplication.processEvents()

        try:
            result = write_export(plan, Path(self.target.text()), on_receipt=on_receipt)
        except (ExportError, OSError) as error:
            self.verdict.setText(
                QCoreApplication.translate("FiscalExport", "Export nicht möglich: {0}").format(error)
            )
            return False
        finally:
            self.export_button.setEnabled(True)
        if result.findings:
            shown = "\n".join(result.findings[:5])
            self.verdict.setText(
                QCoreApplication.translate("FiscalExport", "Prüfung: {0} Befunde.").format(
                    len(result.findings)
                )
                + "\n"
                + shown
            )
            return False
        self.verdict.setText(
            QCoreApplication.translate(
                "FiscalExport", "{0} Belege aus {1} Z-Abschlüssen exportiert. Prüfung bestanden."
            ).format(result.written, len(plan.closings))
        )
        return True


def _date_of(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class TillDataSheetDialog(QDialog):
    """The ELSTER data sheet: the facts, the editable ones, "Speichern" and "Als Datei exportieren …"."""

    def __init__(
        self, parent: QWidget | None, *, ledger_path: Path, settings: Settings, paths: AppPaths
    ) -> None:
        from pos_gui.services.dsfinvk_export import signed_tse_serial
        from pos_gui.services.till_registration import load_registration

        super().__init__(parent)
        self.setObjectName("tillDataSheetDialog")
        self.setWindowTitle(QCoreApplication.translate("FiscalExport", "Kassendaten (ELSTER)"))
        self._settings, self._paths = settings, paths
        self._tse_serial = signed_tse_serial(ledger_path) if ledger_path.is_file() else ""
        saved = load_registration(paths.config_dir)
        self.fields = {
            "serial_number": QLineEdit(saved.serial_number),
            "brand": QLineEdit(saved.brand),
            "model": QLineEdit(saved.model),
            "purchase_date": QLineEdit(saved.purchase_date),
            "tse_certificate_expiry": QLineEdit(saved.tse_certificate_expiry),
        }
        labels = {
            "serial_number": QCoreApplication.translate("FiscalExport", "Seriennummer der Kasse"),
            "brand": QCoreApplication.translate("FiscalExport", "Hersteller der Kasse"),
            "model": QCoreApplication.translate("FiscalExport", "Modell der Kasse"),
            "purchase_date": QCoreApplication.translate("FiscalExport", "Anschaffungsdatum (JJJJ-MM-TT)"),
            "tse_certificate_expiry": QCoreApplication.translate(
                "FiscalExport", "Ablauf des TSE-Zertifikats (JJJJ-MM-TT)"
            ),
        }
        form = QFormLayout()
        for name, edit in self.fields.items():
            edit.setObjectName(name)
            edit.textChanged.connect(self._refresh)
            form.addRow(labels[name], edit)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("dataSheetTable")
        self.table.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("FiscalExport", "Angabe"),
                QCoreApplication.translate("FiscalExport", "Wert"),
                QCoreApplication.translate("FiscalExport", "Quelle"),
            ]
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).clicked.connect(self.save)
        export = buttons.addButton(
            QCoreApplication.translate("FiscalExport", "Als Datei exportieren …"),
            QDialogButtonBox.ButtonRole.ActionRole,
        )
        export.clicked.connect(self._export_to_chosen_file)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self._refresh()

    def registration(self) -> TillRegistration:
        return TillRegistration(**{name: edit.text().strip() for name, edit in self.fields.items()})

    def rows(self) -> list[tuple[str, str, str]]:
        from pos_gui.services.till_registration import data_sheet

        registration = self.registration()
        return [
            (row.label, row.value, row.source)
            for row in data_sheet(self._settings, registration, tse_serial=self._tse_serial)
        ]

    def _refresh(self) -> None:
        rows = self.rows()
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            for column, text in enumerate(row):
                self.table.setItem(index, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    def save(self) -> None:
        from pos_gui.services.till_registration import save_registration

        save_registration(self._paths.config_dir, self.registration())

    def export_to(self, path: Path) -> Path:
        """Write the data sheet as CSV to ``path`` (what store IT types into ELSTER)."""
        from pos_gui.services.till_registration import data_sheet, data_sheet_text

        rows = data_sheet(self._settings, self.registration(), tse_serial=self._tse_serial)
        path.write_text(data_sheet_text(rows), encoding="utf-8", newline="")
        return path

    def _export_to_chosen_file(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            QCoreApplication.translate("FiscalExport", "Kassendaten speichern"),
            str(self._paths.data_dir / "kassendaten-elster.csv"),
            "CSV (*.csv)",
        )
        if name:
            self.export_to(Path(name))


def install_fiscal_export_actions(
    window: QMainWindow,
    sales_menu: QMenu,
    settings_menu: QMenu,
    *,
    ledger_path: Path,
    settings: Settings,
    paths: AppPaths,
) -> None:
    """ "DSFinV-K-Export …" in the sales menu, "Kassendaten (ELSTER) …" in the settings menu."""

    def show_export() -> None:
        DsfinvkExportDialog(window, ledger_path=ledger_path, settings=settings, paths=paths).exec()

    def show_data_sheet() -> None:
        TillDataSheetDialog(window, ledger_path=ledger_path, settings=settings, paths=paths).exec()

    add_window_action(
        window,
        sales_menu,
        QCoreApplication.translate("FiscalExport", "DSFinV-K-Export …"),
        (),
        show_export,
        "dsfinvkExportAction",
    )
    add_window_action(
        window,
        settings_menu,
        QCoreApplication.translate("FiscalExport", "Kassendaten (ELSTER) …"),
        (),
        show_data_sheet,
        "tillDataSheetAction",
    )

"""Back office: "Artikel importieren …" (file, progress, the rows left out, undo) and
"Artikel exportieren …".

The import runs off the UI thread (100,000 rows take a few seconds); its progress comes back
through a queued signal. Every dialog here is non-modal and every file dialog opened with
``open()``: a nested event loop inside the qasync loop deadlocks (see
:mod:`pos_gui.ui.printing.dialogs`). ``docs/catalog.md`` describes the files a shop may import.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_gui.services.catalog import Catalog
from pos_gui.services.catalog_import import ImportResult
from pos_gui.services.catalog_problems import CatalogError
from pos_gui.ui.background_tasks import BackgroundTasks
from pos_gui.ui.catalog.import_problem_text import catalog_error_text, catalog_message_text
from pos_gui.ui.presenters.error_text import CashierMessage
from pos_gui.ui.till_menus import add_window_action

if TYPE_CHECKING:
    from pos_gui.ui.main_window import MainWindow

CSV_FILTER = "CSV (*.csv *.txt);;*"


class CatalogImportDialog(QDialog):
    """Choose a file, watch it import, read the rows that were left out, undo the import.

    Signals:
        progress_reported(int, int): lines read, lines in the file (from the import's thread).
        imported(): an import or its undo changed the catalogue.
    """

    progress_reported = Signal(int, int)
    imported = Signal()

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("catalogImportDialog")
        self.setWindowTitle(QCoreApplication.translate("CatalogImport", "Artikel importieren"))
        self.setModal(False)
        self.resize(720, 480)
        self.catalog = catalog
        self._tasks = BackgroundTasks()
        self.file_dialog: QFileDialog | None = None
        intro = QLabel(
            QCoreApplication.translate(
                "CatalogImport",
                "Eine CSV-Datei mit Artikelnummer, Name, Preis und MwSt-Satz (Trennzeichen ; , oder Tab). "
                "Artikel mit gleicher Artikelnummer werden ersetzt, andere bleiben.",
            ),
            self,
        )
        intro.setWordWrap(True)
        self.choose_button = QPushButton(QCoreApplication.translate("CatalogImport", "Datei wählen …"), self)
        self.choose_button.setObjectName("catalogImportChoose")
        self.undo_button = QPushButton(
            QCoreApplication.translate("CatalogImport", "Letzten Import rückgängig"), self
        )
        self.undo_button.setObjectName("catalogImportUndo")
        self.close_button = QPushButton(QCoreApplication.translate("CatalogImport", "Schließen"), self)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("catalogImportProgress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("catalogImportStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems = QTableWidget(0, 3, self)
        self.problems.setObjectName("catalogImportProblems")
        self.problems.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("CatalogImport", "Zeile"),
                QCoreApplication.translate("CatalogImport", "Spalte"),
                QCoreApplication.translate("CatalogImport", "Grund"),
            ]
        )
        self.problems.verticalHeader().hide()
        self.problems.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems.setWordWrap(True)
        header = self.problems.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.problems.hide()

        buttons = QHBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.progress)
        layout.addWidget(self.status_label)
        layout.addWidget(self.problems, 1)
        layout.addLayout(buttons)

        self.choose_button.clicked.connect(self.choose_file)
        self.undo_button.clicked.connect(self.undo_import)
        self.close_button.clicked.connect(self.close)
        self.progress_reported.connect(self._show_progress)
        self.refresh_undo()

    # -- importing ----------------------------------------------------------------------------

    def choose_file(self) -> QFileDialog:
        """The file dialog (non-blocking); the chosen file is imported at once."""
        dialog = QFileDialog(
            self, QCoreApplication.translate("CatalogImport", "Artikeldatei wählen"), "", CSV_FILTER
        )
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda path: self._tasks.spawn(self.import_file(Path(path))))
        self.file_dialog = dialog
        dialog.open()
        return dialog

    async def import_file(self, path: Path) -> ImportResult | None:
        """Import ``path`` off the UI thread; show the count, the rows left out, the undo."""
        self.choose_button.setEnabled(False)
        self.undo_button.setEnabled(False)
        self.problems.hide()
        self.progress.setRange(0, 0)  # busy until the first progress report
        self.status_label.setText(
            QCoreApplication.translate("CatalogImport", "{name} wird importiert …").format(name=path.name)
        )
        try:
            result = await asyncio.to_thread(self.catalog.import_csv, path, self.progress_reported.emit)
        except (CatalogError, OSError) as error:
            self.progress.setRange(0, 1)
            self.progress.setValue(0)
            reason = catalog_error_text(error) if isinstance(error, CatalogError) else str(error)
            self.status_label.setText(
                QCoreApplication.translate("CatalogImport", "Nichts importiert: {reason}").format(
                    reason=reason
                )
            )
            return None
        finally:
            self.choose_button.setEnabled(True)
            self.refresh_undo()
        self._show_result(result)
        self.imported.emit()
        return result

    def _show_progress(self, line: int, lines: int) -> None:
        self.progress.setRange(0, max(lines, 1))
        self.progress.setValue(min(line, max(lines, 1)))

    def _show_result(self, result: ImportResult) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        text = QCoreApplication.translate("CatalogImport", "{imported} Artikel importiert.").format(
            imported=result.imported
        )
        if result.problems:
            text += " " + QCoreApplication.translate(
                "CatalogImport", "Ausgelassene Zeilen: {count} (unten, mit Grund)."
            ).format(count=len(result.problems))
        self.status_label.setText(text)
        self.problems.setRowCount(len(result.problems))
        for row, problem in enumerate(result.problems):
            reason = catalog_message_text(problem.reason)
            for column, value in enumerate((str(problem.line), problem.column, reason)):
                self.problems.setItem(row, column, QTableWidgetItem(value))
        # Shown first, so that the rows are measured at the reason column's real width.
        self.problems.setVisible(bool(result.problems))
        self.problems.resizeRowsToContents()

    # -- undo ---------------------------------------------------------------------------------

    def refresh_undo(self) -> None:
        """The undo button only while the last import can be undone (until the next sale)."""
        self.undo_button.setEnabled(self.catalog.can_undo_import())

    def undo_import(self) -> int:
        touched = self.catalog.undo_last_import()
        if touched:
            self.status_label.setText(
                QCoreApplication.translate(
                    "CatalogImport", "Import rückgängig gemacht: {count} Artikel wie vorher."
                ).format(count=touched)
            )
        else:
            self.status_label.setText(
                QCoreApplication.translate(
                    "CatalogImport",
                    "Der letzte Import kann nicht mehr rückgängig gemacht werden (seitdem wurde verkauft).",
                )
            )
        self.problems.hide()
        self.refresh_undo()
        self.imported.emit()
        return touched

    async def wait_idle(self) -> None:
        await self._tasks.wait_idle()


def export_catalog(parent: QWidget, catalog: Catalog, on_done: Callable[[str, str], None]) -> QFileDialog:
    """ "Artikel exportieren …": ask for a file (non-blocking) and write the catalogue there in
    the till's own format; ``on_done(level, text)`` says how it went."""
    dialog = QFileDialog(
        parent, QCoreApplication.translate("CatalogImport", "Artikel exportieren"), "artikel.csv", CSV_FILTER
    )
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setDefaultSuffix("csv")

    def write(path_text: str) -> None:
        try:
            count = catalog.export_csv(path_text)
        except OSError as error:
            on_done(
                "error",
                QCoreApplication.translate("CatalogImport", "Export fehlgeschlagen: {reason}").format(
                    reason=error
                ),
            )
            return
        on_done(
            "info",
            QCoreApplication.translate("CatalogImport", "{count} Artikel exportiert: {path}").format(
                count=count, path=path_text
            ),
        )

    dialog.fileSelected.connect(write)
    dialog.open()
    return dialog


class CatalogActions:
    """The back office's catalogue entries: "Artikel importieren …" and "Artikel exportieren …".

    Args:
        parent: the till window (the dialogs' parent).
        catalog: the till's catalogue.
        show_message: the window's message bar, ``(level, text)``.
        catalog_changed: called after an import or its undo (the till's empty-catalogue hint).
    """

    def __init__(
        self,
        parent: QWidget,
        catalog: Catalog,
        *,
        show_message: Callable[[str, str], None],
        catalog_changed: Callable[[], None],
    ) -> None:
        self.parent = parent
        self.catalog = catalog
        self._show_message = show_message
        self._catalog_changed = catalog_changed
        self.import_dialog: CatalogImportDialog | None = None
        self.export_dialog: QFileDialog | None = None

    def show_import(self) -> CatalogImportDialog:
        """Open (or bring up) the import window."""
        if self.import_dialog is None:
            self.import_dialog = CatalogImportDialog(self.catalog, self.parent)
            self.import_dialog.imported.connect(self._catalog_changed)
        self.import_dialog.refresh_undo()
        self.import_dialog.show()
        self.import_dialog.raise_()
        self.import_dialog.activateWindow()
        return self.import_dialog

    def show_export(self) -> QFileDialog:
        self.export_dialog = export_catalog(self.parent, self.catalog, self._show_message)
        return self.export_dialog

    async def wait_idle(self) -> None:
        if self.import_dialog is not None:
            await self.import_dialog.wait_idle()


def install_catalog_actions(window: MainWindow, catalog: object) -> CatalogActions | None:
    """Add "Einstellungen → Artikel importieren …" and "Artikel exportieren …" to ``window``;
    ``None`` (nothing added) when ``catalog`` is not the till's store (a test's fake)."""
    if not isinstance(catalog, Catalog):
        return None

    def say(level: str, text: str) -> None:
        window.show_message(CashierMessage(level, text))

    actions = CatalogActions(
        window, catalog, show_message=say, catalog_changed=window.basket_view.check_catalog
    )
    window.settings_menu.addSeparator()
    add_window_action(
        window,
        window.settings_menu,
        QCoreApplication.translate("CatalogImport", "Artikel importieren …"),
        (),
        actions.show_import,
        "catalogImportAction",
    )
    add_window_action(
        window,
        window.settings_menu,
        QCoreApplication.translate("CatalogImport", "Artikel exportieren …"),
        (),
        actions.show_export,
        "catalogExportAction",
    )
    return actions

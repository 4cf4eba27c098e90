"""The crash handler: unexpected exceptions are logged and shown, and the till keeps running.

Installed by :func:`pos_gui.app.main` only (tests rely on pytest-qt's own exception capture).
``sys.excepthook`` may be called from any thread, so it only logs and emits a queued signal; the
dialog is opened on the GUI thread, non-blocking. A faulthandler file catches hard crashes.
"""

from __future__ import annotations

import faulthandler
import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

log = logging.getLogger("pos_gui.crash")


class CrashHandler(QObject):
    """Replaces ``sys.excepthook``.

    Args:
        fault_log: file for faulthandler's dump of hard crashes (segfaults), or ``None``.
        show_dialog: show a dialog (off in ``--smoke-test``, where a crash must end the run).

    Attributes:
        crashes: the formatted tracebacks seen so far (the smoke test exits non-zero on any).
    """

    crashed = Signal(str)

    def __init__(self, *, fault_log: Path | None = None, show_dialog: bool = True) -> None:
        super().__init__()
        self.crashes: list[str] = []
        self._show_dialog = show_dialog
        self._fault_file: IO[str] | None = None
        self._previous_hook = sys.excepthook
        self._dialog: QMessageBox | None = None
        if fault_log is not None:
            fault_log.parent.mkdir(parents=True, exist_ok=True)
            self._fault_file = fault_log.open("a", encoding="utf-8")
            faulthandler.enable(self._fault_file)
        self.crashed.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        sys.excepthook = self.exception_hook

    def uninstall(self) -> None:
        sys.excepthook = self._previous_hook
        if self._fault_file is not None:
            faulthandler.disable()
            self._fault_file.close()
            self._fault_file = None

    def exception_hook(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        self.crashes.append(text)
        log.critical("unexpected error:\n%s", text)
        print(text, file=sys.stderr, flush=True)
        self.crashed.emit(text)

    def _show(self, text: str) -> None:
        if not self._show_dialog:
            return
        window = QApplication.activeWindow()
        from PySide6.QtWidgets import QMessageBox  # loaded with the first crash, not at start-up

        dialog = QMessageBox(window)
        dialog.setIcon(QMessageBox.Icon.Critical)
        dialog.setWindowTitle(QCoreApplication.translate("CrashHandler", "Unerwarteter Fehler"))
        dialog.setText(
            QCoreApplication.translate(
                "CrashHandler",
                "In der Kasse ist ein unerwarteter Fehler aufgetreten. Warenkorb und Journal bleiben "
                "erhalten. Bitte den Support informieren.",
            )
        )
        dialog.setDetailedText(text)
        dialog.setModal(False)
        self._dialog = dialog
        dialog.open()

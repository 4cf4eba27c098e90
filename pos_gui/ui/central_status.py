"""How far the chain's central database is behind this till: a status bar label and the back
office's "Zentrale …" entry (``docs/chains.md``).

The replicator (outside the UI) keeps a plain state object; this label reads it once a second on
the GUI thread, so the replicator never touches a widget. The texts: "Zentrale: synchron",
"Zentrale: 12 Ereignisse ausstehend", "Zentrale nicht erreichbar seit 10:42, 12 Ereignisse
ausstehend".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QMessageBox, QWidget

# How often the label reads the replicator's state.
REFRESH_MS = 1000


class CentralState(Protocol):
    """What the label reads of the replicator's state (``pos_gui.replication.replicator``)."""

    @property
    def pending(self) -> int: ...

    @property
    def in_sync(self) -> bool: ...

    @property
    def last_success_at(self) -> datetime | None: ...

    @property
    def last_error(self) -> str | None: ...

    @property
    def unreachable_since(self) -> datetime | None: ...


def central_status_text(state: CentralState) -> str:
    """The one line the status bar shows."""
    if state.unreachable_since is not None:
        since = state.unreachable_since.strftime("%H:%M")
        if state.pending == 0:
            return QCoreApplication.translate(
                "CentralStatus", "Zentrale nicht erreichbar seit {time}"
            ).format(time=since)
        return QCoreApplication.translate(
            "CentralStatus", "Zentrale nicht erreichbar seit {time}, {count} Ereignisse ausstehend"
        ).format(time=since, count=state.pending)
    if state.last_success_at is None:
        return QCoreApplication.translate("CentralStatus", "Zentrale: verbinde …")
    if state.in_sync:
        return QCoreApplication.translate("CentralStatus", "Zentrale: synchron")
    return QCoreApplication.translate("CentralStatus", "Zentrale: {count} Ereignisse ausstehend").format(
        count=state.pending
    )


class CentralStatusLabel(QLabel):
    """The status bar's "Zentrale: …" label, refreshed from ``state()`` once a second."""

    def __init__(self, state: Callable[[], CentralState], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("centralStatus")
        self._state = state
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.refresh()

    def refresh(self) -> None:
        state = self._state()
        self.setText(central_status_text(state))
        self.setToolTip(state.last_error or "")


def central_details(state: CentralState) -> str:
    """The back office's view: the status line, the last contact and the last error."""
    lines = [central_status_text(state)]
    if state.last_success_at is not None:
        lines.append(
            QCoreApplication.translate("CentralStatus", "Zuletzt abgeglichen: {time}").format(
                time=state.last_success_at.strftime("%d.%m.%Y %H:%M:%S")
            )
        )
    if state.last_error:
        lines.append(
            QCoreApplication.translate("CentralStatus", "Letzter Fehler: {error}").format(
                error=state.last_error
            )
        )
    return "\n".join(lines)


def install_central_status(
    window: QMainWindow, state: Callable[[], CentralState], *, menu: QMenu | None = None
) -> CentralStatusLabel:
    """Add the label to ``window``'s status bar and, with ``menu`` (the back office's settings
    menu), an entry "Zentrale …" that shows the details."""
    label = CentralStatusLabel(state, window)
    window.statusBar().addPermanentWidget(label)
    if menu is not None:
        action = menu.addAction(QCoreApplication.translate("CentralStatus", "Zentrale …"))
        action.setObjectName("centralStatusAction")
        action.triggered.connect(
            lambda: QMessageBox.information(
                window, QCoreApplication.translate("CentralStatus", "Zentrale"), central_details(state())
            )
        )
    return label

"""The till window's status bar labels: is the server reachable, is the till signed in, which profile.

Green when good, red when not (the style sheet reads the label's ``ok`` property). The texts keep
the window's translation context, ``MainWindow``: they were the window's own before.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QMainWindow


class StatusLabels:
    """The three permanent labels at the right of ``window``'s status bar."""

    def __init__(self, window: QMainWindow, profile: str) -> None:
        self.server = QLabel(window)
        self.server.setObjectName("serverStatus")
        self.sign_in = QLabel(window)
        self.sign_in.setObjectName("signInStatus")
        self.profile = QLabel(
            QCoreApplication.translate("MainWindow", "Profil: {profile}").format(profile=profile), window
        )
        self.profile.setObjectName("profileStatus")
        # Texts and colours first: adding a label to the status bar polishes it, and a
        # re-polish costs more than the first one (the style's Python types are built for it).
        self.show_connection(None, None)
        bar = window.statusBar()
        for label in (self.server, self.sign_in, self.profile):
            bar.addPermanentWidget(label)

    def show_connection(self, reachable: bool | None, signed_in: bool | None) -> None:
        """``None``: not known yet (start-up)."""
        self.server.setText(
            QCoreApplication.translate("MainWindow", "Server: erreichbar")
            if reachable
            else QCoreApplication.translate("MainWindow", "Server: nicht erreichbar")
            if reachable is False
            else QCoreApplication.translate("MainWindow", "Server: …")
        )
        _set_ok(self.server, bool(reachable))
        self.sign_in.setText(
            QCoreApplication.translate("MainWindow", "Angemeldet")
            if signed_in
            else QCoreApplication.translate("MainWindow", "Nicht angemeldet")
            if signed_in is False
            else QCoreApplication.translate("MainWindow", "Anmeldung …")
        )
        _set_ok(self.sign_in, bool(signed_in))


def _set_ok(label: QLabel, ok: bool) -> None:
    """Mark a status label good or bad (green or red in the style sheet)."""
    if label.property("ok") == ok:
        return
    label.setProperty("ok", ok)
    # A changed dynamic property restyles nothing by itself: re-polish, or the label keeps
    # the colour of its first polish (red "Server: …" after the till has signed in). Not yet
    # polished (the window is being built), its first polish will read the property.
    if label.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        label.style().unpolish(label)
        label.style().polish(label)

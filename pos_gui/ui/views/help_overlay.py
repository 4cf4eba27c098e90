"""The F1 help: every keyboard shortcut of the till, over the window, closed with F1 or Esc."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget


def shortcut_rows() -> list[tuple[str, str]]:
    """(key, what it does) for every shortcut; also the content of ``docs/keyboard.md``."""
    return [
        ("F1", QCoreApplication.translate("HelpOverlay", "Diese Hilfe ein- und ausblenden")),
        (
            "F2",
            QCoreApplication.translate(
                "HelpOverlay", "Artikelfeld: EAN, Artikelnummer oder Name; 3* davor = Menge 3"
            ),
        ),
        ("F4", QCoreApplication.translate("HelpOverlay", "Kartenfeld: Kartennummer eingeben")),
        ("F8", QCoreApplication.translate("HelpOverlay", "Feld „Gegeben“: erhaltenes Bargeld eingeben")),
        ("F9", QCoreApplication.translate("HelpOverlay", "Guthaben der Karte einlösen")),
        (
            "F11",
            QCoreApplication.translate("HelpOverlay", "Mit Karte bezahlen (wenn das Guthaben alles deckt)"),
        ),
        ("F12", QCoreApplication.translate("HelpOverlay", "Bar bezahlen (leeres Feld „Gegeben“ = passend)")),
        ("Ctrl+N", QCoreApplication.translate("HelpOverlay", "Neuer Verkauf")),
        (
            QCoreApplication.translate("HelpOverlay", "Entf"),
            QCoreApplication.translate("HelpOverlay", "Markierte Position stornieren"),
        ),
        ("+ / −", QCoreApplication.translate("HelpOverlay", "Menge der markierten Position ändern")),
        (
            QCoreApplication.translate("HelpOverlay", "Scanner"),
            QCoreApplication.translate("HelpOverlay", "Karten und Artikel werden in jedem Feld erkannt"),
        ),
    ]


class HelpOverlay(QFrame):
    """A translucent panel over the main window that lists the shortcuts."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._host = parent
        self.setObjectName("helpOverlay")
        self.setAccessibleName("helpOverlay")
        card = QFrame(self)
        card.setObjectName("helpCard")
        title = QLabel(QCoreApplication.translate("HelpOverlay", "Tastenkürzel"), card)
        title.setObjectName("helpTitle")
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        for row, (key, text) in enumerate(shortcut_rows()):
            key_label = QLabel(key, card)
            key_label.setObjectName("helpKey")
            grid.addWidget(key_label, row, 0, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(QLabel(text, card), row, 1)
        close_button = QPushButton(QCoreApplication.translate("HelpOverlay", "Schließen (F1)"), card)
        close_button.clicked.connect(self.hide)
        card_layout = QVBoxLayout(card)
        card_layout.addWidget(title)
        card_layout.addLayout(grid)
        card_layout.addWidget(close_button, 0, Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(self)
        layout.addWidget(card, 0, Qt.AlignmentFlag.AlignCenter)
        parent.installEventFilter(self)
        self.hide()

    def toggle(self) -> None:
        if self.isVisible():
            self.hide()
        else:
            self.setGeometry(self._host.rect())
            self.raise_()
            self.show()
            self.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F1):
            self.hide()
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._host and event.type() == QEvent.Type.Resize and self.isVisible():
            self.setGeometry(self._host.rect())
        return False

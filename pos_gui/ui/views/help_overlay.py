"""The F1 help: every keyboard shortcut of the till, over the window, closed with F1 or Esc.

Key names are Qt's native text of each key sequence, the same text the menus show next to their
entries: with Qt's German catalogue (``qtbase_de``, loaded at start-up) a German cashier reads
"Strg+N" and "Entf", an English one "Ctrl+N" and "Del".
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget


def key_text(*sequences: str) -> str:
    """The keys as the cashier's keyboard names them (``"Ctrl+N"`` → "Strg+N" in German);
    several alternatives are joined with " / "."""
    return " / ".join(
        QKeySequence(sequence).toString(QKeySequence.SequenceFormat.NativeText) for sequence in sequences
    )


def shortcut_rows() -> list[tuple[str, str]]:
    """(key, what it does) for every shortcut of the till window; also the content of
    ``docs/keyboard.md``. The back office adds its own rows (:meth:`HelpOverlay.add_rows`)."""
    return [
        (key_text("F1"), QCoreApplication.translate("HelpOverlay", "Diese Hilfe ein- und ausblenden")),
        (
            key_text("F2"),
            QCoreApplication.translate(
                "HelpOverlay", "Artikelfeld: EAN, Artikelnummer oder Name; 3* davor = Menge 3"
            ),
        ),
        (key_text("F4"), QCoreApplication.translate("HelpOverlay", "Kartenfeld: Kartennummer eingeben")),
        (
            key_text("F7"),
            QCoreApplication.translate(
                "HelpOverlay", "Produktraster (Favoriten, Warengruppen) für Touch ein- und ausblenden"
            ),
        ),
        (
            key_text("F8"),
            QCoreApplication.translate("HelpOverlay", "Feld „Gegeben“: erhaltenes Bargeld eingeben"),
        ),
        (key_text("F9"), QCoreApplication.translate("HelpOverlay", "Guthaben der Karte einlösen")),
        (
            key_text("F11"),
            QCoreApplication.translate("HelpOverlay", "Mit Karte bezahlen (wenn das Guthaben alles deckt)"),
        ),
        (
            key_text("F12"),
            QCoreApplication.translate("HelpOverlay", "Bar bezahlen (leeres Feld „Gegeben“ = passend)"),
        ),
        (key_text("Ctrl+N"), QCoreApplication.translate("HelpOverlay", "Neuer Verkauf")),
        (key_text("Del"), QCoreApplication.translate("HelpOverlay", "Markierte Position stornieren")),
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
        self._card = card
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(24)
        self.add_rows(shortcut_rows())
        close_button = QPushButton(QCoreApplication.translate("HelpOverlay", "Schließen (F1)"), card)
        close_button.clicked.connect(self.hide)
        card_layout = QVBoxLayout(card)
        card_layout.addWidget(title)
        card_layout.addLayout(self._grid)
        card_layout.addWidget(close_button, 0, Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(self)
        layout.addWidget(card, 0, Qt.AlignmentFlag.AlignCenter)
        parent.installEventFilter(self)
        self.hide()

    def add_rows(self, rows: list[tuple[str, str]]) -> None:
        """Append (key, what it does) rows, e.g. the back office's shortcuts."""
        for key, text in rows:
            row = self._grid.rowCount() if self._grid.count() else 0
            key_label = QLabel(key, self._card)
            key_label.setObjectName("helpKey")
            self._grid.addWidget(key_label, row, 0, Qt.AlignmentFlag.AlignRight)
            self._grid.addWidget(QLabel(text, self._card), row, 1)

    def rows(self) -> list[tuple[str, str]]:
        """The (key, what it does) rows the panel shows, top to bottom."""
        shown = []
        for row in range(self._grid.rowCount()):
            key_item = self._grid.itemAtPosition(row, 0)
            text_item = self._grid.itemAtPosition(row, 1)
            if key_item is None or text_item is None:
                continue
            key_label, text_label = key_item.widget(), text_item.widget()
            if isinstance(key_label, QLabel) and isinstance(text_label, QLabel):
                shown.append((key_label.text(), text_label.text()))
        return shown

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

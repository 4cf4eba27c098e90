"""The non-modal message bar: one line of information, warning or error above the till.

Information never blocks the cashier: messages appear here, stay until the next one or until the
cashier closes them (the close button, or Esc in the till window), or a few seconds pass
(information). A warning or error that a later success has made untrue ("Karte gesperrt" after
another card was loaded fine) is taken away by the window: :meth:`MessageBar.clear_problem`.
Modal dialogs are kept for decisions only.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

INFO_TIMEOUT_MS = 8000


class MessageBar(QFrame):
    """Shows one :class:`~pos_gui.ui.presenters.error_text.CashierMessage` at a time.

    The ``level`` property (``info`` / ``warning`` / ``error``) selects the colours in the style sheet.
    ``serial`` counts the messages shown: the window compares it to know whether anything was
    said since an action started.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.setAccessibleName("messageBar")
        self.text_label = QLabel(self)
        self.text_label.setObjectName("messageText")
        self.text_label.setWordWrap(True)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details_label = QLabel(self)
        self.details_label.setObjectName("messageDetails")
        self.details_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QPushButton(QCoreApplication.translate("MessageBar", "Schließen"), self)
        self.close_button.setObjectName("messageClose")
        self.close_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.close_button.clicked.connect(self.clear)
        texts = QVBoxLayout()
        texts.setContentsMargins(0, 0, 0, 0)
        texts.setSpacing(0)
        texts.addWidget(self.text_label)
        texts.addWidget(self.details_label)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 3, 8, 3)
        layout.addLayout(texts, 1)
        layout.addWidget(self.close_button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear)
        self.setProperty("level", "info")
        self.serial = 0
        self.hide()

    def show_message(self, level: str, text: str, details: str = "") -> None:
        self.serial += 1
        self.setProperty("level", level)
        self.text_label.setText(text)
        self.details_label.setText(details)
        self.details_label.setVisible(bool(details))
        # Re-polish so the style sheet picks up the new level.
        self.style().unpolish(self)
        self.style().polish(self)
        self.show()
        if level == "info":
            self._timer.start(INFO_TIMEOUT_MS)
        else:
            self._timer.stop()

    def text(self) -> str:
        return "" if self.isHidden() else self.text_label.text()

    def clear(self) -> None:
        self._timer.stop()
        self.text_label.clear()
        self.details_label.clear()
        self.hide()

    def clear_problem(self) -> bool:
        """Take a shown warning or error away (information stays); whether one was shown."""
        if self.isHidden() or self.property("level") not in ("warning", "error"):
            return False
        self.clear()
        return True

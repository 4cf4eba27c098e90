"""A row of buttons that wraps onto the next line when the row is too narrow for their texts.

On a 1366 pixels wide store screen the pay buttons stand side by side; on a 1024×768 or 800×600
terminal there is no room for "Bar bezahlen (F12)" beside "Mit Karte bezahlen (F11)", and a
squeezed button cuts its text ("Bar bezahlen (F12"). :class:`ButtonFlow` never gives a button
less than its full text: what does not fit moves to the next line.

A widget that places its buttons itself, not a ``QLayout`` subclass: a layout written in Python
hands its layout items back and forth with Qt, and their ownership is easy to get wrong.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QPushButton, QSizePolicy, QWidget


class ButtonFlow(QWidget):
    """Buttons left to right, a new line when the next one does not fit.

    Create the buttons with this widget as their parent, then :meth:`add` them in order.

    Args:
        parent: the parent widget.
        spacing: pixels between buttons, in a line and between lines.
        fill: share a line's spare width among its buttons (equal pay buttons); otherwise the
            buttons keep their natural width, left aligned.
    """

    def __init__(self, parent: QWidget | None = None, *, spacing: int = 6, fill: bool = True) -> None:
        super().__init__(parent)
        self._buttons: list[QPushButton] = []
        self._spacing = spacing
        self._fill = fill
        # Its height depends on its width (QWidget.hasHeightForWidth reads the policy).
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def add(self, button: QPushButton) -> None:
        """Place ``button`` (a child of this widget) after the others."""
        self._buttons.append(button)
        self.relayout()

    def relayout(self) -> None:
        """Place the buttons again: after a button was shown, hidden or restyled (compact type)."""
        self.updateGeometry()
        # A hidden flow is placed when it is shown (showEvent): while the window is being built,
        # each add would otherwise place every button again, asking each for its styled size.
        if self.isVisible():
            self._arrange(self.width(), move=True)

    # -- size --------------------------------------------------------------------------------

    def heightForWidth(self, width: int) -> int:
        return self._arrange(width, move=False)

    def sizeHint(self) -> QSize:
        """All buttons in one line."""
        shown = self._shown()
        width = sum(button.sizeHint().width() for button in shown) + self._spacing * max(len(shown) - 1, 0)
        return QSize(width, max((button.sizeHint().height() for button in shown), default=0))

    def minimumSizeHint(self) -> QSize:
        """As narrow as the widest button with its full text, one line high (the rest is
        :meth:`heightForWidth`: a minimum of one button per line would hold the whole window
        taller than an 800×600 screen)."""
        shown = self._shown()
        width = max((button.sizeHint().width() for button in shown), default=0)
        return QSize(width, max((button.sizeHint().height() for button in shown), default=0))

    # -- placing -----------------------------------------------------------------------------

    def resizeEvent(self, event: object) -> None:
        self._arrange(self.width(), move=True)

    def showEvent(self, event: object) -> None:
        self._arrange(self.width(), move=True)

    def _shown(self) -> list[QPushButton]:
        return [button for button in self._buttons if not button.isHidden()]

    def _lines(self, width: int) -> list[list[QPushButton]]:
        lines: list[list[QPushButton]] = []
        used = 0
        for button in self._shown():
            needed = button.sizeHint().width()
            if lines and used + self._spacing + needed <= width:
                lines[-1].append(button)
                used += self._spacing + needed
            else:
                lines.append([button])
                used = needed
        return lines

    def _arrange(self, width: int, *, move: bool) -> int:
        """Place the buttons in lines of ``width`` (when ``move``); return the height they take."""
        top = 0
        for line in self._lines(width):
            natural = sum(button.sizeHint().width() for button in line) + self._spacing * (len(line) - 1)
            extra = max(width - natural, 0) // len(line) if self._fill else 0
            line_height = max(button.sizeHint().height() for button in line)
            x = 0
            for button in line:
                button_width = button.sizeHint().width() + extra
                if move:
                    button.setGeometry(QRect(x, top, button_width, line_height))
                x += button_width + self._spacing
            top += line_height + self._spacing
        return max(top - self._spacing, 0)

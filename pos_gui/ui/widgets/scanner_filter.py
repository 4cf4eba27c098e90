"""Barcode scanner capture, whichever widget has the focus.

A keyboard-wedge scanner "types" its code very fast and ends it with Enter. This application-wide
event filter recognises such a burst (at least :data:`MIN_CODE_LENGTH` characters, less than
:data:`MAX_KEY_GAP` seconds between two keys, then Enter) and reports it as a card number
(16 digits starting with 9276) or as an article code, instead of letting it land in the focused
field. Human typing is left alone.

The cash field is special: a code typed into it would become a tendered amount. For widgets
registered with :meth:`ScannerFilter.protect`, every key is held back briefly and only replayed
into the widget once it is clear that it was not part of a burst, so a scan never lands there.

Dialogs with their own input (PIN prompts, the login, cash and count fields, the open price,
the Storno) are the opposite: what is typed there, however fast, belongs to them. They are
marked with :func:`mark_scanner_free` (the property ``scannerFree``), and the filter leaves
alone every key that goes to such a widget or to a widget inside one; :meth:`ScannerFilter.pause`
and :meth:`ScannerFilter.resume` switch the filter off altogether for as long as needed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QWidget

from pos_gui.core.card_number import clean_code, is_card_number

MIN_CODE_LENGTH = 6
MAX_KEY_GAP = 0.050  # seconds; scanners send a key every few milliseconds, people far slower

_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
# The dynamic property marking a widget (and everything inside it) as not the scanner's.
SCANNER_FREE_PROPERTY = "scannerFree"


def mark_scanner_free(widget: QWidget) -> None:
    """Keys typed into ``widget`` or any widget inside it are never taken for a scan."""
    widget.setProperty(SCANNER_FREE_PROPERTY, True)


def is_scanner_free(widget: QWidget) -> bool:
    """``widget`` or one of its parents is marked with :func:`mark_scanner_free`, or it sits in a
    dialog: a code scanned into a dialog's field (the favourites search, a PIN prompt) belongs to
    that field, never to the till's basket behind it."""
    if isinstance(widget.window(), QDialog):
        return True
    current: QWidget | None = widget
    while current is not None:
        if current.property(SCANNER_FREE_PROPERTY) is True:
            return True
        current = current.parentWidget()
    return False


def classify_code(code: str) -> str:
    """``card`` for a secucard number, else ``article`` (EAN-8/13, article number, ...)."""
    return "card" if is_card_number(clean_code(code)) else "article"


@dataclass
class _HeldKey:
    """A key press held back while it is not yet clear whether a scanner or a person typed it."""

    key: int
    modifiers: Qt.KeyboardModifier
    text: str


class ScannerFilter(QObject):
    """Application event filter that turns fast key bursts ending in Enter into scans.

    Args:
        clock: returns seconds (monotonic); replaceable in tests.

    Signals:
        card_scanned(str): a card number was scanned.
        code_scanned(str): an article code was scanned.
    """

    card_scanned = Signal(str)
    code_scanned = Signal(str)

    def __init__(self, parent: QObject | None = None, *, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self._clock = clock
        self._protected: set[QWidget] = set()
        self._card_fields: set[QWidget] = set()
        self._burst_widget: QWidget | None = None
        self._burst = ""
        self._last_key_time = 0.0
        # For normal fields: the field's text before the burst began, restored when it was a scan.
        self._snapshot_widget: QLineEdit | None = None
        self._snapshot_text = ""
        self._snapshot_cursor = 0
        # For protected fields: the keys held back, replayed when they turn out to be typing.
        self._held: list[_HeldKey] = []
        self._held_widget: QWidget | None = None
        self._replaying = False
        self._last_receiver: QObject | None = None
        self._last_event_id: tuple[int, int, str] | None = None
        self._last_result = False
        self._pauses = 0
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(int(MAX_KEY_GAP * 1000) + 10)
        self._flush_timer.timeout.connect(self._flush_held)

    def protect(self, widget: QWidget) -> None:
        """Never let a scan land in ``widget`` (the tendered-cash field)."""
        self._protected.add(widget)
        widget.destroyed.connect(lambda: self._protected.discard(widget))

    def pause(self) -> None:
        """Take no key for a scan until :meth:`resume` (pauses nest: each needs its resume)."""
        self._pauses += 1
        self._flush_held()
        self._reset_burst()

    def resume(self) -> None:
        self._pauses = max(0, self._pauses - 1)

    @property
    def paused(self) -> bool:
        return self._pauses > 0

    def card_field(self, widget: QWidget) -> None:
        """A burst in ``widget`` is always a card number (malformed ones get the card message)."""
        self._card_fields.add(widget)
        widget.destroyed.connect(lambda: self._card_fields.discard(widget))

    # Qt override ----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Every event of the application passes here (thousands while a window is built and
        # shown), so the cheapest test comes first: PySide hands key events over as QKeyEvent,
        # and only then is the event's type (an enum conversion) worth asking for.
        if not isinstance(event, QKeyEvent) or self._replaying:
            return False
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QWidget):
            return False
        event_id = (int(event.key()), int(event.modifiers().value), event.text())
        # Qt offers an ignored key event to every parent in turn; count it once.
        if (
            event_id == self._last_event_id
            and self._last_receiver is not None
            and isinstance(self._last_receiver, QWidget)
            and _is_ancestor(watched, self._last_receiver)
        ):
            return self._last_result
        self._last_event_id = event_id
        self._last_receiver = watched
        if self._pauses or is_scanner_free(watched):
            # A PIN or an amount typed fast is still a PIN or an amount: the key goes on.
            self._flush_held()
            self._reset_burst()
            self._last_result = False
            return False
        self._last_result = self._handle_key(watched, event)
        return self._last_result

    # ---------------------------------------------------------------------------------------

    def _handle_key(self, widget: QWidget, event: QKeyEvent) -> bool:
        now = self._clock()
        gap = now - self._last_key_time
        key = event.key()
        protected = widget in self._protected
        if key in _ENTER_KEYS:
            self._last_key_time = now
            # Barcodes carry no spaces; a fast burst with spaces is text (e.g. a pasted name).
            is_scan = (
                len(clean_code(self._burst)) >= MIN_CODE_LENGTH
                and " " not in self._burst
                and gap < MAX_KEY_GAP
            )
            if is_scan:
                code = clean_code(self._burst)
                self._held.clear()
                self._flush_timer.stop()
                in_card_field = self._burst_widget in self._card_fields
                self._restore_snapshot()
                self._reset_burst()
                if in_card_field:
                    self.card_scanned.emit(code)
                else:
                    self._emit_scan(code)
                return True
            self._flush_held()
            self._reset_burst()
            return False
        text = event.text()
        printable = (
            bool(text)
            and text.isprintable()
            and not (
                event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
            )
        )
        if not printable:
            # Shift, Tab, F-keys, Backspace: typing, not a code. A scanner's control characters
            # (Tab, GS) come as keys without printable text too; they do not end a burst.
            if key in (Qt.Key.Key_Shift, Qt.Key.Key_Tab, Qt.Key.Key_unknown) and self._burst:
                return protected and bool(self._held)
            self._flush_held()
            self._reset_burst()
            return False
        if not self._burst or gap >= MAX_KEY_GAP:
            self._flush_held()
            self._reset_burst()
            self._take_snapshot(widget)
            self._burst_widget = widget
        self._burst += text
        self._last_key_time = now
        if protected:
            self._held.append(_HeldKey(int(key), event.modifiers(), text))
            self._held_widget = widget
            self._flush_timer.start()
            return True
        return False

    def _emit_scan(self, code: str) -> None:
        if classify_code(code) == "card":
            self.card_scanned.emit(code)
        else:
            self.code_scanned.emit(code)

    def _reset_burst(self) -> None:
        self._burst = ""
        self._snapshot_widget = None
        self._burst_widget = None

    def _take_snapshot(self, widget: QWidget) -> None:
        if isinstance(widget, QLineEdit) and widget not in self._protected:
            self._snapshot_widget = widget
            self._snapshot_text = widget.text()
            self._snapshot_cursor = widget.cursorPosition()
        else:
            self._snapshot_widget = None

    def _restore_snapshot(self) -> None:
        widget = self._snapshot_widget
        if widget is not None:
            widget.setText(self._snapshot_text)
            widget.setCursorPosition(self._snapshot_cursor)

    def _flush_held(self) -> None:
        """Replay held keys into the protected field: they were typed by a person."""
        self._flush_timer.stop()
        held, widget = self._held, self._held_widget
        self._held = []
        self._held_widget = None
        if not held or widget is None:
            return
        self._replaying = True
        try:
            for item in held:
                press = QKeyEvent(QEvent.Type.KeyPress, item.key, item.modifiers, item.text)
                QApplication.sendEvent(widget, press)
        finally:
            self._replaying = False

    def flush(self) -> None:
        """Replay any held keys now (tests, and before the window closes)."""
        self._flush_held()


def _is_ancestor(candidate: QWidget, widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if parent is candidate:
            return True
        parent = parent.parentWidget()
    return False

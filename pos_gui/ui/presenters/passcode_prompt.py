"""Asking the cashier for a card's PIN in the middle of a payment, without blocking the event loop.

A card with a passcode (issue 15 #12) must not pay before its PIN was checked. The payment action
awaits :meth:`PasscodePrompt.ask`; the prompt emits :attr:`PasscodePrompt.requested`, the window
shows its non-modal PIN dialog and answers with :meth:`PasscodePrompt.answer` (``None``:
cancelled). A modal ``exec()`` is no option here: it would run a nested event loop inside a
coroutine of the qasync loop.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    import asyncio


class PasscodePrompt(QObject):
    """The presenter's side of the PIN dialog.

    Signals:
        requested(bool): show the PIN dialog; ``True`` when the last PIN was wrong.
    """

    requested = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._answer: asyncio.Future[str | None] | None = None

    @property
    def is_asking(self) -> bool:
        return self._answer is not None and not self._answer.done()

    async def ask(self, *, wrong_before: bool = False) -> str | None:
        """The PIN the cashier typed, or ``None`` when the dialog was cancelled."""
        import asyncio

        if self.is_asking:
            return None  # one dialog at a time; the first question is still open
        self._answer = asyncio.get_running_loop().create_future()
        self.requested.emit(wrong_before)
        try:
            return await self._answer
        finally:
            self._answer = None

    def answer(self, pin: str | None) -> None:
        """The dialog's answer: the PIN, or ``None`` for "Abbrechen"."""
        if self._answer is not None and not self._answer.done():
            self._answer.set_result(pin or None)

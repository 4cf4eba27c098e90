"""``pos-gui --smoke-test``: Qt's warnings recorded, and the verdict on the start-up.

The smoke test builds the whole window against the embedded simulator, waits until the till has
signed in, processes events for :data:`SMOKE_TEST_SECONDS` and exits 0, or non-zero on any Qt
warning, traceback or failed sign-in (:mod:`pos_gui.app.startup` runs it).
"""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import asyncio

    from pos_gui.app.startup_times import StartupTimes

SMOKE_TEST_SECONDS = 0.6

# Messages the offscreen platform prints for every shown window; not a problem of the till.
BENIGN_QT_MESSAGES = (
    "This plugin does not support propagateSizeHints",
    "This plugin does not support raise",
    "This plugin does not support grabbing the keyboard",
)


class QtMessageRecorder:
    """A Qt message handler that logs Qt's messages and remembers warnings."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def __call__(self, mode: Any, context: Any, message: str) -> None:
        from PySide6.QtCore import QtMsgType

        if any(benign in message for benign in BENIGN_QT_MESSAGES):
            return
        if mode in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg):
            logging.getLogger("qt").debug("%s", message)
            return
        self.problems.append(message)
        logging.getLogger("qt").warning("%s", message)


def smoke_test_verdict(startup: StartupTimes, start_up: asyncio.Future[None]) -> int:
    """0 when the start-up finished and the till signed in at the embedded simulator."""
    if start_up.cancelled() or start_up.exception() is not None:
        print("smoke test: the start-up failed", file=sys.stderr)
        return 1
    if "server_started" not in startup.reached or "online" not in startup.reached:
        print("smoke test: the till did not sign in at the embedded simulator", file=sys.stderr)
        return 1
    return 0

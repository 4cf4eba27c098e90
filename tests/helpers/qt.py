"""Helpers for GUI tests: awaiting a coroutine without a nested event loop, finding a window's
widgets by object name, and typing into a field like a cashier."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

ChildType = TypeVar("ChildType", bound=QObject)


def run_until_done(qtbot: QtBot, awaitable: Awaitable[Any], timeout: int = 10_000) -> Any:
    """Run ``awaitable`` on the qasync loop (``qloop``) while Qt processes events (no nested
    exec); return its result."""
    task = asyncio.ensure_future(awaitable)
    qtbot.waitUntil(task.done, timeout=timeout)
    return task.result()


def child(parent: QObject, cls: type[ChildType], name: str) -> ChildType:
    """The ``cls`` named ``name`` under ``parent`` (e.g. a till's window); fails the test if none."""
    widget = parent.findChild(cls, name)
    assert isinstance(widget, cls), f"no {cls.__name__} named {name}"
    return widget


def enter(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    """Type ``text`` into ``field`` and press Return, as the cashier (or a scanner) does."""
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)

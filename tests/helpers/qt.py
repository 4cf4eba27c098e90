"""Awaiting a coroutine from a GUI test without a nested event loop."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from pytestqt.qtbot import QtBot


def run_until_done(qtbot: QtBot, awaitable: Awaitable[Any], timeout: int = 10_000) -> Any:
    """Run ``awaitable`` on the qasync loop (``qloop``) while Qt processes events (no nested
    exec); return its result."""
    task = asyncio.ensure_future(awaitable)
    qtbot.waitUntil(task.done, timeout=timeout)
    return task.result()

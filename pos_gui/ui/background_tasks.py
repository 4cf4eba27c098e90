"""Coroutines started from Qt slots and kept until they finish (printing, drawer, support zip).

A slot that starts a coroutine returns at once; the task must still be held (asyncio keeps only
a weak reference), awaited at shutdown, and its unexpected failure must reach the crash handler
instead of vanishing in an unread task.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any

from pos_gui.ui.async_slot import report_task_failure


class BackgroundTasks:
    """The running tasks of one owner: :meth:`spawn` to start, :meth:`wait_idle` at shutdown."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()

    def spawn(self, coroutine: Coroutine[Any, Any, Any]) -> None:
        """Run ``coroutine`` as a task; an exception it raises goes to ``sys.excepthook``."""
        task = asyncio.ensure_future(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        # A failure here is a programming error (expected ones are handled inside the
        # coroutine): the crash handler gets it, as for an async_slot.
        report_task_failure(task)

    @property
    def busy(self) -> bool:
        """A task started here is still running."""
        return bool(self._tasks)

    def cancel_all(self) -> None:
        """Cancel every running task (the ones that only wait to try again, at shutdown)."""
        for task in list(self._tasks):
            task.cancel()

    async def wait_idle(self) -> None:
        """Await every task, including those the running ones start meanwhile."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

"""Coroutines started from Qt slots and kept until they finish (printing, drawer, support zip).

A slot that starts a coroutine returns at once; the task must still be held (asyncio keeps only
a weak reference), awaited at shutdown, and its unexpected failure must reach the crash handler
instead of vanishing in an unread task.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Coroutine
from typing import Any


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
        if not task.cancelled() and (error := task.exception()) is not None:
            # A programming error (expected failures are handled inside the coroutine): hand it
            # to the crash handler, as async_slot does.
            sys.excepthook(type(error), error, error.__traceback__)

    @property
    def busy(self) -> bool:
        """A task started here is still running."""
        return bool(self._tasks)

    async def wait_idle(self) -> None:
        """Await every task, including those the running ones start meanwhile."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

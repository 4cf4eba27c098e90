"""The asyncio tasks a presenter started, held until they end and cancelled at shutdown.

asyncio keeps only a weak reference to a task, so whoever starts one must hold it. The presenter
is built before the event loop exists (cold start): asyncio is imported when a task is started,
never at the top of this module.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import asyncio


class PresenterTasks:
    """Tasks started here (:meth:`start`) or running a presenter's call (:meth:`hold`)."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()

    def start(
        self,
        coroutine: Coroutine[Any, Any, Any],
        *,
        when_done: Callable[[asyncio.Task[Any]], None] | None = None,
    ) -> asyncio.Task[Any]:
        """Run ``coroutine`` as a task, held until it ends; ``when_done`` is called then."""
        import asyncio

        task = asyncio.ensure_future(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        if when_done is not None:
            task.add_done_callback(when_done)
        return task

    def hold(self, task: asyncio.Task[Any] | None) -> None:
        """Hold a task that is already running (an ``async_slot``'s), until :meth:`release`."""
        if task is not None:
            self._tasks.add(task)

    def release(self, task: asyncio.Task[Any] | None) -> None:
        if task is not None:
            self._tasks.discard(task)

    async def cancel_all(self) -> None:
        """Cancel every held task but the calling one and wait until they have ended."""
        import asyncio

        tasks = [task for task in self._tasks if task is not asyncio.current_task()]
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
        self._tasks.clear()

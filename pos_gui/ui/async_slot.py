"""Qt slots that run a coroutine: ``@async_slot()`` on an ``async def`` method of a QObject.

A button's ``clicked`` or a shortcut calls the slot; the slot starts the coroutine as an asyncio
task on the running (qasync) event loop and returns the task at once. A failure that escapes the
coroutine goes to ``sys.excepthook`` (the crash handler), so it is logged and shown, never lost.

qasync's ``asyncSlot`` does the same job; the till uses this one because the presenter is built
and the window painted *before* the event loop exists, and ``import asyncio`` (which loads ssl)
costs about 75 ms of the cold start. This module imports asyncio only when a slot is called,
which is never before the loop runs.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Coroutine
from inspect import CO_VARARGS
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from PySide6.QtCore import Slot

if TYPE_CHECKING:
    import asyncio

Owner = TypeVar("Owner")
Arguments = ParamSpec("Arguments")
AsyncMethod = Callable[Concatenate[Owner, Arguments], Coroutine[Any, Any, None]]
StartingMethod = Callable[Concatenate[Owner, Arguments], "asyncio.Task[None]"]


def async_slot(
    *signal_types: type,
) -> Callable[[AsyncMethod[Owner, Arguments]], StartingMethod[Owner, Arguments]]:
    """Turn ``async def method(self, …)`` into a Qt slot taking ``signal_types`` that starts it.

    As in C++ Qt, a signal may carry more arguments than the slot takes; the extra trailing
    ones are dropped (``@async_slot()`` connected to ``clicked(bool)`` is called without the
    ``checked`` flag).
    """

    def decorate(method: AsyncMethod[Owner, Arguments]) -> StartingMethod[Owner, Arguments]:
        code = method.__code__
        takes_any_number = bool(code.co_flags & CO_VARARGS)
        positional = code.co_argcount - 1  # without self

        @Slot(*signal_types)
        @functools.wraps(method)
        def start(owner: Owner, /, *args: Arguments.args, **kwargs: Arguments.kwargs) -> asyncio.Task[None]:
            import asyncio

            if not takes_any_number:
                args = args[:positional]  # type: ignore[assignment]
            task = asyncio.ensure_future(method(owner, *args, **kwargs))
            task.add_done_callback(report_task_failure)
            return task

        return start

    return decorate


def report_task_failure(task: asyncio.Future[Any]) -> None:
    """A done callback: hand an exception that ended ``task`` to ``sys.excepthook``."""
    if task.cancelled():
        return
    error = task.exception()
    if error is not None:
        sys.excepthook(type(error), error, error.__traceback__)

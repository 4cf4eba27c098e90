"""One service call at a time, with the busy flag set and its failure turned into cashier text.

:class:`ServiceCalls` is the presenters' way to await the checkout service: it refuses a second
call while one is in flight, keeps the status bar's flags up to date from what each call says
about the server, and turns the errors the services let through into a :class:`CashierMessage`.
An error that has no cashier text is a programming error and propagates (the crash handler).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import QCoreApplication

from pos_gui.services.errors import OutcomeUnknownError
from pos_gui.ui.presenters.connection_status import ConnectionStatus
from pos_gui.ui.presenters.error_text import CashierMessage, describe_error
from pos_gui.ui.presenters.presenter_tasks import PresenterTasks

log = logging.getLogger("pos_gui.ui.checkout")

# What run() returns for a call that failed (its failure has been told to the cashier).
FAILED: Any = object()


class ServiceCalls:
    """Runs the presenter's service calls one at a time.

    Args:
        connection: the status bar's flags, updated from every call.
        tasks: the presenter's tasks; the running call's task is held there (cancelled at shutdown).
        say: shows a message to the cashier.
        changed: the views must redraw (the busy flag changed).
        outcome_unknown: a payment got no usable answer; called to read it back in the background.
    """

    def __init__(
        self,
        connection: ConnectionStatus,
        tasks: PresenterTasks,
        *,
        say: Callable[[CashierMessage], None],
        changed: Callable[[], None],
        outcome_unknown: Callable[[], None],
    ) -> None:
        self._connection = connection
        self._tasks = tasks
        self._say = say
        self._changed = changed
        self._outcome_unknown = outcome_unknown
        self.in_flight = False

    async def run(
        self, action: Coroutine[Any, Any, Any], *, resolving: bool = False, marks_connection: bool = True
    ) -> Any:
        """Await one service call; returns its result, or :data:`FAILED` once the cashier was told.

        ``resolving``: the call reads an unknown payment back (a failure does not start another).
        ``marks_connection``: the call always talks to the server, so its success shows the
        server reachable and the till signed in. Calls that may send nothing pass ``False``; a
        failure still shows what it says about the server.
        """
        if self.in_flight:
            action.close()
            self._say(
                CashierMessage(
                    "info",
                    QCoreApplication.translate(
                        "CheckoutPresenter", "Bitte warten, die Kasse arbeitet noch …"
                    ),
                )
            )
            return FAILED
        import asyncio

        task = asyncio.current_task()
        self._tasks.hold(task)
        self.in_flight = True
        self._changed()
        try:
            result = await action
        except OutcomeUnknownError as error:
            log.warning("payment outcome unknown: %s", error)
            self._connection.payment_unanswered()
            described = describe_error(error)
            if described is not None:
                self._say(described)
            self.in_flight = False
            if not resolving:
                self._outcome_unknown()
            return FAILED
        except Exception as error:
            described = describe_error(error)
            if described is None:
                raise
            log.warning("checkout action failed: %r", error)
            self._connection.call_failed(error)
            self._say(described)
            return FAILED
        else:
            if marks_connection:
                self._connection.call_succeeded()
            return result
        finally:
            self.in_flight = False
            self._tasks.release(task)
            self._changed()

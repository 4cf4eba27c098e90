"""Start-up: the journal's unfinished sales from the last run, reconciled before anything else;
and the sales the cashier gave up, whose server transactions are aborted in the background.

:class:`JournalRecovery` runs the reconciliation once as a task as soon as the till is built
(before the server may answer) and says while it runs that basket changes must wait, so that
nothing scanned meanwhile can push the last run's sale aside. The functions below turn what
the reconciliation found into the cashier's messages.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from pos_gui.services.checkout import AbandonedSale, CheckoutState, RecoveredSale
from pos_gui.ui.async_slot import report_task_failure
from pos_gui.ui.presenters.error_text import CashierMessage
from pos_gui.ui.presenters.presenter_tasks import PresenterTasks
from pos_gui.ui.presenters.service_calls import FAILED, ServiceCalls
from pos_gui.ui.presenters.till_snapshot import SaleScreen

if TYPE_CHECKING:
    import asyncio


class JournalRecovery:
    """The start-up reconciliation of the journal, run by the checkout presenter.

    Args:
        checkout: the checkout service (its ``recover``).
        calls: the presenter's service calls (busy flag, failures as messages).
        screen: the presenter's screen state (a recovered paid sale's receipt is shown).
        tasks: where the running reconciliation is held (cancelled at shutdown).
        say: shows a message to the cashier.
        changed: the views must redraw.
        resolve_unknown: reads back a payment whose outcome a recovered sale left unknown.
    """

    def __init__(
        self,
        checkout: Any,
        calls: ServiceCalls,
        screen: SaleScreen,
        tasks: PresenterTasks,
        *,
        say: Callable[[CashierMessage], None],
        changed: Callable[[], None],
        resolve_unknown: Callable[[], Coroutine[Any, Any, None]],
    ) -> None:
        self._checkout = checkout
        self._calls = calls
        self._screen = screen
        self._tasks = tasks
        self._say = say
        self._changed = changed
        self._resolve_unknown = resolve_unknown
        self._task: asyncio.Task[None] | None = None
        # Set by expect() before the event loop runs; start() takes over.
        self._expected = False

    @property
    def running(self) -> bool:
        """The reconciliation has not finished yet (or is expected to start)."""
        return self._expected or (self._task is not None and not self._task.done())

    def expect(self) -> None:
        """Say :attr:`running` from now on, before the event loop exists to start it."""
        self._expected = True

    def start_if_expected(self) -> None:
        if self._expected:
            self.start()

    def start(self) -> None:
        """Start the reconciliation now, unless it is running already."""
        if self._task is not None and not self._task.done():
            return
        self._task = self._tasks.start(self.reconcile(), when_done=self._done)
        self._expected = False

    def _done(self, task: asyncio.Task[Any]) -> None:
        # A programming error, not a server problem (those become messages): the crash handler.
        report_task_failure(task)
        self._changed()

    async def wait(self) -> None:
        """Wait for a reconciliation that is running (return at once if none is)."""
        import asyncio

        running = self._task
        if running is not None and not running.done():
            await asyncio.wait({running})

    async def reconcile(self) -> None:
        """Reconcile the journal's unfinished sales and tell the cashier what came of them."""
        # recover() may send nothing at all (nothing to reconcile, or a basket restored from the
        # journal): its success says nothing about the server, so the status bar is left alone.
        recovered = await self._calls.run(self._checkout.recover(), marks_connection=False)
        if recovered is FAILED or not recovered:
            return
        last_paid = last_completed_with_receipt(recovered)
        if last_paid is not None and self._checkout.state is CheckoutState.EMPTY:
            self._screen.recovered = last_paid
        for message in (completed_sales_message(recovered), restored_basket_message(recovered)):
            if message is not None:
                self._say(message)
        if self._checkout.state is CheckoutState.UNKNOWN:
            await self._resolve_unknown()
        pending = pending_sales_message(recovered)
        if pending is not None:
            self._say(pending)
        self._changed()

    def abort_abandoned_sales(self) -> None:
        """Abort, in the background, the server transactions of sales the cashier gave up."""
        for sale in self._checkout.take_abandoned():
            self._tasks.start(self._abort_abandoned(sale))

    async def _abort_abandoned(self, sale: AbandonedSale) -> None:
        if not await self._checkout.abort_abandoned(sale):
            return
        # The sale the cashier gave up had been paid after all (a payment from before a restart
        # that arrived late): it is in today's sales now, with its receipt.
        text = QCoreApplication.translate(
            "CheckoutPresenter",
            "Verkauf {number} war doch bezahlt: Die Zahlung von vor dem Neustart ist "
            "angekommen. Er steht mit Beleg unter „Verkäufe → Heutige Verkäufe“.",
        )
        self._say(CashierMessage("warning", text.format(number=sale.sale_number)))


def completed_sales_message(recovered: Sequence[RecoveredSale]) -> CashierMessage | None:
    """Sales the server had booked before the crash: they are closed now."""
    completed = [sale for sale in recovered if sale.outcome == "completed"]
    if not completed:
        return None
    return CashierMessage(
        "info",
        QCoreApplication.translate(
            "CheckoutPresenter",
            "{count} Verkauf/Verkäufe waren schon bezahlt und wurden abgeschlossen.",
        ).format(count=len(completed)),
    )


def restored_basket_message(recovered: Sequence[RecoveredSale]) -> CashierMessage | None:
    """The last run's unpaid basket is the current sale again."""
    if not any(sale.outcome == "restored" for sale in recovered):
        return None
    return CashierMessage(
        "info",
        QCoreApplication.translate("CheckoutPresenter", "Der letzte Warenkorb wurde wiederhergestellt."),
    )


def pending_sales_message(recovered: Sequence[RecoveredSale]) -> CashierMessage | None:
    """Sales the server could not be asked about: they stay open until the next start."""
    pending = sum(1 for sale in recovered if sale.outcome == "pending")
    if not pending:
        return None
    return CashierMessage(
        "warning",
        QCoreApplication.translate(
            "CheckoutPresenter",
            "{count} offene Verkäufe konnten nicht mit dem Server abgeglichen werden.",
        ).format(count=pending),
    )


def last_completed_with_receipt(recovered: Sequence[RecoveredSale]) -> RecoveredSale | None:
    """The last sale the server had booked, if its transaction (and so its receipt) came back."""
    completed = [sale for sale in recovered if sale.outcome == "completed"]
    if completed and completed[-1].transaction is not None:
        return completed[-1]
    return None

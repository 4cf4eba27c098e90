"""Every sale signed by the TSE (KassenSichV): started at its first line, finished at payment.

:class:`FiscalSigning` is the checkout's fiscal side. The checkout tells it three things and
nothing else: a sale was opened (:meth:`~FiscalSigning.sale_opened`), paid
(:meth:`~FiscalSigning.sale_paid`) or given up (:meth:`~FiscalSigning.sale_voided`).

- **Opened.** The TSE tx id (a UUID) is chosen and written to the ledger (``tse_tx_planned``,
  with the receipt type: ``Beleg``, or ``AVTraining`` in demo and training) *before* the first
  signer call, so a retry or a restart reuses it and one sale never gets two TSE transactions.
  The start runs in the background: scanning never waits for the TSE.
- **Paid.** After the payment is confirmed (never before: the payment neither waits for nor is
  refused by the TSE), the transaction is finished with the ``Kassenbeleg-V1`` processData of the
  sale (gross per VAT rate, cash and non-cash: the card balance share is non-cash). A start that
  has not answered yet is waited for, shortly (:data:`START_DEADLINE_S`). The answer
  (``tse_finished``) is in the ledger before the receipt is composed from it.
- **Given up.** An opened transaction is cancelled (``AVBelegabbruch``) in the background.

Every signer answer is a ledger event (``tse_started``, ``tse_finished``); every failure too
(``tse_failed`` with the step, the time and the error). A failure never stops the sale: the
receipt then says "TSE ausgefallen" with the time, and :attr:`FiscalSigning.state` is ``down``
(the status bar). :meth:`FiscalSigning.reconcile` closes what is left open (at start-up, after a
crash, and once the TSE answers again): it reads the transaction back by its id and finishes a
paid sale's or cancels a given-up sale's transaction, exactly once.

The signer (``pos_gui.fiscal``) is attached later by the composition root (:meth:`attach`): it
imports httpx, which must not load before the till window is shown.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from pos_gui.fiscal.process_data import ReceiptType
from pos_gui.fiscal.signer import TseError, TseFinished, TseRefusedError, TseSigner, TxState, new_tx_id
from pos_gui.persistence.ledger import Ledger, LedgerWriteError
from pos_gui.persistence.sale_events import PAID, VOIDED, EventKind, SaleRecord
from pos_gui.services.fiscal_receipts import abort_of, receipt_of
from pos_gui.services.fiscal_setup import SaleRefusal, uncertified_signer_refusal

if TYPE_CHECKING:
    import asyncio

log = logging.getLogger("pos_gui.services.fiscal")

# How long the finish waits for a start still on its way, and for its own answer, before the
# sale goes on as a TSE outage (the receipt must not keep the customer waiting).
START_DEADLINE_S = 2.0
FINISH_DEADLINE_S = 5.0

TseState = Literal["unknown", "ok", "down"]
OPEN_STATES = ("planned", "started")


def _local_now() -> datetime:
    return datetime.now().astimezone()


class FiscalSigning:
    """Signs the till's sales (see the module docstring).

    Args:
        ledger: the till's ledger; every TSE step is an event of its sale.
        training: sign every sale as ``AVTraining`` (demo and training mode).
        live: live mode: a signer that is no certified TSE is refused (:attr:`refusal`).
        start_deadline: seconds the finish waits for a start still running.
        finish_deadline: seconds the finish (and a reconciliation call) may take.
        clock: the local time of a failure (tests pass a fake).

    Attributes:
        state: ``unknown`` until the first answer, ``ok``, or ``down`` after a failure.
        down_since: when the TSE last failed (local time), or ``None``.
        on_state: called whenever :attr:`state` or :attr:`refusal` changes (the status bar).
        refusal: why the till may not sell (live mode without a certified TSE), or ``None``.
        on_step: called with the event kind and sale id once a TSE event is in the ledger (runner).
    """

    def __init__(
        self,
        ledger: Ledger,
        *,
        training: bool,
        live: bool = False,
        start_deadline: float = START_DEADLINE_S,
        finish_deadline: float = FINISH_DEADLINE_S,
        clock: Callable[[], datetime] = _local_now,
    ) -> None:
        self.ledger = ledger
        self.training = training
        self.live = live
        self.refusal: SaleRefusal | None = None
        self.start_deadline = start_deadline
        self.finish_deadline = finish_deadline
        self._clock = clock
        self.state: TseState = "unknown"
        self.down_since: datetime | None = None
        self.on_state: Callable[[], None] | None = None
        self.on_step: Callable[[str, str], None] | None = None
        self._signer: TseSigner | None = None
        self._close_signer: Callable[[], Awaitable[None]] | None = None
        self._attached: asyncio.Event | None = None
        # Background work per sale (a start, a cancel); a sale in here is not reconciled.
        self._tasks: dict[str, asyncio.Task[Any]] = {}
        self._busy: set[str] = set()
        self._reconciling: set[asyncio.Task[int]] = set()
        # Reconciled with the sales (the Stornos' TSE transactions, storno_signing); how many closed.
        self.also_reconcile: Callable[[], Awaitable[int]] | None = None

    # -- the signer ----------------------------------------------------------------------------

    def attach(self, signer: TseSigner, *, close: Callable[[], Awaitable[None]] | None = None) -> None:
        """Hand over the signer (built by the composition root); waiting calls go on.
        ``close`` closes its HTTP client at shutdown (:meth:`aclose`). In live mode a signer
        that is no certified TSE is not attached: the till refuses to sell (:meth:`refuse`)."""
        if self.live and not signer.is_certified:
            log.error("live mode: %s is no certified TSE; sales refused", type(signer).__name__)
            self._close_signer = close
            self.refuse(uncertified_signer_refusal())
            return
        self._signer = signer
        self._close_signer = close
        if self._attached is not None:
            self._attached.set()
        self.reconcile_soon()  # what a crash or an outage left open

    def refuse(self, refusal: SaleRefusal | None) -> None:
        """The till may not sell (``None``: it may again); see :mod:`.fiscal_setup`."""
        self.refusal = refusal
        if self.on_state is not None:
            self.on_state()

    def sale_refusal(self) -> SaleRefusal | None:
        """Why no sale may be started now (the checkout presenter asks before each basket change)."""
        return self.refusal

    @property
    def signer(self) -> TseSigner | None:
        return self._signer

    async def wait_for_signer(self) -> TseSigner:
        """The signer, once the composition root has attached it."""
        if self._signer is None:
            import asyncio

            if self._attached is None:
                self._attached = asyncio.Event()
            await self._attached.wait()
        assert self._signer is not None
        return self._signer

    def now(self) -> datetime:
        """The local time, for a failure's note (the tests' clock)."""
        return self._clock()

    def set_state(self, state: TseState) -> None:
        """``ok`` after an answer, ``down`` after a failure (the status bar follows)."""
        if state == "down":
            self.down_since = self._clock()
        if state == "ok" and self.state == "down":
            self.reconcile_soon()  # the TSE answers again: close what the outage left open
        if state != self.state:
            self.state = state
            if self.on_state is not None:
                self.on_state()

    # -- the checkout's three calls --------------------------------------------------------------

    def sale_opened(self, sale_id: str, *, training: bool = False) -> None:
        """Plan the sale's TSE transaction (in the ledger first), then start it in the background;
        ``training``: a training sale (signed as ``AVTraining`` whatever the till's mode)."""
        receipt_type = ReceiptType.AV_TRAINING if self.training or training else ReceiptType.BELEG
        try:
            self._append(
                sale_id, EventKind.TSE_TX_PLANNED, tse_tx_id=new_tx_id(), receipt_type=receipt_type.value
            )
        except LedgerWriteError as error:
            # The sale itself is on disk; without a planned tx id nothing may be sent for it.
            log.error("sale %s: TSE transaction not planned: %s", sale_id, error)
            return
        self._in_background(sale_id, lambda: self._start_if_planned(sale_id))

    async def sale_paid(self, sale_id: str) -> TseFinished | None:
        """Finish the paid sale's transaction; ``None`` (recorded as ``tse_failed``) on an outage.

        Never raises for the TSE: the payment is done, and the sale goes on without a signature.
        """
        import asyncio

        if sale_id in self._busy:
            return None
        self._busy.add(sale_id)
        try:
            start = self._tasks.get(sale_id)
            if start is not None:
                try:
                    await asyncio.wait_for(asyncio.shield(start), self.start_deadline)
                except TimeoutError:
                    log.warning("sale %s: TSE start not answered in time", sale_id)
            return await self._close(sale_id, "finish")
        finally:
            self._busy.discard(sale_id)

    def sale_voided(self, sale_id: str) -> None:
        """Cancel the given-up sale's transaction (``AVBelegabbruch``) in the background."""
        record = self._record(sale_id)
        if record is None or record.tse is None or record.tse["state"] not in OPEN_STATES:
            return
        # Runs after the sale's start (background work of one sale runs in order).
        self._in_background(sale_id, lambda: self._close(sale_id, "cancel"))

    # -- background work -----------------------------------------------------------------------

    def _in_background(self, sale_id: str, work: Callable[[], Awaitable[Any]]) -> None:
        """Run ``work()`` as a task of the running loop; without one (sync tests), not at all:
        the finish, the cancel or the reconciliation does the start then."""
        import asyncio

        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        previous = self._tasks.get(sale_id)

        async def after_previous() -> None:
            if previous is not None:
                await asyncio.gather(previous, return_exceptions=True)
            # Made only now: a task cancelled before (aclose) leaves no never-awaited coroutine.
            await work()

        task = loop.create_task(after_previous())
        self._tasks[sale_id] = task
        task.add_done_callback(lambda done: self._forget_task(sale_id, done))

    def _forget_task(self, sale_id: str, task: asyncio.Task[Any]) -> None:
        if self._tasks.get(sale_id) is task:
            del self._tasks[sale_id]
        if not task.cancelled() and task.exception() is not None:
            log.error("sale %s: TSE background step failed", sale_id, exc_info=task.exception())

    async def aclose(self) -> None:
        """Stop the background work and close the signer's HTTP client (shutdown)."""
        for task in [*self._tasks.values(), *self._reconciling]:
            task.cancel()
        await self.wait_idle()
        if self._close_signer is not None:
            await self._close_signer()

    async def wait_idle(self) -> None:
        """Wait for every background start, cancel and reconciliation (tests, shutdown)."""
        import asyncio

        while self._tasks or self._reconciling:
            await asyncio.gather(*self._tasks.values(), *self._reconciling, return_exceptions=True)

    # -- the steps -----------------------------------------------------------------------------

    def _append(self, sale_id: str, kind: EventKind, **facts: Any) -> None:
        self.ledger.append(sale_id, kind, **facts)
        if self.on_step is not None:
            self.on_step(kind.value, sale_id)

    def _record(self, sale_id: str) -> SaleRecord | None:
        try:
            return self.ledger.sale(sale_id)
        except KeyError:
            return None

    async def _start_if_planned(self, sale_id: str) -> None:
        record = self._record(sale_id)
        if record is None or record.tse is None or record.tse["state"] != "planned":
            return
        signer = await self.wait_for_signer()
        try:
            started = await signer.start(record.tse["tx_id"])
        except TseError as error:
            self._failed(sale_id, "start", error)
            return
        self.set_state("ok")
        fresh = self._record(sale_id)
        if fresh is None or fresh.tse is None or fresh.tse["state"] != "planned":
            return  # the finish did not wait for this answer and recorded the start itself
        self._append(
            sale_id,
            EventKind.TSE_STARTED,
            tse_number=started.number,
            tse_time_start=started.time_start.isoformat(),
        )

    async def _close(self, sale_id: str, step: Literal["finish", "cancel"]) -> TseFinished | None:
        """Finish or cancel the sale's open transaction; read it back first after a failure."""
        import asyncio

        record = self._record(sale_id)
        if record is None or record.tse is None:
            return None
        if record.tse["state"] not in OPEN_STATES:
            result = record.tse.get("result")
            return TseFinished.from_json(result) if result else None
        try:
            signer = await asyncio.wait_for(self.wait_for_signer(), self.finish_deadline)
            if record.tse["state"] == "planned" or record.tse.get("failure") is not None:
                finished = await asyncio.wait_for(
                    self._settle_unsure(signer, record, step), self.finish_deadline
                )
            else:
                finished = await asyncio.wait_for(
                    self._send_close(signer, record, step), self.finish_deadline
                )
        except (TseError, TimeoutError) as error:
            self._failed(sale_id, step, error)
            return None
        self.set_state("ok")
        self._append(sale_id, EventKind.TSE_FINISHED, tse_result=finished.to_json())
        return finished

    async def _send_close(
        self, signer: TseSigner, record: SaleRecord, step: Literal["finish", "cancel"]
    ) -> TseFinished:
        assert record.tse is not None
        tx_id = record.tse["tx_id"]
        if step == "cancel":
            return await signer.cancel(tx_id, abort_of(record))
        return await signer.finish(tx_id, receipt_of(record, ReceiptType(record.tse["receipt_type"])))

    async def _settle_unsure(
        self, signer: TseSigner, record: SaleRecord, step: Literal["finish", "cancel"]
    ) -> TseFinished:
        """After a failure or a restart nobody knows where the transaction stands: read it back,
        start it if the TSE never saw it, and close it unless it is closed already."""
        assert record.tse is not None
        tx_id = record.tse["tx_id"]
        try:
            found = await signer.read(tx_id)
        except TseRefusedError as error:
            if error.status != 404:
                raise
            found = None
        if found is not None and found.finished is not None:
            return found.finished  # closed before the crash; only its answer was lost
        if record.tse["state"] == "planned":
            started = await signer.start(tx_id) if found is None else None
            number = started.number if started else found.number if found else 0
            time_start = started.time_start if started else found.time_start if found else None
            assert time_start is not None
            self._append(
                record.sale_id,
                EventKind.TSE_STARTED,
                tse_number=number,
                tse_time_start=time_start.isoformat(),
            )
        elif found is None:
            await signer.start(tx_id)  # recorded as started, but the TSE lost it: start again
        return await self._send_close(signer, record, step)

    def _failed(self, sale_id: str, step: str, error: BaseException) -> None:
        text = str(error) or type(error).__name__
        log.warning("sale %s: TSE %s failed: %s", sale_id, step, text)
        self.set_state("down")
        try:
            self.ledger.append(
                sale_id,
                EventKind.TSE_FAILED,
                tse_step=step,
                tse_error=text,
                tse_failed_at=self._clock().isoformat(),
            )
        except LedgerWriteError as write_error:
            log.error("sale %s: tse_failed not written: %s", sale_id, write_error)

    # -- reconciliation --------------------------------------------------------------------------

    async def reconcile(self) -> int:
        """Close every open TSE transaction of a paid or given-up sale (then :attr:`also_reconcile`,
        the Stornos'); returns how many closed.

        Sales still being sold keep theirs open (the current sale after a restart continues).
        """
        closed = 0
        for record in self.ledger.sales_with_open_tse():
            if record.state not in (PAID, VOIDED) or record.sale_id in self._busy:
                continue
            if record.sale_id in self._tasks:
                continue
            self._busy.add(record.sale_id)
            try:
                if await self._close(record.sale_id, "finish" if record.state == PAID else "cancel"):
                    closed += 1
            finally:
                self._busy.discard(record.sale_id)
        if self.also_reconcile is not None:
            closed += await self.also_reconcile()
        return closed

    def reconcile_soon(self) -> None:
        """:meth:`reconcile` as a task of the running loop (start-up: the window does not wait)."""
        import asyncio

        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        task = loop.create_task(self.reconcile())
        self._reconciling.add(task)  # a reference, or the loop may drop the task half-way
        task.add_done_callback(self._reconciling.discard)


def tse_state_of(record: SaleRecord) -> TxState | None:
    """The sale's closed TSE state (``FINISHED`` / ``CANCELLED``), or ``None`` while open or absent."""
    if record.tse is None or record.tse["state"] in OPEN_STATES:
        return None
    return TxState(record.tse["state"])

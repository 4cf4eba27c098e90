"""The Storno receipt signed as a TSE transaction of its own (KassenSichV: every business event).

A Storno is a day event, not a sale, so its TSE steps are day events of the Storno's subject
(:class:`~pos_gui.persistence.day_events.DayEventKind`): ``storno_tse_planned`` (the tx id,
chosen and written *before* any signer call, so a retry never makes a second transaction),
then ``storno_tse_finished`` with the TSE's answer, or ``storno_tse_failed`` with the step, the
error and the time. All of it is in the ledger before :meth:`StornoService._book` returns, so
before the Storno receipt is composed and printed.

What is signed: ``Kassenbeleg-V1`` of type ``Beleg`` (``AVTraining`` on a training till) with
the original's gross per VAT rate and its payments, every amount negated (fiscal-de.md b.5;
``BON_STORNO`` is a tax adviser's question, docs/fiscal.md). The start and the finish run one
after the other within :data:`~pos_gui.services.fiscal_signing.FINISH_DEADLINE_S`; a failure
is a TSE outage: the Storno stands, and its receipt says "TSE ausgefallen" with the time.

Signed late: :meth:`StornoSigning.retry_unsigned` runs with the sales' reconciliation
(:attr:`FiscalSigning.also_reconcile <pos_gui.services.fiscal_signing.FiscalSigning>`: at
start-up and when the TSE answers again). Every Storno with ``storno_tse_planned`` and no
``storno_tse_finished`` is read back at the TSE by its planned tx id: finished there already, its
answer is recorded; open, it is finished; unknown (404), it is started and finished. The answer
goes into ``storno_tse_finished`` with ``tse_signed_late_at`` (when), so the Storno's TSE block
read from the ledger (:meth:`StornoSigning.tse_of`) carries the signature from then on. Never a
second transaction: the tx id is the one planned before the first call.

Plugged into the seam :attr:`StornoService.sign_storno` by the composition root.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pos_gui.core.tse_receipt_block import TseBlock, TseOutage
from pos_gui.fiscal.process_data import KassenbelegV1, ReceiptType
from pos_gui.fiscal.signer import TseError, TseFinished, TseRefusedError, new_tx_id
from pos_gui.persistence.day_events import DayEventKind, LedgerEvent
from pos_gui.persistence.ledger import LedgerWriteError
from pos_gui.services.fiscal_receipts import storno_kassenbeleg
from pos_gui.services.fiscal_signing import FiscalSigning
from pos_gui.services.receipts import OUTAGE_TIME_FORMAT, tse_block_from

log = logging.getLogger("pos_gui.services.storno_signing")

STORNO_TSE_KINDS = (
    DayEventKind.STORNO_TSE_PLANNED,
    DayEventKind.STORNO_TSE_FINISHED,
    DayEventKind.STORNO_TSE_FAILED,
)


@dataclass(frozen=True)
class StornoTse:
    """What the ledger says about one Storno's TSE transaction."""

    tx_id: str | None = None
    receipt_type: str = ""
    finished: TseFinished | None = None
    failed_at: str | None = None
    # When a Storno an outage (or a kill) left unsigned was signed after all.
    signed_late_at: str | None = None

    def receipt_block(self) -> TseBlock | TseOutage | None:
        """The Storno receipt's TSE block, or "TSE ausgefallen" with the time, or ``None``."""
        if self.finished is not None:
            return tse_block_from(self.finished)
        if self.failed_at is not None:
            return TseOutage(datetime.fromisoformat(self.failed_at).strftime(OUTAGE_TIME_FORMAT))
        return None


def storno_tse_of(events: list[LedgerEvent], subject_id: str) -> StornoTse:
    """The TSE facts of the Storno ``subject_id`` from the ledger's events (oldest first)."""
    facts: dict[str, Any] = {}
    for event in events:
        if event.subject_id != subject_id:
            continue
        if event.kind == DayEventKind.STORNO_TSE_PLANNED:
            facts.update(tx_id=event.payload["tse_tx_id"], receipt_type=event.payload["receipt_type"])
        elif event.kind == DayEventKind.STORNO_TSE_FINISHED and "finished" not in facts:
            facts.update(
                finished=TseFinished.from_json(event.payload["tse_result"]),
                signed_late_at=event.payload.get("tse_signed_late_at"),
            )
        elif event.kind == DayEventKind.STORNO_TSE_FAILED:
            # The first failure: the time the Storno receipt printed with "TSE ausgefallen".
            facts.setdefault("failed_at", event.payload["tse_failed_at"])
    if "finished" in facts:
        facts["failed_at"] = None
    return StornoTse(**facts)


def unsigned_storno_subjects(events: list[LedgerEvent]) -> list[str]:
    """The Stornos (subject ids, oldest first) with a planned TSE transaction and no answer yet."""
    planned = [e.subject_id for e in events if e.kind == DayEventKind.STORNO_TSE_PLANNED]
    finished = {e.subject_id for e in events if e.kind == DayEventKind.STORNO_TSE_FINISHED}
    return [subject_id for subject_id in planned if subject_id not in finished]


class StornoSigning:
    """Signs booked Storno receipts with the till's TSE (see the module docstring).

    Args:
        fiscal: the till's sale signing: its signer, training flag, deadlines and TSE state. Its
            set of subjects being signed now is shared: a Storno in there is not retried.
    """

    def __init__(self, fiscal: FiscalSigning) -> None:
        self.fiscal = fiscal
        self.ledger = fiscal.ledger

    def tse_of(self, subject_id: str) -> StornoTse:
        kinds = [kind.value for kind in STORNO_TSE_KINDS]
        return storno_tse_of(self.ledger.all_events(kinds=kinds), subject_id)

    async def sign_storno(self, booked: LedgerEvent) -> TseBlock | TseOutage | None:
        """Sign the booked Storno once; its receipt's TSE block (or the outage note)."""
        subject_id = booked.subject_id
        known = self.tse_of(subject_id)
        if known.finished is not None or subject_id in self._busy:
            return known.receipt_block()  # signed before (a read-back books the Storno again)
        receipt_type = ReceiptType.AV_TRAINING if self.fiscal.training else ReceiptType.BELEG
        tx_id = known.tx_id
        if tx_id is None:
            tx_id = new_tx_id()
            try:
                self.ledger.append_day_event(
                    subject_id,
                    DayEventKind.STORNO_TSE_PLANNED,
                    {"tse_tx_id": tx_id, "receipt_type": receipt_type.value},
                )
            except LedgerWriteError as error:
                log.error("Storno %s: TSE transaction not planned: %s", subject_id, error)
                return None
        else:
            receipt_type = ReceiptType(known.receipt_type)
        self._busy.add(subject_id)
        try:
            finished = await self._sign(booked, tx_id, receipt_type, late=known.tx_id is not None)
        except (TseError, TimeoutError) as error:
            return self._failed(subject_id, error)
        finally:
            self._busy.discard(subject_id)
        return tse_block_from(finished)

    async def retry_unsigned(self) -> int:
        """Sign every Storno an outage or a kill left unsigned (module docstring); how many now.

        A failure is recorded (``storno_tse_failed``) and the next reconciliation tries again.
        """
        kinds = [kind.value for kind in (*STORNO_TSE_KINDS, DayEventKind.STORNO_BOOKED)]
        events = self.ledger.all_events(kinds=kinds)
        booked = {e.subject_id: e for e in events if e.kind == DayEventKind.STORNO_BOOKED}
        signed = 0
        for subject_id in unsigned_storno_subjects(events):
            if subject_id in self._busy or subject_id not in booked:
                continue
            self._busy.add(subject_id)
            try:
                # Read again: another reconciliation may have signed it since the list was read.
                known = self.tse_of(subject_id)
                if known.finished is not None or known.tx_id is None:
                    continue
                await self._sign(booked[subject_id], known.tx_id, ReceiptType(known.receipt_type), late=True)
                signed += 1
            except (TseError, TimeoutError) as error:
                self._failed(subject_id, error)
            except LedgerWriteError as error:
                log.error("Storno %s: storno_tse_finished not written: %s", subject_id, error)
            finally:
                self._busy.discard(subject_id)
        if signed:
            log.info("%d Storno receipt(s) signed after a TSE outage", signed)
        return signed

    @property
    def _busy(self) -> set[str]:
        # The fiscal signing's subjects in work (sale ids, Storno subjects: UUIDs, never equal):
        # shared, so a Storno being signed is not retried by a reconciliation at the same time.
        return self.fiscal._busy

    async def _sign(
        self, booked: LedgerEvent, tx_id: str, receipt_type: ReceiptType, *, late: bool
    ) -> TseFinished:
        """Start and finish (``late``: read back first) within the deadline; the answer recorded."""
        receipt = storno_kassenbeleg(booked, receipt_type)
        finished = await asyncio.wait_for(
            self._start_and_finish(tx_id, receipt, retry=late), self.fiscal.finish_deadline
        )
        facts: dict[str, Any] = {"tse_result": finished.to_json()}
        if late:
            facts["tse_signed_late_at"] = self.fiscal.now().isoformat()
        self.ledger.append_day_event(booked.subject_id, DayEventKind.STORNO_TSE_FINISHED, facts)
        self.fiscal.set_state("ok")  # after the answer is written: "ok" may start a reconciliation
        return finished

    async def _start_and_finish(self, tx_id: str, receipt: KassenbelegV1, *, retry: bool) -> TseFinished:
        signer = await self.fiscal.wait_for_signer()
        if retry:
            # Planned before: the TSE may have started or even finished it already.
            try:
                found = await signer.read(tx_id)
            except TseRefusedError as error:
                if error.status != 404:
                    raise
                found = None  # the TSE never saw it (the start failed or was never sent)
            if found is not None and found.finished is not None:
                return found.finished  # finished before; only its answer was lost
            if found is None:
                await signer.start(tx_id)
        else:
            await signer.start(tx_id)
        return await signer.finish(tx_id, receipt)

    def _failed(self, subject_id: str, error: BaseException) -> TseOutage:
        text = str(error) or type(error).__name__
        log.warning("Storno %s: TSE signing failed: %s", subject_id, text)
        self.fiscal.set_state("down")
        failed_at = self.fiscal.now()
        try:
            self.ledger.append_day_event(
                subject_id,
                DayEventKind.STORNO_TSE_FAILED,
                {"tse_step": "finish", "tse_error": text, "tse_failed_at": failed_at.isoformat()},
            )
        except LedgerWriteError as write_error:
            log.error("Storno %s: storno_tse_failed not written: %s", subject_id, write_error)
        return TseOutage(failed_at.strftime(OUTAGE_TIME_FORMAT))

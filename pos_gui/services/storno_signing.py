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
from pos_gui.fiscal.signer import TseError, TseFinished, new_tx_id
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
        elif event.kind == DayEventKind.STORNO_TSE_FINISHED:
            facts.update(finished=TseFinished.from_json(event.payload["tse_result"]), failed_at=None)
        elif event.kind == DayEventKind.STORNO_TSE_FAILED and "finished" not in facts:
            facts["failed_at"] = event.payload["tse_failed_at"]
    return StornoTse(**facts)


class StornoSigning:
    """Signs booked Storno receipts with the till's TSE (see the module docstring).

    Args:
        fiscal: the till's sale signing: its signer, training flag, deadlines and TSE state.
    """

    def __init__(self, fiscal: FiscalSigning) -> None:
        self.fiscal = fiscal
        self.ledger = fiscal.ledger

    def tse_of(self, subject_id: str) -> StornoTse:
        kinds = [kind.value for kind in STORNO_TSE_KINDS]
        return storno_tse_of(self.ledger.all_events(kinds=kinds), subject_id)

    async def sign_storno(self, booked: LedgerEvent) -> TseBlock | TseOutage | None:
        """Sign the booked Storno once; its receipt's TSE block (or the outage note)."""
        known = self.tse_of(booked.subject_id)
        if known.finished is not None:
            return known.receipt_block()  # signed before (a read-back books the Storno again)
        receipt_type = ReceiptType.AV_TRAINING if self.fiscal.training else ReceiptType.BELEG
        tx_id = known.tx_id
        if tx_id is None:
            tx_id = new_tx_id()
            try:
                self.ledger.append_day_event(
                    booked.subject_id,
                    DayEventKind.STORNO_TSE_PLANNED,
                    {"tse_tx_id": tx_id, "receipt_type": receipt_type.value},
                )
            except LedgerWriteError as error:
                log.error("Storno %s: TSE transaction not planned: %s", booked.subject_id, error)
                return None
        else:
            receipt_type = ReceiptType(known.receipt_type)
        try:
            finished = await asyncio.wait_for(
                self._start_and_finish(
                    tx_id, storno_kassenbeleg(booked, receipt_type), retry=known.tx_id is not None
                ),
                self.fiscal.finish_deadline,
            )
        except (TseError, TimeoutError) as error:
            return self._failed(booked.subject_id, error)
        self.fiscal.set_state("ok")
        self.ledger.append_day_event(
            booked.subject_id, DayEventKind.STORNO_TSE_FINISHED, {"tse_result": finished.to_json()}
        )
        return tse_block_from(finished)

    async def _start_and_finish(self, tx_id: str, receipt: KassenbelegV1, *, retry: bool) -> TseFinished:
        signer = await self.fiscal.wait_for_signer()
        if retry:
            # Planned before: the TSE may have started or even finished it already.
            found = None
            try:
                found = await signer.read(tx_id)
            except TseError:
                found = None
            if found is not None and found.finished is not None:
                return found.finished
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

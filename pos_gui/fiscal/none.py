"""The "no TSE" signer: FOR DEMO MODE ONLY.

It signs nothing. It numbers transactions and counts "signatures" so that the sale flow, the
receipt's TSE block and the journal can be shown and tested without a TSE, and it marks every
result so that no one can take it for a real one (``TSE-Seriennummer: KEINE TSE (Demo)``, an empty
signature, algorithm ``none``). A till in live mode must never use it: ``is_certified`` is
``False`` and the composition root refuses it outside demo mode.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from pos_gui.fiscal.process_data import PROCESS_TYPE_KASSENBELEG, KassenbelegV1, ReceiptType, process_data
from pos_gui.fiscal.qr import qr_code_payload
from pos_gui.fiscal.signer import (
    TseFinished,
    TseRecord,
    TseRefusedError,
    TseSignature,
    TseStarted,
    TxState,
)

NO_TSE_SERIAL = "KEINE TSE (Demo)"
NO_TSE_ALGORITHM = "none"
TIMESTAMP_FORMAT = "unixTime"


def _now_utc() -> datetime:
    return datetime.now(UTC)


@dataclass
class _Transaction:
    number: int
    time_start: datetime
    revision: int
    finished: TseFinished | None = None


class NoTseSigner:
    """A signer without a TSE, for demo mode only (see the module docstring).

    Args:
        client_serial_number: the till's serial, shown as ``ClientID / KassenID``.
        now: the clock (UTC), replaceable in tests.
    """

    is_certified = False

    def __init__(self, client_serial_number: str, *, now: Callable[[], datetime] = _now_utc) -> None:
        self.client_serial_number = client_serial_number
        self._now = now
        self._transactions: dict[str, _Transaction] = {}
        self._last_number = 0
        self._last_counter = 0

    def _count(self) -> int:
        self._last_counter += 1
        return self._last_counter

    def _open(self, tx_id: str) -> _Transaction:
        transaction = self._transactions.get(tx_id)
        if transaction is None:
            raise TseRefusedError(404, "E_TX_NOT_FOUND", f"no transaction {tx_id}")
        if transaction.finished is not None:
            raise TseRefusedError(409, "E_TX_ALREADY_FINISHED", f"transaction {tx_id} is closed")
        return transaction

    async def start(self, tx_id: str) -> TseStarted:
        transaction = self._transactions.get(tx_id)
        if transaction is None:
            # Only a new tx gets a number; a repeated start answers as the first did.
            self._last_number += 1
            transaction = _Transaction(self._last_number, self._now(), revision=1)
            self._transactions[tx_id] = transaction
            self._count()
        return TseStarted(
            tx_id, transaction.number, transaction.time_start, self._last_counter, transaction.revision
        )

    async def update(self, tx_id: str, receipt: KassenbelegV1) -> TseStarted:
        transaction = self._open(tx_id)
        transaction.revision += 1
        return TseStarted(
            tx_id, transaction.number, transaction.time_start, self._count(), transaction.revision
        )

    async def finish(self, tx_id: str, receipt: KassenbelegV1) -> TseFinished:
        return self._close(tx_id, receipt, TxState.FINISHED)

    async def cancel(self, tx_id: str, receipt: KassenbelegV1 | None = None) -> TseFinished:
        receipt = receipt or KassenbelegV1.abort()
        if receipt.receipt_type is not ReceiptType.AV_BELEGABBRUCH or receipt.payments():
            raise ValueError("a cancelled transaction is an AVBelegabbruch without payments")
        return self._close(tx_id, receipt, TxState.CANCELLED)

    def _close(self, tx_id: str, receipt: KassenbelegV1, state: TxState) -> TseFinished:
        earlier = self._transactions.get(tx_id)
        if (
            earlier
            and earlier.finished
            and (earlier.finished.state, earlier.finished.process_data)
            == (
                state,
                process_data(receipt),
            )
        ):
            return earlier.finished  # the same close again: answer as the first time
        transaction = self._open(tx_id)
        transaction.revision += 1
        counter = self._count()
        time_end = self._now()
        data = process_data(receipt)
        signature = TseSignature(value="", counter=counter, algorithm=NO_TSE_ALGORITHM, public_key="")
        finished = TseFinished(
            tx_id=tx_id,
            state=state,
            number=transaction.number,
            time_start=transaction.time_start,
            time_end=time_end,
            signature=signature,
            timestamp_format=TIMESTAMP_FORMAT,
            tss_serial_number=NO_TSE_SERIAL,
            client_serial_number=self.client_serial_number,
            process_type=PROCESS_TYPE_KASSENBELEG,
            process_data=data,
            qr_code_data=qr_code_payload(
                client_serial_number=self.client_serial_number,
                process_type=PROCESS_TYPE_KASSENBELEG,
                process_data=data,
                number=transaction.number,
                signature_counter=counter,
                time_start=transaction.time_start,
                time_end=time_end,
                algorithm=NO_TSE_ALGORITHM,
                timestamp_format=TIMESTAMP_FORMAT,
                signature="",
                public_key="",
            ),
        )
        transaction.finished = finished
        return finished

    async def read(self, tx_id: str) -> TseRecord:
        transaction = self._transactions.get(tx_id)
        if transaction is None:
            raise TseRefusedError(404, "E_TX_NOT_FOUND", f"no transaction {tx_id}")
        state = transaction.finished.state if transaction.finished else TxState.ACTIVE
        return TseRecord(
            tx_id,
            state,
            transaction.number,
            transaction.revision,
            transaction.time_start,
            transaction.finished,
        )

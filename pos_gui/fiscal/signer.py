"""The TSE signer as the sale flow sees it: start, (update), finish or cancel, read; typed results and errors.

KassenSichV §2: every sale starts a TSE transaction at its first basket line and finishes it at
payment; a basket abandoned after that is finished as ``AVBelegabbruch`` (:meth:`TseSigner.cancel`),
never left open. The TSE, not the till, fixes the times, the transaction number, the signature
counter and the signature; the till keeps the tx id it chose (a UUID) in its journal, so after a
crash :meth:`TseSigner.read` finds the transaction again.

Two errors, two meanings for the caller:

- :class:`TseUnavailableError`: no usable answer (time-out, connection lost, 5xx). The outcome is
  unknown: the same call may be repeated as it was (it is idempotent), or the sale goes on as a
  TSE outage, recorded as such.
- :class:`TseRefusedError`: the TSE said no (4xx); repeating the same call will not help.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol

from pos_gui.fiscal.process_data import KassenbelegV1


class TseError(Exception):
    """Base of the signer's errors."""


class TseUnavailableError(TseError):
    """The TSE did not answer usably (time-out, connection error, 5xx): the outcome is unknown."""


class TseRefusedError(TseError):
    """The TSE refused the request (a 4xx answer); ``code`` and ``message`` are the server's.

    Attributes:
        status: the HTTP status.
        code: the server's error code, e.g. ``E_TX_REVISION_CONFLICT`` ("" if none).
        message: the server's message, for the log and the back office.
    """

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"TSE refused ({status} {code}): {message}")
        self.status = status
        self.code = code
        self.message = message


class TxState(StrEnum):
    """A TSE transaction's state (fiskaly's names)."""

    ACTIVE = "ACTIVE"
    FINISHED = "FINISHED"
    CANCELLED = "CANCELLED"


def new_tx_id() -> str:
    """A fresh client-chosen transaction id; store it before the first call, so a retry reuses it."""
    import uuid  # here: it loads `platform`, and the receipt reads this module on the way to the window

    return str(uuid.uuid4())


@dataclass(frozen=True)
class TseStarted:
    """The answer to a start (or update): the transaction is open.

    Attributes:
        tx_id: the id the till chose.
        number: the TSE's transaction number (printed on the receipt).
        time_start: when the TSE started it (UTC).
        signature_counter: the counter of the start's log message.
        revision: the transaction's latest revision at the TSE.
    """

    tx_id: str
    number: int
    time_start: datetime
    signature_counter: int
    revision: int


@dataclass(frozen=True)
class TseSignature:
    """A TSE check value: base64 ``value``, ``counter``, ``algorithm`` and base64 ``public_key``."""

    value: str
    counter: int
    algorithm: str
    public_key: str


@dataclass(frozen=True)
class TseFinished:
    """A finished (or cancelled) transaction: everything the receipt's TSE block and QR code show.

    Attributes:
        tx_id: the id the till chose.
        state: ``FINISHED`` or ``CANCELLED``.
        number: the TSE transaction number (``TSE-Transaktion``).
        time_start: ``TSE-Start`` (UTC).
        time_end: ``TSE-Stop`` (UTC).
        signature: ``TSE-Signatur``, ``TSE-Signaturzähler``, ``TSE-Hashalgorithmus``, ``TSE-PublicKey``.
        timestamp_format: ``TSE-Zeitformat``, e.g. ``unixTime``.
        tss_serial_number: ``TSE-Seriennummer``.
        client_serial_number: the till's serial (``ClientID / KassenID``).
        process_type: e.g. ``Kassenbeleg-V1``.
        process_data: the signed processData (plain text).
        qr_code_data: the DSFinV-K Anhang I ``V0;…`` payload.
    """

    tx_id: str
    state: TxState
    number: int
    time_start: datetime
    time_end: datetime
    signature: TseSignature
    timestamp_format: str
    tss_serial_number: str
    client_serial_number: str
    process_type: str
    process_data: str
    qr_code_data: str

    def to_json(self) -> dict[str, Any]:
        """Plain JSON values (times as ISO 8601 with their UTC offset), for the ledger."""
        data = asdict(self)
        data["state"] = self.state.value
        data["time_start"] = self.time_start.isoformat()
        data["time_end"] = self.time_end.isoformat()
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> TseFinished:
        """The inverse of :meth:`to_json`."""
        signature = data["signature"]
        return cls(
            tx_id=str(data["tx_id"]),
            state=TxState(data["state"]),
            number=int(data["number"]),
            time_start=datetime.fromisoformat(data["time_start"]),
            time_end=datetime.fromisoformat(data["time_end"]),
            signature=TseSignature(
                value=str(signature["value"]),
                counter=int(signature["counter"]),
                algorithm=str(signature["algorithm"]),
                public_key=str(signature["public_key"]),
            ),
            timestamp_format=str(data["timestamp_format"]),
            tss_serial_number=str(data["tss_serial_number"]),
            client_serial_number=str(data["client_serial_number"]),
            process_type=str(data["process_type"]),
            process_data=str(data["process_data"]),
            qr_code_data=str(data["qr_code_data"]),
        )


@dataclass(frozen=True)
class TseRecord:
    """What :meth:`TseSigner.read` found: the transaction's state, and its result once it is closed.

    Attributes:
        tx_id: the id the till chose.
        state: ``ACTIVE``, ``FINISHED`` or ``CANCELLED``.
        number: the TSE transaction number.
        revision: the latest revision at the TSE.
        time_start: when the TSE started it (UTC).
        finished: the full result when ``state`` is not ``ACTIVE``, else ``None``.
    """

    tx_id: str
    state: TxState
    number: int
    revision: int
    time_start: datetime
    finished: TseFinished | None


class TseSigner(Protocol):
    """A TSE as the sale flow uses it. Every call may raise :class:`TseUnavailableError` or
    :class:`TseRefusedError`; after ``TseUnavailableError`` the same call may be repeated as is.

    Attributes:
        is_certified: ``True`` for a real TSE; ``False`` for the demo-only "no TSE" signer, which
            live mode must refuse.
    """

    is_certified: bool

    async def start(self, tx_id: str) -> TseStarted:
        """Open transaction ``tx_id`` (at the first basket line)."""
        ...

    async def update(self, tx_id: str, receipt: KassenbelegV1) -> TseStarted:
        """Record the basket so far in the open transaction (optional; for long-running events)."""
        ...

    async def finish(self, tx_id: str, receipt: KassenbelegV1) -> TseFinished:
        """Close the transaction with the paid receipt (``Beleg``, or ``AVTraining`` in training)."""
        ...

    async def cancel(self, tx_id: str, receipt: KassenbelegV1 | None = None) -> TseFinished:
        """Close an abandoned basket's transaction as ``AVBelegabbruch`` (no payment on it)."""
        ...

    async def read(self, tx_id: str) -> TseRecord:
        """The transaction as the TSE has it (crash recovery)."""
        ...

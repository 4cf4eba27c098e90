"""The replicator: sends a till's ledger events to the central database, in the background.

One pass (:meth:`Replicator.sync_once`) asks the centre how far it has this till (the highest
number without a gap below it), reads the events after that from the ledger and sends them in
batches, each in one transaction. The centre's answer, not a local cursor, is the truth: a till
that was offline, killed, or restored catches up from wherever the centre is, and a resend is a
no-op. A number missing at the centre is sent again (the ledger still has it); nothing is ever
acknowledged past a gap.

:meth:`Replicator.start` runs passes on a daemon thread (never on the event loop), with
exponential back-off after a failure; :attr:`Replicator.state` tells the till's status bar and the
back office how far behind the centre is ("Zentrale: synchron / 12 Ereignisse ausstehend").
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Final

from pos_gui.replication.central_events import (
    CentralConflict,
    central_position,
    check_same_history,
    report_ledger_position,
    send_batch,
)
from pos_gui.replication.central_schema import CentralSchemaError, check_schema
from pos_gui.replication.outbox import LedgerGapError, LedgerOutbox

if TYPE_CHECKING:
    import psycopg

logger = logging.getLogger("pos_gui.replication")

BATCH_SIZE: Final = 500
# How often a till that is in sync looks for new events (a wake() call sends at once).
POLL_INTERVAL_S: Final = 2.0


@dataclass(frozen=True)
class ReplicationState:
    """What the till shows about its replication.

    Attributes:
        ledger_seq: the highest event number in the till's ledger.
        central_seq: the highest number the centre has without a gap (as of the last contact).
        last_success_at: when a pass last completed (the centre had everything then), or ``None``.
        last_error: why the last pass failed, ``None`` after a successful one.
        central_gap: the centre was missing an event of this till at the last contact (resent).
        unreachable_since: when the first of the failures in a row happened (``None`` after a success).
    """

    ledger_seq: int = 0
    central_seq: int = 0
    last_success_at: datetime | None = None
    last_error: str | None = None
    central_gap: bool = False
    unreachable_since: datetime | None = None

    @property
    def pending(self) -> int:
        """Events in the ledger the centre does not have yet."""
        return max(self.ledger_seq - self.central_seq, 0)

    @property
    def in_sync(self) -> bool:
        return self.pending == 0 and self.last_error is None

    def summary(self) -> str:
        """One line for the status bar and the back office, in German like the till."""
        if self.in_sync:
            return "Zentrale: synchron"
        pending = "1 Ereignis ausstehend" if self.pending == 1 else f"{self.pending} Ereignisse ausstehend"
        if self.unreachable_since is not None:
            return f"Zentrale nicht erreichbar seit {self.unreachable_since:%H:%M}, {pending}"
        return f"Zentrale: {pending}"


class Backoff:
    """Waiting times after failures: doubling from ``initial`` up to ``maximum``, with jitter so
    that the tills of a chain do not all reconnect in the same second after an outage."""

    def __init__(self, initial: float = 1.0, maximum: float = 60.0, *, jitter: float = 0.2) -> None:
        self.initial = initial
        self.maximum = maximum
        self.jitter = jitter
        self._next = initial

    def next_delay(self) -> float:
        delay = self._next
        self._next = min(self._next * 2, self.maximum)
        return delay * (1 + random.uniform(-self.jitter, self.jitter))

    def reset(self) -> None:
        self._next = self.initial


class Replicator:
    """Replicates one till's ledger to the central database.

    Args:
        outbox: the till's ledger, read only.
        till_id: the till's id in the chain, unique (the till's device id).
        connect: opens a new connection to the central database
            (:func:`pos_gui.replication.central_connection.connector`).
        store_id: the store the till belongs to (for the per-store views).
        batch_size: events per transaction.
        backoff: the waiting times after failures.
        poll_interval: seconds between passes while in sync.
        clock: the current time, for ``last_success_at``.
        after_pass: called with the open connection after each successful pass, on the
            replicator's thread (the catalogue download); its failure fails the pass.
    """

    def __init__(
        self,
        outbox: LedgerOutbox,
        till_id: str,
        connect: Callable[[], psycopg.Connection],
        *,
        store_id: str = "",
        batch_size: int = BATCH_SIZE,
        backoff: Backoff | None = None,
        poll_interval: float = POLL_INTERVAL_S,
        clock: Callable[[], datetime] = lambda: datetime.now().astimezone(),
        after_pass: Callable[[psycopg.Connection], None] | None = None,
    ) -> None:
        if not till_id:
            raise ValueError("a till id is needed: it keys the till's events at the centre")
        self.outbox = outbox
        self.till_id = till_id
        self.store_id = store_id
        self._connect = connect
        self._batch_size = batch_size
        self._backoff = backoff if backoff is not None else Backoff()
        self._poll_interval = poll_interval
        self._clock = clock
        self._after_pass = after_pass
        self._connection: psycopg.Connection | None = None
        self._state = ReplicationState()
        self._state_lock = threading.Lock()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def state(self) -> ReplicationState:
        with self._state_lock:
            return self._state

    def _update(self, **changes: object) -> None:
        with self._state_lock:
            self._state = replace(self._state, **changes)  # type: ignore[arg-type]

    # -- one pass --------------------------------------------------------------------------------

    def sync_once(self) -> int:
        """Send every event the centre does not have yet; returns how many were new there.

        Raises what went wrong (``psycopg.Error``, ``OSError``, :class:`CentralConflict`,
        :class:`CentralSchemaError`, :class:`LedgerGapError`) after recording it in the state;
        the connection is dropped then, the next pass opens a new one.
        """
        try:
            sent = self._sync()
            if self._after_pass is not None and self._connection is not None:
                self._after_pass(self._connection)
        except Exception as error:
            self._drop_connection()
            since = self.state.unreachable_since or self._clock()
            self._update(last_error=f"{type(error).__name__}: {error}".strip(), unreachable_since=since)
            raise
        self._update(last_error=None, last_success_at=self._clock(), unreachable_since=None)
        return sent

    def _sync(self) -> int:
        # The ledger first: while the centre is unreachable the lag still grows on screen.
        ledger_seq = self.outbox.last_seq()
        self._update(ledger_seq=ledger_seq)
        connection = self._open()
        position = central_position(connection, self.till_id)
        self._update(ledger_seq=ledger_seq, central_seq=position.received_seq, central_gap=position.has_gap)
        if position.has_gap:
            logger.warning(
                "The central database misses events of till %s after %d (it has up to %d); sending them again",
                self.till_id,
                position.received_seq,
                position.highest_seq,
            )
        if position.highest_seq > ledger_seq:
            raise CentralConflict(
                f"the central database has events of till {self.till_id!r} up to {position.highest_seq}, "
                f"its ledger only up to {ledger_seq}: is the till id used twice, or the ledger an old copy?"
            )
        if position.received_seq > 0:
            last_common = self.outbox.events_after(position.received_seq - 1, 1)
            check_same_history(connection, self.till_id, last_common[0])
        sent = 0
        received = position.received_seq
        while received < ledger_seq and not self._stopping.is_set():
            batch = self.outbox.events_after(received, self._batch_size)
            if not batch:
                break
            sent += send_batch(connection, self.till_id, self.store_id, batch, ledger_seq)
            received = batch[-1].seq
            self._update(central_seq=received)
            if received >= ledger_seq:
                # Events the till wrote while this pass ran go in the same pass.
                ledger_seq = self.outbox.last_seq()
                self._update(ledger_seq=ledger_seq)
        if sent == 0:
            report_ledger_position(connection, self.till_id, self.store_id, ledger_seq)
        position = central_position(connection, self.till_id)
        self._update(central_seq=position.received_seq, central_gap=position.has_gap)
        return sent

    def _open(self) -> psycopg.Connection:
        if self._connection is None or self._connection.closed:
            connection = self._connect()
            connection.autocommit = True  # every batch opens its own transaction
            try:
                check_schema(connection)
            except BaseException:
                connection.close()
                raise
            self._connection = connection
        return self._connection

    def _drop_connection(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            try:
                connection.close()
            except Exception as error:  # a broken socket may fail to close; it is gone either way
                logger.debug("Closing the broken central connection failed: %s", error)

    # -- in the background -----------------------------------------------------------------------

    def start(self) -> None:
        """Run passes on a daemon thread until :meth:`stop`."""
        if self._thread is not None:
            raise RuntimeError("the replicator runs already")
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name=f"replication-{self.till_id}", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """Send now (the till calls it after a sale) instead of at the next poll."""
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop after the current batch and close the connection."""
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        self._drop_connection()

    def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                self.sync_once()
                self._backoff.reset()
                delay = self._poll_interval
            except (CentralConflict, CentralSchemaError, LedgerGapError) as error:
                # Needs a person (store IT); retried slowly so that a fix is picked up.
                logger.error("Replication of till %s stopped: %s", self.till_id, error)
                delay = self._backoff.maximum
            except Exception as error:
                delay = self._backoff.next_delay()
                logger.info(
                    "Replication of till %s failed (%s); next try in %.1f s", self.till_id, error, delay
                )
            self._wake.wait(delay)
            self._wake.clear()

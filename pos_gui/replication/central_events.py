"""Writing one till's events into the central database, and asking how far it has them.

Each batch is one transaction: ``INSERT ... ON CONFLICT (till_id, seq) DO NOTHING`` (a batch sent
again after a lost answer changes nothing) and the till's row in ``tills``. An event the centre
already holds is compared with the one sent; a different event under the same number (two tills
configured with one id, a ledger restored from an old copy) is a :class:`CentralConflict` and
nothing of the batch is kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pos_gui.replication.outbox import OutboxEvent

if TYPE_CHECKING:
    import psycopg


class CentralConflict(Exception):
    """The central database holds events of this till that its ledger does not have."""


@dataclass(frozen=True)
class CentralPosition:
    """How far the central database has one till's events.

    Attributes:
        received_seq: the highest number below which none is missing (0: none yet).
        highest_seq: the highest number stored; above ``received_seq`` only when a number is missing.
    """

    received_seq: int
    highest_seq: int

    @property
    def has_gap(self) -> bool:
        return self.highest_seq != self.received_seq


def central_position(connection: psycopg.Connection, till_id: str) -> CentralPosition:
    """Ask the central database how far it has ``till_id``'s events (read from ``events`` itself)."""
    row = connection.execute(
        "SELECT COALESCE(max(seq), 0), count(*) FROM events WHERE till_id = %s", (till_id,)
    ).fetchone()
    assert row is not None
    highest, count = int(row[0]), int(row[1])
    if highest == count:
        return CentralPosition(highest, highest)
    # A number is missing: the first row whose number is not its rank follows the gap.
    gap = connection.execute(
        "SELECT COALESCE(min(rank) - 1, 0) FROM ("
        " SELECT seq, row_number() OVER (ORDER BY seq) AS rank FROM events WHERE till_id = %s"
        ") numbered WHERE seq <> rank",
        (till_id,),
    ).fetchone()
    assert gap is not None
    return CentralPosition(int(gap[0]), highest)


def send_batch(
    connection: psycopg.Connection,
    till_id: str,
    store_id: str,
    events: Sequence[OutboxEvent],
    ledger_seq: int,
) -> int:
    """Store ``events`` (contiguous, in order) in one transaction; returns how many were new.

    Raises :class:`CentralConflict` (and keeps nothing) when a number is already taken by a
    different event.
    """
    if not events:
        return 0
    with connection.transaction():
        connection.execute(
            "INSERT INTO tills (till_id, store_id) VALUES (%s, %s) ON CONFLICT (till_id) DO NOTHING",
            (till_id, store_id),
        )
        inserted = connection.execute(
            "INSERT INTO events (till_id, seq, sale_id, kind, payload, recorded_at) "
            "SELECT %s, seq, sale_id, kind, payload::jsonb, recorded_at "
            "FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[], %s::text[]) "
            "AS batch (seq, sale_id, kind, payload, recorded_at) "
            "ON CONFLICT (till_id, seq) DO NOTHING RETURNING seq",
            (
                till_id,
                [e.seq for e in events],
                [e.sale_id for e in events],
                [e.kind for e in events],
                [e.payload for e in events],
                [e.recorded_at for e in events],
            ),
        ).fetchall()
        new = {int(row[0]) for row in inserted}
        already_there = [e for e in events if e.seq not in new]
        if already_there:
            _check_same_events(connection, till_id, already_there)
        received = central_position(connection, till_id).received_seq
        connection.execute(
            "UPDATE tills SET received_seq = %s, ledger_seq = greatest(ledger_seq, %s), "
            "store_id = %s, last_contact_at = now() WHERE till_id = %s",
            (received, ledger_seq, store_id, till_id),
        )
    return len(new)


def _check_same_events(connection: psycopg.Connection, till_id: str, events: Sequence[OutboxEvent]) -> None:
    stored = {
        int(row[0]): (str(row[1]), str(row[2]), str(row[3]))
        for row in connection.execute(
            "SELECT seq, sale_id, kind, recorded_at FROM events WHERE till_id = %s AND seq = ANY(%s)",
            (till_id, [e.seq for e in events]),
        )
    }
    for event in events:
        if stored.get(event.seq) != (event.sale_id, event.kind, event.recorded_at):
            raise CentralConflict(
                f"the central database holds another event {event.seq} for till {till_id!r} "
                f"({stored.get(event.seq)} instead of {(event.sale_id, event.kind, event.recorded_at)}): "
                "is the till id used twice, or was the ledger restored from an old copy?"
            )


def check_same_history(connection: psycopg.Connection, till_id: str, event: OutboxEvent) -> None:
    """Raise :class:`CentralConflict` unless the centre holds ``event`` (the ledger's event at the
    number the centre says it has up to) as it is: the histories agree up to there.

    Sending only what comes after the centre's number would otherwise splice a second ledger
    (another till under the same id, an old copy of this one) onto the first one.
    """
    _check_same_events(connection, till_id, [event])


def report_ledger_position(
    connection: psycopg.Connection, till_id: str, store_id: str, ledger_seq: int
) -> None:
    """Tell the centre how far the till's ledger is, also when there is nothing new to send."""
    with connection.transaction():
        connection.execute(
            "INSERT INTO tills (till_id, store_id, ledger_seq) VALUES (%s, %s, %s) "
            "ON CONFLICT (till_id) DO UPDATE SET ledger_seq = greatest(tills.ledger_seq, excluded.ledger_seq), "
            "last_contact_at = now()",
            (till_id, store_id, ledger_seq),
        )

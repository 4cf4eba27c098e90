"""``pos-gui central export``: a till's DSFinV-K export from the chain's central database.

The head office (or the tax adviser) gets a till's export without going to the store PC. The
centre holds a verbatim copy of each till's ledger events (``events``, keyed by till id and
number); this module copies one till's events, in number order, into a fresh SQLite ledger file
made with the ledger's own schema code, and runs the till's own export (``pos-gui export
dsfinvk``) on that file. The same events give the same ZIP as at the till, receipt by receipt.

Refused (exit 1, nothing written) while the centre's copy is not complete enough:

* a number is missing at the centre (replication behind, or a restored server): the export would
  skip receipts;
* the centre has fewer events than the till last reported and no Z closing after the range: the
  range's last Z may not have arrived yet.

Not at the centre: the TSE's own TAR export (it is fetched from the live TSE, which only the till
reaches), so the centre's ZIP lacks the TAR that the till's own export has; the command says so.

This package does not import the services (import-linter: replication sits beside them), so the
export itself comes in as a callable: the root passes the till's ``pos-gui export`` command.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Final, TextIO

from pos_gui.persistence.ledger_schema import upgrade_schema
from pos_gui.replication.central_events import central_position

if TYPE_CHECKING:
    import psycopg

# The till's export command (``pos_gui.app.export_command.export_command``): its arguments
# without the program name, its exit code (0 accepted, 1 checker findings, 2 nothing to export).
ExportCommand = Callable[[Sequence[str]], int]

LEDGER_COPY_NAME: Final = "journal-zentrale.sqlite3"
_COPY_BATCH: Final = 1000  # events inserted per executemany (a long ledger streams through)

TSE_TAR_NOTE: Final = (
    "TSE-Export (TAR): in der Zentrale nicht verfügbar (nur die Kasse erreicht ihre TSE); "
    "der Export enthält die CSV-Dateien, den TAR liefert der Export an der Kasse."
)


class CentralCopyIncomplete(Exception):
    """The centre's copy of a till's ledger does not (yet) hold every event the export needs."""


@dataclass(frozen=True)
class CentralTill:
    """How far the centre has one till: its numbers gapless up to ``received_seq``."""

    till_id: str
    received_seq: int
    highest_seq: int
    ledger_seq: int  # the till's own last number, as it said last


def central_till(connection: psycopg.Connection, till_id: str) -> CentralTill | None:
    """The centre's view of ``till_id``; ``None`` when the centre never heard of it."""
    row = connection.execute("SELECT ledger_seq FROM tills WHERE till_id = %s", (till_id,)).fetchone()
    if row is None:
        return None
    position = central_position(connection, till_id)
    return CentralTill(till_id, position.received_seq, position.highest_seq, int(row[0]))


def tills_of_store(connection: psycopg.Connection, store_id: str) -> list[str]:
    rows = connection.execute(
        "SELECT till_id FROM tills WHERE store_id = %s ORDER BY till_id", (store_id,)
    ).fetchall()
    return [str(row[0]) for row in rows]


def check_complete(connection: psycopg.Connection, till: CentralTill, last: date | None) -> None:
    """Raise :class:`CentralCopyIncomplete` unless the centre holds every event up to the range's
    last Z closing (``last``: the range's last business day; ``None``: every closing)."""
    behind = (
        f"Zentrale hat von {till.till_id} erst Ereignis {till.received_seq} "
        f"von {max(till.ledger_seq, till.highest_seq)}"
    )
    if till.highest_seq != till.received_seq:
        raise CentralCopyIncomplete(
            f"{behind} (Lücke nach {till.received_seq}, höchstes {till.highest_seq}); "
            "Export nach dem Abgleich wiederholen."
        )
    if till.received_seq >= till.ledger_seq:
        return
    # Behind the till: still fine when a Z closing after the range has arrived (the range's
    # closings all come before it, and nothing before it is missing).
    if last is not None:
        later_z = connection.execute(
            "SELECT 1 FROM events WHERE till_id = %s AND kind = 'z_closing' "
            "AND (payload ->> 'business_day')::date > %s LIMIT 1",
            (till.till_id, last),
        ).fetchone()
        if later_z is not None:
            return
    raise CentralCopyIncomplete(
        f"{behind}; der letzte Z-Abschluss des Zeitraums ist vielleicht noch nicht da. "
        "Export nach dem Abgleich wiederholen."
    )


def copy_ledger(connection: psycopg.Connection, till_id: str, up_to_seq: int, path: Path) -> int:
    """Write the till's central events 1 … ``up_to_seq`` into a new ledger file at ``path``
    (the ledger's own schema); returns how many. Payloads keep their JSON (as text)."""
    db = sqlite3.connect(path, isolation_level=None)
    try:
        upgrade_schema(db, path, 0, _no_v1_migration)
        copied = 0
        batch: list[tuple[int, str, str, str, str]] = []
        db.execute("BEGIN")
        # stream(): one row at a time from the server, so a ledger of years never sits in memory.
        for row in connection.cursor().stream(
            "SELECT seq, sale_id, kind, payload::text, recorded_at FROM events "
            "WHERE till_id = %s AND seq <= %s ORDER BY seq",
            (till_id, up_to_seq),
        ):
            batch.append((int(row[0]), str(row[1]), str(row[2]), str(row[3]), str(row[4])))
            if len(batch) >= _COPY_BATCH:
                copied += _insert(db, batch)
        copied += _insert(db, batch)
        db.execute("COMMIT")
    finally:
        db.close()
    return copied


def _insert(db: sqlite3.Connection, batch: list[tuple[int, str, str, str, str]]) -> int:
    db.executemany(
        "INSERT INTO events (seq, subject_id, kind, payload, recorded_at) VALUES (?, ?, ?, ?, ?)", batch
    )
    count = len(batch)
    batch.clear()
    return count


def _no_v1_migration(*_args: object, **_kwargs: object) -> None:
    raise AssertionError("a new ledger file has no version-1 data to migrate")


def business_days(ledger: Path) -> tuple[date, date] | None:
    """The first and last business day of the Z closings in a ledger file (``None``: no Z)."""
    db = sqlite3.connect(f"file:{ledger.resolve()}?mode=ro", uri=True)
    try:
        row = db.execute(
            "SELECT min(json_extract(payload, '$.business_day')), max(json_extract(payload, '$.business_day')) "
            "FROM events WHERE kind = 'z_closing'"
        ).fetchone()
    finally:
        db.close()
    if row is None or row[0] is None:
        return None
    return date.fromisoformat(row[0]), date.fromisoformat(row[1])


def export_till(
    connection: psycopg.Connection,
    till_id: str,
    folder: Path,
    *,
    first: date | None,
    last: date | None,
    master_data: Path | None,
    export: ExportCommand,
    out: TextIO,
) -> int:
    """Export one till's closings from the centre into ``folder``; the export's exit code, or 1
    when the centre's copy is incomplete (then nothing is written)."""
    till = central_till(connection, till_id)
    if till is None:
        print(f"Zentrale kennt die Kasse {till_id} nicht.", file=out)
        return 1
    try:
        check_complete(connection, till, last)
    except CentralCopyIncomplete as error:
        print(str(error), file=out)
        return 1
    with tempfile.TemporaryDirectory(prefix="pos-gui-central-export-") as scratch:
        ledger = Path(scratch) / LEDGER_COPY_NAME
        copied = copy_ledger(connection, till_id, till.received_seq, ledger)
        days = business_days(ledger)
        if days is None:
            print(f"Keine Z-Abschlüsse von {till_id} in der Zentrale ({copied} Ereignisse).", file=out)
            return 2
        start, end = first or days[0], last or days[1]
        zip_path = folder / f"dsfinvk-{till_id}-{start.isoformat()}-{end.isoformat()}.zip"
        print(f"Kasse {till_id}: {copied} Ereignisse aus der Zentrale, Export nach {zip_path}", file=out)
        # Without a folder of master data, an empty one: the export then says '-' for the shop.
        settings = master_data if master_data is not None else Path(scratch) / "stammdaten"
        code = export(
            [
                "dsfinvk",
                "--basedir",
                str(settings),
                "--ledger",
                str(ledger),
                "--from",
                start.isoformat(),
                "--to",
                end.isoformat(),
                "--out",
                str(zip_path),
                "--no-tse-export",
            ]
        )
    print(TSE_TAR_NOTE, file=out)
    return code


def export_command(
    connection: psycopg.Connection,
    *,
    till_id: str | None,
    store_id: str | None,
    folder: Path,
    first: date | None,
    last: date | None,
    master_data: Path | None,
    export: ExportCommand,
    out: TextIO,
) -> int:
    """``central export``: one till into ``folder``, or each till of a store into ``folder/<till>/``.

    Returns the worst exit code of the tills (a store's other tills are exported all the same).
    """
    if till_id is not None:
        folder.mkdir(parents=True, exist_ok=True)
        return export_till(
            connection,
            till_id,
            folder,
            first=first,
            last=last,
            master_data=master_data,
            export=export,
            out=out,
        )
    assert store_id is not None
    tills = tills_of_store(connection, store_id)
    if not tills:
        print(f"Zentrale kennt keine Kasse der Filiale {store_id}.", file=out)
        return 1
    worst = 0
    for till in tills:
        till_folder = folder / till
        till_folder.mkdir(parents=True, exist_ok=True)
        code = export_till(
            connection,
            till,
            till_folder,
            first=first,
            last=last,
            master_data=master_data,
            export=export,
            out=out,
        )
        worst = max(worst, code)
    return worst

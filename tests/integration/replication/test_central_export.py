"""``pos-gui central export``: a till's DSFinV-K export from the central database is the till's own
export (file by file, without the TSE's TAR), and it is refused while the centre's copy has a gap
or lacks the range's last Z closing."""

from __future__ import annotations

import asyncio
import io
import json
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import psycopg
import pytest

from pos_gui.app.connection import embedded_demo_connection
from pos_gui.app.demo_day import run_day
from pos_gui.app.export_command import export_command
from pos_gui.replication.central_command import run
from pos_gui.replication.central_events import send_batch
from pos_gui.replication.central_schema import migrate
from pos_gui.replication.outbox import LedgerOutbox
from pos_gui.replication.replicator import Replicator

TILL = "till-1"
STORE = "store-1"
REPO = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def till_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A till's folder after one demo day (sales, Stornos, cash moves, its Z closing)."""
    folder = tmp_path_factory.mktemp("till")
    connection = embedded_demo_connection()
    connection.start()
    try:
        asyncio.run(run_day(connection, folder / "data", sales=30, seed=5, device_id=TILL))
    finally:
        connection.stop()
    return folder


def ledger_of(till_folder: Path) -> Path:
    return till_folder / "data" / "journal-demo.sqlite3"


def business_day(ledger: Path) -> str:
    with sqlite3.connect(ledger) as db:
        row = db.execute("SELECT payload FROM events WHERE kind = 'z_closing' ORDER BY seq").fetchone()
    db.close()
    return str(json.loads(row[0])["business_day"])


@pytest.fixture
def central(central_dsn: str) -> str:
    with psycopg.connect(central_dsn, autocommit=True) as connection:
        migrate(connection)
    return central_dsn


def replicate(ledger: Path, dsn: str) -> None:
    replicator = Replicator(LedgerOutbox(ledger), TILL, lambda: psycopg.connect(dsn), store_id=STORE)
    replicator.sync_once()
    assert replicator.state.summary() == "Zentrale: synchron"


def central_export(dsn: str, till_folder: Path, *arguments: str) -> tuple[int, str]:
    out = io.StringIO()
    code = run(
        ["--basedir", str(till_folder), "export", "--dsn", dsn, *arguments],
        out=out,
        export_ledger=export_command,
    )
    return code, out.getvalue()


def zip_files(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_centres_export_of_a_till_is_the_tills_own_export_without_the_tse_tar(
    central: str, till_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ledger = ledger_of(till_folder)
    day = business_day(ledger)
    replicate(ledger, central)
    at_till = tmp_path / "kasse.zip"
    assert (
        export_command(
            ["dsfinvk", "--basedir", str(till_folder), "--from", day, "--to", day, "--out", str(at_till)]
        )
        == 0
    )
    capsys.readouterr()

    code, said = central_export(
        central, till_folder, "--till", TILL, "--from", day, "--to", day, str(tmp_path / "z")
    )

    assert code == 0, said + capsys.readouterr().out
    from_centre = tmp_path / "z" / f"dsfinvk-{TILL}-{day}-{day}.zip"
    till_files, centre_files = zip_files(at_till), zip_files(from_centre)
    tars = {name for name in till_files if name.endswith(".tar")}
    assert len(tars) == 1  # the till fetched its TSE's TAR; the centre cannot
    assert set(centre_files) == set(till_files) - tars
    csv_files = [name for name in centre_files if name.endswith(".csv")]
    assert len(csv_files) >= 15
    for name in centre_files:  # index.xml included: it holds no time of writing
        assert centre_files[name] == till_files[name], name
    assert "Prüfung bestanden." in capsys.readouterr().out
    assert "TSE-Export (TAR): in der Zentrale nicht verfügbar" in said


def test_a_stores_export_writes_a_folder_per_till_with_every_closing(
    central: str, till_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ledger = ledger_of(till_folder)
    day = business_day(ledger)
    replicate(ledger, central)

    code, said = central_export(central, till_folder, "--store", STORE, str(tmp_path / "filiale"))

    assert code == 0, said + capsys.readouterr().out
    written = sorted(path.relative_to(tmp_path) for path in (tmp_path / "filiale").rglob("*.zip"))
    assert written == [Path("filiale", TILL, f"dsfinvk-{TILL}-{day}-{day}.zip")]
    assert "Z-Nr. 1" in capsys.readouterr().out


def test_a_gap_at_the_centre_refuses_the_export_and_writes_nothing(
    central: str, till_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outbox = LedgerOutbox(ledger_of(till_folder))
    events = outbox.events_after(0, 100_000)
    outbox.close()
    last = events[-1].seq
    with psycopg.connect(central, autocommit=True) as connection:
        # Events 1..10 and 12..last: number 11 has not arrived (a server restored from a backup).
        send_batch(connection, TILL, STORE, events[:10], last)
        send_batch(connection, TILL, STORE, events[11:], last)

    code, said = central_export(central, till_folder, "--till", TILL, str(tmp_path / "z"))

    assert code == 1
    assert said.startswith(f"Zentrale hat von {TILL} erst Ereignis 10 von {last} (Lücke nach 10")
    assert "Export nach dem Abgleich wiederholen." in said
    assert not (tmp_path / "z").exists() or not any((tmp_path / "z").iterdir())
    assert "Z-Nr." not in capsys.readouterr().out


def test_a_centre_behind_the_tills_z_refuses_the_export(
    central: str, till_folder: Path, tmp_path: Path
) -> None:
    outbox = LedgerOutbox(ledger_of(till_folder))
    events = outbox.events_after(0, 100_000)
    outbox.close()
    z_index = next(index for index, event in enumerate(events) if event.kind == "z_closing")
    with psycopg.connect(central, autocommit=True) as connection:
        # The till said it has every event; the centre has those before its Z only.
        send_batch(connection, TILL, STORE, events[:z_index], events[-1].seq)

    day = business_day(ledger_of(till_folder))
    code, said = central_export(central, till_folder, "--till", TILL, "--to", day, str(tmp_path / "z"))

    assert code == 1
    assert said.startswith(
        f"Zentrale hat von {TILL} erst Ereignis {events[z_index - 1].seq} von {events[-1].seq};"
    )
    assert "Export nach dem Abgleich wiederholen." in said


def test_pos_gui_central_export_names_a_till_the_centre_does_not_know(central: str, tmp_path: Path) -> None:
    command = [sys.executable, "-m", "pos_gui", "central", "--basedir", str(tmp_path), "export",
               "--dsn", central, "--till", "till-9", str(tmp_path / "z")]  # fmt: skip

    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=60, check=False)

    assert done.returncode == 1, done.stderr
    assert done.stdout == "Zentrale kennt die Kasse till-9 nicht.\n"

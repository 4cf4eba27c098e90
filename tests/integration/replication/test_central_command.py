"""``pos-gui central init|status``, and how the till builds its connection to the centre."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from pos_gui.config.paths import resolve_paths
from pos_gui.config.secrets import SecretStore
from pos_gui.replication.central_command import run
from pos_gui.replication.central_connection import (
    CENTRAL_DB_PASSWORD,
    InsecureCentralConnection,
    connection_string,
    without_password,
)
from pos_gui.replication.outbox import LedgerOutbox
from pos_gui.replication.replicator import Replicator
from tests.integration.replication.till_sales import make_sales

REPO = Path(__file__).resolve().parents[3]


def test_pos_gui_central_init_creates_the_schema_and_says_so_twice(central_dsn: str, tmp_path: Path) -> None:
    command = [
        sys.executable,
        "-m",
        "pos_gui",
        "central",
        "--basedir",
        str(tmp_path),
        "init",
        "--dsn",
        central_dsn,
    ]

    first = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=60, check=False)
    second = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=60, check=False)

    assert first.returncode == 0, first.stderr
    assert "migrated to version 2" in first.stdout
    assert second.returncode == 0, second.stderr
    assert "already up to date" in second.stdout


def test_central_status_lists_each_till_and_its_lag(central_dsn: str, tmp_path: Path) -> None:
    assert run(["--basedir", str(tmp_path), "init", "--dsn", central_dsn], out=io.StringIO()) == 0
    make_sales(tmp_path / "journal.sqlite3", 4)
    import psycopg

    Replicator(
        LedgerOutbox(tmp_path / "journal.sqlite3"),
        "till-7",
        lambda: psycopg.connect(central_dsn),
        store_id="berlin",
    ).sync_once()
    out = io.StringIO()

    assert run(["--basedir", str(tmp_path), "status", "--dsn", central_dsn], out=out) == 0

    lines = out.getvalue().splitlines()
    assert "version 2" in lines[0]
    assert lines[1].startswith("  berlin / till-7: ")
    assert " 0 pending" in lines[1]


def test_central_status_of_an_empty_database_says_init_is_missing(central_dsn: str, tmp_path: Path) -> None:
    out = io.StringIO()
    assert run(["--basedir", str(tmp_path), "status", "--dsn", central_dsn], out=out) == 1
    assert "version 0" in out.getvalue()


def test_save_password_keeps_it_in_the_key_store_not_in_the_dsn(central_dsn: str, tmp_path: Path) -> None:
    out = io.StringIO()
    code = run(
        ["--basedir", str(tmp_path), "init", "--dsn", central_dsn, "--save-password"],
        out=out,
        ask_password=lambda: "s3cret-central",
    )

    assert code == 0
    assert SecretStore(resolve_paths(tmp_path)).get(CENTRAL_DB_PASSWORD) == "s3cret-central"
    assert "s3cret" not in out.getvalue()


def test_an_unreachable_centre_is_one_line_on_stderr_and_exit_code_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dsn = "host=127.0.0.1 port=1 dbname=pos user=it connect_timeout=2"
    assert run(["--basedir", str(tmp_path), "status", "--dsn", dsn], out=io.StringIO()) == 1
    assert capsys.readouterr().err.startswith("pos-gui central status: ")


def test_another_host_gets_tls_required_and_the_key_stores_password() -> None:
    built = connection_string("host=central.example.com dbname=pos user=till_12", "pw")
    assert "sslmode=require" in built
    assert "password=pw" in built
    assert "sslmode" not in connection_string("host=127.0.0.1 dbname=pos user=till_12")
    assert "sslmode" not in connection_string("host=/run/postgresql dbname=pos")
    assert "sslmode=verify-full" in connection_string("host=db.example dbname=pos sslmode=verify-full")


@pytest.mark.parametrize("sslmode", ["disable", "allow", "prefer"])
def test_plain_text_to_another_host_is_refused(sslmode: str) -> None:
    with pytest.raises(InsecureCentralConnection, match="unencrypted"):
        connection_string(f"host=10.0.0.5 dbname=pos sslmode={sslmode}", "pw")


def test_a_password_in_the_dsn_wins_and_is_left_out_of_messages() -> None:
    assert "password=mine" in connection_string("host=localhost dbname=pos password=mine", "from-store")
    assert "mine" not in without_password("host=localhost dbname=pos password=mine")

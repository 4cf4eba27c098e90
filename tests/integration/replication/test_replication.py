"""A till's ledger replicated to a real PostgreSQL: exactly its events, in order, resends harmless."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from pos_gui.replication.central_events import CentralConflict, send_batch
from pos_gui.replication.central_schema import SCHEMA_VERSION, CentralSchemaError, migrate, schema_version
from pos_gui.replication.outbox import LedgerOutbox
from pos_gui.replication.replicator import Replicator
from tests.integration.replication.central_checks import (
    central_events,
    central_paid,
    central_received_seq,
    ledger_events,
)
from tests.integration.replication.till_sales import make_sales, paid_totals


@pytest.fixture
def central(central_dsn: str) -> str:
    """The central database after ``central init``."""
    with psycopg.connect(central_dsn, autocommit=True) as connection:
        migrate(connection)
    return central_dsn


def replicator_for(
    ledger_file: Path, dsn: str, till_id: str = "till-1", store_id: str = "store-1"
) -> Replicator:
    return Replicator(LedgerOutbox(ledger_file), till_id, lambda: psycopg.connect(dsn), store_id=store_id)


def test_init_creates_the_schema_once_and_a_second_run_changes_nothing(central_dsn: str) -> None:
    with psycopg.connect(central_dsn, autocommit=True) as connection:
        assert schema_version(connection) == 0
        assert migrate(connection) == list(range(1, SCHEMA_VERSION + 1))
        assert migrate(connection) == []
        assert schema_version(connection) == SCHEMA_VERSION
        views = {row[0] for row in connection.execute("SELECT table_name FROM information_schema.views")}
    assert {
        "paid_sales",
        "sales_per_till_day",
        "sales_per_store_day",
        "replication_lag",
        "z_closings",
        "z_closings_per_till_day",
    } <= views


def test_a_till_refuses_a_central_database_without_the_schema(central_dsn: str, tmp_path: Path) -> None:
    make_sales(tmp_path / "journal.sqlite3", 2)
    replicator = replicator_for(tmp_path / "journal.sqlite3", central_dsn)
    with pytest.raises(CentralSchemaError, match="central init"):
        replicator.sync_once()
    assert "central init" in (replicator.state.last_error or "")


def test_the_central_database_holds_exactly_the_tills_events_and_its_z_figures(
    central: str, tmp_path: Path
) -> None:
    ledger = tmp_path / "journal.sqlite3"
    make_sales(ledger, 120)
    replicator = replicator_for(ledger, central)

    sent = replicator.sync_once()

    events = ledger_events(ledger)
    assert sent == len(events)
    assert central_events(central, "till-1") == events
    assert central_paid(central, "till-1") == paid_totals(ledger)
    assert paid_totals(ledger)[0] == 120 - 120 // 7  # every seventh sale was given up
    assert replicator.state.summary() == "Zentrale: synchron"
    with psycopg.connect(central) as connection:
        per_store = connection.execute(
            "SELECT store_id, sum(sales), sum(total) FROM sales_per_store_day GROUP BY 1"
        )
        assert per_store.fetchall() == [("store-1", *paid_totals(ledger))]


def test_new_sales_are_sent_on_the_next_pass_and_the_state_shows_the_lag(
    central: str, tmp_path: Path
) -> None:
    ledger = tmp_path / "journal.sqlite3"
    make_sales(ledger, 10)
    replicator = replicator_for(ledger, central)
    replicator.sync_once()
    before = replicator.state.central_seq

    make_sales(ledger, 5, start=11)
    assert replicator.state.pending == 0  # it has not looked yet
    sent = replicator.sync_once()

    assert sent == len(ledger_events(ledger)) - before
    assert replicator.state.central_seq == replicator.state.ledger_seq == len(ledger_events(ledger))
    assert central_received_seq(central, "till-1") == len(ledger_events(ledger))


def test_sending_everything_again_is_a_no_op(central: str, tmp_path: Path) -> None:
    ledger = tmp_path / "journal.sqlite3"
    make_sales(ledger, 30)
    replicator_for(ledger, central).sync_once()
    events = LedgerOutbox(ledger).events_after(0, 10_000)

    with psycopg.connect(central, autocommit=True) as connection:
        new = send_batch(connection, "till-1", "store-1", events, events[-1].seq)
    # A second till process starting from scratch asks the centre first and sends nothing.
    assert replicator_for(ledger, central).sync_once() == 0

    assert new == 0
    assert central_events(central, "till-1") == ledger_events(ledger)


def test_a_gap_at_the_centre_is_filled_from_the_ledger_never_skipped(central: str, tmp_path: Path) -> None:
    ledger = tmp_path / "journal.sqlite3"
    make_sales(ledger, 20)
    replicator = replicator_for(ledger, central)
    replicator.sync_once()
    # The centre restored from an older backup, say: events 30..40 are gone (the append-only
    # trigger is switched off for this only).
    with psycopg.connect(central, autocommit=True) as connection:
        connection.execute("ALTER TABLE events DISABLE TRIGGER events_are_append_only")
        connection.execute("DELETE FROM events WHERE till_id = 'till-1' AND seq BETWEEN 30 AND 40")
        connection.execute("ALTER TABLE events ENABLE TRIGGER events_are_append_only")

    assert replicator.sync_once() == 11

    assert central_events(central, "till-1") == ledger_events(ledger)
    assert not replicator.state.central_gap


def test_two_tills_with_one_id_are_refused_and_nothing_is_overwritten(central: str, tmp_path: Path) -> None:
    first, second = tmp_path / "first.sqlite3", tmp_path / "second.sqlite3"
    make_sales(first, 10, seed=1)
    make_sales(second, 12, seed=2)
    replicator_for(first, central).sync_once()

    impostor = replicator_for(second, central)
    with pytest.raises(CentralConflict, match="used twice"):
        impostor.sync_once()

    assert central_events(central, "till-1") == ledger_events(first)
    assert "CentralConflict" in (impostor.state.last_error or "")


def test_the_events_table_at_the_centre_is_append_only(central: str, tmp_path: Path) -> None:
    make_sales(tmp_path / "journal.sqlite3", 3)
    replicator_for(tmp_path / "journal.sqlite3", central).sync_once()
    with psycopg.connect(central) as connection, pytest.raises(psycopg.errors.RaiseException):
        connection.execute("DELETE FROM events WHERE seq = 1")


def test_tills_of_several_stores_add_up_per_store(central: str, tmp_path: Path) -> None:
    tills = {("till-a", "berlin"): 15, ("till-b", "berlin"): 8, ("till-c", "hamburg"): 11}
    for (till_id, store_id), count in tills.items():
        make_sales(tmp_path / f"{till_id}.sqlite3", count, seed=len(till_id) + count)
        replicator_for(tmp_path / f"{till_id}.sqlite3", central, till_id, store_id).sync_once()

    with psycopg.connect(central) as connection:
        per_store = dict(
            connection.execute(
                "SELECT store_id, sum(total)::bigint FROM sales_per_store_day GROUP BY 1"
            ).fetchall()
        )
    berlin = paid_totals(tmp_path / "till-a.sqlite3")[1] + paid_totals(tmp_path / "till-b.sqlite3")[1]
    assert per_store == {"berlin": berlin, "hamburg": paid_totals(tmp_path / "till-c.sqlite3")[1]}

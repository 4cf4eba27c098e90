"""Replication to the central PostgreSQL: events per second against a plain INSERT loop

Both run in the same run against the same throw-away PostgreSQL (started like the replication
tests start theirs: ``tests/integration/replication/postgres_server.py``), on the same events of a
ledger of 1,000 realistic sales. The replicator sends batches of 500 in one transaction each
(``INSERT ... SELECT FROM unnest(...) ON CONFLICT DO NOTHING``); the baseline sends one
autocommitted INSERT per event, as a naive sender would. The test server runs without fsync, for
both alike. A restarted till that has nothing new is measured too: it asks and sends nothing.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bench.report import BenchRow

SALES = 1000


def run() -> list[BenchRow]:
    import psycopg

    from pos_gui.replication.central_schema import migrate
    from pos_gui.replication.outbox import LedgerOutbox
    from pos_gui.replication.replicator import Replicator
    from tests.integration.replication.postgres_server import start_server
    from tests.integration.replication.till_sales import make_sales

    server = start_server()
    try:
        dsn = server.create_database("bench_central")
        with psycopg.connect(dsn, autocommit=True) as connection:
            migrate(connection)
        with tempfile.TemporaryDirectory() as folder:
            ledger = Path(folder) / "journal.sqlite3"
            make_sales(ledger, SALES)
            outbox = LedgerOutbox(ledger)
            events = outbox.events_after(0, 1_000_000)

            replicator = Replicator(outbox, "bench-till", lambda: psycopg.connect(dsn), store_id="bench")
            started = time.perf_counter()
            sent = replicator.sync_once()
            replication_s = time.perf_counter() - started
            assert sent == len(events)

            started = time.perf_counter()
            resent = Replicator(outbox, "bench-till", lambda: psycopg.connect(dsn)).sync_once()
            resend_s = time.perf_counter() - started
            assert resent == 0

            with psycopg.connect(dsn, autocommit=True) as connection:
                connection.execute("INSERT INTO tills (till_id) VALUES ('insert-loop')")
                started = time.perf_counter()
                for event in events:
                    connection.execute(
                        "INSERT INTO events (till_id, seq, sale_id, kind, payload, recorded_at) "
                        "VALUES ('insert-loop', %s, %s, %s, %s::jsonb, %s)",
                        (event.seq, event.sale_id, event.kind, event.payload, event.recorded_at),
                    )
                loop_s = time.perf_counter() - started
            outbox.close()
    finally:
        server.stop()
    count = len(events)
    return [
        BenchRow(
            f"replication of {count:,} events ({SALES:,} sales), batches of 500",
            count / replication_s,
            "events/s",
            baseline_name="plain INSERT loop, one autocommit per event",
            baseline_value=count / loop_s,
            target=">= 1x the INSERT loop",
            met=replication_s <= loop_s,
        ),
        BenchRow("a restarted till with nothing new: asks the centre, sends nothing", resend_s * 1000, "ms"),
    ]

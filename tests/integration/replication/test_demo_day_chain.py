"""The chain's "done when": three tills run ``pos-gui demo-day`` against one simulator, each with
its own folder and device id, replicating to the central PostgreSQL through a line that drops 30 %
of sends, and are killed (SIGKILL) and started again at random. Afterwards the centre holds
exactly each till's sales, no gap in any till's numbers, the paid sums equal to each till's Z to
the cent, and it caught up within 60 s of the network coming back.

``POS_GUI_REPLICATION_SALES`` sets the sales per till (default 200; the issue's full run is 1000).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from pos_gui.replication.central_schema import migrate
from pos_sim.embedded import EmbeddedSimulator
from tests.integration.replication.central_checks import central_events, central_received_seq, ledger_events
from tests.integration.replication.flaky_network import FlakyNetwork
from tests.integration.replication.postgres_server import SUPERUSER, PostgresServer

SALES_PER_TILL = int(os.environ.get("POS_GUI_REPLICATION_SALES", "200"))
CATCH_UP_LIMIT_S = 60.0
REPO = Path(__file__).resolve().parents[3]


class DemoDayTill:
    """One till: ``pos-gui demo-day`` in its own folder, started again after each kill."""

    def __init__(self, number: int, folder: Path, api_url: str, dsn: str) -> None:
        self.till_id = f"till-{number}"
        self.folder = folder
        self.command = [
            sys.executable, "-m", "pos_gui", "demo-day", "--basedir", str(folder), "--sales", str(SALES_PER_TILL),
            "--seed", str(number), "--device-id", self.till_id, "--store-id", "store-1", "--api-url", api_url,
            "--central-dsn", dsn, "--sync-timeout", "300",
        ]  # fmt: skip
        self.process: subprocess.Popen[bytes] | None = None
        self.kills = 0

    @property
    def ledger(self) -> Path:
        return self.folder / "data" / "journal-demo.sqlite3"

    @property
    def log_path(self) -> Path:
        return self.folder.parent / f"{self.till_id}.log"

    def start(self) -> None:
        with self.log_path.open("ab") as log:  # the child keeps its own copy of the handle
            self.process = subprocess.Popen(self.command, cwd=REPO, stdout=log, stderr=subprocess.STDOUT)

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def closed_the_day(self) -> bool:
        """Its Z closing is in the ledger: the day's selling is over."""
        if not self.ledger.exists():
            return False
        try:
            with sqlite3.connect(self.ledger) as db:
                return db.execute("SELECT 1 FROM events WHERE kind = 'z_closing'").fetchone() is not None
        except sqlite3.OperationalError:  # the till is creating its ledger right now
            return False

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)
            self.kills += 1

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


@pytest.fixture
def simulator() -> Iterator[EmbeddedSimulator]:
    running = EmbeddedSimulator()
    running.start()
    yield running
    running.stop()


@pytest.fixture
def network(postgres_server: PostgresServer) -> Iterator[FlakyNetwork]:
    flaky = FlakyNetwork(postgres_server.port, seed=19)
    yield flaky
    flaky.close()


@pytest.mark.slow
@pytest.mark.timeout(1200)
def test_three_demo_day_tills_through_drops_and_kills_end_with_exactly_their_sales_and_z_at_the_centre(
    central_dsn: str, network: FlakyNetwork, simulator: EmbeddedSimulator, tmp_path: Path
) -> None:
    with psycopg.connect(central_dsn, autocommit=True) as connection:
        migrate(connection)
    dbname = central_dsn.split("dbname=")[1].split()[0]
    tills = [
        DemoDayTill(n, tmp_path / f"till-{n}", simulator.url, network.dsn(dbname, SUPERUSER))
        for n in (1, 2, 3)
    ]
    rng = random.Random(19)
    network.up(drop_ratio=0.3)
    try:
        for till in tills:
            till.start()
        # The bad day: a till is killed now and then while it sells, and started again.
        while not all(till.closed_the_day() for till in tills):
            time.sleep(rng.uniform(0.3, 1.5))
            selling = [till for till in tills if not till.closed_the_day()]
            if selling and rng.random() < 0.7:
                victim = rng.choice(selling)
                victim.kill()
                victim.start()
            for till in tills:
                if (
                    not till.running()
                    and till.process is not None
                    and till.process.returncode not in (0, None)
                ):
                    log_tail = till.log_path.read_text(errors="replace")[-3000:]
                    pytest.fail(f"{till.till_id} failed with {till.process.returncode}:\n{log_tail}")

        network.up(drop_ratio=0.0)
        back_at = time.monotonic()
        for till in tills:
            last_seq = len(ledger_events(till.ledger))
            while central_received_seq(central_dsn, till.till_id) < last_seq:
                assert time.monotonic() - back_at < CATCH_UP_LIMIT_S, f"{till.till_id} did not catch up"
                time.sleep(0.1)
        caught_up_after = time.monotonic() - back_at
        for till in tills:
            assert till.process is not None
            assert till.process.wait(timeout=60) == 0, f"{till.till_id} did not end in sync"
    finally:
        for till in tills:
            till.stop()

    print(f"cuts {network.cuts}, kills {[t.kills for t in tills]}, caught up after {caught_up_after:.2f} s")
    assert network.cuts > 0
    assert sum(till.kills for till in tills) > 0
    with psycopg.connect(central_dsn) as connection:
        sales = connection.execute(
            "SELECT till_id, count(*) FROM events WHERE kind = 'sale_opened' GROUP BY till_id ORDER BY till_id"
        ).fetchall()
        paid = {
            till_id: (int(count), int(total))
            for till_id, count, total in connection.execute(
                "SELECT till_id, sum(sales), sum(total) FROM sales_per_till_day GROUP BY till_id"
            )
        }
        z = {
            till_id: (int(count), int(total))
            for till_id, count, total in connection.execute(
                "SELECT till_id, sum(sales_count), sum(sales_total) FROM z_closings_per_till_day GROUP BY till_id"
            )
        }
    assert sales == [(till.till_id, SALES_PER_TILL) for till in tills]
    assert sum(count for _till, count in sales) == 3 * SALES_PER_TILL
    for till in tills:
        events = ledger_events(till.ledger)
        assert central_events(central_dsn, till.till_id) == events  # exactly these, in order
        assert [event[0] for event in events] == list(range(1, len(events) + 1))  # no gap
        assert paid[till.till_id] == z[till.till_id], (
            f"{till.till_id}: paid sales at the centre differ from its Z"
        )
        assert z[till.till_id][1] > 0
    assert caught_up_after < CATCH_UP_LIMIT_S

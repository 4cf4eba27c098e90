"""A till's two background jobs as a process the tests can kill: selling, or replicating.

``python -m tests.integration.replication.till_process sell LEDGER TARGET SEED PAUSE``: sells
until the ledger holds TARGET sales (a restart goes on after the last one it finds), pausing
PAUSE seconds between sales.

``python -m tests.integration.replication.till_process replicate LEDGER TILL_ID STORE_ID DSN``:
runs the replicator with short back-off until killed.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from pos_gui.persistence.ledger import Ledger
from pos_gui.replication.central_connection import connector
from pos_gui.replication.outbox import LedgerOutbox
from pos_gui.replication.replicator import Backoff, Replicator
from tests.integration.replication.till_sales import make_sale


def sell(ledger_file: Path, target: int, seed: int, pause: float) -> None:
    with Ledger(ledger_file) as ledger:
        start = len(ledger.all_sales()) + 1
        rng = random.Random(seed * 100_003 + start)
        for number in range(start, target + 1):
            make_sale(ledger, rng, number)
            time.sleep(pause)


def replicate(ledger_file: Path, till_id: str, store_id: str, dsn: str) -> None:
    replicator = Replicator(
        LedgerOutbox(ledger_file),
        till_id,
        connector(dsn, lambda: None),
        store_id=store_id,
        batch_size=200,
        backoff=Backoff(0.05, 0.5),
        poll_interval=0.1,
    )
    replicator.start()
    while True:
        time.sleep(1)


if __name__ == "__main__":
    job, ledger, *rest = sys.argv[1:]
    if job == "sell":
        sell(Path(ledger), int(rest[0]), int(rest[1]), float(rest[2]))
    else:
        replicate(Path(ledger), rest[0], rest[1], rest[2])

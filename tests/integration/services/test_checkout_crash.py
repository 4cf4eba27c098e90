"""A till process killed (SIGKILL) at every journal state of a sale, then restarted with recovery.

The headless till (:mod:`pos_gui.app.headless`) rings up a sale against the
simulator and is killed after the journal says BASKET, CARD, APPLIED or PAYING, or while
``start/cash`` is held up for 3 s on the server. A second run on the same journal recovers and
finishes the sale. Afterwards no sale may be unfinished or lost, and the server must hold exactly
one booking for it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from pos_gui.services.ledger import Ledger
from tests.integration.services.conftest import arm, bookings, server_transactions

SEED_CARD = "9276004429942845"
RUNNER = [sys.executable, "-m", "pos_gui.app.headless"]
LINE_TIMEOUT_S = 20.0


def runner_args(sim_url: str, journal: Path, *extra: str) -> list[str]:
    return [*RUNNER, "--api-url", sim_url, "--journal", str(journal), "--timeout", "10", "--apply", *extra]


def wait_for_line(process: subprocess.Popen[str], prefix: str) -> list[str]:
    """Read the runner's lines until one starts with ``prefix``; returns all lines read."""
    assert process.stdout is not None
    lines: list[str] = []
    deadline = time.monotonic() + LINE_TIMEOUT_S
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            raise AssertionError(f"runner ended before {prefix!r}: {lines}")
        lines.append(line.strip())
        if line.startswith(prefix):
            return lines
    raise AssertionError(f"no {prefix!r} line in time: {lines}")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("kill_at", "journal_state"),
    [
        ("BASKET", "BASKET"),
        ("CARD", "CARD"),
        ("APPLIED", "APPLIED"),
        ("PAYING", "PAYING"),
        ("start-latency", "PAYING"),
    ],
)
def test_killed_till_recovers_every_sale_exactly_once(
    sim_url: str, sim_admin: httpx.Client, tmp_path: Path, kill_at: str, journal_state: str
) -> None:
    journal_path = tmp_path / "journal.sqlite3"
    sale = ("--articles", "30037x4", "--card", SEED_CARD)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    if kill_at == "start-latency":
        arm(sim_admin, "start/cash", fault="latency", latency_ms=3000)
        process = subprocess.Popen(
            runner_args(sim_url, journal_path, *sale), stdout=subprocess.PIPE, text=True, env=env
        )
        wait_for_line(process, "STATE PAYING")
        time.sleep(0.5)  # start/cash is now waiting on the server
    else:
        process = subprocess.Popen(
            runner_args(sim_url, journal_path, *sale, "--hold", kill_at),
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        wait_for_line(process, "HOLD")
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    assert process.stdout is not None
    process.stdout.close()

    with Ledger(journal_path) as journal:
        unfinished = journal.unfinished_sales()
        assert [record.state for record in unfinished] == [journal_state]
        transaction_id_at_kill = unfinished[0].transaction_id

    restarted = subprocess.run(
        runner_args(sim_url, journal_path), capture_output=True, text=True, timeout=60, env=env, check=False
    )
    assert restarted.returncode == 0, restarted.stdout + restarted.stderr
    recovered = [line for line in restarted.stdout.splitlines() if line.startswith("RECOVERED")]
    assert len(recovered) == 1
    assert "outcome=completed" in recovered[0] or "outcome=restored" in recovered[0]

    with Ledger(journal_path) as journal:
        sales = journal.all_sales()
    assert [record.state for record in sales] == ["PAID"]
    paid = sales[0]
    if transaction_id_at_kill is not None:
        # A transaction created before the kill is the one that got paid: never a second one.
        assert paid.transaction_id == transaction_id_at_kill
    refs = {t.get("transactionRef") for t in server_transactions(sim_admin) if t["id"] == paid.transaction_id}
    assert len(refs) == 1
    assert len(bookings(sim_admin, refs.pop())) == 1
    assert len(bookings(sim_admin)) == 1

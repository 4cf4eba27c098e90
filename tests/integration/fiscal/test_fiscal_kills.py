"""A till process killed (SIGKILL) at every fiscal step of a sale, then restarted on the same ledger.

The headless till (:mod:`pos_gui.app.headless`) rings up a cash sale against the session's
simulator, signed by the simulator's TSE, and waits (``--hold``) after one fiscal step: the TSE tx
id planned in the ledger (the start not sent), the start's answer recorded, the payment confirmed
(the finish not sent), the finish's answer recorded. It is killed there. A second run on the same
ledger recovers and reconciles. Afterwards the TSS holds exactly one transaction for the sale,
finished, with the tx id the ledger planned before the kill; the TSS's numbers have no gap; and
the receipt composed from the ledger carries that transaction's TSE block.
"""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path
from typing import Any

import httpx
import pytest

from pos_gui.core.tse_receipt_block import TseBlock, layout_tse_block
from pos_gui.services.ledger import Ledger
from pos_gui.services.receipts import sales_receipt_of
from pos_sim.fiskaly import FISKALY_API
from pos_sim.fiskaly.state import DEMO_API_KEY, DEMO_API_SECRET, DEMO_TSS_ID
from tests.integration.services.test_checkout_crash import RUNNER, wait_for_line


class SimulatedTss:
    """Reads the simulated TSS's transactions by id or by number (numbers count from 1, gapless)."""

    def __init__(self, sim_url: str) -> None:
        self._http = httpx.Client(base_url=sim_url + FISKALY_API, timeout=5.0)
        token = self._http.post("/auth", json={"api_key": DEMO_API_KEY, "api_secret": DEMO_API_SECRET})
        token.raise_for_status()
        self._http.headers["Authorization"] = f"Bearer {token.json()['access_token']}"

    def close(self) -> None:
        self._http.close()

    def transaction(self, tx_id_or_number: str | int) -> dict[str, Any] | None:
        answer = self._http.get(f"/tss/{DEMO_TSS_ID}/tx/{tx_id_or_number}")
        if answer.status_code == 404:
            return None
        answer.raise_for_status()
        found: dict[str, Any] = answer.json()
        return found

    def count(self) -> int:
        """How many transactions the TSS has: the highest number that exists (doubling, then halving)."""
        high = 1
        while self.transaction(high) is not None:
            high *= 2
        low = high // 2  # exists (or 0); ``high`` does not
        while high - low > 1:
            middle = (low + high) // 2
            if self.transaction(middle) is not None:
                low = middle
            else:
                high = middle
        return low


@pytest.fixture
def tss(sim_url: str) -> Any:
    reader = SimulatedTss(sim_url)
    yield reader
    reader.close()


def runner_args(sim_url: str, journal: Path, *extra: str) -> list[str]:
    return [*RUNNER, "--api-url", sim_url, "--journal", str(journal), "--timeout", "5", *extra]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("hold", "tse_states_at_kill", "on_tss_at_kill"),
    [
        ("TSE_TX_PLANNED", {"planned"}, {None}),
        ("TSE_STARTED", {"started"}, {"ACTIVE"}),
        # Paid, and the finish not sent yet: the start may or may not have answered by then.
        ("PAID", {"planned", "started"}, {None, "ACTIVE"}),
        ("TSE_FINISHED", {"FINISHED"}, {"FINISHED"}),
    ],
)
def test_till_killed_at_a_fiscal_step_signs_the_sale_exactly_once(
    sim_url: str,
    tss: SimulatedTss,
    tmp_path: Path,
    hold: str,
    tse_states_at_kill: set[str],
    on_tss_at_kill: set[str | None],
) -> None:
    journal_path = tmp_path / "journal.sqlite3"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    numbers_before = tss.count()

    process = subprocess.Popen(
        runner_args(sim_url, journal_path, "--articles", "30037x2,4001", "--hold", hold),
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        held = wait_for_line(process, "HOLD")
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        assert process.stdout is not None
        process.stdout.close()
    assert held[-1] == f"HOLD {hold.lower() if hold.startswith('TSE') else hold}"

    with Ledger(journal_path) as journal:
        [at_kill] = journal.all_sales()
    assert at_kill.tse is not None
    assert at_kill.tse["state"] in tse_states_at_kill
    if hold == "PAID":
        assert at_kill.state == "PAID"
    tx_id = at_kill.tse["tx_id"]
    seen = tss.transaction(tx_id)
    assert (seen["state"] if seen else None) in on_tss_at_kill

    restarted = subprocess.run(
        runner_args(sim_url, journal_path), capture_output=True, text=True, timeout=60, env=env, check=False
    )
    assert restarted.returncode == 0, restarted.stdout + restarted.stderr

    with Ledger(journal_path) as journal:
        [sale] = journal.all_sales()
        receipt = sales_receipt_of(sale)
    assert sale.state == "PAID"
    assert sale.tse is not None
    assert sale.tse["tx_id"] == tx_id  # the tx id planned before the kill: never a second one
    assert sale.tse["state"] == "FINISHED"

    # The TSS: one new transaction, the sale's, finished; its number follows the last one.
    numbers_after = tss.count()
    assert numbers_after == numbers_before + 1
    signed = tss.transaction(tx_id)
    assert signed is not None
    assert signed["state"] == "FINISHED"
    assert signed["number"] == numbers_before + 1
    assert signed["number"] == sale.tse["number"]

    # The receipt composed from the ledger carries that transaction's TSE block.
    assert receipt is not None
    assert isinstance(receipt.tse, TseBlock)
    assert receipt.tse.transaction_number == str(signed["number"])
    assert receipt.tse.signature == signed["signature"]["value"]
    assert receipt.tse.qr_data == signed["qr_code_data"]
    printed = [line.text for line in layout_tse_block(receipt.tse, 42)]
    number = str(signed["number"])
    assert "TSE-Transaktion".ljust(42 - len(number)) + number in printed

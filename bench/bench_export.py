"""DSFinV-K export: writing 100,000 receipts as a ZIP, against iterating the same model alone.

The model is generated once (tests/unit/export/generated_day.py: 100 Z closings of 1,000 receipts
and cash movements, with cancellations, aborts, training receipts and split payments). The
baseline walks the same receipts, lines and payments and adds up their amounts, so the ratio is
what formatting, the length checks, the sums and the ZIP cost on top of reading the day. Issue 13
asks for < 30 s (the ledger adapter, which will feed the model from the ledger, is not in yet).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bench.report import BenchRow
from pos_gui.export.dsfinvk_writer import write_dsfinvk_zip
from pos_gui.export.model import ZClosing
from tests.unit.export.generated_day import generate_export

RECEIPTS = 100_000
CLOSINGS = 100


def _iterate_model_alone(closings: list[ZClosing]) -> int:
    total = 0
    for closing in closings:
        for receipt in closing.all_receipts():
            total += sum(line.gross for line in receipt.lines)
            total += sum(payment.amount for payment in receipt.payments)
    return total


def run() -> list[BenchRow]:
    export = generate_export(seed=1, events=RECEIPTS, closings=CLOSINGS)
    closings = list(export.closings)
    started = time.perf_counter()
    _iterate_model_alone(closings)
    baseline = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "dsfinvk.zip"
        started = time.perf_counter()
        written = write_dsfinvk_zip(target, export)
        took = time.perf_counter() - started
        size_mb = target.stat().st_size / 1e6
    assert written == RECEIPTS
    return [
        BenchRow(
            f"DSFinV-K export of {RECEIPTS:,} receipts (ZIP {size_mb:.1f} MB)",
            took,
            "s",
            "iterating the same model alone",
            baseline,
            "< 30 s",
            took < 30,
        )
    ]


if __name__ == "__main__":
    for row in run():
        print(row)

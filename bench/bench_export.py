"""DSFinV-K export: writing 100,000 receipts as a ZIP, from a model and from a ledger file.

The model is generated once (bench/generated_day.py: 100 Z closings of 1,000 receipts
and cash movements, with cancellations, aborts, training receipts and split payments). The
baseline walks the same receipts, lines and payments and adds up their amounts, so the ratio is
what formatting, the length checks, the sums and the ZIP cost on top of reading the day. Issue 13
asks for < 30 s.

The second row is the whole way from the ledger: a ledger file of 100,000 signed sales in 100 Z
closings (bench/generated_ledger.py, written in bulk) exported by ``pos_gui.services.dsfinvk_export``
and checked by nothing but the writer, against reading the same ledger's events alone (cursor and
JSON, what any reader of the file pays).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bench.generated_day import generate_export
from bench.generated_ledger import write_ledger
from bench.report import BenchRow
from pos_gui.export.dsfinvk_writer import write_dsfinvk_zip
from pos_gui.export.model import ZClosing

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
    return [*_model_row(took, baseline, size_mb), _ledger_row()]


def _ledger_row() -> BenchRow:
    from datetime import date

    from pos_gui.config.settings import Settings
    from pos_gui.persistence.ledger_reading import LedgerReader
    from pos_gui.services.dsfinvk_export import plan_export
    from pos_gui.services.till_registration import TillRegistration, till_master_data

    with tempfile.TemporaryDirectory() as folder:
        ledger = Path(folder) / "journal.sqlite3"
        events = write_ledger(ledger, receipts=RECEIPTS, closings=CLOSINGS)
        started = time.perf_counter()
        with LedgerReader(ledger) as reader:
            read = sum(1 for _ in reader.events(after_seq=0))
        baseline = time.perf_counter() - started
        assert read == events
        started = time.perf_counter()
        till = till_master_data(Settings(), TillRegistration())
        plan = plan_export(ledger, till, date(2000, 1, 1), date(2100, 1, 1))
        written = write_dsfinvk_zip(Path(folder) / "dsfinvk.zip", plan.export)
        took = time.perf_counter() - started
    assert written == plan.receipt_count >= RECEIPTS
    return BenchRow(
        f"DSFinV-K export from a ledger of {RECEIPTS:,} sales ({events:,} events, {written:,} receipts)",
        took,
        "s",
        "reading the same ledger's events alone",
        baseline,
        "< 30 s",
        took < 30,
    )


def _model_row(took: float, baseline: float, size_mb: float) -> list[BenchRow]:
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

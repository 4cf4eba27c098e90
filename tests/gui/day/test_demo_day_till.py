"""``pos-gui demo-day --basedir DIR`` writes the ledger and cashiers where ``pos-gui --demo
--basedir DIR`` reads them: the demo till shows the day's sales under "Heutige Verkäufe", logs in
the same demo cashiers, and its next Z closing is number 2."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from pytestqt.qtbot import QtBot

from pos_gui.app import Connection, Till, build_till
from pos_gui.app.demo_day import DEMO_JOURNAL
from pos_gui.app.window_extras import build_shop_day, install_backoffice
from pos_gui.config.paths import resolve_paths
from pos_gui.config.settings import Settings
from pos_gui.services.ledger import Ledger
from pos_sim.embedded import EmbeddedSimulator
from tests.helpers.qt import run_until_done

SALES = 20


def run_pos_gui(*arguments: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pos_gui", *arguments],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def logged_in_ids(journal: Path) -> list[str]:
    ledger = Ledger(journal)
    try:
        return [str(e.payload["cashier_id"]) for e in ledger.all_events() if e.kind == "cashier_logged_in"]
    finally:
        ledger.close()


@pytest.fixture(scope="module")
def day_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with a demo day of ``SALES`` sales, closed with Z number 1."""
    folder = tmp_path_factory.mktemp("demo-day-till")
    run_pos_gui("demo-day", "--basedir", str(folder), "--sales", str(SALES), "--seed", "5")
    return folder


def test_the_demo_till_started_on_the_folder_reads_the_days_ledger_and_cashiers(day_folder: Path) -> None:
    journal = resolve_paths(day_folder).data_dir / DEMO_JOURNAL
    day_cashiers = set(logged_in_ids(journal))
    assert day_cashiers  # the demo day wrote its ledger into the data folder
    run_pos_gui("--demo", "--basedir", str(day_folder), "--smoke-test")
    # The smoke test logged the first demo cashier in: into the same ledger, one of the day's cashiers.
    after = logged_in_ids(journal)
    assert len(after) > len(day_cashiers)
    assert after[-1] in day_cashiers


@pytest.fixture
def demo_till(
    qtbot: QtBot,
    qapp: object,
    qloop: object,
    simulator: EmbeddedSimulator,
    sim_admin: httpx.Client,
    day_folder: Path,
) -> Iterator[tuple[Till, object]]:
    """The demo till on the day's folder, built as ``pos-gui --demo --basedir`` builds it."""
    paths = resolve_paths(day_folder)
    till = build_till(
        qapp, Connection.demo(simulator.url), paths.data_dir / DEMO_JOURNAL, device_id="DEMO-TILL"
    )  # type: ignore[arg-type]
    backoffice = install_backoffice(till, Settings(), paths, None)
    build_shop_day(till, printing=backoffice.printing)
    try:
        yield till, backoffice
    finally:
        run_until_done(qtbot, till.aclose())


def test_the_demo_till_shows_the_days_sales_and_its_next_z_is_number_2(
    demo_till: tuple[Till, object],
) -> None:
    till, backoffice = demo_till
    day = till.day
    sales_today = backoffice.sales_today  # type: ignore[attr-defined]
    sales_today.refresh()
    paid = [row for row in sales_today.rows if row.status == "bezahlt"]
    closing = day.last_closing()
    assert closing is not None
    assert closing.number == 1
    # Every sale of the day is listed: those in the Z totals and the training sales beside them.
    assert len(paid) == closing.totals["sales_count"] + closing.totals["training_count"]
    assert len(paid) >= SALES // 2

    anna = next(c for c in day.cashiers() if c.name == "Anna Demo")
    assert day.log_in(anna.cashier_id, "1234") is None
    day.services.shift.count_float(10000)
    assert day.services.closing.z_close({5000: 2}).number == 2

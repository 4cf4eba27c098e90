"""The SQLite journal: durable settings, rows that survive a reopen, the day's sales."""

from __future__ import annotations

import sqlite3
import threading
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from pos_gui.core.basket import Article, Basket
from pos_gui.services.journal import Journal, basket_lines_from_json, basket_lines_to_json

BERLIN = timezone(timedelta(hours=1))


class FakeClock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def test_wal_and_synchronous_full(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "data" / "journal.sqlite3")
    with journal._lock:
        assert journal._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert journal._db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_rows_survive_a_reopen_without_close(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    first = Journal(path)
    record = first.open_sale(state="BASKET", total=349)
    first.update(record.sale_id, state="PAYING", transaction_id="STX_1", tendered=500, cash=349)
    # No close: the next process opens the file as the crashed one left it.
    second = Journal(path)
    again = second.sale(record.sale_id)
    assert (again.state, again.transaction_id, again.tendered, again.cash) == ("PAYING", "STX_1", 500, 349)
    assert [sale.sale_id for sale in second.unfinished_sales()] == [record.sale_id]
    # A second connection sees the first one's later writes too.
    first.update(record.sale_id, state="PAID", receipt={"transaction": {"id": "STX_1"}})
    assert second.unfinished_sales() == []
    assert second.last_completed() is not None


def test_sale_numbers_count_up_across_reopens(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    numbers = [Journal(path).open_sale(state="BASKET").sale_number for _ in range(3)]
    assert numbers == [1, 2, 3]


def test_update_of_an_unknown_sale_raises(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "journal.sqlite3")
    with pytest.raises(KeyError):
        journal.update("nope", state="PAID")


def test_none_clears_and_unset_keeps(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "journal.sqlite3")
    sale = journal.open_sale(state="CARD", card_number="9276004429942845")
    journal.update(sale.sale_id, transaction_id="STX_1", error="boom")
    journal.update(sale.sale_id, error=None)
    row = journal.sale(sale.sale_id)
    assert (row.card_number, row.transaction_id, row.error) == ("9276004429942845", "STX_1", None)


def test_sales_of_day_and_last_completed(tmp_path: Path) -> None:
    clock = FakeClock(datetime(2026, 3, 2, 23, 50, tzinfo=BERLIN))
    journal = Journal(tmp_path / "journal.sqlite3", clock=clock)
    late = journal.open_sale(state="BASKET", total=100)
    journal.update(late.sale_id, state="PAID", card_share=40, cash=60)
    clock.now += timedelta(minutes=20)  # past midnight: the next day
    early = journal.open_sale(state="BASKET", total=200)
    journal.update(early.sale_id, state="PAID", cash=200)
    voided = journal.open_sale(state="BASKET", total=50)
    journal.update(voided.sale_id, state="VOIDED")
    first_day = journal.sales_of_day(date(2026, 3, 2))
    assert [(s.total, s.card_share, s.cash, s.state) for s in first_day] == [(100, 40, 60, "PAID")]
    assert first_day[0].time == datetime(2026, 3, 2, 23, 50, tzinfo=BERLIN)
    assert [s.state for s in journal.sales_of_day(date(2026, 3, 3))] == ["PAID", "VOIDED"]
    last = journal.last_completed()
    assert last is not None
    assert last.sale_id == early.sale_id


def test_basket_lines_round_trip() -> None:
    basket = Basket()
    basket.add(Article("1", "4000000000017", "Kaffee", 249, 19, "Getränke"), 2)
    basket.add(Article("2", "", "Brötchen", 99, 7))
    basket.void(basket.lines[0].line_id)
    basket.add(Article("3", "", "Sandwich", 349, 7))
    lines = basket_lines_from_json(basket_lines_to_json(basket.lines))
    assert [(line.line_id, line.article, line.quantity) for line in lines] == [
        (line.line_id, line.article, line.quantity) for line in basket.lines
    ]


def test_parallel_writers_in_threads(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "journal.sqlite3")
    sale = journal.open_sale(state="BASKET")
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            for i in range(15):
                journal.update(sale.sale_id, total=n * 1000 + i)
                journal.open_sale(state="BASKET")
        except (sqlite3.Error, KeyError) as exc:  # pragma: no cover - the failure we look for
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(journal.all_sales()) == 1 + 4 * 15


def test_opening_an_existing_journal_writes_nothing(tmp_path: Path) -> None:
    """The till opens its journal at every start; with synchronous commits a write there would
    cost a disk flush each time."""
    path = tmp_path / "journal.sqlite3"
    Journal(path).close()
    before = path.read_bytes()
    reopened = Journal(path)
    try:
        wal = path.with_name(path.name + "-wal")
        assert not wal.exists() or wal.stat().st_size == 0
        assert reopened.unfinished_sales() == []
    finally:
        reopened.close()
    assert path.read_bytes() == before
    with sqlite3.connect(path) as check:
        assert check.execute("PRAGMA user_version").fetchone()[0] == 1

"""The SQLite ledger: durable settings, append-only events, the read model and its rebuild, the
day's sales, the last paid sale by sequence number, and the migration of a v1 journal."""

from __future__ import annotations

import json
import shutil
import sqlite3
import threading
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from pos_gui.api.errors import ApiConnectionError
from pos_gui.core.basket import Article, BasketLine
from pos_gui.core.payment import Payment
from pos_gui.persistence.ledger import Ledger, LedgerWriteError
from pos_gui.persistence.sale_events import EventKind, basket_from_json, basket_to_json
from pos_gui.services.checkout import CheckoutService, CheckoutState
from pos_gui.services.server_connection import ServerConnection
from tests.unit.services.test_checkout_fake import FakeSecuconnect

BERLIN = timezone(timedelta(hours=1))
FIXTURE = Path(__file__).parents[2] / "fixtures" / "journal-v1.sqlite3"
COFFEE = Article("30038", "4000000000017", "Kaffee", 249, 19, "Getränke")
ROLL = Article("30039", "", "Brötchen", 99, 7)


class FakeClock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def pay(ledger: Ledger, sale_id: str, transaction_id: str, total: int) -> None:
    payment = Payment.of(total=total, cash_due=total, tendered=total)
    ledger.append(sale_id, EventKind.TRANSACTION_CREATED, transaction_id=transaction_id)
    ledger.append(
        sale_id, EventKind.PAYMENT_ANNOUNCED, transaction_id=transaction_id, method="cash", payment=payment
    )
    ledger.append(sale_id, EventKind.PAYMENT_CONFIRMED, transaction={"id": transaction_id}, payment=payment)


def test_wal_and_synchronous_full(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "data" / "journal.sqlite3")
    with sqlite3.connect(ledger.path) as check:
        assert check.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with ledger._lock:
        assert ledger._db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_events_survive_a_reopen_without_close(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    first = Ledger(path)
    record = first.open_sale(state="BASKET", basket=[BasketLine(1, ROLL, 3)])
    first.append(record.sale_id, EventKind.TRANSACTION_CREATED, transaction_id="STX_1")
    payment = Payment.of(total=297, cash_due=297, tendered=500)
    first.append(
        record.sale_id, EventKind.PAYMENT_ANNOUNCED, transaction_id="STX_1", method="cash", payment=payment
    )
    # No close: the next process opens the file as the crashed one left it.
    second = Ledger(path)
    again = second.sale(record.sale_id)
    assert (again.state, again.transaction_id, again.tendered, again.cash) == ("PAYING", "STX_1", 500, 297)
    assert [sale.sale_id for sale in second.unfinished_sales()] == [record.sale_id]
    # A second connection sees the first one's later events too.
    first.append(record.sale_id, EventKind.PAYMENT_CONFIRMED, transaction={"id": "STX_1"}, payment=payment)
    assert second.unfinished_sales() == []
    assert second.last_completed() == second.sale(record.sale_id)
    assert second.sale(record.sale_id).payment == Payment(297, 0, 297, 500, 203)


def test_sequence_numbers_are_gapless_and_sale_numbers_count_up(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    numbers = [Ledger(path).open_sale(state="BASKET").sale_number for _ in range(3)]
    assert numbers == [1, 2, 3]
    ledger = Ledger(path)
    with pytest.raises(KeyError):
        ledger.append("no such sale", EventKind.SALE_ABORTED)
    with pytest.raises(ValueError, match="does not carry"):
        ledger.append(ledger.all_sales()[0].sale_id, EventKind.SALE_ABORTED, total=5)
    ledger.append(ledger.all_sales()[0].sale_id, EventKind.SALE_ABORTED)
    # The refused appends left no gap.
    assert [event.seq for event in ledger.events()] == [1, 2, 3, 4]


def test_events_are_never_updated_or_deleted(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "journal.sqlite3")
    sale = ledger.open_sale(state="BASKET", basket=[BasketLine(1, COFFEE, 1)])
    ledger.append(sale.sale_id, EventKind.SALE_ABORTED)
    before = ledger.events()
    with sqlite3.connect(ledger.path) as other:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            other.execute("UPDATE events SET kind = 'payment_confirmed' WHERE seq = 2")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            other.execute("DELETE FROM events")
    other.close()
    assert ledger.events() == before
    assert ledger.sale(sale.sale_id).state == "VOIDED"


def test_read_model_is_what_the_events_say(tmp_path: Path) -> None:
    """A realistic run: edits, card, apply, refusal, unknown, recovery paths; rebuild == cache."""
    clock = FakeClock(datetime(2026, 3, 2, 10, 0, tzinfo=BERLIN))
    ledger = Ledger(tmp_path / "journal.sqlite3", clock=clock)
    sale = ledger.open_sale(state="BASKET", basket=[BasketLine(1, COFFEE, 1)]).sale_id
    ledger.append(sale, EventKind.LINE_ADDED, line=BasketLine(2, ROLL, 2), state="BASKET")
    ledger.append(sale, EventKind.LINE_CHANGED, line_id=2, quantity=3, state="BASKET")
    ledger.append(sale, EventKind.CARD_IDENTIFIED, card_number="9276004429942845", state="CARD")
    ledger.append(sale, EventKind.TRANSACTION_CREATED, transaction_id="STX_1")
    ledger.append(sale, EventKind.BALANCE_APPLIED, card_share=500, cash=46)
    payment = Payment.of(total=546, cash_due=46, tendered=50)
    ledger.append(sale, EventKind.PAYMENT_ANNOUNCED, transaction_id="STX_1", method="cash", payment=payment)
    ledger.append(sale, EventKind.PAYMENT_UNKNOWN, error="timeout")
    ledger.append(sale, EventKind.SALE_RESTORED, state="APPLIED", card_number="9276004429942845",
                  transaction_id="STX_1", card_share=500, cash=46, error=None)  # fmt: skip
    ledger.append(sale, EventKind.PAYMENT_ANNOUNCED, transaction_id="STX_1", method="cash", payment=payment)
    ledger.append(
        sale, EventKind.PAYMENT_CONFIRMED, transaction={"id": "STX_1", "is_demo": True}, payment=payment
    )
    ledger.receipt_printed(sale)
    other = ledger.open_sale(state="BASKET", basket=[BasketLine(1, ROLL, 1)]).sale_id
    ledger.append(other, EventKind.TRANSACTION_CREATED, transaction_id="STX_2")
    ledger.append(other, EventKind.TRANSACTION_FORGOTTEN, error="transaction aborted")
    ledger.append(other, EventKind.LINE_VOIDED, line_id=1, state="EMPTY")
    ledger.append(other, EventKind.SALE_ABORTED, error="replaced by a later sale")

    cached = ledger.all_sales()
    assert ledger.read_model_from_events() == cached
    paid = ledger.sale(sale)
    assert (paid.state, paid.total, paid.card_share, paid.cash, paid.tendered) == ("PAID", 546, 500, 46, 50)
    assert [(line.line_id, line.quantity) for line in paid.basket] == [(1, 1), (2, 3)]
    assert (paid.receipts_printed, paid.error, paid.transaction) == (
        1,
        None,
        {"id": "STX_1", "is_demo": True},
    )
    voided = ledger.sale(other)
    assert (voided.state, voided.transaction_id, voided.basket, voided.error) == (
        "VOIDED", None, (), "replaced by a later sale",
    )  # fmt: skip
    ledger.rebuild_read_model()
    assert ledger.all_sales() == cached


def test_sales_of_day_across_midnight(tmp_path: Path) -> None:
    clock = FakeClock(datetime(2026, 3, 2, 23, 50, tzinfo=BERLIN))
    ledger = Ledger(tmp_path / "journal.sqlite3", clock=clock)
    late = ledger.open_sale(state="BASKET", basket=[BasketLine(1, ROLL, 1)])
    pay(ledger, late.sale_id, "STX_1", 99)
    clock.now += timedelta(minutes=20)  # past midnight: the next day
    early = ledger.open_sale(state="BASKET", basket=[BasketLine(1, COFFEE, 1)])
    pay(ledger, early.sale_id, "STX_2", 249)
    voided = ledger.open_sale(state="BASKET", basket=[BasketLine(1, ROLL, 1)])
    ledger.append(voided.sale_id, EventKind.SALE_ABORTED)
    first_day = ledger.sales_of_day(date(2026, 3, 2))
    assert [(s.total, s.cash, s.state) for s in first_day] == [(99, 99, "PAID")]
    assert first_day[0].time == datetime(2026, 3, 2, 23, 50, tzinfo=BERLIN)
    assert [s.state for s in ledger.sales_of_day(date(2026, 3, 3))] == ["PAID", "VOIDED"]


def test_last_completed_follows_the_sequence_not_the_clock(tmp_path: Path) -> None:
    """Issue 15 #8: the clock was set back an hour between two sales; Ctrl+P must reprint the
    sale paid last, not the one with the latest wall time."""
    clock = FakeClock(datetime(2026, 3, 29, 3, 30, tzinfo=BERLIN))
    ledger = Ledger(tmp_path / "journal.sqlite3", clock=clock)
    before = ledger.open_sale(state="BASKET", basket=[BasketLine(1, COFFEE, 1)])
    pay(ledger, before.sale_id, "STX_1", 249)
    clock.now -= timedelta(hours=1)
    after = ledger.open_sale(state="BASKET", basket=[BasketLine(1, ROLL, 1)])
    pay(ledger, after.sale_id, "STX_2", 99)
    last = ledger.last_completed()
    assert last is not None
    assert (last.sale_id, last.total) == (after.sale_id, 99)
    # A reprint of the older receipt does not make it the last paid sale.
    ledger.receipt_printed(before.sale_id)
    last = ledger.last_completed()
    assert last is not None
    assert last.sale_id == after.sale_id


def test_basket_lines_round_trip() -> None:
    lines = [BasketLine(1, COFFEE, 2), BasketLine(3, ROLL, 1)]
    assert list(basket_from_json(basket_to_json(lines))) == lines


def test_parallel_writers_in_threads(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "journal.sqlite3")
    sale = ledger.open_sale(state="BASKET")
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            for i in range(15):
                ledger.append(sale.sale_id, EventKind.ERROR_NOTED, error=f"{n}/{i}")
                ledger.open_sale(state="BASKET")
        except (sqlite3.Error, KeyError) as exc:  # pragma: no cover - the failure we look for
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(ledger.all_sales()) == 1 + 4 * 15
    assert [event.seq for event in ledger.events()] == list(range(1, 1 + 1 + 4 * 15 * 2))


def test_a_failed_write_is_a_ledger_write_error_and_keeps_nothing(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    ledger = Ledger(path)
    sale = ledger.open_sale(state="BASKET", basket=[BasketLine(1, ROLL, 1)])
    with sqlite3.connect(path, isolation_level=None) as blocker:
        blocker.execute("BEGIN IMMEDIATE")  # another writer holds the file
        ledger._db.execute("PRAGMA busy_timeout=50")
        with pytest.raises(LedgerWriteError):
            ledger.append(sale.sale_id, EventKind.SALE_ABORTED)
        blocker.execute("ROLLBACK")
    blocker.close()
    assert ledger.sale(sale.sale_id).state == "BASKET"
    ledger.append(sale.sale_id, EventKind.SALE_ABORTED)  # writing works again
    assert [event.seq for event in ledger.events()] == [1, 2]


def test_opening_an_existing_ledger_writes_nothing(tmp_path: Path) -> None:
    """The till opens its ledger at every start; with synchronous commits a write there would
    cost a disk flush each time."""
    path = tmp_path / "journal.sqlite3"
    Ledger(path).close()
    before = path.read_bytes()
    reopened = Ledger(path)
    try:
        wal = path.with_name(path.name + "-wal")
        assert not wal.exists() or wal.stat().st_size == 0
        assert reopened.unfinished_sales() == []
    finally:
        reopened.close()
    assert path.read_bytes() == before
    with sqlite3.connect(path) as check:
        assert check.execute("PRAGMA user_version").fetchone()[0] == 3


# -- migration of a v1 journal ------------------------------------------------------------------


def test_a_v1_journal_migrates_without_loss(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    shutil.copy(FIXTURE, path)
    ledger = Ledger(path)
    with sqlite3.connect(path) as check:
        check.row_factory = sqlite3.Row
        assert check.execute("PRAGMA user_version").fetchone()[0] == 3
        old_rows = check.execute("SELECT * FROM sales_v1 ORDER BY sale_number").fetchall()
    check.close()
    sales = ledger.all_sales()
    assert [s.sale_number for s in sales] == [1, 2, 3, 4, 5]
    assert [s.state for s in sales] == ["PAID", "PAID", "VOIDED", "PAYING", "CARD"]
    for sale, old in zip(sales, old_rows, strict=True):
        for field in ("sale_id", "created_at", "updated_at", "state", "card_number", "transaction_id",
                      "tendered", "total", "card_share", "cash", "error"):  # fmt: skip
            assert getattr(sale, field) == old[field], (sale.sale_number, field)
        assert basket_to_json(sale.basket) == json.loads(old["basket"])
        assert sale.receipt == (json.loads(old["receipt"]) if old["receipt"] else None)
    card_and_cash, cash, voided = sales[:3]
    assert card_and_cash.payment == Payment(
        total=796, card_paid=500, cash_due=296, tendered=2000, change=1704
    )
    assert cash.payment == Payment(total=498, card_paid=0, cash_due=498, tendered=1000, change=502)
    assert card_and_cash.transaction is not None
    assert card_and_cash.transaction["id"] == card_and_cash.transaction_id
    assert voided.payment is None
    assert [s.sale_number for s in ledger.unfinished_sales()] == [4, 5]
    last = ledger.last_completed()
    assert last is not None
    assert last.sale_number == 2
    assert ledger.read_model_from_events() == sales
    # Reopened: already migrated, nothing is appended twice.
    count = len(ledger.events())
    ledger.close()
    assert len(Ledger(path).events()) == count


@pytest.mark.asyncio
async def test_recovery_on_a_migrated_journal_still_asks_about_the_paying_sale(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    shutil.copy(FIXTURE, path)
    ledger = Ledger(path)
    server = FakeSecuconnect()
    server.fail("get", ApiConnectionError("no network"))
    checkout = CheckoutService(ServerConnection.of(server), ledger, device_id="SDV_FIXTURE", is_demo=True)
    results = await checkout.recover()
    assert [(r.sale_number, r.outcome) for r in results] == [(4, "pending"), (5, "restored")]
    paying = ledger.sale(results[0].sale_id)
    assert (paying.state, paying.is_finished) == ("PAYING", False)
    assert server.count("get") == 1
    assert checkout.state is CheckoutState.CARD
    assert checkout.sale_number == 5
    assert [(line.article.name, line.quantity) for line in checkout.basket.lines] == [("Sandwich", 2)]

"""The shop day's events in the ledger: one sequence with the sales, their numbers, the v2 -> v3 migration."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from pos_gui.core.basket import Article, BasketLine
from pos_gui.persistence.day_events import DayEventKind
from pos_gui.persistence.ledger import Ledger
from pos_gui.persistence.sale_events import EventKind

MILK = Article("1001", "4000000000001", "Milch", 119, 7)

# The events table and sales read model exactly as schema version 2 wrote them.
V2_SCHEMA = """
CREATE TABLE events (seq INTEGER PRIMARY KEY, sale_id TEXT NOT NULL, kind TEXT NOT NULL,
    payload TEXT NOT NULL, recorded_at TEXT NOT NULL);
CREATE INDEX events_by_sale ON events (sale_id, seq);
CREATE TRIGGER events_are_never_changed BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'the ledger is append-only: events are never changed'); END;
CREATE TABLE sales (sale_id TEXT PRIMARY KEY, sale_number INTEGER NOT NULL UNIQUE, created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL, state TEXT NOT NULL, basket TEXT NOT NULL, card_number TEXT,
    transaction_id TEXT, tendered INTEGER, total INTEGER NOT NULL, card_share INTEGER NOT NULL,
    cash INTEGER NOT NULL, payment TEXT, transaction_json TEXT, error TEXT, last_seq INTEGER NOT NULL,
    paid_seq INTEGER, paid_at TEXT, receipts_printed INTEGER NOT NULL DEFAULT 0);
INSERT INTO events VALUES (1, 'sale-a', 'sale_opened',
    '{"basket": [], "card_number": null, "sale_number": 1, "state": "BASKET"}', '2025-03-14T09:00:00+01:00');
INSERT INTO events VALUES (2, 'sale-a', 'sale_aborted', '{}', '2025-03-14T09:01:00+01:00');
INSERT INTO sales VALUES ('sale-a', 1, '2025-03-14T09:00:00+01:00', '2025-03-14T09:01:00+01:00', 'VOIDED',
    '[]', NULL, NULL, NULL, 0, 0, 0, NULL, NULL, NULL, 2, NULL, NULL, 0);
PRAGMA user_version = 2;
"""


def test_day_events_share_the_one_gapless_sequence_with_the_sales(tmp_path: Path) -> None:
    with Ledger(tmp_path / "journal.sqlite3") as ledger:
        ledger.append_day_event("day:2025-03-14", DayEventKind.FLOAT_COUNTED, {"amount": 15000})
        sale = ledger.open_sale(state="BASKET", basket=[BasketLine(1, MILK, 1)], cashier="Anna")
        ledger.append_day_event("move-1", DayEventKind.CASH_MOVED, {"gv_type": "Einlage", "amount": 500})
        ledger.append(sale.sale_id, EventKind.SALE_ABORTED)

        events = ledger.all_events()

        assert [event.seq for event in events] == [1, 2, 3, 4]
        assert [event.kind for event in events] == [
            "float_counted",
            "sale_opened",
            "cash_moved",
            "sale_aborted",
        ]
        assert events[1].payload["cashier"] == "Anna"
        # The sale's own reading and the read model never see the day events.
        assert [event.seq for event in ledger.events()] == [2, 4]
        ledger.rebuild_read_model()
        assert [record.state for record in ledger.all_sales()] == ["VOIDED"]


def test_a_storno_receipt_takes_the_next_bon_nr_and_the_next_sale_the_one_after(tmp_path: Path) -> None:
    with Ledger(tmp_path / "journal.sqlite3") as ledger:
        first = ledger.open_sale(state="BASKET", basket=[BasketLine(1, MILK, 1)])
        storno = ledger.append_day_event(
            "storno-1", DayEventKind.STORNO_BOOKED, {"original_number": 1}, numbered="receipt_number"
        )
        second = ledger.open_sale(state="BASKET", basket=[BasketLine(1, MILK, 1)])

        assert (first.sale_number, storno.payload["receipt_number"], second.sale_number) == (1, 2, 3)


def test_z_numbers_count_up_without_a_gap(tmp_path: Path) -> None:
    with Ledger(tmp_path / "journal.sqlite3") as ledger:
        numbers = [
            ledger.append_day_event(f"z-{i}", DayEventKind.Z_CLOSED, {}, numbered="number").payload["number"]
            for i in range(3)
        ]
    assert numbers == [1, 2, 3]


def test_a_fact_the_kind_does_not_carry_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    with Ledger(tmp_path / "journal.sqlite3") as ledger:
        with pytest.raises(ValueError, match="amout"):
            ledger.append_day_event("move-1", DayEventKind.CASH_MOVED, {"amout": 500})
        assert ledger.all_events() == []


def test_a_v2_file_migrates_to_v3_and_keeps_its_events(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    with sqlite3.connect(path) as old:
        old.executescript(V2_SCHEMA)
    old.close()

    with Ledger(path) as ledger:
        events = ledger.all_events()
        sales = ledger.all_sales()
        ledger.append_day_event("day:2025-03-14", DayEventKind.FLOAT_COUNTED, {"amount": 100})
        next_sale = ledger.open_sale(state="BASKET", basket=[BasketLine(1, MILK, 1)])

    assert [(e.seq, e.subject_id, e.kind) for e in events] == [
        (1, "sale-a", "sale_opened"),
        (2, "sale-a", "sale_aborted"),
    ]
    assert [(s.sale_number, s.state) for s in sales] == [(1, "VOIDED")]
    assert next_sale.sale_number == 2
    with sqlite3.connect(path) as check:
        assert check.execute("PRAGMA user_version").fetchone()[0] == 3
        columns = [row[1] for row in check.execute("PRAGMA table_info(events)")]
        assert columns[:2] == ["seq", "subject_id"]
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            check.execute("UPDATE events SET kind = 'x' WHERE seq = 1")
    check.close()

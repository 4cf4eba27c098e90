"""A whole shop day on the simulator: the Z closing's totals equal the ledger's events to the cent."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from collections import defaultdict
from pathlib import Path
from typing import Any

from pos_gui.app.connection import embedded_demo_connection
from pos_gui.app.demo_day import run_day


def expected_from_events(rows: list[tuple[int, str, str, dict[str, Any]]]) -> dict[str, Any]:
    """The sums a Z closing must show, folded here from the raw events on their own."""
    baskets: dict[str, dict[int, tuple[int, int, int]]] = {}  # sale -> line id -> (price, rate, qty)
    training: set[str] = set()
    sums: dict[str, Any] = defaultdict(int)
    gross: dict[int, int] = defaultdict(int)
    moves: dict[str, int] = defaultdict(int)
    for _seq, subject, kind, facts in rows:
        if kind == "sale_opened":
            baskets[subject] = {
                line["line_id"]: (line["price"], line["vat_rate"], line["quantity"])
                for line in facts["basket"]
            }
            if facts.get("training"):
                training.add(subject)
        elif kind == "line_added":
            line = facts["line"]
            baskets[subject][line["line_id"]] = (line["price"], line["vat_rate"], line["quantity"])
        elif kind == "line_changed":
            price, rate, _ = baskets[subject][facts["line_id"]]
            baskets[subject][facts["line_id"]] = (price, rate, facts["quantity"])
        elif kind == "line_voided":
            del baskets[subject][facts["line_id"]]
        elif kind == "payment_confirmed":
            if subject in training:
                sums["training_count"] += 1
                continue
            sums["sales_count"] += 1
            sums["sales_total"] += facts["payment"]["total"]
            sums["card_share"] += facts["payment"]["card_paid"]
            sums["cash_sales"] += facts["payment"]["cash_due"]
            for price, rate, quantity in baskets[subject].values():
                gross[rate] += price * quantity
        elif kind == "sale_aborted":
            total = sum(price * quantity for price, _, quantity in baskets[subject].values())
            if subject not in training and total:
                sums["aborted_count"] += 1
                sums["aborted_total"] += total
        elif kind == "storno_booked":
            sums["storno_count"] += 1
            sums["storno_total"] += facts["total"]
            sums["storno_cash"] += facts["cash"]
            for line in facts["basket"]:
                gross[line["vat_rate"]] -= line["price"] * line["quantity"]
        elif kind == "cash_moved":
            moves[facts["gv_type"]] += facts["amount"]
        elif kind == "float_counted":
            sums["opening_float"] = facts["amount"]
    sums["gross_by_rate"] = {str(rate): cents for rate, cents in sorted(gross.items(), reverse=True)}
    sums["cash_moves"] = dict(moves)
    sums["expected_cash"] = (
        sums["opening_float"] + sums["cash_sales"] + sums["storno_cash"] + sum(moves.values())
    )
    return dict(sums)


def test_the_z_totals_of_a_random_day_equal_the_sums_of_the_ledgers_events(tmp_path: Path) -> None:
    connection = embedded_demo_connection()
    connection.start()
    try:
        asyncio.run(run_day(connection, tmp_path, sales=160, seed=12))
    finally:
        connection.stop()
    with sqlite3.connect(tmp_path / "journal-demo.sqlite3") as db:
        rows = [
            (seq, subject, kind, json.loads(payload))
            for seq, subject, kind, payload in db.execute(
                "SELECT seq, subject_id, kind, payload FROM events ORDER BY seq"
            )
        ]
    db.close()
    closings = [facts for _, _, kind, facts in rows if kind == "z_closing"]
    z_seq = next(seq for seq, _, kind, _ in rows if kind == "z_closing")
    kinds = {kind for _, _, kind, _ in rows}

    expected = expected_from_events([row for row in rows if row[0] < z_seq])
    totals = closings[0]["totals"]

    assert len(rows) >= 500
    assert {"storno_booked", "cash_moved", "sale_aborted", "float_counted", "x_report_taken"} <= kinds
    assert expected["storno_count"] > 0
    assert expected["training_count"] > 0
    for key in (
        "sales_count",
        "sales_total",
        "card_share",
        "cash_sales",
        "storno_count",
        "storno_total",
        "storno_cash",
        "aborted_count",
        "aborted_total",
        "opening_float",
        "cash_moves",
        "expected_cash",
        "gross_by_rate",
        "training_count",
    ):
        assert totals[key] == expected[key], key
    assert closings[0]["number"] == 1
    assert closings[0]["difference"] == closings[0]["counted_total"] - expected["expected_cash"]


def test_a_day_started_again_after_its_z_prints_the_same_z_and_sells_nothing_more(tmp_path: Path) -> None:
    connection = embedded_demo_connection()
    connection.start()
    try:
        first = asyncio.run(run_day(connection, tmp_path, sales=12, seed=3))
        with sqlite3.connect(tmp_path / "journal-demo.sqlite3") as db:
            events_after_the_day = db.execute("SELECT count(*) FROM events").fetchone()[0]
        db.close()

        # Killed right after its Z: started again with the same options.
        again = asyncio.run(run_day(connection, tmp_path, sales=12, seed=3))
    finally:
        connection.stop()
    with sqlite3.connect(tmp_path / "journal-demo.sqlite3") as db:
        events_now = db.execute("SELECT count(*) FROM events").fetchone()[0]
    db.close()

    assert again == first  # the same Z: its number, totals and count
    assert first[1][0] == "Z-Nr. 1"
    assert events_now == events_after_the_day

"""A generated ledger file for the export benchmark: many Z closings of signed sales, written in bulk.

The till's own API appends one durable transaction per event (fsync each), far too slow for a
million events; here the schema comes from :class:`~pos_gui.persistence.ledger.Ledger` and the
events go in with one ``executemany`` in one transaction. The events carry exactly the facts the
till writes (``sale_opened`` with its basket, ``tse_tx_planned``, ``payment_confirmed``,
``tse_finished`` with the TSE's answer; per closing a login, the float, a cash movement, a few
Stornos and the ``z_closing`` with the count), so the export reads them as a till's. Only the
``sales`` read model is left empty: the export never reads it.
"""

from __future__ import annotations

import base64
import json
import random
import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from pos_gui.persistence.ledger import Ledger

BERLIN = timezone(timedelta(hours=2))
_ARTICLES = (
    ("30037", "", "Sandwich Romano", 349, 7),
    ("812", "4006381333931", "Kaffee groß", 280, 19),
    ("907", "", "Brezel", 120, 7),
    ("51", "4999012345678", "Wasser 0,25 l", 99, 19),
)
_SERIAL = "b" * 64
_PUBLIC_KEY = base64.b64encode(bytes(65)).decode()


def write_ledger(path: Path, *, receipts: int, closings: int, seed: int = 1) -> int:
    """Write a ledger of about ``receipts`` sales in ``closings`` Z closings; returns its event count."""
    Ledger(path).close()  # the schema, at the till's version
    rng = random.Random(seed)
    rows: list[tuple[int, str, str, str, str]] = []
    now = datetime(2026, 8, 18, 8, 0, tzinfo=BERLIN)
    sale_number = tse_number = 0

    def add(subject: str, kind: str, facts: dict[str, Any]) -> None:
        rows.append((len(rows) + 1, subject, kind, json.dumps(facts, sort_keys=True), now.isoformat()))

    for z_number in range(1, closings + 1):
        day = (datetime(2026, 8, 18) + timedelta(days=z_number - 1)).date().isoformat()
        now = datetime.fromisoformat(f"{day}T08:00:00+02:00")
        add(f"day:{day}", "cashier_logged_in", {"cashier_id": "c1", "name": "Anna Demo", "role": "manager"})
        add(f"day:{day}", "float_counted", {"cashier_id": "c1", "amount": 15000, "business_day": day})
        cash = 15000
        paid: list[tuple[str, int, list[dict[str, Any]], int]] = []
        for _ in range(receipts // closings):
            now += timedelta(seconds=rng.randint(5, 60))
            sale_number += 1
            tse_number += 1
            sale_id = f"sale-{sale_number}"
            basket = [
                {"line_id": i, "article_number": a, "ean": e, "name": n, "price": p, "vat_rate": r,
                 "group": "", "quantity": rng.randint(1, 3)}
                for i, (a, e, n, p, r) in enumerate(rng.sample(_ARTICLES, rng.randint(1, 3)), start=1)
            ]  # fmt: skip
            total = sum(line["price"] * line["quantity"] for line in basket)
            card = rng.choice((0, 0, 0, min(total, 500)))
            payment = {"total": total, "card_paid": card, "cash_due": total - card,
                       "tendered": total - card, "change": 0}  # fmt: skip
            add(sale_id, "sale_opened", {"sale_number": sale_number, "state": "BASKET", "basket": basket,
                                         "card_number": None, "cashier": "Anna Demo"})  # fmt: skip
            add(sale_id, "tse_tx_planned", {"tse_tx_id": f"tx-{sale_number}", "receipt_type": "Beleg"})
            add(
                sale_id,
                "payment_confirmed",
                {"payment": payment, "transaction": {"id": f"STX_{sale_number}"}},
            )
            add(
                sale_id, "tse_finished", {"tse_result": _tse_result(sale_number, tse_number, now, total, rng)}
            )
            cash += total - card
            paid.append((sale_id, sale_number, basket, card))
            if rng.random() < 0.01:
                original_id, original_number, original_basket, original_card = paid.pop(
                    rng.randrange(len(paid))
                )
                original_total = sum(line["price"] * line["quantity"] for line in original_basket)
                sale_number += 1
                subject = f"storno-{sale_number}"
                add(subject, "storno_announced", {"cashier_id": "c1", "manager_id": "c1",
                    "original_sale_id": original_id, "original_number": original_number,
                    "transaction_id": f"STX_{original_number}", "reason": "Kunde"})  # fmt: skip
                add(subject, "storno_booked", {"original_sale_id": original_id, "original_number": original_number,
                    "receipt_number": sale_number, "basket": original_basket, "total": -original_total,
                    "card_share": -original_card, "cash": original_card - original_total, "transaction": {}})  # fmt: skip
                cash += original_card - original_total
        add(f"move-{z_number}", "cash_moved", {"cashier_id": "c1", "gv_type": "Geldtransit", "amount": -10000,
                                              "reason": "Bank"})  # fmt: skip
        cash -= 10000
        counted = cash - rng.choice((0, 0, 10))
        add(f"z-{z_number}", "z_closing", {"cashier_id": "c1", "number": z_number, "business_day": day,
            "counted": {}, "counted_total": counted, "difference": counted - cash, "totals": {},
            "first_seq": 0})  # fmt: skip
    db = sqlite3.connect(path)
    with db:
        db.executemany(
            "INSERT INTO events (seq, subject_id, kind, payload, recorded_at) VALUES (?, ?, ?, ?, ?)", rows
        )
    db.close()
    return len(rows)


def _tse_result(
    sale_number: int, tse_number: int, now: datetime, total: int, rng: random.Random
) -> dict[str, Any]:
    moment = now.astimezone(UTC).isoformat()
    return {
        "tx_id": f"tx-{sale_number}",
        "state": "FINISHED",
        "number": tse_number,
        "time_start": moment,
        "time_end": moment,
        "signature": {
            "value": base64.b64encode(rng.randbytes(64)).decode(),
            "counter": 2 * tse_number,
            "algorithm": "ecdsa-plain-SHA256",
            "public_key": _PUBLIC_KEY,
        },
        "timestamp_format": "unixTime",
        "tss_serial_number": _SERIAL,
        "client_serial_number": "BENCH-KASSE-1",
        "process_type": "Kassenbeleg-V1",
        "process_data": f"Beleg^0.00_{total / 100:.2f}_0.00_0.00_0.00^{total / 100:.2f}:Bar",
        "qr_code_data": "",
    }

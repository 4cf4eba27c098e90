"""Checkout: requests per scan and per payment, and the time the checkout adds to the raw HTTP calls.

Against the embedded simulator on loopback. Requests are counted by the client's
``request_count``; times are medians over repeated runs. The baselines are the same HTTP requests
sent with a bare ``httpx.AsyncClient`` (same token, same bodies), measured in the same run, so the
ratio shows what the checkout (validation, journal writes with fsync, state machine) costs on top.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from bench.report import BenchRow, median_ms
from pos_gui.api.auth import Authenticator, ClientCredentials
from pos_gui.api.client import SecuconnectClient
from pos_gui.api.transport import build_http_client
from pos_gui.core.basket import Article
from pos_gui.services.checkout import CheckoutService
from pos_gui.services.ledger import EventKind, Ledger
from pos_gui.services.server_connection import ServerConnection
from pos_sim.embedded import start_embedded
from pos_sim.settings import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET

CARD = "9276004429942845"
ROUNDS = 30
SANDWICH = Article("30037", "", "Sandwich Romano", 349, 7)
WATER = Article("51", "4999012345678", "Water, mildly sprinkling, 0.25 ltr.", 99, 19)
TRANSACTIONS = "/api/v2/Smart/Transactions"


def _draft_body(number: int) -> dict[str, Any]:
    """The create body the checkout sends for the bench basket (2 sandwiches, 1 water, the card)."""
    return {
        "intent": "sale",
        "is_demo": True,
        "transactionRef": f"SDV_BENCHRAW/{number}",
        "basket": {
            "products": [
                {"id": 1, "item_type": "article", "articleNumber": "30037", "desc": SANDWICH.name,
                 "quantity": 2, "priceOne": 349, "tax": 7},
                {"id": 2, "item_type": "article", "articleNumber": "51", "ean": WATER.ean, "desc": WATER.name,
                 "quantity": 1, "priceOne": 99, "tax": 19},
            ]
        },
        "basket_info": {"sum": 797, "currency": "EUR"},
        "idents": [{"type": "card", "value": CARD}],
    }  # fmt: skip


async def _measure(url: str, folder: Path) -> list[BenchRow]:
    http = build_http_client(url)
    authenticator = Authenticator(http, ClientCredentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET))
    client = SecuconnectClient(http, authenticator)
    journal = Ledger(folder / "journal.sqlite3")
    checkout = CheckoutService(ServerConnection.of(client), journal, device_id="SDV_BENCH", is_demo=True)
    raw = httpx.AsyncClient(
        base_url=url, headers={"Authorization": f"Bearer {await authenticator.access_token()}"}
    )
    try:
        scan_requests: list[int] = []
        pay_requests: list[int] = []
        pay_requests_no_card: list[int] = []
        refresh_requests: list[int] = []
        scan_times: list[float] = []
        pay_times: list[float] = []
        raw_scan_times: list[float] = []
        raw_pay_times: list[float] = []
        for number in range(ROUNDS):
            checkout.add_article(SANDWICH, 2)
            checkout.add_article(WATER)
            before = client.request_count
            started = time.perf_counter()
            await checkout.scan_card(CARD)
            scan_times.append(time.perf_counter() - started)
            scan_requests.append(client.request_count - before)
            before = client.request_count
            started = time.perf_counter()
            await checkout.apply_card_balance()
            await checkout.pay_cash()
            pay_times.append(time.perf_counter() - started)
            pay_requests.append(client.request_count - before)
            # The card's new balance is read in the background after the payment; counted on
            # its own so that it does not land in the next sale's count.
            before = client.request_count
            if checkout.card_refresh is not None:
                await checkout.card_refresh
            refresh_requests.append(client.request_count - before)
            checkout.new_sale()

            checkout.add_article(SANDWICH)
            before = client.request_count
            await checkout.pay_cash()
            pay_requests_no_card.append(client.request_count - before)
            checkout.new_sale()

            started = time.perf_counter()
            response = await raw.get("/api/v2/Loyalty/MerchantCards", params={"q": f"card.cardnumber:{CARD}"})
            response.raise_for_status()
            response.json()
            raw_scan_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            created = (await raw.post(TRANSACTIONS, json=_draft_body(number))).json()
            (await raw.post(f"{TRANSACTIONS}/{created['id']}/preTransaction")).json()
            paid = await raw.post(f"{TRANSACTIONS}/{created['id']}/start/cash", json={})
            paid.raise_for_status()
            paid.json()
            raw_pay_times.append(time.perf_counter() - started)
        write_times: list[float] = []
        record = journal.open_sale(state="BASKET")
        for number in range(ROUNDS):
            started = time.perf_counter()
            journal.append(record.sale_id, EventKind.ERROR_NOTED, error=str(number))
            write_times.append(time.perf_counter() - started)
    finally:
        await raw.aclose()
        await http.aclose()
        journal.close()

    scan_count = max(scan_requests)
    pay_count = max(pay_requests)
    plain_count = max(pay_requests_no_card)
    refresh_count = max(refresh_requests)
    scan_ms, raw_scan_ms = median_ms(scan_times), median_ms(raw_scan_times)
    pay_ms, raw_pay_ms = median_ms(pay_times), median_ms(raw_pay_times)
    return [
        BenchRow("ledger append (WAL, synchronous FULL), p50", median_ms(write_times), "ms"),
        BenchRow("requests per card scan (max)", scan_count, "requests", target="1", met=scan_count == 1),
        BenchRow(
            "requests per payment, card applied (max)",
            pay_count,
            "requests",
            target="<= 3",
            met=pay_count <= 3,
        ),
        BenchRow(
            "requests after a card payment: new balance read in the background (max)",
            refresh_count,
            "requests",
            target="1, not awaited by the payment",
            met=refresh_count == 1,
        ),
        BenchRow(
            "requests per payment, no card (max)", plain_count, "requests", target="2", met=plain_count == 2
        ),
        BenchRow(
            "scan -> card known, p50",
            scan_ms,
            "ms",
            "raw httpx GET MerchantCards, p50",
            raw_scan_ms,
            target="< 5 ms beyond raw HTTP",
            met=scan_ms - raw_scan_ms < 5,
        ),
        BenchRow(
            "apply + pay -> paid (3 requests, 3 journal writes), p50",
            pay_ms,
            "ms",
            "raw httpx create + preTransaction + start/cash, p50",
            raw_pay_ms,
            target="< 20 ms beyond raw HTTP",
            met=pay_ms - raw_pay_ms < 20,
        ),
    ]


def run() -> list[BenchRow]:
    with tempfile.TemporaryDirectory() as folder, start_embedded() as sim:
        with httpx.Client(base_url=sim.url) as admin:
            admin.post(
                "/_sim/cards", json={"cardnumber": CARD, "cash_balance": 10_000_000}
            ).raise_for_status()
        return asyncio.run(_measure(sim.url, Path(folder)))


if __name__ == "__main__":
    from bench.report import format_table

    print(format_table(run()))

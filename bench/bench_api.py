"""API client: overhead of SecuconnectClient over a raw httpx request, against the embedded simulator.

Both sides GET the same Smart Transaction from the same simulator in the same run, alternating in
blocks so that drift in machine load hits both equally. The raw side only sends the request and
reads the body; the client adds the auth header lookup, logging, JSON validation into
``SmartTransaction`` and error mapping. The difference of the medians is the client's cost per call.
Also counted: requests per card scan and per payment.
"""

from __future__ import annotations

import asyncio
import statistics
import time

from bench.report import BenchRow
from pos_gui.api.auth import Authenticator, ClientCredentials
from pos_gui.api.client import SecuconnectClient
from pos_gui.api.models import BasketInfo, BasketProduct, Ident, SmartTransactionDraft, TransactionBasket
from pos_gui.api.transport import build_http_client
from pos_sim.embedded import start_embedded
from pos_sim.settings import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET

REQUESTS_PER_SIDE = 300
BLOCK = 25
WARM_UP = 20
CARD = "9276000000000029"  # 5,00 EUR cash balance in the demo data


def _seed_draft() -> SmartTransactionDraft:
    return SmartTransactionDraft(
        is_demo=True,
        merchant_ref="BENCH",
        transaction_ref="BENCH-1",
        basket=TransactionBasket(
            products=[
                BasketProduct(
                    id=1, desc="Sandwich Romano", article_number="30037", quantity=1, price_one=349, tax=7
                ),
                BasketProduct(
                    id=2,
                    desc="Fruit salad, small bowl",
                    article_number="30200",
                    quantity=1,
                    price_one=249,
                    tax=7,
                ),
                BasketProduct(id=3, desc="Water", article_number="51", quantity=2, price_one=99, tax=19),
            ]
        ),
        basket_info=BasketInfo(sum=796),
        idents=[Ident.card(CARD)],
    )


def _percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


async def _measure(url: str) -> tuple[list[float], list[float], int, int]:
    """Raw and client GET latencies in ms, and the requests a scan and a payment cost."""
    http = build_http_client(url, timeout=10.0)
    auth = Authenticator(http, ClientCredentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET))
    client = SecuconnectClient(http, auth)
    try:
        before = client.request_count
        await client.find_merchant_card(CARD)
        scan_requests = client.request_count - before

        before = client.request_count
        transaction = await client.create_transaction(_seed_draft())
        await client.pre_transaction(transaction.id)
        await client.start_transaction(transaction.id, "cash")
        payment_requests = client.request_count - before

        path = f"/api/v2/Smart/Transactions/{transaction.id}"
        headers = {"Authorization": f"Bearer {await auth.access_token()}"}

        async def raw_get() -> None:
            response = await http.get(path, headers=headers)
            response.raise_for_status()

        async def client_get() -> None:
            await client.get_transaction(transaction.id)

        for _ in range(WARM_UP):
            await raw_get()
            await client_get()
        raw: list[float] = []
        wrapped: list[float] = []
        while len(raw) < REQUESTS_PER_SIDE:
            for call, samples in ((raw_get, raw), (client_get, wrapped)):
                for _ in range(BLOCK):
                    started = time.perf_counter()
                    await call()
                    samples.append((time.perf_counter() - started) * 1000)
        return raw, wrapped, scan_requests, payment_requests
    finally:
        await client.aclose()


def run() -> list[BenchRow]:
    simulator = start_embedded()
    try:
        raw, wrapped, scan_requests, payment_requests = asyncio.run(_measure(simulator.url))
    finally:
        simulator.stop()
    raw_p50, raw_p99 = statistics.median(raw), _percentile(raw, 0.99)
    client_p50, client_p99 = statistics.median(wrapped), _percentile(wrapped, 0.99)
    overhead = client_p50 - raw_p50
    return [
        BenchRow("raw httpx GET transaction, p50", raw_p50, "ms"),
        BenchRow("raw httpx GET transaction, p99", raw_p99, "ms"),
        BenchRow("client get_transaction, p50", client_p50, "ms", "raw httpx GET, p50", raw_p50),
        BenchRow("client get_transaction, p99", client_p99, "ms", "raw httpx GET, p99", raw_p99),
        BenchRow(
            "client overhead per call (p50 difference)",
            overhead,
            "ms",
            "raw httpx GET, p50",
            raw_p50,
            target="< 1 ms",
            met=overhead < 1.0,
        ),
        BenchRow("requests per card scan", scan_requests, "requests", target="1", met=scan_requests == 1),
        BenchRow(
            "requests per payment (create, preTransaction, start/cash)",
            payment_requests,
            "requests",
            target="≤ 3",
            met=payment_requests <= 3,
        ),
    ]


if __name__ == "__main__":
    from bench.report import format_table

    print(format_table(run()))

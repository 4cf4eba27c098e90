"""TSE signing round trip: the till's start and finish of a sale against a plain HTTP request.

Against the embedded simulator's fiskaly on loopback (which signs with a real ECDSA P-256 key).
``FiskalySigner.start`` and ``.finish`` (a ``Kassenbeleg-V1`` of a cash sale) are timed per sale;
the baseline is a plain authenticated ``GET /tss/{id}`` on the same httpx client in the same run,
so the difference is what the client, the simulated TSE's bookkeeping and its signature cost on
top of one HTTP round trip. Issue 11 asks for < 5 ms beyond HTTP each, and one request per sale
start and one per finish (counted by an httpx event hook).
"""

from __future__ import annotations

import asyncio
import time

import httpx

from bench.report import BenchRow, median_ms
from pos_gui.fiscal.fiskaly import FiskalySigner
from pos_gui.fiscal.process_data import KassenbelegV1, ReceiptType
from pos_gui.fiscal.signer import new_tx_id
from pos_sim.embedded import start_embedded
from pos_sim.fiskaly import FISKALY_API
from pos_sim.fiskaly.state import DEMO_API_KEY, DEMO_API_SECRET, DEMO_CLIENT_ID, DEMO_TSS_ID

SALES = 200
WARM_UP = 20


async def _measure(url: str) -> list[BenchRow]:
    requests: list[str] = []
    bearer: dict[str, str] = {}

    async def count(request: httpx.Request) -> None:
        requests.append(request.url.path)
        if "Authorization" in request.headers:
            bearer["Authorization"] = request.headers["Authorization"]

    async with httpx.AsyncClient(base_url=url + FISKALY_API, event_hooks={"request": [count]}) as http:
        signer = FiskalySigner(
            http,
            api_key=DEMO_API_KEY,
            api_secret=DEMO_API_SECRET,
            tss_id=DEMO_TSS_ID,
            client_id=DEMO_CLIENT_ID,
        )
        receipt = KassenbelegV1.of_rates(ReceiptType.BELEG, {19: 220, 7: 698}, cash=918)
        await signer.read_tss()  # logs in; the baseline sends the same bearer token
        plain_times: list[float] = []
        start_times: list[float] = []
        finish_times: list[float] = []
        start_requests: list[int] = []
        finish_requests: list[int] = []
        for sale in range(WARM_UP + SALES):
            tx_id = new_tx_id()
            started = time.perf_counter()
            (await http.get(f"/tss/{DEMO_TSS_ID}", headers=bearer)).raise_for_status()
            plain = time.perf_counter() - started
            before = len(requests)
            started = time.perf_counter()
            await signer.start(tx_id)
            start = time.perf_counter() - started
            between = len(requests)
            started = time.perf_counter()
            await signer.finish(tx_id, receipt)
            finish = time.perf_counter() - started
            if sale >= WARM_UP:
                plain_times.append(plain)
                start_times.append(start)
                finish_times.append(finish)
                start_requests.append(between - before)
                finish_requests.append(len(requests) - between)
    plain_ms, start_ms, finish_ms = median_ms(plain_times), median_ms(start_times), median_ms(finish_times)
    most_start, most_finish = max(start_requests), max(finish_requests)
    return [
        BenchRow(
            "TSE start (FiskalySigner → simulated TSE), p50",
            start_ms,
            "ms",
            "plain GET /tss/{id}, p50",
            plain_ms,
            target="< 5 ms beyond HTTP",
            met=start_ms - plain_ms < 5,
        ),
        BenchRow(
            "TSE finish with Kassenbeleg-V1, p50",
            finish_ms,
            "ms",
            "plain GET /tss/{id}, p50",
            plain_ms,
            target="< 5 ms beyond HTTP",
            met=finish_ms - plain_ms < 5,
        ),
        BenchRow("requests per sale start (max)", most_start, "requests", target="1", met=most_start == 1),
        BenchRow("requests per sale finish (max)", most_finish, "requests", target="1", met=most_finish == 1),
    ]


def run() -> list[BenchRow]:
    with start_embedded() as sim:
        return asyncio.run(_measure(sim.url))


if __name__ == "__main__":
    from bench.report import format_table

    print(format_table(run()))

"""Chaos run of the checkout: many sales against the embedded simulator with random faults and kills.

``python -m bench.chaos [--checkouts N] [--seed S]`` (``make chaos``). Every sale gets a random
basket, maybe a card, maybe the card balance applied, maybe a fault (latency beyond the client's
time-out, HTTP 500/503, connection dropped before or after the server did the work, a body that
is not JSON) on one request of the flow, and maybe a crash:

* in-process crash: the sale's task is cancelled at a random moment (mid-request included), the
  checkout, its HTTP client and its journal connection are abandoned, and a fresh till on the same
  journal file recovers and finishes the sale;
* subprocess kill: the headless till (:mod:`pos_gui.app.headless`) rings the sale up and is
  SIGKILLed in a random journal state; the in-process till then recovers it.

At the end every sale must be paid exactly once: the table counts the server's bookings, duplicate
bookings of one sale, and sales that are not paid (lost); then every booking is matched to its
ledger sale by ``transactionRef`` and the amounts compared (:mod:`bench.booking_match`): bookings
without a paid sale, paid sales without a booking, other amounts or transactions. All must be 0;
the exit code says so. ``--tamper`` changes one ledger total by a cent before the matching, to
show that the check can fail. The table is printed and written to ``bench/chaos.md``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import logging
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from bench.booking_match import bookings_on_server, describe, match_bookings, sales_in_ledger
from pos_gui.api.errors import ApiError
from pos_gui.app.connection import Connection
from pos_gui.app.wiring import HeadlessTill, build_headless_till
from pos_gui.core.basket import Article
from pos_gui.services.catalog import Catalog
from pos_gui.services.checkout import CardRejectedError, CheckoutService, CheckoutState
from pos_gui.services.checkout_runner import pay_until_settled
from pos_gui.services.ledger import Ledger
from pos_sim.embedded import start_embedded

REPORT = Path(__file__).with_name("chaos.md")
DEVICE_ID = "SDV_CHAOSTILL"
HTTP_TIMEOUT_S = 0.3
LATENCY_MS = 450
CARDS = ["9276004429942845", "9276000000000011", "9276000000000029", "9276000000000060", "9276000000000045"]

FAULT_PATHS = {
    "card lookup": ("GET", "/api/v2/Loyalty/MerchantCards"),
    "create": ("POST", "/api/v2/Smart/Transactions"),
    "preTransaction": ("POST", "/api/v2/Smart/Transactions/*/preTransaction"),
    "start/cash": ("POST", "/api/v2/Smart/Transactions/*/start/cash"),
    "start/loyalty": ("POST", "/api/v2/Smart/Transactions/*/start/loyalty"),
    "read back": ("GET", "/api/v2/Smart/Transactions/*"),
}
FAULT_WEIGHTS = {
    "card lookup": 1,
    "create": 1,
    "preTransaction": 1,
    "start/cash": 3,
    "start/loyalty": 2,
    "read back": 1,
}
FAULT_KINDS: dict[str, dict[str, Any]] = {
    "latency": {"fault": "latency", "latency_ms": LATENCY_MS},
    "status 500": {"fault": "status", "status": 500},
    "status 503": {"fault": "status", "status": 503},
    "drop_before": {"fault": "drop_before"},
    "drop_after": {"fault": "drop_after"},
    "malformed": {"fault": "malformed"},
}


@dataclass
class Plan:
    """One random sale."""

    items: list[tuple[Article, int]]
    card: str | None
    apply: bool
    by_card: bool
    fault: tuple[str, str] | None
    crash: str  # "none", "in-process", "subprocess"
    crash_delay: float = 0.0
    hold: str = "PAYING"


@dataclass
class Tally:
    attempted: int = 0
    faults: Counter[str] = field(default_factory=Counter)
    crashes: Counter[str] = field(default_factory=Counter)
    recovered: Counter[str] = field(default_factory=Counter)
    crash_states: Counter[str] = field(default_factory=Counter)


def open_till(url: str, journal_path: Path) -> HeadlessTill:
    """The till's objects, as one process has them; abandoned as a whole on a crash."""
    return build_headless_till(
        Connection.demo(url),
        journal_path,
        device_id=DEVICE_ID,
        timeout=HTTP_TIMEOUT_S,
        backoff=(0.05, 0.1, 0.2, 0.4),
    )


def quiet(*parts: object) -> None:
    """The cashier helper's report, silenced."""


def make_plan(rng: random.Random, articles: list[Article], kill_fraction: float) -> Plan:
    items = [(rng.choice(articles), rng.randint(1, 3)) for _ in range(rng.randint(1, 4))]
    card = rng.choice(CARDS) if rng.random() < 0.6 else None
    apply = card is not None and rng.random() < 0.7
    fault = None
    if rng.random() < 0.6:
        # The payment requests are where a lost answer could cost money: fault them most.
        request = rng.choices(
            sorted(FAULT_PATHS), weights=[FAULT_WEIGHTS[name] for name in sorted(FAULT_PATHS)]
        )[0]
        fault = (request, rng.choice(sorted(FAULT_KINDS)))
    roll = rng.random()
    crash = "subprocess" if roll < kill_fraction else "in-process" if roll < kill_fraction + 0.3 else "none"
    holds = ["BASKET", "PAYING"] + (["CARD"] if card else []) + (["APPLIED"] if apply else [])
    return Plan(
        items=items,
        card=card,
        apply=apply,
        by_card=rng.random() < 0.5,
        fault=fault,
        crash=crash,
        crash_delay=rng.uniform(0.0, 0.08),
        hold=rng.choice(holds),
    )


def arm_fault(admin: httpx.Client, fault: tuple[str, str]) -> None:
    method, path = FAULT_PATHS[fault[0]]
    admin.post(
        "/_sim/faults", json={"method": method, "path": path, **FAULT_KINDS[fault[1]]}
    ).raise_for_status()


def set_cash_balance(admin: httpx.Client, cardnumber: str, cents: int) -> None:
    admin.post("/_sim/cards", json={"cardnumber": cardnumber, "cash_balance": cents}).raise_for_status()


def clear_faults(admin: httpx.Client) -> None:
    admin.delete("/_sim/faults").raise_for_status()


def server_transactions(admin: httpx.Client) -> list[dict[str, Any]]:
    response = admin.get("/_sim/state")
    response.raise_for_status()
    transactions: list[dict[str, Any]] = response.json()["transactions"]
    return transactions


async def ring_up(checkout: CheckoutService, plan: Plan) -> None:
    for article, quantity in plan.items:
        checkout.add_article(article, quantity)
    if plan.card is not None:
        with contextlib.suppress(CardRejectedError, ApiError):
            await checkout.scan_card(plan.card)
    await pay_until_settled(checkout, apply=plan.apply, tendered=None, by_card=plan.by_card, report=quiet)


async def recover_and_finish(till: HeadlessTill, tally: Tally) -> None:
    """What the till does after a restart: recover until nothing is pending, finish the sale."""
    tally.crash_states.update(record.state for record in till.journal.unfinished_sales())
    for _ in range(20):
        outcomes = await till.checkout.recover()
        tally.recovered.update(item.outcome for item in outcomes)
        if all(item.outcome != "pending" for item in outcomes):
            break
        await asyncio.sleep(0.1)
    checkout = till.checkout
    for _ in range(5):
        if checkout.state in (CheckoutState.EMPTY, CheckoutState.PAID):
            break
        await pay_until_settled(checkout, apply=True, tendered=None, report=quiet)
    if checkout.state is CheckoutState.PAID:
        checkout.new_sale()


def kill_runner_in_state(url: str, journal_path: Path, plan: Plan) -> None:
    codes = ",".join(f"{article.article_number}x{quantity}" for article, quantity in plan.items)
    args = [
        sys.executable, "-m", "pos_gui.app.headless", "--api-url", url, "--journal",
        str(journal_path), "--device-id", DEVICE_ID, "--timeout", str(HTTP_TIMEOUT_S), "--articles", codes,
        "--hold", plan.hold,
    ]  # fmt: skip
    if plan.card:
        args += ["--card", plan.card]
    if plan.apply:
        args.append("--apply")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    assert process.stdout is not None
    deadline = time.monotonic() + 30
    for line in process.stdout:
        if line.startswith(("HOLD", "DONE")) or time.monotonic() > deadline:
            break
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    process.stdout.close()


async def chaos(
    checkouts: int, seed: int, kill_fraction: float, *, tamper: bool = False
) -> tuple[list[tuple[str, str]], bool]:
    rng = random.Random(seed)
    articles = Catalog.demo().articles
    tally = Tally()
    started = time.perf_counter()
    with (
        tempfile.TemporaryDirectory() as folder,
        start_embedded() as sim,
        httpx.Client(base_url=sim.url) as admin,
    ):
        journal_path = Path(folder) / "journal.sqlite3"
        till = open_till(sim.url, journal_path)
        for _ in range(checkouts):
            if rng.random() < 0.3:
                # Balances from nothing to plenty: cards that cover the sale, part of it, or none.
                set_cash_balance(admin, rng.choice(CARDS[:4]), rng.randint(0, 3000))
            plan = make_plan(rng, articles, kill_fraction)
            tally.attempted += 1
            if plan.fault is not None:
                tally.faults[f"{plan.fault[1]} on {plan.fault[0]}"] += 1
                arm_fault(admin, plan.fault)
            tally.crashes[plan.crash] += 1
            if plan.crash == "subprocess":
                kill_runner_in_state(sim.url, journal_path, plan)
                await recover_and_finish(till, tally)
            elif plan.crash == "in-process":
                task = asyncio.create_task(ring_up(till.checkout, plan))
                await asyncio.sleep(plan.crash_delay)
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError, ApiError):
                    await task
                await till.aclose()
                till = open_till(sim.url, journal_path)
                await recover_and_finish(till, tally)
            else:
                await ring_up(till.checkout, plan)
                if till.checkout.state is not CheckoutState.PAID:
                    await recover_and_finish(till, tally)
                else:
                    till.checkout.new_sale()
            clear_faults(admin)
        # What an outage or a crash left open is closed at the next start; here, before counting.
        if till.fiscal is not None:
            await till.fiscal.wait_idle()
            for _ in range(5):
                await till.fiscal.reconcile()
        await till.aclose()
        transactions = server_transactions(admin)
        with Ledger(journal_path) as journal:
            sales = journal.all_sales()
    took = time.perf_counter() - started

    ledger = sales_in_ledger(sales, DEVICE_ID)
    if tamper and ledger:
        # The broken variant: one sale's total off by a cent, as a till that books one amount
        # and keeps another would have it. The matching must report it.
        ledger[0] = dataclasses.replace(ledger[0], total=ledger[0].total + 1)
    match = match_bookings(bookings_on_server(transactions), ledger)
    paid_ids = {t["id"] for t in transactions if t["status"] == "ok"}
    per_sale = Counter(t.get("transactionRef") for t in transactions if t["status"] == "ok")
    duplicates = sum(count - 1 for count in per_sale.values() if count > 1)
    paid_sales = [s for s in sales if s.state == "PAID" and s.transaction_id in paid_ids]
    lost = tally.attempted - len(paid_sales)
    tse_rows, tse_ok = tse_check(sales)
    rows = [
        ("sales attempted", str(tally.attempted)),
        (
            "journal sales",
            ", ".join(f"{state}: {n}" for state, n in sorted(Counter(s.state for s in sales).items())),
        ),
        ("server bookings", str(len(paid_ids))),
        ("duplicate bookings", str(duplicates)),
        ("lost sales", str(lost)),
        ("bookings matched to their sale", str(match.matched)),
        ("booked, not paid in the ledger", describe(match.booked_not_paid)),
        ("paid in the ledger, not booked", describe(match.paid_not_booked)),
        ("amount mismatches", describe(match.amount_mismatches)),
        ("transaction mismatches", describe(match.transaction_mismatches)),
        ("transactions created", str(len(transactions))),
        ("faults armed", str(sum(tally.faults.values()))),
        ("crashes", ", ".join(f"{kind}: {n}" for kind, n in sorted(tally.crashes.items()))),
        (
            "journal state at the crash",
            ", ".join(f"{kind}: {n}" for kind, n in sorted(tally.crash_states.items())),
        ),
        ("recovery outcomes", ", ".join(f"{kind}: {n}" for kind, n in sorted(tally.recovered.items()))),
        *tse_rows,
        ("run time", f"{took:.1f} s"),
    ]
    ok = duplicates == 0 and lost == 0 and len(paid_ids) == len(paid_sales) and match.ok
    return rows, ok and tse_ok


def tse_check(sales: list[Any]) -> tuple[list[tuple[str, str]], bool]:
    """Each paid sale exactly one finished TSE transaction, each given-up one with a transaction
    one cancelled; numbers unique and gapless; closing signature counters unique."""
    paid = [s for s in sales if s.state == "PAID"]
    voided = [s for s in sales if s.state == "VOIDED" and s.tse is not None]
    paid_finished = sum(1 for s in paid if s.tse and s.tse["state"] == "FINISHED")
    voided_cancelled = sum(1 for s in voided if s.tse and s.tse["state"] == "CANCELLED")
    numbers = sorted(s.tse["number"] for s in sales if s.tse and "number" in s.tse)
    counters = [s.tse["result"]["signature"]["counter"] for s in sales if s.tse and s.tse.get("result")]
    gapless = numbers == list(range(numbers[0], numbers[0] + len(numbers))) if numbers else True
    tx_ids = [s.tse["tx_id"] for s in sales if s.tse]
    rows = [
        ("TSE: paid sales finished", f"{paid_finished} of {len(paid)}"),
        ("TSE: given-up sales cancelled", f"{voided_cancelled} of {len(voided)}"),
        ("TSE: numbers unique and gapless", f"{'yes' if gapless else 'NO'} ({len(numbers)} numbers)"),
        ("TSE: closing counters unique", "yes" if len(set(counters)) == len(counters) else "NO"),
        ("TSE: one tx id per sale", "yes" if len(set(tx_ids)) == len(tx_ids) else "NO"),
    ]
    ok = (
        paid_finished == len(paid)
        and voided_cancelled == len(voided)
        and gapless
        and len(set(counters)) == len(counters)
        and len(set(tx_ids)) == len(tx_ids)
    )
    return rows, ok


def format_table(rows: list[tuple[str, str]], *, checkouts: int, seed: int) -> str:
    lines = [
        "# Chaos run of the checkout",
        "",
        f"`python -m bench.chaos --checkouts {checkouts} --seed {seed}` on {time.strftime('%Y-%m-%d %H:%M')}: "
        "random faults and kills against the embedded simulator (see `bench/chaos.py`).",
        "",
        "| what | count |",
        "|---|---:|",
        *(f"| {name} | {value} |" for name, value in rows),
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.chaos", description=__doc__.splitlines()[0])
    parser.add_argument("--checkouts", type=int, default=200)
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--kill-fraction", type=float, default=0.1, help="share of subprocess kills")
    parser.add_argument("--no-report", action="store_true", help="do not write bench/chaos.md")
    parser.add_argument(
        "--tamper", action="store_true", help="change one ledger total before matching (must fail)"
    )
    parser.add_argument("--verbose", action="store_true", help="keep the till's and the simulator's logs")
    args = parser.parse_args(argv)
    if not args.verbose:
        # Faults and kills make both sides log warnings and tracebacks by the hundred, on purpose.
        logging.disable(logging.CRITICAL)
    rows, ok = asyncio.run(chaos(args.checkouts, args.seed, args.kill_fraction, tamper=args.tamper))
    table = format_table(rows, checkouts=args.checkouts, seed=args.seed)
    print(table)
    if not args.no_report:
        REPORT.write_text(table, encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

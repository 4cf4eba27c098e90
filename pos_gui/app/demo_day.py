"""``pos-gui demo-day --basedir DIR --sales N --seed S``: a whole shop day, headless, on the simulator.

For presenters and tests: against a fresh embedded simulator, the real checkout runs a day that
a seed makes repeatable: the manager logs in and counts the opening float, cashiers switch, sales
with and without a card are paid in cash or by card, some are given up, a few are reversed
(Storno, by the manager's override when a cashier sells), cash is put in and taken out, an X
report is taken at midday and the Z closing at the end with a count by denomination. It prints
the Z totals. The ledger is ``DIR/journal-demo.sqlite3`` (the demo profile's file name), the
cashiers ``DIR/cashiers-demo.sqlite3``, so a demo till can start from a day with full reports.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from pos_gui.core.money import Cents

DEMO_FLOAT: Cents = 15000


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pos-gui demo-day", description=__doc__.splitlines()[0])
    parser.add_argument("--basedir", type=Path, required=True, help="folder for the day's ledger")
    parser.add_argument("--sales", type=int, default=200, help="number of sales (default 200)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same day)")
    return parser


def demo_day_command(arguments: Sequence[str]) -> int:
    args = build_parser().parse_args(list(arguments))
    from pos_gui.app.connection import embedded_demo_connection

    args.basedir.mkdir(parents=True, exist_ok=True)
    connection = embedded_demo_connection()
    connection.start()
    try:
        started = time.monotonic()
        summary = asyncio.run(run_day(connection, args.basedir, sales=args.sales, seed=args.seed))
        for label, amount in summary:
            print(f"{label:<40} {amount}")
        print(f"({args.sales} Verkäufe in {time.monotonic() - started:.1f} s)")
    finally:
        connection.stop()
    return 0


async def run_day(connection: object, basedir: Path, *, sales: int, seed: int) -> list[tuple[str, str]]:
    """Run the day; returns the Z report's rows."""
    from pos_gui.app.connection import Connection, demo_card_list
    from pos_gui.app.wiring import build_headless_till
    from pos_gui.persistence.cashiers import CashierStore
    from pos_gui.services.cashiers import CashierSession, Right, Role
    from pos_gui.services.catalog import Catalog
    from pos_gui.services.closing import EURO_DENOMINATIONS, Closing, report_lines
    from pos_gui.services.shift import Shift
    from pos_gui.services.storno import StornoService

    assert isinstance(connection, Connection)
    till = build_headless_till(
        connection, basedir / "journal-demo.sqlite3", device_id="DEMO-DAY", is_demo=True
    )
    ledger, checkout = till.journal, till.checkout
    session = CashierSession(CashierStore(basedir / "cashiers-demo.sqlite3"), ledger)
    cashiers = session.ensure_demo_cashiers()
    manager = next(c for c in cashiers if c.role == Role.MANAGER)
    clerk = next(c for c in cashiers if c.role == Role.CASHIER)
    pins = {"Anna Demo": "1234", "Ben Demo": "1111"}
    shift, closing = Shift(ledger, session), Closing(ledger, session)
    storno = StornoService(till.server, ledger, session)
    rng = random.Random(seed)
    articles = [a for a in Catalog.demo().articles if a.price > 0][:40]
    cards = [card.number for card in demo_card_list() if card.feature in ("normal", "bonus", "low")]

    def log_in(cashier_id: str, name: str) -> None:
        session.log_in(cashier_id, pins[name])
        checkout.set_cashier(session.name, training=session.training)

    log_in(manager.cashier_id, manager.name)
    if shift.needs_float():
        shift.count_float(DEMO_FLOAT)
    paid: list[str] = []
    for number in range(1, sales + 1):
        if number % 50 == 0:
            who = clerk if session.current and session.current.cashier_id == manager.cashier_id else manager
            log_in(who.cashier_id, who.name)
        if number in (sales // 3, sales // 3 + 4):
            # A few training sales in between: signed as training, never in the totals.
            log_in(manager.cashier_id, manager.name)
            session.switch_training(not session.training)
            checkout.set_cashier(session.name, training=session.training)
        for _ in range(rng.randint(1, 4)):
            checkout.add_article(rng.choice(articles), rng.randint(1, 3))
        if rng.random() < 0.05:
            checkout.new_sale()  # given up
            continue
        if rng.random() < 0.3:
            await checkout.scan_card(rng.choice(cards))
            await checkout.apply_card_balance()
            if checkout.amount_due == 0:
                await checkout.pay_card()
            else:
                await checkout.pay_cash(checkout.amount_due + rng.choice((0, 0, 100, 500)))
        else:
            await checkout.pay_cash(checkout.basket.total + rng.choice((0, 0, 50, 1000)))
        assert checkout.sale_id is not None
        if not session.training:
            paid.append(checkout.sale_id)
        checkout.new_sale()
        if session.training:
            continue  # a training sale is never reversed
        if rng.random() < 0.03 and paid:
            original = paid.pop(rng.randrange(len(paid)))
            manager_id = None
            if not session.may(Right.STORNO):
                # The cashier may not reverse a sale: the manager types their PIN on the spot.
                granted = session.override(Right.STORNO, pins[manager.name])
                manager_id = granted.cashier_id if granted else None
            await storno.storno(original, "Kunde hat es sich anders überlegt", manager_id=manager_id)
        if rng.random() < 0.02:
            shift.move_cash("Einzahlung", rng.choice((1000, 2000, 5000)), "Wechselgeld von der Bank")
        if number == sales // 2:
            log_in(manager.cashier_id, manager.name)
            shift.move_cash("Auszahlung", -5000, "Abschöpfung in den Tresor")
            closing.x_report()
    log_in(manager.cashier_id, manager.name)
    counted = count_like_a_cashier(shift.expected_cash() - rng.choice((0, 0, 10, 50)), EURO_DENOMINATIONS)
    z = closing.z_close(counted)
    session.log_out()
    await till.aclose()
    return [(label, amount) for label, amount in report_lines("Z-Abschluss", z.totals, closing=z)]


def count_like_a_cashier(amount: Cents, denominations: Sequence[int]) -> dict[int, int]:
    """``amount`` in as few notes and coins as possible (the count of a tidy drawer)."""
    counted: dict[int, int] = {}
    left = max(amount, 0)
    for denomination in denominations:
        pieces, left = divmod(left, denomination)
        if pieces:
            counted[denomination] = pieces
    return counted


def main() -> None:  # pragma: no cover - python -m pos_gui.app.demo_day
    sys.exit(demo_day_command(sys.argv[1:]))


if __name__ == "__main__":  # pragma: no cover
    main()

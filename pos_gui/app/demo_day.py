"""``pos-gui demo-day --basedir DIR --sales N --seed S``: a whole shop day, headless, on the simulator.

For presenters and tests: against a fresh embedded simulator, the real checkout runs a day that
a seed makes repeatable: the manager logs in and counts the opening float, cashiers switch, sales
with and without a card are paid in cash or by card, some are given up, a few are reversed
(Storno, by the manager's override when a cashier sells), cash is put in and taken out, an X
report is taken at midday and the Z closing at the end with a count by denomination. It prints
the Z totals. The ledger is ``DIR/data/journal-demo.sqlite3``, the cashiers
``DIR/data/cashiers-demo.sqlite3``: where ``pos-gui --demo --basedir DIR`` reads them, so a demo
till starts from a day with full reports (its sales today, the next Z number).

A chain's till: ``--device-id`` names the till, ``--central-dsn`` (and ``--store-id``) replicate its
ledger to the central database while it sells; at the end it waits (``--sync-timeout``) until the
centre has every event. ``--api-url`` sells on a simulator that outlives this process. A day that
was killed goes on where it stopped when started again with the same options: the unfinished sale
is reconciled, the sales already in the ledger count, a day closed already only waits for the centre.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pos_gui.core.money import Cents

if TYPE_CHECKING:
    from pos_gui.app.chain import ChainLink
    from pos_gui.app.wiring import HeadlessTill
    from pos_gui.services.checkout import CheckoutService

DEMO_FLOAT: Cents = 15000
DEMO_JOURNAL = "journal-demo.sqlite3"  # the demo profile's ledger file name (app.startup)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pos-gui demo-day", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--basedir", type=Path, required=True, help="the till's folder (as for pos-gui --demo --basedir)"
    )
    parser.add_argument("--sales", type=int, default=200, help="number of sales (default 200)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same day)")
    parser.add_argument("--device-id", default="DEMO-DAY", help="the till's id (its id at the centre too)")
    parser.add_argument("--api-url", help="a running simulator (default: an embedded one for this run)")
    parser.add_argument("--central-dsn", help="replicate to this central database (docs/chains.md)")
    parser.add_argument("--store-id", default="", help="the till's store at the centre")
    parser.add_argument(
        "--sync-timeout",
        type=float,
        default=60.0,
        help="seconds to wait at the end until the centre has it all",
    )
    return parser


def demo_day_command(arguments: Sequence[str]) -> int:
    args = build_parser().parse_args(list(arguments))
    from pos_gui.app.connection import Connection, embedded_demo_connection
    from pos_gui.config.paths import resolve_paths

    # The demo till's data folder (created with the till's other folders).
    data_dir = resolve_paths(args.basedir).data_dir
    connection = Connection.demo(args.api_url) if args.api_url else embedded_demo_connection()
    connection.start()
    chain = _start_chain(args, data_dir)
    try:
        started = time.monotonic()
        wake = chain.wake if chain is not None else (lambda: None)
        summary = asyncio.run(
            run_day(
                connection,
                data_dir,
                sales=args.sales,
                seed=args.seed,
                device_id=args.device_id,
                paid=wake,
            )
        )
        for label, amount in summary:
            print(f"{label:<40} {amount}", flush=True)
        print(f"({args.sales} Verkäufe in {time.monotonic() - started:.1f} s)", flush=True)
        if chain is not None:
            return _wait_for_centre(chain, args.sync_timeout)
    finally:
        if chain is not None:
            chain.stop()
        connection.stop()
    return 0


def _start_chain(args: argparse.Namespace, data_dir: Path) -> ChainLink | None:
    """The replicator to ``--central-dsn`` (password in the DSN or none), quick to retry: a demo."""
    if not args.central_dsn:
        return None
    from pos_gui.app.chain import start_chain
    from pos_gui.config.settings import CentralSettings, Settings

    settings = Settings(device_uuid=args.device_id, central=CentralSettings(args.central_dsn, args.store_id))
    return start_chain(
        settings, lambda: None, data_dir / DEMO_JOURNAL, poll_interval=0.5, backoff_maximum=2.0
    )


def _wait_for_centre(chain: ChainLink, timeout: float) -> int:
    """Wait until the centre has every event of the ledger; 0 when it has, 1 after ``timeout``."""
    deadline = time.monotonic() + timeout
    chain.wake()
    while time.monotonic() < deadline:
        state = chain.state()
        if state.in_sync and state.ledger_seq == chain.replicator.outbox.last_seq():
            print(f"Zentrale: synchron ({state.ledger_seq} Ereignisse)", flush=True)
            return 0
        time.sleep(0.1)
    print(f"Zentrale: {chain.state().pending} Ereignisse ausstehend nach {timeout:.0f} s", flush=True)
    return 1


async def run_day(
    connection: object,
    data_dir: Path,
    *,
    sales: int,
    seed: int,
    device_id: str = "DEMO-DAY",
    paid: Callable[[], None] = lambda: None,
) -> list[tuple[str, str]]:
    """Run the day (or the rest of a day that was killed) with its ledger and cashiers in
    ``data_dir``; returns the Z report's rows.

    ``paid`` is called after each paid sale (the replicator's wake-up)."""
    from pos_gui.app.connection import Connection, demo_card_list
    from pos_gui.app.window_extras import DEMO_CASHIERS_FILE
    from pos_gui.app.wiring import build_headless_till
    from pos_gui.persistence.cashiers import CashierStore
    from pos_gui.services.cashiers import CashierSession, Right, Role
    from pos_gui.services.catalog import Catalog
    from pos_gui.services.closing import EURO_DENOMINATIONS, Closing, report_lines
    from pos_gui.services.shift import Shift
    from pos_gui.services.storno import StornoService

    assert isinstance(connection, Connection)
    till = build_headless_till(connection, data_dir / DEMO_JOURNAL, device_id=device_id, is_demo=True)
    ledger, checkout = till.journal, till.checkout
    await _finish_killed_sale(till)
    session = CashierSession(CashierStore(data_dir / DEMO_CASHIERS_FILE), ledger)
    cashiers = session.ensure_demo_cashiers()
    manager = next(c for c in cashiers if c.role == Role.MANAGER)
    clerk = next(c for c in cashiers if c.role == Role.CASHIER)
    pins = {"Anna Demo": "1234", "Ben Demo": "1111"}
    shift, closing = Shift(ledger, session), Closing(ledger, session)
    storno = StornoService(till.server, ledger, session)
    if till.fiscal is not None:
        # Stornos signed as the till window signs them (their own TSE transaction).
        from pos_gui.services.storno_signing import StornoSigning

        storno.sign_storno = StornoSigning(till.fiscal).sign_storno
    # A day that was killed goes on after the sales it has (each loop turn opens one sale).
    first = len(ledger.all_sales()) + 1
    rng = random.Random(seed * 100_003 + first)
    articles = [a for a in Catalog.demo().articles if a.price > 0][:40]
    cards = [card.number for card in demo_card_list() if card.feature in ("normal", "bonus", "low")]

    def log_in(cashier_id: str, name: str) -> None:
        session.log_in(cashier_id, pins[name])
        checkout.set_cashier(session.name, training=session.training)

    if first > sales and closing.closings():
        # Closed already (killed after its Z): nothing more to sell; the report is read before
        # the ledger closes.
        last_z = closing.closings()[-1]
        z_rows = list(report_lines("Z-Abschluss", last_z.totals, closing=last_z))
        await till.aclose()
        return z_rows
    log_in(manager.cashier_id, manager.name)
    if shift.needs_float():
        shift.count_float(DEMO_FLOAT)
    sold: list[str] = []
    for number in range(first, sales + 1):
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
            await _pay_with_card(checkout, extra_cash=rng.choice((0, 0, 100, 500)))
        else:
            await checkout.pay_cash(checkout.basket.total + rng.choice((0, 0, 50, 1000)))
        assert checkout.sale_id is not None
        if not session.training:
            sold.append(checkout.sale_id)
        checkout.new_sale()
        paid()
        if session.training:
            continue  # a training sale is never reversed
        if rng.random() < 0.03 and sold:
            original = sold.pop(rng.randrange(len(sold)))
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


async def _pay_with_card(checkout: CheckoutService, *, extra_cash: Cents) -> None:
    """Apply the scanned card, pay by card or the rest in cash. Tills of a chain share the demo
    cards: when another till spent from the card between applying and paying, the server refuses
    and the card is applied again, as the cashier does on that message."""
    from pos_gui.api.errors import NotAllowedError

    for attempt in range(1, 6):
        await checkout.apply_card_balance()
        try:
            if checkout.amount_due == 0:
                await checkout.pay_card()
            else:
                await checkout.pay_cash(checkout.amount_due + extra_cash)
            return
        except NotAllowedError:
            if attempt == 5:
                raise


async def _finish_killed_sale(till: HeadlessTill) -> None:
    """After a kill: reconcile the sale left open with the server (paid there, or given up)."""
    from pos_gui.services.checkout import CheckoutState

    if not till.journal.unfinished_sales():
        return
    for _ in range(20):
        outcomes = await till.checkout.recover()
        if all(item.outcome != "pending" for item in outcomes):
            break
        await asyncio.sleep(0.2)
    if till.checkout.state is not CheckoutState.EMPTY:
        # The basket of a sale that never reached the server: given up, as the cashier would.
        till.checkout.new_sale()


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

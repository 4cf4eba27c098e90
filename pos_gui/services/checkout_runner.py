"""A headless till: recovery and one scripted sale through the real checkout, without Qt.

For crash tests and the chaos bench: it builds transport, authenticator, client, journal and
checkout exactly as the till does, runs :meth:`CheckoutService.recover`, finishes a restored sale,
then optionally rings up one scripted sale. It prints one line per state change (flushed), so a
test can kill it at a chosen journal state; ``--hold STATE`` makes it wait in that state (after the
journal says so, before the next request) until it is killed.

    python -m pos_gui.services.checkout_runner --api-url http://127.0.0.1:8765 \\
        --journal /tmp/journal.sqlite3 --articles 30037,51x2 --card 9276004429942845 --apply

Output lines (space-separated ``key=value`` after a keyword):
``STATE <state> sale=<n> tx=<id|->``, ``HOLD <state>``, ``RECOVERED sale=<n> outcome=<...>``,
``PAID sale=<n> tx=<id> change=<cents>``, ``ERROR <text>``, ``DONE``.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from pos_gui.api.auth import Authenticator, ClientCredentials
from pos_gui.api.client import SecuconnectClient
from pos_gui.api.errors import ApiError, OutcomeUnknownError
from pos_gui.api.transport import build_http_client
from pos_gui.core.basket import Article
from pos_gui.services.catalog import Catalog
from pos_gui.services.checkout import CheckoutService, CheckoutState
from pos_gui.services.journal import Journal
from pos_sim.settings import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET

DEFAULT_DEVICE_ID = "SDV_2YJDXYESB2YBHECVB5GQGSYPNM8UA6"
PAY_ATTEMPTS = 5


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="checkout_runner", description=__doc__.splitlines()[0])
    parser.add_argument("--api-url", required=True, help="the server, e.g. http://127.0.0.1:8765")
    parser.add_argument("--journal", required=True, type=Path, help="the journal's SQLite file")
    parser.add_argument("--device-id", default=DEFAULT_DEVICE_ID, help="the till's id (transactionRef)")
    parser.add_argument(
        "--articles", default="", help="comma-separated article numbers or EANs, each optionally xN"
    )
    parser.add_argument("--card", default=None, help="a card number to scan")
    parser.add_argument("--apply", action="store_true", help="apply the card balance before paying")
    parser.add_argument("--tendered", type=int, default=None, help="cash handed over, cents (default exact)")
    parser.add_argument("--hold", default=None, help="wait in this state until killed (BASKET, CARD, ...)")
    parser.add_argument("--hold-seconds", type=float, default=60.0)
    parser.add_argument("--timeout", type=float, default=15.0, help="HTTP timeout in seconds")
    parser.add_argument("--live", action="store_true", help="do not mark transactions is_demo")
    return parser.parse_args(argv)


def parse_articles(spec: str, catalog: Catalog) -> list[tuple[Article, int]]:
    """``"30037,51x2"`` → articles and quantities; raises ``ValueError`` for unknown codes."""
    items = []
    for part in filter(None, (piece.strip() for piece in spec.split(","))):
        code, _, count = part.partition("x")
        article = catalog.lookup(code)
        if article is None:
            raise ValueError(f"unknown article {code!r}")
        items.append((article, int(count) if count else 1))
    return items


def say(*parts: object) -> None:
    print(*parts, flush=True)


class Reporter:
    """The checkout's ``on_change``: one line per state change, and the optional hold."""

    def __init__(self, checkout: CheckoutService, hold: str | None, hold_seconds: float) -> None:
        self._checkout = checkout
        self._hold = hold.upper() if hold else None
        self._hold_seconds = hold_seconds
        self._last: tuple[str, int | None, str | None] | None = None

    def __call__(self) -> None:
        checkout = self._checkout
        transaction_id = checkout.transaction.id if checkout.transaction else None
        now = (checkout.state.value, checkout.sale_number, transaction_id)
        if now == self._last:
            return
        self._last = now
        say("STATE", checkout.state.value, f"sale={checkout.sale_number}", f"tx={transaction_id or '-'}")
        if checkout.state.value == self._hold:
            say("HOLD", checkout.state.value)
            # Blocking on purpose: the whole till stands still here, as if frozen, until killed.
            time.sleep(self._hold_seconds)
            self._hold = None


async def pay_until_settled(
    checkout: CheckoutService,
    *,
    apply: bool,
    tendered: int | None,
    by_card: bool = False,
    report: Callable[..., None] = say,
) -> None:
    """Pay the current sale as a patient cashier would: apply if asked, pay (``by_card``: with
    start/loyalty when the applied balance covers everything), resolve an unknown outcome, and try
    again after errors (a few times)."""
    for attempt in range(1, PAY_ATTEMPTS + 1):
        try:
            if checkout.state is CheckoutState.UNKNOWN:
                await checkout.resolve_unknown()
            if checkout.state is CheckoutState.PAID:
                break
            if apply and checkout.card is not None and checkout.state is not CheckoutState.APPLIED:
                await checkout.apply_card_balance()
            due = checkout.amount_due
            if by_card and checkout.state is CheckoutState.APPLIED and due == 0:
                await checkout.pay_card()
                break
            await checkout.pay_cash(None if tendered is None else max(tendered, due))
            break
        except OutcomeUnknownError as exc:
            report("UNKNOWN", exc.action, f"attempt={attempt}")
        except ApiError as exc:
            report("ERROR", type(exc).__name__, str(exc).replace("\n", " ")[:200])
            await asyncio.sleep(0.05 * attempt)
    if checkout.state is CheckoutState.UNKNOWN:
        await checkout.resolve_unknown()
    if checkout.state is CheckoutState.PAID:
        transaction_id = checkout.transaction.id if checkout.transaction else "-"
        change = checkout.payment.change if checkout.payment else 0
        report("PAID", f"sale={checkout.sale_number}", f"tx={transaction_id}", f"change={change}")


async def run(args: argparse.Namespace) -> int:
    catalog = Catalog.demo()
    items = parse_articles(args.articles, catalog)
    http = build_http_client(args.api_url, timeout=args.timeout)
    journal = Journal(args.journal)
    try:
        authenticator = Authenticator(http, ClientCredentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET))
        client = SecuconnectClient(http, authenticator)
        checkout = CheckoutService(client, journal, device_id=args.device_id, is_demo=not args.live)
        checkout.on_change = Reporter(checkout, args.hold, args.hold_seconds)
        for item in await checkout.recover():
            say(
                "RECOVERED",
                f"sale={item.sale_number}",
                f"outcome={item.outcome}",
                f"tx={item.transaction_id or '-'}",
                f"total={item.total}",
            )
        if checkout.state is not CheckoutState.EMPTY:
            await pay_until_settled(checkout, apply=args.apply, tendered=None)
            checkout.new_sale()
        if items:
            for article, quantity in items:
                checkout.add_article(article, quantity)
            if args.card:
                await checkout.scan_card(args.card)
            await pay_until_settled(checkout, apply=args.apply, tendered=args.tendered)
        say("DONE")
        return 0 if checkout.state in (CheckoutState.PAID, CheckoutState.EMPTY) else 1
    finally:
        await http.aclose()
        journal.close()


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        return asyncio.run(run(args))
    except (ApiError, ValueError) as exc:
        say("ERROR", type(exc).__name__, exc)
        return 2


if __name__ == "__main__":
    sys.exit(main())

"""A scripted till without Qt: recovery and one sale through the real checkout.

For crash tests and the chaos bench. :func:`run_script` runs :meth:`CheckoutService.recover`,
finishes a restored sale, then optionally rings up one scripted sale. :class:`Reporter` prints one
line per state change (flushed), so a test can kill the process at a chosen ledger state; a hold
state makes it wait there (after the ledger says so, before the next request) until it is killed.

The process around it (arguments, the HTTP client, the data folder's lock) is the composition
root's :mod:`pos_gui.app.headless`; nothing here builds a transport or knows the simulator.

The TSE steps of a signing till are reported too (:meth:`Reporter.tse_step`, the signing's
``on_step``), each once its event is in the ledger, and can be held at the same way:
``TSE_TX_PLANNED`` (the tx id is planned, the start not sent), ``TSE_STARTED``, ``TSE_FINISHED``.
The fourth fiscal step, paid but the finish not sent yet, is the checkout state ``PAID``: the
checkout reports it before it asks the signing to finish.

Output lines (space-separated ``key=value`` after a keyword):
``STATE <state> sale=<n> tx=<id|->``, ``TSE <event> sale_id=<id>``, ``HOLD <state or event>``,
``RECOVERED sale=<n> outcome=<...>``, ``PAID sale=<n> tx=<id> change=<cents>``, ``ERROR <text>``,
``DONE``.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from pos_gui.api.errors import ApiError, OutcomeUnknownError
from pos_gui.core.basket import Article
from pos_gui.services.catalog import Catalog
from pos_gui.services.checkout import CheckoutService, CheckoutState

PAY_ATTEMPTS = 5


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
    """The checkout's ``on_change`` and the signing's ``on_step``: one line per state change or
    TSE step, and the optional hold (a checkout state or a TSE event kind, any case)."""

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
        self._hold_if(checkout.state.value)

    def tse_step(self, kind: str, sale_id: str) -> None:
        """A TSE event (``tse_started`` …) of ``sale_id`` is in the ledger."""
        say("TSE", kind, f"sale_id={sale_id}")
        self._hold_if(kind)

    def _hold_if(self, reached: str) -> None:
        if reached.upper() == self._hold:
            say("HOLD", reached)
            # Blocking on purpose: the whole till stands still here, as if frozen, until killed;
            # no background task (a TSE start, a reconciliation) sends anything meanwhile.
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


async def run_script(
    checkout: CheckoutService,
    items: list[tuple[Article, int]],
    *,
    card: str | None,
    apply: bool,
    tendered: int | None,
) -> int:
    """Recover, finish a restored sale, then ring up ``items`` (with ``card``) and pay.

    Returns the exit code: 0 when the till ends PAID or EMPTY, 1 otherwise.
    """
    for item in await checkout.recover():
        say(
            "RECOVERED",
            f"sale={item.sale_number}",
            f"outcome={item.outcome}",
            f"tx={item.transaction_id or '-'}",
            f"total={item.total}",
        )
    if checkout.state is not CheckoutState.EMPTY:
        await pay_until_settled(checkout, apply=apply, tendered=None)
        checkout.new_sale()
    if items:
        for article, quantity in items:
            checkout.add_article(article, quantity)
        if card:
            await checkout.scan_card(card)
        await pay_until_settled(checkout, apply=apply, tendered=tendered)
    say("DONE")
    return 0 if checkout.state in (CheckoutState.PAID, CheckoutState.EMPTY) else 1

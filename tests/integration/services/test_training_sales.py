"""Training mode in testing/live mode, headless against real HTTP: the session's simulator stands
in for the shop's server; a training sale goes to the till's own embedded training simulator
(at another URL) and never to the shop's server, is paid there, is a training sale in the ledger
and stays out of the X/Z totals; switched off again, the next sale goes to the shop's server."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx

from pos_gui.api.auth import ClientCredentials
from pos_gui.app.connection import Connection
from pos_gui.app.wiring import build_headless_till
from pos_gui.persistence.cashiers import CashierStore
from pos_gui.services.cashiers import CashierSession
from pos_gui.services.catalog import Catalog
from pos_gui.services.checkout import CheckoutState
from pos_gui.services.closing import Closing
from pos_gui.services.ledger import Ledger
from pos_gui.services.shift import Shift
from pos_sim.embedded import EmbeddedSimulator
from pos_sim.settings import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET


def transaction_refs(api_url: str) -> list[str]:
    """The transactionRef of every transaction a simulator holds (its admin view)."""
    state = httpx.get(api_url.rstrip("/") + "/_sim/state", timeout=10.0).json()
    return sorted(str(t.get("transactionRef") or t.get("transaction_ref")) for t in state["transactions"])


def test_training_sales_go_to_the_training_simulator_and_never_to_the_shops_server(
    simulator: EmbeddedSimulator, sim_admin: httpx.Client, tmp_path: Path
) -> None:
    shops_server = Connection("TESTING", simulator.url, ClientCredentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET))
    till = build_headless_till(shops_server, tmp_path / "journal.sqlite3", device_id="TRAIN-1", is_demo=False)
    session = CashierSession(CashierStore(tmp_path / "cashiers.sqlite3"), till.journal)
    session.ensure_demo_cashiers()
    anna = next(c for c in session.cashiers() if c.name == "Anna Demo")
    articles = [a for a in Catalog.demo().articles if a.price > 0]
    checkout = till.checkout
    seen: dict[str, Any] = {}

    async def sell(lines: int) -> str:
        for article in articles[:lines]:
            checkout.add_article(article)
        await checkout.pay_cash(checkout.basket.total)
        assert checkout.state is CheckoutState.PAID
        sale_id = checkout.sale_id
        assert sale_id is not None
        checkout.new_sale()
        return sale_id

    def switch_training(on: bool) -> None:
        session.switch_training(on)
        checkout.set_cashier(session.name, training=session.training)

    async def day() -> None:
        session.log_in(anna.cashier_id, "1234")
        checkout.set_cashier(session.name)
        Shift(till.journal, session).count_float(10000)
        seen["real"] = await sell(1)
        switch_training(True)
        seen["training"] = await sell(2)
        assert till.training is not None
        assert till.training.server is not None
        seen["training_url"] = till.training.server.simulator.result().api_url
        seen["training_refs"] = transaction_refs(seen["training_url"])
        switch_training(False)
        seen["after"] = await sell(1)
        await till.aclose()

    asyncio.run(day())

    assert seen["training_url"] != simulator.url
    # The shop's server holds the two real sales only; the training sale is on the training simulator.
    assert transaction_refs(simulator.url) == ["TRAIN-1/1", "TRAIN-1/3"]
    assert seen["training_refs"] == ["TRAIN-1/2"]
    ledger = Ledger(tmp_path / "journal.sqlite3")
    try:
        assert ledger.sale(seen["training"]).state == "PAID"
        opened = [e for e in ledger.events() if e.sale_id == seen["training"] and e.kind == "sale_opened"]
        assert opened[0].payload.get("training") is True
        totals = Closing(ledger, session).current_totals()
        real_total = ledger.sale(seen["real"]).total + ledger.sale(seen["after"]).total
        assert totals.sales_count == 2
        assert totals.sales_total == real_total
        assert totals.training_count == 1
    finally:
        ledger.close()

"""Training mode's own server: a training sale's requests go to the training server only, and
training mode changes between sales, never in the middle of one (two fake servers)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from pos_gui.core.basket import Article
from pos_gui.services.checkout import CheckoutService, CheckoutState
from pos_gui.services.day_totals import period_totals
from pos_gui.services.ledger import Ledger
from pos_gui.services.server_connection import ServerConnection
from tests.unit.services.test_checkout_fake import SEED_CARD, FakeSecuconnect

COFFEE = Article("30038", "4000000000017", "Kaffee", 249, 19)
ROLL = Article("30039", "", "Brötchen", 99, 7)


class Till:
    """A checkout on the shop's server, with a training server built on first use."""

    def __init__(self, folder: Path) -> None:
        self.real = FakeSecuconnect()
        self.trainer = FakeSecuconnect()
        self.training_builds = 0
        self.ledger = Ledger(folder / "journal.sqlite3")
        self.opened: list[tuple[str, bool]] = []
        self.checkout = CheckoutService(
            ServerConnection.of(self.real),  # type: ignore[arg-type]
            self.ledger,
            device_id="TILL-1",
            is_demo=False,
            fiscal=self,
            training_server=self._build_training,
        )

    def _build_training(self) -> ServerConnection:
        self.training_builds += 1
        return ServerConnection.of(self.trainer)  # type: ignore[arg-type]

    # The checkout's fiscal side (SaleSigning): which sales were opened as training sales.
    def sale_opened(self, sale_id: str, *, training: bool = False) -> None:
        self.opened.append((sale_id, training))

    def sale_voided(self, sale_id: str) -> None:
        pass

    async def sale_paid(self, sale_id: str) -> None:
        pass

    def reconcile_soon(self) -> None:
        pass

    def sell(self, *articles: Article) -> str:
        for article in articles:
            self.checkout.add_article(article)
        asyncio.run(self.checkout.pay_cash())
        assert self.checkout.state is CheckoutState.PAID
        sale_id = self.checkout.sale_id
        assert sale_id is not None
        self.checkout.new_sale()
        return sale_id

    def opened_as_training(self, sale_id: str) -> bool:
        opened = [e for e in self.ledger.events() if e.sale_id == sale_id and e.kind == "sale_opened"]
        return bool(opened[0].payload.get("training"))


@pytest.fixture
def till(tmp_path: Path) -> Till:
    return Till(tmp_path)


def test_a_training_sale_goes_to_the_training_server_only_and_stays_out_of_the_totals(till: Till) -> None:
    real_sale = till.sell(COFFEE)
    assert till.training_builds == 0  # nothing built while training was never on
    real_calls = list(till.real.calls)

    till.checkout.set_cashier("Anna", training=True)
    training_sale = till.sell(COFFEE, ROLL)

    assert till.real.calls == real_calls  # the shop's server heard nothing of the training sale
    assert till.trainer.count("create") == 1
    assert len(till.trainer.bookings) == 1
    assert till.trainer.drafts[0].is_demo  # no real money, on the training server too
    assert till.ledger.sale(training_sale).state == "PAID"
    assert till.opened_as_training(training_sale)
    assert not till.opened_as_training(real_sale)
    assert (training_sale, True) in till.opened
    assert (real_sale, False) in till.opened
    totals = period_totals(till.ledger)
    assert (totals.sales_count, totals.sales_total, totals.training_count) == (1, 249, 1)

    till.checkout.set_cashier("Anna", training=False)
    next_sale = till.sell(ROLL)
    assert till.real.count("create") == 2
    assert till.trainer.count("create") == 1
    assert not till.opened_as_training(next_sale)
    assert till.training_builds == 1


def test_a_card_in_training_is_looked_up_on_the_training_server(till: Till) -> None:
    till.checkout.set_cashier("Anna", training=True)
    till.checkout.add_article(COFFEE)
    asyncio.run(till.checkout.scan_card(SEED_CARD))
    asyncio.run(till.checkout.apply_card_balance())
    assert till.checkout.amount_due == 0
    asyncio.run(till.checkout.pay_card())
    assert till.real.calls == []
    assert till.trainer.count("find_card") == 1
    assert len(till.trainer.bookings) == 1


def test_training_switched_during_a_sale_starts_with_the_next_sale(till: Till) -> None:
    till.checkout.add_article(COFFEE)
    till.checkout.set_cashier("Anna", training=True)
    assert not till.checkout.training  # the open sale stays a real one
    asyncio.run(till.checkout.pay_cash())
    assert till.real.count("start/cash") == 1
    assert till.trainer.calls == []
    till.checkout.new_sale()
    assert till.checkout.training
    training_sale = till.sell(ROLL)
    assert till.opened_as_training(training_sale)
    assert till.real.count("start/cash") == 1
    assert till.trainer.count("start/cash") == 1


def test_a_given_up_training_sale_is_aborted_on_the_training_server(till: Till) -> None:
    till.checkout.set_cashier("Anna", training=True)
    till.checkout.add_article(COFFEE)
    asyncio.run(till.checkout.scan_card(SEED_CARD))
    asyncio.run(till.checkout.apply_card_balance())  # the transaction exists on the training server
    till.checkout.new_sale()
    till.checkout.set_cashier("Anna", training=False)  # off again before the abort runs
    (abandoned,) = till.checkout.take_abandoned()
    asyncio.run(till.checkout.abort_abandoned(abandoned))
    assert till.trainer.count("abort") == 1
    assert till.real.calls == []


def test_a_training_sale_left_open_by_a_crash_is_given_up_without_asking_the_real_server(
    tmp_path: Path,
) -> None:
    before = Till(tmp_path)
    before.checkout.set_cashier("Anna", training=True)
    before.checkout.add_article(COFFEE)
    asyncio.run(before.checkout.scan_card(SEED_CARD))
    asyncio.run(before.checkout.apply_card_balance())  # then the till crashed
    sale_id = before.checkout.sale_id
    before.ledger.close()

    after = Till(tmp_path)  # a fresh start: training off, a new (empty) training simulator
    (outcome,) = asyncio.run(after.checkout.recover())
    assert (outcome.sale_id, outcome.outcome) == (sale_id, "discarded")
    assert after.checkout.state is CheckoutState.EMPTY
    assert after.real.calls == []
    assert after.ledger.sale(sale_id).state == "VOIDED"

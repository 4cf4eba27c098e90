"""Amounts from the server that do not fit the till's basket or card are refused: the cashier is
never asked for a negative amount or for more than the basket costs, and the next try works."""

from __future__ import annotations

from pathlib import Path

import pytest

from pos_gui.core.basket import Article
from pos_gui.services.checkout import CheckoutService, CheckoutState
from pos_gui.services.errors import InvalidResponseError
from pos_gui.services.ledger import Ledger
from pos_gui.services.server_connection import ServerConnection
from tests.unit.services.test_checkout_fake import BONUS_CARD, SEED_CARD, FakeSecuconnect

SANDWICH = Article("30037", "", "Sandwich", 349, 7)
COFFEE = Article("30038", "4000000000017", "Kaffee", 249, 19)
TOTAL = 349 + 249


@pytest.fixture
def server() -> FakeSecuconnect:
    return FakeSecuconnect()


@pytest.fixture
def ledger(tmp_path: Path) -> Ledger:
    return Ledger(tmp_path / "ledger.sqlite3")


@pytest.fixture
def checkout(server: FakeSecuconnect, ledger: Ledger) -> CheckoutService:
    sale = CheckoutService(ServerConnection.of(server), ledger, device_id="SDV_T", is_demo=True)
    sale.add_article(SANDWICH)
    sale.add_article(COFFEE)
    return sale


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("missing_sum", "bonus_extra"),
    [(-5, 0), (TOTAL + 1, 0), (0, 10_000)],
    ids=["missing_sum_negative", "missing_sum_above_total", "bonus_above_card_balance"],
)
async def test_a_pre_transaction_answer_that_does_not_fit_is_refused(
    checkout: CheckoutService,
    server: FakeSecuconnect,
    ledger: Ledger,
    missing_sum: int | None,
    bonus_extra: int,
) -> None:
    await checkout.scan_card(BONUS_CARD)
    server.pre_missing_sum = None if bonus_extra else missing_sum
    server.pre_bonus_extra = bonus_extra
    with pytest.raises(InvalidResponseError):
        await checkout.apply_card_balance()
    assert checkout.state is CheckoutState.CARD
    assert checkout.applied is None
    assert 0 <= checkout.amount_due <= TOTAL
    assert checkout.amount_due == TOTAL
    assert server.count("get") == 1  # the transaction was read back
    assert ledger.sale(str(checkout.sale_id)).state == "CARD"

    # The server behaves again: the basket is PUT (taking back what it applied) and applied anew.
    server.pre_missing_sum = None
    server.pre_bonus_extra = 0
    applied = await checkout.apply_card_balance()
    assert server.count("update") == 1
    assert 0 <= applied.missing_sum <= TOTAL
    await checkout.pay_cash()
    assert checkout.state is CheckoutState.PAID
    assert checkout.payment is not None
    assert checkout.payment.cash_due == applied.missing_sum


@pytest.mark.asyncio
async def test_a_missing_sum_that_fits_is_taken(checkout: CheckoutService, server: FakeSecuconnect) -> None:
    await checkout.scan_card(SEED_CARD)  # 10,00 € on the card: it pays everything
    applied = await checkout.apply_card_balance()
    assert applied.missing_sum == 0
    assert checkout.state is CheckoutState.APPLIED


@pytest.mark.asyncio
@pytest.mark.parametrize("server_sum", [1, TOTAL + 100, -TOTAL])
async def test_a_created_transaction_with_another_sum_is_not_paid(
    checkout: CheckoutService, server: FakeSecuconnect, ledger: Ledger, server_sum: int
) -> None:
    server.basket_sum = server_sum
    with pytest.raises(InvalidResponseError):
        await checkout.pay_cash()
    assert server.count("start/cash") == 0
    assert server.bookings == []
    assert checkout.state is CheckoutState.BASKET
    assert server.count("get") == 1
    assert ledger.sale(str(checkout.sale_id)).transaction_id is not None

    server.basket_sum = None
    await checkout.pay_cash()
    # The same transaction, its basket PUT again before it is started.
    assert server.count("create") == 1
    assert server.count("update") == 1
    assert checkout.state is CheckoutState.PAID
    assert len(server.bookings) == 1


@pytest.mark.asyncio
async def test_an_updated_transaction_with_another_sum_is_not_paid(
    checkout: CheckoutService, server: FakeSecuconnect
) -> None:
    await checkout.scan_card(BONUS_CARD)
    await checkout.apply_card_balance()
    checkout.add_article(SANDWICH)
    server.basket_sum = 5
    with pytest.raises(InvalidResponseError):
        await checkout.pay_cash()
    assert server.bookings == []
    assert checkout.amount_due == TOTAL + 349
    server.basket_sum = None
    await checkout.pay_cash()
    assert len(server.bookings) == 1

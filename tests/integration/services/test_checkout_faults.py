"""The checkout against the real simulator with every fault on every request of a payment.

Whatever goes wrong, a cashier who keeps trying ends with the sale paid exactly once: one booking
on the server, the card's balance taken once, the journal row PAID.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from pos_gui.api.errors import OutcomeUnknownError
from pos_gui.core.basket import Article
from pos_gui.services.catalog import Catalog
from pos_gui.services.checkout import CheckoutBusyError, CheckoutState
from pos_gui.services.checkout_runner import pay_until_settled
from tests.integration.services.conftest import (
    LATENCY_MS,
    Till,
    arm,
    bookings,
    card_cash_balance,
    expire_tokens,
)

SEED_CARD = "9276004429942845"  # 10,00 EUR cash balance

FAULTS: dict[str, dict[str, Any]] = {
    "latency": {"fault": "latency", "latency_ms": LATENCY_MS},
    "status500": {"fault": "status", "status": 500},
    "status503": {"fault": "status", "status": 503},
    "drop_before": {"fault": "drop_before"},
    "drop_after": {"fault": "drop_after"},
    "malformed": {"fault": "malformed"},
}


def article(code: str) -> Article:
    found = Catalog.demo().lookup(code)
    assert found is not None
    return found


@pytest.mark.asyncio
@pytest.mark.parametrize("fault", sorted(FAULTS))
@pytest.mark.parametrize("request_name", ["create", "pre", "start/cash", "start/loyalty"])
async def test_fault_on_a_payment_request_still_pays_exactly_once(
    till: Till, sim_admin: httpx.Client, request_name: str, fault: str
) -> None:
    checkout = till.checkout
    sandwich = article("30037")  # 3,49 EUR
    by_card = request_name == "start/loyalty"
    # Covered by the card for start/loyalty; 13,96 EUR (3,96 EUR cash) otherwise.
    checkout.add_article(sandwich, 1 if by_card else 4)
    await checkout.scan_card(SEED_CARD)
    balance_before = card_cash_balance(sim_admin, SEED_CARD)
    arm(sim_admin, request_name, **FAULTS[fault])

    await pay_until_settled(checkout, apply=True, tendered=None, by_card=by_card)

    assert checkout.state is CheckoutState.PAID
    paid = bookings(sim_admin, checkout.transaction_ref)
    assert len(paid) == 1
    assert paid[0]["payment_method"] == ("loyalty" if by_card else "cash")
    assert checkout.payment is not None
    card_paid = checkout.payment.card_paid
    assert card_paid == (349 if by_card else 1000)
    assert card_cash_balance(sim_admin, SEED_CARD) == balance_before - card_paid
    assert till.journal.unfinished_sales() == []
    assert checkout.sale_id is not None
    assert till.journal.sale(checkout.sale_id).state == "PAID"


@pytest.mark.asyncio
async def test_lost_start_answer_resolves_to_paid_and_paying_again_sends_nothing(
    till: Till, sim_admin: httpx.Client
) -> None:
    checkout = till.checkout
    checkout.add_article(article("30037"), 2)
    arm(sim_admin, "start/cash", fault="drop_after")
    with pytest.raises(OutcomeUnknownError):
        await checkout.pay_cash(1000)
    assert checkout.state is CheckoutState.UNKNOWN
    assert await checkout.resolve_unknown() is CheckoutState.PAID
    assert len(bookings(sim_admin)) == 1
    assert checkout.payment is not None
    assert checkout.payment.change == 1000 - 698
    sent = till.client.request_count
    for _ in range(3):
        with pytest.raises(CheckoutBusyError):
            await checkout.pay_cash()
    assert till.client.request_count == sent
    assert len(bookings(sim_admin)) == 1


@pytest.mark.asyncio
async def test_resolve_keeps_reading_through_faults_on_get(till: Till, sim_admin: httpx.Client) -> None:
    checkout = till.checkout
    checkout.add_article(article("30037"))
    arm(sim_admin, "start/cash", fault="drop_after")
    arm(sim_admin, "get", fault="status", status=503, count=2)
    with pytest.raises(OutcomeUnknownError):
        await checkout.pay_cash()
    assert await checkout.resolve_unknown() is CheckoutState.PAID
    assert len(bookings(sim_admin)) == 1


@pytest.mark.asyncio
@pytest.mark.parametrize("expire_before", ["apply", "pay"])
async def test_expired_token_in_the_middle_of_a_sale(
    till: Till, sim_admin: httpx.Client, expire_before: str
) -> None:
    checkout = till.checkout
    checkout.add_article(article("30037"), 4)
    await checkout.scan_card(SEED_CARD)
    if expire_before == "apply":
        expire_tokens(sim_admin)
    await checkout.apply_card_balance()
    if expire_before == "pay":
        expire_tokens(sim_admin)
    await checkout.pay_cash()
    assert checkout.state is CheckoutState.PAID
    assert len(bookings(sim_admin, checkout.transaction_ref)) == 1


@pytest.mark.asyncio
async def test_request_counts_against_the_simulator(till: Till, sim_admin: httpx.Client) -> None:
    checkout = till.checkout
    checkout.add_article(article("30037"), 4)
    before = till.client.request_count
    await checkout.scan_card(SEED_CARD)
    assert till.client.request_count - before == 1
    before = till.client.request_count
    await checkout.apply_card_balance()
    await checkout.pay_cash()
    assert till.client.request_count - before == 3
    # After a card payment the card is looked up once more, in the background (its new balance).
    assert checkout.card_refresh is not None
    await checkout.card_refresh
    assert till.client.request_count - before == 4
    checkout.new_sale()
    checkout.add_article(article("30037"))
    before = till.client.request_count
    await checkout.pay_cash()
    assert till.client.request_count - before == 2

"""The card's part of a sale against the real simulator: the passcode card's PIN checked before
it pays, and the card's balance after a booking as the server has it."""

from __future__ import annotations

import httpx
import pytest

from pos_gui.core.basket import Article
from pos_gui.services.catalog import Catalog
from pos_gui.services.checkout import CheckoutState, PasscodeRequiredError, PasscodeWrongError
from tests.integration.services.conftest import Till, card_cash_balance, sim_state

SEED_CARD = "9276004429942845"  # 10,00 EUR cash balance
PASSCODE_CARD = "9276000000000052"  # 30,00 EUR, passcode 1, PIN 1234 (docs/simulator.md)
PASSCODE_PIN = "1234"


def article(code: str) -> Article:
    found = Catalog.demo().lookup(code)
    assert found is not None
    return found


@pytest.mark.asyncio
async def test_the_passcode_card_pays_after_its_pin(till: Till, sim_admin: httpx.Client) -> None:
    checkout = till.checkout
    checkout.add_article(article("30037"))
    await checkout.scan_card(PASSCODE_CARD)
    with pytest.raises(PasscodeRequiredError):
        await checkout.apply_card_balance()
    with pytest.raises(PasscodeWrongError):
        await checkout.verify_passcode("9999")
    await checkout.verify_passcode(PASSCODE_PIN)
    await checkout.apply_card_balance()
    await checkout.pay_card()
    assert checkout.state is CheckoutState.PAID
    assert card_cash_balance(sim_admin, PASSCODE_CARD) == 3000 - checkout.basket.total


@pytest.mark.asyncio
async def test_check_passcode_by_number_and_by_card_id(till: Till, sim_admin: httpx.Client) -> None:
    card = await till.client.find_merchant_card(PASSCODE_CARD)
    assert card is not None
    assert card.id is not None
    assert card.passcode == 1
    assert await till.client.check_passcode(PASSCODE_CARD, PASSCODE_PIN) is True
    assert await till.client.check_passcode(PASSCODE_CARD, "0000") is False
    assert await till.client.check_passcode(card.id, PASSCODE_PIN) is True
    assert await till.client.check_passcode(SEED_CARD, PASSCODE_PIN) is False  # no PIN set
    # The card as the API shows it never carries the PIN.
    assert all("pin" not in c for c in sim_state(sim_admin)["cards"])


@pytest.mark.asyncio
async def test_after_a_card_payment_the_card_holds_the_servers_balance(
    till: Till, sim_admin: httpx.Client
) -> None:
    checkout = till.checkout
    checkout.add_article(article("30037"))
    await checkout.scan_card(SEED_CARD)
    assert checkout.card is not None
    before = checkout.card.cash_balance
    await checkout.apply_card_balance()
    await checkout.pay_card()
    assert checkout.card_refresh is not None
    await checkout.card_refresh
    assert checkout.card.cash_balance == card_cash_balance(sim_admin, SEED_CARD)
    assert checkout.card.cash_balance == before - checkout.basket.total

"""A card with a passcode pays only after its PIN was checked; the PIN is never logged or kept.
After a card payment the card's new balance is read in the background."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from pos_gui.core.basket import Article
from pos_gui.services.checkout import (
    CheckoutService,
    CheckoutState,
    PasscodeRequiredError,
    PasscodeWrongError,
)
from pos_gui.services.ledger import Ledger
from pos_gui.services.server_connection import ServerConnection
from tests.unit.services.test_checkout_fake import (
    BONUS_CARD,
    PASSCODE_CARD,
    PASSCODE_PIN,
    FakeSecuconnect,
    make_card,
)

SANDWICH = Article("30037", "", "Sandwich", 349, 7)


def files_in(folder: Path) -> list[bytes]:
    return [file.read_bytes() for file in folder.iterdir()]


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
    return sale


@pytest.mark.asyncio
async def test_a_passcode_card_pays_only_after_its_pin_was_checked(
    checkout: CheckoutService, server: FakeSecuconnect
) -> None:
    await checkout.scan_card(PASSCODE_CARD)
    assert checkout.passcode_required
    with pytest.raises(PasscodeRequiredError):
        await checkout.apply_card_balance()
    assert [call[0] for call in server.calls] == ["find_card"]

    with pytest.raises(PasscodeWrongError):
        await checkout.verify_passcode("0000")
    assert checkout.passcode_required
    with pytest.raises(PasscodeRequiredError):
        await checkout.apply_card_balance()

    await checkout.verify_passcode(PASSCODE_PIN)
    assert not checkout.passcode_required
    await checkout.apply_card_balance()
    await checkout.pay_card()
    assert checkout.state is CheckoutState.PAID
    assert server.count("check_passcode") == 2
    assert len(server.bookings) == 1


@pytest.mark.asyncio
async def test_the_check_holds_for_that_card_only(checkout: CheckoutService) -> None:
    await checkout.scan_card(PASSCODE_CARD)
    await checkout.verify_passcode(PASSCODE_PIN)
    checkout.remove_card()
    await checkout.scan_card(PASSCODE_CARD)
    with pytest.raises(PasscodeRequiredError):
        await checkout.apply_card_balance()


@pytest.mark.asyncio
async def test_a_card_without_passcode_is_not_asked(
    checkout: CheckoutService, server: FakeSecuconnect
) -> None:
    await checkout.scan_card(BONUS_CARD)
    assert not checkout.passcode_required
    await checkout.apply_card_balance()
    assert server.count("check_passcode") == 0


@pytest.mark.asyncio
async def test_the_pin_is_neither_logged_nor_stored(
    checkout: CheckoutService, ledger: Ledger, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    pin = "8642"
    await checkout.scan_card(PASSCODE_CARD)
    with pytest.raises(PasscodeWrongError):
        await checkout.verify_passcode(pin)
    await checkout.verify_passcode(PASSCODE_PIN)
    await checkout.apply_card_balance()
    await checkout.pay_card()
    for secret in (pin, PASSCODE_PIN):
        assert secret not in caplog.text
        assert all(secret not in str(event.payload) for event in ledger.events())
        assert all(secret.encode() not in content for content in files_in(tmp_path))


@pytest.mark.asyncio
async def test_after_a_card_payment_the_card_shows_its_new_balance(
    checkout: CheckoutService, server: FakeSecuconnect
) -> None:
    await checkout.scan_card(BONUS_CARD)
    await checkout.apply_card_balance()
    changes: list[int] = []
    checkout.on_change = lambda: changes.append(checkout.card.cash_balance if checkout.card else -1)
    # What the server holds once it has booked the card's share (the fake does not book cards).
    server.cards[BONUS_CARD] = make_card(BONUS_CARD, cash=2000 - 349, bonus=0)
    await checkout.pay_card()
    assert checkout.state is CheckoutState.PAID  # the receipt does not wait for the look-up
    assert checkout.card_refresh is not None
    await checkout.card_refresh
    assert checkout.card is not None
    assert checkout.card.cash_balance == 2000 - 349
    assert checkout.card.bonus_balance == 0
    assert changes[-1] == 2000 - 349
    assert server.count("get_card") == 1

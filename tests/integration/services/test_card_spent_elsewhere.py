"""One card at two tills: the other till spends from it between this till's preTransaction and
its start. The server refuses the stale payment; the cashier applies the card again and the sale
is paid on the card's new balance, each till's sale booked exactly once."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from pos_gui.api.errors import NotAllowedError
from pos_gui.core.basket import Article
from pos_gui.services.catalog import Catalog
from pos_gui.services.checkout import CheckoutState
from tests.integration.services.conftest import Till, bookings, build_till, card_cash_balance

SEED_CARD = "9276004429942845"  # 10,00 EUR cash balance


def article(code: str) -> Article:
    found = Catalog.demo().lookup(code)
    assert found is not None
    return found


@pytest.mark.asyncio
async def test_a_card_spent_at_another_till_is_applied_again_and_the_sale_paid_once(
    till: Till, sim_url: str, sim_admin: httpx.Client, tmp_path: Path
) -> None:
    other = build_till(sim_url, tmp_path / "other-till.sqlite3")
    try:
        here = till.checkout
        here.add_article(article("30037"), 3)
        await here.scan_card(SEED_CARD)
        await here.apply_card_balance()
        card_share_before = here.basket.total - here.amount_due
        assert card_share_before > 0

        # Meanwhile the customer's partner pays at the other till with the same card.
        there = other.checkout
        there.add_article(article("30037"))
        await there.scan_card(SEED_CARD)
        await there.apply_card_balance()
        await there.pay_cash(there.amount_due)
        assert there.state is CheckoutState.PAID
        balance_left = card_cash_balance(sim_admin, SEED_CARD)

        with pytest.raises(NotAllowedError) as refused:
            await here.pay_cash(here.amount_due)
        # What the cashier reads, and a till that can do what it says.
        assert refused.value.error_user is not None
        assert "erneut anwenden" in refused.value.error_user
        assert here.state is CheckoutState.CARD
        assert here.amount_due == here.basket.total
        recorded = till.journal.sale(here.sale_id or "")
        assert (recorded.state, recorded.card_share) == ("CARD", 0)

        await here.apply_card_balance()
        assert here.basket.total - here.amount_due == min(balance_left, here.basket.total)
        await here.pay_cash(here.amount_due)
        assert here.state is CheckoutState.PAID

        for checkout in (here, there):
            assert checkout.transaction is not None
            paid_here = [t for t in bookings(sim_admin) if t["id"] == checkout.transaction.id]
            assert len(paid_here) == 1
        assert card_cash_balance(sim_admin, SEED_CARD) == max(balance_left - here.basket.total, 0)
    finally:
        await other.http.aclose()
        other.journal.close()

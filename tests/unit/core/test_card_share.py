"""The till predicts the card's share the way the server's preTransaction computes it."""

from __future__ import annotations

import pytest

from pos_gui.core.card_share import predict_card_share, split_bonus_by_rate

SEED_GROSS = {7: 598, 19: 198}


def test_cash_balance_of_5_euro_leaves_2_96_to_pay() -> None:
    share = predict_card_share(SEED_GROSS, cash_balance=500, bonus_balance=0)
    assert (share.card_pays, share.missing_sum, share.bonus_by_rate) == (500, 296, {})


def test_bonus_is_split_per_vat_rate_as_in_the_documented_example() -> None:
    share = predict_card_share(SEED_GROSS, cash_balance=0, bonus_balance=71)
    assert share.bonus_by_rate == {7: 53, 19: 18}
    assert share.missing_sum == 725


def test_bonus_is_spent_before_cash() -> None:
    share = predict_card_share(SEED_GROSS, cash_balance=2000, bonus_balance=350)
    assert share.bonus_used == 350
    assert share.cash_used == 446
    assert share.missing_sum == 0


def test_a_card_worth_more_than_the_basket_pays_exactly_the_basket() -> None:
    share = predict_card_share(SEED_GROSS, cash_balance=1000, bonus_balance=0)
    assert (share.card_pays, share.missing_sum) == (796, 0)


@pytest.mark.parametrize("bonus", [1, 2, 3, 71, 333, 795, 796, 5000])
def test_bonus_shares_always_add_up(bonus: int) -> None:
    gross = {0: 17, 7: 598, 19: 198}
    shares = split_bonus_by_rate(bonus, gross)
    assert sum(shares.values()) == min(bonus, sum(gross.values()))
    assert all(shares[rate] <= gross[rate] for rate in shares)


def test_empty_card_and_empty_basket() -> None:
    assert predict_card_share(SEED_GROSS, cash_balance=0, bonus_balance=0).missing_sum == 796
    assert predict_card_share({}, cash_balance=500, bonus_balance=0).card_pays == 0

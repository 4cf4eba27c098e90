"""The simulator's own card-share rule (reference §7.4, §8.2): bonus per VAT rate, then cash."""

from __future__ import annotations

import pytest

from pos_sim.card_share import card_payment, split_bonus

SEED_GROSS = {7: 598, 19: 198}  # Sandwich 3,49 + Fruit salad 2,49 at 7 %, 2 × Water 0,99 at 19 %


def test_the_documented_example_spends_53_at_7_and_18_at_19_percent() -> None:
    payment = card_payment(SEED_GROSS, bonus_balance=71, cash_balance=0)

    assert payment.bonus_by_rate == {7: 53, 19: 18}
    assert (payment.cash_used, payment.missing_sum) == (0, 725)


def test_the_documented_cash_only_card_leaves_2_96_to_pay() -> None:
    payment = card_payment(SEED_GROSS, bonus_balance=0, cash_balance=500)

    assert (payment.bonus_by_rate, payment.cash_used, payment.missing_sum) == ({}, 500, 296)


def test_the_left_over_cent_goes_to_the_highest_rate_even_with_the_smaller_remainder() -> None:
    # 150 × 598 / 796 = 112,69 and 150 × 198 / 796 = 37,31: rounded down 112 and 37, and the
    # cent left over goes to 19 % although 7 % lost more to rounding.
    assert split_bonus(150, SEED_GROSS) == {7: 112, 19: 38}


def test_two_left_over_cents_both_go_to_the_highest_rate() -> None:
    # 2 × 100 / 300 = 0,67 for each rate: all three round down to 0, two cents are left.
    assert split_bonus(2, {0: 100, 7: 100, 19: 100}) == {19: 2}


def test_a_rate_never_gets_more_bonus_than_its_gross() -> None:
    # Rounded down 99, 99 and 0; two cents left, but 19 % has only one cent of goods.
    assert split_bonus(200, {0: 100, 7: 100, 19: 1}) == {0: 99, 7: 100, 19: 1}


def test_bonus_is_spent_before_cash_and_the_card_never_pays_more_than_the_basket() -> None:
    payment = card_payment(SEED_GROSS, bonus_balance=350, cash_balance=2000)

    assert payment.bonus_used == 350
    assert (payment.cash_used, payment.missing_sum) == (446, 0)
    assert card_payment(SEED_GROSS, bonus_balance=5000, cash_balance=0).bonus_by_rate == SEED_GROSS


def test_a_coupon_lowers_what_the_bonus_may_cover() -> None:
    # 5,00 € at 7 % less a 3,00 € coupon at 19 %: the basket costs 2,00 €, so at most 2,00 € bonus.
    payment = card_payment({7: 500, 19: -300}, bonus_balance=1000, cash_balance=1000)

    assert payment.bonus_by_rate == {7: 200}
    assert (payment.cash_used, payment.missing_sum) == (0, 0)


@pytest.mark.parametrize("gross", [{}, {7: -100}, {7: 100, 19: -100}])
def test_a_basket_that_costs_nothing_takes_nothing_from_the_card(gross: dict[int, int]) -> None:
    payment = card_payment(gross, bonus_balance=100, cash_balance=100)

    assert (payment.bonus_by_rate, payment.cash_used, payment.missing_sum) == ({}, 0, 0)


def test_negative_balances_count_as_none() -> None:
    payment = card_payment(SEED_GROSS, bonus_balance=-50, cash_balance=-20)

    assert (payment.bonus_used, payment.cash_used, payment.missing_sum) == (0, 0, 796)

"""How much of a basket a loyalty card pays: bonus balance first, then cash balance.

The server decides this in ``preTransaction``; the till predicts the same split locally while the
basket changes, so the cashier sees "card pays X, cash due Y" before anything is sent. The rule
(reference §7.4 and §8.2): bonus is spent first and split across the basket's VAT rates in
proportion to their gross amounts, the rounding remainder to the highest rate (the documented
example: 71 cents over 5,98 € at 7 % and 1,98 € at 19 % → 53 and 18); then cash balance covers
what is left; the rest is the ``missing_sum``.
The simulator has its own implementation of the server's rule (pos_sim/card_share.py), and
tests/integration/pos_sim/test_card_share_agreement.py compares the two over random baskets.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from pos_gui.core.money import Cents


@dataclass(frozen=True)
class CardShare:
    """The predicted (or confirmed) split of a basket between card and cash.

    Attributes:
        total: the basket total in cents.
        bonus_by_rate: bonus cents spent per VAT rate (rates with zero spend are left out).
        cash_used: cents taken from the card's cash balance.
        missing_sum: cents still to pay with another method (cash at the till).
    """

    total: Cents
    bonus_by_rate: dict[int, Cents] = field(default_factory=dict)
    cash_used: Cents = 0
    missing_sum: Cents = 0

    @property
    def bonus_used(self) -> Cents:
        return sum(self.bonus_by_rate.values())

    @property
    def card_pays(self) -> Cents:
        return self.bonus_used + self.cash_used


def split_bonus_by_rate(bonus: Cents, gross_by_rate: Mapping[int, Cents]) -> dict[int, Cents]:
    """Split ``bonus`` cents across VAT rates in proportion to each rate's gross amount.

    As the server does it (reference §8.2, "rounding remainder to the largest rate"): each share is
    rounded down, then the cents lost to rounding go to the highest VAT rate, so the shares add up
    to ``bonus`` exactly. A rate never takes more than its gross (its VAT base would turn
    negative); what it cannot take goes on to the next lower rate.
    """
    positive = {rate: gross for rate, gross in gross_by_rate.items() if gross > 0}
    total = sum(positive.values())
    if bonus <= 0 or total <= 0:
        return {}
    bonus = min(bonus, total)
    shares = {rate: bonus * gross // total for rate, gross in positive.items()}
    leftover = bonus - sum(shares.values())
    for rate in sorted(positive, reverse=True):
        if leftover == 0:
            break
        taken = min(leftover, positive[rate] - shares[rate])
        shares[rate] += taken
        leftover -= taken
    return {rate: cents for rate, cents in shares.items() if cents > 0}


def predict_card_share(
    gross_by_rate: Mapping[int, Cents], *, cash_balance: Cents, bonus_balance: Cents
) -> CardShare:
    """Predict what a card with the given balances pays of a basket.

    Args:
        gross_by_rate: the basket's gross total per VAT rate (percent → cents).
        cash_balance: the card's cash balance in cents (negative balances count as zero).
        bonus_balance: the card's bonus balance in cents (negative balances count as zero).
    """
    total = sum(gross_by_rate.values())
    if total <= 0:
        return CardShare(total=total, missing_sum=max(total, 0))
    # Never more bonus than the basket costs: a discount line lowers the total below the sum
    # of the rates that carry goods.
    bonus_by_rate = split_bonus_by_rate(min(max(bonus_balance, 0), total), gross_by_rate)
    after_bonus = total - sum(bonus_by_rate.values())
    cash_used = min(max(cash_balance, 0), after_bonus)
    return CardShare(
        total=total,
        bonus_by_rate=bonus_by_rate,
        cash_used=cash_used,
        missing_sum=after_bonus - cash_used,
    )

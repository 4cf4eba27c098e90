"""How much of a basket a loyalty card pays: bonus balance first, then cash balance.

The server decides this in ``preTransaction``; the till predicts the same split locally while the
basket changes, so the cashier sees "card pays X, cash due Y" before anything is sent. The rule
(reference §7.4 and §8.2): bonus is spent first and split across the basket's VAT rates in
proportion to their gross amounts (largest-remainder rounding, which reproduces the documented
example: 71 cents over 5,98 € at 7 % and 1,98 € at 19 % → 53 and 18); then cash balance covers
what is left; the rest is the ``missing_sum``.
The simulator uses the same function, so demo mode and prediction agree by construction.
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

    Each share is rounded down, then the cents lost to rounding go one by one to the rates with the
    largest fractional remainders (ties: the higher rate), so the shares add up to ``bonus`` exactly.
    """
    positive = {rate: gross for rate, gross in gross_by_rate.items() if gross > 0}
    total = sum(positive.values())
    if bonus <= 0 or total <= 0:
        return {}
    bonus = min(bonus, total)
    shares = {rate: bonus * gross // total for rate, gross in positive.items()}
    leftover = bonus - sum(shares.values())
    by_remainder = sorted(positive, key=lambda rate: (bonus * positive[rate] % total, rate), reverse=True)
    for rate in by_remainder[:leftover]:
        shares[rate] += 1
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
    bonus_by_rate = split_bonus_by_rate(max(bonus_balance, 0), gross_by_rate)
    after_bonus = total - sum(bonus_by_rate.values())
    cash_used = min(max(cash_balance, 0), after_bonus)
    return CardShare(
        total=total,
        bonus_by_rate=bonus_by_rate,
        cash_used=cash_used,
        missing_sum=after_bonus - cash_used,
    )

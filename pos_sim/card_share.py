"""The server's rule for what a loyalty card pays in ``preTransaction`` (reference §7.4, §8.2).

The simulator has its own copy of the rule, written from the reference and not shared with the
till: the till predicts the card's share on its own, and a test compares the two, so a till that
drifts from the server is caught.

The rule, in the reference's words (§8.2):

1. ``bonus_use = min(bonus_balance, total)``, split across the VAT rates in the basket in
   proportion to each rate's gross amount, "rounding remainder to the largest rate";
2. ``cash_use = min(cash_balance, total − bonus_use)``;
3. ``missing_sum = total − bonus_use − cash_use``.

"Largest rate" is read as the highest VAT percentage: the documented example (71 cents of bonus
on 5,98 € at 7 % and 1,98 € at 19 %: −53 at 7 %, −18 at 19 %) only comes out that way, since
rounding down gives 53 and 17 and the left-over cent lands on 19 %. The reference does not say
what happens when the highest rate's gross is smaller than the left-over cents; here a rate never
gets more bonus than its gross, and what it cannot take goes on to the next lower rate.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class CardPayment:
    """What the card pays of a basket, as ``preTransaction`` answers it (all amounts in cents).

    Attributes:
        bonus_by_rate: bonus spent per VAT rate; rates with nothing spent are left out.
        cash_used: taken from the card's cash balance.
        missing_sum: still due with another method.
    """

    bonus_by_rate: dict[int, int] = field(default_factory=dict)
    cash_used: int = 0
    missing_sum: int = 0

    @property
    def bonus_used(self) -> int:
        return sum(self.bonus_by_rate.values())


def split_bonus(bonus: int, gross_by_rate: Mapping[int, int]) -> dict[int, int]:
    """Spread ``bonus`` cents over the VAT rates in proportion to their gross amounts.

    Each rate first gets its proportional share rounded down; the cents this leaves go to the
    highest rate (see the module docstring). Only rates with a positive gross take part.
    """
    paying = {rate: gross for rate, gross in gross_by_rate.items() if gross > 0}
    paying_total = sum(paying.values())
    if bonus <= 0 or paying_total <= 0:
        return {}
    bonus = min(bonus, paying_total)
    shares = {rate: bonus * gross // paying_total for rate, gross in paying.items()}
    left_over = bonus - sum(shares.values())
    for rate in sorted(paying, reverse=True):
        # Capped at the rate's gross: a bonus line larger than the goods it discounts would make
        # that rate's VAT base negative.
        extra = min(left_over, paying[rate] - shares[rate])
        shares[rate] += extra
        left_over -= extra
    return {rate: cents for rate, cents in shares.items() if cents > 0}


def card_payment(gross_by_rate: Mapping[int, int], *, bonus_balance: int, cash_balance: int) -> CardPayment:
    """What a card with these balances pays of a basket with this gross per VAT rate.

    A negative balance counts as none; a basket whose total is not positive costs the card nothing.
    """
    total = sum(gross_by_rate.values())
    if total <= 0:
        return CardPayment(missing_sum=max(total, 0))
    bonus_use = min(max(bonus_balance, 0), total)
    bonus_by_rate = split_bonus(bonus_use, gross_by_rate)
    bonus_spent = sum(bonus_by_rate.values())
    cash_use = min(max(cash_balance, 0), total - bonus_spent)
    return CardPayment(
        bonus_by_rate=bonus_by_rate, cash_used=cash_use, missing_sum=total - bonus_spent - cash_use
    )

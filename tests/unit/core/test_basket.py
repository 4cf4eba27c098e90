"""The basket adds, merges, edits and voids lines, and its VAT table adds up to the total."""

from __future__ import annotations

import pytest

from pos_gui.core.basket import Article, Basket, vat_share

SANDWICH = Article("30037", "", "Sandwich Romano", 349, 7)
FRUIT = Article("30200", "", "Fruit salad, small bowl", 249, 7)
WATER = Article("51", "4999012345678", "Water, mildly sprinkling, 0.25 ltr.", 99, 19)


def seed_basket() -> Basket:
    basket = Basket()
    basket.add(SANDWICH)
    basket.add(FRUIT)
    basket.add(WATER)
    basket.add(WATER)
    return basket


def test_the_seed_basket_totals_7_96() -> None:
    basket = seed_basket()
    assert [(line.line_id, line.quantity) for line in basket.lines] == [(1, 1), (2, 1), (3, 2)]
    assert basket.total == 796
    assert basket.gross_by_rate() == {7: 598, 19: 198}


def test_vat_table_lists_the_highest_rate_first_and_adds_up() -> None:
    table = seed_basket().vat_breakdown()
    assert [(share.rate, share.gross, share.net, share.vat) for share in table] == [
        (19, 198, 166, 32),
        (7, 598, 559, 39),
    ]
    assert sum(share.gross for share in table) == 796


def test_quantity_change_and_void_keep_line_ids_stable() -> None:
    basket = seed_basket()
    basket.set_quantity(1, 3)
    basket.void(2)
    assert [(line.line_id, line.quantity) for line in basket.lines] == [(1, 3), (3, 2)]
    assert basket.total == 3 * 349 + 2 * 99
    line = basket.add(FRUIT)
    assert line.line_id == 4, "a voided line's id is never reused"


def test_quantity_zero_voids_and_nonsense_quantities_are_refused() -> None:
    basket = seed_basket()
    basket.set_quantity(3, 0)
    assert [line.line_id for line in basket.lines] == [1, 2]
    with pytest.raises(ValueError):
        basket.set_quantity(1, -1)
    with pytest.raises(ValueError):
        basket.add(SANDWICH, 10_000)
    with pytest.raises(KeyError):
        basket.void(99)


def test_restore_continues_numbering_after_the_restored_lines() -> None:
    basket = Basket()
    basket.restore(seed_basket().lines)
    assert basket.total == 796
    assert basket.add(Article("1", "", "Brezel", 90, 7)).line_id == 4


def test_vat_of_a_refund_mirrors_the_sale() -> None:
    assert vat_share(19, -198).vat == -vat_share(19, 198).vat

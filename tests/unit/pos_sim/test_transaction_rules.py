"""Pure Smart Transaction rules: body parsing, echo quirks, totals, bonus lines, search terms."""

from __future__ import annotations

from typing import Any

import pytest

from pos_sim import transactions as rules
from pos_sim.card_share import CardPayment
from pos_sim.errors import SimApiError


def product(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"id": 1, "desc": "Sandwich", "quantity": 1, "priceOne": 349, "tax": 7}
    base.update(fields)
    return base


def test_product_echo_adds_the_servers_fields_in_order() -> None:
    echoed = rules.normalize_product(product(articleNumber=30037), 0)

    assert list(echoed) == [
        "id", "parent", "articleNumber", "ean", "desc", "quantity", "priceOne", "tax", "group",
        "serialNumber", "item_type", "reference_id", "contract_id", "sum",
    ]  # fmt: skip
    assert echoed["articleNumber"] == "30037"
    assert echoed["ean"] == ""
    assert echoed["group"] == []
    assert echoed["item_type"] == "article"
    assert (echoed["parent"], echoed["serialNumber"], echoed["sum"]) == (None, None, None)


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        (product(priceOne="3,49"), "priceOne"),
        (product(quantity=1.5), "quantity"),
        (product(tax=None), "tax"),
        (product(desc=""), "desc"),
        (product(item_type="gift"), "item_type"),
        (product(priceOne=True), "priceOne"),
    ],
)
def test_bad_product_fields_are_400_naming_the_field(bad: dict[str, Any], field: str) -> None:
    with pytest.raises(SimApiError) as caught:
        rules.normalize_product(bad, 0)
    assert caught.value.status_code == 400
    assert field in caught.value.details


def test_totals_subtract_coupons_and_ignore_bonus_lines() -> None:
    products = [
        rules.normalize_product(product(id=1, priceOne=349, quantity=2, tax=7), 0),
        rules.normalize_product(product(id=2, priceOne=99, tax=19), 1),
        rules.normalize_product(product(id=3, priceOne=100, tax=19, item_type="coupon"), 2),
        rules.normalize_product(product(id=4, desc="Bonus Steuer 7", priceOne=-50, tax=7), 3),
    ]

    assert rules.basket_total(products) == 698 + 99 - 100
    assert rules.gross_by_rate(products) == {7: 698, 19: -1}


def test_basket_info_sum_must_match_when_strict() -> None:
    products = rules.parse_basket({"basket": {"products": [product(priceOne=796)]}})

    with pytest.raises(SimApiError) as caught:
        rules.parse_basket_info({"basket_info": {"sum": 795}}, products, strict=True)
    assert caught.value.status_code == 400
    assert rules.parse_basket_info({"basket_info": {"sum": 795}}, products, strict=False)["sum"] == 795
    assert rules.parse_basket_info({"basket_info": {"sum": 896, "gratuity": 100}}, products, strict=True) == {
        "sum": 896,
        "currency": "EUR",
        "gratuity": 100,
    }


def test_parse_basket_drops_bonus_lines_and_refuses_duplicate_ids() -> None:
    body = {"basket": {"products": [product(id=1), product(id=2, desc="Bonus Steuer 7", priceOne=-10)]}}
    assert [p["id"] for p in rules.parse_basket(body)] == [1]
    with pytest.raises(SimApiError):
        rules.parse_basket({"basket": {"products": [product(id=1), product(id=1)]}})


def test_bonus_lines_one_per_rate_sorted_with_negative_prices() -> None:
    payment = CardPayment(bonus_by_rate={19: 18, 7: 53}, cash_used=0, missing_sum=725)

    lines = rules.bonus_lines(payment, first_id=4)

    assert [(line["id"], line["desc"], line["priceOne"], line["tax"]) for line in lines] == [
        (4, "Bonus Steuer 7", -53, 7),
        (5, "Bonus Steuer 19", -18, 19),
    ]
    assert all(rules.is_bonus_line(line) for line in lines)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (None, True),
        ("status:ok", True),
        ("status:OK", True),
        ("status:created", False),
        ('card.cardnumber:"9276004429942845"', True),
        ("card.cardnumber:9276*", True),
        ("idents.value:9276004429942845 AND status:ok", True),
        ("status:created OR is_demo:true", True),
        ("NOT status:ok", False),
        ("nonsense", False),
    ],
)
def test_query_subset(query: str | None, expected: bool) -> None:
    data = {
        "status": "ok",
        "is_demo": True,
        "card": {"cardnumber": "9276004429942845"},
        "idents": [{"value": "9276004429942845"}],
    }
    assert rules.matches_query(data, query) is expected

"""The till's own receipt: articles, total, VAT table, payment, DEMO banner, server lines after it."""

from __future__ import annotations

from datetime import datetime

import pytest

from pos_gui.core.basket import Article, Basket
from pos_gui.core.receipt_layout import to_text
from pos_gui.core.sales_receipt import (
    SalesReceipt,
    SalesReceiptLine,
    compose_receipt,
    layout_sales_receipt,
    vat_table_from_lines,
)

SANDWICH = Article("30037", "", "Sandwich Romano", 349, 7)
FRUIT_SALAD = Article("30200", "", "Fruit salad, small bowl", 249, 7)
WATER = Article("51", "4999012345678", "Water, mildly sprinkling, 0.25 ltr.", 99, 19)
SHOP = ("John's Bakery", "Hauptstraße 1", "12345 Musterstadt")
SERVER_LINES = [
    {"type": "separator", "value": {"caption": "Kundenkarte"}},
    {"type": "textline", "value": {"text": "Aktuelles Guthaben", "decoration": []}},
    {"type": "textline", "value": {"text": "5,00 EUR", "decoration": ["important"]}},
]


def seed_basket() -> Basket:
    basket = Basket()
    basket.add(SANDWICH)
    basket.add(FRUIT_SALAD)
    basket.add(WATER, 2)
    return basket


def seed_sale(
    *,
    is_demo: bool = False,
    card_paid: int = 500,
    tendered: int = 500,
    receipt_number: str = "29187332",
    shop_lines: tuple[str, ...] = SHOP,
    paid_lines_only: bool = False,
) -> SalesReceipt:
    basket = seed_basket()
    cash_due = 796 - card_paid
    return SalesReceipt.from_basket(
        list(basket.lines) if paid_lines_only else basket,
        shop_lines=shop_lines,
        issued_at=datetime(2020, 9, 17, 9, 43),
        receipt_number=receipt_number,
        transaction_id="STX_KJXJDUN542NR3WMRHRVU5WWM6ZQEA2",
        card_paid=card_paid,
        cash_due=cash_due,
        tendered=tendered,
        change=tendered - cash_due if tendered else 0,
        is_demo=is_demo,
    )


def test_seed_sale_at_42_columns() -> None:
    expected = """\
              John's Bakery
              Hauptstraße 1
            12345 Musterstadt

17.09.2020 09:43          Bon-Nr. 29187332
------------------------------------------
Sandwich Romano                     3,49 B
Fruit salad, small bowl             2,49 B
Water, mildly sprinkling, 0.25 ltr.
  2 x 0,99                          1,98 A
------------------------------------------
Summe                               7,96 €
------------------------------------------
Karte                               5,00 €
Bar zu zahlen                       2,96 €
Bar gegeben                         5,00 €
Rückgeld                            2,04 €

Satz           Netto       MwSt     Brutto
A 19 %          1,66       0,32       1,98
B  7 %          5,59       0,39       5,98

      Vielen Dank für Ihren Einkauf!
  TA STX_KJXJDUN542NR3WMRHRVU5WWM6ZQEA2

               BON29187332
"""
    assert to_text(layout_sales_receipt(seed_sale(), 42)) == expected


def test_total_and_change_are_bold() -> None:
    bold = [line.text.split()[0] for line in layout_sales_receipt(seed_sale(), 42) if line.bold]
    assert bold == ["John's", "Summe", "Rückgeld"]


def test_cash_only_sale_has_no_card_lines() -> None:
    text = to_text(layout_sales_receipt(seed_sale(card_paid=0, tendered=1000), 32))
    assert "Karte" not in text
    assert "Bar zu zahlen" not in text
    assert "Rückgeld" in text


@pytest.mark.parametrize("width", [32, 42, 48])
def test_every_width_fits_the_paper(width: int) -> None:
    layout = compose_receipt(seed_sale(is_demo=True), SERVER_LINES, width)
    assert all(len(line.text) <= width for line in layout)
    vat_rows = [line.text for line in layout if line.text.startswith(("A 19 %", "B  7 %"))]
    assert [row.split() for row in vat_rows] == [
        ["A", "19", "%", "1,66", "0,32", "1,98"],
        ["B", "7", "%", "5,59", "0,39", "5,98"],
    ]


def test_demo_receipt_says_demo_first_and_last_after_the_server_lines() -> None:
    layout = compose_receipt(seed_sale(is_demo=True), SERVER_LINES, 42)
    texts = [line.text.strip() for line in layout]
    demo_rows = [index for index, text in enumerate(texts) if text == "DEMO - keine echte Zahlung"]
    assert len(demo_rows) == 2
    assert demo_rows[0] == 1
    assert demo_rows[1] == len(texts) - 2
    assert texts.index("Kundenkarte") < demo_rows[1]
    assert texts.index("Summe                               7,96 €") < texts.index("Kundenkarte")
    assert all(layout[index].bold and layout[index].large for index in demo_rows)


def test_real_receipt_never_says_demo() -> None:
    text = to_text(compose_receipt(seed_sale(), SERVER_LINES, 42))
    assert "DEMO" not in text
    assert text.rstrip().endswith("5,00 EUR")


def test_vat_table_from_lines_matches_the_baskets() -> None:
    sale = seed_sale()
    assert vat_table_from_lines(sale.lines) == sale.vat_table
    one_line = (SalesReceiptLine("Kaffee", 1, 220, 220, 19),)
    (share,) = vat_table_from_lines(one_line)
    assert (share.net, share.vat) == (185, 35)


def test_receipt_from_paid_lines_equals_the_baskets() -> None:
    from_lines = seed_sale(paid_lines_only=True)
    assert from_lines == seed_sale()
    assert from_lines.total == 796
    assert [share.rate for share in from_lines.vat_table] == [19, 7]


def test_card_pays_everything() -> None:
    text = to_text(layout_sales_receipt(seed_sale(card_paid=796, tendered=0), 42))
    assert "Karte                               7,96 €\n" in text
    assert "Bar zu zahlen                       0,00 €\n" in text
    assert "Rückgeld" not in text


def test_without_a_receipt_number_the_date_stands_alone() -> None:
    sale = seed_sale(card_paid=0, tendered=1000, receipt_number="", shop_lines=())
    lines = to_text(layout_sales_receipt(sale, 32)).splitlines()
    assert lines[0] == "17.09.2020 09:43"
    assert "Bon-Nr." not in "".join(lines)

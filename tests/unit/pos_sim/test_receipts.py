"""Receipt lines in the API's format, with the server's German texts and amounts."""

from __future__ import annotations

import json

from pos_sim.receipts import name_value, sale_receipt, separator, space, storno_receipt, textline
from tests.helpers.seed import SEED_RESPONSE_PATH

SEED = SEED_RESPONSE_PATH


def test_sale_without_redemption_is_the_seed_receipt() -> None:
    seed_receipt = json.loads(SEED.read_text(encoding="utf-8"))["receipt"]

    lines = sale_receipt(
        cardnumber="9276004429942845", ta_code="29187332", revenue=796, redeemed=0, balance=1000
    )

    assert lines == seed_receipt
    assert json.dumps(lines) == json.dumps(seed_receipt)  # key order too


def test_sale_with_redemption_shows_what_the_card_paid_and_the_new_balance() -> None:
    lines = sale_receipt(cardnumber="9276000000000029", ta_code="1", revenue=796, redeemed=500, balance=0)

    assert lines[6:] == [
        space(),
        textline("Mit Karte bezahlt:"),
        textline("5,00 EUR", ["important"]),
        space(),
        textline("Aktuelles Guthaben"),
        textline("0,00 EUR", ["important"]),
    ]


def test_amounts_use_german_format_with_thousands() -> None:
    lines = sale_receipt(cardnumber="1", ta_code="2", revenue=123456, redeemed=0, balance=5)
    assert textline("1.234,56 EUR", ["important"]) in lines
    assert textline("0,05 EUR", ["important"]) in lines


def test_storno_receipt_with_card() -> None:
    lines = storno_receipt(
        cardnumber="9276000000000029", ta_code="29187340", cancelled=796, refunded=500, balance=500
    )

    assert lines[:4] == [
        separator("Kundenkarte"),
        textline("STORNO", ["important", "align-center"]),
        name_value("Kartennummer: ", "9276000000000029"),
        name_value("TA Code: ", "29187340"),
    ]
    shown = [line["value"]["text"] for line in lines if line["type"] == "textline"]
    assert shown == [
        "STORNO",
        "Storniert:",
        "7,96 EUR",
        "Der Karte gutgeschrieben:",
        "5,00 EUR",
        "Aktuelles Guthaben",
        "5,00 EUR",
    ]


def test_storno_receipt_without_card_has_a_plain_rule_and_no_card_lines() -> None:
    lines = storno_receipt(cardnumber=None, ta_code=None, cancelled=796, refunded=0, balance=None)

    assert lines[0] == {"type": "separator", "value": {}}
    assert [line["type"] for line in lines] == ["separator", "textline", "space", "textline", "textline"]

"""Money is shown and typed the German way, and never loses a cent."""

from __future__ import annotations

import pytest

from pos_gui.core.money import format_amount, format_eur, format_eur_code, parse_amount


@pytest.mark.parametrize(
    ("cents", "text"),
    [
        (0, "0,00"),
        (5, "0,05"),
        (796, "7,96"),
        (-296, "-2,96"),
        (123456, "1.234,56"),
        (100000000, "1.000.000,00"),
    ],
)
def test_amounts_are_formatted_with_a_decimal_comma(cents: int, text: str) -> None:
    assert format_amount(cents) == text


def test_screen_and_server_styles() -> None:
    assert format_eur(204) == "2,04 €"
    assert format_eur_code(796) == "7,96 EUR"


@pytest.mark.parametrize(
    ("typed", "cents"),
    [
        ("5", 500),
        ("5,", 500),
        ("5,5", 550),
        ("5,50", 550),
        ("5.50", 550),
        (" 20 € ", 2000),
        ("0,99", 99),
        ("7,96 EUR", 796),
    ],
)
def test_what_a_cashier_types_is_parsed_to_cents(typed: str, cents: int) -> None:
    assert parse_amount(typed) == cents


@pytest.mark.parametrize("typed", ["", "abc", "5,555", "1.234,56", "5,-", "--5", "12345678"])
def test_ambiguous_or_broken_input_is_refused(typed: str) -> None:
    with pytest.raises(ValueError):
        parse_amount(typed)

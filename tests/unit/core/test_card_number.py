"""The one card-number rule: shape, cleaning, masking."""

from __future__ import annotations

import pytest

from pos_gui.core.card_number import clean_code, is_card_number, masked


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9276004429942845", True),
        ("9276 0044 2994 2845", False),  # not cleaned yet
        ("927600442994284", False),  # 15 digits
        ("92760044299428451", False),  # 17 digits
        ("1276004429942845", False),
        ("9276a04429942845", False),
        ("", False),
    ],
)
def test_is_card_number(text: str, expected: bool) -> None:
    assert is_card_number(text) is expected


def test_clean_code_drops_what_scanners_and_people_add() -> None:
    assert clean_code("\t9276 0044 2994 2845\r\n\x1d") == "9276004429942845"
    assert is_card_number(clean_code(" 9276 0044 2994 2845 "))


def test_masked_shows_only_the_last_four_digits() -> None:
    assert masked("9276004429942845") == "••••••••••••2845"
    assert masked("45") == "45"

"""The server's receipt lines as fixed-width text, as the customer reads them on paper."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from pos_gui.core.receipt_layout import (
    MAX_SERVER_LINES,
    MAX_TEXT_CHARS,
    Align,
    LayoutLine,
    layout_server_receipt,
    to_text,
)
from tests.helpers.seed import SEED_RESPONSE_PATH

SEED_RESPONSE = SEED_RESPONSE_PATH

# The seed receipt (reference §10.2) at 42 columns, written out by hand.
SEED_RECEIPT_42 = [
    "",
    "               Kundenkarte",
    "",
    "Kartennummer:             9276004429942845",
    "TA Code:                          29187332",
    "",
    "Umsatz erfasst:",
    "7,96 EUR",
    "",
    "Aktuelles Guthaben",
    "10,00 EUR",
]


class FakeReceiptLine:
    """Stands in for the pydantic ``ReceiptLine`` model: only ``model_dump()`` is used."""

    def __init__(self, line_type: str, value: dict[str, Any] | None) -> None:
        self._data = {"type": line_type, "value": value}

    def model_dump(self) -> dict[str, Any]:
        return dict(self._data)


# The seed response's ``receipt`` field, copied so the test also runs where the shared reference
# folder is absent; ``test_the_copy_is_the_seed`` keeps the copy honest where it is present.
SEED_RECEIPT_LINES: list[dict[str, Any]] = [
    {"type": "separator", "value": {"caption": "Kundenkarte"}},
    {
        "type": "name-value",
        "value": {"name": "Kartennummer: ", "value": "9276004429942845", "decoration": []},
    },
    {"type": "name-value", "value": {"name": "TA Code: ", "value": "29187332", "decoration": []}},
    {"type": "space"},
    {"type": "textline", "value": {"text": "Umsatz erfasst:", "decoration": []}},
    {"type": "textline", "value": {"text": "7,96 EUR", "decoration": ["important"]}},
    {"type": "space"},
    {"type": "textline", "value": {"text": "Aktuelles Guthaben", "decoration": []}},
    {"type": "textline", "value": {"text": "10,00 EUR", "decoration": ["important"]}},
]


@pytest.fixture
def seed_receipt() -> list[dict[str, Any]]:
    return [dict(line) for line in SEED_RECEIPT_LINES]


def test_the_copy_is_the_seed() -> None:
    assert json.loads(SEED_RESPONSE.read_text(encoding="utf-8"))["receipt"] == SEED_RECEIPT_LINES


def test_seed_receipt_at_42_columns_line_by_line(seed_receipt: list[dict[str, Any]]) -> None:
    layout = layout_server_receipt(seed_receipt, 42)
    assert [line.text for line in layout] == SEED_RECEIPT_42
    assert to_text(layout) == "\n".join(SEED_RECEIPT_42) + "\n"


def test_seed_receipt_emphasis(seed_receipt: list[dict[str, Any]]) -> None:
    layout = layout_server_receipt(seed_receipt, 42)
    bold = [line.text.strip() for line in layout if line.bold]
    assert bold == ["Kundenkarte", "7,96 EUR", "10,00 EUR"]
    caption = layout[1]
    assert caption.align is Align.CENTER
    assert caption.large


def test_seed_receipt_from_model_objects_is_the_same(seed_receipt: list[dict[str, Any]]) -> None:
    models = [FakeReceiptLine(line["type"], line.get("value")) for line in seed_receipt]
    assert layout_server_receipt(models, 42) == layout_server_receipt(seed_receipt, 42)


@pytest.mark.parametrize("width", [32, 42, 48])
def test_no_line_is_wider_than_the_paper(seed_receipt: list[dict[str, Any]], width: int) -> None:
    long_text = {
        "type": "textline",
        "value": {"text": "Folgender Betrag wurde aufgeladen auf Ihre Geschenkkarte " * 3, "decoration": []},
    }
    layout = layout_server_receipt([*seed_receipt, long_text], width)
    assert all(len(line.text) <= width for line in layout)
    assert all(line.text == line.text.rstrip() for line in layout)


def test_name_value_at_32_columns_right_aligns_the_value() -> None:
    lines = [{"type": "name-value", "value": {"name": "Kartennummer: ", "value": "9276004429942845"}}]
    assert [line.text for line in layout_server_receipt(lines, 32)] == ["Kartennummer:   9276004429942845"]


def test_name_value_that_does_not_fit_puts_the_value_on_the_next_line() -> None:
    lines = [
        {
            "type": "name-value",
            "value": {
                "name": "Folgender Betrag wurde aufgeladen:",
                "value": "25,00 EUR",
                "decoration": ["important"],
            },
        }
    ]
    layout = layout_server_receipt(lines, 32)
    assert [line.text for line in layout] == [
        "Folgender Betrag wurde",
        "aufgeladen:",
        "                       25,00 EUR",
    ]
    assert all(line.bold for line in layout)


def test_textline_wraps_at_word_boundaries_and_splits_overlong_words() -> None:
    lines = [
        {"type": "textline", "value": {"text": "Vielen Dank für Ihren Einkauf bei John's Bakery"}},
        {"type": "textline", "value": {"text": "X" * 40}},
    ]
    assert [line.text for line in layout_server_receipt(lines, 32)] == [
        "Vielen Dank für Ihren Einkauf",
        "bei John's Bakery",
        "X" * 32,
        "X" * 8,
    ]


@pytest.mark.parametrize(
    ("decoration", "expected"),
    [
        (["align-center"], " " * 13 + "Danke!"),
        (["align_center"], " " * 13 + "Danke!"),
        (["align-right"], "                          Danke!"),
        (["align-left"], "Danke!"),
        (["important", "align-right"], "                          Danke!"),
    ],
)
def test_textline_alignment_decorations(decoration: list[str], expected: str) -> None:
    lines = [{"type": "textline", "value": {"text": "Danke!", "decoration": decoration}}]
    (line,) = layout_server_receipt(lines, 32)
    assert line.text == expected
    assert line.bold == ("important" in decoration)


def test_separator_without_caption_is_a_full_width_rule_and_space_is_blank() -> None:
    lines = [{"type": "separator", "value": {}}, {"type": "space"}, {"type": "separator"}]
    assert layout_server_receipt(lines, 48) == [LayoutLine("-" * 48), LayoutLine(""), LayoutLine("-" * 48)]


def test_unknown_and_malformed_lines_are_skipped_or_tolerated() -> None:
    lines: list[object] = [
        {"type": "barcode", "value": {"data": "123"}},
        {"type": "textline"},
        {"value": {"text": "no type"}},
        {"type": "name-value", "value": {"name": "Punkte", "value": 120}},
    ]
    assert [line.text for line in layout_server_receipt(lines, 32)] == ["", "Punkte" + " " * 23 + "120"]


def test_too_narrow_width_is_refused() -> None:
    with pytest.raises(ValueError, match="at least"):
        layout_server_receipt([], 8)


# A cash drawer kick (ESC p 0 25 250) and a paper cut (GS V 0), as a hostile server or a broken
# catalogue file could put them into a text.
DRAWER_KICK_TEXT = "\x1bp\x00\x19\xfa"
CUT_TEXT = "\x1dV\x00"


def test_control_characters_never_reach_the_layout() -> None:
    lines = [
        {"type": "textline", "value": {"text": f"Danke{DRAWER_KICK_TEXT}!{CUT_TEXT}"}},
        {"type": "name-value", "value": {"name": f"Karte{CUT_TEXT}", "value": f"12{DRAWER_KICK_TEXT}"}},
        {"type": "separator", "value": {"caption": "\x1b@Kunden\u202ekarte"}},
        {"type": "textline", "value": {"text": "zwei\nZeilen\tmit Tab"}},
    ]

    layout = layout_server_receipt(lines, 32)

    assert [line.text.strip() for line in layout] == [
        "Dankepú!V",  # ESC, NUL, the count bytes and GS are gone; the letters stay
        "KarteV" + " " * 22 + "12pú",
        "",
        "@Kundenkarte",  # the right-to-left override is gone too
        "",
        "zwei Zeilen mit Tab",
    ]


def test_a_text_of_megabytes_is_cut_before_it_is_laid_out() -> None:
    huge = ("Guthaben " * 1_200_000)[:10_000_000]
    lines = [{"type": "textline", "value": {"text": huge}}, {"type": "textline", "value": {"text": "Ende"}}]

    started = time.perf_counter()
    layout = layout_server_receipt(lines, 32)
    seconds = time.perf_counter() - started

    assert seconds < 1.0
    assert len(to_text(layout[:-1])) <= MAX_TEXT_CHARS + len(layout)
    assert layout[-1].text == "Ende"


def test_at_most_the_first_server_lines_are_laid_out() -> None:
    lines = [{"type": "textline", "value": {"text": f"Zeile {n}"}} for n in range(100_000)]

    layout = layout_server_receipt(lines, 32)

    assert len(layout) == MAX_SERVER_LINES
    assert layout[-1].text == f"Zeile {MAX_SERVER_LINES - 1}"

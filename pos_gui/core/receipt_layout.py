"""Receipt layout: the server's receipt lines as fixed-width text for a receipt printer.

The secuconnect API returns receipts as a list of typed lines (``separator``, ``name-value``,
``textline``, ``space``; reference §10). A thermal printer prints a fixed number of characters per
line: 32 on 58 mm paper, 42 or 48 on 80 mm paper. This module turns the lines into
:class:`LayoutLine` objects of at most that width, already padded for alignment, and carrying the
emphasis the printer should use. The ESC/POS backend, the on-screen preview, the PDF export and
the ``render-receipt`` support command all print from the same layout, so they cannot disagree.

The server's text is printed verbatim (amounts in it are pre-formatted, never parsed), with two
exceptions that protect the printer and the till: control characters are removed (an ESC or GS in
a text would reach the printer as a command: ``ESC p`` opens the cash drawer, ``GS V`` cuts), and
a text is cut to :data:`MAX_TEXT_CHARS` before it is wrapped (:func:`printable`). Every function
here that takes text applies it, so the till's own lines (article names from the catalogue) are
covered too. Unknown line types are skipped, as the reference recommends. No Qt, no I/O.
"""

from __future__ import annotations

import enum
import itertools
import textwrap
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

SUPPORTED_WIDTHS = (32, 42, 48)
MIN_WIDTH = 16

# A text longer than this is cut before it is laid out: 2000 characters are 40 lines on 58 mm
# paper, far more than any real receipt text, and wrapping a text of megabytes takes seconds.
MAX_TEXT_CHARS = 2000
# The server's receipt lines laid out at most (a real receipt has a few dozen).
MAX_SERVER_LINES = 500

# Line breaks and tabs inside one text become a space; the layout makes its own lines.
_BREAKS_AS_SPACE = frozenset("\t\n\r\v\f\u2028\u2029")


class Align(enum.StrEnum):
    """Where a line sits within the paper width."""

    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


@dataclass(frozen=True)
class LayoutLine:
    """One printed line.

    Attributes:
        text: the characters to print, at most the layout width, with the padding for alignment
            already applied (leading spaces) and no trailing spaces. ``""`` is a blank line.
        bold: print emphasised (the ``important`` decoration, section captions, totals).
        align: the alignment that produced the padding; a backend that prints ``text`` as it is
            gets the same picture, a proportional-font backend (HTML) may use it instead.
        large: a section caption or banner; printers that can do so print it double height
            (never double width, which would break the column count).
        qr: when not ``""``, this line is a QR code of that text (the TSE's DSFinV-K payload):
            the printer prints the code, the screen and the PDF draw it; ``text`` is what plain
            text shows in its place.
        barcode: when not ``""``, this line is a CODE128 barcode of that text (the receipt's
            Bon-Nr., :mod:`pos_gui.core.receipt_barcode`): printed by the printer, drawn on
            screen and in the PDF; ``text`` is its human-readable line.
    """

    text: str
    bold: bool = False
    align: Align = Align.LEFT
    large: bool = False
    qr: str = ""
    barcode: str = ""


def to_text(lines: Iterable[LayoutLine]) -> str:
    """The layout as plain text, one line per layout line, ending with a newline."""
    return "".join(f"{line.text}\n" for line in lines)


def printable(text: str, limit: int = MAX_TEXT_CHARS) -> str:
    """``text`` cut to ``limit`` characters, with only characters a receipt may carry.

    Tabs and line breaks become spaces; spaces (also no-break spaces) stay; every other
    non-printable character is removed: the C0 and C1 control characters (ESC, GS, NUL, ...),
    which a printer would execute as commands, and invisible format characters (e.g. the
    right-to-left override, which would make the on-screen receipt show other text).
    """
    if len(text) > limit:
        text = text[:limit]
    if text.isprintable():  # the usual case: one fast scan in C
        return text
    return "".join(_printable_char(char) for char in text)


def _printable_char(char: str) -> str:
    if char.isprintable():
        return char
    if char in _BREAKS_AS_SPACE:
        return " "
    if unicodedata.category(char) == "Zs":  # no-break space and friends: printable spacing
        return char
    return ""


def check_width(width: int) -> int:
    """Return ``width`` if a receipt can be laid out at it, else raise ``ValueError``."""
    if width < MIN_WIDTH:
        raise ValueError(f"a receipt needs at least {MIN_WIDTH} characters per line, not {width}")
    return width


def blank_line() -> LayoutLine:
    return LayoutLine("")


def rule_line(width: int, char: str = "-") -> LayoutLine:
    """A full-width horizontal rule."""
    return LayoutLine(char * width)


def wrap_text(text: str, width: int) -> list[str]:
    """Word-wrap ``text`` at ``width``; words longer than a line are split. Empty text is one line."""
    wrapped = textwrap.wrap(
        printable(text),
        width=width,
        break_long_words=True,
        break_on_hyphens=False,
        drop_whitespace=True,
    )
    return wrapped or [""]


def aligned(text: str, width: int, align: Align, *, bold: bool = False, large: bool = False) -> LayoutLine:
    """One line of ``text`` (at most ``width`` characters are expected), padded for ``align``."""
    text = printable(text).strip()
    free = max(width - len(text), 0)
    if align is Align.CENTER:
        text = " " * (free // 2) + text
    elif align is Align.RIGHT:
        text = " " * free + text
    return LayoutLine(text, bold=bold, align=align, large=large)


def aligned_block(
    text: str, width: int, align: Align, *, bold: bool = False, large: bool = False
) -> list[LayoutLine]:
    """``text`` wrapped at ``width``, every line aligned the same way."""
    return [aligned(part, width, align, bold=bold, large=large) for part in wrap_text(text, width)]


def two_columns(name: str, value: str, width: int, *, bold: bool = False) -> list[LayoutLine]:
    """``name`` on the left and ``value`` right-aligned on the same line.

    When both do not fit on one line (with at least one space between them), the name is wrapped
    and the value goes right-aligned onto the line below, as reference §10.3 asks.
    """
    name = printable(name).rstrip()
    value = printable(value).strip()
    if not value:
        return aligned_block(name, width, Align.LEFT, bold=bold)
    if not name:
        return aligned_block(value, width, Align.RIGHT, bold=bold)
    if len(name) + 1 + len(value) <= width:
        return [LayoutLine(name.ljust(width - len(value)) + value, bold=bold)]
    return aligned_block(name, width, Align.LEFT, bold=bold) + aligned_block(
        value, width, Align.RIGHT, bold=bold
    )


def layout_server_receipt(receipt_lines: Iterable[object], width: int) -> list[LayoutLine]:
    """Lay out the server's receipt lines (``receipt`` or ``receipt_merchant``) at ``width``.

    Args:
        receipt_lines: the lines as plain mappings ``{"type": ..., "value": {...}}`` or as API
            model objects (anything with ``model_dump()``, or with ``type`` and ``value``
            attributes).
        width: characters per printed line (32, 42 or 48 on the usual printers).
    """
    check_width(width)
    layout: list[LayoutLine] = []
    for raw_line in itertools.islice(receipt_lines, MAX_SERVER_LINES):
        line_type, value = _type_and_value(raw_line)
        layout.extend(_layout_one(line_type, value, width))
    return layout


def _layout_one(line_type: str, value: Mapping[str, Any], width: int) -> list[LayoutLine]:
    if line_type == "space":
        return [blank_line()]
    if line_type == "separator":
        caption = _text(value.get("caption"))
        if not caption.strip():
            return [rule_line(width)]
        return [
            blank_line(),
            *aligned_block(caption, width, Align.CENTER, bold=True, large=True),
            blank_line(),
        ]
    decorations = _decorations(value.get("decoration"))
    important = "important" in decorations
    if line_type == "name-value":
        return two_columns(_text(value.get("name")), _text(value.get("value")), width, bold=important)
    if line_type == "textline":
        return aligned_block(_text(value.get("text")), width, _alignment(decorations), bold=important)
    # Unknown types are skipped (reference §10.1): a newer server must not break an older till.
    return []


def _type_and_value(raw_line: object) -> tuple[str, Mapping[str, Any]]:
    if isinstance(raw_line, Mapping):
        data: Mapping[str, Any] = raw_line
    elif callable(getattr(raw_line, "model_dump", None)):
        data = raw_line.model_dump()  # type: ignore[attr-defined]
    else:
        data = {"type": getattr(raw_line, "type", None), "value": getattr(raw_line, "value", None)}
    line_type = data.get("type")
    value = data.get("value")
    return (
        line_type if isinstance(line_type, str) else "",
        value if isinstance(value, Mapping) else {},
    )


def _text(value: object) -> str:
    if value is None:
        return ""
    if not isinstance(value, str | int | float):
        # A list or object where text belongs: not a text, and its str() could be huge.
        return ""
    return printable(value if isinstance(value, str) else str(value))


def _decorations(raw: object) -> set[str]:
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list | tuple):
        return set()
    # The API spells them "align-center"; some clients and older docs use "align_center".
    return {str(item).strip().lower().replace("_", "-") for item in raw}


def _alignment(decorations: set[str]) -> Align:
    if "align-center" in decorations:
        return Align.CENTER
    if "align-right" in decorations:
        return Align.RIGHT
    return Align.LEFT

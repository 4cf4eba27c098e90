"""CODE128 (code set B) as bar widths: what the screen and the PDF draw for a receipt's barcode.

The printer draws its own bars from ``GS k`` (:mod:`pos_gui.services.escpos_bytes`); preview
and PDF draw these modules. The symbol: start B, one symbol per character (its value is the
character's code minus 32), the check symbol (start value plus each value times its position,
modulo 103), stop. Each symbol is three bars and three spaces, 11 modules wide; the stop has a
final bar and is 13 wide. The width table is the one of ISO/IEC 15417.
"""

from __future__ import annotations

# Bar, space, bar, space, bar, space widths (modules) of the symbol values 0 … 105; 106 is stop.
_WIDTHS = [
    "212222",
    "222122",
    "222221",
    "121223",
    "121322",
    "131222",
    "122213",
    "122312",
    "132212",
    "221213",
    "221312",
    "231212",
    "112232",
    "122132",
    "122231",
    "113222",
    "123122",
    "123221",
    "223211",
    "221132",
    "221231",
    "213212",
    "223112",
    "312131",
    "311222",
    "321122",
    "321221",
    "312212",
    "322112",
    "322211",
    "212123",
    "212321",
    "232121",
    "111323",
    "131123",
    "131321",
    "112313",
    "132113",
    "132311",
    "211313",
    "231113",
    "231311",
    "112133",
    "112331",
    "132131",
    "113123",
    "113321",
    "133121",
    "313121",
    "211331",
    "231131",
    "213113",
    "213311",
    "213131",
    "311123",
    "311321",
    "331121",
    "312113",
    "312311",
    "332111",
    "314111",
    "221411",
    "431111",
    "111224",
    "111422",
    "121124",
    "121421",
    "141122",
    "141221",
    "112214",
    "112412",
    "122114",
    "122411",
    "142112",
    "142211",
    "241211",
    "221114",
    "413111",
    "241112",
    "134111",
    "111242",
    "121142",
    "121241",
    "114212",
    "124112",
    "124211",
    "411212",
    "421112",
    "421211",
    "212141",
    "214121",
    "412121",
    "111143",
    "111341",
    "131141",
    "114113",
    "114311",
    "411113",
    "411311",
    "113141",
    "114131",
    "311141",
    "411131",
    "211412",
    "211214",
    "211232",
    "2331112",
]
START_B = 104
STOP = 106
# Empty modules either side, so a scanner finds where the symbol begins (at least 10).
QUIET_ZONE_MODULES = 10


def symbol_values(text: str) -> list[int]:
    """Start B, the characters' values, the check value and stop.

    Raises:
        ValueError: ``text`` is empty or has a character outside printable ASCII.
    """
    if not text or any(not 32 <= ord(char) <= 126 for char in text):
        raise ValueError(f"CODE128 B takes printable ASCII only: {text!r}")
    values = [START_B, *(ord(char) - 32 for char in text)]
    check = (START_B + sum(position * value for position, value in enumerate(values[1:], start=1))) % 103
    return [*values, check, STOP]


def modules(text: str) -> list[bool]:
    """The symbol of ``text`` as modules left to right (``True``: bar), quiet zones included."""
    dark: list[bool] = [False] * QUIET_ZONE_MODULES
    for value in symbol_values(text):
        for index, width in enumerate(_WIDTHS[value]):
            dark += [index % 2 == 0] * int(width)
    return dark + [False] * QUIET_ZONE_MODULES

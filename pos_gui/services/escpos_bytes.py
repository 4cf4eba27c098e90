"""ESC/POS bytes of a receipt layout: code page, bold, alignment, cut and the drawer kick.

The printer is switched to CP858 (``ESC t 19`` on Epson-compatible printers) and the text is
encoded with Python's ``cp858`` codec, so € (0xD5), ä ö ü and ß print correctly; python-escpos
does this when the encoding is forced with ``charcode("CP858")`` (its automatic mode would switch
code pages in the middle of a line for €). Typographic characters a receipt printer has no glyph
for (– „ “ …) are replaced by their ASCII look-alikes first, and every text passes
:func:`~pos_gui.core.receipt_layout.printable`, so the stream carries our own commands only.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pos_gui.core.receipt_layout import Align, LayoutLine, printable
from pos_gui.services.printer_errors import QT_TRANSLATE_NOOP, PrinterError

# Characters that receipt fonts lack, mapped to what a cashier would type instead.
_TYPOGRAPHIC_REPLACEMENTS = str.maketrans(
    {
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u201e": '"',
        "\u201c": '"',
        "\u201d": '"',
        "\u201a": "'",
        "\u2018": "'",
        "\u2019": "'",
        "\u2026": "...",
        "\u00a0": " ",
        "\u202f": " ",
    }
)


def encode_receipt(
    lines: Iterable[LayoutLine],
    *,
    code_page: str = "CP858",
    cut: bool = True,
    open_drawer: bool = False,
) -> bytes:
    """The ESC/POS byte stream for a receipt.

    The stream initialises the printer, selects ``code_page``, optionally kicks the cash drawer
    (first, so the drawer opens while the paper is still printing), prints every line (bold and
    double height where the layout asks for it, centred and right-aligned lines aligned by the
    printer), feeds and cuts. The cut is the last command.

    Raises:
        PrinterError: the code page is unknown to python-escpos.
    """
    printer = _new_byte_buffer(code_page)
    if open_drawer:
        printer.cashdraw(2)
    for line in lines:
        _write_line(printer, line)
    printer.set(bold=False, align="left", normal_textsize=True)
    if cut:
        printer.cut()
    data: bytes = printer.output
    return data


def encode_drawer_kick() -> bytes:
    """The ESC/POS command that opens the cash drawer (``ESC p``, pin 2)."""
    from escpos.printer import Dummy

    printer = Dummy()
    printer.cashdraw(2)
    data: bytes = printer.output
    return data


def _new_byte_buffer(code_page: str) -> Any:
    # python-escpos costs about half a second to import; only pay for it when printing.
    from escpos.printer import Dummy

    printer = Dummy()
    printer.hw("INIT")
    try:
        printer.charcode(code_page.upper())
    except (KeyError, ValueError) as error:
        raise PrinterError(
            QT_TRANSLATE_NOOP("PrinterError", "Unbekannte Codepage des Druckers: {code_page}"),
            code_page=code_page,
        ) from error
    return printer


# QR code size in dots per module (GS ( k, function 167): 4 fits a TSE payload of ~300 characters
# (QR version ~13, 69 modules) on 58 mm paper; 80 mm paper takes 5.
QR_MODULE_DOTS = 4


def qr_code_commands(payload: str, *, module_dots: int = QR_MODULE_DOTS) -> bytes:
    """The ESC/POS commands that print ``payload`` as a QR code (``GS ( k``, model 2).

    Select model 2, set the module size, error correction level M, store the data in the
    symbol storage area, print it. The payload is ASCII (the DSFinV-K QR text is).
    """
    data = payload.encode("ascii")
    if len(data) + 3 > 0xFFFF:
        raise ValueError("QR payload too long")

    def function(body: bytes) -> bytes:
        # GS ( k pL pH cn fn [parameters]: pL pH count the bytes after them.
        return b"\x1d(k" + len(body).to_bytes(2, "little") + body

    return (
        function(b"1A2\x00")  # fn 65: model 2
        + function(b"1C" + bytes([module_dots]))  # fn 67: module size
        + function(b"1E1")  # fn 69: error correction M (49)
        + function(b"1P0" + data)  # fn 80: store the data
        + function(b"1Q0")  # fn 81: print the stored symbol
    )


# CODE128 bar height (dots) and narrow bar width (dots, 2 … 6): 2 keeps a Bon-Nr. code of ~10
# characters inside 58 mm paper (384 dots).
BARCODE_HEIGHT_DOTS = 64
BARCODE_MODULE_DOTS = 2


def code128_commands(text: str) -> bytes:
    """The ESC/POS commands that print ``text`` as a CODE128 barcode (``GS k``, m = 73).

    Height (``GS h``), bar width (``GS w``), the human-readable text below (``GS H 2``), then
    the symbol in code set B (the data starts with ``{B``; a ``{`` in the text is doubled).
    """
    data = b"{B" + text.encode("ascii").replace(b"{", b"{{")
    if len(data) > 255:
        raise ValueError("barcode text too long")
    return (
        b"\x1dh"
        + bytes([BARCODE_HEIGHT_DOTS])
        + b"\x1dw"
        + bytes([BARCODE_MODULE_DOTS])
        + b"\x1dH\x02"
        + b"\x1dk"
        + bytes([73, len(data)])
        + data
    )


def _write_line(printer: Any, line: LayoutLine) -> None:
    if line.barcode:
        printer.set(bold=False, align="center", normal_textsize=True)
        printer._raw(code128_commands(line.barcode))
        printer.text("\n")
        return
    if line.qr:
        printer.set(bold=False, align="center", normal_textsize=True)
        printer._raw(qr_code_commands(line.qr))
        printer.text("\n")
        return
    printer.set(
        bold=line.bold,
        align=line.align.value,
        double_height=line.large,
        normal_textsize=not line.large,
    )
    # The layout padded centred and right-aligned lines with spaces; the printer aligns them
    # itself, which stays right even when its real width differs from the configured one.
    text = line.text if line.align is Align.LEFT else line.text.strip()
    # The layout removed control characters already; a line built elsewhere gets the same
    # treatment here, because an ESC or GS in text would be executed by the printer.
    printer.text(printable(text.translate(_TYPOGRAPHIC_REPLACEMENTS)) + "\n")


# --- Receipts of a transaction -------------------------------------------------------------------

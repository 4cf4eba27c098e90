"""The Bon-Nr. barcode printed on a receipt, so a Storno can start by scanning it.

The code is ``BON`` and the number in six digits (``BON001234``): the letters keep it apart from
every EAN and article number, so the till recognises a scanned receipt wherever it is scanned,
and the zeros make even Bon-Nr. 1 long enough for the scanner filter to take it for a scan.
"""

from __future__ import annotations

RECEIPT_CODE_PREFIX = "BON"


def receipt_code(receipt_number: int | str) -> str:
    """What the receipt's barcode holds for Bon-Nr. ``receipt_number``."""
    return f"{RECEIPT_CODE_PREFIX}{int(receipt_number):06d}"


def receipt_number_of(code: str) -> int | None:
    """The Bon-Nr. of a scanned receipt code, or ``None`` when ``code`` is not one."""
    text = code.strip()
    if not text.upper().startswith(RECEIPT_CODE_PREFIX):
        return None
    digits = text[len(RECEIPT_CODE_PREFIX) :]
    return int(digits) if digits.isdigit() else None

"""The receipt PDF with its TSE block shows every line whole on the roll's page (32, 42, 48 columns).

Qt's ``QTextDocument.print_`` puts 2 cm margins of its own around a document without a page size,
which cut the receipt's right columns off on an 80 mm page. Read back with poppler's ``pdftotext``
(``apt-get install poppler-utils``; skipped without it): every word lies inside the page's
printable area, and every line of the layout comes out of the PDF whole, the signature and the
public key wrapped at the layout width.
"""

from __future__ import annotations

import base64
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from pos_gui.core.basket import Article, Basket
from pos_gui.core.sales_receipt import SalesReceipt, compose_receipt
from pos_gui.core.tse_receipt_block import TseBlock
from pos_gui.ui.printing.receipt_document import PAGE_MARGIN_MM, export_pdf, roll_width_mm

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")

POINTS_PER_MM = 72 / 25.4
# As the simulated TSE answers: a 64-byte ECDSA P-256 signature and the uncompressed public key.
SIGNATURE = base64.b64encode(bytes(range(64))).decode()
PUBLIC_KEY = base64.b64encode(bytes([4, *range(64)])).decode()


def signed_sale() -> SalesReceipt:
    basket = Basket()
    basket.add(Article("30037", "", "Sandwich Romano", 349, 7), 2)
    basket.add(Article("4001", "", "Kaffee", 220, 19))
    receipt = SalesReceipt.from_basket(
        basket,
        shop_lines=("John's Bakery", "Hauptstraße 1", "01067 Dresden"),
        issued_at=datetime(2026, 8, 18, 20, 38),
        receipt_number="1234",
        transaction_id="STX_WMG7E3VKW2YBHEM3Y8Q5ABC1DEF2GH",
        card_paid=0,
        cash_due=918,
        tendered=1000,
        change=82,
        is_demo=False,
    )
    tse = TseBlock(
        transaction_number="4711",
        time_start="2026-08-18T18:38:19.000Z",
        time_end="2026-08-18T18:38:21.000Z",
        signature_counter="9423",
        serial_number="5f" * 32,
        signature=SIGNATURE,
        time_format="unixTime",
        algorithm="ecdsa-plain-SHA256",
        public_key=PUBLIC_KEY,
        client_id="KASSE-1",
        qr_data="V0;KASSE-1;Kassenbeleg-V1;Beleg^0.00_6.98_0.00_0.00_0.00^9.18:Bar;4711;9423;"
        f"2026-08-18T18:38:19.000Z;2026-08-18T18:38:21.000Z;ecdsa-plain-SHA256;unixTime;{SIGNATURE};{PUBLIC_KEY}",
    )
    return replace(receipt, tse=tse)


def pdftotext(pdf: Path, *options: str) -> str:
    return subprocess.run(
        ["pdftotext", *options, str(pdf), "-"], capture_output=True, text=True, check=True, timeout=30
    ).stdout


def words_with_x(pdf: Path) -> list[tuple[str, float, float]]:
    """Every word of the PDF with its left and right edge in points (``pdftotext -bbox``)."""
    found = re.findall(
        r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
        pdftotext(pdf, "-bbox"),
    )
    return [(word, float(left), float(right)) for left, right, word in found]


def squeezed(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("width", [32, 42, 48])
def test_every_line_of_the_receipt_pdf_fits_on_the_roll(qtbot: QtBot, tmp_path: Path, width: int) -> None:
    lines = compose_receipt(signed_sale(), [], width)
    # The layout wraps the long TSE values at its width; the PDF must show them as laid out.
    assert max(len(line.text) for line in lines) == width
    assert any(SIGNATURE.startswith(line.text) and len(line.text) == width for line in lines)
    pdf = export_pdf(lines, tmp_path / "beleg.pdf", width=width)

    page_right = roll_width_mm(width) * POINTS_PER_MM
    margin = PAGE_MARGIN_MM * POINTS_PER_MM
    words = words_with_x(pdf)
    assert words
    for word, left, right in words:
        assert left >= margin - 0.5, (word, left)
        assert right <= page_right - margin + 0.5, (word, right, page_right)

    printed = {squeezed(text) for text in pdftotext(pdf, "-layout").splitlines()}
    for line in lines:
        if line.text and not line.qr:
            assert squeezed(line.text) in printed, line.text

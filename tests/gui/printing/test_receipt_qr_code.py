"""The TSE's QR code is a real code on screen and in the PDF: the image's modules are exactly the
modules of the DSFinV-K payload's QR symbol (error correction M, as the printer prints it)."""

from __future__ import annotations

import re
import zlib
from datetime import datetime
from pathlib import Path

import qrcode
from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QTextDocument
from pytestqt.qtbot import QtBot
from qrcode.constants import ERROR_CORRECT_M

from pos_gui.core.basket import Article, Basket
from pos_gui.core.sales_receipt import SalesReceipt, compose_receipt
from pos_gui.core.tse_receipt_block import QR_PLACEHOLDER, TseBlock
from pos_gui.ui.printing.receipt_document import export_pdf, receipt_document
from pos_gui.ui.views.receipt_preview import ReceiptPreview

PAYLOAD = (
    "V0;KASSE-1;Kassenbeleg-V1;Beleg^0.00_7.96_0.00_0.00_0.00^2.96:Bar_5.00:Unbar;17;42;"
    "2020-09-17T07:42:58.000Z;2020-09-17T07:43:01.000Z;ecdsa-plain-SHA256;unixTime;"
    + "MEUCIQDx"
    + "A" * 80
    + ";"
    + "BHhB"
    + "B" * 84
)


def expected_modules() -> list[list[bool]]:
    """qrcode's own matrix of the payload, with the four-module quiet zone."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=4)
    code.add_data(PAYLOAD)
    code.make(fit=True)
    return code.get_matrix()


def modules_of(image: QImage, count: int) -> list[list[bool]]:
    """Read ``count`` × ``count`` modules off a square image: dark at each module's centre."""
    assert image.width() == image.height()
    step = image.width() / count
    return [
        [
            image.pixelColor(int((x + 0.5) * step), int((y + 0.5) * step)).lightness() < 128
            for x in range(count)
        ]
        for y in range(count)
    ]


def signed_sale() -> SalesReceipt:
    basket = Basket()
    basket.add(Article("30037", "", "Sandwich Romano", 349, 7))
    receipt = SalesReceipt.from_basket(
        basket,
        shop_lines=("John's Bakery",),
        issued_at=datetime(2020, 9, 17, 9, 43),
        receipt_number="17",
        transaction_id="STX_1",
        card_paid=0,
        cash_due=349,
        tendered=349,
        change=0,
        is_demo=False,
    )
    tse = TseBlock(
        "17",
        "2020-09-17T07:42:58.000Z",
        "2020-09-17T07:43:01.000Z",
        "42",
        "ab" * 32,
        "MEUCIQDx",
        "unixTime",
        "ecdsa-plain-SHA256",
        "BHhB",
        "KASSE-1",
        PAYLOAD,
    )
    from dataclasses import replace

    return replace(receipt, tse=tse)


def test_the_preview_draws_the_qr_code_with_the_payloads_modules(qtbot: QtBot) -> None:
    preview = ReceiptPreview(paper_width=42)
    qtbot.addWidget(preview)
    preview.show_sale(signed_sale(), [])

    assert len(preview.qr_names) == 1
    image = preview.document().resource(QTextDocument.ResourceType.ImageResource, QUrl(preview.qr_names[0]))
    expected = expected_modules()
    assert modules_of(image, len(expected)) == expected
    # The placeholder is gone from the screen, but the printed text keeps it.
    assert QR_PLACEHOLDER not in preview.toPlainText()
    assert QR_PLACEHOLDER in preview.receipt_text()


def test_the_pdf_documents_qr_image_has_the_payloads_modules(qtbot: QtBot) -> None:
    lines = compose_receipt(signed_sale(), [], 42)
    document = receipt_document(lines)
    image = document.resource(QTextDocument.ResourceType.ImageResource, QUrl("pos-gui-qr-0.png"))
    expected = expected_modules()
    assert modules_of(image, len(expected)) == expected
    assert QR_PLACEHOLDER not in document.toPlainText()


def test_the_pdf_file_holds_the_qr_code_as_an_image(qtbot: QtBot, tmp_path: Path) -> None:
    pdf = export_pdf(compose_receipt(signed_sale(), [], 42), tmp_path / "beleg.pdf").read_bytes()
    # Qt writes the image as a JPEG XObject: read it back and count its modules.
    header = re.search(rb"/Subtype /Image.*?/Filter /(\w+)\s*>>\s*stream\r?\n", pdf, re.DOTALL)
    assert header is not None, "no image in the PDF"
    start = header.end()
    data = pdf[start : pdf.index(b"endstream", start)]
    if header.group(1) == b"FlateDecode":
        data = zlib.decompress(data)
    image = QImage.fromData(data)
    assert not image.isNull()
    expected = expected_modules()
    assert modules_of(image, len(expected)) == expected


def test_a_receipt_without_tse_has_no_image(qtbot: QtBot, tmp_path: Path) -> None:
    from dataclasses import replace

    # Without a Bon-Nr. either: the receipt's barcode would be an image too.
    unsigned = replace(signed_sale(), tse=None, receipt_number="")
    pdf = export_pdf(compose_receipt(unsigned, [], 42), tmp_path / "b.pdf")
    assert b"/Subtype /Image" not in pdf.read_bytes()

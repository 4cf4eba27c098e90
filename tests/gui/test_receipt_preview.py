"""The receipt preview shows the printer's customer receipt line for line, bold where it is bold."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtGui import QFont, QFontInfo, QTextDocument
from pytestqt.qtbot import QtBot

from pos_gui.core.basket import Article, Basket
from pos_gui.core.receipt_layout import to_text
from pos_gui.core.sales_receipt import SalesReceipt
from pos_gui.services.checkout import Payment
from pos_gui.services.printing import customer_receipt_layout
from pos_gui.ui.views.receipt_preview import ReceiptPreview

# The server's receipt lines of a partial card payment (reference §10, simulator's wording).
SERVER_LINES = [
    {"type": "separator", "value": {"caption": "Kundenkarte"}},
    {"type": "name-value", "value": {"name": "Kartennummer:", "value": "9276000000000029"}},
    {"type": "name-value", "value": {"name": "TA Code:", "value": "29187333"}},
    {"type": "space", "value": {}},
    {"type": "textline", "value": {"text": "Umsatz erfasst:", "decoration": []}},
    {"type": "textline", "value": {"text": "7,96 EUR", "decoration": ["important"]}},
    {"type": "textline", "value": {"text": "Aktuelles Guthaben", "decoration": []}},
    {"type": "textline", "value": {"text": "0,00 EUR", "decoration": ["important"]}},
]
PAYMENT = Payment(total=796, card_paid=500, cash_due=296, tendered=500, change=204)


def seed_basket() -> Basket:
    basket = Basket()
    basket.add(Article("30037", "", "Sandwich Romano", 349, 7))
    basket.add(Article("30200", "", "Fruit salad, small bowl", 249, 7))
    basket.add(Article("51", "4999012345678", "Water, mildly sprinkling, 0.25 ltr.", 99, 19), 2)
    return basket


def paid_sale(*, is_demo: bool = True) -> SalesReceipt:
    return SalesReceipt.from_basket(
        seed_basket(),
        shop_lines=("John's Bakery", "Hauptstraße 1"),
        issued_at=datetime(2020, 9, 17, 9, 43),
        receipt_number="17",  # the till's sale number; the TA code is in the server's lines
        transaction_id="STX_SMQX4TXFOXL470DMCZO0LP4L1XFC6Z",
        card_paid=PAYMENT.card_paid,
        cash_due=PAYMENT.cash_due,
        tendered=PAYMENT.tendered,
        change=PAYMENT.change,
        is_demo=is_demo,
    )


def printed_text(sales: SalesReceipt, width: int) -> str:
    """What the printer gets: the printing service's customer receipt, as text."""
    transaction = {"receipt": SERVER_LINES, "is_demo": sales.is_demo}
    return to_text(customer_receipt_layout(transaction, width, sales))


def shown_text(preview: ReceiptPreview) -> str:
    """The preview's text as the printer's text reads: the line holding the drawn Bon-Nr.
    barcode image (U+FFFC) is left out, the barcode's number line below it stays."""
    lines = [line for line in preview.toPlainText().splitlines() if line.strip() != "\ufffc"]
    return "".join(f"{line}\n" for line in lines)


def bold_texts(document: QTextDocument) -> list[str]:
    """The lines of the document that are drawn bold."""
    bold = []
    block = document.begin()
    while block.isValid():
        fragment = block.begin().fragment() if block.text() else None
        if fragment is not None and fragment.charFormat().fontWeight() >= QFont.Weight.Bold:
            bold.append(block.text())
        block = block.next()
    return bold


@pytest.fixture
def preview(qtbot: QtBot) -> ReceiptPreview:
    widget = ReceiptPreview()
    qtbot.addWidget(widget)
    return widget


@pytest.mark.parametrize("is_demo", [True, False])
def test_preview_text_is_the_printed_text(preview: ReceiptPreview, is_demo: bool) -> None:
    sales = paid_sale(is_demo=is_demo)
    preview.show_sale(sales, SERVER_LINES)
    assert shown_text(preview) == printed_text(sales, 42)
    assert preview.receipt_text() == printed_text(sales, 42)
    assert preview.objectName() == "receiptPreview"


def test_bold_lines_are_bold_and_only_those(preview: ReceiptPreview) -> None:
    sales = paid_sale()
    preview.show_sale(sales, SERVER_LINES)
    assert bold_texts(preview.document()) == [
        line.text for line in preview.layout_lines if line.bold or line.large
    ]
    shown_bold = [text.strip().split()[0] for text in bold_texts(preview.document())]
    assert shown_bold == [
        "DEMO",
        "John's",
        "Summe",
        "Rückgeld",
        "Kundenkarte",
        "7,96",
        "0,00",
        "DEMO",
    ]


def test_preview_follows_the_printers_width(preview: ReceiptPreview) -> None:
    sales = paid_sale()
    preview.show_sale(sales, SERVER_LINES)
    preview.set_paper_width(32)
    assert shown_text(preview) == printed_text(sales, 32)
    assert max(len(line) for line in preview.toPlainText().splitlines()) == 32


@pytest.mark.parametrize("width", [32, 42, 48])
def test_whole_receipt_line_fits_without_scrolling_sideways(qtbot: QtBot, width: int) -> None:
    preview = ReceiptPreview(paper_width=width)
    qtbot.addWidget(preview)
    preview.show_sale(paid_sale(), SERVER_LINES)
    preview.resize(preview.minimumWidth(), 400)
    preview.show()
    qtbot.waitExposed(preview)
    assert preview.horizontalScrollBar().maximum() == 0
    assert QFontInfo(preview.document().defaultFont()).fixedPitch()


def test_demo_sale_paid_partly_by_card_shows_payment_and_both_demo_banners(preview: ReceiptPreview) -> None:
    sales = paid_sale(is_demo=True)
    preview.show_sale(sales, SERVER_LINES)
    lines = preview.toPlainText().splitlines()
    assert "Rückgeld                            2,04 €" in lines
    assert "Karte                               5,00 €" in lines
    assert lines.count("        DEMO - keine echte Zahlung") == 2
    # The demo banner closes the receipt, after the server's lines.
    assert lines[-2] == "        DEMO - keine echte Zahlung"
    assert shown_text(preview) == printed_text(sales, 42)


def test_clear_leaves_nothing(preview: ReceiptPreview) -> None:
    preview.show_sale(paid_sale(), SERVER_LINES)
    preview.clear()
    assert preview.toPlainText() == ""
    assert preview.receipt_text() == ""

"""The receipt preview: the server's card receipt beside the till's own sales receipt.

Both are laid out as fixed-width text (the same layout the printer uses, from
:mod:`pos_gui.core.receipt_layout`) and shown in a monospace font, so the screen shows what the
paper will show.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QTextBrowser, QWidget

from pos_gui.core.basket import BasketLine, VatShare
from pos_gui.core.money import format_eur_code
from pos_gui.core.receipt_layout import (
    Align,
    LayoutLine,
    aligned,
    aligned_block,
    blank_line,
    layout_server_receipt,
    rule_line,
    two_columns,
)
from pos_gui.services.checkout import Payment
from pos_gui.ui.views.basket_view import name_automation

RECEIPT_WIDTH = 42


def sales_receipt_layout(
    lines: list[BasketLine],
    vat: list[VatShare],
    payment: Payment | None,
    *,
    width: int = RECEIPT_WIDTH,
    demo: bool = False,
) -> list[LayoutLine]:
    """The till's own sales receipt: lines, total, VAT table, card share, cash and change."""
    layout: list[LayoutLine] = [
        aligned(
            QCoreApplication.translate("ReceiptPreview", "Kassenbon"),
            width,
            Align.CENTER,
            bold=True,
            large=True,
        )
    ]
    if demo:
        layout.append(
            aligned(
                QCoreApplication.translate("ReceiptPreview", "*** DEMO – keine echte Zahlung ***"),
                width,
                Align.CENTER,
                bold=True,
            )
        )
    layout.append(blank_line())
    for line in lines:
        if line.quantity == 1:
            layout.extend(two_columns(line.article.name, format_eur_code(line.total), width))
        else:
            layout.extend(aligned_block(line.article.name, width, Align.LEFT))
            layout.extend(
                two_columns(
                    f"  {line.quantity} x {format_eur_code(line.article.price)}",
                    format_eur_code(line.total),
                    width,
                )
            )
    total = sum(line.total for line in lines)
    layout.append(rule_line(width))
    layout.extend(
        two_columns(
            QCoreApplication.translate("ReceiptPreview", "SUMME"), format_eur_code(total), width, bold=True
        )
    )
    layout.append(blank_line())
    layout.append(
        LayoutLine(
            _vat_row(
                QCoreApplication.translate("ReceiptPreview", "MwSt."),
                QCoreApplication.translate("ReceiptPreview", "Netto"),
                QCoreApplication.translate("ReceiptPreview", "Steuer"),
                QCoreApplication.translate("ReceiptPreview", "Brutto"),
                width,
            )
        )
    )
    for share in vat:
        layout.append(
            LayoutLine(
                _vat_row(
                    f"{share.rate} %",
                    format_eur_code(share.net).replace(" EUR", ""),
                    format_eur_code(share.vat).replace(" EUR", ""),
                    format_eur_code(share.gross).replace(" EUR", ""),
                    width,
                )
            )
        )
    if payment is not None:
        layout.append(rule_line(width))
        if payment.card_paid:
            layout.extend(
                two_columns(
                    QCoreApplication.translate("ReceiptPreview", "Kundenkarte"),
                    format_eur_code(payment.card_paid),
                    width,
                )
            )
        layout.extend(
            two_columns(
                QCoreApplication.translate("ReceiptPreview", "Bar"), format_eur_code(payment.cash_due), width
            )
        )
        if payment.tendered:
            layout.extend(
                two_columns(
                    QCoreApplication.translate("ReceiptPreview", "Gegeben"),
                    format_eur_code(payment.tendered),
                    width,
                )
            )
            layout.extend(
                two_columns(
                    QCoreApplication.translate("ReceiptPreview", "Rückgeld"),
                    format_eur_code(payment.change),
                    width,
                    bold=True,
                )
            )
    return layout


def _vat_row(rate: str, net: str, vat: str, gross: str, width: int) -> str:
    column = max((width - 8) // 3, 8)
    return f"{rate:<8}{net:>{column}}{vat:>{column}}{gross:>{column}}".rstrip()


def layout_html(lines: Iterable[LayoutLine]) -> str:
    """Layout lines as preformatted HTML (bold where the printer prints bold)."""
    rendered = []
    for line in lines:
        text = html.escape(line.text) or "&nbsp;"
        if line.large:
            text = f"<span style='font-size:large'><b>{text}</b></span>"
        elif line.bold:
            text = f"<b>{text}</b>"
        rendered.append(text)
    return "<pre>" + "\n".join(rendered) + "</pre>"


class ReceiptPreview(QTextBrowser):
    """Server receipt and sales receipt side by side, in a monospace font."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        name_automation(self, "receiptPreview")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(10)
        self.setFont(font)
        self.document().setDefaultFont(font)
        self.setOpenLinks(False)

    def show_receipts(self, server_lines: list[object], sales_lines: list[LayoutLine]) -> None:
        server_layout = layout_server_receipt(server_lines, RECEIPT_WIDTH)
        server_title = html.escape(QCoreApplication.translate("ReceiptPreview", "Beleg des Servers"))
        sales_title = html.escape(QCoreApplication.translate("ReceiptPreview", "Beleg der Kasse"))
        server_html = (
            layout_html(server_layout)
            if server_layout
            else f"<p>{html.escape(QCoreApplication.translate('ReceiptPreview', 'Kein Beleg vom Server'))}</p>"
        )
        self.setHtml(
            "<table cellspacing='0' cellpadding='6'><tr>"
            f"<td valign='top'><b>{server_title}</b>{server_html}</td>"
            "<td width='16'></td>"
            f"<td valign='top'><b>{sales_title}</b>{layout_html(sales_lines)}</td>"
            "</tr></table>"
        )

"""The till's own sales receipt (Kassenbon) as fixed-width layout lines.

The server's receipt lines only cover the loyalty card (card number, TA code, balance). The
customer also needs the till's receipt: shop, date and time, receipt number, the articles, the
total, the VAT table, how it was paid and the change. :func:`compose_receipt` puts both together
in the order the customer reads them. Labels are German, as on every German receipt; amounts go
through :func:`pos_gui.core.money.format_amount`, so paper and screen agree.

A receipt printed in demo mode says so at the top and at the very bottom, so it can never be
mistaken for proof of a real payment. No Qt, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from pos_gui.core.basket import Basket, BasketLine, VatShare, vat_breakdown_of
from pos_gui.core.money import Cents, format_amount, format_eur
from pos_gui.core.receipt_barcode import receipt_code
from pos_gui.core.receipt_layout import (
    Align,
    LayoutLine,
    aligned,
    aligned_block,
    blank_line,
    check_width,
    layout_server_receipt,
    rule_line,
    two_columns,
)
from pos_gui.core.tse_receipt_block import TseBlock, TseOutage, layout_tse_block

DEMO_BANNER = "DEMO - keine echte Zahlung"
TRAINING_BANNER = "TRAININGSBON – KEIN VERKAUF"
THANK_YOU = "Vielen Dank für Ihren Einkauf!"

# German receipts mark each line with a letter for its VAT rate and explain the letters in the
# VAT table; the usual assignment is A for the standard and B for the reduced rate.
VAT_LETTERS = {19: "A", 7: "B", 0: "C"}


@dataclass(frozen=True)
class SalesReceiptLine:
    """One article line of the receipt (all amounts gross cents)."""

    name: str
    quantity: int
    unit_price: Cents
    total: Cents
    vat_rate: int


@dataclass(frozen=True)
class SalesReceipt:
    """Everything the till's receipt shows, independent of where it came from.

    Attributes:
        shop_lines: the shop's name first, then its address lines.
        issued_at: date and time of the sale (local time).
        receipt_number: the number printed as "Bon-Nr.": the till's own running sale number
            from the journal, the same on every receipt whatever paid it (the server's TA code of
            a card sale is printed in the server's loyalty lines, not here); ``""`` prints the
            date alone.
        transaction_id: the Smart Transaction id (``STX_…``), printed small at the end; ``""``
            to leave it out.
        lines: the articles.
        total: the sale's gross total.
        vat_table: gross, net and VAT per rate, highest rate first (as ``Basket.vat_breakdown()``).
        card_paid: what the loyalty/gift card paid.
        cash_due: what remained to pay in cash.
        tendered: the cash the customer handed over (0 when nothing was paid in cash).
        change: the change given back.
        is_demo: print the DEMO banner at the top and bottom.
        footer_lines: closing text, centred.
        cashier_name: printed as "Es bediente Sie …" (``""``: no line).
        is_training: print the training mark at the top and bottom (a training sale, no sale).
        storno_of: the original's Bon-Nr. on a Storno receipt ("Storno zu Bon-Nr. …"), else ``""``.
        tse: the TSE block (signed sale) or the outage note, or ``None`` (a sale not signed).
    """

    shop_lines: tuple[str, ...]
    issued_at: datetime
    receipt_number: str
    lines: tuple[SalesReceiptLine, ...]
    total: Cents
    vat_table: tuple[VatShare, ...]
    cash_due: Cents
    tendered: Cents
    change: Cents
    card_paid: Cents = 0
    transaction_id: str = ""
    is_demo: bool = False
    footer_lines: tuple[str, ...] = field(default=(THANK_YOU,))
    cashier_name: str = ""
    is_training: bool = False
    storno_of: str = ""
    tse: TseBlock | TseOutage | None = None

    @classmethod
    def from_basket(
        cls,
        basket: Basket | Iterable[BasketLine],
        *,
        shop_lines: Sequence[str],
        issued_at: datetime,
        receipt_number: str,
        card_paid: Cents,
        cash_due: Cents,
        tendered: Cents,
        change: Cents,
        transaction_id: str = "",
        is_demo: bool = False,
    ) -> SalesReceipt:
        """The receipt for a paid basket, or for its lines (the till keeps those after a sale).

        The total and the VAT table are computed from the lines, the same way the basket does.
        """
        basket_lines = basket.lines if isinstance(basket, Basket) else basket
        lines = tuple(
            SalesReceiptLine(
                name=line.article.name,
                quantity=line.quantity,
                unit_price=line.article.price,
                total=line.total,
                vat_rate=line.article.vat_rate,
            )
            for line in basket_lines
        )
        return cls(
            shop_lines=tuple(shop_lines),
            issued_at=issued_at,
            receipt_number=receipt_number,
            transaction_id=transaction_id,
            lines=lines,
            total=sum(line.total for line in lines),
            vat_table=vat_table_from_lines(lines),
            card_paid=card_paid,
            cash_due=cash_due,
            tendered=tendered,
            change=change,
            is_demo=is_demo,
        )


def vat_table_from_lines(lines: Iterable[SalesReceiptLine]) -> tuple[VatShare, ...]:
    """The VAT table for receipt lines, highest rate first (when there is no basket at hand)."""
    gross_by_rate: dict[int, Cents] = {}
    for line in lines:
        gross_by_rate[line.vat_rate] = gross_by_rate.get(line.vat_rate, 0) + line.total
    return tuple(vat_breakdown_of(gross_by_rate))


def layout_sales_receipt(sales: SalesReceipt, width: int) -> list[LayoutLine]:
    """The till's receipt alone, with the DEMO banner at top and bottom when ``is_demo``."""
    layout = _sales_body(sales, width)
    if sales.is_training:
        layout += [blank_line(), *banner(TRAINING_BANNER, width)]
    if sales.is_demo:
        layout += [blank_line(), *demo_banner(width)]
    return layout


def compose_receipt(sales: SalesReceipt, server_lines: Iterable[object], width: int) -> list[LayoutLine]:
    """The customer receipt: the till's receipt, then the server's loyalty lines.

    In demo mode the closing DEMO banner goes after the server's lines, so it is the last thing
    on the paper.
    """
    layout = _sales_body(sales, width)
    server_layout = layout_server_receipt(server_lines, width)
    if server_layout:
        layout += server_layout
    if sales.is_training:
        layout += [blank_line(), *banner(TRAINING_BANNER, width)]
    if sales.is_demo:
        layout += [blank_line(), *demo_banner(width)]
    return layout


def demo_banner(width: int) -> list[LayoutLine]:
    """A framed, bold "DEMO" line that cannot be overlooked."""
    return banner(DEMO_BANNER, width)


def banner(text: str, width: int) -> list[LayoutLine]:
    """A framed, bold, large line that cannot be overlooked (demo, training)."""
    return [
        rule_line(width, "*"),
        *aligned_block(text, width, Align.CENTER, bold=True, large=True),
        rule_line(width, "*"),
    ]


def vat_letter(rate: int) -> str:
    """The letter that marks a VAT rate on the article lines."""
    return VAT_LETTERS.get(rate, "D")


def _sales_body(sales: SalesReceipt, width: int) -> list[LayoutLine]:
    check_width(width)
    layout: list[LayoutLine] = []
    if sales.is_demo:
        layout += [*demo_banner(width), blank_line()]
    if sales.is_training:
        layout += [*banner(TRAINING_BANNER, width), blank_line()]
    layout += _shop_header(sales, width)
    issued = sales.issued_at.strftime("%d.%m.%Y %H:%M")
    receipt_number = f"Bon-Nr. {sales.receipt_number}" if sales.receipt_number else ""
    layout += two_columns(issued, receipt_number, width)
    if sales.storno_of:
        layout += aligned_block(f"Storno zu Bon-Nr. {sales.storno_of}", width, Align.CENTER, bold=True)
    layout.append(rule_line(width))
    for line in sales.lines:
        layout += _article_lines(line, width)
    layout.append(rule_line(width))
    layout += two_columns("Summe", format_eur(sales.total), width, bold=True)
    layout.append(rule_line(width))
    layout += _payment_lines(sales, width)
    layout.append(blank_line())
    layout += _vat_table(sales.vat_table, width)
    layout.append(blank_line())
    if sales.tse is not None:
        layout += [*layout_tse_block(sales.tse, width), blank_line()]
    if sales.cashier_name:
        layout += aligned_block(f"Es bediente Sie {sales.cashier_name}", width, Align.CENTER)
    for text in sales.footer_lines:
        layout += aligned_block(text, width, Align.CENTER)
    if sales.transaction_id:
        layout += aligned_block(f"TA {sales.transaction_id}", width, Align.CENTER)
    if sales.receipt_number.isdigit() and not sales.storno_of:
        # Scanned for a Storno; a Storno receipt itself cannot be reversed, so it has none.
        code = receipt_code(sales.receipt_number)
        centred = aligned(code, width, Align.CENTER)
        layout += [blank_line(), LayoutLine(centred.text, align=Align.CENTER, barcode=code)]
    return layout


def _shop_header(sales: SalesReceipt, width: int) -> list[LayoutLine]:
    if not sales.shop_lines:
        return []
    name, *address = sales.shop_lines
    header = aligned_block(name, width, Align.CENTER, bold=True, large=True)
    for text in address:
        header += aligned_block(text, width, Align.CENTER)
    header.append(blank_line())
    return header


def _article_lines(line: SalesReceiptLine, width: int) -> list[LayoutLine]:
    amount = f"{format_amount(line.total)} {vat_letter(line.vat_rate)}"
    if line.quantity == 1:
        return two_columns(line.name, amount, width)
    # Several of one article: the name on its own line, quantity × unit price below it.
    return aligned_block(line.name, width, Align.LEFT) + two_columns(
        f"  {line.quantity} x {format_amount(line.unit_price)}", amount, width
    )


def _payment_lines(sales: SalesReceipt, width: int) -> list[LayoutLine]:
    # Amounts end in " €" so that their digits line up with the article lines' "3,49 B".
    lines: list[LayoutLine] = []
    if sales.card_paid:
        lines += two_columns("Karte", format_eur(sales.card_paid), width)
        lines += two_columns("Bar zu zahlen", format_eur(sales.cash_due), width)
    if sales.tendered:
        lines += two_columns("Bar gegeben", format_eur(sales.tendered), width)
        lines += two_columns("Rückgeld", format_eur(sales.change), width, bold=True)
    return lines


def _vat_table(vat_table: Sequence[VatShare], width: int) -> list[LayoutLine]:
    """Rate, net, VAT and gross in four columns that fit 32 characters and more."""
    amount_width = (width - 8) // 3
    label_width = width - 3 * amount_width

    def row(label: str, net: str, vat: str, gross: str) -> LayoutLine:
        text = label.ljust(label_width) + net.rjust(amount_width) + vat.rjust(amount_width)
        return aligned(text + gross.rjust(amount_width), width, Align.LEFT)

    table = [row("Satz", "Netto", "MwSt", "Brutto")]
    for share in vat_table:
        table.append(
            row(
                f"{vat_letter(share.rate)} {share.rate:>2} %",
                format_amount(share.net),
                format_amount(share.vat),
                format_amount(share.gross),
            )
        )
    return table

"""What the till's views draw: one immutable :class:`TillSnapshot` read from the checkout.

The checkout presenter keeps a little state of its own that only the screen needs (the text in
the cash field, the lines of the sale just paid, the recovered sale whose receipt is shown);
:class:`SaleScreen` holds it, and :func:`take_snapshot` combines it with the checkout's state.
Nothing here talks to the server or emits signals.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pos_gui.core.basket import Basket, BasketLine, VatShare
from pos_gui.core.card_share import CardShare
from pos_gui.core.money import Cents
from pos_gui.services.checkout import CheckoutState, Payment, RecoveredSale, basket_lines_of
from pos_gui.ui.presenters.sale_input import parse_tendered

if TYPE_CHECKING:
    from pos_gui.core.sales_receipt import SalesReceipt

# The states in which the cashier may still change the sale and pay it.
OPEN_SALE_STATES = (CheckoutState.BASKET, CheckoutState.CARD, CheckoutState.APPLIED, CheckoutState.FAILED)


@dataclass(frozen=True)
class CardSummary:
    """What the card panel shows about the scanned card (all money in cents)."""

    number: str
    holder: str
    group: str
    balance: Cents
    cash_balance: Cents
    bonus_balance: Cents
    points: int
    locked: bool


@dataclass(frozen=True)
class TillSnapshot:
    """Everything the views draw, read from the checkout after each change.

    Attributes:
        state: the checkout state.
        lines: the basket lines (after payment: the lines that were paid).
        total: the basket total.
        vat: the VAT breakdown of the basket.
        card: the scanned card, or ``None``.
        prediction: the locally predicted card share while a card is scanned.
        card_applied: the balance is applied (preTransaction confirmed).
        applying: preTransaction is in flight (the predicted missing sum is shown meanwhile).
        amount_due: what the cashier collects in cash now.
        tendered: the cash the customer handed over (``None``: exact amount).
        tendered_valid: the tendered text parses as an amount.
        change: the change to hand back (0 when nothing or too little was tendered).
        short_by: how much the tendered cash falls short of ``amount_due`` (0 when enough).
        busy: a request is in flight.
        can_apply / can_pay_cash / can_pay_card: which actions are possible now.
        payment: how the sale was settled, once paid.
        server_receipt: the server's receipt lines after payment.
        sales_receipt: the till's own receipt of the paid (or recovered) sale, rebuilt from its
            journal row exactly as the printer rebuilds it; ``None`` while no sale is shown paid.
        unknown: the payment outcome is being checked (nothing may pay now).
        tendered_text: the text in the cash field.
        showing_receipt: the paid (or recovered) sale's receipt is on screen.
    """

    state: CheckoutState
    lines: list[BasketLine]
    total: Cents
    vat: list[VatShare]
    card: CardSummary | None
    prediction: CardShare | None
    card_applied: bool
    applying: bool
    amount_due: Cents
    tendered: Cents | None
    tendered_valid: bool
    change: Cents
    short_by: Cents
    busy: bool
    can_apply: bool
    can_pay_cash: bool
    can_pay_card: bool
    payment: Payment | None
    server_receipt: list[Any] = field(default_factory=list)
    sales_receipt: SalesReceipt | None = None
    unknown: bool = False
    tendered_text: str = ""
    showing_receipt: bool = False


@dataclass
class SaleScreen:
    """The screen-only state of the sale that the checkout service does not keep.

    Attributes:
        tendered_text: what the cashier typed into the cash field.
        paid_lines: the lines of the sale just paid (the basket as it was paid).
        recovered: a sale the server had booked before a crash; its receipt is shown until the
            next sale starts.
        applying: preTransaction is in flight.
    """

    tendered_text: str = ""
    paid_lines: list[BasketLine] = field(default_factory=list)
    recovered: RecoveredSale | None = None
    applying: bool = False

    def forget_sale(self) -> None:
        """The next sale starts: nothing of the last one stays on screen."""
        self.paid_lines = []
        self.tendered_text = ""
        self.recovered = None


class SalesReceiptCache:
    """The till's receipt of the sale on screen, read from its journal row once per sale.

    Args:
        sales_receipt_of: journal sale id → that sale's receipt (``None`` for a sale without
            one); ``None`` when the till shows no receipts of its own.
    """

    def __init__(self, sales_receipt_of: Callable[[str], SalesReceipt | None] | None) -> None:
        self._sales_receipt_of = sales_receipt_of
        self._cached: tuple[str, SalesReceipt | None] | None = None

    def receipt(self, sale_id: str | None) -> SalesReceipt | None:
        if sale_id is None or self._sales_receipt_of is None:
            return None
        cached = self._cached
        if cached is None or cached[0] != sale_id:
            cached = (sale_id, self._sales_receipt_of(sale_id))
            self._cached = cached
        return cached[1]

    def forget(self) -> None:
        """Read the receipt again next time: its sale changed (signed by the TSE after the
        payment, so the receipt first drawn at PAID had no TSE block yet)."""
        self._cached = None


def take_snapshot(
    checkout: Any, screen: SaleScreen, *, busy: bool, receipts: SalesReceiptCache
) -> TillSnapshot:
    """The till as the views draw it now.

    Args:
        checkout: the checkout service (or a fake with its API).
        screen: the presenter's screen-only state.
        busy: the presenter has a request in flight (the service's own flag is added here).
        receipts: where the till's receipt of a paid sale is read.
    """
    state: CheckoutState = checkout.state
    basket: Basket = checkout.basket
    paid = state is CheckoutState.PAID
    shows_paid_lines = paid and bool(screen.paid_lines)
    lines = screen.paid_lines if shows_paid_lines else basket.lines
    total = sum(line.total for line in lines)
    vat = vat_of(lines) if shows_paid_lines else basket.vat_breakdown()
    busy = bool(checkout.busy) or busy
    card = summarise_card(checkout.card)
    applied = checkout.applied is not None and state in (CheckoutState.APPLIED, CheckoutState.PAYING)
    amount_due = checkout.amount_due if not paid else 0
    tendered, tendered_valid = parse_tendered(screen.tendered_text)
    short_by = max(amount_due - tendered, 0) if tendered is not None else 0
    change = max(tendered - amount_due, 0) if tendered is not None else 0
    can_act = state in OPEN_SALE_STATES and not basket.is_empty and not busy
    can_apply = can_act and card is not None and not applied and total > 0
    card_covers_all = applied and amount_due == 0
    can_pay_cash = can_act and tendered_valid and short_by == 0 and not card_covers_all
    can_pay_card = can_act and card_covers_all
    transaction = checkout.transaction
    receipt = list(transaction.receipt) if paid and transaction is not None else []
    recovered = screen.recovered if state is CheckoutState.EMPTY else None
    shown_sale_id = checkout.sale_id if paid else None
    if recovered is not None and recovered.transaction is not None:
        # A sale the server had booked before a crash: show its receipt until the next sale.
        receipt = list(recovered.transaction.receipt)
        lines = basket_lines_of(recovered.transaction)
        total = sum(line.total for line in lines)
        vat = vat_of(lines)
        shown_sale_id = recovered.sale_id
    return TillSnapshot(
        state=state,
        lines=lines,
        total=total,
        vat=vat,
        card=card,
        prediction=checkout.prediction if card is not None and not paid else None,
        card_applied=applied,
        applying=screen.applying,
        amount_due=amount_due,
        tendered=tendered,
        tendered_valid=tendered_valid,
        change=change,
        short_by=short_by,
        busy=busy,
        can_apply=can_apply,
        can_pay_cash=can_pay_cash,
        can_pay_card=can_pay_card,
        payment=checkout.payment if paid else None,
        server_receipt=receipt,
        sales_receipt=receipts.receipt(shown_sale_id),
        unknown=state is CheckoutState.UNKNOWN,
        tendered_text=screen.tendered_text,
        showing_receipt=paid or (recovered is not None and recovered.transaction is not None),
    )


def summarise_card(card: Any) -> CardSummary | None:
    """The card panel's view of the checkout's merchant card (``None``: no card scanned)."""
    if card is None:
        return None
    return CardSummary(
        number=card.cardnumber or "",
        holder=card.holder_name or "",
        group=card.cardgroup_name or "",
        balance=card.balance,
        cash_balance=card.cash_balance,
        bonus_balance=card.bonus_balance,
        points=card.points,
        locked=card.is_locked,
    )


def vat_of(lines: list[BasketLine]) -> list[VatShare]:
    """The VAT breakdown of lines that are no longer the checkout's basket."""
    basket = Basket()
    basket.restore(lines)
    return basket.vat_breakdown()

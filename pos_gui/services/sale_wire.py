"""The sale on the wire: basket lines ⇄ a Smart Transaction's products, and how the server's
answers are read (paid or not, a lost answer or a definite no).

The API's pydantic models are imported where a request is built or an answer adopted, not at
import: the till window is shown before they are needed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

from pos_gui.api.errors import (
    ApiConnectionError,
    ApiStatusError,
    InvalidResponseError,
    OutcomeUnknownError,
    ServerError,
)
from pos_gui.core.basket import Article, BasketLine
from pos_gui.core.payment import Payment

if TYPE_CHECKING:
    from pos_gui.api.models import (
        BasketProduct,
        MerchantCard,
        PreTransactionResult,
        SmartTransaction,
        SmartTransactionDraft,
    )

NOT_STARTED_STATUSES = frozenset({"created", "processing"})
DEAD_STATUSES = frozenset({"cancelled", "canceled", "aborted", "timeout", "deleted"})

# A read that got no usable answer: ask again later; it says nothing about the transaction.
NO_ANSWER_ERRORS = (ApiConnectionError, ServerError, InvalidResponseError, OutcomeUnknownError)


class CheckoutClient(Protocol):
    """The part of :class:`pos_gui.api.client.SecuconnectClient` the checkout uses."""

    async def create_transaction(self, draft: SmartTransactionDraft, /) -> SmartTransaction: ...

    async def update_transaction(
        self, transaction_id: str, draft: SmartTransactionDraft, /
    ) -> SmartTransaction: ...

    async def pre_transaction(self, transaction_id: str, /) -> PreTransactionResult: ...

    async def start_transaction(self, transaction_id: str, payment_method: str, /) -> SmartTransaction: ...

    async def get_transaction(self, transaction_id: str, /) -> SmartTransaction: ...

    async def abort_transaction(self, transaction_id: str, /) -> SmartTransaction: ...

    async def find_merchant_card(self, cardnumber: str, /) -> MerchantCard | None: ...

    async def get_merchant_card(self, merchant_card_id: str, /) -> MerchantCard: ...

    async def check_passcode(self, card_id_or_number: str, pin: str, /) -> bool: ...


def wire_products(lines: Iterable[BasketLine]) -> list[BasketProduct]:
    """The basket lines as the products of a transaction's basket on the wire."""
    from pos_gui.api.models import BasketProduct

    return [
        BasketProduct(
            id=line.line_id,
            item_type="article",
            article_number=line.article.article_number,
            ean=line.article.ean or None,
            desc=line.article.name,
            quantity=line.quantity,
            price_one=line.article.price,
            tax=line.article.vat_rate,
        )
        for line in lines
    ]


def basket_lines_of(transaction: SmartTransaction) -> list[BasketLine]:
    """The article lines of a transaction's basket: bonus lines (priced below zero) and other
    item types left out; a product without an id gets its position."""
    products = transaction.basket.products if transaction.basket else []
    lines = []
    for position, product in enumerate(products, start=1):
        if product.price_one < 0 or (product.item_type or "article") != "article":
            continue
        article = Article(
            article_number=product.article_number or "",
            ean=product.ean or "",
            name=product.desc or "",
            price=product.price_one,
            vat_rate=product.tax or 0,
        )
        line_id = product.id if product.id is not None else position
        lines.append(BasketLine(line_id=line_id, article=article, quantity=product.quantity))
    return lines


def payment_of(transaction: SmartTransaction) -> Payment:
    """How a booked transaction was settled, from the server's fields alone.

    The articles' total; the cash part is ``missing_sum`` when the card balance was applied
    (bonus lines, or something left to pay), nothing for ``start/loyalty``, else everything (a
    plain cash sale shows ``missing_sum`` 0 after ``start/cash``, as the seed does). The cash
    handed over is not known: the exact amount.
    """
    products = transaction.basket.products if transaction.basket else []
    total = sum(line.total for line in basket_lines_of(transaction))
    missing_sum = transaction.missing_sum or 0
    if transaction.payment_method == "loyalty":
        cash_due = 0
    elif missing_sum > 0 or any(product.price_one < 0 for product in products):
        cash_due = missing_sum
    else:
        cash_due = total
    return Payment.of(total=total, cash_due=cash_due, tendered=cash_due)


def wire_key(draft: SmartTransactionDraft) -> str:
    """The draft as canonical JSON: equal when the server would hold the same transaction."""
    return json.dumps(draft.to_wire(), sort_keys=True)


def outcome_unknown(exc: BaseException) -> bool:
    """Whether a payment action that raised ``exc`` may have been carried out by the server."""
    import asyncio  # loaded by now: a payment action has been awaited

    if isinstance(exc, OutcomeUnknownError | ServerError | InvalidResponseError | asyncio.CancelledError):
        return True
    # Any other ApiStatusError is a definite "no"; a plain connection error means the client
    # never got the request out (it raises OutcomeUnknownError otherwise).
    return not isinstance(exc, ApiStatusError | ApiConnectionError)

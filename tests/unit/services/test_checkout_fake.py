"""A hand-written fake of the secuconnect client for the checkout's unit tests (no tests here).

It keeps transactions and cards in memory and behaves like the server where the checkout cares:
create/PUT (PUT drops an applied balance), preTransaction (the same card-share rule as the
server), start (books once; a second start on a paid transaction is refused), GET. Faults are
queued per action: ``before`` raises without doing anything, ``after`` does the work and then
raises (the answer was lost). ``before_request`` runs before every request, so a test can assert
what the journal says at that moment.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from pos_gui.api.errors import NotAllowedError, NotFoundError
from pos_gui.api.models import (
    BasketInfo,
    BasketProduct,
    Ident,
    LoyaltyCard,
    MerchantCard,
    PreTransactionResult,
    SmartTransaction,
    SmartTransactionDraft,
    TransactionBasket,
)
from pos_gui.core.card_share import predict_card_share

SEED_CARD = "9276004429942845"
BONUS_CARD = "9276000000000011"
LOCKED_CARD = "9276000000000045"
UNKNOWN_CARD = "9276999999999999"
PASSCODE_CARD = "9276000000000052"
PASSCODE_PIN = "1234"


def make_card(
    number: str, *, cash: int = 0, bonus: int = 0, lock_status: str = "unlocked", passcode: int = 0
) -> MerchantCard:
    return MerchantCard(
        passcode=passcode,
        id=f"MCD_{number}",
        card=LoyaltyCard(cardnumber=number),
        cash_balance=cash,
        bonus_balance=bonus,
        balance=cash + bonus,
        lock_status=lock_status,
        stock_status="active",
    )


@dataclass
class Fault:
    when: Literal["before", "after"]
    error: BaseException


class FakeSecuconnect:
    """In-memory server behind the client's async methods."""

    def __init__(self) -> None:
        self.cards: dict[str, MerchantCard] = {
            SEED_CARD: make_card(SEED_CARD, cash=1000),
            BONUS_CARD: make_card(BONUS_CARD, cash=2000, bonus=350),
            LOCKED_CARD: make_card(LOCKED_CARD, cash=1500, lock_status="locked"),
            PASSCODE_CARD: make_card(PASSCODE_CARD, cash=3000, passcode=1),
        }
        self.pins: dict[str, str] = {PASSCODE_CARD: PASSCODE_PIN}
        # Answers that cannot be true, for the checks of the payment flow: the next preTransaction
        # answers this missing_sum / adds this to each bonus line; create/PUT answer this sum.
        self.pre_missing_sum: int | None = None
        self.pre_bonus_extra = 0
        self.basket_sum: int | None = None
        self.transactions: dict[str, SmartTransaction] = {}
        self.calls: list[tuple[str, ...]] = []
        self.bookings: list[str] = []
        self.drafts: list[SmartTransactionDraft] = []
        self.faults: dict[str, list[Fault]] = {}
        self.before_request: Callable[[str, tuple[str, ...]], None] | None = None
        # action -> an event the request waits for (a request "in flight" until it is set).
        self.hold: dict[str, asyncio.Event] = {}
        self._ids = itertools.count(1)

    # -- test helpers ------------------------------------------------------------------------

    def fail(self, action: str, error: BaseException, *, when: Literal["before", "after"] = "before") -> None:
        self.faults.setdefault(action, []).append(Fault(when, error))

    def count(self, action: str) -> int:
        return sum(1 for call in self.calls if call[0] == action)

    async def _enter(self, action: str, *args: str) -> Fault | None:
        if self.before_request is not None:
            self.before_request(action, args)
        self.calls.append((action, *args))
        queue = self.faults.get(action)
        fault = queue.pop(0) if queue else None
        gate = self.hold.get(action)
        if gate is not None:
            await gate.wait()
        if fault is not None and fault.when == "before":
            raise fault.error
        return fault

    @staticmethod
    def _leave(fault: Fault | None) -> None:
        if fault is not None:
            raise fault.error

    def _copy(self, transaction: SmartTransaction) -> SmartTransaction:
        return SmartTransaction.model_validate(transaction.model_dump(by_alias=True))

    # -- the client's methods ------------------------------------------------------------------

    async def find_merchant_card(self, cardnumber: str, /) -> MerchantCard | None:
        fault = await self._enter("find_card", cardnumber)
        card = self.cards.get(cardnumber)
        self._leave(fault)
        return card

    async def get_merchant_card(self, merchant_card_id: str, /) -> MerchantCard:
        fault = await self._enter("get_card", merchant_card_id)
        card = next(card for card in self.cards.values() if card.id == merchant_card_id)
        self._leave(fault)
        return card

    async def check_passcode(self, card_id_or_number: str, pin: str, /) -> bool:
        fault = await self._enter("check_passcode", card_id_or_number)
        self._leave(fault)
        return self.pins.get(card_id_or_number) == pin

    def _nonsense_sum(self, transaction: SmartTransaction) -> SmartTransaction:
        if self.basket_sum is not None and transaction.basket_info is not None:
            transaction.basket_info = BasketInfo.model_construct(sum=self.basket_sum, currency="EUR")
        return transaction

    async def create_transaction(self, draft: SmartTransactionDraft, /) -> SmartTransaction:
        fault = await self._enter("create")
        self.drafts.append(draft)
        transaction_id = f"STX_{next(self._ids):030d}"
        transaction = SmartTransaction(
            id=transaction_id,
            status="created",
            intent=draft.intent,
            is_demo=draft.is_demo,
            transaction_ref=draft.transaction_ref,
            basket=TransactionBasket(products=list(draft.basket.products)),
            basket_info=BasketInfo(sum=draft.basket_info.sum, currency=draft.basket_info.currency),
            idents=self._resolve_idents(draft.idents),
        )
        self.transactions[transaction_id] = transaction
        self._leave(fault)
        return self._nonsense_sum(self._copy(transaction))

    async def update_transaction(
        self, transaction_id: str, draft: SmartTransactionDraft, /
    ) -> SmartTransaction:
        fault = await self._enter("update", transaction_id)
        self.drafts.append(draft)
        transaction = self._get_open(transaction_id)
        transaction.status = "created"
        transaction.basket = TransactionBasket(products=list(draft.basket.products))
        transaction.basket_info = BasketInfo(sum=draft.basket_info.sum, currency=draft.basket_info.currency)
        transaction.idents = self._resolve_idents(draft.idents)
        self._leave(fault)
        return self._nonsense_sum(self._copy(transaction))

    async def pre_transaction(self, transaction_id: str, /) -> PreTransactionResult:
        fault = await self._enter("pre", transaction_id)
        transaction = self._get_open(transaction_id)
        card = transaction.merchant_card
        assert card is not None, "preTransaction without a card"
        assert transaction.basket is not None
        assert transaction.basket_info is not None
        articles = [p for p in transaction.basket.products if p.price_one >= 0]
        gross: dict[int, int] = {}
        for product in articles:
            gross[product.tax or 0] = gross.get(product.tax or 0, 0) + product.total
        share = predict_card_share(gross, cash_balance=card.cash_balance, bonus_balance=card.bonus_balance)
        next_id = max((p.id or 0 for p in articles), default=0) + 1
        bonus = [
            BasketProduct(id=next_id + i, desc=f"Bonus Steuer {rate}", quantity=1, price_one=-cents, tax=rate)
            for i, (rate, cents) in enumerate(share.bonus_by_rate.items())
        ]
        transaction.basket.products = [*articles, *bonus]
        transaction.basket_info.missing_sum = share.missing_sum
        transaction.status = "processing"
        self._leave(fault)
        if self.pre_missing_sum is not None or self.pre_bonus_extra:
            # What the API's own checks would refuse, to see the checkout refuse it too.
            answered = [
                BasketProduct.model_construct(
                    **{**p.__dict__, "price_one": p.price_one - self.pre_bonus_extra}
                )
                for p in bonus
            ]
            missing = share.missing_sum if self.pre_missing_sum is None else self.pre_missing_sum
            return PreTransactionResult.model_construct(missing_sum=missing, bonus_products=answered)
        return PreTransactionResult(missing_sum=share.missing_sum, bonus_products=bonus)

    async def start_transaction(self, transaction_id: str, payment_method: str, /) -> SmartTransaction:
        fault = await self._enter(f"start/{payment_method}", transaction_id)
        transaction = self._get_open(transaction_id)
        transaction.status = "ok"
        transaction.payment_method = payment_method
        self.bookings.append(transaction_id)
        self._leave(fault)
        return self._copy(transaction)

    async def abort_transaction(self, transaction_id: str, /) -> SmartTransaction:
        fault = await self._enter("abort", transaction_id)
        transaction = self._get_open(transaction_id)
        transaction.status = "aborted"
        self._leave(fault)
        return self._copy(transaction)

    async def get_transaction(self, transaction_id: str, /) -> SmartTransaction:
        fault = await self._enter("get", transaction_id)
        transaction = self._get(transaction_id)
        self._leave(fault)
        return self._copy(transaction)

    def _get(self, transaction_id: str) -> SmartTransaction:
        try:
            return self.transactions[transaction_id]
        except KeyError:
            raise NotFoundError(404, error="ProductNotFoundException") from None

    def _get_open(self, transaction_id: str) -> SmartTransaction:
        """The transaction, if it may still be changed or started (not booked, aborted, ...)."""
        transaction = self._get(transaction_id)
        if transaction.status not in ("created", "processing"):
            raise NotAllowedError(403, error="ProductNotAllowedException", code=1003)
        return transaction

    def _resolve_idents(self, idents: list[Ident]) -> list[Ident]:
        resolved = []
        for ident in idents:
            card = self.cards.get(ident.value or "")
            resolved.append(
                Ident(type=ident.type, value=ident.value, valid=card is not None, merchantcard=card)
            )
        return resolved

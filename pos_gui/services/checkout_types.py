"""The checkout's states, errors and result types, shared by its use cases and its presenters."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, NamedTuple, Protocol

from pos_gui.core.money import Cents
from pos_gui.persistence.ledger import LedgerWriteError

if TYPE_CHECKING:
    from pos_gui.api.models import MerchantCard, SmartTransaction
    from pos_gui.services.server_connection import ServerConnection


class CheckoutState(enum.StrEnum):
    EMPTY = "EMPTY"
    BASKET = "BASKET"
    CARD = "CARD"
    APPLIED = "APPLIED"
    PAYING = "PAYING"
    PAID = "PAID"
    FAILED = "FAILED"
    UNKNOWN = "UNKNOWN"


class CardRejectedError(Exception):
    """A scanned card cannot be used. ``reason`` is one of ``malformed``, ``unknown``, ``locked``,
    ``inactive``; ``card`` is the looked-up card where there is one."""

    def __init__(self, reason: str, cardnumber: str, card: MerchantCard | None = None) -> None:
        super().__init__(f"card {cardnumber} rejected: {reason}")
        self.reason = reason
        self.cardnumber = cardnumber
        self.card = card


class CheckoutBusyError(Exception):
    """An action was asked for while a request is in flight, or in a state that forbids it
    (e.g. pay while UNKNOWN). Nothing was sent."""


class SaleAlreadyPaidError(Exception):
    """A payment step found the sale already booked on the server.

    A start from before a restart reached the server late, after the restart had read the
    transaction back as unpaid. The checkout is PAID now, with the basket and amounts the server
    booked; articles added to the basket since were not part of that payment.
    """


class AbandonedSale(NamedTuple):
    """A sale the cashier gave up while its transaction existed on the server: to be aborted."""

    sale_id: str
    sale_number: int
    transaction_id: str
    # Where the transaction is (a training sale's: the training server); None: the checkout's.
    server: ServerConnection | None = None


RecoveryOutcome = Literal["completed", "restored", "pending", "discarded"]


@dataclass(frozen=True)
class RecoveredSale:
    """What recovery found for one unfinished sale of the ledger.

    Attributes:
        sale_id: the ledger's sale id.
        sale_number: the till's sale number.
        outcome: ``completed`` (the server had booked it: now PAID, show it to the cashier),
            ``restored`` (it is the current sale again: basket, card and transaction),
            ``pending`` (the server could not be asked: left unfinished, try again later),
            ``discarded`` (an older unpaid sale that a newer one replaced; voided in the ledger).
        total: the basket total in cents.
        transaction_id: the Smart Transaction, if one was created.
        transaction: the server's transaction for ``completed`` sales (for the receipt).
    """

    sale_id: str
    sale_number: int
    outcome: RecoveryOutcome
    total: Cents
    transaction_id: str | None
    transaction: SmartTransaction | None = None


class PaymentNotRecordedError(LedgerWriteError):
    """The server answered a payment, but the ledger could not record the answer (disk full,
    read-only file). Money may have been taken: the checkout stays UNKNOWN, and
    ``resolve_unknown`` reads the transaction back and records it once writing works again."""


class PasscodeRequiredError(Exception):
    """The card has a passcode: the customer's PIN must be checked (``verify_passcode``) before
    its balance is applied or it pays. Nothing was sent."""

    def __init__(self, cardnumber: str | None) -> None:
        super().__init__("the card's passcode must be checked first")
        self.cardnumber = cardnumber


class SaleSigning(Protocol):
    """The fiscal side of the checkout (``pos_gui.services.fiscal_signing``): told when a sale
    opens, is paid or is given up; it never stops or delays the sale."""

    def sale_opened(self, sale_id: str, *, training: bool = False) -> None: ...

    def sale_voided(self, sale_id: str) -> None: ...

    async def sale_paid(self, sale_id: str) -> object: ...

    def reconcile_soon(self) -> None: ...


class PasscodeWrongError(Exception):
    """The server said the PIN does not fit the card. The card's balance stays unused."""

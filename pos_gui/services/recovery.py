"""Recovery and reconciliation: after a crash, the ledger's unfinished sales are settled with the server.

For each unfinished sale, oldest first: a transaction the server booked becomes PAID
(``completed``); a sale that was never started becomes the current sale again (``restored``, the
newest one only: older ones are ``discarded``); a sale the server could not be asked about stays
unfinished (``pending``). Given-up sales whose transaction exists on the server are aborted
(:meth:`Recovery.abort_abandoned`), and a refused abort is read back: a late start may have booked
it. Works on the current sale only through its public methods.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from pos_gui.api.errors import (
    ApiConnectionError,
    ApiError,
    InvalidResponseError,
    NotAllowedError,
    NotFoundError,
    ServerError,
)
from pos_gui.core.payment import Payment
from pos_gui.persistence.sale_events import EventKind, SaleRecord
from pos_gui.services.checkout_types import AbandonedSale, CheckoutState, RecoveredSale, RecoveryOutcome
from pos_gui.services.payment_answers import record_booked
from pos_gui.services.payment_flow import PaymentFlow
from pos_gui.services.sale_building import CurrentSale
from pos_gui.services.sale_wire import DEAD_STATUSES, NO_ANSWER_ERRORS, NOT_STARTED_STATUSES

if TYPE_CHECKING:
    from pos_gui.api.models import MerchantCard, SmartTransaction
    from pos_gui.persistence.ledger import Ledger

log = logging.getLogger("pos_gui.services.checkout")


class Recovery:
    """The recovery use case: :meth:`recover` at start-up, :meth:`abort_abandoned` for given-up sales."""

    def __init__(self, sale: CurrentSale, payment: PaymentFlow) -> None:
        self.sale = sale
        self.payment = payment

    def take_abandoned(self) -> list[AbandonedSale]:
        """The given-up sales whose transactions still need :meth:`abort_abandoned`; each once."""
        abandoned, self.sale.abandoned = self.sale.abandoned, []
        return abandoned

    async def abort_abandoned(self, abandoned: AbandonedSale) -> bool:
        """Abort the transaction of a given-up sale (the reference's "customer walks away before
        start"), so that nothing can book it any more.

        Returns ``True`` when the server had booked it meanwhile (a start from before a crash
        that arrived late): the ledger then holds the sale as paid, with the server's basket and
        amounts. Connection and server errors are logged; the transaction stays as it is.
        Independent of the current sale: it never marks the checkout busy.
        """
        server = abandoned.server or self.sale.server
        try:
            client = await server.client()
            await client.abort_transaction(abandoned.transaction_id)
        except NotAllowedError:
            booked = await self.payment.read_back_if_paid(abandoned.transaction_id, server=server)
            if booked is None:
                return False
            record_booked(self.sale, abandoned.sale_id, booked)
            log.warning(
                "sale %s was given up, but its transaction %s had been booked: recorded as paid",
                abandoned.sale_number,
                abandoned.transaction_id,
            )
            return True
        except ApiError as exc:
            log.warning(
                "sale %s: transaction %s not aborted: %s",
                abandoned.sale_number,
                abandoned.transaction_id,
                exc,
            )
            return False
        log.info("sale %s given up: transaction %s aborted", abandoned.sale_number, abandoned.transaction_id)
        return False

    async def recover(self) -> list[RecoveredSale]:
        """Reconcile the ledger's unfinished sales with the server (see the module's docstring).

        Call it while the checkout is EMPTY; the current sale is never touched.
        """
        sale = self.sale
        ledger = sale.ledger
        sale.check_not_busy()
        results: list[RecoveredSale] = []
        restorable: list[tuple[SaleRecord, SmartTransaction | None]] = []
        for record in ledger.unfinished_sales():
            if record.sale_id == sale.sale_id:
                continue
            if sale.servers.separate_training and _opened_in_training(ledger, record.sale_id):
                # Its training simulator kept nothing and is gone: the real server must never
                # be asked about it, nor pay it.
                ledger.append(record.sale_id, EventKind.SALE_ABORTED, error="training sale left open")
                results.append(self._recovered(record, "discarded"))
                continue
            if record.transaction_id is None:
                restorable.append((record, None))
                continue
            try:
                client = await sale.server.client()
                transaction = await client.get_transaction(record.transaction_id)
            except NotFoundError:
                # The server does not know it (anymore): nothing was booked.
                ledger.append(record.sale_id, EventKind.TRANSACTION_FORGOTTEN)
                restorable.append((record, None))
                continue
            except NO_ANSWER_ERRORS as exc:
                log.warning("recovery: sale %s left pending: %s", record.sale_number, exc)
                results.append(self._recovered(record, "pending"))
                continue
            status = transaction.normalized_status
            if status == "ok":
                self._complete_from_server(record, transaction)
                results.append(self._recovered(record, "completed", transaction))
            elif status in NOT_STARTED_STATUSES:
                restorable.append((record, transaction))
            elif status == "failed" or status in DEAD_STATUSES:
                ledger.append(record.sale_id, EventKind.TRANSACTION_FORGOTTEN, error=f"transaction {status}")
                restorable.append((record, None))
            else:
                results.append(self._recovered(record, "pending"))
        if restorable:
            *older, newest = restorable
            for record, older_transaction in older:
                ledger.append(record.sale_id, EventKind.SALE_ABORTED, error="replaced by a later sale")
                if older_transaction is not None:
                    sale.abandoned.append(
                        AbandonedSale(record.sale_id, record.sale_number, older_transaction.id)
                    )
                results.append(self._recovered(record, "discarded"))
            newest_record, newest_transaction = newest
            if sale.state is CheckoutState.EMPTY and await self._restore(newest_record, newest_transaction):
                results.append(self._recovered(newest_record, "restored"))
            else:
                results.append(self._recovered(newest_record, "pending"))
        results.sort(key=lambda item: item.sale_number)
        return results

    def _recovered(
        self, record: SaleRecord, outcome: RecoveryOutcome, transaction: SmartTransaction | None = None
    ) -> RecoveredSale:
        fresh = self.sale.ledger.sale(record.sale_id)
        return RecoveredSale(
            sale_id=record.sale_id,
            sale_number=record.sale_number,
            outcome=outcome,
            total=fresh.total,
            transaction_id=fresh.transaction_id,
            transaction=transaction,
        )

    def _complete_from_server(self, record: SaleRecord, transaction: SmartTransaction) -> None:
        """The server booked the announced payment: confirm it with the announced amounts."""
        tendered = record.tendered if record.tendered is not None else record.cash
        payment = Payment.of(total=record.total, cash_due=record.cash, tendered=tendered)
        self.sale.ledger.append(
            record.sale_id,
            EventKind.PAYMENT_CONFIRMED,
            transaction=transaction.to_wire(),
            payment=payment,
            error=None,
        )
        log.info("recovery: sale %s was paid (%s)", record.sale_number, transaction.id)

    async def _restore(self, record: SaleRecord, transaction: SmartTransaction | None) -> bool:
        """Make ``record`` the current sale; ``False`` when its card cannot be looked up now."""
        sale = self.sale
        card: MerchantCard | None = None
        if record.card_number is not None:
            server_card = transaction.merchant_card if transaction is not None else None
            if server_card is not None and server_card.cardnumber == record.card_number:
                card = server_card
            else:
                try:
                    with sale.request(payment=False):
                        client = await sale.server.client()
                        card = await client.find_merchant_card(record.card_number)
                except (ApiConnectionError, ServerError, InvalidResponseError) as exc:
                    log.warning("recovery: card of sale %s not looked up: %s", record.sale_number, exc)
                    return False
                if card is not None and (card.is_locked or not card.is_active):
                    card = None
        sale.basket.restore(record.basket_lines())
        sale.card = card
        sale.sale_id = record.sale_id
        sale.sale_number = record.sale_number
        sale.applied = None
        if transaction is not None:
            self.payment.answers.adopt_not_started(transaction)
        else:
            sale.transaction = None
            sale.server_draft = None
            sale.predict()
            sale.state = sale.resting_state()
            if sale.state is CheckoutState.EMPTY:
                sale.record(EventKind.SALE_ABORTED, error="nothing to restore")
                sale.sale_id = None
                sale.sale_number = None
                return True
            sale.record(
                EventKind.SALE_RESTORED,
                state=sale.state.value,
                card_number=card.cardnumber if card else None,
                transaction_id=None,
                card_share=0,
                cash=sale.basket.total,
                error=None,
            )
        sale.changed()
        log.info("recovery: sale %s restored in %s", record.sale_number, sale.state)
        return True


def _opened_in_training(ledger: Ledger, sale_id: str) -> bool:
    """Whether the sale was opened in training mode (its ``sale_opened`` event)."""
    return any(e.kind is EventKind.SALE_OPENED and e.payload.get("training") for e in ledger.events(sale_id))

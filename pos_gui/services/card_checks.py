"""The card's part of a payment: its passcode checked before it pays, its balance read again after.

A card whose ``passcode`` is set (the current SDK's meaning: 0 = never asked) gives its balance
only after the customer's PIN was checked with the server (``checkPasscode``); until then
applying the balance or paying with the card raises :class:`PasscodeRequiredError` and sends
nothing. The PIN is passed through to the server and forgotten: never logged, never stored.

After a payment with a card its balance has changed; the card is looked up again in the
background (one GET) so the card panel shows what the receipt says.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from pos_gui.api.errors import ApiError
from pos_gui.services.checkout_types import CheckoutBusyError, PasscodeRequiredError, PasscodeWrongError
from pos_gui.services.sale_building import CurrentSale

if TYPE_CHECKING:
    import asyncio

    from pos_gui.api.models import MerchantCard

log = logging.getLogger("pos_gui.services.checkout")


def card_needs_passcode(card: MerchantCard) -> bool:
    """Whether the card's PIN must be checked before it pays (``passcode`` 0 or missing: never)."""
    return bool(card.passcode)


class CardChecks:
    """The passcode check and the balance look-up after payment, for the current sale's card.

    Attributes:
        refresh: the running look-up after a card payment (tests await it), else ``None``.
    """

    def __init__(self, sale: CurrentSale) -> None:
        self.sale = sale
        self.refresh: asyncio.Future[None] | None = None

    @property
    def passcode_required(self) -> bool:
        """The scanned card has a passcode that was not checked yet for this sale."""
        card = self.sale.card
        return card is not None and card_needs_passcode(card) and not self.sale.passcode_verified

    def require_passcode(self) -> None:
        """Raise :class:`PasscodeRequiredError` while :attr:`passcode_required`."""
        if self.passcode_required:
            assert self.sale.card is not None
            raise PasscodeRequiredError(self.sale.card.cardnumber)

    async def verify_passcode(self, pin: str) -> None:
        """Check the customer's PIN for the scanned card with the server.

        Raises :class:`PasscodeWrongError` when it does not fit. The PIN is neither logged nor
        kept; only that it was checked, for this sale and this card.
        """
        sale = self.sale
        sale.check_not_busy()
        sale.check_editable()
        card = sale.card
        if card is None or card.cardnumber is None:
            raise CheckoutBusyError("no card scanned")
        with sale.request(payment=False):
            client = await sale.server.client()
            fits = await client.check_passcode(card.cardnumber, pin)
        if sale.card is not card:
            raise CheckoutBusyError("the card changed while its passcode was checked")
        if not fits:
            log.info("sale %s: the passcode does not fit the card", sale.sale_number)
            raise PasscodeWrongError("the passcode does not fit the card")
        sale.passcode_verified = True
        sale.changed()

    def refresh_after_payment(self) -> None:
        """Look the paid sale's card up again in the background: its balance has changed.

        One GET, never awaited by the payment (the receipt does not wait for it); the new card
        replaces :attr:`CurrentSale.card` while the paid sale is still the current one.
        """
        import asyncio  # loaded by now: a payment has been awaited

        sale = self.sale
        if sale.card is None or sale.sale_id is None:
            return
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return
        self.refresh = asyncio.ensure_future(self._look_up_again(sale.sale_id, sale.card))

    async def _look_up_again(self, sale_id: str, card: MerchantCard) -> None:
        sale = self.sale
        try:
            client = await sale.server.client()
            if card.id:
                fresh: MerchantCard | None = await client.get_merchant_card(card.id)
            else:
                fresh = await client.find_merchant_card(card.cardnumber or "")
        except ApiError as exc:
            log.info("sale %s: the card's new balance not read: %s", sale.sale_number, exc)
            return
        if fresh is None or sale.sale_id != sale_id or sale.card is not card:
            return  # the next sale has begun meanwhile
        sale.card = fresh
        sale.changed()

"""The simulator's card store: the merchant's loyalty cards, their API form, and money moves.

:class:`CardBook` holds no lock of its own: :class:`pos_sim.state.SimulatorState` calls it under
the state's lock. Every change is mirrored to the store at once.
"""

from __future__ import annotations

from typing import Any

from pos_sim import demo_data
from pos_sim import transactions as rules
from pos_sim.cards import SimCard, new_card
from pos_sim.errors import bad_request, not_found
from pos_sim.ids import berlin_timestamp, new_id
from pos_sim.store import MemoryStore


def page(hits: list[dict[str, Any]], count: int | None, offset: int) -> dict[str, Any]:
    """A list endpoint's answer: every hit counted, ``count`` of them (all without) from ``offset``."""
    shown = hits[offset:] if count is None else hits[offset : offset + count]
    return {"count": len(hits), "data": shown}


def merchant_json() -> dict[str, Any]:
    """The demo merchant as ``general.merchants``."""
    return {
        "object": "general.merchants",
        "id": demo_data.MERCHANT_ID,
        "companyname": demo_data.MERCHANT_NAME,
    }


def card_json(card: SimCard) -> dict[str, Any]:
    """A card as the API shows it (``loyalty.merchantcards`` of the demo merchant)."""
    return card.merchantcard_json(demo_data.MERCHANT_ID, demo_data.STORE_ID)


def _card_from_admin_body(data: Any) -> SimCard:
    """The card that ``POST /_sim/cards`` describes; raises a 400 for a bad field."""
    if not isinstance(data, dict) or not isinstance(data.get("cardnumber"), str | int):
        raise bad_request("cardnumber is required")
    numbers = {}
    for key in ("cash_balance", "bonus_balance", "points", "passcode"):
        value = data.get(key, 0)
        if isinstance(value, bool) or not isinstance(value, int):
            raise bad_request(f"{key} must be an integer")
        numbers[key] = value
    lock_status = data.get("lock_status", "unlocked")
    if lock_status not in ("locked", "unlocked"):
        raise bad_request('lock_status must be "locked" or "unlocked"')
    holder = data.get("holder")
    if holder is not None and not isinstance(holder, str):
        raise bad_request("holder must be a string")
    pin = data.get("pin")
    if pin is not None and not isinstance(pin, str):
        raise bad_request("pin must be a string")
    cardgroup = data.get("cardgroup", demo_data.BAKERY_CARDGROUP_NAME)
    if not isinstance(cardgroup, str):
        raise bad_request("cardgroup must be a string")
    known_groups = {
        demo_data.GIFT_CARDGROUP_NAME: demo_data.GIFT_CARDGROUP_ID,
        demo_data.BAKERY_CARDGROUP_NAME: demo_data.BAKERY_CARDGROUP_ID,
    }
    return new_card(
        str(data["cardnumber"]),
        holder=holder,
        cardgroup_id=known_groups.get(cardgroup) or new_id("CRG"),
        cardgroup_name=cardgroup,
        lock_status=lock_status,
        pin=pin,
        **numbers,
    )


class CardBook:
    """The merchant's cards by number.

    Args:
        store: where every card change is mirrored.
    """

    def __init__(self, store: MemoryStore) -> None:
        self._store = store
        self._cards: dict[str, SimCard] = {}

    def replace_all(self, cards: list[SimCard]) -> None:
        """Hold exactly these cards (demo data or a restored state); the store is not touched."""
        self._cards = {card.cardnumber: card for card in cards}

    def records(self) -> list[dict[str, Any]]:
        """Every card as a store record."""
        return [card.as_record() for card in self._cards.values()]

    def all_json(self) -> list[dict[str, Any]]:
        return [card_json(card) for card in self._cards.values()]

    def by_number(self, cardnumber: str | None) -> SimCard | None:
        return self._cards.get(cardnumber) if cardnumber else None

    def usable(self, ident: dict[str, str]) -> SimCard | None:
        """The card a ``card`` ident names, when it is known, unlocked and active; else ``None``."""
        card = self._cards.get(ident["value"]) if ident["type"] == "card" else None
        if card is not None and not card.is_locked and card.stock_status == "active":
            return card
        return None

    def put(self, data: Any) -> dict[str, Any]:
        """Create or replace a card from the admin body; the same number keeps its ids."""
        card = _card_from_admin_body(data)
        existing = self._cards.get(card.cardnumber)
        if existing is not None:
            card.merchantcard_id, card.card_id = existing.merchantcard_id, existing.card_id
            if card.customer_id is not None and existing.customer_id is not None:
                card.customer_id = existing.customer_id
        self._cards[card.cardnumber] = card
        self._store.save_card(card.cardnumber, card.as_record())
        return card_json(card)

    def move_money(self, card: SimCard, *, bonus: int, cash: int) -> None:
        """Add to the card's balances (negative: spent) and note the usage."""
        card.bonus_balance += bonus
        card.cash_balance += cash
        card.last_usage = berlin_timestamp()
        self._store.save_card(card.cardnumber, card.as_record())

    # ----------------------------------------------------------------- the Loyalty endpoints

    def find(self, query: str | None, count: int | None, offset: int) -> dict[str, Any]:
        """``GET /Loyalty/MerchantCards`` with the ``q`` subset of :func:`rules.matches_query`."""
        hits = [h for h in self.all_json() if rules.matches_query(h, query)]
        return page(hits, count, offset)

    def get(self, merchantcard_id: str) -> dict[str, Any]:
        for card in self._cards.values():
            if card.merchantcard_id == merchantcard_id:
                return card_json(card)
        raise not_found(f"Loyalty merchant card {merchantcard_id} not found")

    def validate(self, body: Any) -> dict[str, Any]:
        """``validateMerchantcard``: ``hasPasscode`` and ``isLocked`` only for valid cards."""
        if not isinstance(body, dict) or not isinstance(body.get("cardnumber"), str | int):
            raise bad_request("cardnumber is required")
        card = self._cards.get(str(body["cardnumber"]))
        if card is None:
            return {"isValid": False}
        return {"isValid": True, "hasPasscode": card.passcode != 0, "isLocked": card.is_locked}

    def check_passcode(self, merchantcard_id: str, body: Any) -> dict[str, Any]:
        """``checkPasscode``: ``{result}``, whether ``pin`` is the card's passcode.

        The card is the ``MCD_...`` of the path, or, with ``me`` there, the body's ``cardnumber``
        (given with an id, it must be that card's). A card without a PIN set refuses every PIN.
        """
        if not isinstance(body, dict) or not isinstance(body.get("pin"), str | int):
            raise bad_request("pin is required")
        number = body.get("cardnumber")
        if number is not None and not isinstance(number, str | int):
            raise bad_request("cardnumber must be a string")
        if merchantcard_id.lower() == "me":
            if number is None:
                raise bad_request("cardnumber is required")
            card = self._cards.get(str(number))
        else:
            card = next((c for c in self._cards.values() if c.merchantcard_id == merchantcard_id), None)
            if card is not None and number is not None and str(number) != card.cardnumber:
                card = None
        if card is None:
            raise not_found(f"Loyalty merchant card {merchantcard_id} not found")
        return {"result": card.pin is not None and str(body["pin"]) == card.pin}

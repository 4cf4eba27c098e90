"""The events of a sale and how a sale's current state follows from them.

Every step of a sale is one :class:`SaleEvent` in the ledger (``pos_gui.persistence.ledger``):
what happened (:class:`EventKind`) and its facts (a JSON payload). :func:`apply_event` folds one
event into a :class:`SaleRecord`; folding all events of a sale, in sequence order, gives its
current state. The ledger does exactly that when it writes the read model, and again, from the
events alone, in :meth:`~pos_gui.persistence.ledger.Ledger.read_model_from_events`.

Pure Python (no SQLite here), so the rules can be read and tested on their own.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Final

from pos_gui.core.basket import Article, BasketLine
from pos_gui.core.money import Cents
from pos_gui.core.payment import Payment

# States of a sale in the ledger: the checkout states, plus VOIDED for a sale given up before a
# payment was booked. PAID and VOIDED sales are finished; every other sale is unfinished.
VOIDED: Final = "VOIDED"
PAID: Final = "PAID"
FINISHED_STATES: Final = frozenset({PAID, VOIDED})


class EventKind(enum.StrEnum):
    """What happened to a sale. The payload keys each kind may carry are in :data:`PAYLOAD_KEYS`."""

    SALE_OPENED = "sale_opened"
    LINE_ADDED = "line_added"
    LINE_CHANGED = "line_changed"
    LINE_VOIDED = "line_voided"
    CARD_IDENTIFIED = "card_identified"
    CARD_REMOVED = "card_removed"
    TRANSACTION_CREATED = "transaction_created"
    TRANSACTION_FORGOTTEN = "transaction_forgotten"
    BALANCE_APPLIED = "balance_applied"
    BALANCE_DROPPED = "balance_dropped"
    PAYMENT_ANNOUNCED = "payment_announced"
    PAYMENT_CONFIRMED = "payment_confirmed"
    PAYMENT_REFUSED = "payment_refused"
    PAYMENT_FAILED = "payment_failed"
    PAYMENT_UNKNOWN = "payment_unknown"
    SALE_RESTORED = "sale_restored"
    SALE_ABORTED = "sale_aborted"
    ERROR_NOTED = "error_noted"
    RECEIPT_PRINTED = "receipt_printed"
    # The sale's TSE transaction (docs/fiscal.md): the tx id is chosen and written before the
    # first signer call; each answer of the signer, and each failure, is written as it comes.
    TSE_TX_PLANNED = "tse_tx_planned"
    TSE_STARTED = "tse_started"
    TSE_FINISHED = "tse_finished"
    TSE_FAILED = "tse_failed"


# Every event may carry "state" (the sale's state afterwards) and "error" (the last error text;
# None clears it). These are the other keys each kind may carry.
PAYLOAD_KEYS: Final[Mapping[EventKind, frozenset[str]]] = {
    EventKind.SALE_OPENED: frozenset({"sale_number", "basket", "card_number", "cashier", "training"}),
    EventKind.LINE_ADDED: frozenset({"line"}),
    EventKind.LINE_CHANGED: frozenset({"line_id", "quantity"}),
    EventKind.LINE_VOIDED: frozenset({"line_id"}),
    EventKind.CARD_IDENTIFIED: frozenset({"card_number"}),
    EventKind.CARD_REMOVED: frozenset(),
    EventKind.TRANSACTION_CREATED: frozenset({"transaction_id"}),
    EventKind.TRANSACTION_FORGOTTEN: frozenset(),
    EventKind.BALANCE_APPLIED: frozenset({"card_share", "cash"}),
    EventKind.BALANCE_DROPPED: frozenset(),
    EventKind.PAYMENT_ANNOUNCED: frozenset({"transaction_id", "method", "payment"}),
    EventKind.PAYMENT_CONFIRMED: frozenset({"transaction", "payment", "basket"}),
    EventKind.PAYMENT_REFUSED: frozenset(),
    EventKind.PAYMENT_FAILED: frozenset(),
    EventKind.PAYMENT_UNKNOWN: frozenset(),
    EventKind.SALE_RESTORED: frozenset({"card_number", "transaction_id", "card_share", "cash"}),
    EventKind.SALE_ABORTED: frozenset(),
    EventKind.ERROR_NOTED: frozenset(),
    EventKind.RECEIPT_PRINTED: frozenset(),
    EventKind.TSE_TX_PLANNED: frozenset({"tse_tx_id", "receipt_type"}),
    EventKind.TSE_STARTED: frozenset({"tse_number", "tse_time_start"}),
    EventKind.TSE_FINISHED: frozenset({"tse_result"}),
    EventKind.TSE_FAILED: frozenset({"tse_step", "tse_error", "tse_failed_at"}),
}
COMMON_KEYS: Final = frozenset({"state", "error"})

# The state an event of these kinds always leaves the sale in.
FIXED_STATE: Final[Mapping[EventKind, str]] = {
    EventKind.BALANCE_APPLIED: "APPLIED",
    EventKind.PAYMENT_ANNOUNCED: "PAYING",
    EventKind.PAYMENT_CONFIRMED: PAID,
    EventKind.PAYMENT_FAILED: "FAILED",
    EventKind.PAYMENT_UNKNOWN: "UNKNOWN",
    EventKind.SALE_ABORTED: VOIDED,
}


@dataclass(frozen=True)
class SaleEvent:
    """One row of the ledger's ``events`` table."""

    seq: int
    sale_id: str
    kind: EventKind
    payload: dict[str, Any]
    recorded_at: str


@dataclass(frozen=True)
class SaleRecord:
    """One sale as its events leave it (a row of the read model).

    Attributes:
        sale_id: the till's id of the sale (a UUID), never reused.
        sale_number: the till's running sale number (1, 2, 3, ...), part of the transactionRef.
        created_at, updated_at: local time with UTC offset, ISO 8601 (opened; last event).
        state: a checkout state (``BASKET``, ``CARD``, ``APPLIED``, ``PAYING``, ``UNKNOWN``,
            ``FAILED``, ``PAID``) or ``VOIDED``.
        basket: the basket lines.
        card_number: the scanned card, or ``None``.
        transaction_id: the Smart Transaction (``STX_...``) once created, else ``None``.
        tendered: the cash the customer handed over (cents), once paying.
        total: the basket total (cents).
        card_share: what the card pays (cents): the applied balance, 0 when not applied.
        cash: what is paid in cash (cents): ``total - card_share``.
        payment: once paid, how it was settled.
        transaction: once paid, the server's transaction as it answered (wire JSON).
        error: the last error text, or ``None``.
        last_seq: the sequence number of the sale's last event.
        paid_seq: the sequence number of its ``payment_confirmed`` event, once paid.
        paid_at: the local time of that event (the receipt's date).
        receipts_printed: how many times its receipt was printed.
        tse: the sale's TSE transaction as its ``tse_*`` events leave it, or ``None``: ``tx_id``,
            ``receipt_type``, ``state`` (``planned``, ``started``, ``FINISHED``, ``CANCELLED``),
            ``number`` and ``time_start`` once started, ``result`` (the signer's finished
            answer, JSON) once closed, ``failure`` (``step``, ``error``, ``at``) after a failure.
    """

    sale_id: str
    sale_number: int
    created_at: str
    updated_at: str
    state: str
    basket: tuple[BasketLine, ...]
    card_number: str | None
    transaction_id: str | None
    tendered: Cents | None
    total: Cents
    card_share: Cents
    cash: Cents
    payment: Payment | None
    transaction: dict[str, Any] | None
    error: str | None
    last_seq: int
    paid_seq: int | None
    paid_at: str | None = None
    receipts_printed: int = 0
    tse: dict[str, Any] | None = None

    @property
    def time(self) -> datetime:
        """When the sale was opened (timezone-aware)."""
        return datetime.fromisoformat(self.created_at)

    @property
    def is_finished(self) -> bool:
        return self.state in FINISHED_STATES

    def basket_lines(self) -> list[BasketLine]:
        """The basket as fresh :class:`BasketLine` objects, for :meth:`Basket.restore`."""
        return [BasketLine(line.line_id, line.article, line.quantity) for line in self.basket]

    @property
    def receipt(self) -> dict[str, Any] | None:
        """The first schema's receipt column, for readers not yet moved to ``payment``/``transaction``."""
        if self.payment is None or self.transaction is None:
            return None
        return {"transaction": self.transaction, "payment": self.payment.as_dict()}


def line_to_json(line: BasketLine) -> dict[str, Any]:
    """A basket line as a JSON-ready dict: line id, the article's fields and the quantity."""
    return {
        "line_id": line.line_id,
        "article_number": line.article.article_number,
        "ean": line.article.ean,
        "name": line.article.name,
        "price": line.article.price,
        "vat_rate": line.article.vat_rate,
        "group": line.article.group,
        "quantity": line.quantity,
    }


def line_from_json(item: Mapping[str, Any]) -> BasketLine:
    """The inverse of :func:`line_to_json`."""
    return BasketLine(
        line_id=int(item["line_id"]),
        article=Article(
            article_number=str(item["article_number"]),
            ean=str(item.get("ean", "")),
            name=str(item["name"]),
            price=int(item["price"]),
            vat_rate=int(item["vat_rate"]),
            group=str(item.get("group", "")),
        ),
        quantity=int(item["quantity"]),
    )


def basket_to_json(lines: Iterable[BasketLine]) -> list[dict[str, Any]]:
    return [line_to_json(line) for line in lines]


def basket_from_json(data: Iterable[Mapping[str, Any]]) -> tuple[BasketLine, ...]:
    return tuple(line_from_json(item) for item in data)


def payload_to_json(payload: Mapping[str, Any]) -> str:
    """An event's facts as JSON: basket lines and payments become plain dicts."""

    def plain(value: Any) -> Any:
        if isinstance(value, BasketLine):
            return line_to_json(value)
        if isinstance(value, Payment):
            return value.as_dict()
        if isinstance(value, list | tuple):
            return [plain(item) for item in value]
        return value

    return json.dumps({key: plain(value) for key, value in payload.items()}, sort_keys=True)


def check_payload(kind: EventKind, payload: Mapping[str, Any]) -> None:
    """Refuse keys an event of ``kind`` does not carry (a typo would silently lose a fact)."""
    unknown = set(payload) - PAYLOAD_KEYS[kind] - COMMON_KEYS
    if unknown:
        raise ValueError(f"{kind} does not carry {sorted(unknown)}")


def _total(basket: Iterable[BasketLine]) -> Cents:
    return sum(line.total for line in basket)


def _unapplied(record: SaleRecord, basket: tuple[BasketLine, ...]) -> SaleRecord:
    """``record`` with ``basket``: the total follows it, an applied card balance is dropped."""
    total = _total(basket)
    return replace(record, basket=basket, total=total, card_share=0, cash=total)


def apply_event(record: SaleRecord | None, event: SaleEvent) -> SaleRecord:
    """The sale after ``event``; ``record`` is ``None`` only for ``sale_opened``."""
    facts = event.payload
    kind = event.kind
    if kind is EventKind.SALE_OPENED:
        basket = basket_from_json(facts.get("basket", []))
        total = _total(basket)
        record = SaleRecord(
            sale_id=event.sale_id,
            sale_number=int(facts["sale_number"]),
            created_at=event.recorded_at,
            updated_at=event.recorded_at,
            state=str(facts["state"]),
            basket=basket,
            card_number=facts.get("card_number"),
            transaction_id=None,
            tendered=None,
            total=total,
            card_share=0,
            cash=total,
            payment=None,
            transaction=None,
            error=None,
            last_seq=event.seq,
            paid_seq=None,
        )
    elif record is None:
        raise ValueError(f"event {event.seq} ({kind}) for sale {event.sale_id}, which was never opened")
    else:
        record = _apply_step(record, event)
    changes: dict[str, Any] = {"updated_at": event.recorded_at, "last_seq": event.seq}
    if kind in FIXED_STATE:
        changes["state"] = FIXED_STATE[kind]
    elif "state" in facts:
        changes["state"] = str(facts["state"])
    if "error" in facts:
        changes["error"] = facts["error"]
    return replace(record, **changes)


def _apply_step(record: SaleRecord, event: SaleEvent) -> SaleRecord:
    """Every kind but ``sale_opened``: what it changes besides state, error and times."""
    facts = event.payload
    kind = event.kind
    if kind is EventKind.LINE_ADDED:
        return _unapplied(record, (*record.basket, line_from_json(facts["line"])))
    if kind is EventKind.LINE_CHANGED:
        line_id, quantity = int(facts["line_id"]), int(facts["quantity"])
        basket = tuple(
            BasketLine(line.line_id, line.article, quantity) if line.line_id == line_id else line
            for line in record.basket
        )
        return _unapplied(record, basket)
    if kind is EventKind.LINE_VOIDED:
        line_id = int(facts["line_id"])
        return _unapplied(record, tuple(line for line in record.basket if line.line_id != line_id))
    if kind is EventKind.CARD_IDENTIFIED:
        return replace(_unapplied(record, record.basket), card_number=str(facts["card_number"]))
    if kind is EventKind.CARD_REMOVED:
        return replace(_unapplied(record, record.basket), card_number=None)
    if kind is EventKind.TRANSACTION_CREATED:
        return replace(record, transaction_id=str(facts["transaction_id"]))
    if kind is EventKind.TRANSACTION_FORGOTTEN:
        return replace(record, transaction_id=None)
    if kind is EventKind.BALANCE_APPLIED:
        return replace(record, card_share=int(facts["card_share"]), cash=int(facts["cash"]))
    if kind is EventKind.BALANCE_DROPPED:
        return _unapplied(record, record.basket)
    if kind is EventKind.PAYMENT_ANNOUNCED:
        payment = Payment.from_dict(facts["payment"])
        return replace(
            record,
            transaction_id=str(facts["transaction_id"]),
            tendered=payment.tendered,
            total=payment.total,
            card_share=payment.card_paid,
            cash=payment.cash_due,
        )
    if kind is EventKind.PAYMENT_CONFIRMED:
        payment = Payment.from_dict(facts["payment"])
        transaction = dict(facts["transaction"])
        basket = basket_from_json(facts["basket"]) if "basket" in facts else record.basket
        return replace(
            record,
            basket=basket,
            transaction_id=str(transaction.get("id") or record.transaction_id),
            tendered=payment.tendered,
            total=payment.total,
            card_share=payment.card_paid,
            cash=payment.cash_due,
            payment=payment,
            transaction=transaction,
            paid_seq=event.seq,
            paid_at=event.recorded_at,
        )
    if kind is EventKind.SALE_RESTORED:
        restored = _unapplied(record, record.basket)
        return replace(
            restored,
            card_number=facts.get("card_number"),
            transaction_id=facts.get("transaction_id"),
            tendered=None,
            card_share=int(facts.get("card_share", 0)),
            cash=int(facts.get("cash", restored.total)),
        )
    if kind is EventKind.RECEIPT_PRINTED:
        return replace(record, receipts_printed=record.receipts_printed + 1)
    if kind in _TSE_KINDS:
        return replace(record, tse=_apply_tse(record.tse, kind, facts))
    if kind is EventKind.PAYMENT_REFUSED and facts.get("state") != "APPLIED":
        # A refused start that left the sale unapplied: the card is applied again before paying.
        return _unapplied(record, record.basket)
    # payment_refused, payment_failed, payment_unknown, sale_aborted, error_noted: state and error only.
    return record


_TSE_KINDS: Final = frozenset(
    {EventKind.TSE_TX_PLANNED, EventKind.TSE_STARTED, EventKind.TSE_FINISHED, EventKind.TSE_FAILED}
)


def _apply_tse(tse: dict[str, Any] | None, kind: EventKind, facts: Mapping[str, Any]) -> dict[str, Any]:
    """The sale's TSE view after one ``tse_*`` event (the sale's own state never changes by them)."""
    if kind is EventKind.TSE_TX_PLANNED:
        return {
            "tx_id": str(facts["tse_tx_id"]),
            "receipt_type": str(facts.get("receipt_type", "Beleg")),
            "state": "planned",
            "result": None,
            "failure": None,
        }
    if tse is None:
        raise ValueError(f"{kind} before tse_tx_planned")
    if kind is EventKind.TSE_STARTED:
        return {
            **tse,
            # A late start answer never reopens a closed transaction.
            "state": "started" if tse["state"] == "planned" else tse["state"],
            "number": facts["tse_number"],
            "time_start": facts["tse_time_start"],
        }
    if kind is EventKind.TSE_FINISHED:
        result = dict(facts["tse_result"])
        return {**tse, "state": str(result["state"]), "result": result}
    failure = {"step": facts["tse_step"], "error": facts["tse_error"], "at": facts["tse_failed_at"]}
    return {**tse, "failure": failure}

"""The totals of a closing period, computed from the ledger's events alone.

A period is everything after the last Z closing's event (the first period: from the first
event). A sale belongs to the period in which its payment was confirmed, so a sale opened before
a Z and paid after it counts in the next closing; a Storno to the period of its receipt. Training
sales stay out of every sum (they are only counted). The X report, the Z closing and the expected
cash in the drawer all read :func:`period_totals`, so they can never disagree.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from pos_gui.core.basket import vat_breakdown_of
from pos_gui.core.money import Cents
from pos_gui.core.payment import Payment
from pos_gui.persistence.day_events import DayEventKind, LedgerEvent
from pos_gui.persistence.ledger import Ledger
from pos_gui.persistence.sale_events import EventKind, SaleEvent, SaleRecord, apply_event, basket_from_json


@dataclass
class PeriodTotals:
    """What an X report and a Z closing show (all amounts integer cents).

    ``gross_by_rate`` holds sales and Storno receipts together (a Storno is negative), as the
    revenue per VAT rate; ``net_by_rate``/``vat_by_rate`` split it. ``cash_sales`` is the cash
    the sales took, ``storno_cash`` the cash paid back (negative), ``cash_moves`` the cash
    movements by GV type (signed: into the drawer positive).
    """

    first_seq: int = 0
    last_seq: int = 0
    sales_count: int = 0
    sales_total: Cents = 0
    card_share: Cents = 0
    cash_sales: Cents = 0
    gross_by_rate: dict[int, Cents] = field(default_factory=dict)
    net_by_rate: dict[int, Cents] = field(default_factory=dict)
    vat_by_rate: dict[int, Cents] = field(default_factory=dict)
    storno_count: int = 0
    storno_total: Cents = 0
    storno_card: Cents = 0
    storno_cash: Cents = 0
    aborted_count: int = 0
    aborted_total: Cents = 0
    training_count: int = 0
    opening_float: Cents = 0
    cash_moves: dict[str, Cents] = field(default_factory=dict)

    @property
    def cash_moves_total(self) -> Cents:
        return sum(self.cash_moves.values())

    @property
    def revenue(self) -> Cents:
        """Sales minus Storno receipts."""
        return self.sales_total + self.storno_total

    @property
    def expected_cash(self) -> Cents:
        """What should be in the drawer: float, cash taken, cash paid back, cash moved."""
        return self.opening_float + self.cash_sales + self.storno_cash + self.cash_moves_total

    def as_json(self) -> dict[str, Any]:
        """For the ledger's ``x_report_taken`` / ``z_closing`` facts (rates as text keys)."""
        data = asdict(self)
        for key in ("gross_by_rate", "net_by_rate", "vat_by_rate"):
            data[key] = {str(rate): cents for rate, cents in data[key].items()}
        data["revenue"] = self.revenue
        data["expected_cash"] = self.expected_cash
        return data


def last_z(ledger: Ledger) -> LedgerEvent | None:
    """The last Z closing's event, or ``None`` before the first."""
    closings = ledger.all_events(kinds=[DayEventKind.Z_CLOSED.value])
    return closings[-1] if closings else None


def period_events(ledger: Ledger) -> list[LedgerEvent]:
    """Every event after the last Z closing."""
    closing = last_z(ledger)
    return ledger.all_events(after_seq=closing.seq if closing else 0)


def period_totals(ledger: Ledger, events: list[LedgerEvent] | None = None) -> PeriodTotals:
    """The totals of the open period (or of ``events``, a period's events in order)."""
    if events is None:
        events = period_events(ledger)
    totals = PeriodTotals()
    if not events:
        return totals
    totals.first_seq, totals.last_seq = events[0].seq, events[-1].seq
    sales = _sales_as_of_period(ledger, events)
    gross: dict[int, Cents] = defaultdict(int)
    moves: dict[str, Cents] = defaultdict(int)
    for event in events:
        kind = event.kind
        if kind == EventKind.PAYMENT_CONFIRMED:
            record, training = sales[event.subject_id][event.seq]
            if training:
                totals.training_count += 1
                continue
            payment = Payment.from_dict(event.payload["payment"])
            totals.sales_count += 1
            totals.sales_total += payment.total
            totals.card_share += payment.card_paid
            totals.cash_sales += payment.cash_due
            for line in record.basket:
                gross[line.article.vat_rate] += line.total
        elif kind == EventKind.SALE_ABORTED:
            record, training = sales[event.subject_id][event.seq]
            # An emptied basket given up is no aborted sale (nothing was left to sell).
            if not training and record.total != 0:
                totals.aborted_count += 1
                totals.aborted_total += record.total
        elif kind == DayEventKind.STORNO_BOOKED:
            facts = event.payload
            totals.storno_count += 1
            totals.storno_total += int(facts["total"])
            totals.storno_card += int(facts["card_share"])
            totals.storno_cash += int(facts["cash"])
            for line in basket_from_json(facts["basket"]):
                gross[line.article.vat_rate] -= line.total
        elif kind == DayEventKind.CASH_MOVED:
            moves[str(event.payload["gv_type"])] += int(event.payload["amount"])
        elif kind == DayEventKind.FLOAT_COUNTED:
            # A recount replaces the float counted before it.
            totals.opening_float = int(event.payload["amount"])
    totals.gross_by_rate = dict(sorted(gross.items(), reverse=True))
    for share in vat_breakdown_of(gross):
        totals.net_by_rate[share.rate] = share.net
        totals.vat_by_rate[share.rate] = share.vat
    totals.cash_moves = dict(sorted(moves.items()))
    return totals


def _sales_as_of_period(
    ledger: Ledger, events: list[LedgerEvent]
) -> dict[str, dict[int, tuple[SaleRecord, bool]]]:
    """For each sale paid or aborted in the period: the sale as it stood at that event, and
    whether it was a training sale. Sales opened before the period are read in full."""
    wanted = {e.subject_id for e in events if e.kind in (EventKind.PAYMENT_CONFIRMED, EventKind.SALE_ABORTED)}
    opened_here = {e.subject_id for e in events if e.kind == EventKind.SALE_OPENED}
    steps: dict[str, list[SaleEvent]] = defaultdict(list)
    for sale_id in wanted - opened_here:
        steps[sale_id] = ledger.events(sale_id)
    sale_kinds = {kind.value for kind in EventKind}
    for event in events:
        if event.subject_id in wanted and event.subject_id in opened_here and event.kind in sale_kinds:
            steps[event.subject_id].append(
                SaleEvent(
                    event.seq, event.subject_id, EventKind(event.kind), event.payload, event.recorded_at
                )
            )
    result: dict[str, dict[int, tuple[SaleRecord, bool]]] = {}
    for sale_id, sale_events in steps.items():
        record: SaleRecord | None = None
        training = False
        at: dict[int, tuple[SaleRecord, bool]] = {}
        for step in sale_events:
            if step.kind is EventKind.SALE_OPENED:
                training = bool(step.payload.get("training"))
            record = apply_event(record, step)
            if step.kind in (EventKind.PAYMENT_CONFIRMED, EventKind.SALE_ABORTED):
                at[step.seq] = (record, training)
        result[sale_id] = at
    return result

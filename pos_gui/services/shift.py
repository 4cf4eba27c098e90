"""The drawer during a shift (Kassensitzung): the opening float, cash in and out, the cash expected.

The opening float is counted at the first login after a Z closing (``float_counted``). Cash put
in or taken out of the drawer outside a sale is a ``cash_moved`` event with its DSFinV-K business
case type (GV_TYP), the amount (into the drawer positive) and a reason; each gets a slip. The
cash expected in the drawer at any moment follows from the ledger's events
(:func:`pos_gui.services.day_totals.period_totals`).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Final

from pos_gui.core.money import Cents, format_eur
from pos_gui.persistence.day_events import DayEventKind, LedgerEvent, day_subject
from pos_gui.persistence.ledger import Ledger
from pos_gui.services.cashiers import CashierSession, Right
from pos_gui.services.day_totals import period_events, period_totals


@dataclass(frozen=True)
class CashMoveType:
    """A DSFinV-K business case for cash moved outside a sale.

    ``direction``: +1 only into the drawer, -1 only out of it, 0 either way (the sign of the
    amount says which). ``label``: the German name on the screen and the slip.
    """

    gv_type: str
    label: str
    direction: int


CASH_MOVE_TYPES: Final = (
    CashMoveType("Einzahlung", "Einlage", +1),
    CashMoveType("Auszahlung", "Entnahme", -1),
    CashMoveType("Geldtransit", "Geldtransit (Bank/Tresor)", 0),
    CashMoveType("Privateinlage", "Privateinlage", +1),
    CashMoveType("Privatentnahme", "Privatentnahme", -1),
    CashMoveType("TrinkgeldAN", "Trinkgeld ausgezahlt", -1),
)
CASH_MOVE_BY_GV: Final = {move.gv_type: move for move in CASH_MOVE_TYPES}


@dataclass(frozen=True)
class CashSlip:
    """The slip of a cash movement or of the opening float (printed, shown)."""

    title: str
    lines: tuple[str, ...]


class Shift:
    """Float and cash movements of the open closing period.

    Args:
        ledger: where the events go.
        cashiers: the logged-in cashier (every movement carries them; cash out needs a right).
        today: the business day.
        now: the local time printed on slips.
    """

    def __init__(
        self,
        ledger: Ledger,
        cashiers: CashierSession,
        *,
        today: Callable[[], date] = date.today,
        now: Callable[[], datetime] = datetime.now,
    ) -> None:
        self.ledger = ledger
        self.cashiers = cashiers
        self._today = today
        self._now = now

    def needs_float(self) -> bool:
        """No float counted since the last Z closing: the first login of the day counts it."""
        return not any(event.kind == DayEventKind.FLOAT_COUNTED for event in period_events(self.ledger))

    def count_float(self, amount: Cents) -> CashSlip:
        if amount < 0:
            raise ValueError("Der Anfangsbestand kann nicht negativ sein.")
        cashier = self.cashiers.require()
        business_day = self._today().isoformat()
        self.ledger.append_day_event(
            day_subject(business_day),
            DayEventKind.FLOAT_COUNTED,
            {"cashier_id": cashier.cashier_id, "amount": amount, "business_day": business_day},
        )
        return self._slip("Anfangsbestand", amount, "", cashier.name)

    def move_cash(self, gv_type: str, amount: Cents, reason: str) -> CashSlip:
        """Record cash put in (positive) or taken out (negative); taking out needs
        :attr:`Right.CASH_OUT` (raises :class:`~pos_gui.services.cashiers.RightMissingError`
        unless an override was granted and ``override_granted`` is passed on by the caller)."""
        move = CASH_MOVE_BY_GV.get(gv_type)
        if move is None:
            raise ValueError(f"unknown cash movement type {gv_type!r}")
        if amount == 0:
            raise ValueError("Der Betrag ist 0.")
        if move.direction and (amount > 0) != (move.direction > 0):
            raise ValueError(f"{move.label}: Betrag in die falsche Richtung")
        if not reason.strip():
            raise ValueError("Bitte einen Grund angeben.")
        cashier = self.cashiers.require()
        return self._record_move(cashier.cashier_id, cashier.name, move, amount, reason.strip())

    def move_cash_checked(
        self, gv_type: str, amount: Cents, reason: str, *, overridden: bool = False
    ) -> CashSlip:
        """:meth:`move_cash`, refusing cash out without the right (unless a manager overrode)."""
        if amount < 0 and not overridden:
            self.cashiers.check(Right.CASH_OUT)
        return self.move_cash(gv_type, amount, reason)

    def _record_move(
        self, cashier_id: str, name: str, move: CashMoveType, amount: Cents, reason: str
    ) -> CashSlip:
        self.ledger.append_day_event(
            str(uuid.uuid4()),
            DayEventKind.CASH_MOVED,
            {"cashier_id": cashier_id, "gv_type": move.gv_type, "amount": amount, "reason": reason},
        )
        return self._slip(move.label, amount, reason, name)

    def expected_cash(self) -> Cents:
        """The cash that should be in the drawer now."""
        return period_totals(self.ledger).expected_cash

    def cash_moves(self) -> list[LedgerEvent]:
        return [event for event in period_events(self.ledger) if event.kind == DayEventKind.CASH_MOVED]

    def _slip(self, title: str, amount: Cents, reason: str, cashier_name: str) -> CashSlip:
        lines = [
            self._now().strftime("%d.%m.%Y %H:%M"),
            f"{title}: {format_eur(amount)}",
        ]
        if reason:
            lines.append(f"Grund: {reason}")
        lines.append(f"Kassierer/in: {cashier_name}")
        lines.append(f"Soll-Bestand: {format_eur(self.expected_cash())}")
        return CashSlip(title, tuple(lines))

"""X report (any time) and Z closing (once per business day) of the till.

Both show the open period's totals (:mod:`pos_gui.services.day_totals`): sales, gross per VAT
rate with net and VAT, the card balance's share, cash, Storno, aborted sales, cash movements,
the opening float and the cash expected. An X report changes nothing but is logged
(``x_report_taken``). A Z closing takes the count by denomination, records the difference to the
expected cash (DSFinV-K ``DifferenzSollIst``) and closes the period with the next gapless Z
number of this till (``z_closing``): the next sale belongs to the next closing. The report text
(:func:`report_lines`) is what the screen, the printer and the PDF show; a Z can be reprinted
from its event.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Final

from pos_gui.core.money import Cents, format_eur
from pos_gui.persistence.day_events import Z_NUMBER, DayEventKind, LedgerEvent
from pos_gui.persistence.ledger import Ledger
from pos_gui.services.cashiers import CashierSession, Right
from pos_gui.services.day_totals import PeriodTotals, period_events, period_totals

# Every euro note and coin, in cents, largest first (the count screen's rows).
EURO_DENOMINATIONS: Final = (50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1)


class ClosingError(Exception):
    """A Z closing that cannot be taken (nothing to close, a bad count)."""


@dataclass(frozen=True)
class ZClosing:
    number: int
    business_day: str
    totals: dict[str, Any]
    counted: dict[str, int]
    counted_total: Cents
    difference: Cents
    seq: int
    recorded_at: str


def counted_total(counted: Mapping[int, int]) -> Cents:
    """The cash counted: pieces per denomination (cents) summed."""
    for denomination, pieces in counted.items():
        if denomination not in EURO_DENOMINATIONS:
            raise ClosingError(f"keine Euro-Stückelung: {denomination}")
        if pieces < 0:
            raise ClosingError("Eine Anzahl kann nicht negativ sein.")
    return sum(denomination * pieces for denomination, pieces in counted.items())


class Closing:
    """X reports and Z closings of one till."""

    def __init__(
        self,
        ledger: Ledger,
        cashiers: CashierSession,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        self.ledger = ledger
        self.cashiers = cashiers
        self._today = today

    def current_totals(self) -> PeriodTotals:
        return period_totals(self.ledger)

    def x_report(self) -> PeriodTotals:
        """The open period's totals, logged as taken (needs :attr:`Right.X_REPORT`)."""
        cashier = self.cashiers.check(Right.X_REPORT)
        totals = period_totals(self.ledger)
        self.ledger.append_day_event(
            str(uuid.uuid4()),
            DayEventKind.X_REPORT_TAKEN,
            {"cashier_id": cashier.cashier_id, "totals": totals.as_json()},
        )
        return totals

    def z_close(self, counted: Mapping[int, int], *, overridden: bool = False) -> ZClosing:
        """Close the period with the cash counted by denomination; returns the closing.

        Needs :attr:`Right.Z_CLOSING` (or a manager's override, ``overridden``).
        """
        cashier = self.cashiers.require() if overridden else self.cashiers.check(Right.Z_CLOSING)
        events = period_events(self.ledger)
        if not events:
            raise ClosingError("Seit dem letzten Z-Abschluss wurde nichts gebucht.")
        total = counted_total(counted)
        totals = period_totals(self.ledger, events)
        event = self.ledger.append_day_event(
            str(uuid.uuid4()),
            DayEventKind.Z_CLOSED,
            {
                "cashier_id": cashier.cashier_id,
                "business_day": self._today().isoformat(),
                "counted": {str(d): n for d, n in sorted(counted.items(), reverse=True) if n},
                "counted_total": total,
                "difference": total - totals.expected_cash,
                "totals": totals.as_json(),
                "first_seq": events[0].seq,
            },
            numbered=Z_NUMBER,
        )
        return closing_of(event)

    def closings(self) -> list[ZClosing]:
        """Every Z closing of this till, oldest first (for a reprint)."""
        return [closing_of(event) for event in self.ledger.all_events(kinds=[DayEventKind.Z_CLOSED.value])]


def closing_of(event: LedgerEvent) -> ZClosing:
    facts = event.payload
    return ZClosing(
        number=int(facts[Z_NUMBER]),
        business_day=str(facts["business_day"]),
        totals=dict(facts["totals"]),
        # Largest first (JSON keeps the keys as text, sorted as text).
        counted={str(d): int(n) for d, n in sorted(facts["counted"].items(), key=lambda item: -int(item[0]))},
        counted_total=int(facts["counted_total"]),
        difference=int(facts["difference"]),
        seq=event.seq,
        recorded_at=event.recorded_at,
    )


def report_lines(
    title: str, totals: Mapping[str, Any], *, closing: ZClosing | None = None
) -> list[tuple[str, str]]:
    """The report as (label, amount) rows: the screen's table, the printout and the PDF.

    ``totals`` is :meth:`PeriodTotals.as_json` (or a Z event's stored totals, for a reprint).
    """
    rows: list[tuple[str, str]] = [(title, "")]
    if closing is not None:
        issued = datetime.fromisoformat(closing.recorded_at).strftime("%d.%m.%Y %H:%M")
        rows += [(f"Z-Nr. {closing.number}", closing.business_day), ("Erstellt", issued)]
    rows += [
        ("Verkäufe", str(totals["sales_count"])),
        ("Umsatz brutto", format_eur(int(totals["revenue"]))),
    ]
    for rate, gross in totals["gross_by_rate"].items():
        rows.append((f"  {rate} % brutto", format_eur(int(gross))))
        rows.append(
            (f"  {rate} % netto / MwSt", _pair(totals["net_by_rate"][rate], totals["vat_by_rate"][rate]))
        )
    rows += [
        ("davon Kartenguthaben", format_eur(int(totals["card_share"]))),
        ("davon bar", format_eur(int(totals["cash_sales"]))),
        (f"Storno ({totals['storno_count']})", format_eur(int(totals["storno_total"]))),
        ("  Storno bar ausgezahlt", format_eur(int(totals["storno_cash"]))),
        (f"Abgebrochene Verkäufe ({totals['aborted_count']})", format_eur(int(totals["aborted_total"]))),
        ("Anfangsbestand", format_eur(int(totals["opening_float"]))),
    ]
    for gv_type, amount in totals["cash_moves"].items():
        rows.append((f"Geldbewegung {gv_type}", format_eur(int(amount))))
    rows.append(("Soll-Bestand Kasse", format_eur(int(totals["expected_cash"]))))
    if totals.get("training_count"):
        rows.append(("Trainingsbons (nicht enthalten)", str(totals["training_count"])))
    if closing is not None:
        for denomination, pieces in closing.counted.items():
            rows.append(
                (f"  {pieces} x {format_eur(int(denomination))}", format_eur(int(denomination) * pieces))
            )
        rows.append(("Ist-Bestand gezählt", format_eur(closing.counted_total)))
        rows.append(("Differenz (Ist - Soll)", format_eur(closing.difference)))
    return rows


def _pair(net: int, vat: int) -> str:
    return f"{format_eur(int(net))} / {format_eur(int(vat))}"

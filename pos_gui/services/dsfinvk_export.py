"""The ledger as a DSFinV-K export: its Z closings in a date range, turned into ``pos_gui.export``'s model.

Closing by closing: a Z closing's events are those after the previous Z closing's event up to its
own (the Z events delimit them), read lazily from a cursor (:mod:`pos_gui.persistence.ledger_reading`),
so an export of years never holds more than one closing. Only **closed** periods are exported:
events after the last Z closing belong to no closing yet and are left out (an auditor gets closed
days; :attr:`ExportPlan.open_events` says how many were left). A closing is in the range when its
business day (the Z's ``business_day``) is.

What each event becomes (docs/fiscal.md "DSFinV-K export"):

* a paid sale: ``Beleg`` (``AVTraining`` when the sale was opened in training mode), a line per
  basket line (``Umsatz``), payments ``Bar`` and the card balance's share as ``Guthabenkarte``;
* a sale given up after its TSE transaction started: ``AVBelegabbruch`` (no payment);
* a Storno: ``Beleg`` with the original's lines and payments negated and a reference to it;
* opening float (a recount: its change), cash moved (its GV type), the Z count's difference to the
  expected cash (``DifferenzSollIst``): cash movements paid ``Bar``;
* TSE data from the sale's ``tse_finished`` answer (the processData exactly as signed), else the
  outage text from ``tse_failed``; a Storno's the same from its ``storno_tse_finished`` /
  ``storno_tse_failed``. An answer recorded after the Z (signed late by a reconciliation) is
  read too, so a receipt signed late is exported signed. Cash movements are not signed (no TSE
  call for them, docs/fiscal.md question 5): their TSE note says so.

BON_ID is the printed Bon-Nr. for sales and Stornos; BON_NR numbers every exported receipt of the
till without a gap, in ledger order, counted from the ledger's first event, so the same receipt
gets the same BON_NR in every export.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from pos_gui.export.model import ExportInput, TillMasterData, TseMasterData, ZClosing
from pos_gui.persistence.day_events import DayEventKind, LedgerEvent
from pos_gui.persistence.ledger_reading import LedgerReader
from pos_gui.services.dsfinvk_closing import ClosingBuilder, ExportContext


@dataclass(frozen=True)
class ClosingSummary:
    """One Z closing of the export, as the ledger's Z event states it (for the cross-check)."""

    number: int
    business_day: str
    seq: int
    totals: dict[str, Any]
    counted_total: int
    difference: int


@dataclass
class ExportPlan:
    """What an export of a date range will write: the model (closings still lazy) and its size."""

    export: ExportInput
    closings: list[ClosingSummary]
    receipt_count: int  # the receipts the export will write (a progress bar's maximum)
    open_events: int  # events after the last Z closing: not exported
    tse_serials: list[str] = field(default_factory=list)


def plan_export(
    ledger_path: Path,
    till: TillMasterData,
    first: date,
    last: date,
    *,
    tse_exports: tuple[tuple[str, bytes], ...] = (),
) -> ExportPlan:
    """The export of the Z closings whose business day is within ``first`` … ``last``."""
    with LedgerReader(ledger_path) as reader:
        z_events = reader.events_of_kinds((DayEventKind.Z_CLOSED.value,))
        chosen = [
            index
            for index, z in enumerate(z_events)
            if first <= date.fromisoformat(str(z.payload["business_day"])) <= last
        ]
        last_seq = z_events[-1].seq if z_events else 0
        open_events = sum(1 for _ in reader.events(after_seq=last_seq))
        start = z_events[chosen[0] - 1].seq if chosen and chosen[0] > 0 else 0
        units = reader.tse_units(start) if chosen else []
        # The progress bar's maximum: the receipts of the range's events (two counts, not one per Z).
        count = (
            reader.receipts_up_to(z_events[chosen[-1]].seq) - reader.receipts_up_to(start) if chosen else 0
        )
    tses = tuple(
        TseMasterData(
            tse_id=number,
            serial_number=str(unit["serial"]),
            signature_algorithm=str(unit["algorithm"] or ""),
            time_format=str(unit["time_format"] or ""),
            public_key=str(unit["public_key"] or ""),
        )
        for number, unit in enumerate(units, start=1)
    )
    closings = [_summary(z_events[index]) for index in chosen]
    stream = _closings(
        ledger_path, till.kasse_id, z_events, chosen, {t.serial_number: t.tse_id for t in tses}
    )
    export = ExportInput(till, tses, stream, tse_exports)
    return ExportPlan(export, closings, count, open_events, [t.serial_number for t in tses])


def signed_client_serial(ledger_path: Path) -> str:
    """The till's serial at its TSE as the last signed transaction names it ('' if none)."""
    with LedgerReader(ledger_path) as reader:
        return reader.last_client_serial()


def signed_tse_serial(ledger_path: Path) -> str:
    """The serial of the TSE that signed last, as its answer in the ledger names it ('' if none)."""
    with LedgerReader(ledger_path) as reader:
        units = reader.tse_units(0)
    return str(units[-1]["serial"]) if units else ""


def _summary(z: LedgerEvent) -> ClosingSummary:
    facts = z.payload
    return ClosingSummary(
        int(facts["number"]),
        str(facts["business_day"]),
        z.seq,
        dict(facts["totals"]),
        int(facts["counted_total"]),
        int(facts["difference"]),
    )


def _closings(
    ledger_path: Path, kasse_id: str, z_events: list[LedgerEvent], chosen: list[int], tse_ids: dict[str, int]
) -> Iterator[ZClosing]:
    """The chosen closings, built one at a time from the ledger (a generator: read on demand)."""
    with LedgerReader(ledger_path) as reader:
        context = ExportContext(reader, kasse_id, z_events, tse_ids)
        number = None
        for index in chosen:
            before = z_events[index - 1].seq if index > 0 else 0
            if number is None or index - 1 not in chosen:
                number = reader.receipts_up_to(before)
            builder = ClosingBuilder(context, z_events[index], number)
            for event in reader.events(after_seq=before, up_to_seq=z_events[index].seq):
                builder.feed(event)
            closing = builder.finish()
            number = builder.number
            yield closing


@dataclass(frozen=True)
class ExportResult:
    """A written export: how many receipts, and what the checker found in the ZIP (``[]``: accepted)."""

    path: Path
    written: int
    findings: list[str]


def write_export(
    plan: ExportPlan, out: Path, *, on_receipt: Callable[[int], None] | None = None
) -> ExportResult:
    """Write the planned export to ``out`` and check the ZIP written.

    Raises ``pos_gui.export.dsfinvk_writer.ExportError`` when the ledger holds a receipt the
    export cannot write (payments that do not add up, an id too long): nothing is half-written
    then, the ZIP is removed.
    """
    from pos_gui.export.checker import check_export
    from pos_gui.export.dsfinvk_writer import write_dsfinvk_zip

    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        written = write_dsfinvk_zip(out, plan.export, on_receipt=on_receipt)
    except BaseException:
        out.unlink(missing_ok=True)
        raise
    return ExportResult(out, written, check_export(out))


class TseExporter(Protocol):
    """A signer that can export its TSS's log as a TAR (``FiskalySigner``)."""

    tss_id: str

    async def export_tar(self, export_id: str) -> bytes: ...


async def fetch_tse_tar(signer: TseExporter) -> tuple[str, bytes]:
    """The TSE's own export (every signed log message) as a TAR, with its file name in the ZIP.

    The TAR goes into the DSFinV-K ZIP beside the CSVs (one archive for the auditor), named
    ``tse-export-<TSS id>.tar`` after the TSS it was fetched from.
    """
    import uuid

    tar = await signer.export_tar(str(uuid.uuid4()))
    return tse_tar_name(signer.tss_id), tar


def tse_tar_name(tss_id: str) -> str:
    return f"tse-export-{tss_id or 'tse'}.tar"

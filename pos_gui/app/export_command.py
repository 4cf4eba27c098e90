"""``pos-gui export dsfinvk --basedir DIR --from DATE --to DATE --out FILE.zip``: the auditor's ZIP.

Reads the till's ledger (the closed Z closings whose business day is in the range), writes the
DSFinV-K ZIP, runs the checker on that ZIP and prints its findings: exit 0 only when the checker
accepts it (1: findings, 2: nothing to export or the ledger cannot be exported). The TSE's own
TAR export is fetched from the signer and put into the ZIP: a demo ledger's signer is the
simulator's fiskaly, started in this process like ``demo-day`` does; note that the simulated TSS
lives in one process only, so its TAR holds what it signed in this process (``--no-tse-export``
leaves the TAR out). A live till's signer is not reached from this command yet (issue 11: the
live signer is not wired); its TAR is then left out, and the command says so.

The ledger: ``--ledger FILE``, else the demo ledger ``DIR/journal-demo.sqlite3`` that
``demo-day`` writes, else the till's journal in ``DIR``'s data folder.
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pos_gui.export.model import ExportInput


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pos-gui export dsfinvk", description=__doc__.splitlines()[0])
    parser.add_argument("format", choices=("dsfinvk",), help="the export's format")
    parser.add_argument("--basedir", type=Path, required=True, help="the till's folder (as for the till)")
    parser.add_argument("--from", dest="first", type=date.fromisoformat, required=True, help="YYYY-MM-DD")
    parser.add_argument("--to", dest="last", type=date.fromisoformat, required=True, help="YYYY-MM-DD")
    parser.add_argument("--out", type=Path, required=True, help="the ZIP to write")
    parser.add_argument("--ledger", type=Path, help="the ledger file (default: found in --basedir)")
    parser.add_argument("--no-tse-export", action="store_true", help="leave the TSE's TAR out")
    return parser


def find_ledger(basedir: Path) -> Path | None:
    """The ledger of the till in ``basedir``: demo-day's file, else the data folder's journal."""
    for candidate in (
        basedir / "journal-demo.sqlite3",
        basedir / "data" / "journal.sqlite3",
        basedir / "data" / "journal-demo.sqlite3",
    ):
        if candidate.is_file():
            return candidate
    return None


def export_command(arguments: Sequence[str]) -> int:
    args = build_parser().parse_args(list(arguments))
    from pos_gui.config.paths import resolve_paths
    from pos_gui.config.settings import load_settings
    from pos_gui.export.dsfinvk_writer import ExportError
    from pos_gui.services.dsfinvk_export import plan_export, signed_client_serial, write_export
    from pos_gui.services.till_registration import load_registration, till_master_data

    ledger = args.ledger or find_ledger(args.basedir)
    if ledger is None or not ledger.is_file():
        print(f"Kein Journal in {args.basedir} gefunden.")
        return 2
    paths = resolve_paths(args.basedir)
    settings = load_settings(paths)
    till = till_master_data(
        settings, load_registration(paths.config_dir), signed_serial=signed_client_serial(ledger)
    )
    plan = plan_export(ledger, till, args.first, args.last)
    if not plan.closings:
        print(f"Keine Z-Abschlüsse vom {args.first} bis {args.last} in {ledger}.")
        return 2
    if plan.open_events:
        print(
            f"{plan.open_events} Ereignisse nach dem letzten Z-Abschluss: nicht exportiert (offener Zeitraum)."
        )
    if not args.no_tse_export:
        tar = _demo_tse_tar(ledger)
        if tar is None:
            print("TSE-Export: kein TSE-Signierer für dieses Journal erreichbar; ohne TAR.")
        else:
            plan.export = _with_tar(plan.export, tar)
    try:
        result = write_export(plan, args.out)
    except ExportError as error:
        print(f"Export nicht möglich: {error}")
        return 2
    for closing in plan.closings:
        print(
            f"Z-Nr. {closing.number} ({closing.business_day}): Umsatz {closing.totals['revenue']} ct, "
            f"Ist-Bestand {closing.counted_total} ct"
        )
    print(f"{result.written} Belege in {result.path}")
    for finding in result.findings:
        print(f"  Prüfung: {finding}")
    print("Prüfung bestanden." if not result.findings else f"Prüfung: {len(result.findings)} Befunde.")
    return 0 if not result.findings else 1


def _with_tar(export: ExportInput, tar: tuple[str, bytes]) -> ExportInput:
    return replace(export, tse_exports=(*export.tse_exports, tar))


def _demo_tse_tar(ledger: Path) -> tuple[str, bytes] | None:
    """The simulator's TSE export for a demo ledger (the embedded simulator, started here)."""
    if "demo" not in ledger.name:
        return None
    from pos_gui.app.connection import embedded_demo_connection

    connection = embedded_demo_connection()
    connection.start()
    try:
        assert connection.tse is not None
        return asyncio.run(fetch_demo_tar(connection.tse))
    finally:
        connection.stop()


async def fetch_demo_tar(access: object) -> tuple[str, bytes]:
    """Fetch the TAR of the TSE at ``access`` (a ``TseAccess``) through ``FiskalySigner``."""
    import httpx

    from pos_gui.app.connection import TseAccess
    from pos_gui.fiscal.fiskaly import FiskalySigner
    from pos_gui.services.dsfinvk_export import fetch_tse_tar

    assert isinstance(access, TseAccess)
    async with httpx.AsyncClient(base_url=access.api_url, timeout=10.0) as http:
        signer = FiskalySigner(
            http,
            api_key=access.api_key,
            api_secret=access.api_secret,
            tss_id=access.tss_id,
            client_id=access.client_id,
        )
        return await fetch_tse_tar(signer)

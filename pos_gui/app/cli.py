"""The ``pos-gui`` command line: its options and the subcommands that need no window.

Modes:
    ``pos-gui --demo``: the embedded simulator, a DEMO banner, demo credentials.
    ``pos-gui --api-url URL --client-id ID --client-secret SECRET``: any secuconnect-compatible server.
    ``pos-gui``: the saved settings; with none, the first-run setup asks Demo / Testing / Live.
    ``pos-gui --reset-setup``: forget the saved settings and secrets (store IT's "start over"),
    then the first-run setup asks again.
    ``pos-gui --smoke-test``: build the whole window against the embedded simulator, wait until
    the till has signed in, process events briefly, exit 0 — or non-zero on any Qt warning,
    traceback, or failed sign-in. Prints the start-up times.
    ``pos-gui render-receipt FILE.json --width 42``: print a transaction's receipt as text.
    ``pos-gui catalog import FILE.csv [--basedir DIR]``: import the shop's article list;
    ``pos-gui catalog export FILE.csv``: write the catalogue in the till's own format.
    ``pos-gui central init|status|publish-catalog --dsn DSN``: the chain's central database (``docs/chains.md``).
    ``pos-gui demo-day --basedir DIR --sales N --seed S``: a whole shop day on the simulator (``docs/shop-day.md``).
    ``pos-gui export dsfinvk --basedir DIR --from DATE --to DATE --out FILE.zip``: the DSFinV-K export,
    checked (``docs/fiscal.md``).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pos_gui.config.settings import Settings

RENDER_RECEIPT = "render-receipt"
CATALOG = "catalog"
CENTRAL = "central"
DEMO_DAY = "demo-day"
EXPORT = "export"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pos-gui",
        description="Kasse für secucard-Kunden- und Gutscheinkarten (secuconnect Smart Transactions).",
        epilog="Subcommands: pos-gui render-receipt FILE.json [--width 42] prints a receipt as text; "
        "pos-gui catalog import|export FILE.csv | undo [--basedir DIR] manages the article catalogue.",
    )
    parser.add_argument("--demo", action="store_true", help="demo mode: embedded simulator, no real payments")
    parser.add_argument("--api-url", help="secuconnect server URL (never shows the first-run setup)")
    parser.add_argument("--client-id", help="API client id (with --api-url)")
    parser.add_argument("--client-secret", help="API client secret (with --api-url)")
    parser.add_argument(
        "--lang", choices=("de", "en"), help="language of the till (default: settings, else de)"
    )
    parser.add_argument("--basedir", type=Path, help="keep config and data in DIR (tests, smoke runs)")
    parser.add_argument("--debug", action="store_true", help="log at DEBUG level")
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="build the window, sign in at the embedded simulator, process events briefly, exit 0 if clean",
    )
    parser.add_argument(
        "--reset-setup",
        action="store_true",
        help="forget the saved settings and secrets (server, credentials, printer), "
        "then show the first-run setup again",
    )
    return parser


def parse_arguments(arguments: Sequence[str]) -> argparse.Namespace:
    """The options of a till start; exits with argparse's usage message when they do not fit."""
    parser = build_parser()
    args = parser.parse_args(arguments)
    if args.api_url and not (args.client_id and args.client_secret):
        parser.error("--api-url needs --client-id and --client-secret")
    return args


def profile_of(args: argparse.Namespace, settings: Settings) -> str:
    """``DEMO``, ``TESTING`` or ``LIVE``: what the command line and the settings chose."""
    from pos_gui.config.settings import API_URLS, Profile

    if args.api_url:
        return "LIVE" if args.api_url.rstrip("/") == API_URLS[Profile.LIVE] else "TESTING"
    if args.demo or args.smoke_test or settings.profile in (None, Profile.DEMO):
        return "DEMO"
    return settings.profile.value.upper()


def run_subcommand(arguments: Sequence[str]) -> int | None:
    """Run a subcommand that needs no window and return its exit code; ``None``: not one."""
    if arguments and arguments[0] == RENDER_RECEIPT:
        # Support command of the printing service.
        from pos_gui.services.printing import render_receipt_command

        return render_receipt_command(list(arguments[1:]))
    if arguments and arguments[0] == CATALOG:
        from pos_gui.services.catalog_command import catalog_command

        return catalog_command(list(arguments[1:]))
    if arguments and arguments[0] == CENTRAL:
        # Store IT's set-up of the chain's central database; psycopg is loaded only here.
        from pos_gui.app.chain import check_catalog_file
        from pos_gui.app.export_command import export_command
        from pos_gui.replication.central_command import run as run_central_command

        return run_central_command(
            list(arguments[1:]), check_catalog=check_catalog_file, export_ledger=export_command
        )
    if arguments and arguments[0] == DEMO_DAY:
        # A whole shop day, headless, on the embedded simulator (presenters, tests).
        from pos_gui.app.demo_day import demo_day_command

        return demo_day_command(list(arguments[1:]))
    if arguments and arguments[0] == EXPORT:
        from pos_gui.app.export_command import export_command

        return export_command(list(arguments[1:]))
    return None

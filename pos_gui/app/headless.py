"""The headless till as a process: for crash tests and the chaos bench, no Qt.

It builds the checkout as the till does (:func:`pos_gui.app.wiring.build_headless_till`), takes
the data folder's lock like ``pos-gui`` (a second till on the same ledger is refused, with the
message on stderr), and runs the scripted sale of :mod:`pos_gui.services.checkout_runner`::

    python -m pos_gui.app.headless --api-url http://127.0.0.1:8765 \\
        --journal /tmp/journal.sqlite3 --articles 30037,51x2 --card 9276004429942845 --apply

It signs in as the simulator's demo till and signs its sales with the simulator's TSE;
``--hold STATE`` makes it wait in that checkout state or after that TSE step until it is killed. Output lines: see :mod:`pos_gui.services.checkout_runner`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

DEFAULT_DEVICE_ID = "SDV_2YJDXYESB2YBHECVB5GQGSYPNM8UA6"
# The exit codes besides the script's own 0/1.
EXIT_FAILED = 2
EXIT_DATA_FOLDER_IN_USE = 3


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="pos_gui.app.headless", description=__doc__.splitlines()[0])
    parser.add_argument("--api-url", required=True, help="the server, e.g. http://127.0.0.1:8765")
    parser.add_argument("--journal", required=True, type=Path, help="the ledger's SQLite file")
    parser.add_argument("--device-id", default=DEFAULT_DEVICE_ID, help="the till's id (transactionRef)")
    parser.add_argument(
        "--articles", default="", help="comma-separated article numbers or EANs, each optionally xN"
    )
    parser.add_argument("--card", default=None, help="a card number to scan")
    parser.add_argument("--apply", action="store_true", help="apply the card balance before paying")
    parser.add_argument("--tendered", type=int, default=None, help="cash handed over, cents (default exact)")
    parser.add_argument(
        "--hold",
        default=None,
        help="wait in this state until killed (BASKET, CARD, ..., PAID; TSE_TX_PLANNED, TSE_STARTED, TSE_FINISHED)",
    )
    parser.add_argument("--hold-seconds", type=float, default=60.0)
    parser.add_argument("--timeout", type=float, default=15.0, help="HTTP timeout in seconds")
    parser.add_argument("--live", action="store_true", help="do not mark transactions is_demo")
    return parser.parse_args(argv)


async def run(args: argparse.Namespace) -> int:
    """Build the headless till, run the script, close it."""
    from pos_gui.app.connection import Connection
    from pos_gui.app.wiring import build_headless_till
    from pos_gui.services.catalog import Catalog
    from pos_gui.services.checkout_runner import Reporter, parse_articles, run_script

    items = parse_articles(args.articles, Catalog.demo())
    till = build_headless_till(
        Connection.demo(args.api_url),
        args.journal,
        device_id=args.device_id,
        is_demo=not args.live,
        timeout=args.timeout,
    )
    try:
        reporter = Reporter(till.checkout, args.hold, args.hold_seconds)
        till.checkout.on_change = reporter
        if till.fiscal is not None:
            till.fiscal.on_step = reporter.tse_step
        exit_code = await run_script(
            till.checkout, items, card=args.card, apply=args.apply, tendered=args.tendered
        )
        if till.fiscal is not None:
            # Recovery closes what a crash left open in the background: the run ends once it has.
            await till.fiscal.wait_idle()
        return exit_code
    finally:
        await till.aclose()


def main(argv: Sequence[str] | None = None) -> int:
    import asyncio

    from pos_gui.api.errors import ApiError
    from pos_gui.app.data_folder_lock import DataFolderInUseError, lock_data_folder
    from pos_gui.app.ledger_check import EXIT_LEDGER_UNREADABLE, LedgerUnreadableError
    from pos_gui.services.checkout_runner import say

    args = parse_args(argv)
    try:
        data_folder_lock = lock_data_folder(args.journal.resolve().parent)
    except DataFolderInUseError as refused:
        print(refused, file=sys.stderr, flush=True)
        return EXIT_DATA_FOLDER_IN_USE
    try:
        return asyncio.run(run(args))
    except LedgerUnreadableError as refused:
        print(refused, file=sys.stderr, flush=True)
        return EXIT_LEDGER_UNREADABLE
    except (ApiError, ValueError) as exc:
        say("ERROR", type(exc).__name__, exc)
        return EXIT_FAILED
    finally:
        data_folder_lock.release()


if __name__ == "__main__":
    sys.exit(main())

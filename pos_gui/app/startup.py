"""``main``: the start-up sequence, so that the cashier sees the till as early as possible.

Start-up order (``main``, ``run_till``):
    1. settings, the data folder's lock (one till per data folder), Qt application,
       translations, style sheet;
    2. the till window (ledger, checkout, presenter), shown and painted, before the event loop
       exists: asyncio and qasync are loaded only after the first paint (``show_till_window``),
       and so is the receipt page, which stays hidden until a sale is paid.
       The status bar says "Server: …" / "Anmeldung …" until the server has answered;
    3. the event loop starts. When the ledger holds an unfinished sale, its reconciliation
       starts first: the last run's unpaid basket needs no server and is back before anything
       is scanned (what needs the server waits for it; basket changes wait until then). The
       back office's menus (receipts, printing, today's sales) are added to the window;
    4. off the GUI thread, the connection: httpx and the API models are imported, for the
       embedded simulator its port is reserved (a listening socket, so the URL is known and
       early requests wait in its backlog instead of failing), a saved secret is read; then the
       HTTP client is built and attached to the till's server connection (``connect_server``);
    5. off the GUI thread: the embedded simulator starts (FastAPI and uvicorn are imported only
       now); then the till signs in and reconciles the ledger (``start_up_now``).
A card scanned during steps 3 to 5 simply waits for the server, with the till showing it is busy.

The shutdown is :mod:`pos_gui.app.shutdown`; the modes are in :mod:`pos_gui.app.cli`.
"""

from __future__ import annotations

import gc
import logging
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from pos_gui.app.qt_app import (
    apply_style_sheet,
    first_run_setup,
    qt_application,
    spare_pyside_source_reading,
    tell_start_refused,
)
from pos_gui.app.startup_times import StartupTimes, report_startup

if TYPE_CHECKING:
    import argparse

    from PySide6.QtWidgets import QApplication

    from pos_gui.app.wiring import Till
    from pos_gui.config.paths import AppPaths
    from pos_gui.config.settings import Settings

log = logging.getLogger("pos_gui.app")

# The shop's name and address for the receipt head; none configured: the merchant's name the
# server sends. Screen and paper get the same.
SHOP_LINES: tuple[str, ...] | None = None
# The exit code of a start refused because another till holds the data folder.
EXIT_DATA_FOLDER_IN_USE = 3


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``pos-gui``; returns the process exit code."""
    # No garbage collection until the window is shown (``_run`` turns it back on then): the
    # start-up creates a few hundred thousand objects (modules, classes, Qt's enums) that all
    # stay alive, so collections would only walk them in vain (~10 ms).
    gc.disable()
    try:
        return _run(argv)
    finally:
        gc.enable()


def _run(argv: Sequence[str] | None) -> int:
    from pos_gui.app.cli import parse_arguments, run_subcommand

    arguments = list(sys.argv[1:] if argv is None else argv)
    subcommand_exit_code = run_subcommand(arguments)
    if subcommand_exit_code is not None:
        return subcommand_exit_code
    args = parse_arguments(arguments)
    startup = StartupTimes()

    # Folders, logging and settings come before Qt is loaded: PySide6's import hook reads the
    # source of every module imported after it (for its __feature__ switch), and only our own
    # modules are spared that (spare_pyside_source_reading), not the standard library's.
    from pos_gui.app.data_folder_lock import DataFolderInUseError, lock_data_folder
    from pos_gui.app.ledger_check import EXIT_LEDGER_UNREADABLE, LedgerUnreadableError
    from pos_gui.config.paths import resolve_paths
    from pos_gui.config.settings import load_settings
    from pos_gui.logging_setup import setup_logging

    paths = resolve_paths(args.basedir)
    setup_logging(paths, debug=args.debug, rotate=False)  # rotating once the window is shown
    try:
        # Before anything reads or changes the folder (the reset too): one till per ledger.
        data_folder_lock = lock_data_folder(paths.data_dir)
    except DataFolderInUseError as refused:
        # Logged for support at INFO: the message itself goes to stderr (and a dialog) once.
        log.info("start refused: %s", refused)
        tell_start_refused(str(refused), title="Kasse läuft bereits", dialog=not args.smoke_test)
        return EXIT_DATA_FOLDER_IN_USE
    log.info("data folder %s locked for this process", paths.data_dir)
    try:
        if args.reset_setup:
            # Store IT's "start over": nothing of the old setup is used; the first-run setup asks.
            from pos_gui.app.wiring import secret_store
            from pos_gui.config.settings import reset_setup

            reset_setup(paths, secret_store(paths))
        settings = load_settings(paths)
        _load_till_core()
        return _run_qt(args, paths, settings, startup)
    except LedgerUnreadableError as refused:
        log.error("start refused: %s", refused)
        tell_start_refused(str(refused), title="Kassenjournal nicht lesbar", dialog=not args.smoke_test)
        return EXIT_LEDGER_UNREADABLE
    finally:
        data_folder_lock.release()


def _load_till_core() -> None:
    """Import the till's Qt-free core (ledger, checkout, catalogue) before Qt.

    The window needs these modules anyway; loaded before PySide6, neither they nor the standard
    library they bring (sqlite3, datetime, json) are read by its import hook.
    """
    import pos_gui.services.catalog
    import pos_gui.services.checkout
    import pos_gui.services.server_connection  # noqa: F401


def _run_qt(args: argparse.Namespace, paths: AppPaths, settings: Settings, startup: StartupTimes) -> int:
    """Qt application, window, event loop: the till's life, from the first paint to shutdown."""
    from PySide6.QtCore import qInstallMessageHandler

    spare_pyside_source_reading()  # before the UI modules are imported
    from pos_gui.app.smoke_test import QtMessageRecorder
    from pos_gui.logging_setup import start_log_rotation
    from pos_gui.ui.crash import CrashHandler
    from pos_gui.ui.i18n import install_translators

    app = qt_application()
    # The till shuts down in order when its window closes (run_till), never by Qt's own quit.
    app.setQuitOnLastWindowClosed(False)
    qt_messages = QtMessageRecorder()
    qInstallMessageHandler(qt_messages)
    translators = install_translators(app, args.lang or settings.language)
    crash_handler = CrashHandler(fault_log=paths.log_dir / "faults.log", show_dialog=not args.smoke_test)
    crash_handler.install()
    apply_style_sheet(app)
    startup.mark("qt_started")
    try:
        from pos_gui.config.settings import first_run_setup_needed

        till: Till | None = None
        if not first_run_setup_needed(
            settings, demo=args.demo, smoke_test=args.smoke_test, api_url=args.api_url
        ):
            till = show_till_window(app, args, paths, settings, startup)
        # Only now, with the till on screen: log rotation, the event loop (asyncio loads ssl).
        # What the start-up created lives as long as the till: frozen, later collections skip it.
        gc.freeze()
        gc.enable()
        start_log_rotation()
        import asyncio

        import qasync

        with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner:
            exit_code = runner.run(run_till(app, args, paths, settings, startup, till))
    finally:
        crash_handler.uninstall()
        qInstallMessageHandler(None)
        del translators
        report_startup(startup, smoke_test=args.smoke_test)
    if args.smoke_test and (qt_messages.problems or crash_handler.crashes):
        for problem in qt_messages.problems:
            print(f"smoke test: Qt warning: {problem}", file=sys.stderr)
        return 1
    if crash_handler.crashes and exit_code == 0:
        return 1 if args.smoke_test else 0
    return exit_code


def show_till_window(
    app: QApplication, args: argparse.Namespace, paths: AppPaths, settings: Settings, startup: StartupTimes
) -> Till:
    """Build the till window and show it, painted, before the event loop exists (cold start).

    Nothing here needs asyncio: the presenter's coroutines start once the loop runs. When the
    ledger holds an unfinished sale, basket changes are refused until :func:`run_till` has
    started its reconciliation. The paint is waited for the way the bench's bare window does
    it, with a zero timer; what the cashier types meanwhile stays queued for the event loop.
    """
    from PySide6.QtCore import QEventLoop, QTimer

    till = _build_and_show(app, args, paths, settings, startup, cold_start=True)
    painted = QEventLoop()
    QTimer.singleShot(0, painted.quit)
    painted.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    _painted(app, till, startup)
    # Hidden until a sale is paid, so built after the first paint (before any input is handled).
    till.window.build_receipt_page()
    # The TSE signing likewise: no sale opens before the event loop runs.
    if till.attach_fiscal_after_paint is not None:
        till.attach_fiscal_after_paint()
    return till


def _build_and_show(
    app: QApplication,
    args: argparse.Namespace,
    paths: AppPaths,
    settings: Settings,
    startup: StartupTimes,
    *,
    cold_start: bool,
) -> Till:
    """The till window for ``settings``, built and shown (not yet painted).

    ``cold_start``: built before the event loop exists; the caller starts the ledger's
    reconciliation once it runs, and builds the hidden receipt page after the first paint.
    """
    from pos_gui.app.cli import profile_of
    from pos_gui.app.wiring import build_till_window

    profile = profile_of(args, settings)
    journal_name = "journal-demo.sqlite3" if profile == "DEMO" else paths.journal_file.name
    till = build_till_window(
        app,
        profile,
        paths.data_dir / journal_name,
        device_id=settings.device_uuid,
        paper_width=settings.printer.width,
        shop_lines=SHOP_LINES,
        install_scanner=False,
        defer_recovery=cold_start,
        receipt_page=not cold_start,
        # Testing signs when store IT configured a TSE; demo and live always (live refuses to
        # sell without one).
        sign_sales=settings.tse.is_configured if profile == "TESTING" else None,
        fiscal_after_paint=cold_start,
    )
    startup.mark("till_built")
    till.window.resize(1366, 768)
    till.window.show()
    return till


def _painted(app: QApplication, till: Till, startup: StartupTimes) -> None:
    """The window has been painted: the till counts as shown, with its scanner filter."""
    # The scanner's application-wide filter comes once the window is painted: showing and
    # painting send thousands of events (polish, layout, platform surface, paint, …), and
    # each one through a Python filter is a crossing into Python that also sets up the
    # Python types of everything it touches (~50 ms in all). From here on a scan on the shown
    # window goes through the filter.
    app.installEventFilter(till.scanner)
    startup.mark("window_shown")


async def run_till(
    app: QApplication,
    args: argparse.Namespace,
    paths: AppPaths,
    settings: Settings,
    startup: StartupTimes | None = None,
    till: Till | None = None,
) -> int:
    """Bring the till online, run it until the window closes, shut down in order.

    ``till``: the window :func:`show_till_window` has shown; ``None``: nothing is configured
    yet, so the first-run setup comes first, then the window is built and shown here.
    """
    import asyncio

    from pos_gui.app.chain import ChainLink, show_chain_status, start_till_chain
    from pos_gui.app.connection import Connection, decide_connection
    from pos_gui.app.shutdown import shut_down
    from pos_gui.app.smoke_test import SMOKE_TEST_SECONDS, smoke_test_verdict
    from pos_gui.app.window_extras import install_backoffice, install_demo_menu, install_shop_day
    from pos_gui.app.wiring import connect_server
    from pos_gui.ui.async_slot import report_task_failure

    startup = startup or StartupTimes()
    if till is None:
        chosen = await first_run_setup(paths, settings)
        if chosen is None:
            return 0
        till = _build_and_show(app, args, paths, chosen, startup, cold_start=False)
        settings = chosen
        await _next_event_loop_turn()
        _painted(app, till, startup)
    else:
        # The window was shown before the loop existed; the reconciliation it held back starts now.
        till.presenter.start_recovery_if_expected()

    loop = asyncio.get_running_loop()
    connection: Connection | None = None
    window = till.window
    closed = asyncio.Event()
    window.close_requested.connect(closed.set)
    if not window.isVisible():
        # Closed between the first paint and the event loop's start: shut down as usual.
        closed.set()
    start_up: asyncio.Future[None] | None = None
    backoffice: Any = None
    chain: ChainLink | None = None
    exit_code = 0
    try:
        # Receipts, reprint, drawer, today's sales, printer settings: its menu entries are
        # added to the shown window; nothing of it is needed before a sale is paid, and no sale
        # can be paid before the server answers (below).
        backoffice = install_backoffice(till, settings, paths, SHOP_LINES)
        startup.mark("backoffice_installed")
        # The day's screens: the login covers the painted window now. The smoke test logs the
        # first demo cashier in by itself (it has nobody to type a PIN).
        install_shop_day(till, backoffice, settings, paths, auto_login=args.smoke_test)
        # Off the GUI thread: httpx and the API models are imported, the embedded simulator's
        # port is reserved, a saved secret is read (which may ask the system keyring).
        connection = await loop.run_in_executor(None, decide_connection, args, paths, settings)
        connect_server(till.server, connection, fiscal=till.fiscal)
        startup.mark("client_built")
        # Demo mode: the presenter's "Demo" menu, now that the simulator's address is known.
        install_demo_menu(till, backoffice, connection, paths.data_dir)
        # The chain's central database, when the settings name one: psycopg is imported off
        # the event loop's thread, the replicator runs on its own (docs/chains.md).
        chain = await loop.run_in_executor(None, start_till_chain, till, settings, paths, loop)
        if chain is not None:
            show_chain_status(till, chain)
        start_up = asyncio.ensure_future(_bring_online(till, connection, startup))
        # An unexpected start-up failure goes to the crash handler.
        start_up.add_done_callback(report_task_failure)
        if args.smoke_test:
            await asyncio.wait({start_up})
            exit_code = smoke_test_verdict(startup, start_up)
            await asyncio.sleep(SMOKE_TEST_SECONDS)
            window.close()
        await closed.wait()
    finally:
        await shut_down(
            till,
            start_up=start_up,
            backoffice=backoffice,
            connection=connection,
            startup=startup,
            chain=chain,
        )
    return exit_code


async def _bring_online(till: Till, connection: Any, startup: StartupTimes) -> None:
    """Start the server (embedded simulator) off the GUI thread, then sign in and reconcile.

    Requests sent before the simulator serves wait in its socket's backlog. If it cannot start,
    its socket is closed, so they fail at once and the till shows the server as unreachable.
    """
    import asyncio

    try:
        await asyncio.get_running_loop().run_in_executor(None, connection.start)
    except Exception:
        log.exception("the server did not start")
        connection.stop()
    else:
        startup.mark("server_started")
    await till.presenter.start_up_now()
    if await _signed_in(till):
        startup.mark("online")
    startup.mark("start_up_done")


async def _signed_in(till: Till) -> bool:
    """Whether the till holds a valid access token, i.e. the server answered its sign-in.

    Asks the authenticator rather than trusting the presenter's status flags alone. With a
    cached token this sends nothing.
    """
    from pos_gui.api.errors import ApiError

    if not till.presenter.signed_in or till.authenticator is None:
        return False
    try:
        await till.authenticator.access_token()
    except ApiError as error:
        log.warning("not signed in after start-up: %r", error)
        return False
    return True


async def _next_event_loop_turn() -> None:
    """Return once Qt has handled what is already queued, e.g. the first paint after ``show()``."""
    import asyncio

    from PySide6.QtCore import QTimer

    turned: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def turn() -> None:
        if not turned.done():
            turned.set_result(None)

    QTimer.singleShot(0, turn)
    await turned

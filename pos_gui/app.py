"""The composition root: command line, settings, server connection, window, event loop, shutdown.

This is the one module that builds everything and passes collaborators through constructors; there
are no module-level singletons anywhere else.

Start-up order, so that the cashier sees the till as early as possible (``main``, ``run_till``):
    1. settings, Qt application, translations, style sheet;
    2. the till window (journal, checkout, presenter), shown and painted, before the event loop
       exists: asyncio and qasync are loaded only after the first paint (``show_till_window``),
       and so is the receipt page, which stays hidden until a sale is paid.
       The status bar says "Server: …" / "Anmeldung …" until the server has answered;
    3. the event loop starts. When the journal holds an unfinished sale, its reconciliation
       starts first: the last run's unpaid basket needs no server and is back before anything
       is scanned (what needs the server waits for it; basket changes wait until then). The
       back office's menus (receipts, printing, today's sales) are added to the window;
    4. off the GUI thread, the connection: httpx and the API models are imported, for the
       embedded simulator its port is reserved (a listening socket, so the URL is known and
       early requests wait in its backlog instead of failing), a saved secret is read; then the
       HTTP client is built (``ServerLink.connect``);
    5. off the GUI thread: the embedded simulator starts (FastAPI and uvicorn are imported only
       now); then the till signs in and reconciles the journal (``start_up_now``).
A card scanned during steps 3 to 5 simply waits for the server, with the till showing it is busy.

The order at shutdown matters (style anchors §7): closing the window sets an
:class:`asyncio.Event`, then the HTTP client is closed while the loop still runs, then the embedded
simulator stops, then the main coroutine returns.

Modes:
    ``pos-gui --demo``: the embedded simulator, a DEMO banner, demo credentials.
    ``pos-gui --api-url URL --client-id ID --client-secret SECRET``: any secuconnect-compatible server.
    ``pos-gui``: the saved settings; with none, the first-run setup asks Demo / Testing / Live.
    ``pos-gui --reset-setup``: forget the saved settings and secrets (store IT's "start over"),
    then the first-run setup asks again.
    ``pos-gui --smoke-test``: build the whole window against the embedded simulator, wait until
    the till has signed in, process events briefly, exit 0 — or non-zero on any Qt warning,
    traceback, or failed sign-in. Prints the start-up times to stderr.
    ``pos-gui render-receipt FILE.json --width 42``: print a transaction's receipt as text.

Set ``POS_GUI_STARTUP_REPORT=FILE`` to get the start-up times as JSON in FILE (the bench uses it).
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import asyncio

    from PySide6.QtWidgets import QApplication

    from pos_gui.api.auth import Authenticator, ClientCredentials, DeviceCredentials
    from pos_gui.api.client import SecuconnectClient
    from pos_gui.api.models import MerchantCard, PreTransactionResult, SmartTransaction, SmartTransactionDraft
    from pos_gui.config.paths import AppPaths
    from pos_gui.config.settings import Settings
    from pos_gui.core.sales_receipt import SalesReceipt

log = logging.getLogger("pos_gui.app")

# The shop's name and address for the receipt head; none configured: the merchant's name the
# server sends. Screen and paper get the same.
SHOP_LINES: tuple[str, ...] | None = None
SMOKE_TEST_SECONDS = 0.6
STARTUP_REPORT_VARIABLE = "POS_GUI_STARTUP_REPORT"

# Messages the offscreen platform prints for every shown window; not a problem of the till.
BENIGN_QT_MESSAGES = (
    "This plugin does not support propagateSizeHints",
    "This plugin does not support raise",
    "This plugin does not support grabbing the keyboard",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pos-gui",
        description="Kasse für secucard-Kunden- und Gutscheinkarten (secuconnect Smart Transactions).",
        epilog="Subcommand: pos-gui render-receipt FILE.json [--width 42] prints a receipt as text.",
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


@dataclass
class Connection:
    """Where the till sends its requests and how it signs in.

    Attributes:
        profile: ``DEMO``, ``TESTING`` or ``LIVE`` (status bar, banner, journal file).
        api_url: the server's root URL.
        credentials: client or device credentials for the authenticator.
        on_refresh_token: where a new refresh token is stored (paired devices).
        stop: what to call at shutdown after the HTTP client is closed (the embedded simulator).
        start: what makes the server answer (the embedded simulator); blocking, so it is called
            off the GUI thread, after the window is shown.
    """

    profile: str
    api_url: str
    credentials: ClientCredentials | DeviceCredentials
    on_refresh_token: Callable[[str], None] | None = None
    stop: Callable[[], None] = field(default=lambda: None)
    start: Callable[[], None] = field(default=lambda: None)

    @classmethod
    def demo(
        cls,
        api_url: str,
        *,
        stop: Callable[[], None] = lambda: None,
        start: Callable[[], None] = lambda: None,
    ) -> Connection:
        """The DEMO profile on a simulator at ``api_url``, signing in as its demo till."""
        from pos_gui.api.auth import ClientCredentials
        from pos_sim.settings import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET

        return cls(
            "DEMO", api_url, ClientCredentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET), stop=stop, start=start
        )


class StartupTimes:
    """When the start-up reached its milestones: for the smoke test's report and the bench.

    Times are wall-clock (``time.time()``), so that another process (the bench) can compare them
    with the moment it launched this one.

    Attributes:
        process_started: when the OS created this process (Linux), else when this module was
            imported (then the interpreter's own start-up is missing from the durations).
        reached: milestone name → time, in this order: ``qt_started`` (settings, logging, Qt
            application, translations, style sheet), ``till_built`` (journal, checkout,
            presenter, window built), ``window_shown`` (the till window shown and painted),
            ``backoffice_installed`` (its menu entries added), ``client_built`` (connection
            decided, HTTP client built), ``server_started`` (the embedded simulator accepts
            connections), ``online`` (signed in, journal reconciled), ``start_up_done``
            (start-up over, online or not), ``shut_down`` (HTTP client closed, simulator
            stopped).
        modules_at_window_shown: the top-level packages imported when the window was shown.
    """

    def __init__(self) -> None:
        self.process_started = _process_start_time() or _MODULE_IMPORTED_AT
        self.reached: dict[str, float] = {}
        self.modules_at_window_shown: list[str] = []

    def mark(self, milestone: str) -> None:
        self.reached.setdefault(milestone, time.time())
        if milestone == "window_shown":
            self.modules_at_window_shown = sorted({name.split(".")[0] for name in list(sys.modules)})

    def seconds_to(self, milestone: str) -> float | None:
        reached = self.reached.get(milestone)
        return None if reached is None else reached - self.process_started

    def summary(self) -> str:
        """One line for people, e.g. ``window shown 0.45 s, online 1.02 s after process start``."""
        parts = [
            f"{milestone.replace('_', ' ')} {seconds:.2f} s"
            for milestone in self.reached
            if (seconds := self.seconds_to(milestone)) is not None
        ]
        return ", ".join(parts) + " after process start"

    def write(self, path: Path) -> None:
        report = {
            "process_started": self.process_started,
            "reached": self.reached,
            "seconds_after_process_start": {name: self.seconds_to(name) for name in self.reached},
            "modules_at_window_shown": self.modules_at_window_shown,
        }
        path.write_text(json.dumps(report, indent=2), encoding="utf-8")


class QtMessageRecorder:
    """A Qt message handler that logs Qt's messages and remembers warnings (smoke test)."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def __call__(self, mode: Any, context: Any, message: str) -> None:
        from PySide6.QtCore import QtMsgType

        if any(benign in message for benign in BENIGN_QT_MESSAGES):
            return
        if mode in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg):
            logging.getLogger("qt").debug("%s", message)
            return
        self.problems.append(message)
        logging.getLogger("qt").warning("%s", message)


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
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments and arguments[0] == "render-receipt":
        # Support command of the printing service; needs no window.
        from pos_gui.services.printing import render_receipt_command

        return render_receipt_command(arguments[1:])
    args = build_parser().parse_args(arguments)
    if args.api_url and not (args.client_id and args.client_secret):
        build_parser().error("--api-url needs --client-id and --client-secret")
    startup = StartupTimes()

    # Folders, logging and settings come before Qt is loaded: PySide6's import hook reads the
    # source of every module imported after it (for its __feature__ switch), ~0.2 ms a module.
    from pos_gui.config.paths import resolve_paths
    from pos_gui.config.settings import load_settings
    from pos_gui.logging_setup import setup_logging, start_log_rotation

    paths = resolve_paths(args.basedir)
    setup_logging(paths, debug=args.debug, rotate=False)  # rotating once the window is shown
    if args.reset_setup:
        # Store IT's "start over": nothing of the old setup is used; the first-run setup asks.
        from pos_gui.config.secrets import SecretStore
        from pos_gui.config.settings import reset_setup

        reset_setup(paths, SecretStore(paths))
    settings = load_settings(paths)

    # qasync picks its Qt binding from QT_API; PySide6 is imported before it as well.
    os.environ.setdefault("QT_API", "pyside6")
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from pos_gui.ui.crash import CrashHandler
    from pos_gui.ui.i18n import install_translators

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "pos-gui"])
    assert isinstance(app, QApplication)
    # The till shuts down in order when its window closes (run_till), never by Qt's own quit.
    app.setQuitOnLastWindowClosed(False)
    app.setApplicationName("pos-gui")
    app.setOrganizationName("pos-gui")
    qt_messages = QtMessageRecorder()
    qInstallMessageHandler(qt_messages)
    translators = install_translators(app, args.lang or settings.language)
    crash_handler = CrashHandler(fault_log=paths.log_dir / "faults.log", show_dialog=not args.smoke_test)
    crash_handler.install()
    _apply_style_sheet(app)
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
        _report_startup(startup, smoke_test=args.smoke_test)
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
    journal holds an unfinished sale, basket changes are refused until :func:`run_till` has
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

    ``cold_start``: built before the event loop exists; the caller starts the journal's
    reconciliation once it runs, and builds the hidden receipt page after the first paint.
    """
    profile = _profile(args, settings)
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

    from pos_gui.ui.async_slot import report_task_failure

    startup = startup or StartupTimes()
    if till is None:
        chosen = await _first_run_setup(paths, settings)
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
    exit_code = 0
    try:
        # Receipts, reprint, drawer, today's sales, printer settings (the printing engineer's
        # part): its menu entries are added to the shown window; nothing of it is needed before
        # a sale is paid, and no sale can be paid before the server answers (below).
        from pos_gui.services.printing import PrintingService
        from pos_gui.ui.backoffice import install_backoffice

        backoffice = install_backoffice(
            window,
            journal=till.journal,
            printing=PrintingService(settings.printer),
            settings=settings,
            paths=paths,
            checkout_presenter=till.presenter,
            shop_lines=SHOP_LINES,
        )
        startup.mark("backoffice_installed")
        # Off the GUI thread: httpx and the API models are imported, the embedded simulator's
        # port is reserved, a saved secret is read (which may ask the system keyring).
        connection = await loop.run_in_executor(None, _connect, args, paths, settings)
        till.link.connect(connection)
        startup.mark("client_built")
        start_up = asyncio.ensure_future(_bring_online(till, connection, startup))
        # An unexpected start-up failure goes to the crash handler.
        start_up.add_done_callback(report_task_failure)
        if args.smoke_test:
            await asyncio.wait({start_up})
            exit_code = _smoke_test_verdict(startup, start_up)
            await asyncio.sleep(SMOKE_TEST_SECONDS)
            window.close()
        await closed.wait()
    finally:
        if start_up is not None and not start_up.done():
            start_up.cancel()
            await asyncio.wait({start_up})
        if backoffice is not None:
            await backoffice.wait_idle()
        await till.aclose()
        if connection is not None:
            await loop.run_in_executor(None, connection.stop)
        startup.mark("shut_down")
    return exit_code


async def _bring_online(till: Till, connection: Connection, startup: StartupTimes) -> None:
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


def _smoke_test_verdict(startup: StartupTimes, start_up: asyncio.Future[None]) -> int:
    """0 when the start-up finished and the till signed in at the embedded simulator."""
    if start_up.cancelled() or start_up.exception() is not None:
        print("smoke test: the start-up failed", file=sys.stderr)
        return 1
    if "server_started" not in startup.reached or "online" not in startup.reached:
        print("smoke test: the till did not sign in at the embedded simulator", file=sys.stderr)
        return 1
    return 0


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


def _report_startup(startup: StartupTimes, *, smoke_test: bool) -> None:
    if smoke_test:
        # Information, not a problem: stdout. The smoke-test harnesses treat stderr lines as problems.
        print(f"smoke test: {startup.summary()}", flush=True)
    report_file = os.environ.get(STARTUP_REPORT_VARIABLE)
    if report_file:
        startup.write(Path(report_file))


class ServerLink:
    """The checkout's API client and the sign-in, usable before the HTTP client exists.

    The till window is built and shown before httpx and the API models are imported (cold
    start); :meth:`connect` builds the HTTP client, the authenticator and the API client right
    after. A request the checkout makes before then waits until they are built; from then on
    every call goes straight to the :class:`~pos_gui.api.client.SecuconnectClient`.

    Attributes:
        client: the API client, once connected (``None`` before).
        authenticator: the authenticator, once connected (``None`` before).
    """

    def __init__(self) -> None:
        self.client: SecuconnectClient | None = None
        self.authenticator: Authenticator | None = None
        # Made by the first request that has to wait: the link is built before the event loop
        # (and asyncio) exist.
        self._connected: asyncio.Event | None = None

    def connect(self, connection: Connection) -> None:
        """Build the HTTP client, authenticator and API client for ``connection``; sends nothing."""
        from pos_gui.api.auth import Authenticator
        from pos_gui.api.client import SecuconnectClient
        from pos_gui.api.transport import build_http_client

        http = build_http_client(connection.api_url)
        self.authenticator = Authenticator(
            http, connection.credentials, on_refresh_token=connection.on_refresh_token
        )
        self.client = SecuconnectClient(http, self.authenticator)
        if self._connected is not None:
            self._connected.set()

    async def _wait_until_connected(self) -> None:
        if self.client is not None:
            return
        if self._connected is None:
            import asyncio

            self._connected = asyncio.Event()
        await self._connected.wait()

    async def _connected_client(self) -> SecuconnectClient:
        await self._wait_until_connected()
        assert self.client is not None
        return self.client

    async def access_token(self) -> str:
        """Sign in (or reuse the token): the presenter's connection check."""
        await self._wait_until_connected()
        assert self.authenticator is not None
        return await self.authenticator.access_token()

    async def create_transaction(self, draft: SmartTransactionDraft, /) -> SmartTransaction:
        return await (await self._connected_client()).create_transaction(draft)

    async def update_transaction(
        self, transaction_id: str, draft: SmartTransactionDraft, /
    ) -> SmartTransaction:
        return await (await self._connected_client()).update_transaction(transaction_id, draft)

    async def pre_transaction(self, transaction_id: str, /) -> PreTransactionResult:
        return await (await self._connected_client()).pre_transaction(transaction_id)

    async def start_transaction(self, transaction_id: str, payment_method: str, /) -> SmartTransaction:
        return await (await self._connected_client()).start_transaction(transaction_id, payment_method)

    async def get_transaction(self, transaction_id: str, /) -> SmartTransaction:
        return await (await self._connected_client()).get_transaction(transaction_id)

    async def abort_transaction(self, transaction_id: str, /) -> SmartTransaction:
        return await (await self._connected_client()).abort_transaction(transaction_id)

    async def find_merchant_card(self, cardnumber: str, /) -> MerchantCard | None:
        return await (await self._connected_client()).find_merchant_card(cardnumber)

    async def aclose(self) -> None:
        """Close the HTTP client, if one was built."""
        if self.client is not None:
            await self.client.aclose()


@dataclass
class Till:
    """Everything one till window is made of, for shutdown (and for tests, screenshots, bench)."""

    app: Any
    link: ServerLink
    journal: Any
    checkout: Any
    presenter: Any
    scanner: Any
    window: Any

    @property
    def client(self) -> Any:
        """The API client (``None`` until ``link.connect``)."""
        return self.link.client

    @property
    def authenticator(self) -> Any:
        """The authenticator (``None`` until ``link.connect``)."""
        return self.link.authenticator

    async def aclose(self) -> None:
        """Close in order: window, pending presenter tasks, HTTP client, journal."""
        self.app.removeEventFilter(self.scanner)
        self.window.close()
        await self.presenter.shutdown()
        await self.link.aclose()
        self.journal.close()
        self.window.deleteLater()


def build_till(
    app: QApplication,
    connection: Connection,
    journal_path: Path,
    *,
    device_id: str,
    paper_width: int | None = None,
    shop_lines: Sequence[str] | None = None,
) -> Till:
    """The whole till for ``connection``: :func:`build_till_window`, then its HTTP client.

    Nothing is sent yet, except what the journal's reconciliation needs (see
    :func:`build_till_window`).
    """
    till = build_till_window(
        app,
        connection.profile,
        journal_path,
        device_id=device_id,
        paper_width=paper_width,
        shop_lines=shop_lines,
    )
    till.link.connect(connection)
    return till


def build_till_window(
    app: QApplication,
    profile: str,
    journal_path: Path,
    *,
    device_id: str,
    paper_width: int | None = None,
    shop_lines: Sequence[str] | None = None,
    install_scanner: bool = True,
    defer_recovery: bool = False,
    receipt_page: bool = True,
) -> Till:
    """Build journal, checkout, presenter, scanner filter and window; no HTTP client yet.

    ``till.link.connect(connection)`` builds the HTTP client later (the cold start: after the
    window is shown); requests wait for it meanwhile. When the journal holds unfinished sales,
    their reconciliation is started here (``CheckoutPresenter.start_recovery``): it runs as
    soon as the event loop turns, so the last run's unpaid basket is back before anything is
    scanned; a sale that needs the server waits for it.

    Args:
        profile: ``DEMO``, ``TESTING`` or ``LIVE``.
        paper_width: characters per receipt line (printer settings); ``None``: the default.
        shop_lines: the shop's name and address for the receipt head, as the back office gets
            them; ``None``: the merchant's name from the server.
        install_scanner: install the scanner filter on ``app`` now; ``False``: the caller does
            it (the cold start: right after the first paint, see :func:`show_till_window`).
        defer_recovery: build without a running event loop (the cold start): an unfinished
            sale only holds basket changes back, and the caller starts its reconciliation with
            ``presenter.start_recovery_if_expected()`` once the loop runs.
        receipt_page: build the window's (hidden) receipt page now; ``False``: the caller calls
            ``window.build_receipt_page()`` (the cold start: right after the first paint).
    """
    from pos_gui.services.catalog import Catalog
    from pos_gui.services.checkout import CheckoutService
    from pos_gui.services.journal import Journal
    from pos_gui.ui.main_window import MainWindow
    from pos_gui.ui.presenters.checkout_presenter import CheckoutPresenter
    from pos_gui.ui.widgets.scanner_filter import ScannerFilter

    link = ServerLink()
    journal = Journal(journal_path)
    checkout = CheckoutService(link, journal, device_id=device_id, is_demo=profile == "DEMO")

    def sales_receipt_of(sale_id: str) -> SalesReceipt | None:
        # The very function the printer's receipts come from. Its module (and the receipt
        # model) is loaded with the first paid sale, not on the way to the first window.
        from pos_gui.services.receipts import sales_receipt_of as from_journal_row

        try:
            record = journal.sale(sale_id)
        except KeyError:
            return None
        return from_journal_row(record, shop_lines=shop_lines)

    presenter = CheckoutPresenter(
        checkout, Catalog.demo(), connection_check=link.access_token, sales_receipt_of=sales_receipt_of
    )
    scanner = ScannerFilter(app)
    window_options: dict[str, Any] = {"receipt_page": receipt_page}
    if paper_width is not None:
        window_options["paper_width"] = paper_width
    window = MainWindow(presenter, scanner, profile=profile, **window_options)
    # Installed once the window is built: the application-wide filter sees every event, and
    # building the window sends thousands (child added, polish, …) it has no use for.
    if install_scanner:
        app.installEventFilter(scanner)
    if journal.unfinished_sales():
        # The last run left a sale open: it may become the current sale again, so basket
        # changes wait until the reconciliation has had its turn (a moment, unless that sale
        # needs the server).
        if defer_recovery:
            presenter.expect_recovery()
        else:
            presenter.start_recovery()
    return Till(app, link, journal, checkout, presenter, scanner, window)


def _profile(args: argparse.Namespace, settings: Settings) -> str:
    """``DEMO``, ``TESTING`` or ``LIVE``: what the command line and the settings chose."""
    from pos_gui.config.settings import API_URLS, Profile

    if args.api_url:
        return "LIVE" if args.api_url.rstrip("/") == API_URLS[Profile.LIVE] else "TESTING"
    if args.demo or args.smoke_test or settings.profile in (None, Profile.DEMO):
        return "DEMO"
    return settings.profile.value.upper()


def _connect(args: argparse.Namespace, paths: AppPaths, settings: Settings) -> Connection:
    """Decide the server and credentials; for the embedded simulator, reserve its port only.

    Imports the API client's modules (httpx, the API models), so it runs off the GUI thread.
    """
    from pos_gui.api.auth import ClientCredentials, DeviceCredentials
    from pos_gui.config.settings import API_URLS

    profile = _profile(args, settings)
    if args.api_url:
        return Connection(profile, args.api_url, ClientCredentials(args.client_id, args.client_secret))
    if profile == "DEMO":
        from pos_sim.embedded import EmbeddedSimulator

        simulator = EmbeddedSimulator()
        return Connection.demo(simulator.url, stop=simulator.stop, start=simulator.start)
    from pos_gui.config.secrets import CLIENT_SECRET, REFRESH_TOKEN, SecretStore

    assert settings.profile is not None
    secrets = SecretStore(paths)
    api_url = settings.api_url or API_URLS[settings.profile]
    credentials = DeviceCredentials(
        client_id=settings.client_id or "",
        client_secret=secrets.get(CLIENT_SECRET) or "",
        uuid=settings.device_uuid,
        refresh_token=secrets.get(REFRESH_TOKEN),
    )
    return Connection(
        profile, api_url, credentials, on_refresh_token=lambda token: secrets.set(REFRESH_TOKEN, token)
    )


async def _first_run_setup(paths: AppPaths, settings: Settings) -> Settings | None:
    """Show the installer's first-run setup and wait for its answer (``None``: cancelled)."""
    import asyncio

    from pos_gui.config.secrets import SecretStore
    from pos_gui.ui.setup.setup_window import SetupWindow

    answer: asyncio.Future[Settings | None] = asyncio.get_running_loop().create_future()

    def finish(value: Settings | None) -> None:
        if not answer.done():
            answer.set_result(value)

    window = SetupWindow(paths, SecretStore(paths), settings=settings)
    window.finished.connect(lambda result: finish(result.settings))
    window.cancelled.connect(lambda: finish(None))
    window.show()
    try:
        return await answer
    finally:
        window.close()
        window.deleteLater()


def _apply_style_sheet(app: QApplication) -> None:
    from pos_gui.resource_files import resource_file

    style = resource_file("styles", "till.qss")
    if style.is_file():
        app.setStyleSheet(style.read_text(encoding="utf-8"))


def _process_start_time() -> float | None:
    """When the OS created this process, as ``time.time()``; Linux only (10 ms resolution).

    ``/proc/self/stat`` gives the start in clock ticks since boot, ``/proc/uptime`` the time
    since boot now; both count on the same clock.
    """
    try:
        stat = Path("/proc/self/stat").read_text(encoding="ascii")
        uptime = float(Path("/proc/uptime").read_text(encoding="ascii").split()[0])
        # Field 22 (starttime); fields are counted after the command name, which may hold spaces.
        started_ticks = int(stat.rsplit(")", 1)[1].split()[19])
        ticks_per_second = os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return None
    return time.time() - (uptime - started_ticks / ticks_per_second)


_MODULE_IMPORTED_AT = time.time()

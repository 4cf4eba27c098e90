"""The one place that builds the till's objects and passes each its collaborators.

Nothing else in ``pos_gui`` constructs a service, a ledger, a presenter or a window for the till:
:func:`build_till_window` builds ledger, checkout, presenter, scanner filter and window;
:func:`connect_server` builds the HTTP client, authenticator and API client (after the window is
shown: the cold start) and attaches them to the till's
:class:`~pos_gui.services.server_connection.ServerConnection`; :func:`install_backoffice` adds the
back office, :func:`install_demo_menu` the presenter's "Demo" menu (demo mode only);
:func:`secret_store` and :func:`build_setup_window` build the key store access and the first-run
setup. There are no module-level singletons anywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from pos_gui.app.connection import Connection, TseAccess
    from pos_gui.config.paths import AppPaths
    from pos_gui.config.secrets import SecretStore
    from pos_gui.config.settings import Settings
    from pos_gui.core.sales_receipt import SalesReceipt
    from pos_gui.services.checkout import CheckoutService
    from pos_gui.services.fiscal_signing import FiscalSigning
    from pos_gui.services.ledger import Ledger
    from pos_gui.services.server_connection import ServerConnection
    from pos_gui.ui.setup.setup_window import SetupWindow


# Beside the demo journal: when the presenter last reset the demo (not a sale event).
DEMO_RESETS_FILE = "demo-resets.json"


@dataclass
class Till:
    """Everything one till window is made of, for shutdown (and for tests, screenshots, bench).

    ``journal`` is the till's :class:`~pos_gui.services.ledger.Ledger` (the name the back office
    and the tests know it by).
    """

    app: Any
    server: ServerConnection
    journal: Ledger
    checkout: CheckoutService
    presenter: Any
    scanner: Any
    window: Any
    fiscal: FiscalSigning | None = None
    # The day's services and screens (login, float, cash moves, X/Z, Storno): build_shop_day.
    day: Any = None

    @property
    def client(self) -> Any:
        """The API client (``None`` until :func:`connect_server`)."""
        return self.server.current_client

    @property
    def authenticator(self) -> Any:
        """The authenticator (``None`` until :func:`connect_server`)."""
        return self.server.authenticator

    async def aclose(self) -> None:
        """Close in order: window, pending presenter tasks, TSE and HTTP clients, ledger."""
        self.app.removeEventFilter(self.scanner)
        self.window.close()
        await self.presenter.shutdown()
        if self.day is not None:
            await self.day.wait_idle()
            self.day.services.cashiers.store.close()
        if self.fiscal is not None:
            await self.fiscal.aclose()
        await self.server.aclose()
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

    Nothing is sent yet, except what the ledger's reconciliation needs (see
    :func:`build_till_window`).
    """
    till = build_till_window(
        app,
        connection.profile,
        journal_path,
        device_id=device_id,
        paper_width=paper_width,
        shop_lines=shop_lines,
        sign_sales=connection.tse is not None,
    )
    connect_server(till.server, connection, fiscal=till.fiscal)
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
    sign_sales: bool | None = None,
) -> Till:
    """Build ledger, checkout, presenter, scanner filter and window; no HTTP client yet.

    ``connect_server(till.server, connection)`` builds the HTTP client later (the cold start:
    after the window is shown); requests wait for it meanwhile. When the ledger holds unfinished
    sales, their reconciliation is started here (``CheckoutPresenter.start_recovery``): it runs
    as soon as the event loop turns, so the last run's unpaid basket is back before anything is
    scanned; a sale that needs the server waits for it.

    Args:
        profile: ``DEMO``, ``TESTING`` or ``LIVE``.
        paper_width: characters per receipt line (printer settings); ``None``: the default.
        shop_lines: the shop's name and address for the receipt head, as the back office gets
            them; ``None``: the merchant's name from the server.
        install_scanner: install the scanner filter on ``app`` now; ``False``: the caller does
            it (the cold start: right after the first paint).
        defer_recovery: build without a running event loop (the cold start): an unfinished
            sale only holds basket changes back, and the caller starts its reconciliation with
            ``presenter.start_recovery_if_expected()`` once the loop runs.
        receipt_page: build the window's (hidden) receipt page now; ``False``: the caller calls
            ``window.build_receipt_page()`` (the cold start: right after the first paint).
        sign_sales: sign every sale with the TSE (the signer is attached by
            :func:`connect_server`); ``None``: in demo mode only (the simulator's TSE).
    """
    from pos_gui.app.ledger_check import open_ledger
    from pos_gui.services.catalog import CATALOG_FILE, DEMO_CATALOG_FILE, Catalog
    from pos_gui.services.checkout import CheckoutService
    from pos_gui.services.server_connection import ServerConnection
    from pos_gui.ui.main_window import MainWindow
    from pos_gui.ui.presenters.checkout_presenter import CheckoutPresenter
    from pos_gui.ui.widgets.scanner_filter import ScannerFilter

    # First, before any widget: a ledger that cannot be read stops the start with a clear word.
    ledger = open_ledger(journal_path)
    server = ServerConnection()
    if sign_sales is None:
        # Demo signs with the simulator's TSE; live always has the signing, which refuses to
        # sell while no TSE is configured (pos_gui.services.fiscal_setup).
        sign_sales = profile in ("DEMO", "LIVE")
    fiscal = (
        _fiscal_signing(ledger, training=profile == "DEMO", live=profile == "LIVE") if sign_sales else None
    )
    checkout = CheckoutService(server, ledger, device_id=device_id, is_demo=profile == "DEMO", fiscal=fiscal)

    def sales_receipt_of(sale_id: str) -> SalesReceipt | None:
        # The very function the printer's receipts come from. Its module (and the receipt
        # model) is loaded with the first paid sale, not on the way to the first window.
        from pos_gui.services.receipts import sales_receipt_of as from_ledger_row
        from pos_gui.services.receipts import seller_of

        try:
            record = ledger.sale(sale_id)
        except KeyError:
            return None
        return from_ledger_row(record, shop_lines=shop_lines, seller=seller_of(ledger, sale_id))

    # The catalogue store beside the journal, opened on the first scan (not on the way to the
    # first paint); demo mode sells from its own store filled with the demo file.
    if profile == "DEMO":
        catalog = Catalog.open_demo(journal_path.parent / DEMO_CATALOG_FILE)
    else:
        catalog = Catalog.open(journal_path.parent / CATALOG_FILE, last_sale_id=lambda: _last_sale_id(ledger))
    presenter = CheckoutPresenter(
        checkout, catalog, connection_check=server.access_token, sales_receipt_of=sales_receipt_of
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
    if ledger.unfinished_sales():
        # The last run left a sale open: it may become the current sale again, so basket
        # changes wait until the reconciliation has had its turn (a moment, unless that sale
        # needs the server).
        if defer_recovery:
            presenter.expect_recovery()
        else:
            presenter.start_recovery()
    if fiscal is not None:
        from pos_gui.ui.tse_status import install_tse_status

        install_tse_status(window, fiscal, presenter)
    return Till(app, server, ledger, checkout, presenter, scanner, window, fiscal=fiscal)


def _fiscal_signing(ledger: Ledger, *, training: bool, live: bool = False) -> FiscalSigning:
    """The TSE signing of the till's sales; demo sales are signed as ``AVTraining``."""
    from pos_gui.services.fiscal_signing import FiscalSigning

    return FiscalSigning(ledger, training=training, live=live)


def _last_sale_id(ledger: Ledger) -> str | None:
    """The sale paid last: an import can be undone only while it is still the same one."""
    sale = ledger.last_completed()
    return None if sale is None else sale.sale_id


@dataclass
class HeadlessTill:
    """A till without Qt (crash tests, the chaos bench): its server connection, ledger, checkout."""

    server: ServerConnection
    journal: Ledger
    checkout: CheckoutService
    fiscal: FiscalSigning | None = None

    async def aclose(self) -> None:
        """Close the TSE and HTTP clients, then the ledger."""
        if self.fiscal is not None:
            await self.fiscal.aclose()
        await self.server.aclose()
        self.journal.close()


def build_headless_till(
    connection: Connection,
    journal_path: Path,
    *,
    device_id: str,
    is_demo: bool = True,
    timeout: float | None = None,
    backoff: Sequence[float] | None = None,
) -> HeadlessTill:
    """The checkout the till window has, without the window: same ledger, same server connection.

    ``timeout``: the HTTP time-out in seconds (``None``: the transport's default); ``backoff``:
    the waits between reads of an unknown outcome (``None``: the checkout's default).
    """
    from pos_gui.app.ledger_check import open_ledger
    from pos_gui.services.checkout import CheckoutService
    from pos_gui.services.server_connection import ServerConnection

    ledger = open_ledger(journal_path)
    server = ServerConnection()
    fiscal = _fiscal_signing(ledger, training=is_demo) if connection.tse is not None else None
    connect_server(server, connection, timeout=timeout, fiscal=fiscal)
    options: dict[str, Any] = {} if backoff is None else {"backoff": backoff}
    checkout = CheckoutService(server, ledger, device_id=device_id, is_demo=is_demo, fiscal=fiscal, **options)
    return HeadlessTill(server, ledger, checkout, fiscal)


def connect_server(
    server: ServerConnection,
    connection: Connection,
    *,
    timeout: float | None = None,
    fiscal: FiscalSigning | None = None,
) -> None:
    """Build the HTTP client, authenticator and API client for ``connection``; attach them.

    Sends nothing. Imports httpx and the API models, so the cold start calls it off the GUI
    thread's critical path, after the window is shown. ``timeout``: the HTTP time-out in
    seconds; ``None``: the transport's default. ``fiscal``: the till's TSE signing, which gets
    its signer for ``connection.tse`` here too.
    """
    if fiscal is not None and connection.tse_refusal is not None:
        fiscal.refuse(connection.tse_refusal)
    if fiscal is not None and connection.tse is not None:
        attach_tse(fiscal, connection.tse)
    from pos_gui.api.auth import Authenticator
    from pos_gui.api.client import SecuconnectClient
    from pos_gui.api.transport import build_http_client

    http = (
        build_http_client(connection.api_url)
        if timeout is None
        else build_http_client(connection.api_url, timeout=timeout)
    )
    authenticator = Authenticator(http, connection.credentials, on_refresh_token=connection.on_refresh_token)
    server.attach(SecuconnectClient(http, authenticator), authenticator)


def attach_tse(fiscal: FiscalSigning, access: TseAccess) -> None:
    """Build the signer for ``access`` (fiskaly on its own httpx client at the TSE's API root, or
    the demo-only no-TSE signer) and attach it."""
    from pos_gui.app.tse_setup import attach_signer

    attach_signer(fiscal, access)


def secret_store(paths: AppPaths) -> SecretStore:
    """The till's secret store, every value it reads or writes masked in the logs."""
    from pos_gui.config.secrets import SecretStore
    from pos_gui.logging_setup import register_secret

    return SecretStore(paths, on_secret=register_secret)


def install_backoffice(
    till: Till, settings: Settings, paths: AppPaths, shop_lines: Sequence[str] | None
) -> Any:
    """Add the back office (receipts, reprint, drawer, today's sales, printer settings, support
    bundle) to the till's window; returns it, for shutdown (``wait_idle``)."""
    from pos_gui.services.printing import PrintingService
    from pos_gui.ui.backoffice import install_backoffice as add_backoffice_menus

    backoffice = add_backoffice_menus(
        till.window,
        journal=till.journal,
        printing=PrintingService(settings.printer),
        settings=settings,
        paths=paths,
        checkout_presenter=till.presenter,
        shop_lines=shop_lines,
    )
    # "Einstellungen → TSE …": the key store is opened only with the page (it may ask the keyring).
    from pos_gui.app.tse_setup import check_tse_settings
    from pos_gui.ui.tse_dialog import install_tse_setting

    backoffice.tse_setting = install_tse_setting(
        till.window, backoffice, secrets=lambda: secret_store(paths), check=check_tse_settings
    )
    return backoffice


# Beside the journal: the till's cashiers (names, roles, PIN hashes).
CASHIERS_FILE = "cashiers.sqlite3"


def build_shop_day(till: Till, *, idle_lock_minutes: float = 5, printing: Any = None) -> Any:
    """The day's services (cashiers, shift, closing, Storno) and their presenter, on ``till.day``.

    Demo mode gets the ready demo cashiers. ``printing``: where slips and reports are printed
    (the back office's printing service), ``None``: not printed.
    """
    from pos_gui.services.cashiers import CashierSession, CashierStore
    from pos_gui.services.closing import Closing
    from pos_gui.services.shift import Shift
    from pos_gui.services.storno import StornoService
    from pos_gui.ui.day import DayPresenter, DayServices

    data_dir = till.journal.path.parent
    session = CashierSession(
        CashierStore(data_dir / CASHIERS_FILE), till.journal, idle_lock_minutes=idle_lock_minutes
    )
    if till.window.is_demo:
        session.ensure_demo_cashiers()
    storno = StornoService(till.server, till.journal, session)
    if till.fiscal is not None:
        # The Storno receipt is signed by the TSE as its own transaction (docs/fiscal.md).
        from pos_gui.services.storno_signing import StornoSigning

        storno.sign_storno = StornoSigning(till.fiscal).sign_storno
    services = DayServices(session, Shift(till.journal, session), Closing(till.journal, session), storno)
    width = (lambda: printing.settings.width) if printing is not None else (lambda: 42)
    till.day = DayPresenter(
        services, till.checkout, printing, paper_width=width, demo=till.window.is_demo, parent=till.window
    )
    return till.day


def install_shop_day(
    till: Till, backoffice: Any, settings: Settings, paths: AppPaths, *, auto_login: bool = False
) -> Any:
    """The day's screens on the till's window (after the first paint): the login shows at once.

    ``auto_login``: log the first demo cashier in without the login screen (the smoke test).
    """
    from pos_gui.ui.day import install_shop_day as add_day_screens

    presenter = build_shop_day(
        till, idle_lock_minutes=settings.idle_lock_minutes, printing=backoffice.printing
    )
    if auto_login and till.window.is_demo:
        from pos_gui.services.cashiers import DEMO_CASHIERS

        first = presenter.cashiers()[0]
        presenter.log_in(first.cashier_id, DEMO_CASHIERS[0][2])
    shop_lines = settings.shop.receipt_lines()
    return add_day_screens(
        till.window, presenter, shop_lines=shop_lines, pdf_folder=paths.data_dir / "reports"
    )


def install_demo_menu(till: Till, backoffice: Any, connection: Connection, data_dir: Path) -> Any:
    """The presenter's "Demo" menu on the till's window, in demo mode only (else ``None``).

    Its remote control talks to the simulator at ``connection.api_url``; the demo cards come
    from the simulator's demo data, the resets are recorded in ``data_dir``.
    """
    if connection.profile != "DEMO":
        return None
    from pos_gui.app.connection import demo_card_list
    from pos_gui.services.demo_control import DemoControl, DemoResetLog
    from pos_gui.ui.demo_menu import install_demo_menu as add_demo_menu

    demo = DemoControl(connection.api_url, demo_card_list(), DemoResetLog(data_dir / DEMO_RESETS_FILE))
    return add_demo_menu(
        till.window,
        demo,
        printing=backoffice.printing,
        saved_printer=lambda: backoffice.settings.printer,
        sales_today=backoffice.sales_today,
    )


def build_setup_window(paths: AppPaths, settings: Settings) -> SetupWindow:
    """The installer's first-run setup (Demo / Testing / Live, pairing)."""
    from pos_gui.services.pairing import DevicePairing
    from pos_gui.ui.setup.setup_window import SetupWindow

    return SetupWindow(DevicePairing(paths, secret_store(paths), settings=settings))

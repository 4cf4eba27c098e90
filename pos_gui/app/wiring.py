"""The one place that builds the till's objects and passes each its collaborators.

Nothing else in ``pos_gui`` constructs a service, a ledger, a presenter or a window for the till:
:func:`build_till_window` builds ledger, checkout, presenter, scanner filter and window;
:func:`connect_server` builds the HTTP client, authenticator and API client (after the window is
shown: the cold start) and attaches them to the till's
:class:`~pos_gui.services.server_connection.ServerConnection`; :func:`secret_store` builds the key
store access. What the window gets after its first paint (back office, the shop's day, the Demo
menu) and the first-run setup are built in :mod:`pos_gui.app.window_extras`. There are no
module-level singletons anywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from pos_gui.app.connection import Connection, TrainingServer, TseAccess
    from pos_gui.config.paths import AppPaths
    from pos_gui.config.secrets import SecretStore
    from pos_gui.core.sales_receipt import SalesReceipt
    from pos_gui.services.checkout import CheckoutService
    from pos_gui.services.fiscal_signing import FiscalSigning
    from pos_gui.services.ledger import Ledger
    from pos_gui.services.server_connection import ServerConnection


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
    # The cold start's TSE signing, attached right after the first paint (attach_fiscal_signing).
    attach_fiscal_after_paint: Callable[[], None] | None = None
    # The day's services and screens (login, float, cash moves, X/Z, Storno): build_shop_day.
    day: Any = None
    # Training mode's own simulator (testing and live mode), built when training is switched on.
    training: TrainingServer | None = None

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
            await self.day.shutdown()
            self.day.services.cashiers.store.close()
        if self.fiscal is not None:
            await self.fiscal.aclose()
        if self.training is not None:
            await self.training.aclose()
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
    fiscal_after_paint: bool = False,
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
            :func:`connect_server`); ``None``: in demo and live mode.
        fiscal_after_paint: the cold start: the signing is left to
            ``till.attach_fiscal_after_paint()``, called right after the first paint (its
            modules are not needed to paint the window, and no sale opens before the loop runs).
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
    training = _training_server(is_demo=profile == "DEMO")
    checkout = CheckoutService(
        server,
        ledger,
        device_id=device_id,
        is_demo=profile == "DEMO",
        training_server=training.connection if training is not None else None,
    )

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
    till = Till(app, server, ledger, checkout, presenter, scanner, window, training=training)
    if sign_sales:
        if fiscal_after_paint:
            till.attach_fiscal_after_paint = lambda: attach_fiscal_signing(till, profile)
        else:
            attach_fiscal_signing(till, profile)
    return till


def attach_fiscal_signing(till: Till, profile: str) -> None:
    """Sign the till's sales with the TSE: the signing on the checkout, the status bar's TSE
    label, live mode's refusal to sell without a TSE (demo signs as training)."""
    from pos_gui.ui.tse_status import install_tse_status

    fiscal = _fiscal_signing(till.journal, training=profile == "DEMO", live=profile == "LIVE")
    till.checkout.attach_fiscal(fiscal)
    install_tse_status(till.window, fiscal, till.presenter)
    till.fiscal = fiscal
    till.attach_fiscal_after_paint = None


def _training_server(*, is_demo: bool) -> TrainingServer | None:
    """Training mode's own simulator in testing and live mode (nothing runs until training is
    switched on); ``None`` in demo mode, whose server is a simulator already."""
    if is_demo:
        return None
    from pos_gui.app.connection import TrainingServer

    return TrainingServer()


def _fiscal_signing(ledger: Ledger, *, training: bool, live: bool = False) -> FiscalSigning:
    """The TSE signing of the till's sales; demo sales are signed as ``AVTraining``. Its
    reconciliation also signs the Stornos an outage left unsigned (docs/fiscal.md)."""
    from pos_gui.services.fiscal_signing import FiscalSigning

    fiscal = FiscalSigning(ledger, training=training, live=live)

    async def retry_unsigned_stornos() -> int:
        # Imported when a reconciliation runs, never on the way to the first window (asyncio).
        from pos_gui.services.storno_signing import StornoSigning

        return await StornoSigning(fiscal).retry_unsigned()

    fiscal.also_reconcile = retry_unsigned_stornos
    return fiscal


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
    training: TrainingServer | None = None

    async def aclose(self) -> None:
        """Close the TSE and HTTP clients (and the training simulator), then the ledger."""
        if self.fiscal is not None:
            await self.fiscal.aclose()
        if self.training is not None:
            await self.training.aclose()
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
    training = _training_server(is_demo=is_demo)
    if training is not None:
        options["training_server"] = training.connection
    checkout = CheckoutService(server, ledger, device_id=device_id, is_demo=is_demo, fiscal=fiscal, **options)
    return HeadlessTill(server, ledger, checkout, fiscal, training)


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

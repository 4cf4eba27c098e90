"""What the till window gets after its first paint, and the first-run setup window.

Part of the composition root (:mod:`pos_gui.app.wiring` builds the till itself): the back office
(receipts, printing, today's sales, settings pages), the shop's day (cashiers, float, cash moves,
X/Z, Storno), the presenter's "Demo" menu (demo mode only) and the installer's first-run setup.
Each is built here and handed its collaborators; nothing else constructs them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pos_gui.app.wiring import Till, secret_store

if TYPE_CHECKING:
    from pos_gui.app.connection import Connection
    from pos_gui.config.paths import AppPaths
    from pos_gui.config.settings import Settings
    from pos_gui.ui.setup.setup_window import SetupWindow

# Beside the demo journal: when the presenter last reset the demo (not a sale event).
DEMO_RESETS_FILE = "demo-resets.json"


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


# Beside the journal: the till's cashiers (names, roles, PIN hashes). Demo mode keeps its demo
# cashiers (with their well-known PINs) in a file of its own, never among a real till's.
CASHIERS_FILE = "cashiers.sqlite3"
DEMO_CASHIERS_FILE = "cashiers-demo.sqlite3"


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
    cashiers_file = DEMO_CASHIERS_FILE if till.window.is_demo else CASHIERS_FILE
    session = CashierSession(
        CashierStore(data_dir / cashiers_file), till.journal, idle_lock_minutes=idle_lock_minutes
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

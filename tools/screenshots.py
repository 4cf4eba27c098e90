"""Screenshots of the real till for the README, against the embedded simulator (German).

Run under a real X server (Xvfb) so fonts and styles are what a cashier sees (``make screenshots``)::

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python -m tools.screenshots

The till is built as ``pos-gui --demo`` builds it (Qt's German catalogue, style sheet, back office,
the day's screens with the demo cashiers, the Demo menu) and driven through a shop's day: the
login, sales, a Storno, the reports. Saves into ``docs/``:

- ``screenshot-login.png``: the login over the till, the demo cashiers and their PINs;
- ``screenshot-empty.png``: the till after the login and the opening float, DEMO banner on top,
  cashier and TSE in the status bar;
- ``screenshot-article-search.png``: the search popup under the article field ("brot");
- ``screenshot-card-applied.png``: a basket with a card's balance applied and cash tendered;
- ``screenshot-receipt.png``: the paid sale's receipt on screen (its head);
- ``screenshot-receipt-tse.png``: the same receipt scrolled to its TSE block, QR code and barcode;
- ``screenshot-checking-payment.png``: "Zahlung wird geprüft …" after start/cash got no answer
  (the simulator books the payment, then drops the connection; the read-back is held back);
- ``screenshot-product-grid.png``: the product grid (F7) beside a basket filled from it;
- ``screenshot-sales-today.png``: today's sales after three sales, one receipt selected;
- ``screenshot-demo-cards.png``: Demo → "Demokarten …" with the balances read from the simulator;
- ``screenshot-cash-out.png``: "Geld entnehmen" filled in (then booked);
- ``screenshot-storno-receipt.png``: the Storno of the card sale booked ("Storno zu Bon-Nr. …"),
  its receipt beside it from the heading down to the TSE block;
- ``screenshot-storno-asked-again.png``: the Storno of the product grid's sale whose answer was
  lost: "der Storno wird nachgefragt" while the till asks the server again (held back);
- ``screenshot-storno-booked-later.png``: the till after that read-back: "Storno zu Bon-Nr. …
  nachträglich gebucht. Bar auszahlen: …" in the message bar;
- ``screenshot-x-report.png``: the X report of the day so far;
- ``screenshot-z-closing.png``: the Z closing with the count by denomination filled in, ten
  cents short (not booked);
- ``screenshot-print-failure.png``: the print failure dialog over the till (a network printer at
  a closed loopback port);
- ``screenshot-setup-pairing.png``: the first-run setup (Testing, the simulator's URL) showing the
  device pairing code.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_API", "pyside6")

import httpx
from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTextEdit, QWidget

DOCS = Path(__file__).resolve().parents[1] / "docs"
SCREEN_SIZE = (1366, 768)
SEED_CARD = "9276000000000029"
# Long enough to be sure of the shot, short enough not to slow the run much.
READ_BACK_DELAY_MS = 3000
# Between two keys a person types: faster keys are a scan for the scanner filter.
TYPING_DELAY_MS = 70


async def wait_for(condition: Callable[[], bool]) -> None:
    """Poll ``condition`` while the loop runs (never a nested Qt loop inside a coroutine)."""
    async with asyncio.timeout(15):
        while not condition():  # noqa: ASYNC110 - the condition is widget state, not an event
            await asyncio.sleep(0.02)


async def settle() -> None:
    """Let layouts, repaints and the X server catch up before a grab."""
    await asyncio.sleep(0.3)
    QApplication.processEvents()


def type_and_enter(widget: QWidget, text: str) -> None:
    """Keyed in at a scanner's speed (articles, cards) or into a scanner-free field."""
    QTest.keyClicks(widget, text)
    QTest.keyClick(widget, Qt.Key.Key_Return)


def closed_loopback_port() -> int:
    """A loopback port nobody listens on: a printer that refuses the connection at once."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


class Camera:
    """Saves window grabs (one widget) and screen grabs (a dialog over the till) into ``out_dir``."""

    def __init__(self, app: QApplication, out_dir: Path) -> None:
        self.app = app
        self.out_dir = out_dir

    def widget(self, widget: QWidget, name: str) -> None:
        self._save(widget.grab(), name)

    def screen(self, name: str) -> None:
        screen = self.app.primaryScreen()
        self._save(screen.grabWindow(0, 0, 0, *SCREEN_SIZE), name)

    def _save(self, pixmap: QPixmap, name: str) -> None:
        path = self.out_dir / name
        if not pixmap.save(str(path)):
            raise RuntimeError(f"could not save {path}")
        print(f"saved {path} ({pixmap.width()}x{pixmap.height()})")


@dataclass
class Scene:
    """The till under the camera: what each shot drives."""

    camera: Camera
    admin: httpx.Client
    till: Any
    backoffice: Any
    screens: Any
    demo_menu: Any

    @property
    def window(self) -> Any:
        return self.till.window


async def take(app: QApplication, out_dir: Path) -> None:
    from pos_gui.app.connection import Connection
    from pos_gui.app.qt_app import apply_style_sheet
    from pos_gui.app.window_extras import install_backoffice, install_demo_menu, install_shop_day
    from pos_gui.app.wiring import build_till
    from pos_gui.config.paths import resolve_paths
    from pos_gui.config.settings import PrinterSettings, Settings
    from pos_sim.embedded import start_embedded

    apply_style_sheet(app)
    camera = Camera(app, out_dir)
    simulator = start_embedded()
    with (
        httpx.Client(base_url=simulator.url, timeout=10.0) as admin,
        tempfile.TemporaryDirectory() as scratch,
    ):
        paths = resolve_paths(Path(scratch) / "till")
        settings = Settings(printer=PrinterSettings(kind="none"))
        connection = Connection.demo(simulator.url)
        # As run_till builds it: till, back office, the day's screens (the login), Demo menu.
        till = build_till(app, connection, paths.journal_file, device_id="screenshots")
        backoffice = install_backoffice(till, settings, paths, shop_lines=None)
        try:
            till.window.move(0, 0)
            till.window.resize(*SCREEN_SIZE)
            till.window.show()
            screens = install_shop_day(till, backoffice, settings, paths)
            demo_menu = install_demo_menu(till, backoffice, connection, paths.data_dir)
            scene = Scene(camera, admin, till, backoffice, screens, demo_menu)
            await till.presenter.start_up_now()
            await shoot_login(scene)
            card_sale = await shoot_sales(scene)
            grid_sale = await shoot_product_grid(scene)
            await shoot_back_office(scene, card_sale)
            await shoot_day_screens(scene, card_sale)
            await shoot_storno_asked_again(scene, grid_sale)
            await shoot_print_failure(scene)
            await shoot_setup_pairing(camera, Path(scratch) / "setup", simulator.url)
        finally:
            await backoffice.wait_idle()
            await till.aclose()
            simulator.stop()


async def shoot_login(scene: Scene) -> None:
    """The login with the demo cashiers; Anna logs in and counts the opening float."""
    overlay = scene.screens.overlay
    await wait_for(overlay.isVisible)
    await settle()
    scene.camera.widget(scene.window, "screenshot-login.png")
    overlay.select_cashier("Anna Demo")
    overlay.pin_input.setText("1234")
    overlay.login_button.click()
    await wait_for(lambda: overlay.float_input.isVisible())
    type_and_enter(overlay.float_input, "150,00")
    await wait_for(lambda: not overlay.isVisible())
    scene.window.message_bar.clear()  # the cashier has read "Anfangsbestand gezählt: …"
    await settle()
    scene.camera.widget(scene.window, "screenshot-empty.png")


async def shoot_sales(scene: Scene) -> str | None:
    """The search popup, a card sale and its receipt, a lost answer, a cash sale; returns the
    card sale's id (for the sales list and the Storno)."""
    window, presenter, till = scene.window, scene.till.presenter, scene.till
    article = window.basket_view.article_input

    # The search popup: letters typed into the article field (slowly, as a person types).
    article.setFocus()
    QTest.keyClicks(article, "brot", delay=TYPING_DELAY_MS)
    await wait_for(article.popup_is_open)
    await settle()
    scene.camera.screen("screenshot-article-search.png")
    QTest.keyClick(article, Qt.Key.Key_Escape)
    article.clear()

    # Sale 1: a card's balance applied, the rest in cash, through the widgets.
    type_and_enter(article, "30037")
    type_and_enter(article, "30200")
    type_and_enter(article, "2*4999012345678")
    type_and_enter(window.card_panel.card_input, SEED_CARD)
    await wait_for(lambda: till.checkout.card is not None)
    window.payment_panel.apply_card_button.click()
    await wait_for(lambda: till.checkout.applied is not None and not presenter.snapshot().busy)
    window.payment_panel.tendered_input.setFocus()
    QTest.keyClicks(window.payment_panel.tendered_input, "5,00")
    await wait_for(lambda: "2,04" in window.payment_panel.change_label.text())
    await settle()
    scene.camera.widget(window, "screenshot-card-applied.png")

    window.payment_panel.pay_cash_button.click()
    await wait_for(lambda: presenter.snapshot().showing_receipt)
    await wait_for(lambda: "TSE-Signatur" in window.receipt_preview.toPlainText())
    await settle()
    scene.camera.widget(window, "screenshot-receipt.png")
    scroll_to(window.receipt_preview, "TSE-Transaktion")
    await settle()
    scene.camera.widget(window, "screenshot-receipt-tse.png")
    card_sale: str | None = till.checkout.sale_id

    # Sale 2: start/cash is booked but its answer is lost; the read-back is slow.
    presenter.new_sale()
    type_and_enter(article, "30037")
    type_and_enter(article, "2*30200")
    arm_fault(scene.admin, method="POST", path="/api/v2/Smart/Transactions/*/start/cash", fault="drop_after")
    arm_fault(
        scene.admin,
        method="GET",
        path="/api/v2/Smart/Transactions/*",
        fault="latency",
        latency_ms=READ_BACK_DELAY_MS,
    )
    window.payment_panel.pay_cash_button.click()
    await wait_for(lambda: presenter.snapshot().unknown)
    await settle()
    scene.camera.widget(window, "screenshot-checking-payment.png")
    await wait_for(lambda: presenter.snapshot().showing_receipt)
    clear_faults(scene.admin)
    return card_sale


async def shoot_product_grid(scene: Scene) -> str | None:
    """Sale 3 from the product grid (F7), paid in cash, exact amount; returns its id."""
    window, presenter = scene.window, scene.till.presenter
    presenter.new_sale()
    window.product_grid.toggle()
    await wait_for(lambda: window.product_grid.shown)
    await settle()
    grid = window.product_grid.grid
    for group, picks in (("Heißgetränke", 2), ("Brot & Brötchen", 1), ("Snacks", 0)):
        grid.show_page(group)
        await settle()
        for button in grid.article_buttons[:picks]:
            button.click()
    await wait_for(lambda: len(presenter.snapshot().lines) == 3)
    window.message_bar.clear()
    await settle()
    scene.camera.widget(window, "screenshot-product-grid.png")
    window.product_grid.toggle()
    window.payment_panel.pay_cash_button.click()
    await wait_for(lambda: presenter.snapshot().showing_receipt)
    grid_sale: str | None = scene.till.checkout.sale_id
    return grid_sale


async def shoot_back_office(scene: Scene, card_sale: str | None) -> None:
    """Today's sales (the card sale selected) and the Demo menu's card list."""
    dialog = scene.backoffice.show_sales_today()
    centre(dialog, 1000, 640)
    await settle()
    if card_sale is not None:
        dialog.select_sale(card_sale)
    await settle()
    scene.camera.widget(dialog, "screenshot-sales-today.png")
    dialog.close()

    cards = scene.demo_menu.show_cards()
    await scene.demo_menu.wait_idle()
    await settle()
    scene.camera.widget(cards, "screenshot-demo-cards.png")
    cards.close()
    await settle()


async def shoot_day_screens(scene: Scene, card_sale: str | None) -> None:
    """Cash out, the Storno of the card sale, the X report, the Z closing with its count."""
    screens, camera = scene.screens, scene.camera
    cash_out = screens.open_cash_move(taking_out=True)
    cash_out.amount_input.setText("50,00")
    cash_out.reason_input.setText("Einzahlung Bank")
    await settle()
    camera.widget(cash_out, "screenshot-cash-out.png")
    cash_out.book()  # Anna is a manager: no second PIN
    await wait_for(lambda: not cash_out.isVisible())

    storno = screens.open_storno()
    centre(storno, 900, 680)
    assert card_sale is not None
    storno.choose_number(scene.till.journal.sale(card_sale).sale_number)
    storno.reason_input.setText("Falscher Artikel")
    storno.reverse()
    await wait_for(lambda: "gebucht" in storno.status_label.text())
    await screens.presenter.wait_idle()
    await settle()
    camera.widget(storno, "screenshot-storno-receipt.png")
    storno.close()

    x_report = screens.open_x_report()
    centre(x_report, 560, 700)
    await settle()
    camera.widget(x_report, "screenshot-x-report.png")
    x_report.close()

    z_closing = screens.open_z_closing()
    centre(z_closing, 940, 680)
    # The drawer as counted: ten cents short of the cash expected.
    for denomination, count in count_of(screens.presenter.expected_cash() - 10).items():
        z_closing.count_fields[denomination].setText(str(count))
    await settle()
    camera.widget(z_closing, "screenshot-z-closing.png")
    z_closing.close()
    await settle()


async def shoot_storno_asked_again(scene: Scene, sale_id: str | None) -> None:
    """A Storno whose cancel is booked on the server but whose answer is lost; the till asks
    again (the read-back held back for the shot), books it and says so in the message bar."""
    screens, camera, window = scene.screens, scene.camera, scene.window
    assert sale_id is not None
    arm_fault(scene.admin, method="POST", path="/api/v2/Smart/Transactions/*/cancel", fault="drop_after")
    arm_fault(
        scene.admin,
        method="GET",
        path="/api/v2/Smart/Transactions/*",
        fault="latency",
        latency_ms=READ_BACK_DELAY_MS,
    )
    storno = screens.open_storno()
    centre(storno, 900, 680)
    storno.choose_number(scene.till.journal.sale(sale_id).sale_number)
    storno.reason_input.setText("Kunde hat es sich anders überlegt")
    storno.reverse()
    await wait_for(lambda: "nachgefragt" in storno.status_label.text())
    await settle()
    camera.widget(storno, "screenshot-storno-asked-again.png")
    await wait_for(lambda: "nachträglich gebucht" in window.message_bar.text())
    await screens.presenter.wait_idle()
    clear_faults(scene.admin)
    storno.close()
    await settle()
    camera.widget(window, "screenshot-storno-booked-later.png")
    window.message_bar.clear()


async def shoot_print_failure(scene: Scene) -> None:
    """A receipt printer at a closed port: the next sale's receipt fails."""
    from pos_gui.config.settings import PrinterSettings

    window, presenter, backoffice = scene.window, scene.till.presenter, scene.backoffice
    backoffice.save_printer_settings(
        PrinterSettings(kind="network", address=f"127.0.0.1:{closed_loopback_port()}")
    )
    window.message_bar.clear()  # the cashier has read "Druckereinstellungen gespeichert."
    presenter.new_sale()
    type_and_enter(window.basket_view.article_input, "30037")
    window.payment_panel.pay_cash_button.click()
    await wait_for(lambda: backoffice.output.failure_dialog is not None)
    failure = backoffice.output.failure_dialog
    assert failure is not None
    await wait_for(failure.isVisible)
    await settle()
    scene.camera.screen("screenshot-print-failure.png")
    failure.continue_button.click()
    await backoffice.wait_idle()


def centre(dialog: QWidget, width: int, height: int) -> None:
    dialog.resize(width, height)
    dialog.move((SCREEN_SIZE[0] - width) // 2, (SCREEN_SIZE[1] - height) // 2)


def scroll_to(preview: QTextEdit, text: str) -> None:
    """Scroll ``preview`` so that the line holding ``text`` is at its top."""
    cursor = preview.document().find(text)
    if cursor.isNull():
        raise RuntimeError(f"{text!r} is not in the receipt")
    bar = preview.verticalScrollBar()
    bar.setValue(bar.value() + preview.cursorRect(cursor).top() - 4)


def count_of(amount: int) -> dict[int, int]:
    """``amount`` cents in notes and coins, largest first (how a drawer is counted)."""
    from pos_gui.services.closing import EURO_DENOMINATIONS

    counts: dict[int, int] = {}
    for denomination in sorted(EURO_DENOMINATIONS, reverse=True):
        count, amount = divmod(amount, denomination)
        if count:
            counts[denomination] = count
    return counts


# The simulator's admin calls answer at once; a blocking client keeps the script plain.
def arm_fault(admin: httpx.Client, **fault: Any) -> None:
    admin.post("/_sim/faults", json={"count": 1, **fault}).raise_for_status()


def clear_faults(admin: httpx.Client) -> None:
    admin.delete("/_sim/faults").raise_for_status()


async def shoot_setup_pairing(camera: Camera, folder: Path, simulator_url: str) -> None:
    """The first-run setup, Testing against the simulator's device flow, showing the code."""
    import keyring.backends.fail

    from pos_gui.config.paths import resolve_paths
    from pos_gui.config.secrets import SecretStore
    from pos_gui.services.pairing import DevicePairing
    from pos_gui.ui.setup import SetupWindow
    from pos_sim.settings import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET

    paths = resolve_paths(folder)
    # Nothing is approved here, so no secret is ever stored; the fail backend keeps the
    # machine's own key store out of it.
    window = SetupWindow(DevicePairing(paths, SecretStore(paths, backend=keyring.backends.fail.Keyring())))
    try:
        window.resize(800, 600)
        window.move((SCREEN_SIZE[0] - 800) // 2, (SCREEN_SIZE[1] - 600) // 2)
        window.show()
        window.testing_option.setChecked(True)
        window.next_button.click()
        window.server_url_edit.setText(simulator_url)
        window.client_id_edit.setText(DEMO_CLIENT_ID)
        window.client_secret_edit.setText(DEMO_CLIENT_SECRET)
        window.pair_button.click()
        await wait_for(lambda: window.user_code_label.text() != "" and window.countdown_label.text() != "")
        await settle()
        camera.widget(window, "screenshot-setup-pairing.png")
    finally:
        window.cancel_pairing()
        # Let the cancelled pairing task end (it closes its HTTP client) before the window goes.
        await settle()
        window.close()
        window.deleteLater()
        await settle()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=DOCS)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    import qasync

    from pos_gui.ui.i18n import install_translators

    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    # As a German cashier sees it: Qt's own texts (standard buttons, "Strg") in German too.
    translators = install_translators(app, "de")
    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner:
        runner.run(take(app, args.out))
    del translators
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

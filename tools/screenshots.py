"""Screenshots of the real till for the README, against the embedded simulator (German).

Run under a real X server (Xvfb) so fonts and styles are what a cashier sees (``make screenshots``)::

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python -m tools.screenshots

The till is built as ``pos-gui --demo`` builds it (Qt's German catalogue, style sheet, back office
with receipts and printer settings) and driven through real sales. Saves into ``docs/``:

- ``screenshot-empty.png``: the till after start-up, DEMO banner on top;
- ``screenshot-card-applied.png``: a basket with a card's balance applied and cash tendered;
- ``screenshot-receipt.png``: the paid sale's receipt on screen;
- ``screenshot-checking-payment.png``: "Zahlung wird geprüft …" after start/cash got no answer
  (the simulator books the payment, then drops the connection; the read-back is held back);
- ``screenshot-sales-today.png``: today's sales after three sales, one receipt selected;
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
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_API", "pyside6")

import httpx
from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

DOCS = Path(__file__).resolve().parents[1] / "docs"
SCREEN_SIZE = (1366, 768)
SEED_CARD = "9276000000000029"
# Long enough to be sure of the shot, short enough not to slow the run much.
READ_BACK_DELAY_MS = 3000


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


async def take(app: QApplication, out_dir: Path) -> None:
    from pos_gui.app.connection import Connection
    from pos_gui.app.startup import apply_style_sheet
    from pos_gui.app.wiring import build_till, install_backoffice
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
        till = build_till(app, connection, paths.journal_file, device_id="screenshots")
        backoffice = install_backoffice(till, settings, paths, shop_lines=None)
        window = till.window
        presenter = till.presenter
        try:
            window.move(0, 0)
            window.resize(*SCREEN_SIZE)
            window.show()
            await till.presenter.start_up_now()
            await settle()
            camera.widget(window, "screenshot-empty.png")

            # Sale 1: a card's balance applied, the rest in cash, through the widgets.
            article = window.basket_view.article_input
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
            camera.widget(window, "screenshot-card-applied.png")

            window.payment_panel.pay_cash_button.click()
            await wait_for(lambda: presenter.snapshot().showing_receipt)
            await settle()
            camera.widget(window, "screenshot-receipt.png")
            card_sale = till.checkout.sale_id

            # Sale 2: start/cash is booked but its answer is lost; the read-back is slow.
            presenter.new_sale()
            type_and_enter(article, "30037")
            type_and_enter(article, "2*30200")
            arm_fault(
                admin, method="POST", path="/api/v2/Smart/Transactions/*/start/cash", fault="drop_after"
            )
            arm_fault(
                admin,
                method="GET",
                path="/api/v2/Smart/Transactions/*",
                fault="latency",
                latency_ms=READ_BACK_DELAY_MS,
            )
            window.payment_panel.pay_cash_button.click()
            await wait_for(lambda: presenter.snapshot().unknown)
            await settle()
            camera.widget(window, "screenshot-checking-payment.png")
            await wait_for(lambda: presenter.snapshot().showing_receipt)
            clear_faults(admin)

            # Sale 3: cash, exact amount.
            presenter.new_sale()
            type_and_enter(article, "4999012345678")
            type_and_enter(article, "30200")
            window.payment_panel.pay_cash_button.click()
            await wait_for(lambda: presenter.snapshot().showing_receipt)

            dialog = backoffice.show_sales_today()
            dialog.resize(1000, 640)
            dialog.move((SCREEN_SIZE[0] - 1000) // 2, (SCREEN_SIZE[1] - 640) // 2)
            await settle()
            if card_sale is not None:
                dialog.select_sale(card_sale)
            await settle()
            camera.widget(dialog, "screenshot-sales-today.png")
            dialog.close()

            # A receipt printer at a closed port: the next sale's receipt fails.
            backoffice.save_printer_settings(
                PrinterSettings(kind="network", address=f"127.0.0.1:{closed_loopback_port()}")
            )
            window.message_bar.clear()  # the cashier has read "Druckereinstellungen gespeichert."
            presenter.new_sale()
            type_and_enter(article, "30037")
            window.payment_panel.pay_cash_button.click()
            await wait_for(lambda: backoffice.output.failure_dialog is not None)
            failure = backoffice.output.failure_dialog
            assert failure is not None
            await wait_for(failure.isVisible)
            await settle()
            camera.screen("screenshot-print-failure.png")
            failure.continue_button.click()
            await backoffice.wait_idle()

            await shoot_setup_pairing(camera, Path(scratch) / "setup", simulator.url)
        finally:
            await backoffice.wait_idle()
            await till.aclose()
            simulator.stop()


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

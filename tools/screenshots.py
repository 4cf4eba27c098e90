"""Screenshots of the real till window against the embedded simulator, for the docs.

Run under a real X server (Xvfb) so fonts and styles are what a cashier sees::

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python -m tools.screenshots

Saves ``docs/screenshot-empty.png``, ``docs/screenshot-card-applied.png`` and
``docs/screenshot-receipt.png`` (German).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_API", "pyside6")

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

DOCS = Path(__file__).resolve().parents[1] / "docs"


async def wait_for(condition: Callable[[], bool]) -> None:
    """Poll ``condition`` while the loop runs (never a nested Qt loop inside a coroutine)."""
    async with asyncio.timeout(10):
        while not condition():  # noqa: ASYNC110 - the condition is widget state, not an event
            await asyncio.sleep(0.02)


def type_and_enter(widget: QWidget, text: str) -> None:
    QTest.keyClicks(widget, text)
    QTest.keyClick(widget, Qt.Key.Key_Return)


async def take(app: QApplication, out_dir: Path) -> None:
    from pos_gui.api.auth import ClientCredentials
    from pos_gui.app import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, Connection, _apply_style_sheet, build_till
    from pos_gui.simulator.embedded import start_embedded

    _apply_style_sheet(app)
    simulator = start_embedded()
    with tempfile.TemporaryDirectory() as scratch:
        connection = Connection("DEMO", simulator.url, ClientCredentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET))
        till = build_till(app, connection, Path(scratch) / "journal.sqlite3", device_id="screenshots")
        window = till.window
        try:
            window.resize(1366, 768)
            window.show()
            await till.presenter.start_up_now()
            await asyncio.sleep(0.3)

            def shoot(name: str) -> None:
                path = out_dir / name
                window.grab().save(str(path))
                print(f"saved {path}")

            shoot("screenshot-empty.png")

            article = window.basket_view.article_input
            type_and_enter(article, "30037")
            type_and_enter(article, "30200")
            type_and_enter(article, "2*4999012345678")
            type_and_enter(window.card_panel.card_input, "9276000000000029")
            await wait_for(lambda: till.checkout.card is not None)
            window.payment_panel.apply_card_button.click()
            await wait_for(lambda: till.checkout.applied is not None and not till.presenter.snapshot().busy)
            window.payment_panel.tendered_input.setFocus()
            QTest.keyClicks(window.payment_panel.tendered_input, "5,00")
            await wait_for(lambda: "2,04" in window.payment_panel.change_label.text())
            await asyncio.sleep(0.2)
            shoot("screenshot-card-applied.png")

            window.payment_panel.pay_cash_button.click()
            await wait_for(lambda: till.presenter.snapshot().showing_receipt)
            await asyncio.sleep(0.3)
            shoot("screenshot-receipt.png")
        finally:
            await till.aclose()
            simulator.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=DOCS)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    import qasync

    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner:
        runner.run(take(app, args.out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

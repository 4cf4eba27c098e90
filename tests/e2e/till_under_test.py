"""A real till window in its own process, driven like a cashier, for the kill-and-restart tests.

Run as a script (``QT_QPA_PLATFORM=offscreen``)::

    python tests/e2e/till_under_test.py --api-url URL --journal FILE --until paying

It builds the till with :func:`pos_gui.app.wiring.build_till` against the given server and journal file,
shows the window and types the seed sale into it with ``QTest`` key events: the articles
``30037``, ``30200`` and twice ``4999012345678`` into the article field, the seed card into the
card field, then F12 (``--until paying``); ``--until basket`` stops after the articles,
``--until card`` after the card. It prints one line
per step on stdout (flushed), then keeps running until it is killed, which is what the test does.
As a safety net it exits by itself after ``--max-seconds``.

:func:`open_till` is shared with the test, so the restarted till is built the same way.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")

SEED_ARTICLE_CODES = ("30037", "30200", "4999012345678", "4999012345678")
SEED_CARD = "9276004429942845"
DEVICE_ID = "e2e-kill-test"
STEP_TIMEOUT_SECONDS = 15.0

# Lines printed on stdout; the test waits for them.
READY_LINE = "READY"
BASKET_LINE = "BASKET"
CARD_LINE = "CARD"
F12_LINE = "F12"
PAYING_LINE = "PAYING"
PAID_LINE = "PAID"


def open_till(app: Any, api_url: str, journal_path: Path) -> Any:
    """Build the real till (``pos_gui.app.wiring.build_till``) against ``api_url`` in demo mode."""
    from pos_gui.app.connection import Connection
    from pos_gui.app.wiring import build_till

    connection = Connection.demo(api_url)
    return build_till(app, connection, journal_path, device_id=DEVICE_ID)


def say(line: str) -> None:
    print(line, flush=True)


async def wait_for(condition: Callable[[], bool], what: str) -> None:
    """Let the event loop run until ``condition()`` holds; fail loudly after a while."""
    deadline = time.monotonic() + STEP_TIMEOUT_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"till under test: waited in vain for {what}")
        await asyncio.sleep(0.01)


def child(window: Any, cls: type, name: str) -> Any:
    widget = window.findChild(cls, name)
    if widget is None:
        raise LookupError(f"no {cls.__name__} named {name} in the till window")
    return widget


async def drive(app: Any, args: argparse.Namespace) -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QTableView

    till = open_till(app, args.api_url, args.journal)
    window = till.window
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    await till.presenter.start_up_now()
    say(READY_LINE)

    def type_line(field: QLineEdit, text: str) -> None:
        QTest.keyClicks(field, text)
        QTest.keyClick(field, Qt.Key.Key_Return)

    article_input = child(window, QLineEdit, "articleInput")
    for code in SEED_ARTICLE_CODES:
        type_line(article_input, code)
    basket = child(window, QTableView, "basketTable").model()
    await wait_for(lambda: basket.rowCount() == 3 and till.checkout.basket.total == 796, "the seed basket")
    say(f"{BASKET_LINE} {till.checkout.sale_id}")
    if args.until == "basket":
        return await stay_alive(till, args.max_seconds)

    type_line(child(window, QLineEdit, "cardInput"), SEED_CARD)
    balance = child(window, QLabel, "cardBalanceLabel")
    await wait_for(lambda: till.checkout.card is not None and "10,00 €" in balance.text(), "the card")
    say(f"{CARD_LINE} {till.checkout.sale_id}")

    if args.until == "paying":
        pay_button = child(window, QPushButton, "payCashButton")
        await wait_for(lambda: pay_button.isEnabled() and not till.presenter.snapshot().busy, "Pay")
        QTest.keyClick(window, Qt.Key.Key_F12)
        say(F12_LINE)
        await wait_for(lambda: till.checkout.state.value in ("PAYING", "PAID"), "the payment to start")
        say(f"{PAYING_LINE} {till.checkout.transaction.id}")
        # The test kills the process while start/cash waits for its answer; should the answer come
        # first, say so, so the test can tell why its precondition failed.
        await wait_for(lambda: till.checkout.state.value != "PAYING", "the answer to start/cash")
        say(f"{PAID_LINE} {till.checkout.state.value}")

    return await stay_alive(till, args.max_seconds)


async def stay_alive(till: Any, max_seconds: float) -> int:
    """Keep the window open until killed; the safety net ends a run whose test went away."""
    await asyncio.sleep(max_seconds)
    await till.aclose()
    return 3


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--api-url", required=True)
    parser.add_argument("--journal", type=Path, required=True)
    parser.add_argument("--until", choices=("basket", "card", "paying"), required=True)
    parser.add_argument("--max-seconds", type=float, default=60.0)
    args = parser.parse_args()

    import qasync
    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0]])
    app.setQuitOnLastWindowClosed(False)
    # The same loop as pos_gui.app.startup.main: qasync's Qt loop under asyncio.Runner.
    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner:
        return runner.run(drive(app, args))


if __name__ == "__main__":
    sys.exit(main())

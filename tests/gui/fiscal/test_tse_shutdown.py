"""Closing a demo till right after a sale was given up leaves no TSE step half made.

Discarding a sale queues its TSE cancel in the background; closing the till at once cancels that
background step before it ran. Its coroutine must then never have been made: Python's warning
"coroutine 'FiscalSigning._close' was never awaited" is an error here.
"""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from pos_gui.app import Connection, build_till
from pos_gui.app.window_extras import build_shop_day
from pos_gui.services.ledger import VOIDED
from pos_sim.embedded import EmbeddedSimulator
from tests.gui.day.discard import answer_discard
from tests.helpers.qt import child, enter, run_until_done


@pytest.mark.filterwarnings("error::RuntimeWarning")
@pytest.mark.usefixtures("qloop", "sim_admin")
def test_closing_the_till_just_after_a_discarded_sale_leaves_no_unawaited_tse_step(
    qtbot: QtBot, qapp: QApplication, simulator: EmbeddedSimulator, tmp_path: Path
) -> None:
    till = build_till(qapp, Connection.demo(simulator.url), tmp_path / "journal.sqlite3", device_id="gui-tse")
    assert till.fiscal is not None  # the demo till signs with the simulator's TSE
    day = build_shop_day(till)
    assert day.log_in(day.cashiers()[0].cashier_id, "1234") is None
    till.window.resize(1366, 768)
    till.window.show()
    qtbot.waitExposed(till.window)
    try:
        enter(qtbot, child(till.window, QLineEdit, "articleInput"), "30037")
        sale_id = till.checkout.sale_id
        assert sale_id is not None
        new_sale = till.window.findChild(QAction, "newSaleAction")  # Ctrl+N
        assert new_sale is not None
        new_sale.trigger()
        answer_discard(qtbot, till.window, discard=True)  # "Verkauf verwerfen?" → Ja
        assert till.journal.sale(sale_id).state == VOIDED
    finally:
        # At once: the sale's TSE cancel is still queued behind its start.
        run_until_done(qtbot, till.aclose())
    # A coroutine made and dropped unawaited warns when it is freed.
    gc.collect()

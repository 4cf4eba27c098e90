"""Live mode and the TSE: no TSE configured (or only the demo signer) means no sale at all, with
a message that says what store IT has to configure; a configured TSE signs; the status bar says
how the TSE is ("TSE: bereit", "TSE: ausgefallen seit 10:42", "TSE: nicht eingerichtet")."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from pos_gui.app.connection import TseAccess
from pos_gui.app.tse_setup import live_tse_access
from pos_gui.app.wiring import build_till_window
from pos_gui.config.settings import TseSettings
from pos_gui.core.basket import Article
from pos_gui.fiscal.none import NoTseSigner
from pos_gui.services.fiscal_setup import NO_CERTIFIED_TSE, live_tse_refusal
from pos_gui.services.fiscal_signing import FiscalSigning
from pos_gui.services.ledger import Ledger
from pos_gui.ui.presenters.error_text import CashierMessage

CONFIGURED = TseSettings(api_key="key", tss_id="tss-1", client_id="client-1", client_serial="KASSE-1")


def test_live_without_tse_settings_refuses_and_names_every_missing_field() -> None:
    refusal = live_tse_refusal("LIVE", TseSettings(), has_api_secret=False)
    assert refusal is not None
    assert refusal.text() == (
        "Verkauf gesperrt: keine TSE eingerichtet. Store-IT: unter Einstellungen → TSE … eintragen: "
        "API-Key, TSS-ID, Client-ID, API-Secret."
    )


def test_live_with_everything_but_the_secret_names_the_secret() -> None:
    refusal = live_tse_refusal("LIVE", CONFIGURED, has_api_secret=False)
    assert refusal is not None
    assert refusal.text().endswith("eintragen: API-Secret.")


def test_live_with_the_demo_signer_is_refused_as_uncertified() -> None:
    refusal = live_tse_refusal("LIVE", TseSettings(signer="none"), has_api_secret=True)
    assert refusal is not None
    assert refusal.template == NO_CERTIFIED_TSE


def test_live_with_a_configured_tse_sells_and_testing_is_never_refused() -> None:
    assert live_tse_refusal("LIVE", CONFIGURED, has_api_secret=True) is None
    assert live_tse_refusal("TESTING", TseSettings(), has_api_secret=False) is None


def test_the_settings_and_the_secret_make_the_tse_access() -> None:
    assert live_tse_access(CONFIGURED, "secret") == TseAccess(
        CONFIGURED.api_url, "key", "secret", "tss-1", "client-1", client_serial="KASSE-1"
    )
    assert live_tse_access(CONFIGURED, None) is None
    assert live_tse_access(TseSettings(), "secret") is None


def test_live_signing_refuses_the_no_tse_signer(tmp_path: Path) -> None:
    with Ledger(tmp_path / "journal.sqlite3") as ledger:
        fiscal = FiscalSigning(ledger, training=False, live=True)
        fiscal.attach(NoTseSigner("KASSE-1"))
        assert fiscal.signer is None
        assert fiscal.refusal is not None
        assert fiscal.refusal.template == NO_CERTIFIED_TSE
        # Outside live mode the demo signer is taken.
        demo = FiscalSigning(ledger, training=True)
        demo.attach(NoTseSigner("KASSE-1"))
        assert demo.signer is not None
        assert demo.refusal is None


@pytest.fixture
def live_till(qtbot: QtBot, qapp: QApplication, tmp_path: Path):  # type: ignore[no-untyped-def]
    till = build_till_window(
        qapp, "LIVE", tmp_path / "journal.sqlite3", device_id="live-test", install_scanner=False
    )
    qtbot.addWidget(till.window)
    yield till
    till.journal.close()


def test_a_live_till_without_tse_sells_nothing_and_says_what_to_configure(qtbot: QtBot, live_till) -> None:  # type: ignore[no-untyped-def]
    assert live_till.fiscal is not None
    live_till.fiscal.refuse(live_tse_refusal("LIVE", TseSettings(), has_api_secret=False))
    messages: list[CashierMessage] = []
    live_till.presenter.message.connect(messages.append)

    added = live_till.presenter.add_article(Article("30037", "", "Sandwich Romano", 349, 7))

    assert not added
    assert live_till.checkout.basket.lines == []
    assert live_till.journal.all_sales() == []  # nothing recorded, no TSE transaction planned
    assert messages[-1].level == "error"
    assert "Store-IT: unter Einstellungen → TSE … eintragen: API-Key" in messages[-1].text
    status = live_till.window.findChild(QLabel, "tseStatus")
    assert status is not None
    assert status.text() == "TSE: nicht eingerichtet"


def test_the_status_bar_follows_the_tse_state(qtbot: QtBot, live_till) -> None:  # type: ignore[no-untyped-def]
    fiscal = live_till.fiscal
    status = live_till.window.findChild(QLabel, "tseStatus")
    assert fiscal is not None
    assert status is not None
    assert status.text() == "TSE: wird verbunden …"

    fiscal._clock = lambda: datetime(2026, 3, 14, 10, 42, 5)
    fiscal.set_state("down")
    assert status.text() == "TSE: ausgefallen seit 10:42"

    fiscal.set_state("ok")
    assert status.text() == "TSE: bereit"

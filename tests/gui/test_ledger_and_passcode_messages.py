"""What the cashier reads when the sale cannot be saved, and about the card's PIN."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from pos_gui.services.checkout import (
    LedgerWriteError,
    PasscodeRequiredError,
    PasscodeWrongError,
    PaymentNotRecordedError,
)
from pos_gui.ui.presenters.error_text import describe_error

LEDGER = Path("/data/kasse/ledger.sqlite3")


def test_a_sale_that_cannot_be_saved_says_nothing_was_paid_and_where_support_looks(
    qapp: QApplication,
) -> None:
    message = describe_error(LedgerWriteError("attempt to write a readonly database", path=LEDGER))
    assert message is not None
    assert message.level == "error"
    assert message.text == (
        "Der Verkauf kann nicht gespeichert werden (Datenträger voll oder schreibgeschützt). "
        "Es wurde nichts bezahlt. Bitte Support rufen: /data/kasse"
    )
    assert message.details == "attempt to write a readonly database"  # no raw sqlite3 text up front


def test_a_payment_whose_answer_cannot_be_saved_warns_not_to_collect_again(qapp: QApplication) -> None:
    message = describe_error(PaymentNotRecordedError("database or disk is full", path=LEDGER))
    assert message is not None
    assert "Nicht erneut kassieren" in message.text
    assert "nichts bezahlt" not in message.text
    assert message.text.endswith("/data/kasse")


def test_pin_messages(qapp: QApplication) -> None:
    asked = describe_error(PasscodeRequiredError("9276000000000052"))
    wrong = describe_error(PasscodeWrongError("no"))
    assert asked is not None
    assert asked.text == "Bitte die PIN der Karte eingeben."
    assert wrong is not None
    assert wrong.text == "Die PIN ist falsch. Das Kartenguthaben wurde nicht verwendet."


@pytest.mark.usefixtures("english")
def test_english() -> None:
    message = describe_error(LedgerWriteError("disk I/O error", path=LEDGER))
    assert message is not None
    assert message.text == (
        "The sale cannot be saved (disk full or read-only). Nothing was paid. Please call support: /data/kasse"
    )
    wrong = describe_error(PasscodeWrongError("no"))
    assert wrong is not None
    assert wrong.text == "Wrong PIN. The card balance was not used."

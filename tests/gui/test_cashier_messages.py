"""What the cashier reads for each failure: the message bar's text, level and help-desk details.

``describe_error`` is the one place where exceptions become cashier text; these are its answers,
in German (the default) and, for a sample, in English.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from pos_gui.api.errors import (
    ApiConnectionError,
    ApiStatusError,
    ApiTimeoutError,
    AuthenticationError,
    InvalidResponseError,
    NotAllowedError,
    OutcomeUnknownError,
)
from pos_gui.services.checkout import CardRejectedError, CheckoutBusyError, SaleAlreadyPaidError
from pos_gui.services.printer_errors import PrinterError
from pos_gui.ui.presenters.error_text import CashierMessage, describe_error

CARD = "9276004429942845"

GERMAN = [
    (CardRejectedError("malformed", "1234"), "warning", "Ungültige Kartennummer: 1234", ""),
    (CardRejectedError("unknown", CARD), "warning", f"Karte unbekannt: {CARD}", ""),
    (
        CardRejectedError("locked", CARD),
        "warning",
        f"Karte gesperrt: {CARD}. Bitte eine andere Zahlungsart wählen.",
        "",
    ),
    (CheckoutBusyError("paying"), "info", "Bitte warten, die Kasse arbeitet noch …", ""),
    (
        OutcomeUnknownError("STX_1", "start/cash", "timeout"),
        "warning",
        "Zahlung wird geprüft …",
        "Keine Antwort auf start/cash",
    ),
    (
        ApiTimeoutError("read timeout"),
        "error",
        "Der Server antwortet nicht. Warenkorb und Karte bleiben erhalten – bitte erneut versuchen.",
        "",
    ),
    (
        ApiConnectionError("refused"),
        "error",
        "Keine Verbindung zum Server. Warenkorb und Karte bleiben erhalten – bitte erneut versuchen.",
        "",
    ),
    (
        SaleAlreadyPaidError("STX_1"),
        "warning",
        "Dieser Verkauf war schon bezahlt: Die Zahlung von vor dem Neustart ist doch angekommen. "
        "Der Beleg zeigt, was gebucht wurde.",
        "Danach hinzugefügte Artikel bitte als neuen Verkauf kassieren.",
    ),
    (
        PrinterError("Drucker nicht erreichbar: keine Antwort nach {seconds} s", seconds="5"),
        "error",
        "Drucker nicht erreichbar: keine Antwort nach 5 s",
        "",
    ),
]


@pytest.mark.parametrize(("error", "level", "text", "details"), GERMAN)
def test_german_text_for_each_failure(
    qapp: QApplication, error: BaseException, level: str, text: str, details: str
) -> None:
    assert describe_error(error) == CashierMessage(level, text, details)


def test_the_servers_own_cashier_text_wins_and_the_support_id_is_in_the_details(qapp: QApplication) -> None:
    error = NotAllowedError(
        403,
        error="ProductNotAllowedException",
        error_user="Die Karte ist für diesen Händler nicht freigeschaltet.",
        code=1003,
        support_id="a1b2c3",
    )
    message = describe_error(error)
    assert message is not None
    assert message.level == "error"
    assert message.text == "Die Karte ist für diesen Händler nicht freigeschaltet."
    assert "Support-ID: a1b2c3" in message.details


def test_a_refusal_without_cashier_text_names_the_status(qapp: QApplication) -> None:
    message = describe_error(ApiStatusError(400, error="ProductBadRequestException"))
    assert message is not None
    assert message.text == "Der Server hat die Anfrage abgelehnt (Fehler 400)."


def test_failed_sign_in_asks_to_check_the_credentials(qapp: QApplication) -> None:
    message = describe_error(AuthenticationError(401, error="ProductUnauthorizedException", support_id="x9"))
    assert message is not None
    assert message.text == "Anmeldung am Server fehlgeschlagen. Bitte die Zugangsdaten prüfen."
    assert "Support-ID: x9" in message.details


def test_a_broken_answer_says_so_and_keeps_the_reason_for_support(qapp: QApplication) -> None:
    message = describe_error(InvalidResponseError("missing field 'id'"))
    assert message is not None
    assert message.text == "Ungültige Antwort vom Server. Bitte erneut versuchen."
    assert "missing field 'id'" in message.details


def test_a_programming_error_is_not_dressed_up_as_a_cashier_message(qapp: QApplication) -> None:
    """Unknown exceptions go to the crash handler (logged and shown), not to the message bar."""
    assert describe_error(KeyError("line 7")) is None
    assert describe_error(ZeroDivisionError()) is None


@pytest.mark.usefixtures("english")
def test_english_texts() -> None:
    assert describe_error(ApiConnectionError("refused")) == CashierMessage(
        "error", "No connection to the server. Basket and card are kept – please try again."
    )
    sale_paid = describe_error(SaleAlreadyPaidError("STX_1"))
    assert sale_paid is not None
    assert sale_paid.text.startswith("This sale was already paid")
    locked = describe_error(CardRejectedError("locked", CARD))
    assert locked is not None
    assert CARD in locked.text
    assert "locked" in locked.text.lower()

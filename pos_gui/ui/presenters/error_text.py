"""Cashier text for everything that can go wrong in a sale.

The presenters turn exceptions from the services and the API edge into a short German sentence
for the message bar (the server's own ``error_user`` where it sent one) and a detail line with the
``supportId`` for the help desk. Exceptions that are not listed here are programming errors and
go to the crash handler instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from pos_gui.api.errors import (
    ApiConnectionError,
    ApiStatusError,
    ApiTimeoutError,
    AuthenticationError,
    InvalidResponseError,
    OAuthError,
    OutcomeUnknownError,
)
from pos_gui.services.checkout import CardRejectedError, CheckoutBusyError


def tr(text: str) -> str:
    return QCoreApplication.translate("CashierMessages", text)


@dataclass(frozen=True)
class CashierMessage:
    """One line for the message bar.

    Attributes:
        level: ``info``, ``warning`` or ``error`` (colour of the bar).
        text: what the cashier reads.
        details: help-desk details (support id, technical reason), shown smaller.
    """

    level: str
    text: str
    details: str = ""


def card_rejected_text(error: CardRejectedError) -> str:
    number = error.cardnumber
    if error.reason == "malformed":
        return tr("Ungültige Kartennummer: {number}").format(number=number or "–")
    if error.reason == "unknown":
        return tr("Karte unbekannt: {number}").format(number=number)
    if error.reason == "locked":
        return tr("Karte gesperrt: {number}. Bitte eine andere Zahlungsart wählen.").format(number=number)
    if error.reason == "inactive":
        return tr("Karte nicht aktiviert: {number}").format(number=number)
    return tr("Karte kann nicht verwendet werden: {number}").format(number=number)


def describe_error(error: BaseException) -> CashierMessage | None:
    """The message for a known failure, or ``None`` when ``error`` is not a known failure."""
    if isinstance(error, CardRejectedError):
        return CashierMessage("warning", card_rejected_text(error))
    if isinstance(error, CheckoutBusyError):
        return CashierMessage("info", tr("Bitte warten, die Kasse arbeitet noch …"))
    if isinstance(error, OutcomeUnknownError):
        return CashierMessage(
            "warning",
            tr("Zahlung wird geprüft …"),
            tr("Keine Antwort auf {action}").format(action=error.action),
        )
    if isinstance(error, AuthenticationError | OAuthError):
        return CashierMessage(
            "error",
            tr("Anmeldung am Server fehlgeschlagen. Bitte die Zugangsdaten prüfen."),
            _support_details(error),
        )
    if isinstance(error, ApiStatusError):
        text = error.error_user or tr("Der Server hat die Anfrage abgelehnt (Fehler {status}).").format(
            status=error.status_code
        )
        return CashierMessage("error", text, _support_details(error))
    if isinstance(error, ApiTimeoutError):
        return CashierMessage(
            "error",
            tr("Der Server antwortet nicht. Warenkorb und Karte bleiben erhalten – bitte erneut versuchen."),
        )
    if isinstance(error, ApiConnectionError):
        return CashierMessage(
            "error",
            tr("Keine Verbindung zum Server. Warenkorb und Karte bleiben erhalten – bitte erneut versuchen."),
        )
    if isinstance(error, InvalidResponseError):
        return CashierMessage(
            "error", tr("Ungültige Antwort vom Server. Bitte erneut versuchen."), str(error)
        )
    return None


def _support_details(error: BaseException) -> str:
    support_id = getattr(error, "support_id", None)
    parts: list[str] = []
    if support_id:
        parts.append(tr("Support-ID: {support_id}").format(support_id=support_id))
    code = getattr(error, "code", None)
    if code:
        parts.append(tr("Code {code}").format(code=code))
    return " · ".join(parts)

"""Cashier text for everything that can go wrong in a sale.

The presenters turn exceptions from the services and the API edge into a short sentence in the
cashier's language for the message bar (the server's own ``error_user`` where it sent one) and a
detail line with the ``supportId`` for the help desk. Exceptions that are not listed here are
programming errors and go to the crash handler instead.

Printer errors come from the Qt-free printing service with a German message template;
:func:`printer_error_text` translates it, so every place that shows a printer error (failure
dialog, message bar, printer settings) speaks the cashier's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from pos_gui.services.checkout import (
    CardRejectedError,
    CheckoutBusyError,
    LedgerWriteError,
    PasscodeRequiredError,
    PasscodeWrongError,
    PaymentNotRecordedError,
    SaleAlreadyPaidError,
)
from pos_gui.services.errors import (
    ApiConnectionError,
    ApiStatusError,
    ApiTimeoutError,
    AuthenticationError,
    InvalidResponseError,
    OAuthError,
    OutcomeUnknownError,
)
from pos_gui.services.printer_errors import PRINTER_ERROR_CONTEXT, PrinterError, fill_template


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
        return QCoreApplication.translate("CashierMessages", "Ungültige Kartennummer: {number}").format(
            number=number or "–"
        )
    if error.reason == "unknown":
        return QCoreApplication.translate("CashierMessages", "Karte unbekannt: {number}").format(
            number=number
        )
    if error.reason == "locked":
        return QCoreApplication.translate(
            "CashierMessages", "Karte gesperrt: {number}. Bitte eine andere Zahlungsart wählen."
        ).format(number=number)
    if error.reason == "inactive":
        return QCoreApplication.translate("CashierMessages", "Karte nicht aktiviert: {number}").format(
            number=number
        )
    return QCoreApplication.translate(
        "CashierMessages", "Karte kann nicht verwendet werden: {number}"
    ).format(number=number)


def printer_error_text(error: PrinterError) -> str:
    """The printer error in the cashier's language, its technical details filled in as they are.

    The template is looked up in context ``PrinterError`` (the service marks each one for
    ``pyside6-lupdate``); an error raised with a finished text (by the UI's own PDF and system
    printer code, already translated) is found nowhere and comes back as it is.
    """
    template = QCoreApplication.translate(PRINTER_ERROR_CONTEXT, error.template)
    return fill_template(template, error.parameters)


def ledger_write_message(error: LedgerWriteError) -> CashierMessage:
    """The sale could not be saved: before a payment nothing was paid; after one (the answer
    could not be saved) the payment may have been taken and must not be collected again."""
    folder = str(error.path.parent) if error.path is not None else "–"
    if isinstance(error, PaymentNotRecordedError):
        text = QCoreApplication.translate(
            "CashierMessages",
            "Die Zahlung kann nicht gespeichert werden (Datenträger voll oder schreibgeschützt). "
            "Nicht erneut kassieren! Bitte Support rufen: {folder}",
        )
    else:
        text = QCoreApplication.translate(
            "CashierMessages",
            "Der Verkauf kann nicht gespeichert werden (Datenträger voll oder schreibgeschützt). "
            "Es wurde nichts bezahlt. Bitte Support rufen: {folder}",
        )
    return CashierMessage("error", text.format(folder=folder), str(error))


def describe_error(error: BaseException) -> CashierMessage | None:
    """The message for a known failure, or ``None`` when ``error`` is not a known failure."""
    if isinstance(error, CardRejectedError):
        return CashierMessage("warning", card_rejected_text(error))
    if isinstance(error, PrinterError):
        return CashierMessage("error", printer_error_text(error))
    if isinstance(error, SaleAlreadyPaidError):
        return CashierMessage(
            "warning",
            QCoreApplication.translate(
                "CashierMessages",
                "Dieser Verkauf war schon bezahlt: Die Zahlung von vor dem Neustart ist doch "
                "angekommen. Der Beleg zeigt, was gebucht wurde.",
            ),
            QCoreApplication.translate(
                "CashierMessages", "Danach hinzugefügte Artikel bitte als neuen Verkauf kassieren."
            ),
        )
    if isinstance(error, LedgerWriteError):
        return ledger_write_message(error)
    if isinstance(error, PasscodeRequiredError):
        return CashierMessage(
            "warning", QCoreApplication.translate("CashierMessages", "Bitte die PIN der Karte eingeben.")
        )
    if isinstance(error, PasscodeWrongError):
        return CashierMessage(
            "warning",
            QCoreApplication.translate(
                "CashierMessages", "Die PIN ist falsch. Das Kartenguthaben wurde nicht verwendet."
            ),
        )
    if isinstance(error, CheckoutBusyError):
        return CashierMessage(
            "info", QCoreApplication.translate("CashierMessages", "Bitte warten, die Kasse arbeitet noch …")
        )
    if isinstance(error, OutcomeUnknownError):
        return CashierMessage(
            "warning",
            QCoreApplication.translate("CashierMessages", "Zahlung wird geprüft …"),
            QCoreApplication.translate("CashierMessages", "Keine Antwort auf {action}").format(
                action=error.action
            ),
        )
    if isinstance(error, AuthenticationError | OAuthError):
        return CashierMessage(
            "error",
            QCoreApplication.translate(
                "CashierMessages", "Anmeldung am Server fehlgeschlagen. Bitte die Zugangsdaten prüfen."
            ),
            _support_details(error),
        )
    if isinstance(error, ApiStatusError):
        text = error.error_user or QCoreApplication.translate(
            "CashierMessages", "Der Server hat die Anfrage abgelehnt (Fehler {status})."
        ).format(status=error.status_code)
        return CashierMessage("error", text, _support_details(error))
    if isinstance(error, ApiTimeoutError):
        return CashierMessage(
            "error",
            QCoreApplication.translate(
                "CashierMessages",
                "Der Server antwortet nicht. Warenkorb und Karte bleiben erhalten – bitte erneut versuchen.",
            ),
        )
    if isinstance(error, ApiConnectionError):
        return CashierMessage(
            "error",
            QCoreApplication.translate(
                "CashierMessages",
                "Keine Verbindung zum Server. Warenkorb und Karte bleiben erhalten – bitte erneut versuchen.",
            ),
        )
    if isinstance(error, InvalidResponseError):
        return CashierMessage(
            "error",
            QCoreApplication.translate(
                "CashierMessages", "Ungültige Antwort vom Server. Bitte erneut versuchen."
            ),
            str(error),
        )
    return None


def _support_details(error: BaseException) -> str:
    support_id = getattr(error, "support_id", None)
    parts: list[str] = []
    if support_id:
        parts.append(
            QCoreApplication.translate("CashierMessages", "Support-ID: {support_id}").format(
                support_id=support_id
            )
        )
    code = getattr(error, "code", None)
    if code:
        parts.append(QCoreApplication.translate("CashierMessages", "Code {code}").format(code=code))
    return " · ".join(parts)

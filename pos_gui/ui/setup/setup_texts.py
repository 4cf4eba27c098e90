"""The setup window's sentences about what went wrong: a missing input, a failed pairing.

Kept apart from the window so that the reasons the pairing service gives (``PairingFailure``) and
the German (or translated) text for each are read in one place.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from pos_gui.services.pairing import PairingFailed, PairingFailure


def input_problem(api_url: str, client_id: str, client_secret: str, device_uuid: str) -> str:
    """A German sentence naming the first missing or malformed input, or ``""``."""
    if not api_url.startswith(("https://", "http://")):
        return QCoreApplication.translate(
            "SetupWindow", "Bitte geben Sie die Server-Adresse mit https:// (oder http://) an."
        )
    if not client_id:
        return QCoreApplication.translate("SetupWindow", "Bitte geben Sie die Client-ID ein.")
    if not client_secret:
        return QCoreApplication.translate("SetupWindow", "Bitte geben Sie das Client-Secret ein.")
    if not device_uuid.startswith("/"):
        return QCoreApplication.translate(
            "SetupWindow", "Die Geräte-ID hat die Form /vendor/<Name>/cashier/<Nummer>."
        )
    return ""


def pairing_failure_text(failure: PairingFailed) -> str:
    """German text for a failed pairing; the technical detail is in the log."""
    if failure.reason is PairingFailure.EXPIRED:
        return QCoreApplication.translate(
            "SetupWindow",
            "Der Code ist abgelaufen, bevor die Kasse freigegeben wurde. Bitte starten Sie die Kopplung neu.",
        )
    if failure.reason is PairingFailure.INVALID_CLIENT:
        return QCoreApplication.translate("SetupWindow", "Client-ID oder Client-Secret ist falsch.")
    if failure.reason is PairingFailure.INVALID_DEVICE:
        return QCoreApplication.translate(
            "SetupWindow",
            "Diese Geräte-ID ist beim Server nicht eingerichtet. Bitte wenden Sie sich an secupay.",
        )
    if failure.reason is PairingFailure.REFUSED:
        return QCoreApplication.translate(
            "SetupWindow", "Der Server hat die Kopplung abgelehnt ({error})."
        ).format(error=failure.server_error)
    if failure.reason is PairingFailure.UNREACHABLE:
        return QCoreApplication.translate(
            "SetupWindow",
            "Der Server ist nicht erreichbar. Bitte prüfen Sie die Server-Adresse und die Netzwerkverbindung.",
        )
    return QCoreApplication.translate(
        "SetupWindow", "Die Kopplung ist fehlgeschlagen. Details stehen im Protokoll."
    )

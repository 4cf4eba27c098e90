"""The back office's "TSE prüfen": is the configured TSE there, ready, and how long is it valid?

The check reads the TSS (fiskaly SIGN DE v2: ``GET /tss/{tss_id}``, which also proves the API
key and secret). It is ready when its ``state`` is ``INITIALIZED``. The certificate's expiry is
the ``notAfter`` of the X.509 certificate fiskaly returns in the TSS's ``certificate`` field
(PEM); :data:`CERTIFICATE_WARNING_DAYS` before it the page warns, because a TSE whose
certificate ran out may no longer sign (BSI TR-03153) and a new one takes time to order.

The reading itself is passed in (``read_tss``): the fiskaly client imports httpx, which only the
composition root loads (:mod:`pos_gui.app.tse_setup`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pos_gui.fiscal.signer import TseRefusedError, TseUnavailableError
from pos_gui.services.printer_errors import QT_TRANSLATE_NOOP

CERTIFICATE_WARNING_DAYS = 90
TSE_CHECK_CONTEXT = "TseCheck"

READY = QT_TRANSLATE_NOOP("TseCheck", "TSE bereit (TSS {tss}, Seriennummer {serial}).")
NOT_READY = QT_TRANSLATE_NOOP("TseCheck", "TSE nicht bereit: Zustand {state} (erwartet INITIALIZED).")
REFUSED = QT_TRANSLATE_NOOP("TseCheck", "TSE lehnt ab: {reason}")
UNREACHABLE = QT_TRANSLATE_NOOP("TseCheck", "TSE nicht erreichbar: {reason}")
NOT_CONFIGURED = QT_TRANSLATE_NOOP("TseCheck", "Keine TSE eingerichtet: {missing} fehlt.")


@dataclass(frozen=True)
class TseCheck:
    """The answer of "TSE prüfen".

    Attributes:
        ok: the TSS answered and is ready to sign.
        template: what to say (German, in the catalogue under :data:`TSE_CHECK_CONTEXT`).
        values: the template's fill-ins.
        serial_number: the TSS's serial (``TSE-Seriennummer``), if it answered.
        certificate_expires: the certificate's ``notAfter`` (UTC), if there is a certificate.
    """

    ok: bool
    template: str
    values: dict[str, str]
    serial_number: str = ""
    certificate_expires: datetime | None = None

    def text(self, template: str | None = None) -> str:
        """The message from ``template`` (the translated one) or the German original."""
        return (template or self.template).format(**self.values)

    def days_left(self, now: datetime) -> int | None:
        """Whole days until the certificate expires (negative: expired), or ``None``."""
        if self.certificate_expires is None:
            return None
        return (self.certificate_expires - now).days

    def expiry_warning(self, now: datetime) -> bool:
        """The certificate expires within :data:`CERTIFICATE_WARNING_DAYS` (or has expired)."""
        days = self.days_left(now)
        return days is not None and days < CERTIFICATE_WARNING_DAYS


def certificate_expiry(pem: str) -> datetime | None:
    """The ``notAfter`` (UTC) of a PEM certificate, or ``None`` when it is missing or unreadable."""
    if not pem:
        return None
    from cryptography import x509

    try:
        return x509.load_pem_x509_certificate(pem.encode("ascii")).not_valid_after_utc
    except ValueError:
        return None


async def check_tse(read_tss: Callable[[], Awaitable[dict[str, Any]]], *, tss_id: str) -> TseCheck:
    """Read the TSS and say whether it is ready, with its serial and certificate expiry."""
    try:
        tss = await read_tss()
    except TseRefusedError as error:
        return TseCheck(False, REFUSED, {"reason": str(error)})
    except TseUnavailableError as error:
        return TseCheck(False, UNREACHABLE, {"reason": str(error) or type(error).__name__})
    serial = str(tss.get("serial_number") or "")
    expires = certificate_expiry(str(tss.get("certificate") or ""))
    state = str(tss.get("state") or "")
    if state != "INITIALIZED":
        return TseCheck(False, NOT_READY, {"state": state or "?"}, serial, expires)
    return TseCheck(True, READY, {"tss": tss_id, "serial": serial}, serial, expires)


def not_configured(missing: str) -> TseCheck:
    """The check could not even be tried: ``missing`` names the empty fields."""
    return TseCheck(False, NOT_CONFIGURED, {"missing": missing})


def utc_now() -> datetime:
    return datetime.now(UTC)

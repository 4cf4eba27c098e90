"""Whether the till may sell with the TSE it has: the KassenSichV rule for live mode.

- **Live mode, TSE configured** (fiskaly: API key, TSS, client in the settings, the API secret in
  the key store): the till signs every sale. When that TSE is *down*, the till goes on selling
  and the receipt says "TSE ausgefallen" (AEAO zu § 146a, 2.7: an outage must not stop the till).
- **Live mode, no TSE configured**, or only the demo signer (``none``, ``is_certified`` false):
  the till refuses to sell, and says what store IT has to configure. A till in live mode without
  any TSE is not an outage but a till that may not be used (§ 146a AO), so nothing is recorded.
- **Demo and testing**: no rule; demo signs with the simulator's TSE as ``AVTraining``, testing
  signs when a TSE is configured.

The texts are German and marked for the translation catalogue (context :data:`FISCAL_SETUP_CONTEXT`);
the UI translates them when it shows them.
"""

from __future__ import annotations

from dataclasses import dataclass

from pos_gui.config.settings import TseSettings
from pos_gui.services.printer_errors import QT_TRANSLATE_NOOP

FISCAL_SETUP_CONTEXT = "FiscalSetup"

NO_CERTIFIED_TSE = QT_TRANSLATE_NOOP(
    "FiscalSetup",
    "Verkauf gesperrt: Live-Betrieb ohne zertifizierte TSE. Store-IT: unter Einstellungen → TSE … "
    "den Signierer fiskaly wählen und einrichten.",
)
TSE_NOT_CONFIGURED = QT_TRANSLATE_NOOP(
    "FiscalSetup",
    "Verkauf gesperrt: keine TSE eingerichtet. Store-IT: unter Einstellungen → TSE … eintragen: {missing}.",
)

# The names store IT sees on the TSE page, for the fields still empty.
FIELD_NAMES = {
    "api_key": "API-Key",
    "api_secret": "API-Secret",
    "tss_id": "TSS-ID",
    "client_id": "Client-ID",
}


@dataclass(frozen=True)
class SaleRefusal:
    """Why the till may not sell: a German template (looked up in the catalogue by the UI) and
    the names of the fields still empty (``{missing}``)."""

    template: str
    missing: str = ""

    def text(self, template: str | None = None) -> str:
        """The message, from ``template`` (the translated one) or the German original."""
        return (template or self.template).replace("{missing}", self.missing)


def live_tse_refusal(profile: str, tse: TseSettings, *, has_api_secret: bool) -> SaleRefusal | None:
    """``None`` when the till may sell in ``profile`` with ``tse``; else why not."""
    if profile != "LIVE":
        return None
    if tse.signer != "fiskaly":
        return SaleRefusal(NO_CERTIFIED_TSE)
    missing = [FIELD_NAMES[name] for name in ("api_key", "tss_id", "client_id") if not getattr(tse, name)]
    if not has_api_secret:
        missing.append(FIELD_NAMES["api_secret"])
    return SaleRefusal(TSE_NOT_CONFIGURED, ", ".join(missing)) if missing else None


def uncertified_signer_refusal() -> SaleRefusal:
    """A signer that is no certified TSE (``NoTseSigner``) was to be attached in live mode."""
    return SaleRefusal(NO_CERTIFIED_TSE)

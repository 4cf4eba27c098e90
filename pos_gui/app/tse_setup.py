"""The composition root's TSE part: the signer from the settings, its check, its status and page.

- :func:`live_tse_access`: the TSE settings (store IT's) plus the API secret from the key store
  → the :class:`~pos_gui.app.connection.TseAccess` the root builds the signer from.
- :func:`build_signer`: a ``FiskalySigner`` on its own httpx client, or the demo-only
  ``NoTseSigner`` (``signer: none``; :class:`~pos_gui.services.fiscal_signing.FiscalSigning`
  refuses it in live mode).
- :func:`tss_reader`: reads the TSS once; :func:`check_tse_settings` is what the back office's
  "TSE prüfen" (``pos_gui.ui.tse_dialog``) calls with the settings on the page.

httpx and the fiskaly client are imported inside the functions: never on the way to the first window.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pos_gui.app.connection import TseAccess
    from pos_gui.config.settings import TseSettings
    from pos_gui.fiscal.signer import TseSigner
    from pos_gui.services.fiscal_signing import FiscalSigning
    from pos_gui.services.tse_check import TseCheck

# A TSE call that takes longer is an outage for this sale (the finish has its own deadline too).
TSE_TIMEOUT_S = 3.0


def live_tse_access(tse: TseSettings, api_secret: str | None) -> TseAccess | None:
    """The till's TSE from its settings, or ``None`` when none is configured (fields or secret
    missing; whether that stops the sales is :func:`~pos_gui.services.fiscal_setup.live_tse_refusal`)."""
    from pos_gui.app.connection import TseAccess

    if tse.signer == "none":
        return TseAccess(tse.api_url, "", "", "", "", signer="none", client_serial=tse.client_serial)
    if not tse.is_configured or not api_secret:
        return None
    return TseAccess(
        tse.api_url, tse.api_key, api_secret, tse.tss_id, tse.client_id, client_serial=tse.client_serial
    )


def build_signer(access: TseAccess) -> tuple[TseSigner, Callable[[], Awaitable[None]] | None]:
    """The signer for ``access`` and what closes its HTTP client (``None``: nothing to close)."""
    if access.signer == "none":
        from pos_gui.fiscal.none import NoTseSigner

        return NoTseSigner(access.client_serial or access.client_id or "KASSE"), None
    import httpx

    from pos_gui.fiscal.fiskaly import FiskalySigner

    http = httpx.AsyncClient(base_url=access.api_url, timeout=TSE_TIMEOUT_S)
    signer = FiskalySigner(
        http,
        api_key=access.api_key,
        api_secret=access.api_secret,
        tss_id=access.tss_id,
        client_id=access.client_id,
    )
    return signer, http.aclose


def tss_reader(access: TseAccess) -> Callable[[], Awaitable[dict[str, Any]]]:
    """Read the TSS once on a client of its own (the back office's "TSE prüfen")."""

    async def read() -> dict[str, Any]:
        signer, close = build_signer(access)
        try:
            read_tss = getattr(signer, "read_tss", None)
            if read_tss is None:
                return {"state": "NO_TSE", "serial_number": ""}
            result: dict[str, Any] = await read_tss()
            return result
        finally:
            if close is not None:
                await close()

    return read


async def check_tse_settings(tse: TseSettings, api_secret: str) -> TseCheck:
    """ "TSE prüfen" for the settings on the back office's page and the secret typed there."""
    from pos_gui.services.tse_check import check_tse, not_configured

    access = live_tse_access(tse, api_secret)
    if access is None:
        return not_configured("API-Key, API-Secret, TSS-ID, Client-ID")
    return await check_tse(tss_reader(access), tss_id=tse.tss_id)


def attach_signer(fiscal: FiscalSigning, access: TseAccess) -> None:
    """Build the signer for ``access`` and hand it to the till's signing."""
    signer, close = build_signer(access)
    fiscal.attach(signer, close=close)

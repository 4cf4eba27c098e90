"""Pairing a till with secuconnect by the device flow, and saving what the first-run setup chose.

The setup window only shows things; this service does the work (Qt-free, so it is tested on its
own): it asks the server for a device code and the user code a person must approve in
SecuOffice, hands the codes to the window to show, polls as the server asks until the code is
approved, then saves the settings and puts the client secret and the refresh token into the
:class:`~pos_gui.config.secrets.SecretStore` (never into the settings file, never into the log).

A failure is one :class:`PairingFailed` whose ``reason`` says what went wrong in words the window
can turn into a sentence for the person at the till; the technical detail goes to the log.

httpx and the API's pydantic models are imported when a pairing starts, not with this module.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pos_gui.config.paths import AppPaths
from pos_gui.config.secrets import CLIENT_SECRET, REFRESH_TOKEN, SecretStore
from pos_gui.config.settings import Profile, Settings, save_settings
from pos_gui.services.errors import ApiConnectionError, ApiError, OAuthError

if TYPE_CHECKING:
    import httpx

logger = logging.getLogger("pos_gui.services.pairing")

HttpClientFactory = Callable[[str], "httpx.AsyncClient"]


class PairingFailure(enum.Enum):
    """Why a pairing failed."""

    EXPIRED = "expired"  # nobody approved the code in time
    INVALID_CLIENT = "invalid_client"  # client id or secret wrong
    INVALID_DEVICE = "invalid_device"  # the device id is not set up on the server
    REFUSED = "refused"  # the server refused for another reason (see ``server_error``)
    UNREACHABLE = "unreachable"  # no connection to the server
    OTHER = "other"  # anything else (the log has the detail)


class PairingFailed(Exception):
    """The pairing did not succeed; nothing was saved.

    Attributes:
        reason: what went wrong.
        server_error: the server's OAuth error code for ``REFUSED`` (else ``""``).
    """

    def __init__(self, reason: PairingFailure, server_error: str = "") -> None:
        super().__init__(f"pairing failed: {reason.value} {server_error}".strip())
        self.reason = reason
        self.server_error = server_error


@dataclass(frozen=True)
class PairingRequest:
    """What the person at the till entered for pairing.

    Attributes:
        profile: ``TESTING`` or ``LIVE``.
        api_url: the server address (without a trailing slash).
        client_id, client_secret: the credentials from secupay.
        device_uuid: the till's device id, ``/vendor/<name>/cashier/<number>``.
    """

    profile: Profile
    api_url: str
    client_id: str
    client_secret: str
    device_uuid: str


@dataclass(frozen=True)
class PairingCodes:
    """What to show the person who approves the till (the device code itself stays secret).

    Attributes:
        user_code: the short code to type in SecuOffice.
        verification_url: where to type it (``None``: the server named no address).
        expires_in: seconds until the code expires.
    """

    user_code: str
    verification_url: str | None
    expires_in: int


class DevicePairing:
    """The first-run setup's work: save the demo choice, or pair and save.

    Args:
        paths: where the settings are saved.
        secrets: where the client secret and refresh token go.
        settings: the current settings (printer and language are kept); default: the defaults.
        http_client_factory: builds the HTTP client for a server URL; tests pass one with an
            ``httpx.MockTransport``. Default: :func:`pos_gui.api.transport.build_http_client`.
    """

    def __init__(
        self,
        paths: AppPaths,
        secrets: SecretStore,
        *,
        settings: Settings | None = None,
        http_client_factory: HttpClientFactory | None = None,
    ) -> None:
        self._paths = paths
        self._secrets = secrets
        self.settings = settings or Settings()
        self._http_client_factory = http_client_factory

    def choose_demo(self) -> Settings:
        """Save the demo profile (the embedded simulator: nothing to pair) and return the settings."""
        return self._save(self.settings.replace(profile=Profile.DEMO, api_url=None))

    async def pair(self, request: PairingRequest, show_codes: Callable[[PairingCodes], None]) -> Settings:
        """Pair the till: request codes, ``show_codes`` them, poll until approved, then save.

        Returns the saved settings. Raises :class:`PairingFailed`; a cancelled pairing saves
        nothing and closes its HTTP client.
        """
        from pos_gui.api.auth import poll_device_token, request_device_codes
        from pos_gui.api.errors import DeviceCodeExpiredError

        http = self._build_http_client(request.api_url)
        try:
            codes = await request_device_codes(
                http, request.client_id, request.client_secret, request.device_uuid
            )
            show_codes(PairingCodes(codes.user_code, codes.verification_url, codes.expires_in))
            token = await poll_device_token(http, request.client_id, request.client_secret, codes)
            refresh_token = token.refresh_token
            if not refresh_token:
                raise ApiError("the token answer has no refresh token")
        except DeviceCodeExpiredError as error:
            logger.warning("Pairing code expired before it was approved")
            raise PairingFailed(PairingFailure.EXPIRED) from error
        except Exception as error:
            # Whatever else broke (a malformed answer, a local network error), the setup must
            # offer a restart instead of hanging; the log has the detail.
            logger.warning("Pairing with %s failed: %s", request.api_url, error)
            raise _failure_of(error) from error
        finally:
            await http.aclose()

        self._secrets.set(CLIENT_SECRET, request.client_secret)
        self._secrets.set(REFRESH_TOKEN, refresh_token)
        logger.info(
            "Till paired with %s as %s (%s)", request.api_url, request.device_uuid, request.profile.value
        )
        return self._save(
            self.settings.replace(
                profile=request.profile,
                api_url=request.api_url,
                client_id=request.client_id,
                device_uuid=request.device_uuid,
            )
        )

    def _build_http_client(self, api_url: str) -> httpx.AsyncClient:
        if self._http_client_factory is not None:
            return self._http_client_factory(api_url)
        from pos_gui.api.transport import build_http_client

        return build_http_client(api_url)

    def _save(self, settings: Settings) -> Settings:
        save_settings(self._paths, settings)
        self.settings = settings
        return settings


def _failure_of(error: Exception) -> PairingFailed:
    if isinstance(error, OAuthError) and error.error in ("invalid_client", "invalid_device"):
        return PairingFailed(PairingFailure(error.error))
    if isinstance(error, OAuthError):
        return PairingFailed(PairingFailure.REFUSED, error.error)
    if isinstance(error, ApiConnectionError):
        return PairingFailed(PairingFailure.UNREACHABLE)
    return PairingFailed(PairingFailure.OTHER)

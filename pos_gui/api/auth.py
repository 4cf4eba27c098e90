"""OAuth 2.0 for the secuconnect API: client credentials, device pairing and device sessions.

Two kinds of till log in:

* a server-style integration with :class:`ClientCredentials` (``client_credentials`` grant), and
* a paired device with :class:`DeviceCredentials`: paired once by a person through the device flow
  (:func:`request_device_codes`, then :func:`poll_device_token`), afterwards every session is
  opened with the stored refresh token (``refresh_token`` grant; the server does not issue a new
  refresh token then).

:class:`Authenticator` hands out a cached access token until shortly before it expires, and lets
concurrent callers share one token request. Secrets (client secret, tokens, device code) never go
into a log line or an exception message.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import httpx
from pydantic import ValidationError

from pos_gui.api.errors import (
    ApiConnectionError,
    ApiTimeoutError,
    DeviceCodeExpiredError,
    DevicePairingRequiredError,
    InvalidResponseError,
    OAuthError,
    ServerError,
)
from pos_gui.api.models import DeviceCodes, OAuthErrorBody, TokenResponse, WireModel
from pos_gui.api.transport import Answer, request_deadline, send_request

log = logging.getLogger("pos_gui.api")

TOKEN_PATH = "/oauth/token"

# Renew this many seconds before the server's expiry, so a token never runs out mid-request.
EXPIRY_MARGIN_S = 30.0

Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]
RefreshTokenSink = Callable[[str], None]

ModelT = TypeVar("ModelT", bound=WireModel)


@dataclass(frozen=True)
class ClientCredentials:
    """API credentials for the ``client_credentials`` grant."""

    client_id: str
    client_secret: str = field(repr=False)


@dataclass(frozen=True)
class DeviceCredentials:
    """A paired device: its API credentials, its device uid and the stored refresh token.

    ``refresh_token`` is ``None`` before pairing; the authenticator then raises
    :class:`~pos_gui.api.errors.DevicePairingRequiredError`.
    """

    client_id: str
    client_secret: str = field(repr=False)
    uuid: str
    refresh_token: str | None = field(default=None, repr=False)


async def _post_token_request(http: httpx.AsyncClient, body: dict[str, Any]) -> Answer:
    """POST the grant to the token endpoint; transport failures become API errors (an answer
    too large to read is an :class:`~pos_gui.api.errors.InvalidResponseError`)."""
    grant = body.get("grant_type", "?")
    started = time.perf_counter()
    try:
        response = await send_request(http, "POST", TOKEN_PATH, deadline=request_deadline(http), json=body)
    except (httpx.TimeoutException, TimeoutError) as exc:
        log.warning("POST %s (grant %s) timed out", TOKEN_PATH, grant)
        raise ApiTimeoutError(f"token request timed out ({type(exc).__name__})") from None
    except httpx.TransportError as exc:
        log.warning("POST %s (grant %s) failed: %s", TOKEN_PATH, grant, type(exc).__name__)
        raise ApiConnectionError(f"token request failed ({type(exc).__name__})") from None
    log.debug(
        "POST %s (grant %s) -> %s in %.1f ms",
        TOKEN_PATH,
        grant,
        response.status_code,
        (time.perf_counter() - started) * 1000,
    )
    return response


def _json_or_none(response: Answer) -> Any:
    try:
        return response.json()
    except ValueError:  # not JSON, or nested too deep
        return None


def _oauth_error(response: Answer) -> OAuthError | ServerError | InvalidResponseError:
    """The exception for a refused token request."""
    if response.status_code >= 500:
        return ServerError(response.status_code, error="token endpoint failed")
    body = _json_or_none(response)
    try:
        parsed = OAuthErrorBody.model_validate(body)
    except ValidationError:
        return InvalidResponseError(
            f"token endpoint answered {response.status_code} without an OAuth error body",
            status_code=response.status_code,
        )
    return OAuthError(parsed.error, parsed.error_description or "", status_code=response.status_code)


def _parse(model: type[ModelT], response: Answer) -> ModelT:
    """Validate a 200 answer of the token endpoint. The error message names fields, never values
    (they would be tokens)."""
    body = _json_or_none(response)
    if body is None:
        raise InvalidResponseError("token endpoint answered without JSON", status_code=response.status_code)
    try:
        return model.model_validate(body)
    except ValidationError as exc:
        fields = ", ".join(".".join(str(p) for p in err["loc"]) for err in exc.errors())
        raise InvalidResponseError(
            f"token endpoint answer is not a {model.__name__} (fields: {fields})",
            status_code=response.status_code,
        ) from None


async def request_token(http: httpx.AsyncClient, body: dict[str, Any]) -> TokenResponse:
    """One grant at the token endpoint → :class:`TokenResponse`, or an :class:`OAuthError`."""
    response = await _post_token_request(http, body)
    if response.status_code != 200:
        raise _oauth_error(response)
    return _parse(TokenResponse, response)


async def request_device_codes(
    http: httpx.AsyncClient, client_id: str, client_secret: str, uuid: str
) -> DeviceCodes:
    """Step 1 of pairing: ask for a device code and the user code a person must approve."""
    body = {"grant_type": "device", "client_id": client_id, "client_secret": client_secret, "uuid": uuid}
    response = await _post_token_request(http, body)
    if response.status_code != 200:
        raise _oauth_error(response)
    codes = _parse(DeviceCodes, response)
    log.info("device codes issued for %s; user code valid for %d s", uuid, codes.expires_in)
    return codes


async def poll_device_token(
    http: httpx.AsyncClient,
    client_id: str,
    client_secret: str,
    codes: DeviceCodes,
    *,
    sleep: Sleep = asyncio.sleep,
    clock: Clock = time.monotonic,
) -> TokenResponse:
    """Step 2 of pairing: poll every ``codes.interval`` seconds until someone approved the code.

    Returns the token (with the ``refresh_token`` to store). Raises
    :class:`~pos_gui.api.errors.DeviceCodeExpiredError` once ``codes.expires_in`` has passed, and
    :class:`~pos_gui.api.errors.OAuthError` when the server refuses for another reason.
    """
    deadline = clock() + codes.expires_in
    interval = max(0, codes.interval)
    body = {
        "grant_type": "device",
        "client_id": client_id,
        "client_secret": client_secret,
        "code": codes.device_code,
    }
    while True:
        if clock() + interval > deadline:
            raise DeviceCodeExpiredError()
        await sleep(interval)
        response = await _post_token_request(http, body)
        if response.status_code == 200:
            log.info("device pairing approved")
            return _parse(TokenResponse, response)
        error = _oauth_error(response)
        if not isinstance(error, OAuthError):
            raise error
        if error.error == "authorization_pending":
            continue
        if error.error == "slow_down":
            # RFC 8628: the server asks for a longer interval.
            interval += 5
            continue
        if error.error in ("expired_token", "expired_code"):
            raise DeviceCodeExpiredError(error.description or "the device code expired")
        raise error


class Authenticator:
    """Hands out a valid access token, fetching a new one only when needed.

    Args:
        http: the client for the API host (the token endpoint lives at ``/oauth/token``).
        credentials: :class:`ClientCredentials` or :class:`DeviceCredentials`.
        clock: monotonic seconds; tests pass a fake.
        on_refresh_token: called with every refresh token newly obtained (e.g. from
            :meth:`use_token` after pairing), for the caller to put into the key store.

    Attributes:
        request_count: token requests sent so far.
    """

    def __init__(
        self,
        http: httpx.AsyncClient,
        credentials: ClientCredentials | DeviceCredentials,
        *,
        clock: Clock = time.monotonic,
        on_refresh_token: RefreshTokenSink | None = None,
    ) -> None:
        self._http = http
        self._credentials = credentials
        self._clock = clock
        self._on_refresh_token = on_refresh_token
        self._refresh_token = (
            credentials.refresh_token if isinstance(credentials, DeviceCredentials) else None
        )
        self._access_token: str | None = None
        self._valid_until = 0.0
        self._lock = asyncio.Lock()
        self.request_count = 0

    @property
    def has_refresh_token(self) -> bool:
        return self._refresh_token is not None

    async def access_token(self) -> str:
        """A token that stays valid for at least the expiry margin; one token request at most,
        shared by all callers that arrive while it runs."""
        token = self._cached_token()
        if token is not None:
            return token
        async with self._lock:
            # Another caller may have fetched a token while this one waited for the lock.
            token = self._cached_token()
            if token is not None:
                return token
            self.use_token(await self._fetch_token())
            assert self._access_token is not None
            return self._access_token

    def invalidate(self, rejected_token: str | None = None) -> None:
        """Forget the cached token (the server rejected it). With ``rejected_token``, only when it
        is still the cached one: parallel requests rejected with the same token cause one fetch."""
        if rejected_token is None or rejected_token == self._access_token:
            self._access_token = None
            self._valid_until = 0.0

    def use_token(self, token: TokenResponse) -> None:
        """Adopt a token obtained elsewhere (e.g. by :func:`poll_device_token` after pairing)."""
        self._access_token = token.access_token
        self._valid_until = self._clock() + max(0.0, token.expires_in - EXPIRY_MARGIN_S)
        if token.refresh_token and token.refresh_token != self._refresh_token:
            self._refresh_token = token.refresh_token
            if self._on_refresh_token is not None:
                self._on_refresh_token(token.refresh_token)

    def _cached_token(self) -> str | None:
        if self._access_token is not None and self._clock() < self._valid_until:
            return self._access_token
        return None

    async def _fetch_token(self) -> TokenResponse:
        credentials = self._credentials
        self.request_count += 1
        if isinstance(credentials, ClientCredentials):
            log.info("requesting an access token (client_credentials)")
            return await request_token(
                self._http,
                {
                    "grant_type": "client_credentials",
                    "client_id": credentials.client_id,
                    "client_secret": credentials.client_secret,
                },
            )
        if self._refresh_token is None:
            raise DevicePairingRequiredError("no refresh token stored: the till is not paired")
        log.info("renewing the device session (refresh_token)")
        try:
            return await request_token(
                self._http,
                {
                    "grant_type": "refresh_token",
                    "client_id": credentials.client_id,
                    "client_secret": credentials.client_secret,
                    "refresh_token": self._refresh_token,
                },
            )
        except OAuthError as exc:
            if exc.error in ("invalid_grant", "invalid_token", "invalid_device", "invalid_request"):
                raise DevicePairingRequiredError(
                    f"the refresh token was refused ({exc.error})", status_code=exc.status_code
                ) from None
            raise

"""The simulator's OAuth desk: access tokens, refresh tokens and device pairing (reference §3).

:class:`OAuthDesk` holds no lock of its own: :class:`pos_sim.state.SimulatorState` calls it under
the state's lock. Every change is mirrored to the store at once (the ``meta`` records
``tokens``, ``refresh_tokens`` and ``device_codes``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pos_sim.errors import OAuthFailure, auth_required
from pos_sim.ids import new_token, new_user_code
from pos_sim.settings import SimulatorSettings
from pos_sim.store import MemoryStore

CLIENT_CREDENTIALS_SCOPE = "https://scope.secucard.com/e/api"
VERIFICATION_URL = "http://www.secuoffice.com"
GRANT_TYPES = ("client_credentials", "device", "refresh_token")

# Tokens expired longer ago than this are forgotten, so long demo sessions keep a small table.
FORGET_EXPIRED_AFTER_SECONDS = 3600


class OAuthDesk:
    """Issues and checks tokens, and pairs devices through the device flow.

    Args:
        store: where the token tables are mirrored.
        settings: returns the current settings (they may change at run time).
        clock: wall-clock seconds, for expiry.
    """

    def __init__(
        self, store: MemoryStore, settings: Callable[[], SimulatorSettings], clock: Callable[[], float]
    ) -> None:
        self._store = store
        self._settings = settings
        self._clock = clock
        self._tokens: dict[str, dict[str, Any]] = {}
        self._refresh_tokens: dict[str, dict[str, Any]] = {}
        self._device_codes: dict[str, dict[str, Any]] = {}

    # ----------------------------------------------------------------- persistence

    def as_meta(self) -> dict[str, Any]:
        """The token tables as ``meta`` records of a store snapshot."""
        return {
            "tokens": self._tokens,
            "refresh_tokens": self._refresh_tokens,
            "device_codes": self._device_codes,
        }

    def restore(self, meta: dict[str, Any]) -> None:
        self._tokens = meta.get("tokens", {})
        self._refresh_tokens = meta.get("refresh_tokens", {})
        self._device_codes = meta.get("device_codes", {})

    def _save(self) -> None:
        for key, record in self.as_meta().items():
            self._store.save_meta(key, record)

    # ----------------------------------------------------------------- admin

    def drop_pending_devices(self) -> None:
        """Forget device codes nobody approved (a reset); approved pairings stay."""
        self._device_codes = {code: d for code, d in self._device_codes.items() if d["approved"]}

    def approve_devices(self) -> int:
        """Approve every pending device code; returns how many."""
        pending = [d for d in self._device_codes.values() if not d["approved"]]
        for device in pending:
            device["approved"] = True
        self._save()
        return len(pending)

    def expire_tokens(self) -> int:
        """Let every access token expire now; returns how many were still valid."""
        now = self._clock()
        alive = [t for t in self._tokens.values() if t["expires_at"] > now]
        for token in alive:
            token["expires_at"] = now - 1
        self._save()
        return len(alive)

    # ----------------------------------------------------------------- the token endpoint

    def token(self, fields: dict[str, Any]) -> dict[str, Any]:
        """Answer ``POST /oauth/token``; raises :class:`OAuthFailure` with the OAuth error."""
        grant_type = fields.get("grant_type")
        if not grant_type:
            raise OAuthFailure(400, "invalid_request", "The grant type was not specified in the request")
        if grant_type not in GRANT_TYPES:
            raise OAuthFailure(400, "unsupported_grant_type", f'Grant type "{grant_type}" not supported')
        if not fields.get("client_id") or not fields.get("client_secret"):
            raise OAuthFailure(
                400, "invalid_client", "Client credentials were not found in the headers or body"
            )
        settings = self._settings()
        if fields["client_id"] != settings.client_id or fields["client_secret"] != settings.client_secret:
            raise OAuthFailure(400, "invalid_client", "The client credentials are invalid")
        if grant_type == "client_credentials":
            return self._issue_access_token(kind="client", scope=CLIENT_CREDENTIALS_SCOPE)
        if grant_type == "refresh_token":
            return self._refresh(fields.get("refresh_token"))
        if fields.get("code"):
            return self._poll_device(str(fields["code"]))
        if fields.get("uuid"):
            return self._new_device_codes(str(fields["uuid"]))
        raise OAuthFailure(400, "invalid_request", 'Missing parameters: "uuid" or "code" required')

    def check_access(self, token: str | None) -> None:
        """Raise the configured 401/403 auth error unless ``token`` is a live access token."""
        info = self._tokens.get(token or "")
        if info is None or info["expires_at"] <= self._clock():
            raise auth_required(int(self._settings().expired_token_style))

    def _issue_access_token(
        self, *, kind: str, scope: str | None, refresh_token: str | None = None
    ) -> dict[str, Any]:
        token = new_token()
        ttl = self._settings().token_ttl_seconds
        self._tokens[token] = {"expires_at": self._clock() + ttl, "kind": kind}
        self._drop_dead_tokens()
        self._save()
        answer: dict[str, Any] = {
            "access_token": token,
            "expires_in": ttl,
            "token_type": "bearer",
            "scope": scope,
        }
        if refresh_token is not None:
            answer["refresh_token"] = refresh_token
        return answer

    def _drop_dead_tokens(self) -> None:
        horizon = self._clock() - FORGET_EXPIRED_AFTER_SECONDS
        for token in [t for t, info in self._tokens.items() if info["expires_at"] < horizon]:
            del self._tokens[token]

    def _new_device_codes(self, uuid: str) -> dict[str, Any]:
        settings = self._settings()
        device_code = new_token(32)
        user_code = new_user_code()
        self._device_codes[device_code] = {
            "uuid": uuid,
            "user_code": user_code,
            "expires_at": self._clock() + settings.device_code_expires_in,
            "approved": False,
            "polls": 0,
            "refresh_token": None,
        }
        self._save()
        return {
            "device_code": device_code,
            "user_code": user_code,
            "verification_url": VERIFICATION_URL,
            "expires_in": settings.device_code_expires_in,
            "interval": settings.device_poll_interval,
        }

    def _poll_device(self, device_code: str) -> dict[str, Any]:
        device = self._device_codes.get(device_code)
        if device is None:
            raise OAuthFailure(400, "invalid_grant", "The device code is unknown")
        if not device["approved"] and device["expires_at"] <= self._clock():
            raise OAuthFailure(400, "expired_token", "The device code has expired")
        device["polls"] += 1
        approve_after = self._settings().device_approve_after_polls
        if not device["approved"] and approve_after is not None and device["polls"] >= approve_after:
            device["approved"] = True
        if not device["approved"]:
            self._save()
            raise OAuthFailure(401, "authorization_pending", "The device has not been approved yet")
        refresh_token: str | None = device["refresh_token"]
        if refresh_token is None:
            refresh_token = device["refresh_token"] = new_token(32)
            self._refresh_tokens[refresh_token] = {"uuid": device["uuid"]}
        return self._issue_access_token(kind="device", scope=None, refresh_token=refresh_token)

    def _refresh(self, refresh_token: Any) -> dict[str, Any]:
        if not refresh_token:
            raise OAuthFailure(400, "invalid_request", 'Missing parameter: "refresh_token" required')
        if str(refresh_token) not in self._refresh_tokens:
            raise OAuthFailure(400, "invalid_grant", "Invalid refresh token")
        return self._issue_access_token(kind="device", scope=None)

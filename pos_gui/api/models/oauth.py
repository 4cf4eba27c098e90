"""OAuth wire models of ``POST /oauth/token``: tokens, device codes and OAuth error bodies.

Token strings and the device code are secrets: they are left out of ``repr`` so that a model that
ends up in a log line or a traceback does not leak them.
"""

from __future__ import annotations

from pydantic import Field

from pos_gui.api.models.common import WireModel


class TokenResponse(WireModel):
    """A granted access token; device grants also carry the long-lived ``refresh_token``."""

    access_token: str = Field(repr=False)
    expires_in: int = 1200
    token_type: str | None = None
    scope: str | None = None
    refresh_token: str | None = Field(default=None, repr=False)


class DeviceCodes(WireModel):
    """Step 1 of the device flow: what to show the person who approves the till.

    Attributes:
        device_code: the secret the till polls with (never shown, never logged).
        user_code: the short code the person types in SecuOffice.
        verification_url: where they type it.
        expires_in: seconds until the codes expire.
        interval: seconds between two polls.
    """

    device_code: str = Field(repr=False)
    user_code: str
    verification_url: str | None = None
    expires_in: int = 1200
    interval: int = 5


class OAuthErrorBody(WireModel):
    """The token endpoint's error shape: ``{"error": "...", "error_description": "..."}``."""

    error: str
    error_description: str | None = None

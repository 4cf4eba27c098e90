"""The simulator's knobs: token lifetime, device pairing, error styles, basket checks."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Literal

ExpiredTokenStyle = Literal["401", "403"]

DEMO_CLIENT_ID = "demo-till"
DEMO_CLIENT_SECRET = "demo-secret"


@dataclass
class SimulatorSettings:
    """How the simulator behaves where the real server is configurable or unknown.

    Attributes:
        token_ttl_seconds: lifetime of an access token (the real server: 1200 s).
        device_approve_after_polls: approve a device code by itself on this poll; ``None`` means
            only ``POST /_sim/devices/approve`` approves.
        expired_token_style: ``"401"`` (what the SDKs expect) or ``"403"`` (the documented
            ``ProductNotAllowedException`` with code 2003).
        strict_basket_sum: refuse a transaction whose ``basket_info.sum`` is not the basket total.
        device_code_expires_in: seconds a device code waits for approval.
        device_poll_interval: the ``interval`` the device flow tells the client to poll at.
        client_id: the accepted OAuth client id.
        client_secret: the accepted OAuth client secret.
    """

    token_ttl_seconds: int = 1200
    device_approve_after_polls: int | None = None
    expired_token_style: ExpiredTokenStyle = "401"
    strict_basket_sum: bool = True
    device_code_expires_in: int = 1200
    device_poll_interval: int = 5
    client_id: str = DEMO_CLIENT_ID
    client_secret: str = DEMO_CLIENT_SECRET

    def updated(self, changes: dict[str, Any]) -> SimulatorSettings:
        """Return a copy with ``changes`` applied; raises ``ValueError`` for unknown or bad fields."""
        known = {f.name for f in dataclasses.fields(self)}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise ValueError(f"unknown settings: {', '.join(unknown)}")
        result = dataclasses.replace(self, **changes)
        result.validate()
        return result

    def validate(self) -> None:
        """Raise ``ValueError`` if a field has a value the simulator cannot work with."""
        for name in ("token_ttl_seconds", "device_code_expires_in", "device_poll_interval"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"{name} must be a non-negative integer")
        polls = self.device_approve_after_polls
        if polls is not None and (isinstance(polls, bool) or not isinstance(polls, int) or polls < 1):
            raise ValueError("device_approve_after_polls must be a positive integer or null")
        if self.expired_token_style not in ("401", "403"):
            raise ValueError('expired_token_style must be "401" or "403"')
        if not isinstance(self.strict_basket_sum, bool):
            raise ValueError("strict_basket_sum must be a boolean")

    def as_dict(self) -> dict[str, Any]:
        """The settings as JSON-ready data (the client secret is left out)."""
        data = dataclasses.asdict(self)
        data.pop("client_secret")
        return data

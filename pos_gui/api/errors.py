"""The one exception tree at the API edge.

Everything the secuconnect client raises is an :class:`ApiError`. Presenters turn these into
cashier text; the distinction that matters most at a till is between an answer that says "no"
(:class:`ApiStatusError`: nothing happened) and no usable answer at all to a payment
(:class:`OutcomeUnknownError`: something may have happened, read the transaction back first).
"""

from __future__ import annotations


class ApiError(Exception):
    """Base of every error raised by the secuconnect client."""


class ApiConnectionError(ApiError):
    """The server could not be reached, or the connection broke before an answer arrived."""


class ApiTimeoutError(ApiConnectionError):
    """The server did not answer in time."""


class InvalidResponseError(ApiError):
    """The server answered, but not with the JSON the API promises (a proxy page, a cut body)."""

    def __init__(self, message: str, *, status_code: int | None = None) -> None:
        super().__init__(message)
        self.status_code = status_code


class ApiStatusError(ApiError):
    """The server answered with an error status and (usually) the API's error payload.

    Attributes:
        status_code: the HTTP status.
        error: the exception class name, e.g. ``ProductNotAllowedException``.
        error_details: the developer detail.
        error_user: the German text meant for the cashier, or ``None``.
        code: the numeric error code (``2003``, ``1003``, ...), or ``None``.
        support_id: the id to quote to the help desk, or ``None``.
    """

    def __init__(
        self,
        status_code: int,
        *,
        error: str = "",
        error_details: str = "",
        error_user: str | None = None,
        code: int | None = None,
        support_id: str | None = None,
    ) -> None:
        super().__init__(f"HTTP {status_code} {error}: {error_details}".strip())
        self.status_code = status_code
        self.error = error
        self.error_details = error_details
        self.error_user = error_user
        self.code = code
        self.support_id = support_id


class BadRequestError(ApiStatusError):
    """400: the request was malformed or broke a business rule (e.g. basket sum mismatch)."""


class AuthenticationError(ApiStatusError):
    """401, or 403 with code 2003: the access token is missing, expired or invalid."""


class NotAllowedError(ApiStatusError):
    """403: the action is not allowed, e.g. in the transaction's current state (code 1003)."""


class NotFoundError(ApiStatusError):
    """404: the object does not exist."""


class ServerError(ApiStatusError):
    """5xx: the server failed."""


class OAuthError(ApiError):
    """The token endpoint refused: invalid client, unknown device, expired device code, ...

    Attributes:
        error: the OAuth error code, e.g. ``invalid_client``.
        description: the server's ``error_description``.
        status_code: the HTTP status.
    """

    def __init__(self, error: str, description: str = "", *, status_code: int | None = None) -> None:
        super().__init__(f"{error}: {description}" if description else error)
        self.error = error
        self.description = description
        self.status_code = status_code


class DeviceCodeExpiredError(OAuthError):
    """The device pairing code expired before anybody approved it."""

    def __init__(self, description: str = "the device code expired before it was approved") -> None:
        super().__init__("expired_token", description)


class OutcomeUnknownError(ApiError):
    """A payment action (``start/*``, ``cancel``) got no usable answer: it may or may not have run.

    Never retry blindly: read the transaction back (GET) and decide from its status.

    Attributes:
        transaction_id: the Smart Transaction the action was sent for.
        action: the action, e.g. ``"start/cash"`` or ``"cancel"``.
    """

    def __init__(self, transaction_id: str, action: str, reason: str) -> None:
        super().__init__(f"outcome of {action} on {transaction_id} unknown: {reason}")
        self.transaction_id = transaction_id
        self.action = action
        self.reason = reason


class DevicePairingRequiredError(OAuthError):
    """A device till has no usable refresh token (none stored, or the server refused it).

    The till must run the device pairing again (``request_device_codes`` / ``poll_device_token``).
    """

    def __init__(
        self, description: str = "the till must be paired again", *, status_code: int | None = None
    ) -> None:
        super().__init__("pairing_required", description, status_code=status_code)

"""Errors the simulator answers with, in the API's two error shapes.

API calls fail with the ``ProductExceptionPayload`` shape
(``{status, error, error_details, error_user, code, supportId}``, reference §9); the token
endpoint fails with OAuth's ``{error, error_description}`` (reference §3.4).
"""

from __future__ import annotations

from typing import Any

from pos_sim.ids import new_support_id

CODE_NOT_ALLOWED = 1003
CODE_AUTH_REQUIRED = 2003
CODE_FORMAT = 1001
CODE_NOT_FOUND = 1002
CODE_INTERNAL = 1000


class SimApiError(Exception):
    """An API error answer: HTTP status plus the API's error payload."""

    def __init__(self, status_code: int, error: str, details: str, user_text: str, code: int) -> None:
        super().__init__(f"{status_code} {error}: {details}")
        self.status_code = status_code
        self.error = error
        self.details = details
        self.user_text = user_text
        self.code = code

    def body(self) -> dict[str, Any]:
        """The JSON payload, with a fresh ``supportId``."""
        return api_error_body(self.error, self.details, self.user_text, self.code)


class OAuthFailure(Exception):
    """A refusal of the token endpoint."""

    def __init__(self, status_code: int, error: str, description: str) -> None:
        super().__init__(f"{status_code} {error}: {description}")
        self.status_code = status_code
        self.error = error
        self.description = description

    def body(self) -> dict[str, str]:
        return {"error": self.error, "error_description": self.description}


def api_error_body(error: str, details: str, user_text: str, code: int) -> dict[str, Any]:
    """The API's error payload (reference §9.1)."""
    return {
        "status": "error",
        "error": error,
        "error_details": details,
        "error_user": user_text,
        "code": code,
        "supportId": new_support_id(),
    }


def not_allowed(details: str, user_text: str | None = None) -> SimApiError:
    """403 ``ProductNotAllowedException`` code 1003: the action is not allowed in this state."""
    return SimApiError(
        403,
        "ProductNotAllowedException",
        details,
        user_text or f"Die Aktion ist im aktuellen Zustand nicht erlaubt (Code {CODE_NOT_ALLOWED})",
        CODE_NOT_ALLOWED,
    )


def not_found(details: str) -> SimApiError:
    """404 ``ProductNotFoundException``."""
    return SimApiError(
        404,
        "ProductNotFoundException",
        details,
        f"Das angeforderte Objekt wurde nicht gefunden (Code {CODE_NOT_FOUND})",
        CODE_NOT_FOUND,
    )


def bad_request(details: str) -> SimApiError:
    """400 ``ProductFormatException``: a malformed body or a broken business rule."""
    return SimApiError(
        400,
        "ProductFormatException",
        details,
        f"Die Anfrage ist ungültig (Code {CODE_FORMAT})",
        CODE_FORMAT,
    )


def auth_required(status_code: int) -> SimApiError:
    """401 or 403 with code 2003: no valid access token (reference §3.5, §9.1)."""
    return SimApiError(
        status_code,
        "ProductNotAllowedException",
        "Valid auth token required",
        f"Es ist ein unbekannter Fehler aufgetreten (Code {CODE_AUTH_REQUIRED})",
        CODE_AUTH_REQUIRED,
    )


def for_status(status_code: int, details: str) -> SimApiError:
    """An error of the exception class the API uses for ``status_code`` (used by the status fault)."""
    if status_code == 400:
        return bad_request(details)
    if status_code in (401, 403) and "token" in details.lower():
        return auth_required(status_code)
    if status_code == 403:
        return not_allowed(details)
    if status_code == 404:
        return not_found(details)
    return SimApiError(
        status_code,
        "ProductInternalException",
        details,
        f"Es ist ein unbekannter Fehler aufgetreten (Code {CODE_INTERNAL})",
        CODE_INTERNAL,
    )

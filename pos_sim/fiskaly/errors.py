"""fiskaly's error answer: ``{status_code, error, code, message}`` with the HTTP status."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any


class FiskalyError(Exception):
    """An error answer of the simulated fiskaly API.

    Args:
        status_code: the HTTP status.
        code: fiskaly's error code, e.g. ``E_TX_REVISION_CONFLICT``.
        message: what went wrong, for a person.
    """

    def __init__(self, status_code: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.code = code
        self.message = message

    def body(self) -> dict[str, Any]:
        return {
            "status_code": self.status_code,
            "error": HTTPStatus(self.status_code).phrase,
            "code": self.code,
            "message": self.message,
        }

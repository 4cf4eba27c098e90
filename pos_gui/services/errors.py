"""The errors the services let through to the UI: the vocabulary the presenters catch.

The UI never imports ``pos_gui.api`` (an import-linter contract says so); what it must recognise
of the API edge's exception tree comes from here. Which service lets which one through:

- :class:`ApiError`: the base of everything below; any service call that talks to the server.
- :class:`ApiConnectionError` (and its :class:`ApiTimeoutError`): the server could not be reached
  or did not answer in time (checkout, sign-in, pairing). The till shows "not reachable".
- :class:`InvalidResponseError`: the server answered with something that is not the API's JSON.
- :class:`ApiStatusError`: the server said "no" with a status (nothing happened); its
  ``error_user`` and ``support_id`` are shown to the cashier.
- :class:`AuthenticationError`: the access token was refused (sign-in, any checkout call).
- :class:`OAuthError`: the token endpoint refused (wrong client credentials, unknown device).
- :class:`OutcomeUnknownError`: a payment got no usable answer; the checkout reads it back.

The checkout's own refusals (``CardRejectedError``, ``CheckoutBusyError``,
``SaleAlreadyPaidError``) stay with :mod:`pos_gui.services.checkout`, and the printer's with
:mod:`pos_gui.services.printer_errors`.

The API's error module imports nothing heavy (no httpx, no pydantic), so this module is safe on
the way to the first window.
"""

from __future__ import annotations

from pos_gui.api.errors import (
    ApiConnectionError,
    ApiError,
    ApiStatusError,
    ApiTimeoutError,
    AuthenticationError,
    InvalidResponseError,
    OAuthError,
    OutcomeUnknownError,
)

__all__ = [
    "ApiConnectionError",
    "ApiError",
    "ApiStatusError",
    "ApiTimeoutError",
    "AuthenticationError",
    "InvalidResponseError",
    "OAuthError",
    "OutcomeUnknownError",
]

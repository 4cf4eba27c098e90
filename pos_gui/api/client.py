"""The secuconnect API client: Smart Transactions and Loyalty merchant cards, as async methods.

Every call sends ``Authorization: Bearer <token>`` from the :class:`~pos_gui.api.auth.Authenticator`.
When the server rejects the token (401, or 403 with code 2003) the client re-authenticates and
sends the same request once more: an auth rejection means the request was not processed, so this
is safe even for payments. Nothing else is ever retried here.

Payment actions (``start/*`` and ``cancel``) are special: without a usable answer (time-out, broken
connection, 5xx, malformed body) nobody knows whether the server booked them, so they raise
:class:`~pos_gui.api.errors.OutcomeUnknownError` and the caller reads the transaction back.

Answers are validated into the wire models here, at the edge: a broken answer raises
:class:`~pos_gui.api.errors.InvalidResponseError`, never a pydantic error. So does an answer about
another transaction than the one asked for, or one without a ``status``: the till must never adopt
a transaction it did not ask about, nor guess its status. Each request has one overall deadline
and a size limit (:func:`pos_gui.api.transport.send_request`).

Logging (logger ``pos_gui.api``): method, path (without query), status, duration and the server's
``supportId``; never headers, bodies or query strings.
"""

from __future__ import annotations

import logging
import time
from typing import Any, TypeVar
from urllib.parse import quote

import httpx
from pydantic import ValidationError

from pos_gui.api.auth import Authenticator
from pos_gui.api.errors import (
    ApiConnectionError,
    ApiStatusError,
    ApiTimeoutError,
    AuthenticationError,
    BadRequestError,
    InvalidResponseError,
    NotAllowedError,
    NotFoundError,
    OutcomeUnknownError,
    ServerError,
)
from pos_gui.api.models import (
    ApiErrorPayload,
    CardValidation,
    ListEnvelope,
    MerchantCard,
    PasscodeCheck,
    PreTransactionResult,
    SmartTransaction,
    SmartTransactionDraft,
    WireModel,
)
from pos_gui.api.transport import Answer, request_deadline, send_request

log = logging.getLogger("pos_gui.api")

API_PREFIX = "/api/v2"
TRANSACTIONS = f"{API_PREFIX}/Smart/Transactions"
MERCHANT_CARDS = f"{API_PREFIX}/Loyalty/MerchantCards"

# The API's code for "valid auth token required" (sent with 403 ProductNotAllowedException).
AUTH_TOKEN_REQUIRED_CODE = 2003

ModelT = TypeVar("ModelT", bound=WireModel)


def _segment(value: str) -> str:
    """One path segment, escaped so that an id can never change the path."""
    return quote(str(value), safe="")


def _error_payload(response: Answer) -> ApiErrorPayload:
    """The API error body, or an empty payload when the body is not one."""
    try:
        body = response.json()
    except ValueError:  # not JSON, or nested too deep
        return ApiErrorPayload()
    if not isinstance(body, dict):
        return ApiErrorPayload()
    try:
        return ApiErrorPayload.model_validate(body)
    except ValidationError:
        return ApiErrorPayload()


def _is_auth_rejection(response: Answer, payload: ApiErrorPayload) -> bool:
    if response.status_code == 401:
        return True
    return response.status_code == 403 and payload.code_number == AUTH_TOKEN_REQUIRED_CODE


def _status_error(response: Answer, payload: ApiErrorPayload) -> ApiStatusError:
    status = response.status_code
    if _is_auth_rejection(response, payload):
        error_class: type[ApiStatusError] = AuthenticationError
    elif status == 400:
        error_class = BadRequestError
    elif status == 403:
        error_class = NotAllowedError
    elif status == 404:
        error_class = NotFoundError
    elif status >= 500:
        error_class = ServerError
    else:
        error_class = ApiStatusError
    return error_class(
        status,
        error=_cut(payload.error or response.reason_phrase or ""),
        error_details=_cut(payload.error_details or ""),
        error_user=None if payload.error_user is None else _cut(payload.error_user),
        code=payload.code_number,
        support_id=None if payload.support_id is None else _cut(payload.support_id, 100),
    )


def _cut(text: str, limit: int = 500) -> str:
    """The server's error text, at most ``limit`` characters: it goes into log lines and, as
    ``error_user``, in front of the cashier; no real one is longer than a sentence or two."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _validation_summary(exc: ValidationError) -> str:
    """Where the answer was wrong, without echoing values."""
    problems = [f"{'.'.join(str(p) for p in err['loc']) or '<root>'}: {err['type']}" for err in exc.errors()]
    shown = "; ".join(problems[:5])
    return shown + (f" (+{len(problems) - 5} more)" if len(problems) > 5 else "")


class SecuconnectClient:
    """Async client for the parts of the secuconnect API a till needs.

    Args:
        http: from :func:`pos_gui.api.transport.build_http_client`; the client owns it and closes it
            in :meth:`aclose`.
        authenticator: supplies (and renews) the access token.

    Attributes:
        request_count: API requests sent so far (token requests not included; they are counted
            by the authenticator). A card scan costs 1, a payment 3 at most.
    """

    def __init__(self, http: httpx.AsyncClient, authenticator: Authenticator) -> None:
        self._http = http
        self._auth = authenticator
        # The client's time-out is also the most one request may take in all.
        self._deadline = request_deadline(http)
        self.request_count = 0

    async def aclose(self) -> None:
        await self._http.aclose()

    # Smart Transactions --------------------------------------------------------------------

    async def create_transaction(self, draft: SmartTransactionDraft) -> SmartTransaction:
        """``POST /Smart/Transactions`` with basket, basket_info and idents in one request."""
        return await self._call("POST", TRANSACTIONS, SmartTransaction, json=draft.to_wire())

    async def get_transaction(self, transaction_id: str) -> SmartTransaction:
        path = f"{TRANSACTIONS}/{_segment(transaction_id)}"
        return await self._call("GET", path, SmartTransaction, about=transaction_id)

    async def list_transactions(
        self,
        *,
        query: str | None = None,
        count: int | None = None,
        offset: int | None = None,
        sort: str | None = None,
    ) -> ListEnvelope[SmartTransaction]:
        """``GET /Smart/Transactions`` with the API's search parameters (``q``, ``count``, ...)."""
        params: dict[str, str | int] = {}
        if query is not None:
            params["q"] = query
        if count is not None:
            params["count"] = count
        if offset is not None:
            params["offset"] = offset
        if sort is not None:
            params["sort"] = sort
        return await self._call("GET", TRANSACTIONS, ListEnvelope[SmartTransaction], params=params)

    async def update_transaction(self, transaction_id: str, draft: SmartTransactionDraft) -> SmartTransaction:
        """``PUT``: replaces basket and basket_info (and drops an applied preTransaction)."""
        path = f"{TRANSACTIONS}/{_segment(transaction_id)}"
        return await self._call("PUT", path, SmartTransaction, json=draft.to_wire(), about=transaction_id)

    async def pre_transaction(self, transaction_id: str) -> PreTransactionResult:
        """Apply the card's balance: returns ``missing_sum`` and the bonus lines. Charges nothing."""
        path = f"{TRANSACTIONS}/{_segment(transaction_id)}/preTransaction"
        return await self._call("POST", path, PreTransactionResult, about=transaction_id)

    async def start_transaction(self, transaction_id: str, payment_method: str) -> SmartTransaction:
        """``start/{payment_method}`` (``cash``, ``loyalty``, ...): books the sale.

        Never retried except after an auth rejection. Raises
        :class:`~pos_gui.api.errors.OutcomeUnknownError` when the outcome cannot be known.
        """
        action = f"start/{payment_method}"
        path = f"{TRANSACTIONS}/{_segment(transaction_id)}/start/{_segment(payment_method)}"
        return await self._call(
            "POST", path, SmartTransaction, json={}, about=transaction_id, outcome_of=(transaction_id, action)
        )

    async def cancel_transaction(self, transaction_id: str) -> SmartTransaction:
        """Reverse a paid transaction (status ``cancelled``). Same no-retry rule as start."""
        path = f"{TRANSACTIONS}/{_segment(transaction_id)}/cancel"
        return await self._call(
            "POST", path, SmartTransaction, about=transaction_id, outcome_of=(transaction_id, "cancel")
        )

    async def abort_transaction(self, transaction_id: str) -> SmartTransaction:
        """Abandon a transaction that was not started (status ``aborted``)."""
        path = f"{TRANSACTIONS}/{_segment(transaction_id)}/abort"
        return await self._call("POST", path, SmartTransaction, about=transaction_id)

    # Loyalty ---------------------------------------------------------------------------------

    async def find_merchant_card(self, cardnumber: str) -> MerchantCard | None:
        """The card with this number, or ``None`` when the server knows none. One request.

        Raises ``ValueError`` for anything but digits: the number goes into a search query.
        """
        number = cardnumber.strip()
        if not number.isdigit():
            raise ValueError("a card number has digits only")
        envelope = await self._call(
            "GET", MERCHANT_CARDS, ListEnvelope[MerchantCard], params={"q": f"card.cardnumber:{number}"}
        )
        if not envelope.data:
            return None
        exact = [card for card in envelope.data if card.cardnumber == number]
        return exact[0] if exact else envelope.data[0]

    async def get_merchant_card(self, merchant_card_id: str) -> MerchantCard:
        return await self._call("GET", f"{MERCHANT_CARDS}/{_segment(merchant_card_id)}", MerchantCard)

    async def validate_merchant_card(self, cardnumber: str) -> CardValidation:
        """Is this number a card of this merchant, and is it locked or passcode-protected?"""
        path = f"{MERCHANT_CARDS}/me/validateMerchantcard"
        return await self._call("POST", path, CardValidation, json={"cardnumber": cardnumber.strip()})

    async def check_passcode(self, card_id_or_number: str, pin: str) -> bool:
        """``checkPasscode``: does the customer's PIN fit the card (``MCD_...`` id or number)?

        The PIN goes in the body only (request bodies are never logged, paths are).
        """
        card = card_id_or_number.strip()
        card_id, body = ("me", {"cardnumber": card, "pin": pin}) if card.isdigit() else (card, {"pin": pin})
        path = f"{MERCHANT_CARDS}/{_segment(card_id)}/checkPasscode"
        answer = await self._call("POST", path, PasscodeCheck, json=body)
        return answer.result

    # The one request path --------------------------------------------------------------------

    async def _call(
        self,
        method: str,
        path: str,
        model: type[ModelT],
        *,
        json: dict[str, Any] | None = None,
        params: dict[str, str | int] | None = None,
        about: str | None = None,
        outcome_of: tuple[str, str] | None = None,
    ) -> ModelT:
        """Send one API request (plus one resend after an auth rejection) and validate the answer.

        ``about`` is the transaction the answer must be about (see :func:`_identity_problem`).
        ``outcome_of`` = (transaction id, action) marks a payment action: any answer that leaves
        its outcome open raises :class:`OutcomeUnknownError` instead of the usual error.
        """
        for attempt in (1, 2):
            token = await self._auth.access_token()
            response = await self._send(method, path, token, json=json, params=params, outcome_of=outcome_of)
            if response.is_success:
                return self._parse(response, model, method, path, about, outcome_of)
            payload = _error_payload(response)
            if _is_auth_rejection(response, payload) and attempt == 1:
                log.info("%s %s: token rejected (%s), re-authenticating", method, path, response.status_code)
                self._auth.invalidate(token)
                continue
            error = _status_error(response, payload)
            log.warning(
                "%s %s -> %s %s code=%s supportId=%s",
                method,
                path,
                response.status_code,
                error.error,
                error.code,
                error.support_id,
            )
            if outcome_of is not None and response.status_code >= 500:
                raise OutcomeUnknownError(
                    outcome_of[0], outcome_of[1], f"server error {response.status_code}"
                ) from error
            raise error
        raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises

    async def _send(
        self,
        method: str,
        path: str,
        token: str,
        *,
        json: dict[str, Any] | None,
        params: dict[str, str | int] | None,
        outcome_of: tuple[str, str] | None,
    ) -> Answer:
        self.request_count += 1
        started = time.perf_counter()
        try:
            response = await send_request(
                self._http,
                method,
                path,
                deadline=self._deadline,
                json=json,
                params=params,
                headers={"Authorization": f"Bearer {token}"},
            )
        except (httpx.TimeoutException, TimeoutError) as exc:
            log.warning("%s %s timed out after %.0f ms", method, path, (time.perf_counter() - started) * 1000)
            if isinstance(exc, httpx.ConnectTimeout):
                # The connection was never made, so nothing was sent: a plain time-out.
                raise ApiTimeoutError(f"{method} {path}: could not connect in time") from None
            if outcome_of is not None:
                raise OutcomeUnknownError(outcome_of[0], outcome_of[1], "no answer in time") from None
            raise ApiTimeoutError(f"{method} {path}: no answer in time") from None
        except httpx.TransportError as exc:
            log.warning("%s %s failed: %s", method, path, type(exc).__name__)
            if isinstance(exc, httpx.ConnectError):
                # Refused or unreachable: the request never left the till.
                raise ApiConnectionError(f"{method} {path}: server not reachable") from None
            if outcome_of is not None:
                raise OutcomeUnknownError(
                    outcome_of[0], outcome_of[1], f"connection lost ({type(exc).__name__})"
                ) from None
            raise ApiConnectionError(f"{method} {path}: connection lost ({type(exc).__name__})") from None
        except InvalidResponseError as exc:  # the answer was too large to read
            log.warning("%s %s -> %s", method, path, exc)
            if outcome_of is not None:
                raise OutcomeUnknownError(outcome_of[0], outcome_of[1], f"unusable answer: {exc}") from None
            raise InvalidResponseError(f"{method} {path}: {exc}", status_code=exc.status_code) from None
        level = logging.INFO if outcome_of is not None else logging.DEBUG
        if log.isEnabledFor(level):
            log.log(
                level,
                "%s %s -> %s in %.1f ms",
                method,
                path,
                response.status_code,
                (time.perf_counter() - started) * 1000,
            )
        return response

    def _parse(
        self,
        response: Answer,
        model: type[ModelT],
        method: str,
        path: str,
        about: str | None,
        outcome_of: tuple[str, str] | None,
    ) -> ModelT:
        try:
            result = model.model_validate_json(response.content)
        except ValidationError as exc:
            problem = _validation_summary(exc)
        else:
            identity_problem = _identity_problem(result, about)
            if identity_problem is None:
                return result
            problem = identity_problem
        log.warning("%s %s -> %s with an invalid body: %s", method, path, response.status_code, problem)
        if outcome_of is not None:
            raise OutcomeUnknownError(outcome_of[0], outcome_of[1], f"unusable answer: {problem}")
        raise InvalidResponseError(
            f"{method} {path}: answer is not a valid {model.__name__}: {problem}",
            status_code=response.status_code,
        )


def _identity_problem(result: WireModel, transaction_id: str | None) -> str | None:
    """Why ``result`` cannot be the answer about ``transaction_id``, or ``None`` when it can.

    A transaction must carry the requested id and a status: a 200 with another transaction's id
    was once adopted as the paid sale, and a 200 without status read as "created", which sent a
    booked sale back to the basket. A preTransaction result carries no id; when it names one, it
    must be the requested one.
    """
    if transaction_id is None:
        return None
    answered_id = getattr(result, "id", None) or (result.model_extra or {}).get("id")
    if isinstance(result, SmartTransaction):
        if answered_id != transaction_id:
            return "the answer is about another transaction"
        if "status" not in result.model_fields_set:
            return "the answer has no status"
    elif answered_id is not None and answered_id != transaction_id:
        return "the answer is about another transaction"
    return None

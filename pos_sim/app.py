"""The simulator's HTTP face: the secuconnect API under ``/api/v2``, OAuth, and ``/_sim/`` admin.

:func:`create_app` returns a plain ASGI app: FastAPI for the routes, wrapped in three small ASGI
layers: one making API paths case-insensitive (reference §1), one firing armed faults, and one
keeping the admin endpoints to loopback clients (:mod:`pos_sim.admin_access`).
"""

from __future__ import annotations

import asyncio
import json
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from pos_sim.admin_access import AdminGate
from pos_sim.asgi import AsgiApp, Message, Receive, Scope, Send
from pos_sim.errors import OAuthFailure, SimApiError, bad_request, for_status, not_found
from pos_sim.faults import FaultBoard, parse_fault
from pos_sim.fiskaly import fiskaly_router
from pos_sim.state import SimulatorState

if TYPE_CHECKING:
    # Only named in annotations: the server module builds this app (and imports this module).
    from pos_sim.server import ConnectionRegistry

API = "/api/v2"

# Literal path segments of the API in their canonical spelling; the server matches paths
# case-insensitively (reference §1), FastAPI's router does not.
_CANONICAL_SEGMENTS = {
    word.lower(): word
    for word in (
        "api", "v2", "oauth", "token", "Smart", "Transactions", "preTransaction", "start", "cancel",
        "abort", "Loyalty", "MerchantCards", "validateMerchantcard", "checkPasscode", "General",
        "Merchants",
    )
}  # fmt: skip


class PathCanonicalizer:
    """Rewrites the literal segments of ``/api/…`` and ``/oauth/…`` paths to their canonical case."""

    def __init__(self, app: AsgiApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path: str = scope["path"]
            if path.lower().startswith(("/api/", "/oauth/")):
                canonical = "/".join(_CANONICAL_SEGMENTS.get(part.lower(), part) for part in path.split("/"))
                if canonical != path:
                    scope = dict(scope, path=canonical, raw_path=canonical.encode())
        await self.app(scope, receive, send)


async def _discard(message: Message) -> None:
    """An ASGI ``send`` that throws the answer away (for faults that never answer)."""


async def _buffered(receive: Receive) -> Receive:
    """Read the request body now; return a ``receive`` that hands it out again."""
    chunks = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    replayed = False

    async def replay() -> Message:
        nonlocal replayed
        if replayed:
            # After the body, a request only ever learns that the client went away.
            return await receive()
        replayed = True
        return {"type": "http.request", "body": b"".join(chunks), "more_body": False}

    return replay


class _Capture:
    """An ASGI ``send`` that keeps the answer's body instead of sending it."""

    def __init__(self) -> None:
        self.body = b""

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.body":
            self.body += message.get("body", b"")


class FaultInjector:
    """Fires armed faults (see :mod:`pos_sim.faults`) on matching requests."""

    def __init__(self, app: AsgiApp, faults: FaultBoard, connections: ConnectionRegistry | None) -> None:
        self.app = app
        self.faults = faults
        self.connections = connections

    async def _drop(self, scope: Scope) -> None:
        if self.connections is None:
            raise RuntimeError("connection drops need the simulator server (pos_sim.server)")
        await self.connections.drop(dict(scope))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        fault = self.faults.take(scope["method"], scope["path"]) if scope["type"] == "http" else None
        if fault is None:
            await self.app(scope, receive, send)
        elif fault.fault == "latency":
            # Take the whole request in first: a real server that got the request finishes it even
            # when the client gives up waiting (which is what latency tests are about).
            replay = await _buffered(receive)
            await asyncio.sleep(fault.latency_ms / 1000)
            await self.app(scope, replay, send)
        elif fault.fault == "status":
            error = for_status(fault.status, f"Injected fault: HTTP {fault.status}")
            await JSONResponse(error.body(), status_code=fault.status)(scope, receive, send)
        elif fault.fault == "drop_before":
            await self._drop(scope)
        elif fault.fault == "drop_after":
            await self.app(scope, receive, _discard)
            await self._drop(scope)
        else:  # malformed: process, then answer 200 with the real body cut in half
            capture = _Capture()
            await self.app(scope, receive, capture)
            body = capture.body[: len(capture.body) // 2] or b"{"
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [
                        (b"content-type", b"application/json"),
                        (b"content-length", str(len(body)).encode()),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": body})


async def _json_body(request: Request) -> Any:
    """The request's JSON body; an empty body is ``{}``; anything unparsable is a 400."""
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        return json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise bad_request(f"Malformed JSON body: {error}") from None


async def _oauth_fields(request: Request) -> dict[str, Any]:
    """The token request's fields, from a JSON or a form-encoded body (reference §3.1)."""
    raw = await request.body()
    content_type = request.headers.get("content-type", "")
    if "json" in content_type or raw.lstrip().startswith(b"{"):
        try:
            data = json.loads(raw or b"{}")
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise OAuthFailure(400, "invalid_request", "The request body is not valid JSON") from None
        if not isinstance(data, dict):
            raise OAuthFailure(400, "invalid_request", "The request body must be an object")
        return data
    return dict(parse_qsl(raw.decode("utf-8", errors="replace")))


def _bearer_token(request: Request) -> str | None:
    """The access token from ``Authorization: Bearer`` or the docs' ``Authenticate: Bearer``."""
    for header in ("authorization", "authenticate"):
        value = request.headers.get(header, "")
        scheme, _, token = value.strip().partition(" ")
        if scheme.lower() == "bearer" and token.strip():
            return token.strip()
    return None


def _int_param(request: Request, name: str) -> int | None:
    value = request.query_params.get(name)
    if value is None or value == "":
        return None
    try:
        number = int(value)
    except ValueError:
        raise bad_request(f"{name} must be an integer") from None
    if number < 0:
        raise bad_request(f"{name} must not be negative")
    return number


def create_app(
    state: SimulatorState,
    faults: FaultBoard,
    connections: ConnectionRegistry | None = None,
    *,
    allow_remote_admin: bool = False,
) -> AsgiApp:
    """The simulator as an ASGI app serving ``state``; ``connections`` enables drop faults.

    The ``/_sim/`` admin endpoints answer only loopback clients unless ``allow_remote_admin``
    (see :mod:`pos_sim.admin_access`).
    """
    api = FastAPI(title="secuconnect simulator", docs_url=None, redoc_url=None, openapi_url=None)
    api.include_router(fiskaly_router())  # the simulated fiskaly TSE, under /fiskaly/api/v2

    @api.exception_handler(SimApiError)
    async def _api_error(request: Request, error: SimApiError) -> JSONResponse:
        return JSONResponse(error.body(), status_code=error.status_code)

    @api.exception_handler(OAuthFailure)
    async def _oauth_error(request: Request, error: OAuthFailure) -> JSONResponse:
        return JSONResponse(error.body(), status_code=error.status_code)

    @api.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        if error.status_code == 404:
            body = not_found(f"No such endpoint: {request.method} {request.url.path}").body()
        else:
            body = for_status(error.status_code, str(error.detail)).body()
        return JSONResponse(body, status_code=error.status_code)

    @api.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, error: RequestValidationError) -> JSONResponse:
        return JSONResponse(bad_request(str(error.errors())).body(), status_code=400)

    def authorize(request: Request) -> None:
        state.check_access(_bearer_token(request))

    # ------------------------------------------------------------------ OAuth

    @api.post("/oauth/token")
    async def token(request: Request) -> JSONResponse:
        return JSONResponse(state.oauth_token(await _oauth_fields(request)))

    # ------------------------------------------------------------------ General

    @api.get(API + "/General/Merchants/{merchant_id}")
    async def merchant(merchant_id: str, request: Request) -> JSONResponse:
        authorize(request)
        if merchant_id not in ("me", state.merchant()["id"]):
            raise not_found(f"General merchant {merchant_id} not found")
        return JSONResponse(state.merchant())

    # ------------------------------------------------------------------ Smart Transactions

    @api.post(API + "/Smart/Transactions")
    async def create_transaction(request: Request) -> JSONResponse:
        authorize(request)
        return JSONResponse(state.create_transaction(await _json_body(request)))

    @api.get(API + "/Smart/Transactions")
    async def list_transactions(request: Request) -> JSONResponse:
        authorize(request)
        params = request.query_params
        envelope = state.list_transactions(
            params.get("q"),
            _int_param(request, "count"),
            _int_param(request, "offset") or 0,
            params.get("sort"),
        )
        return JSONResponse(envelope)

    @api.get(API + "/Smart/Transactions/{transaction_id}")
    async def get_transaction(transaction_id: str, request: Request) -> JSONResponse:
        authorize(request)
        return JSONResponse(state.get_transaction(transaction_id))

    @api.put(API + "/Smart/Transactions/{transaction_id}")
    async def update_transaction(transaction_id: str, request: Request) -> JSONResponse:
        authorize(request)
        return JSONResponse(state.update_transaction(transaction_id, await _json_body(request)))

    @api.post(API + "/Smart/Transactions/{transaction_id}/preTransaction")
    async def pre_transaction(transaction_id: str, request: Request) -> JSONResponse:
        authorize(request)
        await _json_body(request)
        return JSONResponse(state.pre_transaction(transaction_id))

    @api.post(API + "/Smart/Transactions/{transaction_id}/start/{method}")
    async def start(transaction_id: str, method: str, request: Request) -> JSONResponse:
        authorize(request)
        await _json_body(request)
        return JSONResponse(state.start(transaction_id, method))

    @api.post(API + "/Smart/Transactions/{transaction_id}/cancel")
    async def cancel(transaction_id: str, request: Request) -> JSONResponse:
        authorize(request)
        await _json_body(request)
        return JSONResponse(state.cancel(transaction_id))

    @api.post(API + "/Smart/Transactions/{transaction_id}/abort")
    async def abort(transaction_id: str, request: Request) -> JSONResponse:
        authorize(request)
        await _json_body(request)
        return JSONResponse(state.abort(transaction_id))

    # ------------------------------------------------------------------ Loyalty

    @api.get(API + "/Loyalty/MerchantCards")
    async def find_cards(request: Request) -> JSONResponse:
        authorize(request)
        envelope = state.find_cards(
            request.query_params.get("q"), _int_param(request, "count"), _int_param(request, "offset") or 0
        )
        return JSONResponse(envelope)

    @api.get(API + "/Loyalty/MerchantCards/{merchantcard_id}")
    async def get_card(merchantcard_id: str, request: Request) -> JSONResponse:
        authorize(request)
        return JSONResponse(state.get_card(merchantcard_id))

    @api.post(API + "/Loyalty/MerchantCards/{merchantcard_id}/validateMerchantcard")
    async def validate_card(merchantcard_id: str, request: Request) -> JSONResponse:
        authorize(request)
        return JSONResponse(state.validate_card(await _json_body(request)))

    @api.post(API + "/Loyalty/MerchantCards/{merchantcard_id}/checkPasscode")
    async def check_passcode(merchantcard_id: str, request: Request) -> JSONResponse:
        authorize(request)
        return JSONResponse(state.check_passcode(merchantcard_id, await _json_body(request)))

    # ------------------------------------------------------------------ admin (no auth; loopback only)

    @api.get("/_sim/health")
    async def health() -> JSONResponse:
        return JSONResponse({"status": "ok"})

    @api.post("/_sim/reset")
    async def reset() -> JSONResponse:
        state.reset()
        faults.clear()
        return JSONResponse({"status": "ok"})

    @api.get("/_sim/state")
    async def admin_state() -> JSONResponse:
        return JSONResponse(state.admin_state())

    @api.post("/_sim/cards")
    async def put_card(request: Request) -> JSONResponse:
        return JSONResponse(state.put_card(await _json_body(request)))

    @api.post("/_sim/devices/approve")
    async def approve_devices() -> JSONResponse:
        return JSONResponse({"approved": state.approve_devices()})

    @api.post("/_sim/tokens/expire")
    async def expire_tokens() -> JSONResponse:
        return JSONResponse({"expired": state.expire_tokens()})

    @api.get("/_sim/settings")
    async def get_settings() -> JSONResponse:
        return JSONResponse(state.settings.as_dict())

    @api.post("/_sim/settings")
    async def update_settings(request: Request) -> JSONResponse:
        changes = await _json_body(request)
        if not isinstance(changes, dict):
            raise bad_request("settings must be a JSON object")
        try:
            return JSONResponse(state.update_settings(changes).as_dict())
        except (ValueError, TypeError) as error:
            raise bad_request(str(error)) from None

    @api.get("/_sim/faults")
    async def list_faults() -> JSONResponse:
        return JSONResponse({"faults": [fault.as_dict() for fault in faults.armed()]})

    @api.post("/_sim/faults")
    async def arm_fault(request: Request) -> JSONResponse:
        try:
            fault = parse_fault(await _json_body(request))
        except ValueError as error:
            raise bad_request(str(error)) from None
        faults.arm(fault)
        return JSONResponse({"armed": fault.as_dict()})

    @api.delete("/_sim/faults")
    async def clear_faults() -> JSONResponse:
        faults.clear()
        return JSONResponse({"status": "ok"})

    # The gate comes first: a refused admin request must not even use up an armed fault.
    return AdminGate(
        FaultInjector(PathCanonicalizer(api), faults, connections), allow_remote=allow_remote_admin
    )

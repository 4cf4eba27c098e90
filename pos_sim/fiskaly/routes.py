"""The simulated fiskaly SIGN DE v2 API as a FastAPI router, under ``/fiskaly/api/v2``.

The subset the till uses: ``POST /auth``; ``GET /tss/{tss}``; admin login and logout;
``PUT``/``GET /tss/{tss}/client/{client}``; ``PUT /tss/{tss}/tx/{tx}?tx_revision=n`` and
``GET /tss/{tss}/tx/{tx or number}``; the export (``PUT``/``GET /tss/{tss}/export/{id}``,
``GET …/file``). Errors answer fiskaly's ``{status_code, error, code, message}``. One admin call
for tests, outside the API: ``POST /_sim/fiskaly/tokens/expire``, ``POST /_sim/fiskaly/certificate``
``{"valid_days": n}`` (a new TSS certificate that expires in ``n`` days: the 90-day warning).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute

from pos_sim.fiskaly.errors import FiskalyError
from pos_sim.fiskaly.state import FiskalySimulator

FISKALY_API = "/fiskaly/api/v2"
FISKALY_ADMIN = "/_sim/fiskaly"


class _FiskalyRoute(APIRoute):
    """A route that answers :class:`FiskalyError` in fiskaly's shape (a router has no exception handlers)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def answer(request: Request) -> Response:
            try:
                return await handler(request)
            except FiskalyError as error:
                return JSONResponse(error.body(), status_code=error.status_code)

        return answer


async def _json_body(request: Request) -> Any:
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        return json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise FiskalyError(400, "E_BAD_REQUEST", f"Malformed JSON body: {error}") from None


def _revision(request: Request) -> int | None:
    value = request.query_params.get("tx_revision", "")
    return int(value) if value.isdigit() else None


def fiskaly_router(simulator: FiskalySimulator | None = None) -> APIRouter:
    """The router serving ``simulator`` (a new one, with a fresh TSE key, by default)."""
    sim = simulator or FiskalySimulator()
    router = APIRouter(route_class=_FiskalyRoute)

    def authorize(request: Request) -> None:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        sim.check_token(token.strip() if scheme.lower() == "bearer" else None)

    @router.post(FISKALY_API + "/auth")
    async def auth(request: Request) -> JSONResponse:
        return JSONResponse(sim.authenticate(await _json_body(request)))

    @router.get(FISKALY_API + "/tss/{tss_id}")
    async def tss(tss_id: str, request: Request) -> JSONResponse:
        authorize(request)
        return JSONResponse(sim.tss(tss_id))

    @router.post(FISKALY_API + "/tss/{tss_id}/admin/auth")
    async def admin_login(tss_id: str, request: Request) -> JSONResponse:
        authorize(request)
        return JSONResponse(sim.admin_login(tss_id, await _json_body(request)))

    @router.post(FISKALY_API + "/tss/{tss_id}/admin/logout")
    async def admin_logout(tss_id: str, request: Request) -> JSONResponse:
        authorize(request)
        return JSONResponse(sim.admin_logout(tss_id))

    @router.put(FISKALY_API + "/tss/{tss_id}/client/{client_id}")
    async def register_client(tss_id: str, client_id: str, request: Request) -> JSONResponse:
        authorize(request)
        return JSONResponse(sim.register_client(tss_id, client_id, await _json_body(request)))

    @router.get(FISKALY_API + "/tss/{tss_id}/client/{client_id}")
    async def client(tss_id: str, client_id: str, request: Request) -> JSONResponse:
        authorize(request)
        return JSONResponse(sim.client(tss_id, client_id))

    @router.put(FISKALY_API + "/tss/{tss_id}/tx/{tx_id}")
    async def put_transaction(tss_id: str, tx_id: str, request: Request) -> JSONResponse:
        authorize(request)
        body = await _json_body(request)
        return JSONResponse(sim.put_transaction(tss_id, tx_id, _revision(request), body))

    @router.get(FISKALY_API + "/tss/{tss_id}/tx/{tx_id}")
    async def get_transaction(tss_id: str, tx_id: str, request: Request) -> JSONResponse:
        authorize(request)
        return JSONResponse(sim.transaction(tss_id, tx_id))

    @router.put(FISKALY_API + "/tss/{tss_id}/export/{export_id}")
    async def start_export(tss_id: str, export_id: str, request: Request) -> JSONResponse:
        authorize(request)
        return JSONResponse(sim.start_export(tss_id, export_id))

    @router.get(FISKALY_API + "/tss/{tss_id}/export/{export_id}")
    async def export_state(tss_id: str, export_id: str, request: Request) -> JSONResponse:
        authorize(request)
        return JSONResponse(sim.export_state(tss_id, export_id))

    @router.get(FISKALY_API + "/tss/{tss_id}/export/{export_id}/file")
    async def export_file(tss_id: str, export_id: str, request: Request) -> Response:
        authorize(request)
        return Response(sim.export_file(tss_id, export_id), media_type="application/x-tar")

    @router.post(FISKALY_ADMIN + "/tokens/expire")
    async def expire_tokens() -> JSONResponse:
        return JSONResponse({"expired": sim.expire_tokens()})

    @router.post(FISKALY_ADMIN + "/certificate")
    async def renew_certificate(request: Request) -> JSONResponse:
        body = await _json_body(request)
        valid_days = body.get("valid_days") if isinstance(body, dict) else None
        if not isinstance(valid_days, int):
            return JSONResponse({"message": "valid_days (int) is required"}, status_code=400)
        return JSONResponse({"certificate": sim.renew_certificate(valid_days)})

    return router

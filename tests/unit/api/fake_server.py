"""A tiny in-process fake of the secuconnect server for unit tests, on ``httpx.MockTransport``.

Routes map (method, path) to a queue of answers: an ``httpx.Response``, a callable that makes one
from the request, or an exception to raise (time-outs, dropped connections). The last answer of a
queue repeats. Every request is recorded, so tests can assert what was sent.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx

from pos_gui.api.auth import Authenticator, ClientCredentials
from pos_gui.api.client import SecuconnectClient
from pos_gui.api.transport import build_http_client

Answer = httpx.Response | Callable[[httpx.Request], httpx.Response] | Exception

BASE_URL = "https://connect-testing.secuconnect.com"
CLIENT_ID = "till-client-id"
CLIENT_SECRET = "s3cr3t-client-secret-value"


def json_response(status: int, body: Any) -> httpx.Response:
    return httpx.Response(status, json=body)


def api_error(
    status: int, error: str, code: int | None, *, user: str = "", details: str = ""
) -> httpx.Response:
    return json_response(
        status,
        {
            "status": "error",
            "error": error,
            "error_details": details or f"{error} details",
            "error_user": user or "Es ist ein Fehler aufgetreten",
            "code": code,
            "supportId": "0123456789abcdef0123456789abcdef",
        },
    )


def token_answer(token: str, *, expires_in: int = 1200, refresh_token: str | None = None) -> httpx.Response:
    body: dict[str, Any] = {
        "access_token": token,
        "expires_in": expires_in,
        "token_type": "bearer",
        "scope": None,
    }
    if refresh_token is not None:
        body["refresh_token"] = refresh_token
    return json_response(200, body)


class FakeServer:
    """Routes and the record of every request seen."""

    def __init__(self) -> None:
        self.routes: dict[tuple[str, str], list[Answer]] = {}
        self.requests: list[httpx.Request] = []

    def on(self, method: str, path: str, *answers: Answer) -> FakeServer:
        self.routes[(method.upper(), path)] = list(answers)
        return self

    def tokens(self, *tokens: str, expires_in: int = 1200) -> FakeServer:
        """Answer token requests with these access tokens, one per request."""
        return self.on("POST", "/oauth/token", *(token_answer(t, expires_in=expires_in) for t in tokens))

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        key = (request.method, request.url.path)
        if key not in self.routes:
            return api_error(404, "ProductNotFoundException", None, details=f"no route {key}")
        queue = self.routes[key]
        answer = queue.pop(0) if len(queue) > 1 else queue[0]
        if isinstance(answer, Exception):
            raise answer
        if callable(answer):
            return answer(request)
        return answer

    @property
    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    def sent(self, method: str, path: str) -> list[httpx.Request]:
        return [r for r in self.requests if r.method == method and r.url.path == path]

    @property
    def api_requests(self) -> list[httpx.Request]:
        return [r for r in self.requests if r.url.path != "/oauth/token"]

    @property
    def token_requests(self) -> list[httpx.Request]:
        return [r for r in self.requests if r.url.path == "/oauth/token"]


def body_of(request: httpx.Request) -> Any:
    return json.loads(request.content) if request.content else None


def make_client(server: FakeServer) -> tuple[SecuconnectClient, Authenticator]:
    """A client with client credentials talking to ``server``."""
    http = build_http_client(BASE_URL, transport=server.transport)
    auth = Authenticator(http, ClientCredentials(CLIENT_ID, CLIENT_SECRET))
    return SecuconnectClient(http, auth), auth


class FakeClock:
    """Monotonic seconds that only move when a test (or the fake sleep) moves them."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

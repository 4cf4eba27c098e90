"""The one place that builds httpx clients for the secuconnect API (and the embedded simulator),
and the one way requests are sent through them (:func:`send_request`).

TLS certificates are always verified, except for loopback hosts (127.0.0.0/8, ::1, localhost),
where the till only ever talks to its own simulator.

:func:`send_request` does not trust the server to be reasonable: the whole request has one deadline (a
server that sends a byte every few seconds never trips the per-read time-out), and the body is read
in chunks up to :data:`MAX_ANSWER_BYTES` (no answer of the API comes near). JSON is parsed with a
nesting limit (:meth:`Answer.json`), so a deeply nested body is invalid JSON, not a RecursionError.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
from dataclasses import dataclass
from typing import Any

import httpx
import pydantic_core

from pos_gui import __version__
from pos_gui.api.errors import InvalidResponseError

# The largest answer read: a page of transactions with receipts is a few hundred kilobytes.
MAX_ANSWER_BYTES = 2 * 1024 * 1024

USER_AGENT = f"pos-gui/{__version__}"

JSON_HEADERS = {
    "Accept": "application/json",
    "Content-Type": "application/json",
    "User-Agent": USER_AGENT,
}


def is_loopback_host(host: str) -> bool:
    """True for ``localhost`` and for addresses in 127.0.0.0/8 or ``::1``."""
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def quiet_http_library_loggers() -> None:
    """Put httpx/httpcore at WARNING unless the application configured them itself.

    httpx logs every request URL at INFO; nothing it logs is needed at a till, and keeping it
    quiet keeps log files small. (Neither library logs headers or bodies, so no secret is at
    stake; a test checks that at DEBUG.)
    """
    for name in ("httpx", "httpcore"):
        library_logger = logging.getLogger(name)
        if library_logger.level == logging.NOTSET:
            library_logger.setLevel(logging.WARNING)


def build_http_client(
    base_url: str,
    *,
    timeout: float = 15.0,
    transport: httpx.AsyncBaseTransport | None = None,
) -> httpx.AsyncClient:
    """An ``httpx.AsyncClient`` for ``base_url`` (scheme and host, e.g.
    ``https://connect-testing.secuconnect.com``; API paths start with ``/api/v2``).

    Args:
        base_url: the server's root URL.
        timeout: seconds for connect, read, write and pool waits each.
        transport: a transport to use instead of the network (``httpx.MockTransport`` in tests).
    """
    url = httpx.URL(base_url)
    if url.scheme not in ("http", "https") or not url.host:
        raise ValueError(f"not an http(s) URL: {base_url!r}")
    quiet_http_library_loggers()
    # Loopback is the till's own simulator (plain HTTP, or a self-signed certificate in a test);
    # every other host must present a valid certificate.
    verify = not is_loopback_host(url.host)
    return httpx.AsyncClient(
        base_url=base_url,
        timeout=httpx.Timeout(timeout),
        headers=JSON_HEADERS,
        verify=verify,
        transport=transport,
        follow_redirects=False,
    )


def request_deadline(http: httpx.AsyncClient) -> float:
    """Seconds one request may take in all: the longest of the client's time-outs (connect,
    read, write, pool: each limits one wait only, a trickling server never trips them)."""
    timeout = http.timeout
    waits = [
        wait for wait in (timeout.connect, timeout.read, timeout.write, timeout.pool) if wait is not None
    ]
    return max(waits, default=60.0)


@dataclass(frozen=True)
class Answer:
    """A complete answer: status and body (already decompressed, at most the size limit)."""

    status_code: int
    reason_phrase: str
    content: bytes

    @property
    def is_success(self) -> bool:
        return 200 <= self.status_code < 300

    def json(self) -> Any:
        """The body as JSON. Raises ``ValueError`` for anything else, also for JSON nested
        deeper than the parser's limit (200 levels; the API's answers nest less than 10)."""
        return pydantic_core.from_json(self.content)


async def send_request(
    http: httpx.AsyncClient,
    method: str,
    path: str,
    *,
    deadline: float,
    json: Any = None,
    params: dict[str, str | int] | None = None,
    headers: dict[str, str] | None = None,
    max_bytes: int = MAX_ANSWER_BYTES,
) -> Answer:
    """Send one request and read its whole answer within ``deadline`` seconds.

    Raises:
        TimeoutError: the deadline passed (the request may have reached the server).
        httpx.TimeoutException, httpx.TransportError: as ``httpx`` raises them.
        InvalidResponseError: the answer is larger than ``max_bytes``; reading stops there.
    """
    async with asyncio.timeout(deadline):
        async with http.stream(method, path, json=json, params=params, headers=headers) as response:
            declared = response.headers.get("Content-Length", "")
            # (A length of many digits is compared by its length: int() refuses over 4300 digits.)
            if declared.isdigit() and (len(declared) > 15 or int(declared) > max_bytes):
                raise _too_large(response.status_code, max_bytes)
            chunks: list[bytes] = []
            size = 0
            # Counted after decompression, so a small gzip body cannot unpack into gigabytes.
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise _too_large(response.status_code, max_bytes)
                chunks.append(chunk)
    return Answer(response.status_code, response.reason_phrase, b"".join(chunks))


def _too_large(status_code: int, max_bytes: int) -> InvalidResponseError:
    return InvalidResponseError(
        f"answer larger than {max_bytes // (1024 * 1024)} MB: not read", status_code=status_code
    )

"""The one place that builds httpx clients for the secuconnect API (and the embedded simulator).

TLS certificates are always verified, except for loopback hosts (127.0.0.0/8, ::1, localhost),
where the till only ever talks to its own simulator.
"""

from __future__ import annotations

import ipaddress
import logging

import httpx

from pos_gui import __version__

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

"""Who may use the admin endpoints (``/_sim/``): loopback clients only, unless told otherwise.

The admin endpoints have no authentication: they reset the demo, set any card's balance and arm
faults. That is fine on 127.0.0.1, but ``pos-sim --host 0.0.0.0`` (a demo on a second machine)
opened them to the whole LAN, where anyone could give a card 999.999,99 € (issue 15 #10). So
:class:`AdminGate` refuses ``/_sim/`` requests whose client is not a loopback address with a 403,
unless the simulator was started with ``--allow-remote-admin``. The API itself stays open to
everyone who can reach the port: it has its own OAuth.
"""

from __future__ import annotations

import ipaddress

from starlette.responses import JSONResponse

from pos_sim.asgi import AsgiApp, Receive, Scope, Send
from pos_sim.errors import not_allowed

ADMIN_PREFIX = "/_sim"


def is_loopback(host: str | None) -> bool:
    """Whether ``host`` is a loopback address (127.0.0.0/8, ::1, ::ffff:127.x, or ``localhost``).

    Anything else, a name or nothing at all included, is not loopback: the gate errs on the side
    of refusing.
    """
    if host is None:
        return False
    if host.lower() == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host.strip("[]").split("%")[0])
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped.is_loopback
    return address.is_loopback


def is_admin_path(path: str) -> bool:
    lowered = path.lower()
    return lowered == ADMIN_PREFIX or lowered.startswith(ADMIN_PREFIX + "/")


def refusal_for(client_host: str | None) -> JSONResponse:
    """The 403 a non-loopback client gets for an admin endpoint, in the API's error shape."""
    error = not_allowed(
        "The simulator's admin endpoints (/_sim/) only answer requests from this machine (loopback); "
        f"this request came from {client_host or 'an unknown address'}. Start pos-sim with "
        "--allow-remote-admin to open them to the network.",
        "Die Verwaltungsfunktionen des Simulators sind nur auf diesem Rechner erreichbar (Code 1003)",
    )
    return JSONResponse(error.body(), status_code=403)


class AdminGate:
    """Lets ``/_sim/`` requests through only from loopback clients (or from anyone, if allowed).

    Args:
        app: the simulator app.
        allow_remote: open the admin endpoints to every client (``--allow-remote-admin``).
    """

    def __init__(self, app: AsgiApp, *, allow_remote: bool = False) -> None:
        self.app = app
        self.allow_remote = allow_remote

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not self.allow_remote and is_admin_path(scope["path"]):
            client = scope.get("client")
            host = client[0] if client else None
            if not is_loopback(host):
                await refusal_for(host)(scope, receive, send)
                return
        await self.app(scope, receive, send)

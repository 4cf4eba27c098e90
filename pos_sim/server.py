"""Running the simulator app under uvicorn, with connections the app can drop for real.

uvicorn hides the socket from the ASGI app, but the fault modes ``drop_before``/``drop_after``
must make the client see a transport error, not an HTTP answer. So the simulator serves with a
subclass of uvicorn's h11 protocol that registers each connection's transport under the peer
address; the app finds it through ``scope["client"]`` and aborts it.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from pos_sim.app import create_app
from pos_sim.faults import FaultBoard
from pos_sim.state import SimulatorState


@dataclass
class _Connection:
    transport: asyncio.Transport
    lost: asyncio.Event = field(default_factory=asyncio.Event)


class ConnectionRegistry:
    """The open connections of one server, by peer address ``(host, port)``."""

    def __init__(self) -> None:
        self._connections: dict[tuple[str, int], _Connection] = {}

    def add(self, peer: tuple[str, int], transport: asyncio.Transport) -> None:
        self._connections[peer] = _Connection(transport)

    def remove(self, peer: tuple[str, int]) -> None:
        connection = self._connections.pop(peer, None)
        if connection is not None:
            connection.lost.set()

    async def drop(self, scope: dict[str, Any]) -> None:
        """Abort the connection the request in ``scope`` came on, and wait until it is gone.

        A connection that is already gone (the client gave up first) needs nothing more.
        """
        client = scope.get("client")
        connection = self._connections.get((client[0], client[1])) if client else None
        if connection is None:
            return
        connection.transport.abort()
        # uvicorn must see the connection as lost before the app returns, or it answers 500.
        await asyncio.wait_for(connection.lost.wait(), timeout=2.0)


def protocol_class_for(registry: ConnectionRegistry) -> type[H11Protocol]:
    """An h11 protocol class that reports its connections to ``registry``."""

    class DroppableH11Protocol(H11Protocol):
        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            if self.client is not None:
                registry.add(self.client, transport)

        def connection_lost(self, exc: Exception | None) -> None:
            if self.client is not None:
                registry.remove(self.client)
            super().connection_lost(exc)

    return DroppableH11Protocol


def build_server(
    state: SimulatorState, *, access_log: bool = False, allow_remote_admin: bool = False
) -> uvicorn.Server:
    """A uvicorn server for the simulator app serving ``state``, drop faults included.

    ``allow_remote_admin`` opens the ``/_sim/`` admin endpoints to non-loopback clients.

    Logging is left to the caller (``log_config=None``): the embedded simulator must not
    reconfigure the till's logging.
    """
    # The app drops the connections that the server's protocol registers: both get the registry.
    registry = ConnectionRegistry()
    config = uvicorn.Config(
        create_app(state, FaultBoard(), registry, allow_remote_admin=allow_remote_admin),
        http=protocol_class_for(registry),
        lifespan="off",
        log_config=None,
        access_log=access_log,
        timeout_graceful_shutdown=2,
        ws="none",
    )
    return uvicorn.Server(config)

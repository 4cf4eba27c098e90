"""The simulator inside another process (demo mode, tests): its own thread, loop and port.

``start_embedded()`` returns once the server accepts connections on a free 127.0.0.1 port;
``stop()`` shuts it down and joins the thread. The till talks to it over real HTTP, exactly as it
talks to secuconnect.
"""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path
from types import TracebackType

import uvicorn

from pos_gui.simulator.app import create_app
from pos_gui.simulator.faults import FaultBoard
from pos_gui.simulator.server import ConnectionRegistry, base_url_of, bind_socket, build_server
from pos_gui.simulator.settings import SimulatorSettings
from pos_gui.simulator.state import SimulatorState
from pos_gui.simulator.store import MemoryStore, SqliteStore

START_TIMEOUT_SECONDS = 10.0


class EmbeddedSimulator:
    """A running simulator on a background thread.

    Attributes:
        url: the base URL, e.g. ``http://127.0.0.1:43817`` (API under ``/api/v2``).
        state: the simulator's state (thread-safe), for in-process inspection.
    """

    def __init__(
        self, state: SimulatorState, server: uvicorn.Server, url: str, thread: threading.Thread
    ) -> None:
        self.state = state
        self.url = url
        self._server = server
        self._thread = thread

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def stop(self, timeout: float = 10.0) -> None:
        """Shut the server down cleanly and join its thread (idempotent)."""
        self._server.should_exit = True
        if self._thread.is_alive():
            self._thread.join(timeout)
        if self._thread.is_alive():
            # Open keep-alive connections past the grace period: close them the hard way.
            self._server.force_exit = True
            self._thread.join(timeout)
        self.state.close()

    def __enter__(self) -> EmbeddedSimulator:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def start_embedded(
    *, state_file: str | Path | None = None, settings: SimulatorSettings | None = None
) -> EmbeddedSimulator:
    """Start the simulator on a free 127.0.0.1 port in its own thread; return once it answers.

    Args:
        state_file: an SQLite file to keep the state in across restarts (default: memory only).
        settings: behaviour knobs (default: :class:`SimulatorSettings`).
    """
    store = SqliteStore(state_file) if state_file is not None else MemoryStore()
    state = SimulatorState(settings, store)
    registry = ConnectionRegistry()
    server = build_server(create_app(state, FaultBoard(), registry), registry)
    sock = bind_socket("127.0.0.1", 0)
    url = base_url_of(sock)
    failure: list[BaseException] = []

    def serve() -> None:
        try:
            asyncio.run(server.serve(sockets=[sock]))
        except BaseException as error:  # reported to the starting thread below
            failure.append(error)
        finally:
            sock.close()

    thread = threading.Thread(target=serve, name="pos-sim", daemon=True)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while not server.started:
        if failure or not thread.is_alive():
            state.close()
            raise RuntimeError("the embedded simulator failed to start") from (
                failure[0] if failure else None
            )
        if time.monotonic() > deadline:
            server.should_exit = True
            thread.join(5)
            state.close()
            raise TimeoutError("the embedded simulator did not start in time")
        time.sleep(0.005)
    return EmbeddedSimulator(state, server, url, thread)

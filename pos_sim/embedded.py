"""The simulator inside another process (demo mode, tests): its own thread, loop and port.

Two steps, so that a till can show its window before the simulator is up:

1. ``EmbeddedSimulator()`` only opens a listening socket on a free 127.0.0.1 port. That is cheap
   (no FastAPI or uvicorn import), and from then on the URL is fixed: a client may already send
   requests, which wait in the socket's backlog until the server serves them.
2. ``start()`` imports and builds the app, serves it on its own thread and returns once the server
   accepts connections. It blocks for a good part of a second, so a GUI calls it off its thread.

``start_embedded()`` does both; ``stop()`` shuts the server down and joins the thread. The till
talks to the simulator over real HTTP, exactly as it talks to secuconnect.
"""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from pos_sim.sockets import base_url_of, bind_socket

if TYPE_CHECKING:
    import uvicorn

    from pos_sim.settings import SimulatorSettings
    from pos_sim.state import SimulatorState

START_TIMEOUT_SECONDS = 10.0
HOST = "127.0.0.1"


class EmbeddedSimulator:
    """A simulator on a background thread, with its address reserved before it starts.

    Args:
        state_file: an SQLite file to keep the state in across restarts (default: memory only).
        settings: behaviour knobs (default: :class:`SimulatorSettings`).

    Attributes:
        url: the base URL, e.g. ``http://127.0.0.1:43817`` (API under ``/api/v2``), known at once.
    """

    def __init__(
        self, *, state_file: str | Path | None = None, settings: SimulatorSettings | None = None
    ) -> None:
        self._state_file = state_file
        self._settings = settings
        self._socket = bind_socket(HOST, 0)
        self.url = base_url_of(self._socket)
        self._lock = threading.Lock()  # start() runs on a worker thread, stop() may race it
        self._state: SimulatorState | None = None
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._stopped = False

    @property
    def state(self) -> SimulatorState:
        """The simulator's state (thread-safe), for in-process inspection; only once started."""
        if self._state is None:
            raise RuntimeError("the embedded simulator has not been started")
        return self._state

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        """Build the app, serve it on its own thread, return once it accepts connections.

        Blocking (imports FastAPI and uvicorn the first time). Idempotent.

        Raises:
            RuntimeError: the server failed to start, or was stopped before it started.
            TimeoutError: it did not start within ``START_TIMEOUT_SECONDS``.
        """
        with self._lock:
            if self._stopped:
                raise RuntimeError("the embedded simulator was stopped before it started")
            if self._thread is not None:
                return
            # Only the simulator needs these; keeping them here keeps them off a till's way to
            # its first window.
            from pos_sim.server import build_server
            from pos_sim.state import SimulatorState
            from pos_sim.store import MemoryStore, SqliteStore

            store = SqliteStore(self._state_file) if self._state_file is not None else MemoryStore()
            state = SimulatorState(self._settings, store)
            server = build_server(state)
            failure: list[BaseException] = []
            sock = self._socket

            def serve() -> None:
                try:
                    asyncio.run(server.serve(sockets=[sock]))
                except BaseException as error:  # reported to the starting thread below
                    failure.append(error)
                finally:
                    sock.close()

            thread = threading.Thread(target=serve, name="pos-sim", daemon=True)
            self._state, self._server, self._thread = state, server, thread
            thread.start()
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while not server.started:
            if failure or not thread.is_alive():
                raise RuntimeError("the embedded simulator failed to start") from (
                    failure[0] if failure else None
                )
            if time.monotonic() > deadline:
                raise TimeoutError("the embedded simulator did not start in time")
            time.sleep(0.005)

    def stop(self, timeout: float = 10.0) -> None:
        """Shut the server down cleanly and join its thread (idempotent, also before start)."""
        with self._lock:
            self._stopped = True
            server, thread = self._server, self._thread
        if server is None or thread is None:
            # Never started: close the reserved socket, so waiting clients get an error at once.
            self._socket.close()
            return
        server.should_exit = True
        if thread.is_alive():
            thread.join(timeout)
        if thread.is_alive():
            # Open keep-alive connections past the grace period: close them the hard way.
            server.force_exit = True
            thread.join(timeout)
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
    simulator = EmbeddedSimulator(state_file=state_file, settings=settings)
    try:
        simulator.start()
    except BaseException:
        simulator.stop()
        raise
    return simulator

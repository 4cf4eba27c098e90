"""``pos-sim``: the simulator as a program of its own, for presentations and tests.

Prints the base URL (e.g. ``http://127.0.0.1:8765``) on stdout once the server answers, then
serves until Ctrl+C / SIGTERM.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from collections.abc import Sequence

from pos_sim.admin_access import is_loopback
from pos_sim.server import build_server
from pos_sim.settings import SimulatorSettings
from pos_sim.sockets import base_url_of, bind_socket
from pos_sim.state import SimulatorState
from pos_sim.store import MemoryStore, SqliteStore


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="pos-sim", description="secuconnect simulator (demo credentials: demo-till / demo-secret)"
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8765, help="port to listen on; 0 picks a free one")
    parser.add_argument("--state", metavar="FILE", help="SQLite file that keeps the state across restarts")
    parser.add_argument("--token-ttl", type=int, default=1200, help="access token lifetime in seconds")
    parser.add_argument(
        "--approve-after-polls",
        type=int,
        default=None,
        help="approve device codes by themselves on this poll (default: only POST /_sim/devices/approve)",
    )
    parser.add_argument("--access-log", action="store_true", help="log every request")
    parser.add_argument(
        "--allow-remote-admin",
        action="store_true",
        help="let other machines use the unauthenticated /_sim/ admin endpoints (default: loopback only)",
    )
    return parser.parse_args(argv)


def exposure_warning(host: str, *, allow_remote_admin: bool) -> str | None:
    """What to tell the operator about who can reach this simulator (``None``: only this machine)."""
    if is_loopback(host):
        return None
    if allow_remote_admin:
        # Louder: anyone who reaches the port can now rewrite cards and reset the demo.
        return (
            "pos-sim: WARNING: --allow-remote-admin: the /_sim/ admin endpoints have NO authentication "
            f"and answer every client that reaches {host}; anyone on the network can reset the demo, "
            "set any card's balance and arm faults. Use this only on a network you trust."
        )
    return (
        f"pos-sim: warning: listening on {host}, not only on this machine: other computers can reach "
        "the simulated API. The /_sim/ admin endpoints still answer only to this machine "
        "(--allow-remote-admin opens them)."
    )


async def _serve(args: argparse.Namespace) -> None:
    settings = SimulatorSettings(
        token_ttl_seconds=args.token_ttl, device_approve_after_polls=args.approve_after_polls
    )
    settings.validate()
    store = SqliteStore(args.state) if args.state else MemoryStore()
    state = SimulatorState(settings, store)
    server = build_server(state, access_log=args.access_log, allow_remote_admin=args.allow_remote_admin)
    sock = bind_socket(args.host, args.port)
    try:
        serving = asyncio.create_task(server.serve(sockets=[sock]))
        # uvicorn offers a flag, not an event, for "listening".
        while not server.started and not serving.done():  # noqa: ASYNC110
            await asyncio.sleep(0.01)
        if server.started:
            print(base_url_of(sock), flush=True)
        await serving
    finally:
        sock.close()
        state.close()


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(0)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    warning = exposure_warning(args.host, allow_remote_admin=args.allow_remote_admin)
    if warning is not None:
        print(warning, file=sys.stderr, flush=True)
    # uvicorn shuts down gracefully on SIGTERM and then re-raises the signal; with this handler
    # that ends the process with exit code 0 after the state file is closed, not with -15.
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        asyncio.run(_serve(args))
    except OSError as error:
        print(f"pos-sim: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())

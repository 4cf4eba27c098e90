"""Loopback helpers for tests that talk to printers and servers."""

from __future__ import annotations

import socket


def closed_port() -> int:
    """A loopback port nobody listens on (bound once by us, then released, so it is free now)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port

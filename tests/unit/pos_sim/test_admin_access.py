"""Which client addresses count as "this machine" for the admin endpoints."""

from __future__ import annotations

import pytest

from pos_sim.admin_access import is_admin_path, is_loopback


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.53", "::1", "[::1]", "::ffff:127.0.0.1", "localhost"])
def test_loopback_addresses(host: str) -> None:
    assert is_loopback(host)


@pytest.mark.parametrize(
    "host",
    [
        "192.168.1.20",
        "10.0.0.1",
        "0.0.0.0",
        "::",
        "fe80::1%eth0",
        "::ffff:192.168.1.20",
        "testclient",
        "",
        None,
    ],
)
def test_everything_else_is_not_loopback(host: str | None) -> None:
    assert not is_loopback(host)


def test_admin_paths() -> None:
    assert is_admin_path("/_sim/reset")
    assert is_admin_path("/_SIM/state")
    assert is_admin_path("/_sim")
    assert not is_admin_path("/_simulator")
    assert not is_admin_path("/api/v2/Smart/Transactions")

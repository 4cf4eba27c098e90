"""Fixtures for the simulator's integration tests: a raw HTTP client that already holds a token."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.integration.pos_sim.helpers import api_client


@pytest.fixture
def client(sim_url: str) -> Iterator[httpx.Client]:
    """A client-credentials client on the simulator, reset for this test."""
    http = api_client(sim_url)
    try:
        yield http
    finally:
        http.close()

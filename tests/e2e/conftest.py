"""Fixtures for the end-to-end tests: a simulator that lives in the pytest process.

The kill tests run the till in a subprocess and kill it; the simulator must outlive it, so it
runs here, on its own thread, for the whole module.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from pos_gui.simulator.embedded import EmbeddedSimulator, start_embedded


@pytest.fixture(scope="module")
def e2e_simulator() -> Iterator[EmbeddedSimulator]:
    simulator = start_embedded()
    try:
        yield simulator
    finally:
        simulator.stop()


@pytest.fixture
def e2e_sim_admin(e2e_simulator: EmbeddedSimulator) -> Iterator[httpx.Client]:
    """A sync client for the simulator's ``/_sim/`` admin endpoints, after a reset."""
    with httpx.Client(base_url=e2e_simulator.url, timeout=10.0) as admin:
        admin.post("/_sim/reset").raise_for_status()
        admin.delete("/_sim/faults").raise_for_status()
        yield admin

"""Fixtures for integration tests: the real simulator on loopback.

- ``simulator``: one embedded simulator for the whole session (device codes approved only by
  ``POST /_sim/devices/approve``, poll interval 0 so device-flow tests do not wait).
- ``sim_url``: the simulator's base URL, with demo data, settings and faults reset for this test.
  Tests that need other behaviour change it with ``POST /_sim/settings`` (the next reset undoes it).
- ``sim_admin``: a plain ``httpx.Client`` on the simulator, for the ``/_sim/`` admin endpoints.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from pos_gui.simulator.embedded import EmbeddedSimulator, start_embedded
from pos_gui.simulator.settings import SimulatorSettings

INTEGRATION_SETTINGS = SimulatorSettings(device_approve_after_polls=None, device_poll_interval=0)


@pytest.fixture(scope="session")
def simulator() -> Iterator[EmbeddedSimulator]:
    """The session's embedded simulator."""
    sim = start_embedded(settings=INTEGRATION_SETTINGS)
    try:
        yield sim
    finally:
        sim.stop()


@pytest.fixture
def sim_admin(simulator: EmbeddedSimulator) -> Iterator[httpx.Client]:
    """A sync HTTP client on the simulator, for ``/_sim/`` admin calls.

    ``verify=False`` only skips building a TLS context (plain HTTP on loopback; saves ~50 ms).
    """
    with httpx.Client(base_url=simulator.url, timeout=10.0, verify=False) as client:
        yield client


@pytest.fixture
def sim_url(simulator: EmbeddedSimulator, sim_admin: httpx.Client) -> str:
    """The simulator's base URL after resetting demo data, settings and faults."""
    sim_admin.post("/_sim/reset").raise_for_status()
    sim_admin.delete("/_sim/faults").raise_for_status()
    return simulator.url

"""The secuconnect simulator: the same HTTP API as the real server, for demo mode and tests.

Run it on its own with ``pos-sim`` (:mod:`pos_sim.cli`) or inside the till with
:func:`pos_sim.embedded.start_embedded`. Admin endpoints live under ``/_sim/``.
"""

from pos_sim.settings import SimulatorSettings

__all__ = ["SimulatorSettings"]

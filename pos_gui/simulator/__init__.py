"""The secuconnect simulator: the same HTTP API as the real server, for demo mode and tests.

Run it on its own with ``pos-sim`` (:mod:`pos_gui.simulator.cli`) or inside the till with
:func:`pos_gui.simulator.embedded.start_embedded`. Admin endpoints live under ``/_sim/``.
"""

from pos_gui.simulator.settings import SimulatorSettings

__all__ = ["SimulatorSettings"]

"""A simulated fiskaly SIGN DE v2 (cloud TSE) with real ECDSA signatures, mounted in the simulator app.

:func:`fiskaly_router` serves it under ``/fiskaly/api/v2``; the demo credentials, TSS and client
are the constants of :mod:`pos_sim.fiskaly.state`. Like the rest of :mod:`pos_sim`, it imports
nothing of the till.
"""

from pos_sim.fiskaly.routes import FISKALY_API, fiskaly_router

__all__ = ["FISKALY_API", "fiskaly_router"]

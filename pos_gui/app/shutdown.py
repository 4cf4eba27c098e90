"""The till's shutdown, in its one order (style anchors §7).

Closing the window sets an :class:`asyncio.Event` in :func:`pos_gui.app.startup.run_till`; then
:func:`shut_down` runs, while the event loop still runs:

    1. a start-up still under way is cancelled (and waited for);
    2. the back office finishes what it does (a print, a support bundle); the replicator to the
       chain's central database stops after its current batch (off the GUI thread);
    3. the till closes: window, the presenter's tasks, the HTTP client, the ledger;
    4. the server stops (the embedded simulator), off the GUI thread.

The data folder's lock is released last of all, by ``main`` once the event loop has ended.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import asyncio

    from pos_gui.app.chain import ChainLink
    from pos_gui.app.connection import Connection
    from pos_gui.app.startup_times import StartupTimes
    from pos_gui.app.wiring import Till


async def shut_down(
    till: Till,
    *,
    start_up: asyncio.Future[None] | None,
    backoffice: Any,
    connection: Connection | None,
    startup: StartupTimes,
    chain: ChainLink | None = None,
) -> None:
    """Shut the till down in order; what was never started (``None``) is skipped."""
    import asyncio

    if start_up is not None and not start_up.done():
        start_up.cancel()
        await asyncio.wait({start_up})
    if backoffice is not None:
        await backoffice.wait_idle()
    if chain is not None:
        # Before the ledger closes: the replicator reads it (its own read-only connection).
        await asyncio.get_running_loop().run_in_executor(None, chain.stop)
    await till.aclose()
    if connection is not None:
        await asyncio.get_running_loop().run_in_executor(None, connection.stop)
    startup.mark("shut_down")

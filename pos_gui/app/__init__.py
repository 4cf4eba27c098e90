"""The composition root: the one place that builds the till's objects and wires them together.

Split by job, each module one concern (Qt is allowed here, as in ``pos_gui.ui``):

    cli              the command line: options, ``render-receipt``
    startup          ``main``: the start-up sequence (window first, server second), the event loop
    qt_app           the QApplication, its style sheet, the start-refused message, first-run setup
    startup_times    when the start-up reached its milestones (smoke test, bench)
    smoke_test       ``--smoke-test``: Qt warnings recorded, the verdict
    connection       which server and which credentials; the only importer of the simulator
    wiring           ``build_till`` / ``build_till_window`` / ``Till``: every object is built here
    window_extras    what the window gets after its first paint: back office, shop day, Demo menu
    ledger_check     opening the ledger at start; a damaged one refused with words
    shutdown         the shutdown, in its one order
    data_folder_lock one process per data folder
    headless         the till without Qt, for crash tests and the chaos bench

No module here imports httpx, pydantic, asyncio or the simulator at its top: the till window is
painted before any of them is loaded (see :mod:`pos_gui.app.startup`).

The names below are what tests, the bench and the screenshot tool build tills with. They are
loaded when first asked for: ``pos-gui`` itself needs only ``main``, and the connection's module
has no business on the way to the first paint.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pos_gui.app.connection import Connection
    from pos_gui.app.qt_app import apply_style_sheet
    from pos_gui.app.startup import main
    from pos_gui.app.wiring import Till, build_till, build_till_window

__all__ = ["Connection", "Till", "apply_style_sheet", "build_till", "build_till_window", "main"]

_HOME_OF_NAME = {
    "Connection": "pos_gui.app.connection",
    "Till": "pos_gui.app.wiring",
    "apply_style_sheet": "pos_gui.app.qt_app",
    "build_till": "pos_gui.app.wiring",
    "build_till_window": "pos_gui.app.wiring",
    "main": "pos_gui.app.startup",
}


def __getattr__(name: str) -> Any:
    home = _HOME_OF_NAME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)

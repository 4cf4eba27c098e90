"""Shared test fixtures: the session-wide qasync loop for GUI tests, and headless Qt.

GUI tests request ``qloop``: one qasync loop for the whole session, made the running loop for the
duration of one test and cleared afterwards, so pytest-asyncio tests before and after keep their
own loops (``shared/reference/style-anchors.md`` §7, strategy A). The loop is never stopped or
closed during the session: stopping it calls ``QApplication.exit()`` and poisons later tests.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")


@pytest.fixture(scope="session")
def _session_qloop(qapp: object) -> Iterator[asyncio.AbstractEventLoop]:
    import qasync

    loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.events._set_running_loop(None)
    yield loop
    # Close before the QApplication goes away, or the loop's finaliser complains at exit. A loop
    # made with already_running=True believes it runs forever and refuses close(); it never ran
    # exec() here, so telling it that it stopped is true (qasync 0.28 keeps the flag private).
    loop._QEventLoop__is_running = False  # type: ignore[attr-defined]
    loop.close()


@pytest.fixture
def qloop(_session_qloop: asyncio.AbstractEventLoop) -> Iterator[asyncio.AbstractEventLoop]:
    """The qasync loop, running for this test only."""
    loop = _session_qloop
    asyncio.set_event_loop(loop)
    asyncio.events._set_running_loop(loop)
    try:
        yield loop
    finally:
        for task in asyncio.all_tasks(loop):
            task.cancel()
        asyncio.events._set_running_loop(None)
        asyncio.set_event_loop(None)


_LOGGERS_THE_TILL_CONFIGURES = ("", "pos_gui", "pos_gui.api", "httpx", "httpcore", "uvicorn", "uvicorn.error")


@pytest.fixture(autouse=True)
def _restore_logging() -> Iterator[None]:
    """Undo what a test's ``setup_logging`` (or an in-process ``main()``) did to the loggers.

    Logging is process-wide: without this, one test's INFO level on ``pos_gui`` hides the DEBUG
    records another test asserts on, depending on the order the tests run in.
    """
    loggers = [logging.getLogger(name) for name in _LOGGERS_THE_TILL_CONFIGURES]
    saved = [(logger, logger.level, list(logger.handlers)) for logger in loggers]
    yield
    for logger, level, handlers in saved:
        for handler in logger.handlers:
            if handler not in handlers:
                logger.removeHandler(handler)
                handler.close()
        logger.setLevel(level)

"""Shared test fixtures: the session-wide qasync loop for GUI tests, headless Qt, and the simulator.

GUI tests request ``qloop``: one qasync loop for the whole session, made the running loop for the
duration of one test and cleared afterwards, so pytest-asyncio tests before and after keep their
own loops (``shared/reference/style-anchors.md`` §7, strategy A). The loop is never stopped or
closed during the session: stopping it calls ``QApplication.exit()`` and poisons later tests.

Tests against the real simulator on loopback (integration, GUI, end-to-end) share one:

- ``simulator``: one embedded simulator for the whole session (device codes approved only by
  ``POST /_sim/devices/approve``, poll interval 0 so device-flow tests do not wait). It runs on its
  own thread in the pytest process, so it outlives a till subprocess that a test kills.
- ``sim_admin``: a plain ``httpx.Client`` on the simulator for the ``/_sim/`` admin endpoints,
  after resetting demo data, settings and faults for this test. Tests that need other behaviour
  change it with ``POST /_sim/settings`` (the next reset undoes it).
- ``sim_url``: the simulator's base URL, after that reset.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from pos_sim.embedded import EmbeddedSimulator, start_embedded
from pos_sim.settings import SimulatorSettings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")


@pytest.fixture(scope="session")
def session_workers() -> Iterator[ThreadPoolExecutor]:
    """The session loop's worker threads for ``asyncio.to_thread`` (printing, imports, ...).

    Plain Python threads, not qasync's own QThreadExecutor: a QThread still alive when the
    QApplication goes away aborts the process at exit (exit code 134 after every test passed),
    and a fixture that swaps the loop's executor would leave qasync's QThreads behind.
    """
    executor = ThreadPoolExecutor(max_workers=4, thread_name_prefix="session-loop")
    yield executor
    executor.shutdown(wait=True)


@pytest.fixture
def worker_threads(
    qloop: asyncio.AbstractEventLoop, session_workers: ThreadPoolExecutor
) -> Iterator[ThreadPoolExecutor]:
    """Worker threads for ``asyncio.to_thread`` (printing, imports, support bundle) of one test,
    joined when it ends, so no job of it runs on into the next test."""
    executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="test-workers")
    qloop.set_default_executor(executor)
    try:
        yield executor
    finally:
        executor.shutdown(wait=True)
        qloop.set_default_executor(session_workers)


@pytest.fixture(scope="session")
def _session_qloop(qapp: object, session_workers: ThreadPoolExecutor) -> Iterator[asyncio.AbstractEventLoop]:
    import qasync

    loop = qasync.QEventLoop(qapp, already_running=True)
    loop.set_default_executor(session_workers)
    asyncio.events._set_running_loop(None)
    yield loop
    # Close before the QApplication goes away, or the loop's finaliser complains at exit. A loop
    # made with already_running=True believes it runs forever and refuses close(); it never ran
    # exec() here, so telling it that it stopped is true (qasync 0.28 keeps the flag private).
    loop._QEventLoop__is_running = False
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


SIMULATOR_SETTINGS = SimulatorSettings(device_approve_after_polls=None, device_poll_interval=0)


@pytest.fixture(scope="session")
def simulator() -> Iterator[EmbeddedSimulator]:
    """The session's embedded simulator."""
    with start_embedded(settings=SIMULATOR_SETTINGS) as sim:
        yield sim


@pytest.fixture
def sim_admin(simulator: EmbeddedSimulator) -> Iterator[httpx.Client]:
    """A sync client for the simulator's ``/_sim/`` admin endpoints, after a reset.

    The reset restores demo data and start settings and disarms every fault. ``verify=False``
    only skips building a TLS context (plain HTTP on loopback; saves ~50 ms).
    """
    with httpx.Client(base_url=simulator.url, timeout=10.0, verify=False) as admin:
        admin.post("/_sim/reset").raise_for_status()
        yield admin


@pytest.fixture
def sim_url(simulator: EmbeddedSimulator, sim_admin: httpx.Client) -> str:
    """The simulator's base URL after resetting demo data, settings and faults."""
    return simulator.url

"""When the start-up reached its milestones: the smoke test's report and the bench's measurements.

Set ``POS_GUI_STARTUP_REPORT=FILE`` to get the start-up times as JSON in FILE (the bench uses it).
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

STARTUP_REPORT_VARIABLE = "POS_GUI_STARTUP_REPORT"


class StartupTimes:
    """When the start-up reached its milestones.

    Times are wall-clock (``time.time()``), so that another process (the bench) can compare them
    with the moment it launched this one.

    Attributes:
        process_started: when the OS created this process (Linux), else when this module was
            imported (then the interpreter's own start-up is missing from the durations).
        reached: milestone name → time, in this order: ``qt_started`` (settings, logging, Qt
            application, translations, style sheet), ``till_built`` (ledger, checkout,
            presenter, window built), ``window_shown`` (the till window shown and painted),
            ``backoffice_installed`` (its menu entries added), ``client_built`` (connection
            decided, HTTP client built), ``server_started`` (the embedded simulator accepts
            connections), ``online`` (signed in, journal reconciled), ``start_up_done``
            (start-up over, online or not), ``shut_down`` (HTTP client closed, simulator
            stopped).
        modules_at_window_shown: the top-level packages imported when the window was shown.
    """

    def __init__(self) -> None:
        self.process_started = _process_start_time() or _MODULE_IMPORTED_AT
        self.reached: dict[str, float] = {}
        self.modules_at_window_shown: list[str] = []

    def mark(self, milestone: str) -> None:
        self.reached.setdefault(milestone, time.time())
        if milestone == "window_shown":
            self.modules_at_window_shown = sorted({name.split(".")[0] for name in list(sys.modules)})

    def seconds_to(self, milestone: str) -> float | None:
        reached = self.reached.get(milestone)
        return None if reached is None else reached - self.process_started

    def summary(self) -> str:
        """One line for people, e.g. ``window shown 0.45 s, online 1.02 s after process start``."""
        parts = [
            f"{milestone.replace('_', ' ')} {seconds:.2f} s"
            for milestone in self.reached
            if (seconds := self.seconds_to(milestone)) is not None
        ]
        return ", ".join(parts) + " after process start"

    def write(self, path: Path) -> None:
        report = {
            "process_started": self.process_started,
            "reached": self.reached,
            "seconds_after_process_start": {name: self.seconds_to(name) for name in self.reached},
            "modules_at_window_shown": self.modules_at_window_shown,
        }
        path.write_text(json.dumps(report, indent=2), encoding="utf-8")


def report_startup(startup: StartupTimes, *, smoke_test: bool) -> None:
    """Print the times (smoke test) and write them where ``POS_GUI_STARTUP_REPORT`` says."""
    if smoke_test:
        # Information, not a problem: stdout. The smoke-test harnesses treat stderr lines as problems.
        print(f"smoke test: {startup.summary()}", flush=True)
    report_file = os.environ.get(STARTUP_REPORT_VARIABLE)
    if report_file:
        startup.write(Path(report_file))


def _process_start_time() -> float | None:
    """When the OS created this process, as ``time.time()``; Linux only (10 ms resolution).

    ``/proc/self/stat`` gives the start in clock ticks since boot, ``/proc/uptime`` the time
    since boot now; both count on the same clock.
    """
    try:
        stat = Path("/proc/self/stat").read_text(encoding="ascii")
        uptime = float(Path("/proc/uptime").read_text(encoding="ascii").split()[0])
        # Field 22 (starttime); fields are counted after the command name, which may hold spaces.
        started_ticks = int(stat.rsplit(")", 1)[1].split()[19])
        ticks_per_second = os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return None
    return time.time() - (uptime - started_ticks / ticks_per_second)


_MODULE_IMPORTED_AT = time.time()

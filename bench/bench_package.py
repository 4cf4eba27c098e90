"""Package: size of the frozen folder and the .deb, cold start of the frozen smoke test vs source.

Reads what ``make package`` left in ``dist/``; it does not build (that takes minutes). Without a
build the rows say so.
"""

from __future__ import annotations

import importlib.util
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.report import BenchRow

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"
FROZEN_DIR = DIST / "pos-gui"
FROZEN_LIMIT_MB = 150.0
STARTS = 3


def _size_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 1e6
    return sum(item.stat().st_size for item in path.rglob("*") if item.is_file()) / 1e6


def _smoke_seconds(command: list[str]) -> float:
    """Median wall time of ``STARTS`` smoke-test runs, each with a fresh base folder."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    timings = []
    for _ in range(STARTS):
        with tempfile.TemporaryDirectory() as basedir:
            started = time.perf_counter()
            subprocess.run(
                [*command, "--smoke-test", "--basedir", basedir],
                env=env,
                capture_output=True,
                check=True,
                timeout=120,
            )
            timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def run() -> list[BenchRow]:
    executable = FROZEN_DIR / ("pos-gui.exe" if sys.platform.startswith("win") else "pos-gui")
    if not executable.exists():
        return [
            BenchRow(
                name="frozen folder: no build in dist/ (run make package)",
                value=math.nan,
                unit="MB",
                target=f"< {FROZEN_LIMIT_MB:.0f} MB",
            )
        ]
    rows: list[BenchRow] = []
    pyside_dir = Path(importlib.util.find_spec("PySide6").origin or "").parent  # type: ignore[union-attr]
    frozen_mb = _size_mb(FROZEN_DIR)
    rows.append(
        BenchRow(
            name="frozen folder dist/pos-gui",
            value=frozen_mb,
            unit="MB",
            baseline_name="PySide6 package in the venv",
            baseline_value=_size_mb(pyside_dir),
            target=f"< {FROZEN_LIMIT_MB:.0f} MB",
            met=frozen_mb < FROZEN_LIMIT_MB,
        )
    )
    debs = sorted(DIST.glob("pos-gui_*.deb"), key=lambda path: path.stat().st_mtime)
    if debs:
        rows.append(
            BenchRow(
                name=f".deb {debs[-1].name}",
                value=_size_mb(debs[-1]),
                unit="MB",
                baseline_name="frozen folder",
                baseline_value=frozen_mb,
            )
        )
    else:
        rows.append(BenchRow(name=".deb: none in dist/ (run make package)", value=math.nan, unit="MB"))
    source_seconds = _smoke_seconds([sys.executable, "-m", "pos_gui"])
    frozen_seconds = _smoke_seconds([str(executable)])
    rows.append(
        BenchRow(
            name=f"frozen pos-gui --smoke-test, median of {STARTS}",
            value=frozen_seconds,
            unit="s",
            baseline_name=f"python -m pos_gui --smoke-test, median of {STARTS}",
            baseline_value=source_seconds,
        )
    )
    return rows

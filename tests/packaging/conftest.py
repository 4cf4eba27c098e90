"""Fixtures for the package smoke tests: the built .deb, unpacked into a scratch root.

These tests run only when ``POS_GUI_PACKAGE_TESTS=1`` is set (then a missing build is made with
``packaging/build.py``, which takes minutes) or when ``dist/`` already holds a built ``.deb``, so
``make test`` stays fast on a fresh clone.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist"

# Lines that mean the frozen build has a problem: Qt's own warnings, the problems the app's smoke
# test reports ("smoke test: Qt warning: …", "smoke test: the till did not sign in …"; its timing
# summary "smoke test: qt started …" is not one), and Python tracebacks.
PROBLEM_LINE = re.compile(
    r"^(?:Traceback \(most recent call last\)|qt\.[\w.]+:|Q[A-Z]\w*::|QObject|QWidget|QPainter|"
    r"This plugin does not support|Could not (?:load|find) the Qt platform plugin|smoke test: (?:Qt warning|the ))",
)


def built_debs() -> list[Path]:
    return sorted(DIST.glob("pos-gui_*_*.deb"), key=lambda path: path.stat().st_mtime)


def package_tests_requested() -> bool:
    return os.environ.get("POS_GUI_PACKAGE_TESTS") == "1"


def problem_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if PROBLEM_LINE.search(line.strip())]


@pytest.fixture(scope="session")
def deb_file() -> Path:
    """The newest ``dist/pos-gui_*.deb``; built first when asked for and missing."""
    if not sys.platform.startswith("linux") or shutil.which("dpkg-deb") is None:
        pytest.skip("the .deb needs Linux and dpkg-deb")
    if not built_debs():
        if not package_tests_requested():
            pytest.skip("no built .deb in dist/ (make package, or POS_GUI_PACKAGE_TESTS=1)")
        subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py")], check=True, cwd=ROOT)
    return built_debs()[-1]


@pytest.fixture(scope="session")
def unpacked_root(deb_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The .deb's files under a scratch root (``dpkg-deb -x``), as an install would lay them out."""
    root = tmp_path_factory.mktemp("deb-root")
    subprocess.run(["dpkg-deb", "-x", str(deb_file), str(root)], check=True)
    return root

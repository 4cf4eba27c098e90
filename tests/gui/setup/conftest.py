"""Fixtures for the first-run setup tests: a scratch base folder and its log file."""

from __future__ import annotations

from pathlib import Path

import pytest

from pos_gui.config.paths import AppPaths, resolve_paths
from pos_gui.logging_setup import setup_logging


@pytest.fixture
def till_paths(tmp_path: Path) -> AppPaths:
    """A till's folders under ``tmp_path`` with the log file set up like ``app.py`` does
    (``tests/conftest.py`` undoes it after the test)."""
    paths = resolve_paths(tmp_path / "till")
    setup_logging(paths, console=False)
    return paths

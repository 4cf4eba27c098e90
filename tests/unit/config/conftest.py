"""Fixtures of the config tests: the till's folders under the test's temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from pos_gui.config.paths import AppPaths, resolve_paths


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    """Folders under ``tmp_path``, so that no test touches a real installation."""
    return resolve_paths(tmp_path)

"""Fixtures for the first-run setup tests: a scratch base folder, its log file, and key stores."""

from __future__ import annotations

from pathlib import Path

import keyring.backend
import keyring.errors
import pytest

from pos_gui.config.paths import AppPaths, resolve_paths
from pos_gui.logging_setup import setup_logging


class MemoryKeyring(keyring.backend.KeyringBackend):
    """Stands in for the OS key store: a dict, so no test ever writes to the real one."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.passwords.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError(username)


@pytest.fixture
def till_paths(tmp_path: Path) -> AppPaths:
    """A till's folders under ``tmp_path`` with the log file set up like ``app.py`` does
    (``tests/conftest.py`` undoes it after the test)."""
    paths = resolve_paths(tmp_path / "till")
    setup_logging(paths, console=False)
    return paths

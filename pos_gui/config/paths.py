"""Where the till keeps its files: settings, secrets fallback, journal, receipts and logs.

By default the platform's per-user folders (``platformdirs``: ``~/.config/pos-gui`` and
``~/.local/share/pos-gui`` on Linux, ``%LOCALAPPDATA%\\pos-gui`` on Windows). ``--basedir DIR``
puts everything under one folder instead, which is what tests and smoke runs use so that they never
touch a real installation.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "pos-gui"


@dataclass(frozen=True)
class AppPaths:
    """The till's folders on disk.

    Attributes:
        config_dir: settings (``settings.json``) and, without a usable OS key store, the secrets
            fallback file (``secrets.json``, mode 0600).
        data_dir: the journal (``journal.sqlite3``), receipt archive and other data.
        log_dir: the rotating log files (``pos-gui.log``, ``pos-gui.log.1``, ...).
    """

    config_dir: Path
    data_dir: Path
    log_dir: Path

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def secrets_fallback_file(self) -> Path:
        return self.config_dir / "secrets.json"

    @property
    def journal_file(self) -> Path:
        return self.data_dir / "journal.sqlite3"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "pos-gui.log"

    def ensure(self) -> AppPaths:
        """Create the folders (only the user may enter the config folder). Returns ``self``."""
        self.config_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        return self


def resolve_paths(basedir: Path | None = None) -> AppPaths:
    """The till's folders, created if missing.

    Args:
        basedir: put everything under this folder (``config/``, ``data/``, ``data/logs/``)
            instead of the platform's per-user folders; for tests and smoke runs.
    """
    if basedir is not None:
        base = Path(basedir).expanduser().resolve()
        config_dir = base / "config"
        data_dir = base / "data"
    else:
        # appauthor=False: no "pos-gui/pos-gui" nesting on Windows.
        config_dir = Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
        data_dir = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return AppPaths(config_dir=config_dir, data_dir=data_dir, log_dir=data_dir / "logs").ensure()

"""The support bundle: one zip that store IT sends to support when something goes wrong.

It holds the log files, the versions of everything that matters, the settings (which never contain
secrets), a consistent copy of the journal when there is one, and a README.txt that says what is
inside. Log lines are passed through the log redaction once more on the way in, so a secret that
was written before it was registered (an old log file) is masked too.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import sqlite3
import sys
import tempfile
import time
import zipfile
from contextlib import closing
from importlib import metadata
from pathlib import Path
from typing import BinaryIO

import pos_gui
from pos_gui.config.paths import AppPaths
from pos_gui.config.settings import Settings
from pos_gui.logging_setup import log_files, redact

README_TEXT = """pos-gui Support-Paket / support bundle

Erstellt / created: {created}

Inhalt / contents:
  versions.json     Versionen von pos-gui, Python, PySide6 und Betriebssystem
  settings.json     Einstellungen der Kasse (ohne Geheimnisse: Client-Secret und Token
                    liegen im Schlüsselbund des Betriebssystems und sind NICHT enthalten)
  logs/             Protokolldateien (Tokens und Geheimnisse sind maskiert: ***)
  journal*.sqlite3  Journale der Verkäufe (Betrieb und Demo, nur wenn vorhanden)

Bitte senden Sie diese Datei an den Support. / Please send this file to support.
"""


def create_support_bundle(
    paths: AppPaths,
    settings: Settings,
    target_zip: Path,
    *,
    extra_info: dict[str, str] | None = None,
) -> Path:
    """Write the support bundle to ``target_zip`` and return its path.

    Args:
        paths: the till's folders (logs, journal).
        settings: the current settings; written as JSON.
        target_zip: where the zip goes; ``.zip`` is appended when missing; parent folders are made.
        extra_info: more lines for ``versions.json``, e.g. the secret store's backend description.
    """
    target = Path(target_zip)
    if target.suffix.lower() != ".zip":
        target = target.with_name(target.name + ".zip")
    target.parent.mkdir(parents=True, exist_ok=True)
    created = time.strftime("%Y-%m-%d %H:%M:%S %z")
    versions = collect_versions()
    versions.update(extra_info or {})
    # Written to a temporary name first: a half-written bundle never looks finished.
    temp_target = target.with_name(target.name + ".part")
    with (
        _private_file(temp_target) as output,
        zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as bundle,
    ):
        bundle.writestr("README.txt", README_TEXT.format(created=created))
        bundle.writestr("versions.json", json.dumps(versions, indent=2, ensure_ascii=False))
        settings_json = json.dumps(settings.to_json(), indent=2, ensure_ascii=False)
        bundle.writestr("settings.json", redact(settings_json))
        for log_file in log_files(paths):
            text = log_file.read_text(encoding="utf-8", errors="replace")
            bundle.writestr(f"logs/{log_file.name}", redact(text))
        # Every journal in the data folder: the live one and the demo one (journal-demo.sqlite3).
        for journal_file in sorted(paths.data_dir.glob("journal*.sqlite3")):
            with tempfile.TemporaryDirectory() as scratch:
                copy = Path(scratch) / journal_file.name
                _copy_journal(journal_file, copy)
                bundle.write(copy, journal_file.name)
    temp_target.replace(target)
    return target


def _private_file(path: Path) -> BinaryIO:
    """``path`` opened for writing, readable by its owner only (0600) from the first byte.

    The bundle holds the journal (every sale) and the logs; the mode is given when the file is
    created, because a chmod afterwards would leave a moment in which others could open it. A
    leftover from an interrupted run is removed first: an existing file would keep its old mode.
    """
    path.unlink(missing_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    return os.fdopen(os.open(path, flags, 0o600), "wb")


def default_bundle_name() -> str:
    """A file name for the bundle, e.g. ``pos-gui-support-20250131-154500.zip``."""
    return time.strftime("pos-gui-support-%Y%m%d-%H%M%S.zip")


def collect_versions() -> dict[str, str]:
    """Versions of pos-gui, Python, the main libraries and the OS (without importing Qt)."""
    versions = {
        "pos-gui": pos_gui.__version__,
        "python": sys.version.replace("\n", " "),
        "os": platform.platform(),
        "machine": platform.machine(),
        "frozen": str(bool(getattr(sys, "frozen", False))),
    }
    for distribution in ("PySide6-Essentials", "PySide6", "qasync", "httpx", "pydantic", "keyring"):
        try:
            versions[distribution] = metadata.version(distribution)
        except metadata.PackageNotFoundError:
            continue
    return versions


def _copy_journal(source: Path, target: Path) -> None:
    """A consistent copy of the journal (SQLite's backup API sees committed WAL pages too)."""
    try:
        with (
            closing(sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)) as reader,
            closing(sqlite3.connect(target)) as writer,
        ):
            reader.backup(writer)
    except sqlite3.Error:
        shutil.copyfile(source, target)

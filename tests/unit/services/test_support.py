"""The support bundle: what is inside, and that no secret is."""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import stat
import sys
import zipfile
from pathlib import Path

import keyring.backends.fail
import pytest

from pos_gui.config.paths import AppPaths, resolve_paths
from pos_gui.config.secrets import CLIENT_SECRET, REFRESH_TOKEN, SecretStore
from pos_gui.config.settings import Profile, Settings, save_settings
from pos_gui.logging_setup import register_secret, setup_logging
from pos_gui.services.support import create_support_bundle

CLIENT_SECRET_VALUE = "cs-4f1d9e0b7c"
REFRESH_TOKEN_VALUE = "rt-0a8b6c4d2e"


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    """A till's folders under ``tmp_path`` (``tests/conftest.py`` undoes ``setup_logging``)."""
    return resolve_paths(tmp_path / "till")


def _bundle_texts(bundle: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(bundle) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_bundle_has_logs_versions_settings_journal_and_readme(paths: AppPaths, tmp_path: Path) -> None:
    setup_logging(paths, console=False)
    logging.getLogger("pos_gui.checkout").info("sale STX_42 paid")
    settings = Settings(profile=Profile.TESTING, api_url="http://127.0.0.1:1", client_id="till-9")
    save_settings(paths, settings)
    with sqlite3.connect(paths.journal_file) as journal:
        journal.execute("create table sales (id text)")
        journal.execute("insert into sales values ('STX_42')")
    journal.close()

    bundle = create_support_bundle(paths, settings, tmp_path / "out" / "support")

    assert bundle == tmp_path / "out" / "support.zip"
    files = _bundle_texts(bundle)
    assert {"README.txt", "versions.json", "settings.json", "logs/pos-gui.log", "journal.sqlite3"} <= set(
        files
    )
    assert b"sale STX_42 paid" in files["logs/pos-gui.log"]
    versions = json.loads(files["versions.json"])
    assert {"pos-gui", "python", "os", "PySide6-Essentials"} <= set(versions)
    assert json.loads(files["settings.json"])["client_id"] == "till-9"
    copy = tmp_path / "journal-copy.sqlite3"
    copy.write_bytes(files["journal.sqlite3"])
    with sqlite3.connect(copy) as journal_copy:
        assert journal_copy.execute("select id from sales").fetchall() == [("STX_42",)]
    journal_copy.close()
    assert b"Support" in files["README.txt"]


def test_bundle_without_journal_skips_it(paths: AppPaths, tmp_path: Path) -> None:
    bundle = create_support_bundle(paths, Settings(), tmp_path / "b.zip")
    assert "journal.sqlite3" not in _bundle_texts(bundle)


def test_no_secret_from_the_secret_store_is_in_the_bundle(paths: AppPaths, tmp_path: Path) -> None:
    # An old log file written before the secrets were known (e.g. by an earlier version).
    paths.log_dir.joinpath("pos-gui.log.1").write_text(
        f"2024-01-01 INFO pos_gui.old: leaked {REFRESH_TOKEN_VALUE} and {CLIENT_SECRET_VALUE}\n",
        encoding="utf-8",
    )
    setup_logging(paths, console=False)
    # Wired to the log redaction as the composition root wires it (pos_gui.app.wiring.secret_store).
    store = SecretStore(paths, backend=keyring.backends.fail.Keyring(), on_secret=register_secret)
    store.set(CLIENT_SECRET, CLIENT_SECRET_VALUE)
    store.set(REFRESH_TOKEN, REFRESH_TOKEN_VALUE)
    logging.getLogger("pos_gui.api.auth").info("new refresh token %s", REFRESH_TOKEN_VALUE)
    settings = Settings(profile=Profile.LIVE, client_id="till-1")

    bundle = create_support_bundle(
        paths, settings, tmp_path / "bundle.zip", extra_info={"secrets": store.backend_description}
    )

    files = _bundle_texts(bundle)
    assert "logs/pos-gui.log.1" in files
    for name, content in files.items():
        for secret in (store.get(CLIENT_SECRET), store.get(REFRESH_TOKEN)):
            assert secret is not None
            assert secret.encode() not in content, f"{name} contains a secret"
    # The secrets fallback file is never part of the bundle.
    assert not any(name.endswith("secrets.json") for name in files)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_bundle_is_readable_by_its_owner_only(paths: AppPaths, tmp_path: Path) -> None:
    # A usual umask would leave a new file readable by everybody (0644); so would a leftover
    # part file of an interrupted run.
    leftover = tmp_path / "bundle.zip.part"
    leftover.write_bytes(b"half a bundle")
    leftover.chmod(0o644)
    previous_umask = os.umask(0o022)
    try:
        bundle = create_support_bundle(paths, Settings(), tmp_path / "bundle.zip")
    finally:
        os.umask(previous_umask)

    assert stat.S_IMODE(bundle.stat().st_mode) == 0o600
    assert "README.txt" in _bundle_texts(bundle)
    assert not leftover.exists()

"""``pos-gui --reset-setup``: store IT's "start over" forgets the saved settings and secrets.

The real command runs in a subprocess. ``--smoke-test`` keeps it headless: after the reset it
builds the demo till and exits instead of opening the first-run setup, which would wait for a
person. The secrets live in the 0600 fallback file here (the key store backend is forced to
``keyring``'s "fail" backend in both processes), so nothing touches a real OS key store.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import keyring.backends.fail
import pytest

from pos_gui.config.paths import AppPaths, resolve_paths
from pos_gui.config.secrets import CLIENT_SECRET, REFRESH_TOKEN, SecretStore
from pos_gui.config.settings import Profile, Settings, first_run_setup_needed, load_settings, save_settings

NO_KEY_STORE = "keyring.backends.fail.Keyring"


def _secrets(paths: AppPaths) -> SecretStore:
    return SecretStore(paths, backend=keyring.backends.fail.Keyring())


def _run_pos_gui(*arguments: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHON_KEYRING_BACKEND": NO_KEY_STORE}
    return subprocess.run(
        [sys.executable, "-m", "pos_gui", *arguments],
        capture_output=True,
        text=True,
        timeout=90,
        env=env,
        check=False,
    )


@pytest.mark.slow
def test_reset_setup_forgets_settings_and_secrets(tmp_path: Path) -> None:
    paths = resolve_paths(tmp_path)
    save_settings(paths, Settings(profile=Profile.TESTING, client_id="till-7"))
    _secrets(paths).set(CLIENT_SECRET, "s3cret-of-till-7")
    _secrets(paths).set(REFRESH_TOKEN, "refresh-of-till-7")
    assert paths.settings_file.exists()
    assert _secrets(paths).get(CLIENT_SECRET) == "s3cret-of-till-7"

    result = _run_pos_gui("--reset-setup", "--smoke-test", "--basedir", str(tmp_path))

    assert result.returncode == 0, result.stderr
    assert not paths.settings_file.exists()
    assert _secrets(paths).get(CLIENT_SECRET) is None
    assert _secrets(paths).get(REFRESH_TOKEN) is None
    # What is left makes the next plain start show the first-run setup.
    assert first_run_setup_needed(load_settings(paths))


@pytest.mark.slow
def test_without_reset_setup_the_settings_and_secrets_stay(tmp_path: Path) -> None:
    paths = resolve_paths(tmp_path)
    save_settings(paths, Settings(profile=Profile.TESTING, client_id="till-7"))
    _secrets(paths).set(CLIENT_SECRET, "s3cret-of-till-7")

    result = _run_pos_gui("--smoke-test", "--basedir", str(tmp_path))

    assert result.returncode == 0, result.stderr
    assert load_settings(paths).client_id == "till-7"
    assert _secrets(paths).get(CLIENT_SECRET) == "s3cret-of-till-7"

"""One till per data folder (issue 15 #2): two tills on one ledger booked one sale twice.

The second start is refused with a message naming the folder, while the first runs; once the
first is gone (killed, even), the folder is free again. Real processes, as at the store.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from pos_gui.app.data_folder_lock import DataFolderInUseError, lock_data_folder
from pos_gui.app.startup import EXIT_DATA_FOLDER_IN_USE

ALREADY_RUNNING = "Die Kasse läuft bereits mit dem Datenordner"


def test_a_second_lock_on_the_folder_is_refused_until_the_first_is_released(tmp_path: Path) -> None:
    first = lock_data_folder(tmp_path / "data")
    with pytest.raises(DataFolderInUseError) as refused:
        lock_data_folder(tmp_path / "data")
    assert f"{ALREADY_RUNNING} {tmp_path / 'data'}" in str(refused.value)
    first.release()
    lock_data_folder(tmp_path / "data").release()


def _environment() -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUNBUFFERED": "1"}


@pytest.fixture
def running_till(tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    """``pos-gui --demo`` on ``tmp_path``, running until the test ends (killed then)."""
    till = subprocess.Popen(
        [sys.executable, "-m", "pos_gui", "--demo", "--basedir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=_environment(),
    )
    try:
        log_file = tmp_path / "data" / "logs" / "pos-gui.log"
        deadline = time.monotonic() + 60
        while "locked for this process" not in (log_file.read_text("utf-8") if log_file.exists() else ""):
            assert till.poll() is None, till.stderr.read() if till.stderr else ""
            assert time.monotonic() < deadline, "the first till never took its data folder"
            time.sleep(0.1)
        yield till
    finally:
        till.kill()
        till.wait(timeout=10)
        if till.stderr is not None:
            till.stderr.close()


def _start(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *arguments],
        capture_output=True,
        text=True,
        timeout=90,
        env=_environment(),
        check=False,
    )


@pytest.mark.slow
def test_a_second_till_on_the_same_data_folder_is_refused_and_the_first_keeps_running(
    tmp_path: Path, running_till: subprocess.Popen[str]
) -> None:
    second = _start("pos_gui", "--smoke-test", "--basedir", str(tmp_path))

    assert second.returncode == EXIT_DATA_FOLDER_IN_USE
    assert f"{ALREADY_RUNNING} {tmp_path / 'data'}" in second.stderr
    assert running_till.poll() is None


@pytest.mark.slow
def test_the_headless_till_is_refused_on_a_data_folder_in_use(
    tmp_path: Path, running_till: subprocess.Popen[str]
) -> None:
    # Refused before it would send anything: no server is needed to see it.
    headless = _start(
        "pos_gui.app.headless",
        "--api-url",
        "http://127.0.0.1:9",
        "--journal",
        str(tmp_path / "data" / "journal-demo.sqlite3"),
    )

    assert headless.returncode == EXIT_DATA_FOLDER_IN_USE
    assert f"{ALREADY_RUNNING} {tmp_path / 'data'}" in headless.stderr


@pytest.mark.slow
def test_a_killed_till_leaves_the_data_folder_free(
    tmp_path: Path, running_till: subprocess.Popen[str]
) -> None:
    running_till.kill()
    running_till.wait(timeout=10)

    after = _start("pos_gui", "--smoke-test", "--basedir", str(tmp_path))

    assert after.returncode == 0, after.stderr

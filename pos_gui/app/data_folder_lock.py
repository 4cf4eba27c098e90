"""One process per data folder: two tills on one ledger booked one sale twice (issue 15 #2).

The lock is the operating system's file lock on ``pos-gui.lock`` in the data folder (``flock``
on POSIX, ``msvcrt.locking`` on Windows), held for the life of the process. The OS drops it when
the process ends, however it ends (a crash, a kill, a power cut), so there is never a stale lock
to clean up. The file itself holds the holder's process id, for people looking.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import BinaryIO

LOCK_FILE_NAME = "pos-gui.lock"


def already_running_message(folder: Path) -> str:
    """What the cashier is told when another till holds ``folder`` (German, as the till speaks)."""
    return (
        f"Die Kasse läuft bereits mit dem Datenordner {folder}. "
        "Bitte die schon geöffnete Kasse benutzen oder sie zuerst beenden."
    )


class DataFolderInUseError(Exception):
    """Another process holds the data folder's lock."""

    def __init__(self, folder: Path) -> None:
        super().__init__(already_running_message(folder))
        self.folder = folder


class DataFolderLock:
    """The held lock on one data folder; :meth:`release` (or the end of the process) frees it."""

    def __init__(self, folder: Path, handle: BinaryIO) -> None:
        self.folder = folder
        self._handle: BinaryIO | None = handle

    def release(self) -> None:
        """Free the folder for the next start; closing the file drops the OS lock."""
        if self._handle is not None:
            self._handle.close()
            self._handle = None


def lock_data_folder(folder: Path) -> DataFolderLock:
    """Take the data folder for this process; raises :class:`DataFolderInUseError` when another
    process has it. Never waits."""
    folder.mkdir(parents=True, exist_ok=True)
    # "a+b": opening must not empty the file, another holder's process id is in it.
    handle = (folder / LOCK_FILE_NAME).open("a+b")
    try:
        _lock_without_waiting(handle)
    except OSError:
        handle.close()
        raise DataFolderInUseError(folder) from None
    handle.seek(0)
    handle.truncate()
    handle.write(f"{os.getpid()}\n".encode("ascii"))
    handle.flush()
    return DataFolderLock(folder, handle)


def _lock_without_waiting(handle: BinaryIO) -> None:
    """Lock the file's first byte (Windows) or the whole file (POSIX); ``OSError`` when taken."""
    if sys.platform == "win32":
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        # flock, not lockf: a second open of the file conflicts even within one process, so a
        # test can prove the lock without a second interpreter too.
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

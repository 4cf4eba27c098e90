"""Writing a small file atomically: a crash mid-write leaves the old file intact.

The settings file and the secrets fallback file are both written this way. Standard library only:
the settings are saved and read before the till window is shown.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_text_atomically(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8), durably, readable and writable by this user only.

    The text goes to a temporary file in the same folder (so ``os.replace`` is a rename on one
    file system), is flushed to disk, and then swapped in. ``mkstemp`` creates that file with mode
    0600 from the start, so its content is never readable by others, not even for a moment.
    """
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temp_name, 0o600)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise

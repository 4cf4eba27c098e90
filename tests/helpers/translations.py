"""The committed English catalogue and the Qt Linguist tools that read and compile it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
TS_FILE = REPO_ROOT / "resources" / "translations" / "pos_gui_en.ts"


def tool(name: str) -> str:
    """A Qt Linguist tool installed next to this Python (the venv's ``bin``)."""
    found = shutil.which(name, path=str(Path(sys.executable).parent))
    assert found is not None, f"{name} is not installed next to {sys.executable}"
    return found


def compile_catalogue(target: Path) -> Path:
    """Compile the committed ``.ts`` into ``target`` (a ``.qm`` file) and return it."""
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(TS_FILE), "-qm", str(target)], check=True)
    return target

"""The layers below the UI never import Qt (shared/design.md: one direction only)."""

from __future__ import annotations

import subprocess
import sys

import pytest

QT_FREE_PACKAGES = ["pos_gui.core", "pos_gui.api", "pos_gui.services", "pos_sim", "pos_gui.config"]


@pytest.mark.parametrize("package", QT_FREE_PACKAGES)
def test_package_and_its_modules_import_without_qt(package: str) -> None:
    script = (
        "import importlib, pkgutil, sys\n"
        f"pkg = importlib.import_module({package!r})\n"
        "for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "    importlib.import_module(info.name)\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'qasync')))\n"
        "print(','.join(qt))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"{package} pulled in {result.stdout.strip()}"

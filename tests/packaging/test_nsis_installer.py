"""The Windows installer script compiles (makensis runs on Linux too) around a stand-in folder."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.packaging.conftest import ROOT

NSIS_SCRIPT = ROOT / "packaging" / "windows" / "pos_gui.nsi"


@pytest.mark.skipif(shutil.which("makensis") is None, reason="makensis is missing (apt-get install -y nsis)")
def test_nsis_script_compiles_a_windows_installer(tmp_path: Path) -> None:
    stand_in = tmp_path / "pos-gui"
    (stand_in / "_internal").mkdir(parents=True)
    (stand_in / "pos-gui.exe").write_bytes(b"MZ stand-in")
    (stand_in / "_internal" / "python311.dll").write_bytes(b"stand-in")
    installer = tmp_path / "pos-gui-9.8.7-setup.exe"
    result = subprocess.run(
        [
            "makensis",
            "-V2",
            "-INPUTCHARSET",
            "UTF8",
            "-DVERSION=9.8.7",
            "-DVERSION_NUMERIC=9.8.7.0",
            f"-DSOURCE_DIR={stand_in}",
            f"-DOUTFILE={installer}",
            str(NSIS_SCRIPT),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    content = installer.read_bytes()
    assert content[:2] == b"MZ"  # a Windows executable
    assert b"Nullsoft" in content


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="build.py's Linux tool check")
def test_build_script_names_a_missing_tool(monkeypatch: pytest.MonkeyPatch) -> None:
    spec = importlib.util.spec_from_file_location("pos_gui_packaging_build", ROOT / "packaging" / "build.py")
    assert spec is not None
    assert spec.loader is not None
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    monkeypatch.setattr(build.shutil, "which", lambda name: None)
    with pytest.raises(build.BuildError, match="apt-get install -y nsis"):
        build.require_tool("makensis")

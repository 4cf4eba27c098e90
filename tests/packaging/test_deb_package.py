"""The Linux package: its metadata, its layout, and the frozen till starting from it."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.packaging.conftest import problem_lines

pytestmark = pytest.mark.slow

APP_ID = "org.posgui.PosGui"
FROZEN_SIZE_LIMIT_MB = 150.0
SMOKE_TIMEOUT_SECONDS = 90


def _field(deb: Path, name: str) -> str:
    return subprocess.run(
        ["dpkg-deb", "-f", str(deb), name], capture_output=True, text=True, check=True
    ).stdout.strip()


def _run_smoke(command: list[str], basedir: Path, platform: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("QT_", "PYTHON"))}
    env["QT_QPA_PLATFORM"] = platform
    return subprocess.run(
        [*command, "--smoke-test", "--basedir", str(basedir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=SMOKE_TIMEOUT_SECONDS,
        check=False,
    )


def test_control_names_the_package_and_the_qt_runtime_libraries(deb_file: Path) -> None:
    assert _field(deb_file, "Package") == "pos-gui"
    assert deb_file.name == f"pos-gui_{_field(deb_file, 'Version')}_{_field(deb_file, 'Architecture')}.deb"
    depends = {item.strip().split(" ")[0] for item in _field(deb_file, "Depends").split(",")}
    # What the xcb platform plugin loads at run time (ldd on libqxcb.so).
    assert {"libxcb-cursor0", "libxkbcommon-x11-0", "libxcb-icccm4", "libegl1", "libfontconfig1"} <= depends


def test_layout_opt_launcher_desktop_entry_metainfo_icons(unpacked_root: Path) -> None:
    assert os.access(unpacked_root / "opt/pos-gui/pos-gui", os.X_OK)
    launcher = unpacked_root / "usr/bin/pos-gui"
    assert os.access(launcher, os.X_OK)
    assert "/opt/pos-gui/pos-gui" in launcher.read_text(encoding="utf-8")
    desktop = unpacked_root / f"usr/share/applications/{APP_ID}.desktop"
    assert "Exec=pos-gui" in desktop.read_text(encoding="utf-8")
    assert (unpacked_root / f"usr/share/metainfo/{APP_ID}.metainfo.xml").is_file()
    assert (unpacked_root / f"usr/share/icons/hicolor/scalable/apps/{APP_ID}.svg").is_file()
    assert (unpacked_root / f"usr/share/icons/hicolor/256x256/apps/{APP_ID}.png").is_file()
    if shutil.which("desktop-file-validate"):
        subprocess.run(["desktop-file-validate", str(desktop)], check=True)


def test_frozen_folder_is_under_150_mb(unpacked_root: Path) -> None:
    folder = unpacked_root / "opt/pos-gui"
    size_mb = sum(path.stat().st_size for path in folder.rglob("*") if path.is_file()) / 1e6
    assert size_mb < FROZEN_SIZE_LIMIT_MB, f"frozen folder is {size_mb:.1f} MB"


def test_frozen_smoke_test_offscreen(unpacked_root: Path, tmp_path: Path) -> None:
    result = _run_smoke([str(unpacked_root / "opt/pos-gui/pos-gui")], tmp_path, "offscreen")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert problem_lines(output) == [], output


def test_frozen_smoke_test_on_a_real_x_server(unpacked_root: Path, tmp_path: Path) -> None:
    if shutil.which("xvfb-run") is None:
        pytest.skip("xvfb-run is missing (apt-get install -y xvfb xauth)")
    binary = str(unpacked_root / "opt/pos-gui/pos-gui")
    result = _run_smoke(["xvfb-run", "-a", binary], tmp_path, "xcb")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert problem_lines(output) == [], output


def test_frozen_till_reaches_postgresql_through_the_systems_libpq(
    deb_file: Path, unpacked_root: Path, tmp_path: Path
) -> None:
    # The frozen folder leaves psycopg's own libpq out on Linux (the .deb depends on libpq5):
    # a chain's till must still load it. A refused connection is libpq's own answer.
    env = {key: value for key, value in os.environ.items() if not key.startswith(("QT_", "PYTHON"))}
    env["HOME"] = str(tmp_path)
    result = subprocess.run(
        [
            str(unpacked_root / "opt/pos-gui/pos-gui"),
            "central",
            "status",
            "--dsn",
            "host=127.0.0.1 port=9 dbname=central user=till connect_timeout=3",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=SMOKE_TIMEOUT_SECONDS,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "port 9 failed" in output, output
    depends = {item.strip().split(" ")[0] for item in _field(deb_file, "Depends").split(",")}
    assert "libpq5" in depends

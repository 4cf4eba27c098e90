"""Build the till's installable packages (what ``make package`` runs).

1. Freeze the app with PyInstaller into the one-folder build ``dist/pos-gui/``
   (spec: ``packaging/pyinstaller/pos_gui.spec``).
2. On Linux: make ``dist/pos-gui_<version>_<arch>.deb`` (the folder in ``/opt/pos-gui``, a
   ``pos-gui`` launcher in ``/usr/bin``, a ``.desktop`` entry, AppStream metainfo, icons, and
   ``Depends:`` on the system libraries the frozen Qt needs, found with ``ldd`` and ``dpkg -S``).
   On Windows: compile the NSIS installer ``dist/pos-gui-<version>-setup.exe``.

Tools: PyInstaller (``pip install -e '.[package]'``), on Linux ``dpkg-deb`` and ``ldd``; optional
``desktop-file-validate`` (desktop-file-utils) and ``appstreamcli`` (appstream) validate the
metadata, ``makensis`` (nsis) builds the Windows installer. A missing tool is named with the
package that brings it.

Usage: ``python packaging/build.py [--skip-freeze] [--no-deb] [--nsis] [--entry FILE]``
"""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import os
import platform
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "pyinstaller" / "pos_gui.spec"
LINUX_DIR = ROOT / "packaging" / "linux"
NSIS_SCRIPT = ROOT / "packaging" / "windows" / "pos_gui.nsi"
DIST = ROOT / "dist"
FROZEN_DIR = DIST / "pos-gui"
BUILD = ROOT / "build"
APP_ID = "org.posgui.PosGui"
FROZEN_SIZE_LIMIT_MB = 150.0

# The run-time libraries the Qt xcb platform needs even where ldd cannot see them (dlopen), per
# shared/reference/style-anchors.md §6; the packages found by ldd are added to these.
BASE_DEPENDS = [
    "libxcb-cursor0",
    "libxkbcommon-x11-0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-image0",
    "libxcb-randr0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-xfixes0",
    "libxcb-xkb1",
    "libegl1",
    "libgl1",
    "libdbus-1-3",
    "libfontconfig1",
    "libfreetype6",
    # psycopg's libpq for a chain's till (the frozen folder leaves psycopg_binary out on Linux).
    "libpq5",
]

TOOL_PACKAGES = {
    "dpkg-deb": "dpkg",
    "ldd": "libc-bin",
    "desktop-file-validate": "desktop-file-utils",
    "appstreamcli": "appstream",
    "makensis": "nsis",
    "xvfb-run": "xvfb",
}


class BuildError(Exception):
    """A step failed; the message says which and what to do."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build dist/pos-gui/ and the installer packages.")
    parser.add_argument("--skip-freeze", action="store_true", help="reuse an existing dist/pos-gui/")
    parser.add_argument("--no-deb", action="store_true", help="do not build the .deb")
    parser.add_argument(
        "--nsis", action="store_true", help="also compile the NSIS installer (needs makensis)"
    )
    parser.add_argument(
        "--entry",
        type=Path,
        help="freeze this launcher instead of main.py (checks of the packaging itself)",
    )
    args = parser.parse_args(argv)
    try:
        version = project_version()
        if not args.skip_freeze:
            freeze(args.entry)
        elif not (FROZEN_DIR / executable_name()).exists():
            raise BuildError(f"--skip-freeze: there is no frozen build in {FROZEN_DIR}")
        size_mb = folder_size_mb(FROZEN_DIR)
        print(f"frozen folder: {FROZEN_DIR} ({size_mb:.1f} MB; limit {FROZEN_SIZE_LIMIT_MB:.0f} MB)")
        if size_mb > FROZEN_SIZE_LIMIT_MB:
            print(f"WARNING: the frozen folder is larger than {FROZEN_SIZE_LIMIT_MB:.0f} MB", file=sys.stderr)
        if sys.platform.startswith("linux") and not args.no_deb:
            deb = build_deb(version)
            print(f"debian package: {deb} ({deb.stat().st_size / 1e6:.1f} MB)")
        if sys.platform.startswith("win") or args.nsis:
            installer = build_nsis(version, FROZEN_DIR)
            print(f"windows installer: {installer}")
    except BuildError as error:
        print(f"build failed: {error}", file=sys.stderr)
        return 1
    except subprocess.CalledProcessError as error:
        print(f"build failed: {error.cmd[0]} exited with {error.returncode}", file=sys.stderr)
        return 1
    return 0


# -- helpers -------------------------------------------------------------------------------------


def project_version() -> str:
    """``__version__`` of pos_gui, read from the source (no import)."""
    text = (ROOT / "pos_gui" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    if not match:
        raise BuildError("pos_gui/__init__.py has no __version__")
    return match.group(1)


def executable_name() -> str:
    return "pos-gui.exe" if sys.platform.startswith("win") else "pos-gui"


def folder_size_mb(folder: Path) -> float:
    """Size of the files under ``folder`` in MB (10^6 bytes)."""
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file()) / 1e6


def require_tool(name: str) -> str:
    """The tool's path, or a BuildError that says which package brings it."""
    path = shutil.which(name)
    if path is None:
        package = TOOL_PACKAGES.get(name, name)
        raise BuildError(f"'{name}' is missing; install it with: apt-get install -y {package}")
    return path


def run(command: list[str], *, cwd: Path | None = None, env: dict[str, str] | None = None) -> None:
    """Run a build tool, echoing the command; a failure raises ``CalledProcessError``."""
    print("+", " ".join(str(part) for part in command), flush=True)
    subprocess.run(command, check=True, cwd=cwd, env=env)


# -- step 1: freeze ------------------------------------------------------------------------------


def freeze(entry: Path | None) -> None:
    """Run PyInstaller on the spec; the result is ``dist/pos-gui/``."""
    if importlib.util.find_spec("PyInstaller") is None:
        raise BuildError("PyInstaller is missing; install it with: pip install -e '.[package]'")
    env = dict(os.environ)
    if entry is not None:
        env["POS_GUI_ENTRY"] = str(entry.resolve())
    elif not (ROOT / "pos_gui" / "app" / "__init__.py").exists():
        raise BuildError("pos_gui/app/ does not exist yet; freeze a stand-in with --entry FILE")
    run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(BUILD / "pyinstaller"),
            str(SPEC),
        ],
        cwd=ROOT,
        env=env,
    )


# -- step 2a: the .deb ---------------------------------------------------------------------------


def build_deb(version: str) -> Path:
    """Lay out the package root under ``build/deb-root`` and pack it with ``dpkg-deb``."""
    dpkg_deb = require_tool("dpkg-deb")
    architecture = debian_architecture()
    root = BUILD / "deb-root"
    if root.exists():
        shutil.rmtree(root)
    opt = root / "opt" / "pos-gui"
    shutil.copytree(FROZEN_DIR, opt, symlinks=True)

    launcher = root / "usr" / "bin" / "pos-gui"
    launcher.parent.mkdir(parents=True)
    launcher.write_text('#!/bin/sh\nexec /opt/pos-gui/pos-gui "$@"\n', encoding="utf-8")
    launcher.chmod(0o755)

    share = root / "usr" / "share"
    desktop = share / "applications" / f"{APP_ID}.desktop"
    desktop.parent.mkdir(parents=True)
    shutil.copyfile(LINUX_DIR / f"{APP_ID}.desktop", desktop)
    metainfo = share / "metainfo" / f"{APP_ID}.metainfo.xml"
    metainfo.parent.mkdir(parents=True)
    template = (LINUX_DIR / f"{APP_ID}.metainfo.xml.in").read_text(encoding="utf-8")
    metainfo.write_text(
        template.replace("@VERSION@", version).replace("@DATE@", datetime.date.today().isoformat()),
        encoding="utf-8",
    )
    icons = share / "icons" / "hicolor"
    (icons / "scalable" / "apps").mkdir(parents=True)
    (icons / "256x256" / "apps").mkdir(parents=True)
    shutil.copyfile(LINUX_DIR / f"{APP_ID}.svg", icons / "scalable" / "apps" / f"{APP_ID}.svg")
    shutil.copyfile(LINUX_DIR / f"{APP_ID}.png", icons / "256x256" / "apps" / f"{APP_ID}.png")
    validate_metadata(desktop, metainfo)

    depends = sorted(set(BASE_DEPENDS) | set(system_library_packages(FROZEN_DIR)))
    installed_kb = int(sum(p.stat().st_size for p in root.rglob("*") if p.is_file()) / 1024)
    control = root / "DEBIAN" / "control"
    control.parent.mkdir()
    control.write_text(
        "\n".join(
            [
                "Package: pos-gui",
                f"Version: {version}",
                "Section: misc",
                "Priority: optional",
                f"Architecture: {architecture}",
                f"Installed-Size: {installed_kb}",
                f"Depends: {', '.join(depends)}",
                "Maintainer: pos-gui developers <pos-gui@example.org>",
                "Description: cash register for secucard loyalty and gift cards",
                " A desktop till for the secuconnect Smart Transactions API, with a demo mode",
                " that runs a built-in simulator offline.",
                "",
            ]
        ),
        encoding="utf-8",
    )
    normalise_permissions(root)
    target = DIST / f"pos-gui_{version}_{architecture}.deb"
    run([dpkg_deb, "--build", "--root-owner-group", "-Zxz", "-z6", str(root), str(target)])
    return target


def debian_architecture() -> str:
    dpkg = shutil.which("dpkg")
    if dpkg:
        return subprocess.run(
            [dpkg, "--print-architecture"], capture_output=True, text=True, check=True
        ).stdout.strip()
    return {"x86_64": "amd64", "aarch64": "arm64"}.get(platform.machine(), platform.machine())


def normalise_permissions(root: Path) -> None:
    """Folders 0755, executables (and shared libraries) 0755, everything else 0644."""
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir() or os.access(path, os.X_OK) or ".so" in path.name:
            path.chmod(0o755)
        else:
            path.chmod(0o644)


def system_library_packages(frozen: Path) -> list[str]:
    """Debian packages of the system libraries the frozen build links to (``ldd`` + ``dpkg -S``)."""
    ldd = require_tool("ldd")
    libraries: set[str] = set()
    missing: set[str] = set()
    for path in frozen.rglob("*"):
        if not path.is_file() or not (".so" in path.name or path.name == "pos-gui"):
            continue
        result = subprocess.run([ldd, str(path)], capture_output=True, text=True, check=False)
        for line in result.stdout.splitlines():
            if "=>" not in line:
                continue
            name, _, target = line.partition("=>")
            target = target.strip().split(" (")[0].strip()
            if target == "not found":
                missing.add(name.strip())
            elif target and not Path(target).resolve().is_relative_to(frozen.resolve()):
                libraries.add(target)
    if missing:
        print(f"note: libraries not found on this build machine: {', '.join(sorted(missing))}")
    dpkg = shutil.which("dpkg")
    if dpkg is None:
        print("note: dpkg is missing, Depends lists only the base X/EGL libraries")
        return []
    packages: set[str] = set()
    for library in sorted(libraries):
        candidates = {library, str(Path(library).resolve())}
        # merged /usr: /lib/x86_64-linux-gnu/x and /usr/lib/x86_64-linux-gnu/x are one file.
        candidates |= {c.removeprefix("/usr") for c in list(candidates)} | {
            "/usr" + c for c in list(candidates)
        }
        for candidate in candidates:
            found = subprocess.run([dpkg, "-S", candidate], capture_output=True, text=True, check=False)
            if found.returncode == 0:
                packages.add(found.stdout.split(":")[0].strip())
                break
    return sorted(packages)


def validate_metadata(desktop: Path, metainfo: Path) -> None:
    """Validate the .desktop and metainfo files where the validators are installed."""
    validator = shutil.which("desktop-file-validate")
    if validator:
        run([validator, str(desktop)])
    else:
        print("note: desktop-file-validate is missing (apt-get install -y desktop-file-utils); not validated")
    appstream = shutil.which("appstreamcli")
    if appstream:
        run([appstream, "validate", "--no-net", "--explain", str(metainfo)])
    else:
        print("note: appstreamcli is missing (apt-get install -y appstream); metainfo not validated")


# -- step 2b: the Windows installer --------------------------------------------------------------


def build_nsis(version: str, frozen: Path) -> Path:
    """Compile ``packaging/windows/pos_gui.nsi`` around ``frozen``."""
    makensis = require_tool("makensis")
    target = DIST / f"pos-gui-{version}-setup.exe"
    numeric = ".".join(([*re.findall(r"\d+", version), "0", "0", "0", "0"])[:4])
    run(
        [
            makensis,
            "-V2",
            "-INPUTCHARSET",
            "UTF8",
            f"-DVERSION={version}",
            f"-DVERSION_NUMERIC={numeric}",
            f"-DSOURCE_DIR={frozen.resolve()}",
            f"-DOUTFILE={target.resolve()}",
            str(NSIS_SCRIPT),
        ]
    )
    return target


if __name__ == "__main__":
    raise SystemExit(main())

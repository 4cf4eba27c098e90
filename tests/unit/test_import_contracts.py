"""The layer contracts in pyproject.toml really hold the code, and really fail on a forbidden import.

``make test`` runs ``lint-imports`` on the checkout. These tests run it on a copy of the two
packages (sources only) with ``pyproject.toml``: as they are, every contract is kept; with one
deliberate forbidden import added (the domain core importing the UI), the run fails and names the
contracts that import breaks.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _copy_of_the_sources(destination: Path) -> Path:
    for package in ("pos_gui", "pos_sim"):
        shutil.copytree(
            ROOT / package,
            destination / package,
            ignore=shutil.ignore_patterns("__pycache__", "resources", "*.pyc", "*.qm"),
        )
    shutil.copy(ROOT / "pyproject.toml", destination / "pyproject.toml")
    return destination


def _lint_imports(folder: Path) -> subprocess.CompletedProcess[str]:
    # The copy comes first on the path, before the editable install of the checkout.
    env = {**os.environ, "PYTHONPATH": str(folder)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _copy_of_the_sources(tmp_path_factory.mktemp("contracts"))


@pytest.mark.slow
def test_the_contracts_are_kept_by_the_code(sources: Path) -> None:
    result = _lint_imports(sources)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.slow
def test_a_forbidden_import_breaks_the_contracts_naming_them(sources: Path) -> None:
    forbidden = sources / "pos_gui" / "core" / "reaches_up.py"
    forbidden.write_text(
        '"""A deliberate violation: the domain core importing the UI."""\n\nimport pos_gui.ui\n',
        encoding="utf-8",
    )
    try:
        result = _lint_imports(sources)
    finally:
        forbidden.unlink()
    assert result.returncode != 0
    assert "pos_gui.core imports nothing of ours BROKEN" in result.stdout
    assert "pos_gui.core.reaches_up -> pos_gui.ui" in result.stdout
    # The layers contract (its long name is wrapped in the report) sees it too.
    assert "> core BROKEN" in result.stdout
    # Exactly those two: every other contract still holds.
    assert re.search(r"Contracts: \d+ kept, 2 broken\.", result.stdout), result.stdout


@pytest.mark.slow
def test_the_simulator_imported_outside_the_connection_module_breaks_a_contract(sources: Path) -> None:
    forbidden = sources / "pos_gui" / "app" / "side_door.py"
    forbidden.write_text(
        '"""A deliberate violation: a second importer of the simulator."""\n\nimport pos_sim.embedded\n',
        encoding="utf-8",
    )
    try:
        result = _lint_imports(sources)
    finally:
        forbidden.unlink()
    assert result.returncode != 0
    assert "nothing in pos_gui but pos_gui.app.connection imports pos_sim BROKEN" in result.stdout

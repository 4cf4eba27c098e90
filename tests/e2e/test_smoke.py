"""``pos-gui --smoke-test`` in a subprocess: the whole window against the embedded simulator."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.slow
def test_smoke_test_exits_cleanly(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "pos_gui", "--smoke-test", "--basedir", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=90,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    # A clean start prints nothing on stderr: the packaging harness treats every line there as a problem.
    assert result.stderr.strip() == ""
    assert "window shown" in result.stdout
    assert "online" in result.stdout
    # It ran against the embedded simulator and kept its files under --basedir.
    assert (tmp_path / "data" / "journal-demo.sqlite3").exists()


@pytest.mark.slow
def test_smoke_test_fails_on_a_qt_warning(tmp_path: Path) -> None:
    """The message handler really records warnings: a broken style sheet is one."""
    script = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "import pos_gui.app.startup as app_module\n"
        "original = app_module.apply_style_sheet\n"
        "def broken(app):\n"
        "    original(app)\n"
        "    app.setStyleSheet('QWidget { color: ')\n"
        "app_module.apply_style_sheet = broken\n"
        "sys.exit(app_module.main(['--smoke-test', '--basedir', sys.argv[1]]))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=90,
        env=env,
        check=False,
    )
    assert result.returncode != 0
    assert "Qt warning" in result.stderr


@pytest.mark.slow
def test_render_receipt_subcommand_prints_the_server_receipt(tmp_path: Path) -> None:
    transaction = {
        "id": "STX_TEST",
        "status": "ok",
        "receipt": [
            {"type": "separator", "value": {"caption": "Kundenkarte"}},
            {"type": "name-value", "value": {"name": "Kartennummer:", "value": "9276004429942845"}},
            {"type": "textline", "value": {"text": "Umsatz erfasst:"}},
            {"type": "textline", "value": {"text": "7,96 EUR", "decoration": ["important"]}},
        ],
    }
    source = tmp_path / "transaction.json"
    source.write_text(json.dumps(transaction), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pos_gui", "render-receipt", str(source), "--width", "32"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Umsatz erfasst:" in result.stdout
    assert "Kartennummer:   9276004429942845" in result.stdout

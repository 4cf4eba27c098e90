"""PySide6's import hook is spared reading our modules' sources (``spare_pyside_source_reading``).

The hook reads the whole source of each module imported after PySide6 unless the module is in
its table already. The till enters all its modules up front; these tests check that the listing
finds every module of both packages without importing the simulator, and that a module entered
this way is not read again when it is imported.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pos_gui
import pos_sim

SCRIPT = """
import inspect, sys
import PySide6.QtCore  # the hook is installed with PySide6
from pos_gui.app.qt_app import spare_pyside_source_reading

read = []
real_getsource = inspect.getsource
def counting_getsource(module):
    read.append(getattr(module, "__name__", "?"))
    return real_getsource(module)
inspect.getsource = counting_getsource

spare_pyside_source_reading()
from pos_gui.ui.widgets.button_flow import ButtonFlow  # noqa: F401
print("pos_sim imported" if "pos_sim" in sys.modules else "pos_sim not imported")
print("read:", ",".join(name for name in read if name.startswith("pos_gui")))
"""


def _dotted_names(package: Path, name: str) -> set[str]:
    names = set()
    for source in package.rglob("*.py"):
        parts = source.relative_to(package).with_suffix("").parts
        names.add(".".join((name, *parts[:-1])) if parts[-1] == "__init__" else ".".join((name, *parts)))
    return names


def test_every_module_of_both_packages_is_listed() -> None:
    from pos_gui.app.qt_app import _own_module_names

    listed = set(_own_module_names())
    expected = _dotted_names(Path(pos_gui.__file__).parent, "pos_gui") | _dotted_names(
        Path(pos_sim.__file__).parent, "pos_sim"
    )
    assert listed == expected
    assert {"pos_gui.ui.main_window", "pos_gui.app", "pos_sim.app"} <= listed


def test_an_entered_module_is_not_read_and_the_simulator_stays_unloaded() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120, check=True
    )
    simulator_line, read_line = done.stdout.splitlines()
    assert simulator_line == "pos_sim not imported"
    # Without the entries, the hook reads pos_gui.ui.widgets.button_flow here.
    assert read_line == "read: ", done.stdout

"""The Qt application object, its look, and the first windows a start can show before the till.

Part of the composition root: :func:`qt_application` makes (or finds) the one ``QApplication``,
:func:`apply_style_sheet` gives it the till's look, :func:`tell_start_refused` says why the till
does not start (another till holds the folder, an unreadable ledger), and :func:`first_run_setup`
shows the installer's setup and waits for its answer. :func:`spare_pyside_source_reading`
saves the cold start the time PySide6 spends reading our modules' sources.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from pos_gui.config.paths import AppPaths
    from pos_gui.config.settings import Settings


def qt_application() -> QApplication:
    # qasync picks its Qt binding from QT_API; PySide6 is imported before it as well.
    os.environ.setdefault("QT_API", "pyside6")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "pos-gui"])
    assert isinstance(app, QApplication)
    app.setApplicationName("pos-gui")
    app.setOrganizationName("pos-gui")
    return app


# The till's own packages: PySide6 need not read their sources to learn what they use.
OWN_PACKAGES = ("pos_gui", "pos_sim")


def spare_pyside_source_reading() -> None:
    """Tell PySide6 up front that our modules use its default features.

    Once imported, PySide6 hooks every later import and reads the new module's whole source
    (``inspect.getsource``) to see whether it mentions PySide6, unless the module's name is
    already in its table of feature selections (0: uses PySide6 with the default features,
    -1: does not use it). Our modules use no ``__feature__`` options, so all are entered with
    0: what the scan finds for the UI modules, and without effect for the Qt-free ones, which
    touch no Qt object. The window is the same, and the ~50 modules imported after PySide6 on
    the way to the first paint are not read (measured: ~3–4 ms of the cold start on 3.11; the
    listing costs ~1 ms). The table is PySide6's internal (``shibokensupport.feature``); if a
    release drops it, this does nothing and the scan simply runs. The frozen build ships no
    sources, so there is nothing to spare and nothing is listed.
    """
    if getattr(sys, "frozen", False):
        return
    try:
        from shibokensupport import feature  # type: ignore[import-not-found]  # made by PySide6
    except ImportError:
        return
    selections = getattr(feature, "pyside_feature_dict", None)
    if not isinstance(selections, dict):
        return
    for name in _own_module_names():
        selections.setdefault(name, 0)


def _own_module_names() -> list[str]:
    """The dotted names of every module in our packages, from their folders on disk."""
    names: list[str] = []
    for package_name in OWN_PACKAGES:
        # find_spec locates a top-level package without importing it (the simulator stays unloaded).
        spec = importlib.util.find_spec(package_name)
        if spec is None or spec.submodule_search_locations is None:
            continue
        for folder in spec.submodule_search_locations:
            # os.walk rather than Path.rglob: a third of the time, and this runs on the cold start.
            for directory, subfolders, files in os.walk(folder):
                subfolders[:] = [name for name in subfolders if name != "__pycache__"]
                relative = os.path.relpath(directory, folder)
                prefix = (
                    package_name if relative == "." else f"{package_name}.{relative.replace(os.sep, '.')}"
                )
                names.extend(
                    prefix if file_name == "__init__.py" else f"{prefix}.{file_name[:-3]}"
                    for file_name in files
                    if file_name.endswith(".py")
                )
    return names


def tell_start_refused(message: str, *, title: str, dialog: bool) -> None:
    """Say why the till does not start: on stderr always, in a dialog for the cashier."""
    print(message, file=sys.stderr, flush=True)
    if dialog:
        from PySide6.QtWidgets import QMessageBox

        qt_application()
        QMessageBox.critical(None, title, message)


async def first_run_setup(paths: AppPaths, settings: Settings) -> Settings | None:
    """Show the installer's first-run setup and wait for its answer (``None``: cancelled)."""
    import asyncio

    from pos_gui.app.window_extras import build_setup_window

    answer: asyncio.Future[Settings | None] = asyncio.get_running_loop().create_future()

    def finish(value: Settings | None) -> None:
        if not answer.done():
            answer.set_result(value)

    window = build_setup_window(paths, settings)
    window.finished.connect(lambda result: finish(result.settings))
    window.cancelled.connect(lambda: finish(None))
    window.show()
    try:
        return await answer
    finally:
        window.close()
        window.deleteLater()


def apply_style_sheet(app: QApplication) -> None:
    """The till's look: the bundled style sheet on the whole application."""
    from pos_gui.resource_files import resource_file

    style = resource_file("styles", "till.qss")
    if style.is_file():
        app.setStyleSheet(style.read_text(encoding="utf-8"))

"""The Qt application object, its look, and the first windows a start can show before the till.

Part of the composition root: :func:`qt_application` makes (or finds) the one ``QApplication``,
:func:`apply_style_sheet` gives it the till's look, :func:`tell_start_refused` says why the till
does not start (another till holds the folder, an unreadable ledger), and :func:`first_run_setup`
shows the installer's setup and waits for its answer.
"""

from __future__ import annotations

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

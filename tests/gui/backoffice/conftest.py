"""Fixtures for the back-office tests: a real till window against the embedded simulator, with the
back office installed as the composition root does it, and printers that are files, a closed
port, or a small TCP sink on loopback."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pos_gui.app import Connection, Till, build_till
from pos_gui.config.paths import AppPaths, resolve_paths
from pos_gui.config.settings import PrinterSettings, Settings
from pos_gui.services.printing import PrintingService
from pos_gui.ui.backoffice import Backoffice, install_backoffice
from tests.helpers.qt import run_until_done

# A refused connection fails at once; the limit only matters for a printer that hangs.
PRINT_TIMEOUT_S = 2.0


class NetworkPrinterSink:
    """A raw-printing (port 9100 style) receiver on loopback that keeps every byte it gets."""

    def __init__(self, port: int) -> None:
        self._server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._server.bind(("127.0.0.1", port))
        self._server.listen(4)
        self._server.settimeout(0.2)
        self._data = bytearray()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def data(self) -> bytes:
        with self._lock:
            return bytes(self._data)

    def _serve(self) -> None:
        while not self._stopping.is_set():
            try:
                connection, _ = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with connection:
                connection.settimeout(2.0)
                while chunk := connection.recv(65536):
                    with self._lock:
                        self._data.extend(chunk)

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join(timeout=5)
        self._server.close()


@dataclass
class BackofficeTill:
    """A till window with the back office installed, and its parts for assertions."""

    till: Till
    backoffice: Backoffice
    printing: PrintingService
    paths: AppPaths
    settings: Settings

    @property
    def window(self) -> Any:
        return self.till.window

    def message(self) -> str:
        return str(self.till.window.message_bar.text())

    def message_details(self) -> str:
        return str(self.till.window.message_bar.details_label.text())


@pytest.fixture
def make_till(
    qtbot: QtBot,
    qapp: QApplication,
    qloop: asyncio.AbstractEventLoop,
    worker_threads: ThreadPoolExecutor,
    sim_url: str,
    tmp_path: Path,
) -> Iterator[Callable[[PrinterSettings], BackofficeTill]]:
    """Builds the till like ``pos_gui.app`` does, plus ``install_backoffice``; closes it after."""
    built: list[BackofficeTill] = []

    def make(printer: PrinterSettings) -> BackofficeTill:
        paths = resolve_paths(tmp_path / "till")
        settings = Settings(printer=printer)
        connection = Connection.demo(sim_url)
        till = build_till(qapp, connection, paths.journal_file, device_id="backoffice-test-till")
        printing = PrintingService(settings.printer, timeout=PRINT_TIMEOUT_S)
        backoffice = install_backoffice(
            till.window,
            journal=till.journal,
            printing=printing,
            settings=settings,
            paths=paths,
            checkout_presenter=till.presenter,
        )
        till.window.resize(1366, 768)
        till.window.show()
        qtbot.waitExposed(till.window)
        till.window.activateWindow()
        result = BackofficeTill(till, backoffice, printing, paths, settings)
        built.append(result)
        return result

    yield make
    for result in built:
        run_until_done(qtbot, result.backoffice.wait_idle())
        for dialog in (result.backoffice.sales_dialog, result.backoffice.printer_dialog):
            if dialog is not None:
                dialog.close()
        run_until_done(qtbot, result.till.aclose())

"""``async_slot``: Qt signals start coroutine methods; failures reach the crash handler."""

from __future__ import annotations

import asyncio
import sys
from types import TracebackType

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from pos_gui.ui.async_slot import async_slot
from tests.helpers.qt import run_until_done


class Receiver(QObject):
    """Records what its async slots were called with."""

    number_and_count = Signal(str, int)

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[str, ...]] = []

    @async_slot()
    async def pay(self) -> None:
        await asyncio.sleep(0)
        self.calls.append(("pay",))

    @async_slot(str)
    async def scan(self, number: str) -> None:
        self.calls.append(("scan", number))

    @async_slot()
    async def broken(self) -> None:
        raise RuntimeError("a programming error")


def test_a_button_click_starts_the_coroutine_without_the_checked_flag(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop
) -> None:
    receiver = Receiver()
    button = QPushButton()
    qtbot.addWidget(button)
    button.clicked.connect(receiver.pay)
    button.click()
    qtbot.waitUntil(lambda: receiver.calls == [("pay",)])


def test_extra_signal_arguments_are_dropped_and_a_direct_call_returns_the_task(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop
) -> None:
    receiver = Receiver()
    receiver.number_and_count.connect(receiver.scan)
    receiver.number_and_count.emit("9276004429942845", 3)
    task = receiver.scan("4999012345678")
    assert isinstance(task, asyncio.Task)
    run_until_done(qtbot, task)
    qtbot.waitUntil(lambda: len(receiver.calls) == 2)
    assert receiver.calls == [("scan", "9276004429942845"), ("scan", "4999012345678")]


def test_a_failure_goes_to_the_crash_handler(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[BaseException] = []

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        seen.append(error)

    monkeypatch.setattr(sys, "excepthook", hook)
    Receiver().broken()
    qtbot.waitUntil(lambda: len(seen) == 1)
    assert str(seen[0]) == "a programming error"

"""The Qt binding keeps its reference counts: PySide6 6.12.0 dropped a reference to None on calls
the till makes (QSizePolicy.setHeightForWidth, QStyleOption.initFrom, ...), and a till that runs a
whole day would crash once None's count reached zero ("Fatal Python error: none_dealloc"; seen at
the exit of a short test run). pyproject.toml keeps PySide6 below 6.12 for that; this test fails on
a binding that has the fault again.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QSizePolicy, QStyleOptionButton, QTableView

CALLS = 500


def _drift(call: Callable[[], object]) -> tuple[int, int]:
    """How far None's and True's reference counts moved over ``CALLS`` calls (0: kept)."""
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(CALLS):
        call()
    return sys.getrefcount(None) - none_before, sys.getrefcount(True) - true_before


def _init_style_option(button: QPushButton) -> None:
    option = QStyleOptionButton()
    option.initFrom(button)


@pytest.mark.parametrize(
    "name",
    ["QSizePolicy.setHeightForWidth", "QStyleOption.initFrom", "QTableView.setColumnHidden", "widget flags"],
)
def test_calls_the_till_makes_keep_none_and_true_alive(qapp: QApplication, name: str) -> None:
    button = QPushButton("Bar bezahlen (F12)")
    policy = QSizePolicy()
    table = QTableView()
    calls: dict[str, Callable[[], object]] = {
        "QSizePolicy.setHeightForWidth": lambda: policy.setHeightForWidth(True),
        "QStyleOption.initFrom": lambda: _init_style_option(button),
        "QTableView.setColumnHidden": lambda: table.setColumnHidden(0, True),
        "widget flags": lambda: (
            button.isHidden(),
            button.testAttribute(Qt.WidgetAttribute.WA_WState_Polished),
        ),
    }
    none_drift, true_drift = _drift(calls[name])
    # A few references may come and go with caches; a leak moves by the number of calls.
    assert abs(none_drift) < CALLS // 10, f"{name}: None's count moved by {none_drift}"
    assert abs(true_drift) < CALLS // 10, f"{name}: True's count moved by {true_drift}"

"""The smoke-test output filter catches Qt warnings and tracebacks, and lets log notes pass."""

from __future__ import annotations

from tests.packaging.conftest import problem_lines


def test_qt_warnings_and_tracebacks_are_problems() -> None:
    output = "\n".join(
        [
            "qt.qpa.xcb: could not connect to display",
            "QWidget::setMinimumSize: (/QWidget) Negative sizes (-1,-1) are not possible",
            "Traceback (most recent call last):",
            "smoke test: Qt warning: QFont::setPointSize: Point size <= 0 (0)",
            "smoke test: the till did not sign in at the embedded simulator",
            "2025-01-01 WARNING pos_gui.config.secrets: No usable OS key store",
            "smoke test: qt started 0.56 s, window shown 0.86 s, online 1.44 s after process start",
        ]
    )
    assert len(problem_lines(output)) == 5
    assert problem_lines("started\nall good\n") == []

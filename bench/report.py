"""One row of the benchmark report, and the table it is written as.

Every row compares a measurement with a baseline measured in the same run on the same machine
(a raw httpx request, a bare PySide6 window, ...), so the ratio means something on any machine.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass


@dataclass(frozen=True)
class BenchRow:
    """A measurement against its baseline.

    Attributes:
        name: what was measured, e.g. "client GET transaction, p50".
        value: the measurement.
        unit: "ms", "MB", "requests", ...
        baseline_name: what it is compared with, e.g. "raw httpx GET, p50".
        baseline_value: the baseline's measurement in the same unit, or None where there is none.
        target: the target as text, e.g. "< 1 ms overhead", or "".
        met: whether the target is met (None: no target).
    """

    name: str
    value: float
    unit: str
    baseline_name: str = ""
    baseline_value: float | None = None
    target: str = ""
    met: bool | None = None

    @property
    def ratio(self) -> float | None:
        if not self.baseline_value:
            return None
        return self.value / self.baseline_value


def median_ms(samples: list[float]) -> float:
    """The median of timings taken in seconds, in milliseconds."""
    return statistics.median(samples) * 1000


def _number(value: float) -> str:
    """Three significant digits without scientific notation: 0.751, 22, 1,620."""
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}"


def format_table(rows: list[BenchRow]) -> str:
    """The rows as a Markdown table."""
    lines = [
        "| measurement | value | baseline (same run) | baseline value | ratio | target | met |",
        "|---|---:|---|---:|---:|---|---|",
    ]
    for row in rows:
        baseline = "" if row.baseline_value is None else f"{_number(row.baseline_value)} {row.unit}"
        ratio = "" if row.ratio is None else f"{row.ratio:.2f}x"
        met = {None: "", True: "yes", False: "**no**"}[row.met]
        lines.append(
            f"| {row.name} | {_number(row.value)} {row.unit} | {row.baseline_name} | {baseline} | {ratio} "
            f"| {row.target} | {met} |"
        )
    return "\n".join(lines)

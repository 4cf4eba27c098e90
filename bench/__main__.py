"""`python -m bench`: run every benchmark module and write the report to bench/README.md.

Each `bench/bench_<area>.py` has `run() -> list[BenchRow]`. A module that fails is reported as
such and does not stop the others.
"""

from __future__ import annotations

import importlib
import pkgutil
import platform
import sys
import time
import traceback
from pathlib import Path

from bench.report import BenchRow, format_table

REPORT = Path(__file__).with_name("README.md")
CHAOS_REPORT = Path(__file__).with_name("chaos.md")  # written by `make chaos` (bench/chaos.py)
MARKER = "<!-- bench-results -->"


def main() -> int:
    only = set(sys.argv[1:])
    sections: list[str] = []
    failed = False
    for info in sorted(pkgutil.iter_modules([str(Path(__file__).parent)]), key=lambda m: m.name):
        if not info.name.startswith("bench_") or (only and info.name not in only):
            continue
        started = time.perf_counter()
        try:
            module = importlib.import_module(f"bench.{info.name}")
            rows: list[BenchRow] = module.run()
        except Exception:
            failed = True
            sections.append(f"### {info.name}\n\nfailed:\n\n```\n{traceback.format_exc()}```")
            continue
        took = time.perf_counter() - started
        title = (module.__doc__ or info.name).strip().splitlines()[0]
        sections.append(f"### {title}\n\n{format_table(rows)}\n\n({took:.1f} s)")
        print(f"{info.name}: {len(rows)} rows in {took:.1f} s", flush=True)
    if CHAOS_REPORT.exists():
        # The chaos run takes minutes and has its own command; its last table is shown as it is.
        chaos = CHAOS_REPORT.read_text(encoding="utf-8").replace("# Chaos run", "### Chaos run", 1)
        sections.append(chaos.strip())
    header = (
        f"Last run: {time.strftime('%Y-%m-%d %H:%M')} on {platform.machine()}, "
        f"Python {platform.python_version()}, {platform.system()}."
    )
    results = f"{MARKER}\n{header}\n\n" + "\n\n".join(sections) + "\n"
    text = REPORT.read_text(encoding="utf-8") if REPORT.exists() else ""
    intro = text.split(MARKER)[0] if MARKER in text else "# Benchmarks\n\n`make bench` writes this file.\n\n"
    REPORT.write_text(intro + results, encoding="utf-8")
    print(results)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())

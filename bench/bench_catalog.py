"""Catalogue: import, scan lookup and name search at 100,000 articles, against same-run baselines.

A generated merchandise-system export (German headers and decimals, 100,000 articles, each with
an EAN) is imported into a fresh catalogue store. Baselines: reading the same file with the csv
module alone (import), a Python dict lookup (scan), a ``LIKE '%text%'`` scan over the article
names in the same SQLite file (search). The searches are what a cashier types, letter by letter.
"""

from __future__ import annotations

import csv
import random
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from bench.report import BenchRow
from pos_gui.services.catalog import CATALOG_FILE, Catalog

ARTICLES = 100_000
LOOKUPS = 5_000
WORDS = ["Müsli", "Käse", "Brot", "Apfel", "Saft", "Schoko", "Milch", "Tee", "Nudeln", "Öl", "Honig", "Quark",
         "Butter", "Sahne", "Joghurt", "Kaffee", "Reis", "Tomaten", "Gurken", "Essig", "Zucker", "Mehl"]  # fmt: skip
TYPED = ["m", "mu", "mus", "müsl", "müsli s", "k", "ka", "kae", "kaes", "kase", "to", "tom", "toma", "schoko",
         "schoko m", "apf", "apfel", "ol", "honig 12", "xy", "xyz", "quark sahne", "nudeln 4711"]  # fmt: skip


def _ean(number: int) -> str:
    digits = f"400{number:09d}"
    total = sum(int(digit) * (3 if position % 2 else 1) for position, digit in enumerate(digits))
    return digits + str((10 - total % 10) % 10)


def _write_csv(path: Path) -> None:
    rng = random.Random(14)
    lines = ["Artikelnummer;EAN;Bezeichnung;VK-Preis;MwSt %;Warengruppe;Einheit"]
    for number in range(ARTICLES):
        name = f"{rng.choice(WORDS)} {rng.choice(WORDS).lower()} {rng.randint(1, 999)} g"
        lines.append(
            f"{10_000 + number};{_ean(number)};{name};{rng.randint(0, 99)},{rng.randint(0, 99):02d};"
            f"{rng.choice(['7', '19'])};Lebensmittel;Stk"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _p99_ms(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=100)[98] * 1000


def _timed(action: object, *args: object) -> float:
    started = time.perf_counter()
    action(*args)  # type: ignore[operator]
    return time.perf_counter() - started


def run() -> list[BenchRow]:
    with tempfile.TemporaryDirectory() as scratch:
        source = Path(scratch) / "artikel.csv"
        _write_csv(source)

        def read_only() -> None:
            with source.open(encoding="utf-8", newline="") as file:
                for _row in csv.reader(file, delimiter=";"):
                    pass

        read_seconds = _timed(read_only)
        catalog = Catalog.open(Path(scratch) / CATALOG_FILE)
        started = time.perf_counter()
        result = catalog.import_csv(source)
        import_seconds = time.perf_counter() - started
        assert result.imported == ARTICLES, result.problems[:3]

        rng = random.Random(4711)
        codes = [_ean(rng.randrange(ARTICLES)) for _ in range(LOOKUPS)]
        as_dict = {_ean(number): number for number in range(ARTICLES)}
        dict_times = [_timed(as_dict.get, code) for code in codes]
        lookup_times = [_timed(catalog.lookup, code) for code in codes]

        like = sqlite3.connect(Path(scratch) / CATALOG_FILE)
        like_sql = "SELECT article_number, name, price FROM article WHERE name LIKE ? AND active = 1 LIMIT 12"
        search_times: list[float] = []
        like_times: list[float] = []
        for _round in range(20):
            for text in TYPED:
                search_times.append(_timed(catalog.search, text, 12))
                like_times.append(
                    _timed(lambda pattern: like.execute(like_sql, (pattern,)).fetchall(), f"%{text}%")
                )
        like.close()
        catalog.close()

        # The till builds its catalogue before the first paint; the store opens with the first scan.
        fresh_open = _timed(Catalog.open, Path(scratch) / CATALOG_FILE)
        reopened = Catalog.open(Path(scratch) / CATALOG_FILE)
        first_scan = _timed(reopened.lookup, codes[0])
        reopened.close()

    import_ms = import_seconds * 1000
    lookup_p99 = _p99_ms(lookup_times)
    search_p99 = _p99_ms(search_times)
    return [
        BenchRow(f"import {ARTICLES:,} articles (CSV → store, indexes, FTS5)", import_ms, "ms",
                 "reading the CSV alone (csv module)", read_seconds * 1000, "< 10 s", import_seconds < 10),
        BenchRow(f"EAN lookup at {ARTICLES:,} articles, p99", lookup_p99, "ms", "dict lookup, p99",
                 _p99_ms(dict_times), "< 1 ms", lookup_p99 < 1),
        BenchRow(f"name search as typed (limit 12) at {ARTICLES:,} articles, p99", search_p99, "ms",
                 "LIKE '%text%' scan, p99", _p99_ms(like_times), "< 16 ms", search_p99 < 16),
        BenchRow("name search as typed, median", statistics.median(search_times) * 1000, "ms",
                 "LIKE '%text%' scan, median", statistics.median(like_times) * 1000),
        BenchRow("building the catalogue at start (store not opened yet)", fresh_open * 1000, "ms",
                 "", None, "no work before the first paint", fresh_open < 0.001),
        BenchRow("first scan after start (opens the 100,000-article store)", first_scan * 1000, "ms",
                 "EAN lookup, p99", lookup_p99, "< 16 ms", first_scan < 0.016),
    ]  # fmt: skip

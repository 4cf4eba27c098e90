"""Importing a shop's article list: 100,000 rows with broken ones, column mapping, German
decimals, the till's own format, undo until the next sale, and ``pos-gui catalog``."""

from __future__ import annotations

import io
import random
import time
from pathlib import Path

import pytest

from pos_gui.services.catalog import CATALOG_FILE, Catalog
from pos_gui.services.catalog_command import catalog_command
from pos_gui.services.catalog_problems import CatalogError

ROWS = 100_000
WORDS = ["Müsli", "Käse", "Brot", "Apfel", "Saft", "Schoko", "Milch", "Tee", "Nudeln", "Öl", "Honig", "Quark"]


def ean_of(number: int) -> str:
    digits = f"400{number:09d}"
    total = sum(int(digit) * (3 if position % 2 else 1) for position, digit in enumerate(digits))
    return digits + str((10 - total % 10) % 10)


def write_big_csv(path: Path) -> dict[int, str]:
    """100,000 articles in a merchandise system's German export; some rows broken on purpose.
    Returns the broken rows' line numbers and the column at fault."""
    rng = random.Random(14)
    broken: dict[int, str] = {}
    lines = ["Artikelnummer;EAN;Bezeichnung;VK-Preis;MwSt %;Warengruppe;Einheit"]
    for number in range(ROWS):
        line_number = number + 2
        name = f"{rng.choice(WORDS)} {rng.choice(WORDS)} {number}"
        price = f"{rng.randint(0, 99)},{rng.randint(0, 99):02d}"
        row = [
            str(10_000 + number),
            ean_of(number),
            name,
            price,
            rng.choice(["7", "19"]),
            "Lebensmittel",
            "Stk",
        ]
        if number % 10_000 == 500:
            row[3], broken[line_number] = "zwei Euro", "VK-Preis"
        elif number % 10_000 == 700:
            row[4], broken[line_number] = "16", "MwSt %"
        elif number % 10_000 == 900:
            row[1], broken[line_number] = "4,00638E+12", "EAN"
        lines.append(";".join(row))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return broken


def test_a_100000_row_file_imports_with_its_broken_rows_listed_and_the_rest_found(tmp_path: Path) -> None:
    source = tmp_path / "artikel.csv"
    broken = write_big_csv(source)
    catalog = Catalog.open(tmp_path / CATALOG_FILE)
    seen_progress: list[tuple[int, int]] = []

    started = time.perf_counter()
    result = catalog.import_csv(source, progress=lambda line, lines: seen_progress.append((line, lines)))
    took = time.perf_counter() - started

    assert result.imported == ROWS - len(broken) == len(catalog)
    assert [(problem.line, problem.column) for problem in result.problems] == sorted(broken.items())
    assert str(result.problems[0]) == (
        "Zeile 502, Spalte VK-Preis: „zwei Euro“ ist kein Betrag in Euro (z. B. 3,49)."
    )
    assert (
        str(result.problems[1])
        == "Zeile 702, Spalte MwSt %: MwSt-Satz „16“ gibt es nicht (erlaubt: 0 %, 7 %, 19 %)."
    )
    assert len(seen_progress) > 10
    assert seen_progress[-1] == (ROWS + 1, ROWS + 1)
    assert took < 20, f"100,000 rows took {took:.1f} s"
    assert catalog.lookup(ean_of(4711)).article_number == "14711"  # type: ignore[union-attr]
    assert catalog.lookup("10500") is None  # its row was broken
    found = catalog.search("mues", limit=5)
    assert len(found) == 5
    assert all("Müsli" in article.name for article in found)


def test_column_mapping_german_decimals_and_cents_and_flags(tmp_path: Path) -> None:
    source = tmp_path / "export.csv"
    source.write_text(
        "Art.-Nr.,Bezeichnung,Preis,MwSt,EAN,Einheit,Offener Preis,Aktiv\n"
        '7,Dinkelbrötchen,"0,80",7 %,4006381333931,Stk,nein,ja\n'
        '8,Kuchen nach Wahl,"1.234,50 €",7,,Stk,ja,\n'
        "9,Altbestand,2.50,19,,,,0\n",
        encoding="cp1252",
    )
    catalog = Catalog.open(tmp_path / CATALOG_FILE)
    result = catalog.import_csv(source)
    assert result.problems == []
    brot = catalog.lookup("4006381333931")
    assert brot is not None
    assert (brot.name, brot.price, brot.vat_rate, brot.unit) == (
        "Dinkelbrötchen",
        80,
        7,
        "Stk",
    )
    kuchen = catalog.lookup("8")
    assert kuchen is not None
    assert kuchen.price == 123_450
    assert kuchen.open_price
    assert catalog.lookup("9") is None  # inactive
    assert catalog.store.record("9").price == 250  # type: ignore[union-attr]


def test_the_tills_own_export_reads_back_identically(tmp_path: Path) -> None:
    demo = Catalog.demo()
    exported = tmp_path / "export.csv"
    assert demo.export_csv(exported) == len(demo)
    again = Catalog.open(tmp_path / CATALOG_FILE)
    assert again.import_csv(exported).problems == []
    assert again.articles == demo.articles


def test_an_unknown_header_or_a_missing_file_imports_nothing(tmp_path: Path) -> None:
    source = tmp_path / "fremd.csv"
    source.write_text("foo;bar\n1;2\n", encoding="utf-8")
    catalog = Catalog.open(tmp_path / CATALOG_FILE)
    with pytest.raises(CatalogError) as unknown:
        catalog.import_csv(source)
    assert str(unknown.value) == (
        f"{source}, Zeile 1: Die Kopfzeile hat keine Spalte für Artikelnummer, Name, MwSt-Satz, Preis. "
        "Gefunden: „foo“, „bar“. Die bekannten Spaltennamen stehen in docs/catalog.md."
    )
    with pytest.raises(CatalogError) as missing:
        catalog.import_csv(tmp_path / "missing.csv")
    assert str(missing.value) == f"{tmp_path / 'missing.csv'}: Die Datei gibt es nicht."
    assert catalog.is_empty()


def test_undo_lasts_until_the_next_sale(tmp_path: Path) -> None:
    last_sale = ["sale-1"]
    catalog = Catalog.open(tmp_path / CATALOG_FILE, last_sale_id=lambda: last_sale[0])
    source = tmp_path / "a.csv"
    source.write_text("article_number;name;price_cents;vat_rate\n1;Brötchen;45;7\n", encoding="utf-8")
    catalog.import_csv(source)
    source.write_text(
        "article_number;name;price_cents;vat_rate\n1;Brötchen;50;7\n2;Brezel;85;7\n", encoding="utf-8"
    )
    catalog.import_csv(source)
    assert catalog.can_undo_import()
    assert catalog.undo_last_import() == 2
    assert catalog.lookup("1").price == 45  # type: ignore[union-attr]
    assert catalog.lookup("2") is None

    catalog.import_csv(source)
    last_sale[0] = "sale-2"  # a sale is paid: the new prices are on a receipt now
    assert not catalog.can_undo_import()
    assert catalog.undo_last_import() == 0
    assert catalog.lookup("1").price == 50  # type: ignore[union-attr]


def test_demo_store_is_filled_on_first_use_only(tmp_path: Path) -> None:
    path = tmp_path / "catalog-demo.sqlite3"
    catalog = Catalog.open_demo(path)
    assert not path.exists()  # building the till opens nothing
    assert catalog.lookup("30037").name == "Sandwich Romano"  # type: ignore[union-attr]
    catalog.store.set_meta("marker", "kept")
    catalog.close()
    again = Catalog.open_demo(path)
    assert len(again) == len(Catalog.demo())
    assert again.store.meta("marker") == "kept"


def test_live_catalogue_starts_empty(tmp_path: Path) -> None:
    catalog = Catalog.open(tmp_path / CATALOG_FILE)
    assert catalog.is_empty()
    assert catalog.lookup("30037") is None
    assert catalog.search("Brötchen") == []


def test_command_imports_lists_problems_exports_and_undoes(tmp_path: Path) -> None:
    source = tmp_path / "artikel.csv"
    source.write_text(
        "Artikelnummer;Bezeichnung;Preis;MwSt\n1;Brötchen;0,45;7\n2;Brezel;;7\n3;Kaffee;2,20;19\n",
        encoding="utf-8",
    )
    out, err = io.StringIO(), io.StringIO()
    assert catalog_command(["import", str(source), "--basedir", str(tmp_path)], out, err) == 0
    printed = out.getvalue()
    assert f"2 Artikel aus {source} importiert" in printed
    assert "1 Zeile ausgelassen:\n  Zeile 3, Spalte Preis: Der Preis fehlt.\n" in printed
    assert "100 %" in err.getvalue()

    exported = tmp_path / "export.csv"
    assert catalog_command(["export", str(exported), "--basedir", str(tmp_path)], out, err) == 0
    assert exported.read_text(encoding="utf-8").splitlines()[1:] == [
        "1;;Brötchen;45;7;;;0;1",
        "3;;Kaffee;220;19;;;0;1",
    ]
    assert catalog_command(["undo", "--basedir", str(tmp_path)], out, err) == 0
    assert "2 Artikel auf den Stand vor dem Import zurückgesetzt" in out.getvalue()
    assert catalog_command(["undo", "--basedir", str(tmp_path)], out, err) == 1
    assert "Nichts zurückzunehmen" in err.getvalue()

    missing = tmp_path / "missing.csv"
    assert catalog_command(["import", str(missing), "--basedir", str(tmp_path)], out, err) == 1
    assert f"Nichts importiert: {missing}: Die Datei gibt es nicht." in err.getvalue()

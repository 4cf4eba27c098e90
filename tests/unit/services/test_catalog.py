"""The catalogue: the demo file, lookups by scanned code, the name search and bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from pos_gui.core.basket import Article
from pos_gui.services.catalog import Catalog
from pos_gui.services.catalog_problems import CatalogError

HEADER = "article_number;ean;name;price_cents;vat_rate;group\n"
SEED_EAN = "4999012345678"  # the seed's water; its check digit is not valid, kept verbatim


def ean_check_digit(first_twelve: str) -> str:
    total = sum(int(digit) * (3 if index % 2 else 1) for index, digit in enumerate(first_twelve))
    return str((10 - total % 10) % 10)


def write_catalog(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "catalog.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def demo() -> Catalog:
    return Catalog.demo()


def test_demo_catalogue_has_the_seed_articles_exactly(demo: Catalog) -> None:
    assert demo.lookup("30037") == Article("30037", "", "Sandwich Romano", 349, 7, "Snacks")
    assert demo.lookup("30200") == Article("30200", "", "Fruit salad, small bowl", 249, 7, "Snacks")
    water = demo.lookup(SEED_EAN)
    assert water is not None
    assert (water.article_number, water.name, water.price, water.vat_rate) == (
        "51",
        "Water, mildly sprinkling, 0.25 ltr.",
        99,
        19,
    )
    assert demo.lookup("51") == water


def test_demo_catalogue_is_a_plausible_bakery(demo: Catalog) -> None:
    assert 45 <= len(demo) <= 70
    names = {article.name for article in demo.articles}
    assert {"Brötchen", "Laugenbrezel", "Käsekuchen, Stück", "Milchkaffee"} <= names
    coffee = demo.search("Kaffee", limit=1)[0]
    assert coffee.vat_rate == 19
    assert demo.search("Brötchen", limit=1)[0].vat_rate == 7


def test_every_demo_ean_except_the_seeds_has_a_valid_check_digit(demo: Catalog) -> None:
    eans = [article.ean for article in demo.articles if article.ean and article.ean != SEED_EAN]
    assert len(eans) >= 50
    for ean in eans:
        assert len(ean) == 13
        assert ean[-1] == ean_check_digit(ean[:12]), ean
        assert ean.startswith(("2", "40")), ean


def test_lookup_strips_scanner_whitespace_and_control_characters(demo: Catalog) -> None:
    brezel = demo.search("Laugenbrezel", limit=1)[0]
    assert demo.lookup(f"\x02{brezel.ean}\r\n") == brezel
    assert demo.lookup(f"  {brezel.article_number}\t") == brezel
    assert demo.lookup(brezel.ean[:-1]) is None
    assert demo.lookup("") is None


def test_search_ignores_case_and_umlaut_spelling_and_puts_prefix_matches_first(demo: Catalog) -> None:
    found = [article.name for article in demo.search("kase")]
    assert found[0] == "Käsekuchen, Stück"
    assert "Laugenstange mit Käse" in found
    assert [article.name for article in demo.search("KAESE")] == found
    prefix_first = [a.name for a in demo.search("brötchen")]
    assert prefix_first[0] == "Brötchen"
    assert prefix_first.index("Brötchen") < prefix_first.index("Kürbiskernbrötchen")


def test_search_respects_the_limit_and_finds_nothing_for_empty_text(demo: Catalog) -> None:
    assert len(demo.search("e", limit=5)) == 5
    assert demo.search("   ") == []
    assert demo.search("Schnitzel") == []


def test_load_csv_reads_a_shops_own_file(tmp_path: Path) -> None:
    path = write_catalog(tmp_path, "7;4006381333931;Bio-Dinkelbrötchen;80;7;Brot\n\n8;;Kakao;250;19;\n")
    catalog = Catalog.load_csv(path)
    assert catalog.articles == [
        Article("7", "4006381333931", "Bio-Dinkelbrötchen", 80, 7, "Brot"),
        Article("8", "", "Kakao", 250, 19, ""),
    ]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "1;;Brötchen;0,45;7;\n",
            "Zeile 2, Spalte price_cents: „0,45“ ist kein Preis in ganzen Cent (z. B. 349 für 3,49 €).",
        ),
        (
            "1;;Brötchen;45;7;\n2;;Brezel;85;16;\n",
            "Zeile 3, Spalte vat_rate: MwSt-Satz „16“ gibt es nicht (erlaubt: 0 %, 7 %, 19 %).",
        ),
        ("1;;Brötchen;45;;\n", "Zeile 2, Spalte vat_rate: Der MwSt-Satz fehlt (erlaubt: 0 %, 7 %, 19 %)."),
        ("1;;Brötchen;45;7\n", "Zeile 2: Die Zeile hat 5 Felder statt 6 (getrennt durch „;“)."),
        (
            "1;12AB;Brötchen;45;7;\n",
            "Zeile 2, Spalte ean: EAN „12AB“ enthält andere Zeichen als Ziffern (erlaubt: 8, 12, 13, 14 Ziffern).",
        ),
        (
            "1;400638;Brötchen;45;7;\n",
            "Zeile 2, Spalte ean: EAN „400638“ hat 6 Ziffern (erlaubt: 8, 12, 13, 14).",
        ),
        ("1;;;45;7;\n", "Zeile 2, Spalte name: Der Name fehlt."),
        ("1;;Brötchen;;7;\n", "Zeile 2, Spalte price_cents: Der Preis fehlt."),
        (" ;;Brötchen;45;7;\n", "Zeile 2, Spalte article_number: Die Artikelnummer fehlt."),
        ("1;;Brötchen;45;7;\n1;;Brezel;85;7;\n", "Zeile 3: Artikelnummer 1 steht schon in Zeile 2."),
        (
            "1;4006381333931;Brötchen;45;7;\n2;4006381333931;Brezel;85;7;\n",
            "Zeile 3, Spalte ean: EAN 4006381333931 steht schon in Zeile 2.",
        ),
    ],
)
def test_bad_rows_name_the_file_line_and_column_in_german(tmp_path: Path, body: str, message: str) -> None:
    path = write_catalog(tmp_path, body)
    with pytest.raises(CatalogError) as raised:
        Catalog.load_csv(path)
    assert str(raised.value) == f"{path}, {message}"


def test_wrong_header_and_missing_file_are_catalog_errors(tmp_path: Path) -> None:
    path = tmp_path / "catalog.csv"
    path.write_text("nr,name,price\n1,Brötchen,45\n", encoding="utf-8")
    with pytest.raises(CatalogError) as header:
        Catalog.load_csv(path)
    assert str(header.value) == (
        f"{path}, Zeile 1: Die Kopfzeile hat keine Spalte für Artikelnummer, MwSt-Satz. "
        "Gefunden: „nr“, „name“, „price“. Die bekannten Spaltennamen stehen in docs/catalog.md."
    )
    with pytest.raises(CatalogError) as missing:
        Catalog.load_csv(tmp_path / "missing.csv")
    assert str(missing.value) == f"{tmp_path / 'missing.csv'}: Die Datei gibt es nicht."
    path.write_text(" \n", encoding="utf-8")
    with pytest.raises(CatalogError) as empty:
        Catalog.load_csv(path)
    assert str(empty.value) == f"{path}: Die Datei ist leer (keine Kopfzeile)."


def test_an_unclosed_quote_is_a_catalog_error_naming_its_line(tmp_path: Path) -> None:
    # The open quote on line 3 makes the csv module read the rest of the file as one field,
    # until that field exceeds the module's size limit.
    following = "".join(f"{n};;Artikel {n};100;7;\n" for n in range(10, 10_000))
    path = write_catalog(tmp_path, '1;;Brötchen;45;7;\n2;;"Brezel;85;7;\n' + following)

    with pytest.raises(CatalogError) as raised:
        Catalog.load_csv(path)

    message = str(raised.value)
    assert message.startswith(f"{path}, Zeile 3: Die Zeile ist kein lesbares CSV (")
    assert message.endswith(
        'Ist ein Anführungszeichen (") geöffnet und nicht geschlossen? Der Rest der Datei wurde nicht gelesen.'
    )

"""The catalogue: the demo file, lookups by scanned code, the name search and bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from pos_gui.core.basket import Article
from pos_gui.services.catalog import Catalog, CatalogError

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
        ("1;;Brötchen;0,45;7;\n", "line 2: the price must be whole cents"),
        ("1;;Brötchen;45;7;\n2;;Brezel;85;16;\n", "line 3: the VAT rate must be one of 0, 7, 19"),
        ("1;;Brötchen;45;7\n", "line 2: expected 6 fields"),
        ("1;12AB;Brötchen;45;7;\n", "line 2: the EAN '12AB'"),
        ("1;;;45;7;\n", "line 2: the name is empty"),
        ("1;;Brötchen;45;7;\n1;;Brezel;85;7;\n", "line 3: article number 1 is already used on line 2"),
    ],
)
def test_bad_rows_name_the_line(tmp_path: Path, body: str, message: str) -> None:
    path = write_catalog(tmp_path, body)
    with pytest.raises(CatalogError) as raised:
        Catalog.load_csv(path)
    assert message in str(raised.value)
    assert str(path) in str(raised.value)


def test_wrong_header_and_missing_file_are_catalog_errors(tmp_path: Path) -> None:
    path = tmp_path / "catalog.csv"
    path.write_text("nr,name,price\n1,Brötchen,45\n", encoding="utf-8")
    with pytest.raises(CatalogError, match="line 1: the header must be"):
        Catalog.load_csv(path)
    with pytest.raises(CatalogError, match="cannot read"):
        Catalog.load_csv(tmp_path / "missing.csv")


def test_an_unclosed_quote_is_a_catalog_error_naming_its_line(tmp_path: Path) -> None:
    # The open quote on line 3 makes the csv module read the rest of the file as one field,
    # until that field exceeds the module's size limit.
    following = "".join(f"{n};;Artikel {n};100;7;\n" for n in range(10, 10_000))
    path = write_catalog(tmp_path, '1;;Brötchen;45;7;\n2;;"Brezel;85;7;\n' + following)

    with pytest.raises(CatalogError) as raised:
        Catalog.load_csv(path)

    message = str(raised.value)
    assert f"{path}, line 3: this line cannot be read as CSV" in message
    assert "quote" in message

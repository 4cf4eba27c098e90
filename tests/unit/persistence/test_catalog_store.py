"""The catalogue store: lookups by code, name search, upsert, undo, in-store price/weight codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from pos_gui.persistence.catalog_store import CatalogRecord, CatalogStore
from pos_gui.persistence.catalog_store_codes import decode_embedded, ean_check_digit


def with_check_digit(first_twelve: str) -> str:
    return first_twelve + ean_check_digit(first_twelve)


MUESLI = CatalogRecord("100", "Müsli Crunchy", 349, 7, ("4006381333931",), "Frühstück", "Stk")
KAESE = CatalogRecord("101", "Bergkäse am Stück", 1990, 7, (with_check_digit("250010100000"),), unit="kg")
SALAD = CatalogRecord("102", "Salat der Saison", 0, 7, (with_check_digit("210020200000"),))
SCHOKO = CatalogRecord("103", "Schokomüsli", 299, 7, ("4006381333948", "4006381333955"))
OLD = CatalogRecord("104", "Altes Brot", 100, 7, ("4006381333962",), active=False)


@pytest.fixture
def store(tmp_path: Path) -> CatalogStore:
    store = CatalogStore(tmp_path / "catalog.sqlite3")
    store.import_records([MUESLI, KAESE, SALAD, SCHOKO, OLD])
    return store


def names(articles: list) -> list[str]:  # type: ignore[type-arg]
    return [article.name for article in articles]


def test_opening_creates_nothing_until_first_use(tmp_path: Path) -> None:
    path = tmp_path / "catalog.sqlite3"
    store = CatalogStore(path)
    assert not path.exists()
    assert store.is_empty()
    assert path.exists()


def test_lookup_by_any_ean_or_article_number_and_never_an_inactive_article(store: CatalogStore) -> None:
    assert store.lookup("4006381333931") == MUESLI.article()
    assert store.lookup("100") == MUESLI.article()
    # The second EAN finds the article as its first one shows it (one basket line, not two).
    assert store.lookup("4006381333955") == store.lookup("4006381333948")
    assert store.lookup("4006381333955").ean == "4006381333948"  # type: ignore[union-attr]
    assert store.lookup("4006381333962") is None
    assert store.lookup("104") is None
    assert store.lookup("999") is None


@pytest.mark.parametrize("typed", ["mus", "Müs", "MUES", "muesli", "müsli"])
def test_search_finds_umlauts_typed_either_way_and_names_beginning_with_it_first(
    store: CatalogStore, typed: str
) -> None:
    assert names(store.search(typed)) == ["Müsli Crunchy", "Schokomüsli"]


def test_search_by_word_start_in_the_middle_and_substring(store: CatalogStore) -> None:
    assert names(store.search("kase")) == ["Bergkäse am Stück"]  # inside a word
    assert names(store.search("stuck berg")) == ["Bergkäse am Stück"]  # every word starts one
    assert names(store.search("saison")) == ["Salat der Saison"]
    assert store.search("brot") == []  # inactive
    assert store.search("") == []
    assert len(store.search("s", limit=2)) == 2


def test_upsert_by_article_number_changes_the_article_and_moves_an_ean(store: CatalogStore) -> None:
    cheaper = CatalogRecord("100", "Müsli Crunchy", 299, 7, ("4006381333931",))
    thief = CatalogRecord("200", "Haferflocken", 129, 7, ("4006381333948",))
    assert store.import_records([cheaper, thief]) == 2
    assert store.count() == 6
    assert store.lookup("4006381333931").price == 299  # type: ignore[union-attr]
    assert store.lookup("4006381333948").name == "Haferflocken"  # type: ignore[union-attr]
    assert store.record("103").eans == ("4006381333955",)  # type: ignore[union-attr]
    assert names(store.search("hafer")) == ["Haferflocken"]


def test_undo_puts_every_touched_article_back_and_is_gone_once_forgotten(store: CatalogStore) -> None:
    store.import_records(
        [
            CatalogRecord("100", "Müsli Neu", 399, 19, ("4006381333931",)),
            CatalogRecord("200", "Haferflocken", 129, 7, ("4006381333948",)),
        ]
    )
    assert store.can_undo()
    assert store.undo_last_import() == 3  # 100 changed, 200 new, 103 lost an EAN
    assert store.lookup("4006381333931") == MUESLI.article()
    assert store.lookup("200") is None
    assert store.lookup("4006381333948") == SCHOKO.article()
    assert store.record("103") == SCHOKO
    assert names(store.search("hafer")) == []
    assert not store.can_undo()

    store.import_records([CatalogRecord("300", "Dinkel", 100, 7)])
    store.forget_undo()
    assert not store.can_undo()
    assert store.undo_last_import() == 0
    assert store.lookup("300") is not None


def test_price_embedded_code_sells_the_article_at_the_printed_price(store: CatalogStore) -> None:
    code = with_check_digit("210020201234")  # article 00202, 12,34 €
    article = store.lookup(code)
    assert article is not None
    assert (article.article_number, article.name, article.price, article.ean) == (
        "102",
        "Salat der Saison",
        1234,
        code,
    )


def test_weight_embedded_code_prices_the_weight_at_the_price_per_kilogram(store: CatalogStore) -> None:
    code = with_check_digit("250010100512")  # article 00101, 512 g at 19,90 €/kg
    article = store.lookup(code)
    assert article is not None
    assert article.name == "Bergkäse am Stück 0,512 kg"
    assert article.price == 1019  # 10,1888 € rounded to the cent


def test_embedded_code_with_a_wrong_check_digit_or_unknown_article_sells_nothing(store: CatalogStore) -> None:
    good = with_check_digit("210020201234")
    wrong = good[:-1] + str((int(good[-1]) + 1) % 10)
    assert store.lookup(wrong) is None
    assert store.lookup(with_check_digit("219999901234")) is None
    assert decode_embedded("4006381333931") is None  # not an in-store prefix

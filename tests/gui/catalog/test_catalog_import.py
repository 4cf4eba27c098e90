"""Back office: importing the shop's article list (progress, the rows left out, undo) and
exporting it, as the shop owner sees it."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from pos_gui.app import Till
from pos_gui.services.catalog import Catalog
from pos_gui.ui.catalog.import_dialog import CatalogImportDialog, install_catalog_actions
from tests.helpers.qt import child, run_until_done

SHOP_FILE = """Artikelnummer;EAN;Bezeichnung;Preis;MwSt
7001;;Dinkelbrot;4,20;7
7002;;Roggenbrot;3,90;7
7003;;Apfelschorle;2,10;19
7004;;Kaputtes Brot;drei;7
"""


@pytest.fixture
def shop_file(tmp_path: Path) -> Path:
    path = tmp_path / "ARTIKEL.csv"
    path.write_text(SHOP_FILE, encoding="utf-8")
    return path


@pytest.fixture
def catalog(tmp_path: Path) -> Iterator[Catalog]:
    opened = Catalog.open(tmp_path / "catalog.sqlite3")
    yield opened
    opened.close()


def problem_rows(dialog: CatalogImportDialog) -> list[tuple[str, str, str]]:
    table = dialog.problems
    return [
        (table.item(row, 0).text(), table.item(row, 1).text(), table.item(row, 2).text())
        for row in range(table.rowCount())
    ]


def test_import_shows_the_count_the_rows_left_out_and_offers_undo(
    qtbot: QtBot, worker_threads: ThreadPoolExecutor, catalog: Catalog, shop_file: Path
) -> None:
    dialog = CatalogImportDialog(catalog)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.undo_button.isEnabled()
    run_until_done(qtbot, dialog.import_file(shop_file))
    assert dialog.status_label.text() == ("3 Artikel importiert. Ausgelassene Zeilen: 1 (unten, mit Grund).")
    assert dialog.progress.value() == dialog.progress.maximum()
    assert dialog.problems.isVisible()
    assert problem_rows(dialog) == [("5", "Preis", "„drei“ ist kein Betrag in Euro (z. B. 3,49).")]
    assert catalog.lookup("7001") is not None
    assert dialog.undo_button.isEnabled()

    dialog.undo_button.click()
    assert dialog.status_label.text() == "Import rückgängig gemacht: 3 Artikel wie vorher."
    assert catalog.lookup("7001") is None
    assert not dialog.undo_button.isEnabled()
    assert not dialog.problems.isVisible()


def test_an_ean_a_spreadsheet_wrote_as_a_number_is_listed_with_its_reason(
    qtbot: QtBot, worker_threads: ThreadPoolExecutor, catalog: Catalog, tmp_path: Path
) -> None:
    # Excel (German) saved the EAN column as numbers: "4,00638E+12", its comma quoted.
    source = tmp_path / "EXCEL.csv"
    source.write_text(
        "Artikelnummer;EAN;Bezeichnung;Preis;MwSt\n"
        "7101;4,00638E+12;Orangensaft;2,50;19\n"
        "7102;4006381333931,4006381333948;Apfelsaft;2,40;19\n"
        "7103;4.00638E+12;Traubensaft;2,60;19\n",
        encoding="utf-8",
    )
    dialog = CatalogImportDialog(catalog)
    qtbot.addWidget(dialog)
    dialog.show()
    run_until_done(qtbot, dialog.import_file(source))
    reason = "in wissenschaftlicher Schreibweise (Tabellenkalkulation): bitte die Spalte als Text speichern."
    assert problem_rows(dialog) == [
        ("2", "EAN", f"EAN „4,00638E+12“ {reason}"),
        ("4", "EAN", f"EAN „4.00638E+12“ {reason}"),
    ]
    # Not cut at the comma into an article with the EAN "4"; two plain EANs still are two.
    assert catalog.lookup("7101") is None
    assert catalog.lookup("4") is None
    apfelsaft = catalog.lookup("4006381333948")
    assert apfelsaft is not None
    assert apfelsaft.name == "Apfelsaft"


def test_a_file_that_cannot_be_read_imports_nothing_and_says_why(
    qtbot: QtBot, worker_threads: ThreadPoolExecutor, catalog: Catalog, tmp_path: Path
) -> None:
    dialog = CatalogImportDialog(catalog)
    qtbot.addWidget(dialog)
    dialog.show()
    run_until_done(qtbot, dialog.import_file(tmp_path / "fehlt.csv"))
    assert (
        dialog.status_label.text() == f"Nichts importiert: {tmp_path / 'fehlt.csv'}: Die Datei gibt es nicht."
    )
    assert dialog.choose_button.isEnabled()
    assert catalog.is_empty()


@pytest.mark.usefixtures("english")
def test_in_english_the_rows_left_out_and_an_unknown_header_are_explained_in_english(
    qtbot: QtBot, worker_threads: ThreadPoolExecutor, catalog: Catalog, tmp_path: Path
) -> None:
    source = tmp_path / "ITEMS.csv"
    source.write_text(
        "Artikelnummer;EAN;Bezeichnung;Preis;MwSt\n"
        "7001;;Dinkelbrot;12,5x;7\n"
        "7002;4,00638E+12;Orangensaft;2,50;19\n"
        "7003;;Apfelschorle;2,10;16\n"
        "7004;;Roggenbrot;3,90\n"
        "7005;;Brezel;0,85;7\n"
        "7005;;Brezel;0,90;7\n",
        encoding="utf-8",
    )
    dialog = CatalogImportDialog(catalog)
    qtbot.addWidget(dialog)
    dialog.show()
    run_until_done(qtbot, dialog.import_file(source))
    assert problem_rows(dialog) == [
        ("2", "Preis", "“12,5x” is not an amount in euros (e.g. 3,49 or 3.49)."),
        (
            "3",
            "EAN",
            "EAN “4,00638E+12” in scientific notation (spreadsheet): please save the column as text.",
        ),
        ("4", "MwSt", "There is no VAT rate “16” (allowed: 0 %, 7 %, 19 %)."),
        ("5", "", "The line has 4 fields instead of 5 (separated by “;”)."),
        ("7", "", "Article number 7005 is already on line 6."),
    ]

    source.write_text("Nr;Bezeichnung;Preis\n1;Brot;2,00\n", encoding="utf-8")
    run_until_done(qtbot, dialog.import_file(source))
    assert dialog.status_label.text() == (
        f"Nothing imported: {source}, line 1: The header line has no column for article number, VAT rate. "
        "Found: “Nr”, “Bezeichnung”, “Preis”. The known column names are listed in docs/catalog.md."
    )


def test_the_settings_menu_imports_and_the_empty_catalogue_hint_goes(
    qtbot: QtBot, till: Till, worker_threads: ThreadPoolExecutor, catalog: Catalog, shop_file: Path
) -> None:
    till.presenter.catalog = catalog
    actions = install_catalog_actions(till.window, catalog)
    assert actions is not None
    basket_view = till.window.basket_view
    basket_view.check_catalog()
    hint = child(till.window, QLabel, "emptyCatalogHint")
    assert hint.isVisible()
    entries = [action.text() for action in till.window.settings_menu.actions()]
    assert "Artikel importieren …" in entries
    assert "Artikel exportieren …" in entries
    import_action = next(
        a for a in till.window.settings_menu.actions() if a.text() == "Artikel importieren …"
    )
    import_action.trigger()
    dialog = actions.import_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    run_until_done(qtbot, dialog.import_file(shop_file))
    assert not hint.isVisible()
    dialog.close()


def test_export_writes_the_tills_format_and_says_how_many(
    qtbot: QtBot,
    till: Till,
    worker_threads: ThreadPoolExecutor,
    catalog: Catalog,
    shop_file: Path,
    tmp_path: Path,
) -> None:
    catalog.import_csv(shop_file)
    actions = install_catalog_actions(till.window, catalog)
    assert actions is not None
    file_dialog = actions.show_export()
    target = tmp_path / "export.csv"
    file_dialog.fileSelected.emit(str(target))
    file_dialog.close()
    assert (
        target.read_text(encoding="utf-8").splitlines()[0].startswith("article_number;ean;name;price_cents")
    )
    assert till.window.message_bar.text() == f"3 Artikel exportiert: {target}"

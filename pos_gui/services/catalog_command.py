"""``pos-gui catalog import FILE.csv``, ``pos-gui catalog export FILE.csv`` and ``pos-gui catalog
undo``: the shop's catalogue from the command line (shop IT, an installation script, a nightly job).

The import prints (German, for the shop's IT) its progress, how many articles it imported and
every row it left out (line, column, reason). Exit code 0 when the file could be read, even with rows left out (they are
listed; the rest is imported); 1 when nothing could be read (missing file, unknown header).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from pos_gui.config.paths import resolve_paths
from pos_gui.services.catalog import CATALOG_FILE, Catalog
from pos_gui.services.catalog_problems import CatalogError

# At most this many problems are printed one per line; the rest are counted.
PRINTED_PROBLEMS = 200


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pos-gui catalog", description="Artikelkatalog der Kasse")
    parser.add_argument(
        "action",
        choices=("import", "export", "undo"),
        help="CSV-Datei importieren, Katalog exportieren oder den letzten Import zurücknehmen (bis zum nächsten Verkauf)",
    )
    parser.add_argument("file", type=Path, nargs="?", help="die CSV-Datei (siehe docs/catalog.md)")
    parser.add_argument("--basedir", type=Path, help="der Ordner der Kasse (wie beim Start der Kasse)")
    return parser


def catalog_command(arguments: Sequence[str], out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run ``pos-gui catalog ...``; returns the exit code."""
    out = out or sys.stdout
    err = err or sys.stderr
    parser = _parser()
    args = parser.parse_args(list(arguments))
    if args.action != "undo" and args.file is None:
        parser.error(f"catalog {args.action}: bitte eine Datei angeben")
    paths = resolve_paths(args.basedir)
    catalog = Catalog.open(
        paths.data_dir / CATALOG_FILE, last_sale_id=lambda: _last_sale_id(paths.journal_file)
    )
    try:
        if args.action == "undo":
            if not catalog.can_undo_import():
                print("Nichts zurückzunehmen: seit dem letzten Verkauf wurde nichts importiert.", file=err)
                return 1
            print(
                f"{catalog.undo_last_import()} Artikel auf den Stand vor dem Import zurückgesetzt", file=out
            )
            return 0
        if args.action == "export":
            count = catalog.export_csv(args.file)
            print(f"{count} Artikel nach {args.file} geschrieben", file=out)
            return 0
        return _import(catalog, args.file, out, err)
    except CatalogError as error:
        print(f"Nichts importiert: {error}", file=err)
        return 1
    except OSError as error:
        print(f"{args.file} kann nicht geschrieben werden: {error}", file=err)
        return 1
    finally:
        catalog.close()


def _import(catalog: Catalog, path: Path, out: TextIO, err: TextIO) -> int:
    def progress(line: int, lines: int) -> None:
        print(
            f"\rZeile {_thousands(line)} von {_thousands(lines)} gelesen ({100 * line // max(lines, 1)} %)",
            end="",
            file=err,
            flush=True,
        )

    result = catalog.import_csv(path, progress=progress)
    print(file=err)
    print(f"{result.imported} Artikel aus {path} importiert (Katalog {catalog.store.path})", file=out)
    if result.problems:
        left_out = len(result.problems)
        print(f"{left_out} {'Zeile' if left_out == 1 else 'Zeilen'} ausgelassen:", file=out)
        for problem in result.problems[:PRINTED_PROBLEMS]:
            print(f"  {problem}", file=out)
        if len(result.problems) > PRINTED_PROBLEMS:
            print(f"  … und {len(result.problems) - PRINTED_PROBLEMS} weitere", file=out)
    print("Bis zum nächsten Verkauf nimmt `pos-gui catalog undo` diesen Import zurück.", file=out)
    return 0


def _thousands(number: int) -> str:
    """``12.345``: German digit grouping."""
    return f"{number:,}".replace(",", ".")


def _last_sale_id(journal: Path) -> str | None:
    """The sale paid last in the shop's journal (the undo of this import lasts until the next)."""
    if not journal.exists():
        return None
    from pos_gui.services.ledger import Ledger

    with Ledger(journal) as ledger:
        sale = ledger.last_completed()
    return None if sale is None else sale.sale_id

"""``pos-gui central ...``: store IT's commands for the chain's central database (``docs/chains.md``).

``pos-gui central init --dsn DSN [--save-password]``: create or migrate the central schema
(idempotent; run it after every update of the tills). ``--save-password`` asks for the database
password and keeps it in this till's key store, so that the DSN itself carries none.

``pos-gui central status --dsn DSN``: the schema version and, per till, how far the centre has it.

``pos-gui central publish-catalog --dsn DSN FILE.csv``: publish the shop's catalogue file as the
next version; every till pulls it and applies it between sales (``central_catalog``).

``pos-gui central export --dsn DSN --till TILL_ID|--store STORE_ID [--from DAY] [--to DAY] DIR``:
a till's DSFinV-K export from its central events, the same ZIP the till writes (without the TSE's
TAR, which only the till reaches); ``--store``: every till of the store, a folder each
(``central_export``). The master data (shop, address, tax number) come from ``--basedir``.

The password comes from the key store (:data:`CENTRAL_DB_PASSWORD`) unless the DSN has one;
connections to other hosts use TLS (:mod:`pos_gui.replication.central_connection`).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from pos_gui.replication.central_connection import (
    CENTRAL_DB_PASSWORD,
    InsecureCentralConnection,
    connector,
    without_password,
)

if TYPE_CHECKING:
    from pos_gui.config.secrets import SecretStore


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pos-gui central", description="The chain's central database.")
    parser.add_argument("--basedir", type=Path, help="the till's config and data folder (as for the till)")
    commands = parser.add_subparsers(dest="command", required=True)
    init = commands.add_parser("init", help="create or migrate the central schema")
    init.add_argument(
        "--dsn", required=True, help="libpq DSN without password, e.g. 'host=db dbname=pos user=it'"
    )
    init.add_argument(
        "--save-password", action="store_true", help="ask for the password and keep it in the key store"
    )
    status = commands.add_parser("status", help="schema version and each till's replication lag")
    status.add_argument("--dsn", required=True, help="libpq DSN without password")
    publish = commands.add_parser("publish-catalog", help="publish a catalogue file for every till")
    publish.add_argument("--dsn", required=True, help="libpq DSN without password")
    publish.add_argument("file", type=Path, help="the catalogue CSV (docs/catalog.md)")
    export = commands.add_parser(
        "export",
        help="DSFinV-K-Export einer Kasse aus der Zentrale (Stammdaten aus --basedir)",
    )
    export.add_argument("--dsn", required=True, help="libpq DSN without password")
    which = export.add_mutually_exclusive_group(required=True)
    which.add_argument("--till", help="die Kassen-ID in der Zentrale (central status listet sie)")
    which.add_argument("--store", help="jede Kasse dieser Filiale, ein Ordner je Kasse")
    export.add_argument("--from", dest="first", type=date.fromisoformat, help="YYYY-MM-DD (Geschäftstag)")
    export.add_argument("--to", dest="last", type=date.fromisoformat, help="YYYY-MM-DD (Geschäftstag)")
    export.add_argument("folder", type=Path, help="der Zielordner")
    return parser


class KeyStore:
    """The till's key store, opened only when a password is needed (keyring is slow to load)."""

    def __init__(self, basedir: Path | None) -> None:
        self._basedir = basedir

    def _store(self) -> SecretStore:
        from pos_gui.config.paths import resolve_paths
        from pos_gui.config.secrets import SecretStore
        from pos_gui.logging_setup import register_secret

        return SecretStore(resolve_paths(self._basedir), on_secret=register_secret)

    def password(self) -> str | None:
        return self._store().get(CENTRAL_DB_PASSWORD)

    def save_password(self, password: str) -> None:
        self._store().set(CENTRAL_DB_PASSWORD, password)


def run(
    arguments: Sequence[str],
    *,
    out: TextIO = sys.stdout,
    ask_password: Callable[[], str] = lambda: getpass.getpass("Passwort der Zentrale: "),
    check_catalog: Callable[[Path], tuple[str, int]] | None = None,
    export_ledger: Callable[[Sequence[str]], int] | None = None,
) -> int:
    """Run ``pos-gui central ...``; returns the exit code (0 ok, 1 failed, 2 usage).

    ``check_catalog(path)``: reads a catalogue file strictly and returns (its text, its number of
    articles), raising for a row that cannot be sold from; the root passes the
    catalogue service's reader (this package does not import the services).
    ``export_ledger(arguments)``: the till's ``pos-gui export`` command, which ``central export``
    runs on its copy of a till's ledger.
    """
    import psycopg

    from pos_gui.replication.central_schema import SCHEMA_VERSION, CentralSchemaError, migrate, schema_version

    args = build_parser().parse_args(list(arguments))
    keys = KeyStore(args.basedir)
    if getattr(args, "save_password", False):
        keys.save_password(ask_password())
    connect = connector(args.dsn, keys.password)
    shown = without_password(args.dsn)
    content, articles = "", 0
    if args.command == "publish-catalog":
        if check_catalog is None:
            print("pos-gui central publish-catalog: no catalogue reader", file=sys.stderr)
            return 2
        try:
            content, articles = check_catalog(args.file)
        except Exception as error:  # the reader's own error type lives in the services
            print(f"pos-gui central publish-catalog: {error}", file=sys.stderr)
            return 1
    if args.command == "export" and export_ledger is None:
        print("pos-gui central export: no export command", file=sys.stderr)
        return 2
    try:
        with connect() as connection:
            connection.autocommit = True
            if args.command == "init":
                applied = migrate(connection)
                done = f"migrated to version {applied[-1]}" if applied else "already up to date"
                print(f"central schema at {shown}: {done} (version {SCHEMA_VERSION})", file=out)
                return 0
            if args.command == "publish-catalog":
                from pos_gui.replication.central_catalog import publish_catalog
                from pos_gui.replication.central_schema import check_schema

                check_schema(connection)
                version = publish_catalog(connection, content, source=args.file.name, articles=articles)
                print(
                    f"catalogue {args.file.name} ({articles} articles) published as version {version}",
                    file=out,
                )
                return 0
            if args.command == "export":
                from pos_gui.replication.central_export import export_command
                from pos_gui.replication.central_schema import check_schema

                assert export_ledger is not None
                check_schema(connection)
                return export_command(
                    connection,
                    till_id=args.till,
                    store_id=args.store,
                    folder=args.folder,
                    first=args.first,
                    last=args.last,
                    master_data=args.basedir,
                    export=export_ledger,
                    out=out,
                )
            version = schema_version(connection)
            print(
                f"central schema at {shown}: version {version} (this till writes {SCHEMA_VERSION})", file=out
            )
            if version == 0:
                return 1
            rows = connection.execute(
                "SELECT till_id, store_id, received_seq, events_pending, last_contact_at "
                "FROM replication_lag ORDER BY store_id, till_id"
            ).fetchall()
            for till_id, store_id, received, pending, contact in rows:
                print(
                    f"  {store_id or '-'} / {till_id}: {received} events, {pending} pending, "
                    f"last contact {contact:%Y-%m-%d %H:%M:%S}",
                    file=out,
                )
            return 0
    except (psycopg.Error, InsecureCentralConnection, CentralSchemaError) as error:
        print(f"pos-gui central {args.command}: {error}", file=sys.stderr)
        return 1

"""The catalogue the other way: published at the centre, pulled by a till and applied between
sales only, each version once; a sold line keeps its price. Against the real PostgreSQL."""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest

from pos_gui.app.chain import check_catalog_file, start_chain
from pos_gui.config.settings import CentralSettings, Settings
from pos_gui.core.basket import BasketLine
from pos_gui.persistence.ledger import Ledger
from pos_gui.replication.central_command import run
from pos_gui.replication.central_schema import migrate
from pos_gui.services.catalog import Catalog

HEADER = "article_number;ean;name;price_cents;vat_rate;group\n"
BREAD = "1001;2001001001001;Brötchen;{price};7;Brot & Brötchen\n"
COFFEE = "3001;;Kaffee;280;19;Getränke\n"


@pytest.fixture
def central(central_dsn: str) -> str:
    with psycopg.connect(central_dsn, autocommit=True) as connection:
        migrate(connection)
    return central_dsn


def publish(dsn: str, file: Path, text: str) -> tuple[int, str]:
    file.write_text(text, encoding="utf-8")
    out = io.StringIO()
    code = run(["--basedir", str(file.parent), "publish-catalog", "--dsn", dsn, str(file)], out=out,
               check_catalog=check_catalog_file)  # fmt: skip
    return code, out.getvalue()


class TillThread:
    """The selling thread's queue: what the replicator hands over runs when the test says so."""

    def __init__(self) -> None:
        self.queued: list[Callable[[], object]] = []

    def __call__(self, work: Callable[[], object]) -> None:
        self.queued.append(work)

    def run_queued(self) -> None:
        queued, self.queued = self.queued, []
        for work in queued:
            work()


def test_a_published_catalogue_waits_for_the_open_sale_and_is_applied_once(
    central: str, tmp_path: Path
) -> None:
    code, said = publish(central, tmp_path / "artikel.csv", HEADER + BREAD.format(price=45))
    assert (code, said.strip()) == (0, "catalogue artikel.csv (1 articles) published as version 1")

    catalog = Catalog.open(tmp_path / "catalog.sqlite3")
    ledger_file = tmp_path / "journal.sqlite3"
    Ledger(ledger_file).close()
    sale_is_open = True
    till_thread = TillThread()
    settings = Settings(device_uuid="till-1", central=CentralSettings(central, "store-1"))
    chain = start_chain(settings, lambda: None, ledger_file, catalog=catalog, sale_open=lambda: sale_is_open,
                        run_on_till_thread=till_thread, poll_interval=0.05)  # fmt: skip
    assert chain is not None
    assert chain.download is not None
    try:
        _wait_for(lambda: till_thread.queued)
        till_thread.run_queued()
        # A sale is open: nothing changes under it.
        assert catalog.lookup("1001") is None
        assert catalog.central_version() == 0

        sale_is_open = False
        _wait_for(lambda: till_thread.queued)
        till_thread.run_queued()
        bread = catalog.lookup("1001")
        assert bread is not None
        assert bread.price == 45
        assert catalog.central_version() == 1
        assert chain.download.pending is None

        # The bread is sold at 45 ct; then the centre raises the price and adds coffee.
        with Ledger(ledger_file) as ledger:
            sold = ledger.open_sale(state="BASKET", basket=[BasketLine(1, bread, 2)])
        code, said = publish(central, tmp_path / "artikel.csv", HEADER + BREAD.format(price=55) + COFFEE)
        assert "version 2" in said
        deadline = time.monotonic() + 20
        while catalog.central_version() < 2:  # the till's event loop turning
            assert time.monotonic() < deadline, "version 2 never applied"
            till_thread.run_queued()
            time.sleep(0.02)
    finally:
        chain.stop()

    new_bread, coffee = catalog.lookup("1001"), catalog.lookup("3001")
    assert new_bread is not None
    assert new_bread.price == 55
    assert coffee is not None
    assert coffee.price == 280
    with Ledger(ledger_file) as ledger:
        assert [(line.article.price, line.quantity) for line in ledger.sale(sold.sale_id).basket] == [(45, 2)]
    # Applied once: offering version 2 again writes nothing.
    assert catalog.apply_published(2, HEADER + BREAD.format(price=99)) == 0
    assert catalog.lookup("1001").price == 55  # type: ignore[union-attr]


def test_a_catalogue_with_a_bad_row_is_not_published(central: str, tmp_path: Path) -> None:
    code, _said = publish(central, tmp_path / "kaputt.csv", HEADER + "1001;;Brötchen;abc;7;Brot\n")

    assert code == 1
    with psycopg.connect(central) as connection:
        row = connection.execute("SELECT count(*) FROM catalog_versions").fetchone()
    assert row == (0,)


def test_reset_setup_forgets_the_central_password(tmp_path: Path) -> None:
    from pos_gui.config.paths import resolve_paths
    from pos_gui.config.secrets import CENTRAL_DB_PASSWORD, SecretStore
    from pos_gui.config.settings import reset_setup
    from pos_gui.replication.central_connection import CENTRAL_DB_PASSWORD as USED_BY_THE_REPLICATOR
    from tests.helpers.keyrings import MemoryKeyring

    paths = resolve_paths(tmp_path)
    secrets = SecretStore(paths, backend=MemoryKeyring())
    secrets.set(USED_BY_THE_REPLICATOR, "geheim")

    reset_setup(paths, secrets)

    assert CENTRAL_DB_PASSWORD == USED_BY_THE_REPLICATOR
    assert secrets.get(CENTRAL_DB_PASSWORD) is None


def _wait_for(condition: Callable[[], object], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)

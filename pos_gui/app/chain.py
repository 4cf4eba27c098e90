"""The till's part in a chain: its replicator to the central database and the catalogue download.

Built by the root from the settings (``central.dsn``, ``central.store_id``; the till id is the
device id, the password comes from the key store) when they name a central database, and never
on the way to the first paint: this module's :func:`start_chain` imports psycopg, so the root
calls it off the event loop's thread. The replicator runs on its own thread; the root wakes it
after each paid sale and stops it at shutdown (:mod:`pos_gui.app.shutdown`).

A centrally published catalogue is applied on the selling thread (``run_on_till_thread``), and
only between sales: while a sale is open the offer is declined and comes again after the next
pass (the replicator is woken after each paid sale, and looks every 2 s anyway).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from asyncio import AbstractEventLoop

    from pos_gui.app.wiring import Till
    from pos_gui.config.paths import AppPaths
    from pos_gui.config.settings import Settings
    from pos_gui.replication.central_catalog import CatalogDownload, PublishedCatalog
    from pos_gui.replication.replicator import ReplicationState, Replicator
    from pos_gui.services.catalog import Catalog

log = logging.getLogger("pos_gui.app")


@dataclass
class ChainLink:
    """A running replicator and (with a catalogue) its catalogue download."""

    replicator: Replicator
    download: CatalogDownload | None = None

    def state(self) -> ReplicationState:
        return self.replicator.state

    def wake(self) -> None:
        """Send now: a sale was paid."""
        self.replicator.wake()

    def stop(self) -> None:
        """Stop the replicator's thread after its current batch; close its connections (blocking)."""
        self.replicator.stop()
        self.replicator.outbox.close()


def start_chain(
    settings: Settings,
    password: Callable[[], str | None],
    journal_path: Path,
    *,
    catalog: Catalog | None = None,
    sale_open: Callable[[], bool] = lambda: False,
    run_on_till_thread: Callable[[Callable[[], object]], object] = lambda work: work(),
    poll_interval: float | None = None,
    backoff_maximum: float | None = None,
) -> ChainLink | None:
    """Start replicating ``journal_path`` when the settings name a central database (else ``None``).

    Args:
        password: the central database's password from the key store (asked at each connect).
        catalog: the till's catalogue, kept at the centre's newest published version; ``None``:
            no download (the headless demo day sells from the demo list).
        sale_open: whether a sale is open now (asked on the selling thread).
        run_on_till_thread: runs a function on the selling thread (the event loop's
            ``call_soon_threadsafe``).
        poll_interval: seconds between passes while in sync; ``None``: the replicator's default.
        backoff_maximum: the longest wait after failures in a row; ``None``: the default (60 s).
    """
    if not settings.central.is_configured:
        return None
    from pos_gui.replication.central_catalog import CatalogDownload
    from pos_gui.replication.central_connection import connector
    from pos_gui.replication.outbox import LedgerOutbox
    from pos_gui.replication.replicator import Backoff, Replicator

    download: CatalogDownload | None = None
    if catalog is not None:
        till_catalog = catalog

        def offer(published: PublishedCatalog) -> None:
            run_on_till_thread(lambda: apply_between_sales(till_catalog, published, download, sale_open))

        download = CatalogDownload(till_catalog.central_version, offer)
    options: dict[str, Any] = {} if poll_interval is None else {"poll_interval": poll_interval}
    if backoff_maximum is not None:
        options["backoff"] = Backoff(min(1.0, backoff_maximum), backoff_maximum)
    replicator = Replicator(
        LedgerOutbox(journal_path),
        settings.device_uuid,
        connector(settings.central.dsn, password),
        store_id=settings.central.store_id,
        after_pass=download.pull if download is not None else None,
        **options,
    )
    replicator.start()
    log.info("replicating the ledger to the central database as till %s", settings.device_uuid)
    return ChainLink(replicator, download)


def start_till_chain(
    till: Till, settings: Settings, paths: AppPaths, loop: AbstractEventLoop
) -> ChainLink | None:
    """:func:`start_chain` for the till window: its ledger and catalogue, the key store's password,
    the catalogue applied on the event loop's thread while no sale is open. Blocking (imports
    psycopg, may ask the key store): the root runs it in an executor."""
    if not settings.central.is_configured:
        return None
    from pos_gui.app.wiring import secret_store
    from pos_gui.config.secrets import CENTRAL_DB_PASSWORD
    from pos_gui.services.checkout import CheckoutState

    secrets = secret_store(paths)
    checkout = till.checkout

    def sale_open() -> bool:
        # A paid sale on screen is finished: its lines hold their prices already.
        return checkout.state not in (CheckoutState.EMPTY, CheckoutState.PAID)

    return start_chain(
        settings,
        lambda: secrets.get(CENTRAL_DB_PASSWORD),
        till.journal.path,
        catalog=till.presenter.catalog,
        sale_open=sale_open,
        run_on_till_thread=loop.call_soon_threadsafe,
    )


def apply_between_sales(
    catalog: Catalog,
    published: PublishedCatalog,
    download: CatalogDownload | None,
    sale_open: Callable[[], bool],
) -> bool:
    """Apply ``published`` unless a sale is open (then it is offered again later); on the selling
    thread. Returns whether the catalogue is at that version now."""
    if sale_open():
        return False
    written = catalog.apply_published(published.version, published.content, source=published.source)
    if written:
        log.info("central catalogue version %d applied (%d articles)", published.version, written)
    if download is not None:
        download.applied(max(published.version, catalog.central_version()))
    return True


def check_catalog_file(path: Path) -> tuple[str, int]:
    """``pos-gui central publish-catalog``'s check: the file read strictly (any bad row raises
    ``CatalogError`` naming its line); returns its text and its number of articles."""
    from pos_gui.services.catalog import Catalog
    from pos_gui.services.catalog_import import read_text

    text = read_text(path)
    catalog = Catalog.from_text(text, source=str(path))
    return text, len(catalog)


def show_chain_status(till: Till, chain: ChainLink) -> None:
    """The status bar's "Zentrale: …" label and the back office's "Zentrale …" entry; the
    replicator woken after each paid sale (on the GUI thread)."""
    from pos_gui.ui.central_status import install_central_status

    install_central_status(till.window, chain.state, menu=getattr(till.window, "settings_menu", None))
    till.presenter.sale_paid.connect(lambda _sale_id: chain.wake())

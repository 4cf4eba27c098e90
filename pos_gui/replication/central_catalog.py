"""The catalogue the other way: published once at the centre, pulled by every till.

Store IT publishes a catalogue file (``pos-gui central publish-catalog --dsn ... FILE.csv``): it
becomes the next row of ``catalog_versions`` (numbered 1, 2, 3, ...; never changed afterwards).
Each till's replicator asks, after each pass, for a version above the one the till has applied;
the newest one is fetched and held as *pending*. Applying it is not done here: it must happen
between sales on the thread that sells (the root hands :meth:`CatalogDownload.offer` a function
that does it), so a pending catalogue is offered again after every pass until it is taken.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import psycopg

logger = logging.getLogger("pos_gui.replication")


@dataclass(frozen=True)
class PublishedCatalog:
    """One published catalogue: its version number, the file's name and its text."""

    version: int
    source: str
    content: str


def publish_catalog(connection: psycopg.Connection, content: str, *, source: str, articles: int) -> int:
    """Store ``content`` (checked already) as the next catalogue version; returns its number."""
    with connection.transaction():
        row = connection.execute(
            "INSERT INTO catalog_versions (source, articles, content) VALUES (%s, %s, %s) RETURNING version",
            (source, articles, content),
        ).fetchone()
    assert row is not None
    return int(row[0])


def newest_catalog(connection: psycopg.Connection, *, after_version: int) -> PublishedCatalog | None:
    """The newest published catalogue if its version is above ``after_version``, else ``None``."""
    row = connection.execute(
        "SELECT version, source, content FROM catalog_versions WHERE version > %s "
        "ORDER BY version DESC LIMIT 1",
        (after_version,),
    ).fetchone()
    if row is None:
        return None
    return PublishedCatalog(int(row[0]), str(row[1]), str(row[2]))


class CatalogDownload:
    """Keeps a till's catalogue at the centre's newest version.

    Args:
        applied_version: the version the till has applied (0: none); read on the replicator's thread.
        offer: called on the replicator's thread with the pending catalogue after each pass; it
            hands the catalogue to the selling thread, which applies it when no sale is open and
            then calls :meth:`applied`.
    """

    def __init__(self, applied_version: Callable[[], int], offer: Callable[[PublishedCatalog], None]) -> None:
        self._applied_version = applied_version
        self._offer = offer
        self._lock = threading.Lock()
        self._pending: PublishedCatalog | None = None
        self._applied: int | None = None

    @property
    def pending(self) -> PublishedCatalog | None:
        with self._lock:
            return self._pending

    def applied_version(self) -> int:
        with self._lock:
            if self._applied is not None:
                return self._applied
        version = self._applied_version()
        with self._lock:
            self._applied = version
        return version

    def pull(self, connection: psycopg.Connection) -> None:
        """Fetch a newer catalogue than applied or pending (the replicator calls it after a pass),
        then offer what is pending."""
        known = self.applied_version()
        pending = self.pending
        if pending is not None:
            known = max(known, pending.version)
        newer = newest_catalog(connection, after_version=known)
        if newer is not None:
            logger.info(
                "Catalogue version %d (%s) published centrally; applied between sales",
                newer.version,
                newer.source,
            )
            with self._lock:
                self._pending = newer
            pending = newer
        if pending is not None:
            self._offer(pending)

    def applied(self, version: int) -> None:
        """The selling thread applied ``version``: it is no longer pending."""
        with self._lock:
            self._applied = max(self._applied or 0, version)
            if self._pending is not None and self._pending.version <= version:
                self._pending = None

"""`Store`: the one object the rest of SMMDesk uses to read and write local data.

It is assembled from small repositories (one per kind of data) that share a `Database`.
Thread-safe in the sense SQLite allows: every thread gets its own connection, WAL lets
readers run beside the single writer, and each write is its own short transaction.
"""

from __future__ import annotations

import logging
from pathlib import Path

from .catalogue import CatalogueRepository
from .db import Database
from .migrations import MIGRATIONS
from .order_status import OrderStatusRepository
from .orders import OrdersRepository
from .panels import PanelsRepository
from .refills import RefillsRepository

log = logging.getLogger("smmdesk.store")


class Store(
    PanelsRepository,
    CatalogueRepository,
    OrdersRepository,
    OrderStatusRepository,
    RefillsRepository,
):
    """Panels, services cache and price history, the orders journal, refills, cancels."""

    def __init__(self, db: Database) -> None:
        self._db = db

    @classmethod
    def open(cls, path: Path) -> Store:
        """Open (creating or migrating) the database at `path`.

        A database from an older SMMDesk is backed up to `<db>.v<N>.bak` first.
        """
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        db = Database(path)
        try:
            db.migrate(MIGRATIONS)
        except BaseException:
            db.close()
            raise
        log.info("opened %s", path)
        return cls(db)

    @property
    def path(self) -> Path:
        return self._db.path

    def close(self) -> None:
        """Close every thread's connection; the store cannot be used afterwards."""
        try:
            self._db.connection.execute("PRAGMA optimize")
        except Exception as error:  # closing must not fail because the optimiser did
            log.debug("PRAGMA optimize skipped: %s", error)
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

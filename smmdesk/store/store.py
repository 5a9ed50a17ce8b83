"""`Store`: the one object the rest of SMMDesk uses to read and write local data.

It is assembled from small repositories (one per kind of data) that share a `Database`.
Thread-safe in the sense SQLite allows: every thread gets its own connection, WAL lets
readers run beside the single writer, and each write is its own short transaction.
"""

from __future__ import annotations

import logging
from pathlib import Path

from . import derived, failures
from .backups import backups
from .batches import BatchesRepository
from .catalogue import CatalogueRepository
from .db import Database
from .favourites import FavouritesRepository
from .history import HistoryRepository
from .migrations import MIGRATIONS
from .order_status import OrderStatusRepository
from .orders import OrdersRepository
from .overview import OverviewRepository
from .panels import PanelsRepository
from .refills import RefillsRepository
from .scores import ScoresRepository

log = logging.getLogger("smmdesk.store")


class Store(
    PanelsRepository,
    CatalogueRepository,
    OrdersRepository,
    OrderStatusRepository,
    RefillsRepository,
    BatchesRepository,
    HistoryRepository,
    OverviewRepository,
    ScoresRepository,
    FavouritesRepository,
):
    """Panels, services cache and price history, the orders journal, refills, cancels,
    mass-order batches, favourite services."""

    def __init__(self, db: Database) -> None:
        self._db = db

    @classmethod
    def open(cls, path: Path, *, read_only: bool = False) -> Store:
        """Open (creating or migrating) the database at `path`.

        A database from an older SMMDesk is backed up to `<db>.v<N>.bak` first.
        `read_only` opens an existing database for browsing only: the way to show the
        history when its folder cannot be written. A full disk, a read-only folder, a
        damaged or locked file raise a `StorageProblem` that says what to do.
        """
        path = Path(path)
        if not read_only:
            _make_folder(path)
        _refuse_emptied(path)
        return cls.on(Database(path, read_only=read_only))

    @classmethod
    def on(cls, db: Database) -> Store:
        """The store over `db`, migrated (or, read-only, checked); `db` is closed if not."""
        try:
            db.migrate(MIGRATIONS)
            if not db.read_only:
                _localise_days(db)
        except BaseException:
            db.close()
            raise
        log.info("opened %s%s", db.path, " read-only" if db.read_only else "")
        return cls(db)

    @property
    def read_only(self) -> bool:
        return self._db.read_only

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


def _localise_days(db: Database) -> None:
    """Opened in another time zone than the orders' days were worked out in (travel, a
    changed setting), the days are worked out again (a read-only history keeps them)."""
    if derived.days_are_local(db.connection):
        return
    with db.transaction() as conn:
        moved = derived.relocalise_days(conn)
    log.info("another time zone: %d orders moved to another local day", moved)


def _make_folder(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise failures.from_os(error, path) from error


def _refuse_emptied(path: Path) -> None:
    """An empty file where backups show a history was: damaged, not a first launch
    (SQLite would quietly start an empty history over it)."""
    try:
        emptied = path.is_file() and path.stat().st_size == 0
    except OSError as error:
        raise failures.from_os(error, path) from error
    if emptied and backups(path):
        raise failures.corrupt(path, "the file is empty")

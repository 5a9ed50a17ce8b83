"""The SQLite file: one connection per thread, WAL, and migrations on open.

Worker threads read and write the store while the GUI thread reads it, so each thread
gets its own `sqlite3.Connection` (a connection must not be shared across threads) and
WAL lets readers proceed while one writer commits. Transactions are explicit
(`BEGIN IMMEDIATE`) so a writer takes the write lock up front instead of failing half way.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from .records import StoreError

log = logging.getLogger("smmdesk.store")

BUSY_TIMEOUT_MS = 10_000

Migration = Callable[[sqlite3.Connection], None]


class Database:
    """A database file shared by threads; `close()` closes every thread's connection."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._lock = threading.Lock()
        self._connections: list[sqlite3.Connection] = []
        self._closed = False

    @property
    def connection(self) -> sqlite3.Connection:
        """This thread's connection, opened on first use."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            self._local.conn = conn
        return conn

    def _connect(self) -> sqlite3.Connection:
        with self._lock:
            if self._closed:
                raise StoreError("The local database is closed.")
            # check_same_thread=False only so that close() may close it from another
            # thread; in use, each connection stays with the thread that opened it.
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self._connections.append(conn)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        # FULL: a journal row committed before an `add` must survive a power cut too.
        conn.execute("PRAGMA synchronous = FULL")
        return conn

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction: committed on success, rolled back on any exception."""
        conn = self.connection
        if conn.in_transaction:
            yield conn
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.rollback()
            raise
        conn.commit()

    def query(self, sql: str, params: Sequence[object] = ()) -> list[sqlite3.Row]:
        return self.connection.execute(sql, params).fetchall()

    def query_one(self, sql: str, params: Sequence[object] = ()) -> sqlite3.Row | None:
        row: sqlite3.Row | None = self.connection.execute(sql, params).fetchone()
        return row

    def close(self) -> None:
        with self._lock:
            self._closed = True
            connections, self._connections = self._connections, []
        for conn in connections:
            try:
                conn.close()
            except sqlite3.Error as error:
                log.warning("closing a connection failed: %s", error)

    # -- migrations -------------------------------------------------------------------------

    def migrate(self, migrations: Sequence[Migration]) -> None:
        """Bring the schema to `len(migrations)`; migration i takes version i to i + 1.

        An existing database is copied to `<db>.v<N>.bak` first, so a failed or buggy
        migration never costs the user their order history.
        """
        conn = self.connection
        conn.execute("PRAGMA journal_mode = WAL")
        latest = len(migrations)
        version = self._user_version()
        if version > latest:
            raise StoreError(
                f"This database was written by a newer SMMDesk (schema {version}); "
                "please update the application."
            )
        if version == latest:
            return
        if version == 0 and self._has_tables():
            raise StoreError(f"{self.path} is not an SMMDesk database.")
        if version > 0:
            self.backup(self.path.with_name(f"{self.path.name}.v{version}.bak"))
        with self.transaction():
            version = self._user_version()  # another process may have migrated meanwhile
            for target in range(version + 1, latest + 1):
                log.info("migrating %s to schema %d", self.path.name, target)
                migrations[target - 1](conn)
                conn.execute(f"PRAGMA user_version = {target}")

    def backup(self, target: Path) -> None:
        """A consistent copy through SQLite's backup API (safe while WAL holds changes)."""
        log.info("backing up %s to %s", self.path.name, target.name)
        dest = sqlite3.connect(target)
        try:
            self.connection.backup(dest)
        finally:
            dest.close()

    def _user_version(self) -> int:
        row = self.connection.execute("PRAGMA user_version").fetchone()
        return int(row[0])

    def _has_tables(self) -> bool:
        row = self.connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return int(row[0]) > 0

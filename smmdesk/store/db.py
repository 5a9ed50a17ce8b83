"""The SQLite file: one connection per thread, WAL, and migrations on open.

Worker threads read and write the store while the GUI thread reads it, so each thread
gets its own `sqlite3.Connection` (a connection must not be shared across threads) and
WAL lets readers proceed while one writer commits. Transactions are explicit
(`BEGIN IMMEDIATE`) so a writer takes the write lock up front instead of failing half way.

Every statement runs through `GuardedConnection`/`GuardedCursor`, the one place where a
full disk, a read-only folder, a damaged file or another program's lock turns into a
typed `StorageProblem` with words for the user (`failures.py`), wherever in the store the
statement was issued: at open, in a migration, in a transaction or in a read.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn, Self

from . import failures
from .backups import backup_path
from .records import StoreError

log = logging.getLogger("smmdesk.store")

BUSY_TIMEOUT_MS = 10_000
# At start-up the GUI waits for the open: another program's lock is reported after this
# long instead of freezing the window for the full BUSY_TIMEOUT_MS.
OPEN_BUSY_TIMEOUT_MS = 2_000

Migration = Callable[[sqlite3.Connection], None]


def _reraise(conn: sqlite3.Connection, error: sqlite3.Error) -> NoReturn:
    """Raise the storage problem behind `error`, or `error` itself when it is a bug."""
    assert isinstance(conn, GuardedConnection)
    problem = failures.from_sqlite(error, conn.store_path, is_read_only=conn.store_read_only)
    if problem is None:
        raise error
    log.warning("%s: %s", conn.store_path, error)
    raise problem from error


class GuardedCursor(sqlite3.Cursor):
    """A cursor whose statements and fetches raise `StorageProblem` for storage failures
    (a damaged page may only be met while fetching)."""

    def execute(self, sql: str, parameters: Any = (), /) -> Self:
        try:
            return super().execute(sql, parameters)
        except sqlite3.Error as error:
            _reraise(self.connection, error)

    def executemany(self, sql: str, seq_of_parameters: Any, /) -> Self:
        try:
            return super().executemany(sql, seq_of_parameters)
        except sqlite3.Error as error:
            _reraise(self.connection, error)

    def fetchone(self) -> Any:
        try:
            return super().fetchone()
        except sqlite3.Error as error:
            _reraise(self.connection, error)

    def fetchmany(self, size: int | None = 1) -> list[Any]:
        try:
            return super().fetchmany(size)
        except sqlite3.Error as error:
            _reraise(self.connection, error)

    def fetchall(self) -> list[Any]:
        try:
            return super().fetchall()
        except sqlite3.Error as error:
            _reraise(self.connection, error)

    def __next__(self) -> Any:
        try:
            return super().__next__()
        except sqlite3.Error as error:
            _reraise(self.connection, error)


class GuardedConnection(sqlite3.Connection):
    """A connection that knows its file, so that its failures can name it."""

    store_path: Path
    store_read_only: bool

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        return self.cursor(GuardedCursor).execute(sql, parameters)

    def executemany(self, sql: str, parameters: Any, /) -> sqlite3.Cursor:
        return self.cursor(GuardedCursor).executemany(sql, parameters)

    def commit(self) -> None:
        try:
            super().commit()
        except sqlite3.Error as error:
            _reraise(self, error)

    def rollback(self) -> None:
        try:
            super().rollback()
        except sqlite3.Error as error:
            _reraise(self, error)


class Database:
    """A database file shared by threads; `close()` closes every thread's connection.

    `read_only` opens the file with SQLite's `mode=ro`: the history can still be browsed
    when its folder cannot be written, and any write fails with `ReadOnlyStorage`.
    """

    busy_timeout_ms = BUSY_TIMEOUT_MS
    open_busy_timeout_ms = OPEN_BUSY_TIMEOUT_MS

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
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
            conn = self._open_connection()
            self._connections.append(conn)
        self._configure(conn)
        return conn

    def _target(self) -> tuple[str | Path, bool]:
        """What `sqlite3.connect` opens, and whether it is a URI."""
        if self.read_only:
            return f"{self.path.absolute().as_uri()}?mode=ro", True
        return self.path, False

    def _open_connection(self) -> GuardedConnection:
        target, is_uri = self._target()
        try:
            # check_same_thread=False only so that close() may close it from another
            # thread; in use, each connection stays with the thread that opened it.
            conn = sqlite3.connect(
                target,
                uri=is_uri,
                isolation_level=None,
                check_same_thread=False,
                factory=GuardedConnection,
            )
        except sqlite3.Error as error:
            failures.raise_for(error, self.path, is_read_only=self.read_only)
        conn.store_path, conn.store_read_only = self.path, self.read_only
        return conn

    def _configure(self, conn: sqlite3.Connection) -> None:
        """Per-connection settings (a subclass may add its own, as the tests do)."""
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {self.busy_timeout_ms}")
        conn.execute("PRAGMA foreign_keys = ON")
        # FULL: a journal row committed before an `add` must survive a power cut too.
        conn.execute("PRAGMA synchronous = FULL")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction: committed on success, rolled back on any exception
        (a failed commit too: a full disk may leave the transaction open)."""
        conn = self.connection
        if conn.in_transaction:
            yield conn
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            conn.commit()
        except BaseException:
            self._roll_back(conn)
            raise

    @contextmanager
    def read_snapshot(self) -> Iterator[sqlite3.Connection]:
        """Reads that must see one state of the file: in WAL each statement outside a
        transaction may see a newer one than the statement before it."""
        conn = self.connection
        if conn.in_transaction:
            yield conn
            return
        conn.execute("BEGIN")
        try:
            yield conn
        finally:
            self._roll_back(conn)

    def _roll_back(self, conn: sqlite3.Connection) -> None:
        if not conn.in_transaction:
            return
        try:
            conn.rollback()
        except StoreError as error:  # the error being raised matters more
            log.warning("rolling back failed: %s", error)

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
        migration never costs the user their order history. Opened for writing, the
        write lock is tried even when there is nothing to migrate: a read-only file or
        another program's lock shows now, at start-up, not at the user's first order.
        A read-only database is only checked.
        """
        conn = self.connection
        conn.execute(
            f"PRAGMA busy_timeout = {min(self.busy_timeout_ms, self.open_busy_timeout_ms)}"
        )
        try:
            self._migrate(conn, migrations)
        finally:
            conn.execute(f"PRAGMA busy_timeout = {self.busy_timeout_ms}")

    def _migrate(self, conn: sqlite3.Connection, migrations: Sequence[Migration]) -> None:
        latest = len(migrations)
        version = self._user_version()
        if version > latest:
            raise StoreError(
                f"{self.path} was written by a newer SMMDesk (schema {version}); "
                "please update the application."
            )
        if self.read_only:
            self._check_readable(version, latest)
            return
        conn.execute("PRAGMA journal_mode = WAL")
        if version == latest:
            self._try_write_lock(conn, version)
            return
        if version == 0 and self._has_tables():
            raise StoreError(f"{self.path} is not an SMMDesk database.")
        if version > 0:
            self.backup(backup_path(self.path, version))
        with self.transaction():
            version = self._user_version()  # another process may have migrated meanwhile
            for target in range(version + 1, latest + 1):
                log.info("migrating %s to schema %d", self.path.name, target)
                migrations[target - 1](conn)
                conn.execute(f"PRAGMA user_version = {target}")

    def _check_readable(self, version: int, latest: int) -> None:
        """Read-only, the schema cannot be brought up to date: it must already be."""
        if version < latest:
            raise StoreError(
                f"{self.path} is from an older SMMDesk and must be upgraded before this "
                "version can show it, which needs a folder SMMDesk can write to."
            )
        self._has_tables()  # reads the schema: a damaged one shows now

    def _try_write_lock(self, conn: sqlite3.Connection, version: int) -> None:
        """Take the write lock and rewrite a header field, then roll back: nothing changes."""
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute(f"PRAGMA user_version = {version}")
        finally:
            self._roll_back(conn)

    def backup(self, target: Path) -> None:
        """A consistent copy through SQLite's backup API (safe while WAL holds changes).

        Written beside the target and renamed when complete, so a full disk never leaves
        a half-written backup that could later be offered for a restore.
        """
        log.info("backing up %s to %s", self.path.name, target.name)
        partial = target.with_name(f"{target.name}.partial")
        try:
            dest = sqlite3.connect(partial)
            try:
                self.connection.backup(dest)
            finally:
                dest.close()
            os.replace(partial, target)
        except sqlite3.Error as error:
            partial.unlink(missing_ok=True)
            failures.raise_for(error, self.path)
        except OSError as error:
            partial.unlink(missing_ok=True)
            raise failures.from_os(error, self.path) from error

    def _user_version(self) -> int:
        row = self.connection.execute("PRAGMA user_version").fetchone()
        return int(row[0])

    def _has_tables(self) -> bool:
        row = self.connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return int(row[0]) > 0

"""Broken disks for real, in ways that work when the tests run as root (where `chmod`
stops nobody): SQLite itself reports the full disk, the read-only handle, the damaged file
and the other program's lock; nothing is mocked above it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from smmdesk.store import Database

RANDOM_HEADER = bytes(range(7, 107))  # no SQLite header starts like this


class PageCapped(Database):
    """A disk with room for `pages` database pages: past them SQLite answers SQLITE_FULL
    (`PRAGMA max_page_count`, set on every thread's connection)."""

    def __init__(self, path: Path, pages: int) -> None:
        super().__init__(path)
        self.pages = pages

    def _configure(self, conn: sqlite3.Connection) -> None:
        super()._configure(conn)
        conn.execute(f"PRAGMA max_page_count = {self.pages}")


class ReadOnlyHandle(Database):
    """Opened for writing, but the system hands SQLite a read-only file: what a read-only
    folder or medium gives a user who is not root."""

    def _target(self) -> tuple[str | Path, bool]:
        return f"{self.path.absolute().as_uri()}?mode=ro", True


class Impatient(Database):
    """Waits 50 ms for a lock instead of seconds, so a locked database fails quickly."""

    busy_timeout_ms = 50
    open_busy_timeout_ms = 50


def page_count(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("PRAGMA page_count").fetchone()[0])
    finally:
        conn.close()


def overwrite_header(path: Path) -> None:
    with path.open("r+b") as file:
        file.write(RANDOM_HEADER)


def truncate_to_half(path: Path) -> None:
    with path.open("r+b") as file:
        file.truncate(path.stat().st_size // 2)


@contextmanager
def locked_by_another_program(path: Path) -> Iterator[None]:
    """A second connection holds the write lock (`BEGIN EXCLUSIVE`), as a database browser
    or a sync tool might."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        conn.rollback()
        conn.close()

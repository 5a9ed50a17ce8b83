"""What a broken disk or file looks like to the user: SQLite and OS errors in words.

SQLite reports a full disk, a read-only folder, a damaged file or another program's lock
as `sqlite3.OperationalError`/`DatabaseError` with a result code; the OS does the same for
folders with an `errno`. Both become a typed `StorageProblem` whose message names the
folder or file and says what to do. Errors that mean a bug in SMMDesk (a constraint, a
bad statement) are left alone, so they still read as bugs.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path
from typing import NoReturn

from .records import (
    CannotOpen,
    DatabaseCorrupt,
    DatabaseLocked,
    DiskFailure,
    DiskFull,
    ReadOnlyStorage,
    StorageProblem,
)

# Primary SQLite result codes (an extended code keeps them in its low byte).
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY = 3, 5, 6, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN = 10, 11, 13, 14
SQLITE_NOTADB = 26

OTHER_FOLDER = "or start SMMDesk with --data-dir pointing to another folder"


def disk_full(path: Path) -> DiskFull:
    return DiskFull(
        f"The disk that holds SMMDesk's data folder ({path.parent}) is full, so nothing "
        f"more could be saved. Free some space on that disk and try again, {OTHER_FOLDER} "
        "on another disk.",
        path,
    )


def read_only(path: Path) -> ReadOnlyStorage:
    return ReadOnlyStorage(
        f"SMMDesk cannot write to its data folder {path.parent} (it is read-only, or you "
        "lack permission), so nothing was saved. Make the folder writable, "
        f"{OTHER_FOLDER} that you can write to.",
        path,
    )


def opened_read_only(path: Path) -> ReadOnlyStorage:
    return ReadOnlyStorage(
        "The history is open read-only, so this was not saved. Restart SMMDesk once its "
        f"data folder {path.parent} can be written again, {OTHER_FOLDER}.",
        path,
    )


def corrupt(path: Path, detail: str) -> DatabaseCorrupt:
    return DatabaseCorrupt(
        f"SMMDesk's database {path} is damaged ({detail}). Restore the automatic backup "
        f"if there is one, {OTHER_FOLDER}. SMMDesk never deletes the damaged file.",
        path,
    )


def locked(path: Path) -> DatabaseLocked:
    return DatabaseLocked(
        f"SMMDesk's database {path} is locked by another program (a database browser, a "
        "backup or sync tool?). Close that program and try again.",
        path,
    )


def cannot_open(path: Path, detail: str) -> CannotOpen:
    return CannotOpen(
        f"SMMDesk cannot open its database {path} ({detail}). Check that the folder "
        f"{path.parent} exists and that you may write to it, {OTHER_FOLDER}.",
        path,
    )


def disk_failure(path: Path, detail: str) -> DiskFailure:
    return DiskFailure(
        f"Reading or writing SMMDesk's database {path} failed ({detail}): the disk may be "
        f"failing or was removed. Check the disk and try again, {OTHER_FOLDER}.",
        path,
    )


def from_sqlite(
    error: sqlite3.Error, path: Path, *, is_read_only: bool = False
) -> StorageProblem | None:
    """The storage problem behind `error`, or None when it is not one (a bug)."""
    if isinstance(error, sqlite3.IntegrityError | sqlite3.ProgrammingError):
        return None
    code = getattr(error, "sqlite_errorcode", -1) & 0xFF
    detail = str(error)
    if code == SQLITE_FULL:
        return disk_full(path)
    if code in (SQLITE_READONLY, SQLITE_PERM):
        return opened_read_only(path) if is_read_only else read_only(path)
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return corrupt(path, detail)
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return locked(path)
    if code == SQLITE_CANTOPEN:
        return cannot_open(path, detail)
    if code == SQLITE_IOERR:
        return disk_failure(path, getattr(error, "sqlite_errorname", detail))
    return None


def raise_for(error: sqlite3.Error, path: Path, *, is_read_only: bool = False) -> NoReturn:
    """Raise the storage problem behind `error`, or `error` itself when it is a bug."""
    problem = from_sqlite(error, path, is_read_only=is_read_only)
    if problem is None:
        raise error
    raise problem from error


def from_os(error: OSError, path: Path) -> StorageProblem:
    """A folder or file operation on the data folder failed."""
    detail = error.strerror or str(error)
    if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return disk_full(path)
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return read_only(path)
    if error.errno == errno.EIO:
        return disk_failure(path, detail)
    return cannot_open(path, detail)

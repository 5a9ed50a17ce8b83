"""The automatic backups beside the database, and putting one back.

Before each migration the store copies the database to `<db>.v<N>.bak` (see
`Database.migrate`). They are never deleted: when the database is damaged, the newest one
that SQLite still reads as sound is offered back to the user. A restore moves the damaged
file aside (with its `-wal` and `-shm`), never deleting it, and copies the backup in, so
the user or support can still rescue rows from the damaged file.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from . import failures

log = logging.getLogger("smmdesk.store")

SIDE_FILES = ("-wal", "-shm")


@dataclass(frozen=True, slots=True)
class Backup:
    path: Path
    taken_at: datetime


def backup_path(db_path: Path, version: int) -> Path:
    """Where the copy made before migrating from schema `version` goes."""
    return db_path.with_name(f"{db_path.name}.v{version}.bak")


def backups(db_path: Path) -> list[Backup]:
    """The backups of `db_path`, newest first."""
    found = [
        Backup(path, datetime.fromtimestamp(path.stat().st_mtime, UTC))
        for path in db_path.parent.glob(f"{db_path.name}.v*.bak")
        if path.is_file()
    ]
    return sorted(found, key=lambda backup: backup.taken_at, reverse=True)


def is_sound(path: Path) -> bool:
    """SQLite reads the file as an SMMDesk database without finding damage."""
    try:
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        checked = conn.execute("PRAGMA quick_check").fetchall()
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.Error as error:
        log.info("backup %s is not usable: %s", path.name, error)
        return False
    finally:
        conn.close()
    return checked == [("ok",)] and version > 0


def newest_sound_backup(db_path: Path) -> Backup | None:
    """The newest backup worth offering, or None."""
    return next((backup for backup in backups(db_path) if is_sound(backup.path)), None)


def restore(db_path: Path, backup: Backup) -> Path | None:
    """Put `backup` in place of `db_path`; returns where the damaged file was moved
    (None when there was none).

    The backup is copied first, beside the database, so a full disk stops the restore
    before anything was moved. The caller must have closed the database.
    """
    incoming = db_path.with_name(f"{db_path.name}.restoring")
    aside = _aside_path(db_path) if db_path.exists() else None
    try:
        shutil.copyfile(backup.path, incoming)
        if aside is not None:
            _move_aside(db_path, aside)
        os.replace(incoming, db_path)
    except OSError as error:
        incoming.unlink(missing_ok=True)
        raise failures.from_os(error, db_path) from error
    log.warning("restored %s from %s; the damaged file is %s", db_path, backup.path, aside)
    return aside


def _move_aside(db_path: Path, aside: Path) -> None:
    """The WAL moves with its file: applied to the backup it would damage it."""
    for suffix in ("", *SIDE_FILES):
        current = db_path.with_name(db_path.name + suffix)
        if current.exists():
            os.replace(current, aside.with_name(aside.name + suffix))


def _aside_path(db_path: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = db_path.with_name(f"{db_path.name}.damaged-{stamp}")
    number = 1
    while aside.exists():
        number += 1
        aside = db_path.with_name(f"{db_path.name}.damaged-{stamp}-{number}")
    return aside

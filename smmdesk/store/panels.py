"""Panel profiles. No key column, by design: keys live in the OS keyring (`secrets`), and
so do proxy passwords: `proxy` holds the URL without its password, which this module
refuses to store. Passwords an older SMMDesk stored wait in `proxy_passwords_to_move`
until the start-up job has put them in the keyring (see migration v6), and are then wiped
from the file, its write-ahead log and the automatic backups beside it.

A panel's ID names its keyring entry (`panel-<id>`), so an ID is never given twice: a new
panel takes one past the highest ID ever issued (`panel_ids`), not SQLite's "one past the
highest row left", which would hand a removed panel's ID, and its key, to the next panel.
A removed panel's key is remembered in `keys_to_delete` until the caller has deleted it.
"""

from __future__ import annotations

import logging
import sqlite3
from contextlib import closing
from pathlib import Path

from smmdesk.api import proxies

from .backups import backups
from .codec import dt_from_db, dt_to_db, utcnow
from .db import Database
from .records import KeyToDelete, Panel, StoreError

log = logging.getLogger("smmdesk.store")
_COLUMNS = "id, name, url, proxy, allow_insecure_http, is_demo, created_at, requests_per_minute"


class PanelsRepository:
    _db: Database

    def add_panel(
        self,
        name: str,
        url: str,
        proxy: str | None = None,
        allow_insecure_http: bool = False,
        is_demo: bool = False,
        requests_per_minute: int | None = None,
    ) -> Panel:
        _refuse_password(proxy)
        created = utcnow()
        with self._db.transaction() as conn:
            panel_id = _issue_panel_id(conn)
            conn.execute(
                "INSERT INTO panels (id, name, url, proxy, allow_insecure_http, is_demo,"
                " created_at, requests_per_minute) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    panel_id,
                    name,
                    url,
                    proxy,
                    allow_insecure_http,
                    is_demo,
                    dt_to_db(created),
                    requests_per_minute,
                ),
            )
        return Panel(
            panel_id, name, url, proxy, allow_insecure_http, is_demo, created, requests_per_minute
        )

    def update_panel(self, panel: Panel) -> None:
        """Save a profile's name, URL, proxy, limits and flags (its id and creation time
        stay)."""
        _refuse_password(panel.proxy)
        with self._db.transaction() as conn:
            conn.execute(
                "UPDATE panels SET name = ?, url = ?, proxy = ?, allow_insecure_http = ?,"
                " is_demo = ?, requests_per_minute = ? WHERE id = ?",
                (
                    panel.name,
                    panel.url,
                    panel.proxy,
                    panel.allow_insecure_http,
                    panel.is_demo,
                    panel.requests_per_minute,
                    panel.id,
                ),
            )

    def delete_panel(self, panel_id: int) -> None:
        """Delete a panel and, through ON DELETE CASCADE, its catalogue, orders, refills
        and cancels. In the same transaction its keyring entry joins `keys_to_delete`
        (the demo panel has none), so a crash before the caller deletes the key cannot
        leave a key nobody remembers; the caller reports with `key_deleted` or
        `key_deletion_failed`."""
        with self._db.transaction() as conn:
            row = conn.execute(
                "SELECT name, is_demo FROM panels WHERE id = ?", (panel_id,)
            ).fetchone()
            if row is None:
                return
            conn.execute("DELETE FROM panels WHERE id = ?", (panel_id,))
            if not row["is_demo"]:
                conn.execute(
                    "INSERT OR REPLACE INTO keys_to_delete (panel_id, panel_name, removed_at)"
                    " VALUES (?, ?, ?)",
                    (panel_id, row["name"], dt_to_db(utcnow())),
                )

    def panels(self) -> list[Panel]:
        rows = self._db.query(f"SELECT {_COLUMNS} FROM panels ORDER BY id")
        return [_panel(row) for row in rows]

    def panel(self, panel_id: int) -> Panel | None:
        row = self._db.query_one(f"SELECT {_COLUMNS} FROM panels WHERE id = ?", (panel_id,))
        return None if row is None else _panel(row)

    # -- keys of removed panels -------------------------------------------------------------

    def keys_to_delete(self) -> list[KeyToDelete]:
        rows = self._db.query(
            "SELECT panel_id, panel_name, problem, removed_at FROM keys_to_delete ORDER BY panel_id"
        )
        return [
            KeyToDelete(
                row["panel_id"], row["panel_name"], row["problem"], dt_from_db(row["removed_at"])
            )
            for row in rows
        ]

    def key_deleted(self, panel_id: int) -> None:
        """The removed panel's keyring entry is gone: forget it."""
        with self._db.transaction() as conn:
            conn.execute("DELETE FROM keys_to_delete WHERE panel_id = ?", (panel_id,))

    def key_deletion_failed(self, panel_id: int, problem: str) -> None:
        with self._db.transaction() as conn:
            conn.execute(
                "UPDATE keys_to_delete SET problem = ? WHERE panel_id = ?", (problem, panel_id)
            )

    # -- proxy passwords an older SMMDesk stored ----------------------------------------------

    def proxy_passwords_to_move(self) -> dict[int, str]:
        """Proxy passwords still in the database, by panel ID, for the keyring."""
        rows = self._db.query("SELECT panel_id, password FROM proxy_passwords_to_move")
        return {row["panel_id"]: row["password"] for row in rows}

    def proxy_password_to_move(self, panel_id: int) -> str | None:
        row = self._db.query_one(
            "SELECT password FROM proxy_passwords_to_move WHERE panel_id = ?", (panel_id,)
        )
        return None if row is None else str(row["password"])

    def forget_proxy_password_to_move(self, panel_id: int) -> None:
        """The password is in the keyring now (or the user replaced it): delete the row,
        its text zeroed in the file rather than left in free space."""
        conn = self._db.connection
        conn.execute("PRAGMA secure_delete = ON")
        try:
            with self._db.transaction():
                conn.execute("DELETE FROM proxy_passwords_to_move WHERE panel_id = ?", (panel_id,))
        finally:
            conn.execute("PRAGMA secure_delete = OFF")

    def wipe_moved_proxy_passwords(self) -> None:
        """Once every password is in the keyring: empty the write-ahead log (it still holds
        the pages the migration wrote) and take the passwords out of the automatic
        backups, which were copied before the migration. Best effort: a reader holding
        the log open only delays its truncation to a later checkpoint."""
        try:
            self._db.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except StoreError as error:  # the next checkpoint will do
            log.warning("the write-ahead log was not emptied: %s", error)
        for backup in backups(self._db.path):
            try:
                _wipe_proxy_passwords(backup.path)
            except sqlite3.Error as error:
                log.warning("proxy passwords left in backup %s: %s", backup.path.name, error)


def _refuse_password(proxy: str | None) -> None:
    if proxy is not None and proxies.split(proxy).password is not None:
        raise StoreError("A proxy password belongs in the keyring, not in the database.")


def _wipe_proxy_passwords(path: Path) -> None:
    """Strip the proxy passwords from one backup (of any schema version) for good."""
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("PRAGMA secure_delete = ON")
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        conn.execute("BEGIN IMMEDIATE")
        if "proxy_passwords_to_move" in tables:
            conn.execute("DELETE FROM proxy_passwords_to_move")
        rows = conn.execute("SELECT id, proxy FROM panels WHERE proxy IS NOT NULL").fetchall()
        for panel_id, proxy in rows:
            address = proxies.split(proxy)
            if address.password is not None:
                conn.execute("UPDATE panels SET proxy = ? WHERE id = ?", (address.url, panel_id))
        conn.execute("COMMIT")


def _issue_panel_id(conn: sqlite3.Connection) -> int:
    """One past every panel ID ever issued, living or removed."""
    conn.execute(
        "UPDATE panel_ids SET last_issued ="
        " max(last_issued, (SELECT coalesce(max(id), 0) FROM panels)) + 1"
    )
    row = conn.execute("SELECT last_issued FROM panel_ids").fetchone()
    return int(row[0])


def _panel(row: sqlite3.Row) -> Panel:
    return Panel(
        id=row["id"],
        name=row["name"],
        url=row["url"],
        proxy=row["proxy"],
        allow_insecure_http=bool(row["allow_insecure_http"]),
        is_demo=bool(row["is_demo"]),
        created_at=dt_from_db(row["created_at"]),
        requests_per_minute=row["requests_per_minute"],
    )

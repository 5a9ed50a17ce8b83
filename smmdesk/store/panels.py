"""Panel profiles. No key column, by design: keys live in the OS keyring (`secrets`).

A panel's ID names its keyring entry (`panel-<id>`), so an ID is never given twice: a new
panel takes one past the highest ID ever issued (`panel_ids`), not SQLite's "one past the
highest row left", which would hand a removed panel's ID, and its key, to the next panel.
A removed panel's key is remembered in `keys_to_delete` until the caller has deleted it.
"""

from __future__ import annotations

import sqlite3

from .codec import dt_from_db, dt_to_db, utcnow
from .db import Database
from .records import KeyToDelete, Panel

_COLUMNS = "id, name, url, proxy, allow_insecure_http, is_demo, created_at"


class PanelsRepository:
    _db: Database

    def add_panel(
        self,
        name: str,
        url: str,
        proxy: str | None = None,
        allow_insecure_http: bool = False,
        is_demo: bool = False,
    ) -> Panel:
        created_at = utcnow()
        with self._db.transaction() as conn:
            panel_id = _issue_panel_id(conn)
            conn.execute(
                "INSERT INTO panels"
                " (id, name, url, proxy, allow_insecure_http, is_demo, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (panel_id, name, url, proxy, allow_insecure_http, is_demo, dt_to_db(created_at)),
            )
        return Panel(panel_id, name, url, proxy, allow_insecure_http, is_demo, created_at)

    def update_panel(self, panel: Panel) -> None:
        """Save a profile's name, URL, proxy and flags (its id and creation time stay)."""
        with self._db.transaction() as conn:
            conn.execute(
                "UPDATE panels SET name = ?, url = ?, proxy = ?, allow_insecure_http = ?,"
                " is_demo = ? WHERE id = ?",
                (
                    panel.name,
                    panel.url,
                    panel.proxy,
                    panel.allow_insecure_http,
                    panel.is_demo,
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
    )

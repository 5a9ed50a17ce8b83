"""Panel profiles. No key column, by design: keys live in the OS keyring (`secrets`)."""

from __future__ import annotations

import sqlite3

from .codec import dt_from_db, dt_to_db, utcnow
from .db import Database
from .records import Panel

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
            cursor = conn.execute(
                "INSERT INTO panels (name, url, proxy, allow_insecure_http, is_demo, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (name, url, proxy, allow_insecure_http, is_demo, dt_to_db(created_at)),
            )
        assert cursor.lastrowid is not None
        return Panel(cursor.lastrowid, name, url, proxy, allow_insecure_http, is_demo, created_at)

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
        and cancels. Its keyring entry is the caller's to delete (`KeyStore.delete`)."""
        with self._db.transaction() as conn:
            conn.execute("DELETE FROM panels WHERE id = ?", (panel_id,))

    def panels(self) -> list[Panel]:
        rows = self._db.query(f"SELECT {_COLUMNS} FROM panels ORDER BY id")
        return [_panel(row) for row in rows]

    def panel(self, panel_id: int) -> Panel | None:
        row = self._db.query_one(f"SELECT {_COLUMNS} FROM panels WHERE id = ?", (panel_id,))
        return None if row is None else _panel(row)


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

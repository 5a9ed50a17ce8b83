"""The favourites table for tests, until the migration that creates it is in place."""

from __future__ import annotations

from smmdesk.store import Store

DDL = """CREATE TABLE IF NOT EXISTS favourites (
    panel_id INTEGER NOT NULL REFERENCES panels(id) ON DELETE CASCADE,
    service_id TEXT NOT NULL,
    name TEXT NOT NULL,
    category TEXT NOT NULL,
    starred_at TEXT NOT NULL,
    PRIMARY KEY (panel_id, service_id)
) WITHOUT ROWID"""


def ensure_favourites_table(store: Store) -> None:
    with store._db.transaction() as conn:
        conn.execute(DDL)

"""A history taken back to an earlier schema, for the tests of the migrations after it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from smmdesk.store import SCHEMA_VERSION

# What a later migration added that every history rewound before it must lose, so that
# migrating again can add it; a test undoes the rest of what it looks at itself.
UNDO = {17: ("ALTER TABLE orders DROP COLUMN dropped_at",)}


def rewind(path: Path, version: int, *undone: str) -> None:
    """The history at `path` as schema `version` left it: `undone` drops (or counts again
    the old way) what came after, with the later migrations' `UNDO`."""
    later = [s for v in range(SCHEMA_VERSION, version, -1) for s in UNDO.get(v, ())]
    with sqlite3.connect(path) as conn:
        for statement in (*later, *undone):
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {version}")
    conn.close()

"""A history taken back to an earlier schema, for the tests of the migrations after it."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def rewind(path: Path, version: int, *undone: str) -> None:
    """The history at `path` as schema `version` left it: `undone` drops (or counts again
    the old way) what came after."""
    with sqlite3.connect(path) as conn:
        for statement in undone:
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {version}")
    conn.close()

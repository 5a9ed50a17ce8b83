"""The orders a search matches, found once and kept while nothing changes.

A search scans the whole search index (`orders_search`): across every panel's 100,000
orders that is 30-45 ms, and the orders view did it twice for one screen (the count, then
the first page) and once more for every page fetched while scrolling. Here the matching
IDs go into a temporary table of the asking thread's connection, with their count; the
count and every page reuse it until the search changes or the database does: another
connection committed (`PRAGMA data_version` moves) or this one wrote (`total_changes`
moves). A search across 10 panels then costs one scan instead of two
(bench/orders_all_panels.py), and scrolling through its results none.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass

from . import order_view
from .records import OrderQuery

TABLE = "temp.search_matches"


@dataclass(frozen=True, slots=True)
class _Kept:
    key: tuple[object, ...]
    count: int


class SearchMatches:
    """One per `Database`: what each thread's connection holds."""

    def __init__(self) -> None:
        self._local = threading.local()

    def count(self, conn: sqlite3.Connection, query: OrderQuery) -> int:
        """How many orders the search of `query` matches (its tab, panel and text)."""
        return self._kept(conn, query).count

    def page_where(self, conn: sqlite3.Connection, query: OrderQuery) -> tuple[str, list[object]]:
        """The WHERE of a page of a search, over the kept matches."""
        self._kept(conn, query)
        conditions, params = order_view.sort_walk_conditions(query)
        conditions.append(f"+id IN (SELECT id FROM {TABLE})")
        return " WHERE " + " AND ".join(conditions), params

    def _kept(self, conn: sqlite3.Connection, query: OrderQuery) -> _Kept:
        where, params = order_view.where_clause(query)
        kept: _Kept | None = getattr(self._local, "kept", None)
        if kept is not None and kept.key == _key(conn, where, params):
            return kept
        conn.execute(f"DROP TABLE IF EXISTS {TABLE}")
        conn.execute(f"CREATE TABLE {TABLE} (id INTEGER PRIMARY KEY)")
        count = conn.execute(
            f"INSERT INTO {TABLE} (id) SELECT id FROM orders{where}", params
        ).rowcount
        kept = _Kept(_key(conn, where, params), count)
        self._local.kept = kept
        return kept


def _key(conn: sqlite3.Connection, where: str, params: list[object]) -> tuple[object, ...]:
    version = conn.execute("PRAGMA data_version").fetchone()[0]
    return where, tuple(params), version, conn.total_changes

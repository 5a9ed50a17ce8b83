"""Reading the orders view's next page from where the last one ended, not by `OFFSET`.

`LIMIT 200 OFFSET n` makes SQLite walk the n rows before the page, and for one panel's
orders each walked row is a table look-up (the panel is not in the sort index): at the
end of one panel's 50,000 orders on a two-panel history a page took 196 ms. When the next
page follows the last one read on this connection, for the same query, with nothing
written since, its rows are those after the last row in the sort order: found through
the sort index in 2 ms.

The sort order is `ORDER BY key, id` (ascending or descending), and SQLite puts NULL
keys first: so an ascending view is the rows with no key by ID, then the others by key
and ID; a descending one the others first, then those with no key. A page continues the
part its last row is in, then takes the next part from its start. Anything else (another
query, another offset, a write in between) reads by `OFFSET`, as before.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass

from .db import Database
from .order_rows import COLUMNS, record_from_row
from .records import OrderRecord

KEY_COLUMN = "page_key"


@dataclass(frozen=True, slots=True)
class PageQuery:
    """A page's SQL: the filter, the sort key's expression, and the `ORDER BY` made of
    them (`order_view.order_by_clause`)."""

    where: str
    params: tuple[object, ...]
    key: str
    descending: bool
    order_by: str


@dataclass(frozen=True, slots=True)
class _Ended:
    """Where the last page ended: the query and database state it was read in, its
    offset after it, and its last row's key and ID."""

    state: tuple[object, ...]
    offset: int
    key: object
    row_id: int


class PageCursor:
    """One per `Database`: where each thread's connection read its last page."""

    def __init__(self) -> None:
        self._local = threading.local()

    def page(self, db: Database, query: PageQuery, offset: int, limit: int) -> list[OrderRecord]:
        """Up to `limit` orders of `query` from `offset` (`limit` -1: all of them)."""
        state = _state(db, query)
        ended: _Ended | None = getattr(self._local, "ended", None)
        if ended is not None and limit > 0 and (ended.state, ended.offset) == (state, offset):
            rows = _after(db, query, ended.key, ended.row_id, limit)
        else:
            rows = _rows(db, query, limit=limit, offset=offset)
        last = rows[-1] if rows else None
        self._local.ended = (
            None
            if last is None
            else _Ended(state, offset + len(rows), last[KEY_COLUMN], last["id"])
        )
        return [record_from_row(row) for row in rows]


def _state(db: Database, query: PageQuery) -> tuple[object, ...]:
    """The query, and the database as this connection sees it: another connection's
    commit moves `data_version`, this one's writes `total_changes`."""
    version = db.query_one("PRAGMA data_version")
    assert version is not None
    return query, version[0], db.connection.total_changes


def _after(
    db: Database, query: PageQuery, key: object, row_id: int, limit: int
) -> list[sqlite3.Row]:
    """Up to `limit` rows after (`key`, `row_id`): the rest of its part, then the next.
    The part without a key is read in ID order: SQLite would sort it in a temporary
    B-tree if asked for its (constant) key first."""
    expression = query.key
    later, direction = ("<", "DESC") if query.descending else (">", "ASC")
    by_id = f" ORDER BY id {direction}"
    if key is None:
        condition = f"{expression} IS NULL AND id {later} ?"
        rows = _rows(db, query, condition, (row_id,), by_id, limit)
        next_part = None if query.descending else (f"{expression} IS NOT NULL", query.order_by)
    else:
        # `key >= ?` first: SQLite starts its walk of the sort index there.
        condition = f"{expression} {later}= ? AND ({expression} {later} ? OR id {later} ?)"
        rows = _rows(db, query, condition, (key, key, row_id), query.order_by, limit)
        next_part = (f"{expression} IS NULL", by_id) if query.descending else None
    if next_part is not None and len(rows) < limit:
        next_condition, next_order = next_part
        rows += _rows(db, query, next_condition, (), next_order, limit - len(rows))
    return rows


def _rows(
    db: Database,
    query: PageQuery,
    condition: str = "",
    params: tuple[object, ...] = (),
    order_by: str | None = None,
    limit: int = -1,
    offset: int = 0,
) -> list[sqlite3.Row]:
    where = query.where
    if condition:
        where = f"{where} AND {condition}" if where else f" WHERE {condition}"
    sql = (
        f"SELECT {COLUMNS}, {query.key} AS {KEY_COLUMN} FROM orders{where}"
        f"{query.order_by if order_by is None else order_by} LIMIT ? OFFSET ?"
    )
    return db.query(sql, (*query.params, *params, limit, offset))

"""The orders a selection means, read for an export or a copy without holding them all.

A select-all (or "this tab and this search") may mean 100,000 orders. `SelectedOrders`
hands them on in two ways:

* iterated, as `OrderRecord`s read a page at a time in the view's order (an order that
  moves between pages meanwhile, a status refresh running beside, comes once only);
* as `cells()`: the CSV's values straight from one SQLite statement, for writing a file.
  Building 100,000 `OrderRecord`s and formatting them took 8-11 s on this 2-core machine
  (bench/export.py, JSON fields and datetimes parsed per row only to be printed again);
  reading only the exported columns, with the formula guard and the date format done by
  SQLite, takes about 1.3 s, and one statement reads one consistent snapshot.

The cells follow `smmdesk.services.export.order_row` exactly (a test holds them to it).
They are read on a connection of their own, read-only, with the store's own filter and
sort clauses (`smmdesk.store.order_view`), so the orders are those the view shows.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path

from smmdesk.services.bulk import OrderSelection
from smmdesk.store import OrderQuery, OrderRecord, Store, StoreError
from smmdesk.store import failures as store_failures
from smmdesk.store.order_view import order_by_clause, page_where_clause

PAGE_SIZE = 2000
ID_CHUNK = 500  # record IDs in one `IN (…)`, well under SQLite's variable limit
Cells = tuple[object, ...]

# A text starting like a formula (`export._FORMULA_STARTS`: = + - @ tab CR), by code point:
# `unicode()` reads 100,000 rows' ten text columns 0.2 s faster than `substr(..., 1, 1)`.
FORMULA_GUARDED = "CASE WHEN unicode({0}) IN (61, 43, 45, 64, 9, 13)" \
    " THEN '''' || {0} ELSE {0} END"  # fmt: skip
# Stored times are fixed-width UTC ISO 8601 with microseconds (`store.codec`): the first
# 19 characters are the second, as `export.iso_time` writes it.
_CELL_EXPRESSIONS = (
    "substr(created_at, 1, 19) || '+00:00'", "order_id*", "journal_state", "state",
    "status_text*", "service_id*", "service_name*", "link*", "quantity", "runs", "interval",
    "charge", "charge_estimate", "currency*", "start_count", "remains", "error*",
)  # fmt: skip
_MONEY = (11, 12)  # positions of charge and charge_estimate
CELL_COLUMNS = ", ".join(
    FORMULA_GUARDED.format(e[:-1]) if e.endswith("*") else e for e in _CELL_EXPRESSIONS
)


def count_selected(store: Store, selection: OrderSelection) -> int:
    """How many orders `selection` means now."""
    if selection.query is not None:
        return store.count_orders(selection.query)
    return len(selection.record_ids)


def selected_orders(store: Store, selection: OrderSelection) -> SelectedOrders:
    """Every order `selection` means, in the view's order for a query, else as picked."""
    return SelectedOrders(store, selection)


class SelectedOrders:
    """The orders of a selection: iterate for `OrderRecord`s, `cells()` for CSV values."""

    def __init__(self, store: Store, selection: OrderSelection, page_size: int = PAGE_SIZE):
        self.store = store
        self.selection = selection
        self._page_size = page_size

    def __iter__(self) -> Iterator[OrderRecord]:
        if self.selection.query is None:
            ids = self.selection.record_ids
            for start in range(0, len(ids), self._page_size):
                yield from self.store.orders_by_ids(ids[start : start + self._page_size])
            return
        yield from _pages(self.store, self.selection.query, self._page_size)

    def cells(self) -> Iterator[Cells]:
        """Each order's values in `export.ORDER_HEADER` order, ready for a CSV writer
        (None for an empty cell). Raises `StoreError` when the database cannot be read."""
        try:
            connection = _read_only(self.store.path)
        except sqlite3.Error as error:
            raise _storage_problem(error, self.store.path) from error
        try:
            if self.selection.query is None:
                yield from _cells_by_ids(connection, self.selection.record_ids)
            else:
                yield from _cells_matching(connection, self.selection.query)
        except sqlite3.Error as error:
            raise _storage_problem(error, self.store.path) from error
        finally:
            connection.close()


def _pages(store: Store, query: OrderQuery, page_size: int) -> Iterator[OrderRecord]:
    seen: set[int] = set()
    offset = 0
    while True:
        page = store.orders_page(query, offset, page_size)
        for order in page:
            if order.id not in seen:
                seen.add(order.id)
                yield order
        if len(page) < page_size:
            return
        offset += page_size


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)


def _cells_matching(connection: sqlite3.Connection, query: OrderQuery) -> Iterator[Cells]:
    where, params = page_where_clause(query)
    sql = f"SELECT {CELL_COLUMNS} FROM orders{where}{order_by_clause(query)}"
    for row in connection.execute(sql, params):
        yield plain_money(row)


def _cells_by_ids(connection: sqlite3.Connection, record_ids: Sequence[int]) -> Iterator[Cells]:
    for start in range(0, len(record_ids), ID_CHUNK):
        chunk = record_ids[start : start + ID_CHUNK]
        marks = ",".join("?" * len(chunk))
        rows = connection.execute(
            f"SELECT id, {CELL_COLUMNS} FROM orders WHERE id IN ({marks})", chunk
        )
        found = {row[0]: row[1:] for row in rows}
        yield from (plain_money(found[i]) for i in chunk if i in found)


def plain_money(row: Cells) -> Cells:
    """A stored amount is `str(Decimal)`, which writes tiny ones as `1E-7`; a CSV wants
    `0.0000001`, as `export.order_row` writes it."""
    charge, estimate = _MONEY  # two tests, no generator: 0.1 s less a 100,000-row export
    if not (_exponent(row[charge]) or _exponent(row[estimate])):
        return row
    cells = list(row)
    for i in _MONEY:
        if _exponent(cells[i]):
            cells[i] = f"{Decimal(str(cells[i])):f}"
    return tuple(cells)


def _exponent(value: object) -> bool:
    return isinstance(value, str) and ("E" in value or "e" in value)


def _storage_problem(error: sqlite3.Error, path: Path) -> StoreError:
    problem = store_failures.from_sqlite(error, path)
    return problem or StoreError(f"Could not read the orders to export: {error}")

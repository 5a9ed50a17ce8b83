"""The CSV cells of a selection of orders, with the user's own columns: customer, note,
sell price and profit.

`order_pages.SelectedOrders.cells()` reads the panel-side columns in one SQLite statement
(see there for the measured reason); this reads the same columns (`CELL_COLUMNS`, so
they stay identical by construction) plus the customer and note, formula-guarded like
every text, and the sell price, in the same statement, so one consistent snapshot gives
every column. The profit is computed per row by `profit.order_money` from the cells
already read. The cells follow `export.order_row` exactly (a test holds them to it).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path

from smmdesk.api import OrderState
from smmdesk.store import JournalState, StoreError
from smmdesk.store import failures as store_failures
from smmdesk.store.order_view import order_by_clause, page_where_clause
from smmdesk.store.records import MoneyFacts

from .order_pages import (
    CELL_COLUMNS,
    FORMULA_GUARDED,
    ID_CHUNK,
    Cells,
    SelectedOrders,
    plain_money,
)
from .profit import order_money

_OWN = ", ".join(FORMULA_GUARDED.format(column) for column in ("customer", "note"))
COLUMNS = f"{CELL_COLUMNS}, {_OWN}, sell_price"
# Where the profit's inputs are among `CELL_COLUMNS` (see `order_pages`).
_JOURNAL, _STATE, _QUANTITY, _RUNS, _CHARGE, _ESTIMATE, _REMAINS = 2, 3, 8, 9, 11, 12, 15
_MONEY_CELLS = (_CHARGE, _ESTIMATE)
_STATES = {state.value: state for state in OrderState}


def selection_cells(orders: SelectedOrders) -> Iterator[Cells]:
    """Each selected order's values in `export.ORDER_HEADER` order, None for an empty
    cell. Raises `StoreError` when the database cannot be read."""
    path = orders.store.path
    try:
        connection = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise _problem(error, path) from error
    try:
        selection = orders.selection
        if selection.query is None:
            yield from _by_ids(connection, selection.record_ids)
        else:
            where, params = page_where_clause(selection.query)
            sql = f"SELECT {COLUMNS} FROM orders{where}{order_by_clause(selection.query)}"
            yield from map(_with_profit, connection.execute(sql, params))
    except sqlite3.Error as error:
        raise _problem(error, path) from error
    finally:
        connection.close()


def _by_ids(connection: sqlite3.Connection, record_ids: Sequence[int]) -> Iterator[Cells]:
    for start in range(0, len(record_ids), ID_CHUNK):
        chunk = record_ids[start : start + ID_CHUNK]
        marks = ",".join("?" * len(chunk))
        rows = connection.execute(f"SELECT id, {COLUMNS} FROM orders WHERE id IN ({marks})", chunk)
        found = {row[0]: row[1:] for row in rows}
        yield from (_with_profit(found[i]) for i in chunk if i in found)


def _with_profit(row: Cells) -> Cells:
    """The row's money as `export` writes it (`0.0000001`, never `1E-7`), and its profit,
    computed only for an order with a sell price (without one there is none)."""
    if row[-1] is None:  # most orders: no sell price, no profit
        return (*plain_money(row), None)
    cells = list(row)
    for at in (*_MONEY_CELLS, len(cells) - 1):
        cells[at] = _plain(cells[at])
    money = order_money(
        MoneyFacts(
            JournalState(str(row[_JOURNAL])), _STATES.get(str(row[_STATE])),
            _int(row[_QUANTITY]), _int(row[_RUNS]), _int(row[_REMAINS]), _decimal(row[_CHARGE]),
            _decimal(row[_ESTIMATE]), _decimal(row[-1]), None,
        )
    )  # fmt: skip
    profit = None if money is None else money.profit
    cells.append(None if profit is None else f"{profit:f}")
    return tuple(cells)


def _plain(cell: object) -> object:
    """A stored amount is `str(Decimal)`, which writes tiny ones as `1E-7`."""
    if isinstance(cell, str) and ("E" in cell or "e" in cell):
        return f"{Decimal(cell):f}"
    return cell


def _decimal(cell: object) -> Decimal | None:
    return Decimal(cell) if isinstance(cell, str) and cell else None


def _int(cell: object) -> int | None:
    return cell if isinstance(cell, int) else None


def _problem(error: sqlite3.Error, path: Path) -> StoreError:
    problem = store_failures.from_sqlite(error, path)
    return problem or StoreError(f"Could not read the orders to export: {error}")

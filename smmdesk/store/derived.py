"""Schema 11: what the reports, the scorecard and the Overview add up, kept with each order
(and summed, `summaries`) so that a year of history is not worked out order by order at
each read.

Columns worked out from each order's own (`RULES`):

* `currency_key`: the currency, "" when none is known; `customer_key`: the customer;
* `scored`: 1 for a placed order (what the scorecard counts), else NULL. Every index
  below starts with a column only these reads name, so SQLite never picks one for the
  other reads of `orders` (an index led by `journal_state` made it sort whole histories
  for `ORDER BY created_at`);
* `counted`: 1 for a placed order (not a repeated ID) with a cost whose amounts SQLite
  adds exactly (`store.money`'s test), 0 for one the Python rules must count, NULL for
  an order with no money side;
* `cost_units`, `sell_units`: its cost and sell price in units of 10^-7 as the profit
  rules count them (`services.profit`: the delivered share, the charge scaled only when
  it is the full one, half-even), for `counted = 1` rows;
* `spent_units`: what the Overview counts as spent for orders sent from SMMDesk: their
  cost as the Orders totals count it (`cost_units`, the delivered share), since schema
  12; before, the charge in full, so a partial order's refunded rest was counted as
  spent (the same orders read 322.47 USD on the Overview, 320.69 in Orders). An order
  whose amounts SQLite cannot add exactly counts its charge in full, unless canceled;
* `outcome`: the final state, NULL while the order runs;
* `charge_units`, `charge_odd`: the charge the panel stated, in units when exact, and
  whether it is not (then the Python rules add it);
* `to_start_s`, `to_finish_s`: seconds from placed to started and to finished;
* `idle_since`: since when a placed order that is not final made no progress;
* `day`: the local date the order was created on, as `date(created_at, 'localtime')`
  gives it;
* `category`: its service's category in the cached catalogue, the order's service name
  when the catalogue has no such service (schema 15). The one rule that reads another
  table: saving a catalogue notes the orders of the services whose category it changed
  (`mark_services`).

They are settled in bulk, before anything reads them (`settle`, which keeps the sums
too), not on each write: a store method that writes a column the rules read notes the
order (`mark`, in `orders_to_settle`). Worked out on every write they tripled the store's
part of a status refresh of 10,000 orders (bench/status_refresh.py): as generated
columns, because SQLite rewrites each index that reads a column a statement sets, even to
the same value; by triggers, because a trigger on `orders`, even one that does nothing,
costs about 0.1 ms a written row. Settled, an index or a sum is written where its figures
moved (an order finishing, a partial one's share), once per read that follows writes.
Whatever writes `orders` outside the store (a bench filling a history) marks what it
wrote. `relocalise_days` rewrites the days (and the sums by day) when SMMDesk opens in
another time zone than the one they were worked out in.

The rules are part of the schema as released: they are the expressions `store.money` and
the queries before schema 11 used (tests hold the sums to the Python rules'), and
changing one means a new migration (schema 12 changed `spent_units`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from . import summaries
from .db import Database

_PLAIN = (
    "({x} GLOB '[0-9]*' AND instr({x}, 'E') = 0 AND instr({x}, 'e') = 0"
    " AND instr({x}, '-') = 0 AND (instr({x}, '.') = 0 OR length({x}) - instr({x}, '.') <= 7)"
    " AND CAST({x} AS REAL) < 1e8)"
)
_UNITS = "CAST(round(CAST({x} AS REAL) * 1e7) AS INTEGER)"
_HALF_EVEN = (
    "(({a}) / ({b}) + CASE WHEN 2 * (({a}) % ({b})) > ({b}) THEN 1"
    " WHEN 2 * (({a}) % ({b})) = ({b}) THEN (({a}) / ({b})) % 2 ELSE 0 END)"
)
_TOTAL = "(coalesce(quantity, 0) * coalesce(nullif(runs, 0), 1))"
_COST = "coalesce(charge, charge_estimate)"
# The delivered share when it is 0 or 1, NULL when it is (total - remains) / total.
_SHARE = (
    "(CASE WHEN state IN ('refunded', 'failed') THEN 0"
    " WHEN state IS NULL OR state NOT IN ('partial', 'canceled') THEN 1"
    f" WHEN {_TOTAL} <= 0 OR remains IS NULL OR remains < 0 OR remains > {_TOTAL}"
    " THEN CASE WHEN state = 'canceled' AND remains IS NULL THEN 0 ELSE 1 END"
    " ELSE NULL END)"
)
_LARGEST = (
    f"max(CAST({_COST} AS REAL), coalesce(CAST(charge_estimate AS REAL), 0),"
    " coalesce(CAST(sell_price AS REAL), 0))"
)
# `store.money`'s test, and amounts below a million: the sums kept (`summaries`) then
# stay far inside 64-bit integers (larger ones are added by the Python rules).
_EXACT = (
    f"{_PLAIN.format(x=_COST)}"
    f" AND (charge_estimate IS NULL OR {_PLAIN.format(x='charge_estimate')})"
    f" AND (sell_price IS NULL OR {_PLAIN.format(x='sell_price')})"
    f" AND {_LARGEST} * 1e7 * max({_TOTAL}, 1) < 9e18 AND {_LARGEST} < 1e6"
)
_SUMMABLE = f"({_PLAIN.format(x='charge')} AND CAST(charge AS REAL) < 1e6)"
_CU = _UNITS.format(x=_COST)
_EU = _UNITS.format(x="charge_estimate")
_SU = _UNITS.format(x="sell_price")
_FINAL = "('completed', 'partial', 'canceled', 'refunded', 'failed', 'expired')"
_SECONDS = "(julianday({end}) - julianday(placed_at)) * 86400.0"

_DONE = f"(CASE WHEN {_SHARE} IS NULL THEN {_TOTAL} - remains ELSE {_SHARE} END)"
_WHOLE = f"(CASE WHEN {_SHARE} IS NULL THEN {_TOTAL} ELSE 1 END)"

# Each stored column's rule. The cost and sell price read the stored `counted`: they are
# written after it.
RULES = {
    "scored": "CASE WHEN journal_state = 'placed' THEN 1 END",
    "currency_key": "coalesce(currency, '')",
    "customer_key": "customer",
    "counted": (
        f"CASE WHEN journal_state = 'placed' AND tab != 'duplicate' AND {_COST} IS NOT NULL"
        f" THEN CASE WHEN {_EXACT} THEN 1 ELSE 0 END END"
    ),
    "cost_units": (
        f"CASE WHEN counted = 1 THEN CASE WHEN {_DONE} = {_WHOLE}"
        f" OR (charge_estimate IS NOT NULL"
        f" AND abs({_CU} * 1.0 * {_WHOLE} - {_EU} * 1.0 * {_DONE})"
        f" < abs({_CU} - {_EU}) * 1.0 * {_WHOLE})"
        f" THEN {_CU} ELSE {_HALF_EVEN.format(a=f'{_CU} * {_DONE}', b=_WHOLE)} END END"
    ),
    "sell_units": (
        "CASE WHEN counted = 1 AND sell_price IS NOT NULL THEN"
        f" CASE WHEN {_DONE} = {_WHOLE} THEN {_SU}"
        f" ELSE {_HALF_EVEN.format(a=f'{_SU} * {_DONE}', b=_WHOLE)} END END"
    ),
    "spent_units": (
        "CASE WHEN tab IN ('pending', 'in_progress', 'completed', 'partial', 'canceled')"
        " AND (link IS NOT NULL OR fields != '{}' OR batch_id IS NOT NULL)"
        " THEN CASE WHEN counted = 1 THEN cost_units WHEN tab != 'canceled'"
        f" THEN CAST(round(CAST({_COST} AS REAL) * 10000000) AS INTEGER) END END"
    ),
    "outcome": f"CASE WHEN state IN {_FINAL} THEN state END",
    "charge_units": (
        f"CASE WHEN charge IS NOT NULL AND {_SUMMABLE} THEN {_UNITS.format(x='charge')} END"
    ),
    "charge_odd": f"CASE WHEN charge IS NOT NULL AND NOT {_SUMMABLE} THEN 1 ELSE 0 END",
    "to_start_s": _SECONDS.format(end="started_at"),
    "to_finish_s": _SECONDS.format(end="finished_at"),
    # Since when a placed order that is not final made no progress (the stuck ones).
    "idle_since": (
        "CASE WHEN journal_state = 'placed' AND finished_at IS NULL"
        f" AND (state IS NULL OR state NOT IN {_FINAL})"
        " THEN coalesce(progressed_at, placed_at, created_at) END"
    ),
}
RULES["day"] = "date(created_at, 'localtime')"
RULES["category"] = (
    "coalesce((SELECT s.category FROM services s"
    " WHERE s.panel_id = orders.panel_id AND s.service_id = orders.service_id), service_name)"
)
_TYPES = {
    "currency_key": "TEXT",
    "customer_key": "TEXT",
    "idle_since": "TEXT",
    "outcome": "TEXT",
    "to_start_s": "REAL",
    "to_finish_s": "REAL",
    "day": "TEXT",
    "category": "TEXT",
}
# Columns settled together (one statement each, writing only orders whose values moved,
# so an index is rewritten only where its figures did). The cost and sell price read the
# settled `counted`: they come after it.
_SETTLED = (
    ("scored", "currency_key", "customer_key", "counted"),
    ("cost_units", "sell_units"),
    ("spent_units",),  # reads the settled `cost_units`
    ("outcome", "charge_units", "charge_odd"),
    ("to_start_s", "to_finish_s"),
    ("idle_since",),
    ("day",),
    ("category",),
)
# The columns the rules read: a write to one of them leaves the order to settle.
READ_BY_RULES = frozenset(
    {
        "journal_state", "currency", "customer", "tab", "state", "quantity", "runs", "remains",
        "charge", "charge_estimate", "sell_price", "link", "fields", "batch_id", "placed_at",
        "started_at", "finished_at", "progressed_at", "created_at", "panel_id", "service_id",
        "service_name",
    }
)  # fmt: skip

INDEXES = (
    # The orders the Python rules add up, by day (reports).
    "CREATE INDEX orders_inexact_by_day ON orders(day) WHERE counted = 0",
    # The times in order, per service and per panel, for their medians (the scorecard;
    # placed orders only: `scored = 1`).
    "CREATE INDEX orders_to_start_by_service ON orders(scored, panel_id, service_id, to_start_s)",
    "CREATE INDEX orders_to_start_by_panel ON orders(scored, panel_id, to_start_s)",
    "CREATE INDEX orders_to_finish_by_service ON orders(scored, outcome, panel_id, service_id,"
    " to_finish_s)",
    "CREATE INDEX orders_to_finish_by_panel ON orders(scored, outcome, panel_id, to_finish_s)",
    # Orders that may be stuck, oldest progress first (the scorecard).
    "CREATE INDEX orders_idle ON orders(idle_since, panel_id, service_id)"
    " WHERE idle_since IS NOT NULL",
)

# The offset from UTC (hours and minutes) at a noon of every week from 2000 to 2040, as
# SQLite's `localtime` gives it: another time zone (or other rules) shows in it.
_ZONE = """
    WITH RECURSIVE probe(at) AS (
        SELECT julianday('2000-01-01 12:00')
        UNION ALL SELECT at + 7 FROM probe WHERE at < julianday('2040-01-01'))
    SELECT group_concat(strftime('%H%M', at, 'localtime'), '') FROM probe"""


def respend(conn: sqlite3.Connection) -> None:
    """Schema 12: every order's `spent_units` by today's rule, and the sums by day again."""
    conn.execute(f"UPDATE orders SET {_copies(('spent_units',))}")
    summaries.recount_days(conn)


def add_derived_columns(conn: sqlite3.Connection) -> None:
    """Schema 11's columns, worked out for every order, their sums and indexes."""
    for name in RULES:
        conn.execute(f"ALTER TABLE orders ADD COLUMN {name} {_TYPES.get(name, 'INTEGER')}")
    for names in _SETTLED:
        conn.execute(f"UPDATE orders SET {_copies(names)}")
    conn.execute("CREATE TABLE orders_to_settle (id INTEGER PRIMARY KEY)")
    conn.execute("CREATE TABLE local_days (zone TEXT NOT NULL)")
    conn.execute("INSERT INTO local_days (zone) VALUES (?)", (zone(conn),))
    summaries.create(conn)
    for statement in INDEXES:
        conn.execute(statement)


def mark(conn: sqlite3.Connection, record_ids: Iterable[int]) -> None:
    """Note orders whose rules' columns were written, within the writer's transaction."""
    conn.executemany(
        "INSERT OR IGNORE INTO orders_to_settle (id) VALUES (?)", ((i,) for i in record_ids)
    )


def mark_services(conn: sqlite3.Connection, panel_id: int, service_ids: Iterable[str]) -> None:
    """Note the orders of a panel's services (their category changed), within the
    writer's transaction."""
    conn.executemany(
        "INSERT OR IGNORE INTO orders_to_settle (id)"
        " SELECT id FROM orders WHERE panel_id = ? AND service_id = ?",
        ((panel_id, service_id) for service_id in service_ids),
    )


def add_category(conn: sqlite3.Connection) -> None:
    """Schema 15: each order's `category` and the sums by day and category, unless the
    schema 11 step of this history made them (it makes today's columns and sums)."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(orders)")}
    if "category" not in columns:
        conn.execute(f"ALTER TABLE orders ADD COLUMN category {_TYPES['category']}")
        conn.execute(f"UPDATE orders SET {_copies(('category',))}")
    summaries.create_missing(conn)


def settle(db: Database) -> None:
    """Work out the columns of the orders written since the last time, and move them
    from the sums they were in to those they are in now, before a read of them (a
    read-only history is read as it was left)."""
    if db.read_only or db.query_one("SELECT 1 FROM orders_to_settle LIMIT 1") is None:
        return
    with db.transaction() as conn:
        written = "id IN (SELECT id FROM orders_to_settle)"
        for summary in summaries.SUMMARIES:  # as they were added
            conn.execute(summary.add(written, -1))
        for names in _SETTLED:
            moved = " OR ".join(f"{name} IS NOT {RULES[name]}" for name in names)
            conn.execute(f"UPDATE orders SET {_copies(names)} WHERE {written} AND ({moved})")
        for summary in summaries.SUMMARIES:
            conn.execute(summary.add(written, 1))
            conn.execute(summary.prune())
        conn.execute("DELETE FROM orders_to_settle")


def _copies(names: tuple[str, ...]) -> str:
    return ", ".join(f"{name} = {RULES[name]}" for name in names)


def zone(conn: sqlite3.Connection) -> str:
    """This process's time zone as SQLite sees it (see `_ZONE`)."""
    row = conn.execute(_ZONE).fetchone()
    return str(row[0])


def days_are_local(conn: sqlite3.Connection) -> bool:
    """Whether the stored days were worked out in this process's time zone."""
    row = conn.execute("SELECT zone FROM local_days").fetchone()
    return row is not None and row[0] == zone(conn)


def relocalise_days(conn: sqlite3.Connection) -> int:
    """Each order's `day` in this process's time zone, within the caller's transaction;
    returns how many orders moved to another day."""
    local = RULES["day"]
    cursor = conn.execute(f"UPDATE orders SET day = {local} WHERE day IS NOT {local}")
    conn.execute("UPDATE local_days SET zone = ?", (zone(conn),))
    if cursor.rowcount:
        summaries.recount_days(conn)
    return cursor.rowcount

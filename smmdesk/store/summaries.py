"""Schema 11's running sums: the figures of `derived` added up per day and panel, per day
and service, per day and customer, and per service and outcome, so that a report or the
scorecard reads a few thousand sums instead of every order.

A sum row holds the orders that share its key. `derived.settle` keeps them: it takes the
orders written since the last read out of their sums (with the figures they were added
with, which their columns still hold), works the columns out again, and adds them back,
then drops the sums no order is left in. Every key is a column that only `settle` writes
or one no write ever changes (the panel, service and its name), so an order always
leaves the sum it was added to. A panel's sums go with it (`ON DELETE CASCADE`), as its
orders do.

Amounts are units of 10^-7. `derived` counts exactly (`counted = 1`) only amounts below a
million, so a sum stays inside 64-bit integers however many orders it holds.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Summary:
    """A table of sums: its keys (a column, and the expression over `orders` that gives
    it), and per value the expression summed over the orders `rows` selects (`first_id`:
    the smallest ID added, never taken out)."""

    table: str
    keys: tuple[tuple[str, str], ...]
    values: tuple[tuple[str, str], ...]
    rows: str
    kept: str  # the value that is 0 once no order is left in a sum
    indexes: tuple[tuple[str, str], ...] = ()  # (name, columns) of each index reads walk

    def create(self) -> str:
        keys = ", ".join(f"{name} {_KEY_TYPES.get(name, 'NOT NULL')}" for name, _ in self.keys)
        values = ", ".join(f"{name} INTEGER NOT NULL" for name, _ in self.values)
        primary = ", ".join(name for name, _ in self.keys)
        return (
            f"CREATE TABLE {self.table} ({keys}, {values}, PRIMARY KEY ({primary})) WITHOUT ROWID"
        )

    def create_indexes(self) -> tuple[str, ...]:
        return tuple(
            f"CREATE INDEX IF NOT EXISTS {self.table}_{name} ON {self.table} ({columns})"
            for name, columns in self.indexes
        )

    def add(self, which: str, sign: int) -> str:
        """Add (`sign` 1) or take out (-1) the orders `which` selects."""
        names = ", ".join(name for name, _ in (*self.keys, *self.values))
        keys = ", ".join(expression for _, expression in self.keys)
        summed = ", ".join(
            f"min({expression})"
            if name == "first_id"
            else f"{sign} * coalesce(sum({expression}), 0)"
            for name, expression in self.values
        )
        updates = ", ".join(
            f"{name} = min({name}, excluded.{name})"
            if name == "first_id"
            else f"{name} = {name} + excluded.{name}"
            for name, _ in self.values
        )
        primary = ", ".join(name for name, _ in self.keys)
        return (
            f"INSERT INTO {self.table} ({names}) SELECT {keys}, {summed} FROM orders"
            f" WHERE {which} AND {self.rows} GROUP BY {keys}"
            f" ON CONFLICT ({primary}) DO UPDATE SET {updates}"
        )

    def prune(self) -> str:
        return f"DELETE FROM {self.table} WHERE {self.kept} = 0"


_KEY_TYPES = {"panel_id": "INTEGER NOT NULL REFERENCES panels(id) ON DELETE CASCADE"}
_DAY = ("day", "coalesce(day, '')")
_PANEL = ("panel_id", "panel_id")
_CURRENCY = ("currency_key", "currency_key")
_MONEY = (
    ("orders", "counted = 1"),
    ("cost", "coalesce(cost_units, 0)"),
    ("sold", "sell_units IS NOT NULL"),
    ("sell", "coalesce(sell_units, 0)"),
    ("profit", "coalesce(sell_units - cost_units, 0)"),
)
PANEL_DAYS = Summary(
    "panel_days", (_DAY, _PANEL, _CURRENCY),
    (("members", "1"), *_MONEY, ("spent", "coalesce(spent_units, 0)")),
    "counted IS NOT NULL", "members",
)  # fmt: skip
# Indexed (schema 13) in the order a report by day and service lists the sums, with
# every column it reads (`store.reports`).
SERVICE_DAYS = Summary(
    "service_days",
    (_DAY, _PANEL, _CURRENCY, ("service_id", "service_id"), ("service_name", "service_name")),
    _MONEY, "counted = 1", "orders",
    indexes=(("report", "day, currency_key, cost DESC, service_name, panel_id, service_id,"
                        " orders, sold, sell, profit"),),
)  # fmt: skip
# By the category an order's service has in the catalogue (`derived.category`), in the
# order a report by day and category groups them (schema 15).
CATEGORY_DAYS = Summary(
    "category_days", (_DAY, _CURRENCY, ("category", "category"), _PANEL),
    _MONEY, "counted = 1", "orders",
)  # fmt: skip
CUSTOMER_DAYS = Summary(
    "customer_days", (_DAY, ("customer_key", "customer_key"), _CURRENCY, _PANEL),
    _MONEY, "counted = 1", "orders",
)  # fmt: skip
SERVICE_OUTCOMES = Summary(
    "service_outcomes",
    (_PANEL, ("service_id", "service_id"), ("outcome", "coalesce(outcome, '')"), _CURRENCY),
    (
        ("orders", "1"), ("charged", "charge_units IS NOT NULL"),
        ("charge", "coalesce(charge_units, 0)"), ("odd", "charge_odd"),
        ("started", "coalesce(to_start_s >= 0, 0)"),
        ("timed", "coalesce(outcome = 'completed' AND to_finish_s >= 0, 0)"),
        ("first_id", "id"),
    ),
    "scored = 1", "orders",
)  # fmt: skip
SUMMARIES = (PANEL_DAYS, SERVICE_DAYS, CATEGORY_DAYS, CUSTOMER_DAYS, SERVICE_OUTCOMES)


# The days on which a service's sums carry two names (orders placed before and after a
# renaming): a report by day and service reads its lines as `service_days` lists them
# unless one of these days is in its range (`store.reports`). Noted when the second name's
# row is added; a day stays noted after the orders that made it so move or go (a report
# over it then only adds up, correctly, what it need not). Looking for such days in the
# rows read took 25-36 ms of a 120-205 ms report (35,000 lines, bench/reports.py).
_RENAMED_DAYS = (
    "CREATE TABLE IF NOT EXISTS service_days_renamed (day TEXT PRIMARY KEY) WITHOUT ROWID",
    """CREATE TRIGGER IF NOT EXISTS service_days_renamed AFTER INSERT ON service_days
    WHEN EXISTS (
        SELECT 1 FROM service_days s WHERE s.day = NEW.day AND s.panel_id = NEW.panel_id
            AND s.currency_key = NEW.currency_key AND s.service_id = NEW.service_id
            AND s.service_name != NEW.service_name)
    BEGIN INSERT OR IGNORE INTO service_days_renamed (day) VALUES (NEW.day); END""",
)


def create(conn: sqlite3.Connection) -> None:
    """The tables, filled from every order's columns."""
    for summary in SUMMARIES:
        _create(conn, summary)
    note_renamed_days(conn)


def create_missing(conn: sqlite3.Connection) -> None:
    """The tables a history lacks (it was written before them), filled."""
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    for summary in SUMMARIES:
        if summary.table not in tables:
            _create(conn, summary)


def _create(conn: sqlite3.Connection, summary: Summary) -> None:
    conn.execute(summary.create())
    conn.execute(summary.add("1", 1))
    index(conn, summary)


def note_renamed_days(conn: sqlite3.Connection) -> None:
    """The table of days with a renamed service, filled from `service_days`, and the
    trigger that keeps it (schema 14)."""
    for statement in _RENAMED_DAYS:
        conn.execute(statement)
    conn.execute("DELETE FROM service_days_renamed")
    conn.execute(
        "INSERT INTO service_days_renamed (day) SELECT DISTINCT day FROM service_days"
        " GROUP BY day, panel_id, currency_key, service_id HAVING count(*) > 1"
    )


def index(conn: sqlite3.Connection, summary: Summary) -> None:
    """The indexes of `summary` its table lacks."""
    for statement in summary.create_indexes():
        conn.execute(statement)


def recount(conn: sqlite3.Connection, summary: Summary) -> None:
    """The sums of `summary` added up again from every order (its rules changed)."""
    conn.execute(f"DELETE FROM {summary.table}")
    conn.execute(summary.add("1", 1))


def recount_days(conn: sqlite3.Connection) -> None:
    """The sums by day added up again (the orders' days moved)."""
    for summary in SUMMARIES:
        if any(name == "day" for name, _ in summary.keys):
            recount(conn, summary)
    note_renamed_days(conn)

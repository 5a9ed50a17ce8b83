"""The sums the spending reports are made of, read in one aggregate query.

SQLite does the grouping: by period (the user's local day, week or month of placing),
by the group asked (panel, service, category or customer) and by currency. Money stays
exact: amounts are TEXT, which SQLite would add as floating point, so each is turned into
whole units of 10^-7 (the panel software keeps seven decimals) and those integers are
summed. That is exact for every amount under 10^8 with at most seven decimals; the
query counts the amounts that are not, and then `exact_rows` gives the amounts
themselves with how many orders share each, for the caller to add as `Decimal`. The
integer sums made the report over 100,000 orders ten times faster than bringing every
amount to Python (bench/reports.py).

Read-only: `ReportQueries` only ever runs SELECTs, on the calling thread's connection.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from .codec import dt_from_db, dt_to_db
from .db import Database
from .store import Store


class Bucket(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


class Grouping(StrEnum):
    PANEL = "panel"
    SERVICE = "service"
    CATEGORY = "category"
    CUSTOMER = "customer"


UNITS_PER_AMOUNT = 10_000_000  # 10^7: the amounts' smallest step
_LARGEST_EXACT = "100000000"
# What an order cost: the panel's last word on it; its estimate until the panel said;
# nothing once canceled, refunded or failed (the panel gave the money back).
SPENT = (
    "(CASE WHEN o.state IN ('canceled', 'refunded', 'failed') THEN '0'"
    " ELSE coalesce(o.charge, o.charge_estimate) END)"
)
_GROUPS = {
    # `+o.panel_id`: grouping by the bare column makes SQLite walk the orders by service
    # index, a row lookup per order (twice as slow as a scan and a sort).
    Grouping.PANEL: ("CAST(+o.panel_id AS TEXT)", "coalesce(p.name, o.panel_id)"),
    Grouping.SERVICE: ("o.panel_id || ':' || o.service_id", "max(o.service_name)"),
    Grouping.CATEGORY: ("coalesce(s.category, o.service_name)",) * 2,
    Grouping.CUSTOMER: ("o.customer", "max(o.customer)"),
}


def period_sql(bucket: Bucket, week_start: int) -> str:
    """The local date a period starts on, as SQLite computes it from `o.created_at`.
    `week_start`: ISO weekday (1 Monday … 7 Sunday) that weeks begin on."""
    if bucket is Bucket.DAY:
        return "date(o.created_at, 'localtime')"
    if bucket is Bucket.WEEK:
        return f"date(o.created_at, 'localtime', '-6 days', 'weekday {week_start % 7}')"
    return "date(o.created_at, 'localtime', 'start of month')"


def _units(amount: str) -> str:
    return f"CAST(round(({amount}) * {UNITS_PER_AMOUNT}.0) AS INTEGER)"


def _inexact(amount: str) -> str:
    """SQL true when `amount` would not survive the trip through units."""
    if amount == "NULL":
        return "0"
    return (
        f"(abs({amount}) >= {_LARGEST_EXACT} OR instr({amount}, 'E') > 0"
        f" OR (instr({amount}, '.') > 0 AND length({amount}) - instr({amount}, '.') > 7))"
    )


@dataclass(frozen=True, slots=True)
class SpendSum:
    """The placed orders of one period, group and currency: `spent` in units of 10^-7;
    of them, `priced` have a sell price, adding up to `sales`, and cost `priced_spent`."""

    period: str  # ISO date the period starts on
    group_key: str
    group_label: str
    currency: str
    orders: int
    spent: int
    priced: int
    sales: int
    priced_spent: int


@dataclass(frozen=True, slots=True)
class SpendRow:
    """`orders` placed orders of one period, group and currency that cost `spent` each
    and sold for `sell_price` (None: no sell price): the exact way, for amounts that
    integer units cannot hold."""

    period: str
    group_key: str
    group_label: str
    currency: str
    spent: str | None
    sell_price: str | None
    orders: int


class Inexact(Exception):
    """Some amount of the range is too large or too fine for integer units."""


@dataclass(frozen=True, slots=True)
class OrderSpan:
    """How many placed orders the history holds, and when the first and last were placed."""

    orders: int
    first: datetime | None
    last: datetime | None


class ReportQueries:
    """Aggregate reads for the reports; built over a `Store`, never writes."""

    def __init__(self, store: Store) -> None:
        self._db: Database = store._db  # the store package's own connection holder

    @property
    def has_annotations(self) -> bool:
        """Whether orders carry a customer and a sell price (schema 9 onwards)."""
        columns = {row[1] for row in self._db.query("PRAGMA table_info(orders)")}
        return {"customer", "sell_price"} <= columns

    def spend_sums(
        self, start: datetime, end: datetime, bucket: Bucket, grouping: Grouping, week_start: int
    ) -> list[SpendSum]:
        """Placed orders created in [start, end), summed by period, group and currency.
        Raises `Inexact` when an amount cannot be summed as integer units."""
        price = "o.sell_price" if self.has_annotations else "NULL"
        spent, sold = _units(SPENT), _units(price)
        sql = self._select(
            grouping,
            f"count(*), sum({spent}), count({price}), sum({sold}),"
            f" sum(CASE WHEN {price} IS NOT NULL THEN {spent} END),"
            f" max({_inexact(SPENT)} OR {_inexact(price)})",
            f"{period_sql(bucket, week_start)} AS period",
            "",
        )
        try:
            rows = self._db.query(sql, (dt_to_db(start), dt_to_db(end)))
        except sqlite3.OperationalError as error:  # a sum beyond 64 bits
            raise Inexact(str(error)) from error
        if any(row[9] for row in rows):
            raise Inexact("an amount has more than seven decimals or is above 10^8")
        return [
            SpendSum(r[0], r[1], str(r[2]), r[3], r[4], r[5] or 0, r[6], r[7] or 0, r[8] or 0)
            for r in rows
        ]

    def exact_rows(
        self, start: datetime, end: datetime, bucket: Bucket, grouping: Grouping, week_start: int
    ) -> Iterator[SpendRow]:
        """The same orders counted by amount and sell price: slower (about one row per
        order), for the rare history that `spend_sums` cannot add up."""
        price = "o.sell_price" if self.has_annotations else "NULL"
        sql = self._select(
            grouping,
            f"{SPENT} AS spent, {price} AS price, count(*)",
            f"{period_sql(bucket, week_start)} AS period",
            ", spent, price",
        )
        for row in self._db.connection.execute(sql, (dt_to_db(start), dt_to_db(end))):
            yield SpendRow(row[0], row[1], str(row[2]), row[3], row[4], row[5], row[6])

    def _select(self, grouping: Grouping, values: str, period: str, more_keys: str) -> str:
        if grouping is Grouping.CUSTOMER and not self.has_annotations:
            raise ValueError("orders carry no customer in this history")
        key, label = _GROUPS[grouping]
        joins = ""
        if grouping is Grouping.PANEL:
            joins = " LEFT JOIN panels p ON p.id = o.panel_id"
        elif grouping is Grouping.CATEGORY:
            joins = (
                " LEFT JOIN services s ON s.panel_id = o.panel_id AND s.service_id = o.service_id"
            )
        return (
            f"SELECT {period}, {key} AS group_key, {label}, coalesce(o.currency, ''), {values}"
            f" FROM orders o{joins}"
            " WHERE o.journal_state = 'placed' AND o.created_at >= ? AND o.created_at < ?"
            f" GROUP BY period, group_key, o.currency{more_keys}"
        )

    def order_span(self) -> OrderSpan:
        row = self._db.query_one(
            "SELECT count(*), min(created_at), max(created_at) FROM orders"
            " WHERE journal_state = 'placed'"
        )
        if row is None or not row[0]:
            return OrderSpan(0, None, None)
        return OrderSpan(row[0], dt_from_db(row[1]), dt_from_db(row[2]))

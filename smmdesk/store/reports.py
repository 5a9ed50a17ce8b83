"""The sums the spending reports are made of: spend, sell and profit by period, group and
currency, added up by SQLite exactly, by the same rules as every other total.

The rules are `services.profit`'s (an order counts at what was delivered; partial and
canceled ones by the delivered share, the charge scaled only when it is the full one;
refunded and failed ones at nothing) and the SQL that applies them in integer units of
10^-7 is `store.money`'s: this module builds its query from the same expressions, only
grouped by period (the user's local day, week or month of placing) and by panel,
service, category or customer as well as by currency. Orders whose amounts SQLite cannot
add exactly come back as `MoneyFacts` for the Python rules, as there. A test holds the
report's totals to `money_sums`' for the same orders.

Measured (bench/reports.py): the per-order rows are a co-routine (`LIMIT -1`), because a
flattened subquery pastes the exactness test into every use of the amounts it guards,
which made the query four times slower. The range is read through the created_at index:
as fast as a scan for a whole year of 100,000 orders, and a week of them in 14 ms
instead of 110.

Read-only: `ReportQueries` only ever runs SELECTs, on the calling thread's connection.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import NamedTuple

from smmdesk.api import OrderState

from . import order_view
from .codec import dec_from_db, dt_from_db, dt_to_db
from .db import Database, GuardedCursor
from .money import _HALF_EVEN, _PLAIN, _SHARE, _TOTAL, _UNITS
from .records import JournalState, MoneyFacts
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


# (the group's key, an expression whose max() labels it)
_GROUPS = {
    # `+o.panel_id`: grouping by the bare column makes SQLite walk the orders by the
    # service index, a row lookup per order (twice as slow as a scan and a sort).
    Grouping.PANEL: ("CAST(+o.panel_id AS TEXT)", "coalesce(p.name, CAST(o.panel_id AS TEXT))"),
    Grouping.SERVICE: ("o.panel_id || ':' || o.service_id", "o.service_name"),
    Grouping.CATEGORY: ("coalesce(sv.category, o.service_name)",) * 2,
    Grouping.CUSTOMER: ("o.customer", "o.customer"),
}
_JOINS = {
    Grouping.PANEL: " LEFT JOIN panels p ON p.id = o.panel_id",
    Grouping.CATEGORY: (
        " LEFT JOIN services sv ON sv.panel_id = o.panel_id AND sv.service_id = o.service_id"
    ),
}
_ROWS = f"""
    SELECT period, gk, gl, coalesce(currency, '') AS cur, c, e, s,
        CASE WHEN share IS NULL THEN {_TOTAL} - remains ELSE share END AS d,
        CASE WHEN share IS NULL THEN {_TOTAL} ELSE 1 END AS t,
        CASE WHEN {_PLAIN.format(x="c")}
              AND (e IS NULL OR {_PLAIN.format(x="e")})
              AND (s IS NULL OR {_PLAIN.format(x="s")})
              AND max(CAST(c AS REAL), coalesce(CAST(e AS REAL), 0), coalesce(CAST(s AS REAL), 0))
                  * 1e7 * max({_TOTAL}, 1) < 9e18
             THEN 1 ELSE 0 END AS fast,
        id, journal_state, state, quantity, runs, remains, charge, charge_estimate, sell_price
    FROM (SELECT o.id, o.journal_state, o.state, o.quantity, o.runs, o.remains, o.charge,
                 o.charge_estimate, o.sell_price, o.currency,
                 {{period}} AS period, {{key}} AS gk, {{label}} AS gl,
                 coalesce(o.charge, o.charge_estimate) AS c, o.charge_estimate AS e,
                 o.sell_price AS s, {_SHARE} AS share
          FROM orders o{{joins}}
          WHERE o.journal_state = 'placed' AND o.tab != ?
            AND o.created_at >= ? AND o.created_at < ?)
    WHERE c IS NOT NULL LIMIT -1"""
_UNIT_ROWS = f"""
    SELECT period, gk, gl, cur, cu, su, CASE WHEN cu IS NULL THEN NULL
        WHEN d = t OR (e IS NOT NULL AND
            abs(cu * 1.0 * t - {_UNITS.format(x="e")} * 1.0 * d)
            < abs(cu - {_UNITS.format(x="e")}) * 1.0 * t)
        THEN cu ELSE {_HALF_EVEN.format(a="cu * d", b="t")} END AS cost,
        CASE WHEN su IS NULL OR d = t THEN su ELSE {_HALF_EVEN.format(a="su * d", b="t")} END
            AS sell
    FROM (SELECT *, CASE WHEN fast = 1 THEN {_UNITS.format(x="c")} END AS cu,
                 CASE WHEN fast = 1 AND s IS NOT NULL THEN {_UNITS.format(x="s")} END AS su
          FROM rows LIMIT -1)"""
_SUMS = f"""
    WITH rows AS ({_ROWS}), units AS ({_UNIT_ROWS})
    SELECT period, gk, max(gl), cur, count(cost), coalesce(sum(cost), 0), count(sell),
           coalesce(sum(sell), 0), coalesce(sum(sell - cost), 0), count(*) - count(cost)
    FROM units GROUP BY period, gk, cur"""
_FACTS = f"""
    WITH rows AS ({_ROWS})
    SELECT period, gk, gl, journal_state, state, quantity, runs, remains, charge,
           charge_estimate, sell_price, cur FROM rows {{which}}"""
_STATES = {state.value: state for state in OrderState}


def period_sql(bucket: Bucket, week_start: int) -> str:
    """The local date a period starts on, as SQLite computes it from `o.created_at`.
    `week_start`: ISO weekday (1 Monday … 7 Sunday) that weeks begin on."""
    if bucket is Bucket.DAY:
        return "date(o.created_at, 'localtime')"
    if bucket is Bucket.WEEK:
        return f"date(o.created_at, 'localtime', '-6 days', 'weekday {week_start % 7}')"
    return "date(o.created_at, 'localtime', 'start of month')"


class SpendSum(NamedTuple):
    """One period, group and currency, in units of 10^-7: the orders with a cost, their
    spend; how many have a sell price, their sell and profit. A tuple: a report by day and
    service has tens of thousands of them."""

    period: str  # ISO date the period starts on
    group_key: str
    group_label: str
    currency: str
    orders: int
    spend_units: int
    sold: int
    sell_units: int
    profit_units: int


@dataclass(frozen=True, slots=True)
class GroupedFacts:
    """An order SQLite could not add up exactly, with its period and group."""

    period: str
    group_key: str
    group_label: str
    facts: MoneyFacts


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
    def has_customers(self) -> bool:
        """Whether orders carry a customer and a sell price (schema 9 onwards)."""
        columns = {row[1] for row in self._db.query("PRAGMA table_info(orders)")}
        return {"customer", "sell_price"} <= columns

    def spend_sums(
        self, start: datetime, end: datetime, bucket: Bucket, grouping: Grouping, week_start: int
    ) -> tuple[list[SpendSum], list[GroupedFacts]]:
        """Placed orders created in [start, end) with a cost, summed by period, group and
        currency where SQLite adds them exactly; the facts of the others. Sums beyond
        64-bit integers raise `OverflowError` (then `all_facts` is the way)."""
        sql, params = self._query(_SUMS, start, end, bucket, grouping, week_start)
        cursor = self._db.connection.cursor(GuardedCursor)
        cursor.row_factory = None  # plain tuples: a third of the time of `sqlite3.Row`s
        try:
            rows = cursor.execute(sql, params).fetchall()
        except sqlite3.OperationalError as error:
            if "overflow" in str(error):
                raise OverflowError(str(error)) from error
            raise
        sums = [SpendSum._make(row[:9]) for row in rows if row[4]]
        if not any(row[9] for row in rows):  # the rule, not the exception: one pass
            return sums, []
        slow = _FACTS.replace("{which}", "WHERE fast = 0")
        return sums, self._facts(slow, start, end, bucket, grouping, week_start)

    def all_facts(
        self, start: datetime, end: datetime, bucket: Bucket, grouping: Grouping, week_start: int
    ) -> list[GroupedFacts]:
        """Every order of `spend_sums` as facts, for the Python rules."""
        return self._facts(_FACTS.replace("{which}", ""), start, end, bucket, grouping, week_start)

    def _facts(self, template: str, *asked: object) -> list[GroupedFacts]:
        sql, params = self._query(template, *asked)  # type: ignore[arg-type]
        rows = self._db.query(sql, params)
        return [GroupedFacts(r[0], r[1], str(r[2]), _money_facts(r)) for r in rows]

    def _query(
        self,
        template: str,
        start: datetime,
        end: datetime,
        bucket: Bucket,
        grouping: Grouping,
        week_start: int,
    ) -> tuple[str, list[object]]:
        if grouping is Grouping.CUSTOMER and not self.has_customers:
            raise ValueError("orders carry no customer in this history")
        key, label = _GROUPS[grouping]
        sql = (
            template.replace("{period}", period_sql(bucket, week_start))
            .replace("{key}", key)
            .replace("{label}", label)
            .replace("{joins}", _JOINS.get(grouping, ""))
        )
        return sql, [order_view.DUPLICATE_TAB, dt_to_db(start), dt_to_db(end)]

    def order_span(self) -> OrderSpan:
        """Three index reads: one query doing all three scanned the table (188 ms at
        100,000 orders; now 18 ms)."""
        placed = "FROM orders WHERE journal_state = 'placed'"
        counted = self._db.query_one(f"SELECT count(*) {placed}")
        if counted is None or not counted[0]:
            return OrderSpan(0, None, None)
        ends = [
            self._db.query_one(f"SELECT created_at {placed} ORDER BY created_at {way} LIMIT 1")
            for way in ("ASC", "DESC")
        ]
        first, last = (dt_from_db(end[0]) if end else None for end in ends)
        return OrderSpan(counted[0], first, last)


def _money_facts(row: sqlite3.Row) -> MoneyFacts:
    """Columns 3 to 11 of a `_FACTS` row."""
    state = row[4]
    return MoneyFacts(
        JournalState(row[3]), None if state is None else _STATES[state], row[5], row[6],
        row[7], dec_from_db(row[8]), dec_from_db(row[9]), dec_from_db(row[10]), row[11],
    )  # fmt: skip
